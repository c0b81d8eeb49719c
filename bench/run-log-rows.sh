#!/usr/bin/env bash
# What a row of the wards' SQLite log costs by how its rounds are made up (issue 11's ingest ceiling):
# bench/Ioc.Bench.LogRows writes the log's table with SqliteWardLog's statements, rounds of B batches of
# R rows over 126 wards in turn, and prints CPU and commit time per row; appends to bench/results/log-rows.md.
#   SHAPES=1x2,4x2,16x2,64x2,256x2,30x30 ROWS=200000 PAGE_SIZE=4096 STAGED=0 (or N: staged, moved N rows at a time) OUT=bench/results/log-rows.md SKIP_BUILD=1
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
source bench/lib/center.sh
SHAPES="${SHAPES:-1x2,4x2,16x2,64x2,256x2,30x30}"; ROWS="${ROWS:-200000}"; PAGE_SIZE="${PAGE_SIZE:-4096}"; STAGED="${STAGED:-0}"
OUT="${OUT:-bench/results/log-rows.md}"
DLL="bench/Ioc.Bench.LogRows/bin/Release/net10.0/Ioc.Bench.LogRows.dll"
[[ "${SKIP_BUILD:-}" == 1 ]] || dotnet build -c Release -nologo -v quiet bench/Ioc.Bench.LogRows/Ioc.Bench.LogRows.csproj
RESULT="$(dotnet "$DLL" --rounds-of "$SHAPES" --rows "$ROWS" --page-size "$PAGE_SIZE" --staged "$STAGED")"
{
  echo
  echo "## $(date -u +%Y-%m-%dT%H:%MZ) — $(bench_revision)"
  echo
  echo "Machine: $(bench_machine). Command: \`SHAPES=$SHAPES ROWS=$ROWS PAGE_SIZE=$PAGE_SIZE STAGED=$STAGED bench/run-log-rows.sh\`"
  echo
  echo "$RESULT"
} | tee -a "$OUT"
