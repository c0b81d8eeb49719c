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
#   REGION=hanoi                the center's Ioc:Region (hanoi, a province code, or vn); the fleet spreads over it
#   PERIOD=                     open loop: every device sends one batch every PERIOD seconds (empty: closed loop)
#   CEILING=1                   then the same generator against bench/Ioc.Bench.Bare (parse and 202 only), and
#                               the center's rate as a share of it, per batch size
#   TRACE=                      path to dotnet-trace: a CPU sample of the center during the last phase
#   CENTER_ENV=                 extra environment for the center only, e.g. "DOTNET_gcServer=0" (not the generator)
#   TRACE_PROFILE=cpu           cpu (the sample above) or alloc: the allocation ticks instead (gc-verbose),
#                               summed by type and by our code's frame (bench/Ioc.Bench.AllocTop)
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
REGION="${REGION:-hanoi}"
PERIOD="${PERIOD:-}"
CEILING="${CEILING:-}"
TRACE="${TRACE:-}"
TRACE_PROFILE="${TRACE_PROFILE:-cpu}"
source bench/lib/center.sh
BENCH_DLL="bench/Ioc.Bench.Ingest/bin/$CONFIG/net10.0/Ioc.Bench.Ingest.dll"

if [[ "${SKIP_BUILD:-}" != 1 ]]; then
  echo "== building the center and the load generator ($CONFIG)"
  dotnet build -c "$CONFIG" -nologo -v quiet "$CENTER_DIR/Ioc.Dashboard.csproj"
  dotnet build -c "$CONFIG" -nologo -v quiet bench/Ioc.Bench.Ingest/Ioc.Bench.Ingest.csproj
  [[ "$CEILING" == 1 ]] && dotnet build -c "$CONFIG" -nologo -v quiet bench/Ioc.Bench.Bare/Ioc.Bench.Bare.csproj
  [[ "$TRACE_PROFILE" == alloc ]] && dotnet build -c "$CONFIG" -nologo -v quiet bench/Ioc.Bench.AllocTop/Ioc.Bench.AllocTop.csproj
fi

bench_prepare ingest

# The wards count "today" in Hanoi: a run that would cross midnight there runs the center on a
# business clock started at 09:00 of the Hanoi day instead (same speed as real time).
PHASES=$(( $(tr ',' '\n' <<<"$BATCHES" | grep -c .) ))
ESTIMATE=$(( 180 + PHASES * (WARMUP + DURATION + 5) ))
HANOI_SECONDS=$(bench_hanoi_seconds)
if [[ -z "$BUSINESS_START" ]] && (( HANOI_SECONDS + ESTIMATE >= 86400 )); then
  BUSINESS_START="$(TZ=Asia/Ho_Chi_Minh date +%Y-%m-%d)T09:00:00+07:00"
  echo "== it is $(TZ=Asia/Ho_Chi_Minh date +%H:%M) in Hanoi: the center runs a business clock from $BUSINESS_START"
fi

# The generator must be the only source of events for its "every event applied" check, so the
# center's built-in demo simulator (on by default in the embedded center) is switched off.
CENTER_ARGS=(--urls "$URL" "--Ioc:DataPath=$DATA" "--Ioc:Admin:Password=$PASSWORD" "--Ioc:Simulator:Enabled=false" "--Ioc:Region=$REGION")
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

MACHINE="$(bench_machine)"
SHOWN_COMMAND="REGION=$REGION DEVICES=$DEVICES CONCURRENCY=$CONCURRENCY BATCHES=$BATCHES WARMUP=$WARMUP DURATION=$DURATION BUSINESS_SHARE=$BUSINESS_SHARE"
[[ -n "$PERIOD" ]] && SHOWN_COMMAND+=" PERIOD=$PERIOD"
[[ -n "$CEILING" ]] && SHOWN_COMMAND+=" CEILING=$CEILING"
[[ -n "$RPS" ]] && SHOWN_COMMAND+=" RPS=$RPS"
[[ -n "$BURST" ]] && SHOWN_COMMAND+=" BURST=$BURST"
[[ -n "$COUNTERS" ]] && SHOWN_COMMAND+=" DOTNET_COUNTERS=$COUNTERS"
[[ -n "$GCDUMP" ]] && SHOWN_COMMAND+=" DOTNET_GCDUMP=$GCDUMP"
SHOWN_COMMAND+=" bench/run-ingest.sh"

REVISION="$(bench_revision)"

GEN_ARGS=(--revision "$REVISION" --url "$URL" --admin-password "$PASSWORD" --pid "$CENTER_PID"
  --devices "$DEVICES" --concurrency "$CONCURRENCY" --batches "$BATCHES"
  --warmup "$WARMUP" --duration "$DURATION" --business-share "$BUSINESS_SHARE"
  --out "$OUT" --command "$SHOWN_COMMAND" --server-command "$SERVER_COMMAND" --machine "$MACHINE (load average before: $(cut -d' ' -f1-3 /proc/loadavg))"
  --region "$REGION")
[[ -n "$PERIOD" ]] && GEN_ARGS+=(--period "$PERIOD")
[[ -n "$COUNTERS" ]] && GEN_ARGS+=(--dotnet-counters "$COUNTERS")
[[ -n "$GCDUMP" ]] && GEN_ARGS+=(--dotnet-gcdump "$GCDUMP")
[[ -n "$BUSINESS_START" ]] && GEN_ARGS+=(--business-start "$BUSINESS_START" --business-anchor "$ANCHOR")

