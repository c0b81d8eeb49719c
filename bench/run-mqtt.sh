#!/usr/bin/env bash
# MQTT ingest benchmark beside HTTP, in one run: the same load generator (bench/Ioc.Bench.Ingest) and the
# same fleet against three fresh centers, one after the other, each started on free loopback ports and
# stopped by PID:
#   1. HTTP        the center (embedded silo + ingest), POST /api/v1/telemetry
#   2. embedded    the same center; devices publish to its own MQTTnet broker (PUBACK = applied and stored)
#   3. Mosquitto   Debian's Mosquitto (scripts/mosquitto/start.sh), the center provisioning devices on it,
#                  and one Ioc.Ingest process on the shared subscription (as tests/Ioc.Tests/Mqtt/
#                  MosquittoClusterTests). Mosquitto acknowledges on receipt, so after each phase the
#                  generator waits for the wards' counts to catch up and reports the applied rate too.
# Each case ends with the generator's check that every acknowledged event is shown by the center.
# Results appended to bench/results/mqtt.md (each case's report, then a summary table).
#
# Settings (environment):
#   DEVICES=600 CONCURRENCY=32 BATCHES=1,100 WARMUP=3 DURATION=15 BUSINESS_SHARE=0.025
#   CASES=http,embedded,mosquitto   SETTLE=240 (seconds to wait for Mosquitto's backlog per phase)
#   MQ_WARMUP=1 MQ_DURATION=5       Mosquitto's phases are shorter: it acknowledges faster than one ingest
#                                   applies, and the backlog of a longer phase takes minutes to drain
#   OUT=bench/results/mqtt.md SKIP_BUILD=1 KEEP_DATA=1
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

DEVICES="${DEVICES:-600}"
CONCURRENCY="${CONCURRENCY:-32}"
BATCHES="${BATCHES:-1,100}"
WARMUP="${WARMUP:-3}"
DURATION="${DURATION:-15}"
BUSINESS_SHARE="${BUSINESS_SHARE:-0.025}"
CASES="${CASES:-http,embedded,mosquitto}"
SETTLE="${SETTLE:-240}"
MQ_WARMUP="${MQ_WARMUP:-1}"
MQ_DURATION="${MQ_DURATION:-5}"
OUT="${OUT:-bench/results/mqtt.md}"
source bench/lib/center.sh
BENCH_DLL="bench/Ioc.Bench.Ingest/bin/$CONFIG/net10.0/Ioc.Bench.Ingest.dll"
INGEST_DLL="src/Ioc.Ingest/bin/$CONFIG/net10.0/Ioc.Ingest.dll"

if [[ "${SKIP_BUILD:-}" != 1 ]]; then
  echo "== building the center, the ingest process and the load generator ($CONFIG)"
  dotnet build -c "$CONFIG" -nologo -v quiet "$CENTER_DIR/Ioc.Dashboard.csproj"
  dotnet build -c "$CONFIG" -nologo -v quiet src/Ioc.Ingest/Ioc.Ingest.csproj
  dotnet build -c "$CONFIG" -nologo -v quiet bench/Ioc.Bench.Ingest/Ioc.Bench.Ingest.csproj
fi

bench_prepare mqtt
INGEST_PID=""
MQ_DIR="$DATA/mosquitto"

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

# stop_pid PID: TERM, up to 15 s, then KILL.
stop_pid() {
  [[ -n "$1" ]] && kill -0 "$1" 2>/dev/null || return 0
  kill "$1" 2>/dev/null || true
  for _ in $(seq 1 150); do kill -0 "$1" 2>/dev/null || return 0; sleep 0.1; done
  kill -9 "$1" 2>/dev/null || true
}

stop_case() {
  stop_pid "$INGEST_PID"; INGEST_PID=""
  stop_pid "$CENTER_PID"; CENTER_PID=""
  scripts/mosquitto/stop.sh "$MQ_DIR" 2>/dev/null || true
}

cleanup() { stop_case; bench_cleanup; }
trap cleanup EXIT

MACHINE="$(bench_machine), $( (mosquitto -h 2>/dev/null || true) | head -1 | sed 's/ is an MQTT.*//')"
SHOWN_COMMAND="DEVICES=$DEVICES CONCURRENCY=$CONCURRENCY BATCHES=$BATCHES WARMUP=$WARMUP DURATION=$DURATION CASES=$CASES MQ_WARMUP=$MQ_WARMUP MQ_DURATION=$MQ_DURATION SETTLE=$SETTLE bench/run-mqtt.sh"
REVISION="$(bench_revision)"
LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"
if [[ ! -f "$OUT" ]]; then
  printf '# MQTT ingest benchmark results\n\nWritten by `bench/run-mqtt.sh` (load generator `bench/Ioc.Bench.Ingest`, HTTP, the embedded broker and Mosquitto in one run); newest last.\n\n' >"$OUT"
fi
printf '# Run of %s: %s\n\n- Machine: %s; load average at the start %s (the machine is shared).\n- Command: `%s`\n\n' \
  "$(TZ=Asia/Ho_Chi_Minh date '+%Y-%m-%d %H:%M (+07:00)')" "$CASES" "$MACHINE" "$LOAD_BEFORE" "$SHOWN_COMMAND" >>"$OUT"

