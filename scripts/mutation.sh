#!/usr/bin/env bash
# Mutation testing (Stryker.NET) of Domain and Application with their unit tests. Slow (tens of minutes on
# two cores), so not part of CI: run it before a release or after changing rules, and update docs/testing.md
# with the scores and every surviving mutant (killed by a new test, or explained as equivalent).
#
#   scripts/mutation.sh                 # Domain, then Application
#   scripts/mutation.sh domain          # one of them
#   scripts/mutation.sh application --mutate '**/Sync/**/*.cs'   # extra arguments go to Stryker
#
# Reports land in artifacts/mutation/<project>/ (reports/mutation-report.html and .json, and a Markdown
# summary). STRYKER_CONCURRENCY sets the test processes run at once (default 1: the machine is shared).
set -euo pipefail
cd "$(dirname "$0")/.."

dotnet tool restore >/dev/null

targets=(domain application)
if [[ $# -gt 0 && ( "$1" == domain || "$1" == application ) ]]; then
  targets=("$1")
  shift
fi

for target in "${targets[@]}"; do
  case "$target" in
    domain) project=Domain.csproj tests=tests/Domain.UnitTests ;;
    application) project=Application.csproj tests=tests/Application.UnitTests ;;
  esac
  output="$PWD/artifacts/mutation/$target"
  rm -rf "$output"
  # xunit v3 on Microsoft.Testing.Platform: the mtp runner. Stryker works from the test project's folder, and
  # in Debug, so it never swaps the mutated assembly into the Release output that builds and test runs use.
  (cd "$tests" && dotnet stryker \
    --project "$project" \
    --test-runner mtp \
    --configuration Debug \
    --concurrency "${STRYKER_CONCURRENCY:-1}" \
    --reporter Progress --reporter Html --reporter Json --reporter Markdown --reporter ClearText \
    --output "$output" \
    --skip-version-check \
    "$@")
done
