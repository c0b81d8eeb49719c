#!/usr/bin/env bash
# Runs every test of the solution (xunit v3 on Microsoft.Testing.Platform).
set -euo pipefail
cd "$(dirname "$0")"
dotnet build Ioc.sln -c Release -nologo -clp:ErrorsOnly
dotnet test --solution Ioc.sln -c Release --no-build