echo "== running the load generator (its own process)"
if [[ -n "$TRACE" ]]; then
  # A CPU sample of the center in the last phase's measured window (after provisioning and warm-up).
  # The phase line reads "phase: batch N, ..." (closed loop) or "phase: batch N from every device ..." (open loop);
  # give up when the generator is gone before that phase.
  LAST_BATCH="$(tr ',' '\n' <<<"$BATCHES" | tail -1)"
  ( while ! grep -q -E "phase: batch $LAST_BATCH[, ]" "$DATA/generator.log" 2>/dev/null; do
      grep -q '^RESULT ' "$DATA/generator.log" 2>/dev/null && exit 0
      kill -0 "$CENTER_PID" 2>/dev/null || exit 0
      sleep 1
    done
    sleep "$(( WARMUP + 2 ))"
    if [[ "$TRACE_PROFILE" == alloc ]]; then TRACE_ARGS=(--profile gc-verbose); else TRACE_ARGS=(--profile dotnet-sampled-thread-time --format Speedscope); fi
    "$TRACE" collect -p "$CENTER_PID" "${TRACE_ARGS[@]}" --duration "00:00:00:$(printf '%02d' $(( DURATION > 20 ? 20 : DURATION - 3 )))" \
      -o "$DATA/center.nettrace" >"$DATA/trace.log" 2>&1 ) &
  TRACE_PID=$!
fi
set +e
dotnet "$BENCH_DLL" "${GEN_ARGS[@]}" | tee "$DATA/generator.log"
STATUS=${PIPESTATUS[0]}
set -e
# Wait for the sampler only: a bare `wait` would also wait for the center, which runs on.
[[ -n "$TRACE" ]] && wait "$TRACE_PID"

if [[ "$CEILING" == 1 ]]; then
  # The same generator, the same phases, against an endpoint that only parses the batch and answers 202.
  BARE_PORT=""
  for _ in $(seq 1 50); do c=$(( 20000 + RANDOM % 20000 )); if ! (exec 3<>"/dev/tcp/127.0.0.1/$c") 2>/dev/null; then BARE_PORT=$c; break; fi; done
  ( cd bench/Ioc.Bench.Bare && exec dotnet "bin/$CONFIG/net10.0/Ioc.Bench.Bare.dll" --urls "http://127.0.0.1:$BARE_PORT" ) >"$DATA/bare.log" 2>&1 &
  BARE_PID=$!
  for _ in $(seq 1 120); do curl -fsS -o /dev/null "http://127.0.0.1:$BARE_PORT/healthz" 2>/dev/null && break; sleep 0.5; done
  # The center (idle now, but with its device grains and sweeps) is paused so that the bare endpoint
  # gets the machine as the center did; it resumes for the final checks below.
  kill -STOP "$CENTER_PID"
  echo "== bare endpoint up (pid $BARE_PID, center $CENTER_PID paused); the same generator against it"
  set +e
  dotnet "$BENCH_DLL" "${GEN_ARGS[@]/#$URL/http://127.0.0.1:$BARE_PORT}" --pid "$BARE_PID" --bare true --target "bare Kestrel" \
    --server-command "(cd bench/Ioc.Bench.Bare && dotnet bin/$CONFIG/net10.0/Ioc.Bench.Bare.dll --urls http://127.0.0.1:$BARE_PORT)" | tee "$DATA/bare-generator.log"
  set -e
  kill "$BARE_PID" 2>/dev/null || true; wait "$BARE_PID" 2>/dev/null || true
  kill -CONT "$CENTER_PID"
  {
    echo "Ceiling, same run: the center's rate as a share of the bare endpoint's (same generator, same phases)."
    echo
    echo "| batch | center events/s | bare events/s | share | center CPU µs/event | bare CPU µs/event |"
    echo "|---:|---:|---:|---:|---:|---:|"
    for b in $(tr ',' ' ' <<<"$BATCHES"); do
      c=$(grep "^RESULT target=center batch=$b " "$DATA/generator.log" | sed 's/.*events_per_s=\([0-9]*\).*/\1/')
      cu=$(grep "^RESULT target=center batch=$b " "$DATA/generator.log" | sed 's/.*cpu_us_per_event=\([0-9.]*\).*/\1/')
      r=$(grep "^RESULT target=bare_Kestrel batch=$b " "$DATA/bare-generator.log" | sed 's/.*events_per_s=\([0-9]*\).*/\1/')
      ru=$(grep "^RESULT target=bare_Kestrel batch=$b " "$DATA/bare-generator.log" | sed 's/.*cpu_us_per_event=\([0-9.]*\).*/\1/')
      echo "| $b | $c | $r | $(awk -v c="$c" -v r="$r" 'BEGIN{ if (r > 0) printf "%.2f", c / r; else print "n/a" }') | $cu | $ru |"
    done
    echo
  } | tee -a "$OUT"
fi
if [[ -f "$DATA/center.speedscope.json" ]]; then
  python3 bench/profile-top.py "$DATA/center.speedscope.json" | tee -a "$DATA/profile.txt"
fi
if [[ "$TRACE_PROFILE" == alloc && -f "$DATA/center.nettrace" ]]; then
  dotnet "bench/Ioc.Bench.AllocTop/bin/$CONFIG/net10.0/Ioc.Bench.AllocTop.dll" "$DATA/center.nettrace" | tee -a "$DATA/alloc.txt"
fi
if [[ -f "$DATA/center.nettrace" ]]; then
  cp "$DATA/center.nettrace" "bench/results/center-$(date +%Y%m%d-%H%M).nettrace.tmp" 2>/dev/null || true
  echo "== $TRACE_PROFILE sample of the center: $DATA/center.nettrace (copied to bench/results/*.nettrace.tmp, not committed)"
fi

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