STATUS=0
for CASE in $(tr ',' ' ' <<<"$CASES"); do
  PORT="$(free_port)"; URL="http://127.0.0.1:$PORT"
  CENTER_ARGS=(--urls "$URL" "--Ioc:DataPath=$DATA/$CASE" "--Ioc:Admin:Password=$PASSWORD" "--Ioc:Simulator:Enabled=false")
  GEN_EXTRA=()
  case "$CASE" in
    http|embedded)
      BROKER_PORT="$(free_port)"
      CENTER_ARGS+=("--Ioc:Mqtt:Port=$BROKER_PORT" "--Ioc:Mqtt:BindAddress=127.0.0.1")
      if [[ "$CASE" == embedded ]]; then GEN_EXTRA=(--mqtt "127.0.0.1:$BROKER_PORT" --target "embedded broker"); else GEN_EXTRA=(--target "HTTP"); fi
      ;;
    mosquitto)
      eval "$(MAX_QUEUED_MESSAGES=5000000 scripts/mosquitto/start.sh "$MQ_DIR")"
      echo "== Mosquitto on 127.0.0.1:$MQTT_PORT (pid $MQTT_PID)"
      GATEWAY="$(free_port)"
      CENTER_ARGS+=("--Ioc:Mqtt:Port=$(free_port)" "--Ioc:Cluster:GatewayPort=$GATEWAY" "--Ioc:Jobs:Enabled=false"
        "--Ioc:Mqtt:Broker=127.0.0.1:$MQTT_PORT" "--Ioc:Mqtt:Subscribe=false" "--Ioc:Mqtt:AdminUsername=ioc-admin" "--Ioc:Mqtt:AdminPassword=$MQTT_ADMIN_PASSWORD")
      GEN_EXTRA=(--mqtt "127.0.0.1:$MQTT_PORT" --target "Mosquitto + 1 Ioc.Ingest" --settle "$SETTLE" --warmup "$MQ_WARMUP" --duration "$MQ_DURATION")
      ;;
    *) echo "unknown case $CASE (http, embedded, mosquitto)" >&2; exit 2 ;;
  esac
  echo "== $CASE: starting the center on $URL"
  bench_start_center "${CENTER_ARGS[@]}"
  SERVER_LINE="$SERVER_COMMAND"
  if [[ "$CASE" == mosquitto ]]; then
    SERVER_COMMAND="${SERVER_COMMAND//$MQTT_ADMIN_PASSWORD/***}"
    SERVER_LINE="$SERVER_COMMAND; Mosquitto: scripts/mosquitto/start.sh; ingest: dotnet $INGEST_DLL --Ioc:Cluster:GatewayPort=$GATEWAY --Ioc:Mqtt:Broker=127.0.0.1:$MQTT_PORT --Ioc:Mqtt:Username=ioc-ingest --Ioc:Mqtt:ClientId=ioc-ingest-0"
    ( cd "$(dirname "$INGEST_DLL")" && exec dotnet Ioc.Ingest.dll --urls "http://127.0.0.1:$(free_port)" "--Ioc:Mqtt:Port=$(free_port)" \
        "--Ioc:Cluster:GatewayPort=$GATEWAY" "--Ioc:Mqtt:Broker=127.0.0.1:$MQTT_PORT" --Ioc:Mqtt:Username=ioc-ingest \
        "--Ioc:Mqtt:Password=$MQTT_INGEST_PASSWORD" --Ioc:Mqtt:ClientId=ioc-ingest-0 --Logging:LogLevel:Ioc=Information ) >"$DATA/ingest.log" 2>&1 &
    INGEST_PID=$!
    for i in $(seq 1 240); do
      grep -q "Taking devices' MQTT batches" "$DATA/ingest.log" && break
      kill -0 "$INGEST_PID" 2>/dev/null || { echo "the ingest exited:" >&2; tail -40 "$DATA/ingest.log" >&2; exit 1; }
      sleep 0.5
      (( i == 240 )) && { echo "the ingest did not subscribe in 120 s" >&2; tail -40 "$DATA/ingest.log" >&2; exit 1; }
    done
    echo "== ingest on the shared subscription (pid $INGEST_PID)"
  fi
  set +e
  dotnet "$BENCH_DLL" --revision "$REVISION" --url "$URL" --admin-password "$PASSWORD" --pid "$CENTER_PID" \
    --devices "$DEVICES" --concurrency "$CONCURRENCY" --batches "$BATCHES" --warmup "$WARMUP" --duration "$DURATION" \
    --business-share "$BUSINESS_SHARE" --out "$OUT" --command "$SHOWN_COMMAND" --server-command "$SERVER_LINE" \
    --machine "$MACHINE (load average before this case: $(cut -d' ' -f1-3 /proc/loadavg))" "${GEN_EXTRA[@]}" | tee "$DATA/$CASE-generator.log"
  (( PIPESTATUS[0] == 0 )) || STATUS=1
  set -e
  bench_center_alive || STATUS=1
  grep '^RESULT ' "$DATA/$CASE-generator.log" >>"$DATA/results.txt" || true
  cp "$DATA/center.log" "$DATA/$CASE-center.log"
  echo "== $CASE done; stopping it"
  stop_case
  sleep 2
done

# One table for the run: events/s acknowledged (202 or PUBACK), latency, applied rate, every event applied.
field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<<"$2"; }
{
  echo "Summary of this run (events/s acknowledged in the measured window; for Mosquitto also the rate applied,"
  echo "phase incl. warm-up and the wait for the ingest to catch up):"
  echo
  echo "| transport | batch | events/s acknowledged | events/s applied | p50 ack | p99 ack | every event applied |"
  echo "|---|---:|---:|---:|---:|---:|---|"
  while read -r line; do
    t="$(field target "$line" | tr '_' ' ')"
    echo "| $t | $(field batch "$line") | $(field events_per_s "$line") | $(field applied_per_s "$line") | $(field p50_ms "$line") ms | $(field p99_ms "$line") ms | $(field all_applied "$line") |"
  done <"$DATA/results.txt"
  echo
  echo "Load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)."
  echo
} | tee -a "$OUT"
exit $STATUS
