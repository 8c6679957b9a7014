#!/usr/bin/env bash
# Runs every test, unit and integration, against real Postgres+pgvector and Redis that it brings up itself
# (scripts/infra.sh up). Extra arguments go to `dotnet test`, e.g. --project tests/Domain.UnitTests.
# TRX results land in artifacts/test-results/ (one file per test project).
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/infra.sh up >/dev/null
eval "$(scripts/infra.sh env)"

rm -rf artifacts/test-results
dotnet test --solution MediaGateway.sln --configuration Release \
  --results-directory "$PWD/artifacts/test-results" --report-xunit-trx "$@"
