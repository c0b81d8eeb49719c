#!/usr/bin/env bash
# Live-feed benchmark: the center as its own process (embedded silo + ingest + dashboard, SQLite
# grain state in a fresh temp folder, its built-in simulator feeding all 126 wards on a 60×
# business clock as background load) on a free loopback port, and the client bench/Ioc.Bench.Live
# as a second process. Builds both in Release, then measures
#   0.  bytes per wall client and per frame: JSON and MessagePack, full `wall` frames and UseDeltas,
#   1.  event → first `wallDelta` frame / `ward` frame at a SignalR client (POST /api/v1/telemetry),
#   1b. event → DOM of the wall in Debian's Chromium (Playwright),
#   2.  how many concurrent (delta) SignalR clients get every wall frame within 1 s,
# stops the center by PID and appends the results to bench/results/live.md.
#
# Settings (environment):
#   BYTES_WINDOW=60                                    phase 0 (0 = skip)
#   DELTAS=true                 the probe and the fan-out clients call UseDeltas (false = full frames, as before)
#   REGION=                     passed on as --Ioc:Region when set (the region work); the report names it
#   SAMPLES=200 GAP=250-500 WARMUP=10 WARDS=           phase 1 (WARDS empty = quietest + busiest ward)
#   BROWSER=true BROWSER_SAMPLES=40 CHROMIUM=/usr/bin/chromium
#   CLIENTS=250,500,1000,1500,2000 WINDOW=30 SETTLE=5 DRAIN=5 CONNECT_CONCURRENCY=16 STOP_BELOW=0.5
#   PAIRS=20 PAIR_TIMEOUT=20    phase 3: pairs of events 60–180 ms apart in one ward (the ward's deferred publish)
#   QUIET_WAIT=30 QUIET_CORES=0.4   before each measured phase wait up to 30 s until other processes on
#                               the (shared) machine use at most 0.4 cores
#   SIMULATOR=true              false = no background load (for a comparison run)
#   SPEED=60                    the center's business clock speed (the simulator's default)
#   CLOCK_START=07:58           business time of day the center starts at, on the last working day
#                               in Hanoi (so the run falls in the simulator's office hours, 08:00–12:00
#                               and 13:00–17:00; at 60× the morning lasts 4 real minutes)
#   OUT=bench/results/live.md SKIP_BUILD=1 KEEP_DATA=1
#   TRACE=                      optional CSV of every sample (e.g. /tmp/live-samples.csv)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

SAMPLES="${SAMPLES:-200}"
GAP="${GAP:-250-500}"
WARMUP="${WARMUP:-10}"
WARDS="${WARDS:-}"
BROWSER="${BROWSER:-true}"
BROWSER_SAMPLES="${BROWSER_SAMPLES:-40}"
CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"
CLIENTS="${CLIENTS-250,500,1000,1500,2000}"
WINDOW="${WINDOW:-30}"
SETTLE="${SETTLE:-5}"
DRAIN="${DRAIN:-5}"
CONNECT_CONCURRENCY="${CONNECT_CONCURRENCY:-16}"
STOP_BELOW="${STOP_BELOW:-0.5}"
SPEED="${SPEED:-60}"
CLOCK_START="${CLOCK_START:-07:58}"
PAIRS="${PAIRS:-20}"
PAIR_TIMEOUT="${PAIR_TIMEOUT:-20}"
SIMULATOR="${SIMULATOR:-true}"
QUIET_WAIT="${QUIET_WAIT:-30}"
QUIET_CORES="${QUIET_CORES:-0.4}"
OUT="${OUT:-bench/results/live.md}"
BYTES_WINDOW="${BYTES_WINDOW:-60}"
DELTAS="${DELTAS:-true}"
REGION="${REGION:-}"
source bench/lib/center.sh
BENCH_DLL="bench/Ioc.Bench.Live/bin/$CONFIG/net10.0/Ioc.Bench.Live.dll"

if [[ "${SKIP_BUILD:-}" != 1 ]]; then
  echo "== building the center and the live-feed client ($CONFIG)"
  dotnet build -c "$CONFIG" -nologo -v quiet -m:2 "$CENTER_DIR/Ioc.Dashboard.csproj"
  dotnet build -c "$CONFIG" -nologo -v quiet -m:2 bench/Ioc.Bench.Live/Ioc.Bench.Live.csproj
fi

# Thousands of sockets on both ends (each process raises its own soft limit to this).
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true

bench_prepare live

