#!/usr/bin/env bash
# Runs every test of the repository: unit tests, the sample API's tests and the end-to-end tests that pack
# LoadTest.Sdk and build real consumer projects. Usage: bash build/test.sh [extra dotnet test arguments]
set -euo pipefail
cd "$(dirname "$0")/.."
log=$(mktemp)
trap 'rm -f "$log"' EXIT

dotnet build LoadTest.Sdk.sln -c Release
set +e
# -m:1: one test project at a time, so the engine's schedule tests and the end-to-end builds do not compete for
# the two cores (they measure the engine, not the machine's contention).
dotnet test LoadTest.Sdk.sln -c Release --no-build -m:1 "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e

# One closing line over all test projects, from VSTest's per-project summaries ("Failed: 0, Passed: 25, ...").
count() { grep -oE "$1: +[0-9]+" "$log" | awk '{ n += $2 } END { print n + 0 }'; }
passed=$(count Passed); failed=$(count Failed); skipped=$(count Skipped)
echo "tests: $passed passed, $failed failed, $skipped skipped"
exit "$status"
