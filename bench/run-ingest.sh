#!/usr/bin/env bash
# Ingest benchmark: the center as its own process (embedded silo + ingest + read API, SQLite
# grain state in a fresh temp folder) on a free loopback port, and the load generator
# bench/Ioc.Bench.Ingest as a second process. Builds both in Release, provisions the devices,
# drives POST /api/v1/telemetry at each batch size, checks that every event was applied,
# stops the center by PID and appends the results to bench/results/ingest.md.
#
# Settings (environment):
#   DEVICES=3000 CONCURRENCY=32 BATCHES=1,100,1000 WARMUP=5 DURATION=25
#   BUSINESS_SHARE=0.025        business events among a robot's/counter's events
#   RPS= BURST=                 per-device rate limit given to the center (Ioc:Ingest:RequestsPerSecond,
#                               Ioc:Ingest:Burst); empty = the center's defaults (20/s, burst 60)
#   OUT=bench/results/ingest.md SKIP_BUILD=1 KEEP_DATA=1
#   BUSINESS_START=             RFC 3339 instant for the center's business clock (Ioc:Clock:Start);
#                               set automatically when the run would cross midnight in Hanoi, since
#                               the wards' "today" counts restart at midnight
#   DOTNET_COUNTERS=            path to dotnet-counters (optional, adds the center's GC heap)
#   DOTNET_GCDUMP=              path to dotnet-gcdump (optional, adds the live heap after a full GC)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

DEVICES="${DEVICES:-3000}"
CONCURRENCY="${CONCURRENCY:-32}"
BATCHES="${BATCHES:-1,100,1000}"
WARMUP="${WARMUP:-5}"
DURATION="${DURATION:-25}"
BUSINESS_SHARE="${BUSINESS_SHARE:-0.025}"
RPS="${RPS:-}"
BURST="${BURST:-}"
OUT="${OUT:-bench/results/ingest.md}"
BUSINESS_START="${BUSINESS_START:-}"
source bench/lib/center.sh
BENCH_DLL="bench/Ioc.Bench.Ingest/bin/$CONFIG/net10.0/Ioc.Bench.Ingest.dll"

if [[ "${SKIP_BUILD:-}" != 1 ]]; then
  echo "== building the center and the load generator ($CONFIG)"
  dotnet build -c "$CONFIG" -nologo -v quiet "$CENTER_DIR/Ioc.Dashboard.csproj"
  dotnet build -c "$CONFIG" -nologo -v quiet bench/Ioc.Bench.Ingest/Ioc.Bench.Ingest.csproj
fi

bench_prepare ingest