# The simulator works Monday to Friday: start the business clock on the last working day in Hanoi.
DAY="$(TZ=Asia/Ho_Chi_Minh date +%Y-%m-%d)"
case "$(TZ=Asia/Ho_Chi_Minh date +%u)" in
  6) DAY="$(TZ=Asia/Ho_Chi_Minh date -d '1 day ago' +%Y-%m-%d)" ;;
  7) DAY="$(TZ=Asia/Ho_Chi_Minh date -d '2 days ago' +%Y-%m-%d)" ;;
esac
BUSINESS_START="${DAY}T${CLOCK_START}:00+07:00"

# The wall layouts copied beside the built program, so that an edit in progress under dashboards/
# cannot stop a center built before it.
LAYOUTS="$ROOT/$CENTER_DIR/bin/$CONFIG/net10.0/dashboards"
CENTER_ARGS=(--urls "$URL" "--Ioc:DataPath=$DATA" "--Ioc:Admin:Password=$PASSWORD"
  "--Ioc:Clock:Speed=$SPEED" "--Ioc:Clock:Start=$BUSINESS_START")
[[ -f "$LAYOUTS/wall.json" ]] && CENTER_ARGS+=("--Ioc:DashboardsPath=$LAYOUTS")
[[ "$SIMULATOR" == false ]] && CENTER_ARGS+=("--Ioc:Simulator:Enabled=false")
[[ -n "$REGION" ]] && CENTER_ARGS+=("--Ioc:Region=$REGION")

echo "== starting the center on $URL (data $DATA, business clock ${SPEED}× from $BUSINESS_START)"
bench_start_center "${CENTER_ARGS[@]}"

LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"
MACHINE="$(nproc) cores (nproc), $(free -m | awk '/^Mem:/{printf "%.1f", $2/1024}') GiB RAM (free), CPU $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(dotnet --version | sed 's/^/.NET SDK /'), $("$CHROMIUM" --version 2>/dev/null | head -1 || echo 'no Chromium'); load average (1/5/15 min) before the run $LOAD_BEFORE"
SHOWN_COMMAND="BYTES_WINDOW=$BYTES_WINDOW DELTAS=$DELTAS SAMPLES=$SAMPLES GAP=$GAP BROWSER=$BROWSER BROWSER_SAMPLES=$BROWSER_SAMPLES CLIENTS=$CLIENTS WINDOW=$WINDOW SETTLE=$SETTLE DRAIN=$DRAIN PAIRS=$PAIRS SPEED=$SPEED CLOCK_START=$CLOCK_START"
[[ "$SIMULATOR" == false ]] && SHOWN_COMMAND+=" SIMULATOR=false"
[[ -n "$WARDS" ]] && SHOWN_COMMAND+=" WARDS=$WARDS"
[[ -n "$REGION" ]] && SHOWN_COMMAND+=" REGION=$REGION"
SHOWN_COMMAND+=" bench/run-live.sh"

REVISION="$(bench_revision)"

BENCH_ARGS=(--revision "$REVISION" --url "$URL" --admin-password "$PASSWORD" --pid "$CENTER_PID" --data "$DATA"
  --bytes-window "$BYTES_WINDOW" --deltas "$DELTAS" --region "${REGION:-hanoi}"
  --samples "$SAMPLES" --gap "$GAP" --warmup "$WARMUP" --wards "$WARDS"
  --simulator "$SIMULATOR" --browser "$BROWSER" --browser-samples "$BROWSER_SAMPLES" --chromium "$CHROMIUM"
  --pairs "$PAIRS" --pair-timeout "$PAIR_TIMEOUT" --quiet-wait "$QUIET_WAIT" --quiet-cores "$QUIET_CORES"
  --clients "$CLIENTS" --window "$WINDOW" --settle "$SETTLE" --drain "$DRAIN"
  --connect-concurrency "$CONNECT_CONCURRENCY" --stop-below "$STOP_BELOW"
  --out "$OUT" --command "$SHOWN_COMMAND" --server-command "$SERVER_COMMAND" --machine "$MACHINE")
[[ -n "${TRACE:-}" ]] && BENCH_ARGS+=(--trace "$TRACE")

echo "== running the live-feed client (its own process)"
set +e
dotnet "$BENCH_DLL" "${BENCH_ARGS[@]}"
STATUS=$?
set -e

bench_center_alive || STATUS=1
WARNINGS=$(grep -c -E 'warn|fail|crit' "$DATA/center.log" || true)
echo "== center log: $WARNINGS warning/error lines ($DATA/center.log)"
if (( WARNINGS > 0 )); then grep -E -A3 'warn|fail|crit' "$DATA/center.log" | head -30; fi
exit $STATUS
