#!/usr/bin/env bash
# What one wait forecast costs (QueueForecast.CallAt, run for every ticket issued): three hall shapes,
# 200 seeded halls each, µs and bytes allocated per forecast, and a checksum of every answer (the same
# checksum from two builds means the same estimates). Appends to bench/results/forecast.md.
#   ROUNDS=5 OUT=bench/results/forecast.md SKIP_BUILD=1
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
ROUNDS="${ROUNDS:-5}"
OUT="${OUT:-bench/results/forecast.md}"
DLL="bench/Ioc.Bench.Forecast/bin/Release/net10.0/Ioc.Bench.Forecast.dll"
[[ "${SKIP_BUILD:-}" == 1 ]] || dotnet build -c Release -nologo -v quiet bench/Ioc.Bench.Forecast/Ioc.Bench.Forecast.csproj
RESULT="$(dotnet "$DLL" "$ROUNDS")"
{
  echo
  echo "## $(date -u +%Y-%m-%dT%H:%MZ) — $(git rev-parse --short HEAD)"
  echo
  echo "Machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, CPU $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs). Command: \`ROUNDS=$ROUNDS bench/run-forecast.sh\`"
  echo
  echo "$RESULT"
} | tee -a "$OUT"