# The wards count "today" in Hanoi: a run that would cross midnight there runs the center on a
# business clock started at 09:00 of the Hanoi day instead (same speed as real time).
PHASES=$(( $(tr ',' '\n' <<<"$BATCHES" | grep -c .) ))
ESTIMATE=$(( 180 + PHASES * (WARMUP + DURATION + 5) ))
HANOI_SECONDS=$(( 10#$(TZ=Asia/Ho_Chi_Minh date +%H) * 3600 + 10#$(TZ=Asia/Ho_Chi_Minh date +%M) * 60 + 10#$(TZ=Asia/Ho_Chi_Minh date +%S) ))
if [[ -z "$BUSINESS_START" ]] && (( HANOI_SECONDS + ESTIMATE >= 86400 )); then
  BUSINESS_START="$(TZ=Asia/Ho_Chi_Minh date +%Y-%m-%d)T09:00:00+07:00"
  echo "== it is $(TZ=Asia/Ho_Chi_Minh date +%H:%M) in Hanoi: the center runs a business clock from $BUSINESS_START"
fi

# The generator must be the only source of events for its "every event applied" check, so the
# center's built-in demo simulator (on by default in the embedded center) is switched off.
CENTER_ARGS=(--urls "$URL" "--Ioc:DataPath=$DATA" "--Ioc:Admin:Password=$PASSWORD" "--Ioc:Simulator:Enabled=false")
[[ -n "$RPS" ]] && CENTER_ARGS+=("--Ioc:Ingest:RequestsPerSecond=$RPS")
[[ -n "$BURST" ]] && CENTER_ARGS+=("--Ioc:Ingest:Burst=$BURST")
[[ -n "$BUSINESS_START" ]] && CENTER_ARGS+=("--Ioc:Clock:Start=$BUSINESS_START")

echo "== starting the center on $URL (data $DATA)"
ANCHOR="$(date -u +%Y-%m-%dT%H:%M:%S.%3NZ)"
bench_start_center "${CENTER_ARGS[@]}"

# Optional diagnostics tools (dotnet tool install --tool-path DIR dotnet-counters / dotnet-gcdump).
COUNTERS="${DOTNET_COUNTERS:-$(command -v dotnet-counters || true)}"
[[ -z "$COUNTERS" && -x "$HOME/.dotnet/tools/dotnet-counters" ]] && COUNTERS="$HOME/.dotnet/tools/dotnet-counters"
GCDUMP="${DOTNET_GCDUMP:-$(command -v dotnet-gcdump || true)}"
[[ -z "$GCDUMP" && -x "$HOME/.dotnet/tools/dotnet-gcdump" ]] && GCDUMP="$HOME/.dotnet/tools/dotnet-gcdump"

MACHINE="$(nproc) cores (nproc), $(free -g | awk '/^Mem:/{print $2}') GiB RAM (free -g total), CPU $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(dotnet --version | sed 's/^/.NET SDK /')"
SHOWN_COMMAND="DEVICES=$DEVICES CONCURRENCY=$CONCURRENCY BATCHES=$BATCHES WARMUP=$WARMUP DURATION=$DURATION BUSINESS_SHARE=$BUSINESS_SHARE"
[[ -n "$RPS" ]] && SHOWN_COMMAND+=" RPS=$RPS"
[[ -n "$BURST" ]] && SHOWN_COMMAND+=" BURST=$BURST"
[[ -n "$COUNTERS" ]] && SHOWN_COMMAND+=" DOTNET_COUNTERS=$COUNTERS"
[[ -n "$GCDUMP" ]] && SHOWN_COMMAND+=" DOTNET_GCDUMP=$GCDUMP"
SHOWN_COMMAND+=" bench/run-ingest.sh"

REVISION="$(bench_revision)"

GEN_ARGS=(--revision "$REVISION" --url "$URL" --admin-password "$PASSWORD" --pid "$CENTER_PID"
  --devices "$DEVICES" --concurrency "$CONCURRENCY" --batches "$BATCHES"
  --warmup "$WARMUP" --duration "$DURATION" --business-share "$BUSINESS_SHARE"
  --out "$OUT" --command "$SHOWN_COMMAND" --server-command "$SERVER_COMMAND" --machine "$MACHINE")
[[ -n "$COUNTERS" ]] && GEN_ARGS+=(--dotnet-counters "$COUNTERS")
[[ -n "$GCDUMP" ]] && GEN_ARGS+=(--dotnet-gcdump "$GCDUMP")
[[ -n "$BUSINESS_START" ]] && GEN_ARGS+=(--business-start "$BUSINESS_START" --business-anchor "$ANCHOR")

echo "== running the load generator (its own process)"
set +e
dotnet "$BENCH_DLL" "${GEN_ARGS[@]}"
STATUS=$?
set -e

bench_center_alive || STATUS=1
# The grain store on disk while the center still runs (SQLite: the main file and its write-ahead log).
mib() { if [[ -f "$1" ]]; then echo $(( $(stat -c %s "$1") / 1048576 )); else echo 0; fi; }
STORE_LINE="Grain store on disk at the end (center still running): grains.db $(mib "$DATA/grains.db") MiB, grains.db-wal $(mib "$DATA/grains.db-wal") MiB."
echo "$STORE_LINE"
if [[ -f "$OUT" && ( $STATUS == 0 || $STATUS == 1 ) ]]; then printf '%s\n\n' "$STORE_LINE" >>"$OUT"; fi
WARNINGS=$(grep -c -E 'warn|fail|crit' "$DATA/center.log" || true)
echo "== center log: $WARNINGS warning/error lines ($DATA/center.log)"
if (( WARNINGS > 0 )); then grep -E -A3 'warn|fail|crit' "$DATA/center.log" | head -20; fi
exit $STATUS
