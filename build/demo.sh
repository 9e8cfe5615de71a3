#!/usr/bin/env bash
# The main job, end to end: pack LoadTest.Sdk, build the sample load-test project (which generates the k6 scripts and
# C# scenarios from samples/ShopApi/openapi.yaml), run its load tests against the embedded sample API on a loopback
# port, and print where the report is. Environment variables override the profile (see README).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
version=0.1.0-dev
packages="$root/artifacts/packages"

dotnet pack src/LoadTest.Sdk/LoadTest.Sdk.csproj -c Release -o "$packages" -p:Version=$version
# The same version is repacked on every run: drop the cached copy so restore takes the new one.
cache="${NUGET_PACKAGES:-$HOME/.nuget/packages}"
rm -rf "$cache/loadtest.sdk/$version"

export LOADTEST_PROFILE="${LOADTEST_PROFILE:-load}"
export LOADTEST_TIME_SCALE="${LOADTEST_TIME_SCALE:-0.05}"
export LOADTEST_VUS="${LOADTEST_VUS:-150}"
export LOADTEST_RESULTS_DIR="${LOADTEST_RESULTS_DIR:-$root/artifacts/loadtest-results}"
set +e
dotnet test samples/ShopApi.LoadTests/ShopApi.LoadTests.csproj --filter "Category=Load" -p:LoadTestSdkVersion=$version \
  --logger "console;verbosity=normal"
status=$?
set -e
echo
echo "k6 scripts:  $root/samples/ShopApi.LoadTests/load-tests/"
echo "Report:      $(find "$LOADTEST_RESULTS_DIR" -name report.md -newer "$packages/LoadTest.Sdk.$version.nupkg" 2>/dev/null | head -n 5 | tr '\n' ' ')"
exit $status
