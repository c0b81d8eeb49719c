#!/usr/bin/env bash
# What reading and checking a telemetry batch costs (issue 11's ingest ceiling): bodies shaped as the
# ingest generator's batch-100 robot bodies, read by the center's BodyReader and TelemetryParser
# (every telemetry-v1 check), interleaved round by round with System.Text.Json's JsonDocument
# reading the same bytes (the bare endpoint's work), in one process. Prints ns and bytes allocated
# per event and the ratio; appends to bench/results/parse.md.
#   BODIES=200 EVENTS=100 BUSINESS=3 ROUNDS=40 OUT=bench/results/parse.md SKIP_BUILD=1
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
source bench/lib/center.sh
BODIES="${BODIES:-200}"; EVENTS="${EVENTS:-100}"; BUSINESS="${BUSINESS:-3}"; ROUNDS="${ROUNDS:-40}"
OUT="${OUT:-bench/results/parse.md}"
DLL="bench/Ioc.Bench.Parse/bin/Release/net10.0/Ioc.Bench.Parse.dll"
[[ "${SKIP_BUILD:-}" == 1 ]] || dotnet build -c Release -nologo -v quiet bench/Ioc.Bench.Parse/Ioc.Bench.Parse.csproj
RESULT="$(dotnet "$DLL" --bodies "$BODIES" --events "$EVENTS" --business "$BUSINESS" --rounds "$ROUNDS")"
{
  echo
  echo "## $(date -u +%Y-%m-%dT%H:%MZ) — $(bench_revision)"
  echo
  echo "Machine: $(bench_machine). Command: \`BODIES=$BODIES EVENTS=$EVENTS BUSINESS=$BUSINESS ROUNDS=$ROUNDS bench/run-parse.sh\`"
  echo
  echo "$RESULT"
} | tee -a "$OUT"
