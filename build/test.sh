#!/usr/bin/env bash
# Runs every test of the repository: unit tests, the sample API's tests and the end-to-end tests that pack
# LoadTest.Sdk and build real consumer projects. Usage: bash build/test.sh [extra dotnet test arguments]
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build LoadTest.Sdk.sln -c Release
dotnet test LoadTest.Sdk.sln -c Release --no-build "$@"
