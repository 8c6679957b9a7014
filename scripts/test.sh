#!/usr/bin/env bash
# Runs every test, unit and integration, against real Postgres+pgvector and Redis that it brings up itself
# (scripts/infra.sh up). Extra arguments go to `dotnet test`, e.g. --project tests/Domain.UnitTests.
# TRX results land in artifacts/test-results/ (one file per test project).
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/infra.sh up >/dev/null
eval "$(scripts/infra.sh env)"

# The whole solution, unless the caller names what to test (dotnet test takes only one of these).
target=(--solution MediaGateway.sln)
for arg in "$@"; do
  case "$arg" in --project | --solution | --directory | --test-modules) target=() ;; esac
done

rm -rf artifacts/test-results
dotnet test "${target[@]}" --configuration Release \
  --results-directory "$PWD/artifacts/test-results" --report-xunit-trx "$@"
