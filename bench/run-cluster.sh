#!/usr/bin/env bash
# Cluster benchmark: the country (or any region) on a local cluster from scripts/cluster.sh (redis-server,
# two silos, one ingest and one dashboard process, each its own process on a free loopback port), and the
# load generator bench/Ioc.Bench.Ingest as one more process. Devices are provisioned through the
# dashboard and post their telemetry to the ingest process; the read API of the dashboard then shows
# whether every acknowledged event was applied. CPU and RSS are summed over every process of the
# cluster (silos, ingest, dashboard, Redis) and given per process at the end. Stops the cluster by its
# PIDs and appends the results to bench/results/cluster.md.
#
# Settings (environment):
#   REGION=vn DEVICES=40000 PERIOD=10 BATCHES=10 WARMUP=20 DURATION=30 CONCURRENCY=256
#   BUSINESS_SHARE=0.025 PROVISION_CONCURRENCY=32 OUT=bench/results/cluster.md SKIP_BUILD=1 KEEP_DATA=1
#   PERIOD=0                   closed loop (CONCURRENCY requests in flight) instead of every device every PERIOD s
#   TRACE=                     path to dotnet-trace: CPU samples of silo-1 and ingest-1 in the last phase's window,
#                              summarised by bench/profile-top.py
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

REGION="${REGION:-vn}"
DEVICES="${DEVICES:-40000}"
PERIOD="${PERIOD:-10}"
BATCHES="${BATCHES:-10}"
WARMUP="${WARMUP:-20}"
DURATION="${DURATION:-30}"
CONCURRENCY="${CONCURRENCY:-256}"
BUSINESS_SHARE="${BUSINESS_SHARE:-0.025}"
PROVISION_CONCURRENCY="${PROVISION_CONCURRENCY:-32}"
OUT="${OUT:-bench/results/cluster.md}"
source bench/lib/center.sh
BENCH_DLL="bench/Ioc.Bench.Ingest/bin/$CONFIG/net10.0/Ioc.Bench.Ingest.dll"

# The wards count "today" in Hanoi and the cluster runs on the real clock: refuse a run that would
# cross midnight there (its "today" counts would restart half-way).
PHASES=$(( $(tr ',' '\n' <<<"$BATCHES" | grep -c .) ))
ESTIMATE=$(( 600 + PHASES * (WARMUP + DURATION + 5) ))
HANOI_SECONDS=$(bench_hanoi_seconds)
if (( HANOI_SECONDS + ESTIMATE >= 86400 )); then
  echo "it is $(TZ=Asia/Ho_Chi_Minh date +%H:%M) in Hanoi: the run would cross midnight there; start it after 00:00" >&2
  exit 2
fi

if [[ "${SKIP_BUILD:-}" != 1 ]]; then
  echo "== building the cluster's programs and the load generator ($CONFIG)"
  for p in Ioc.Silo Ioc.Ingest Ioc.Dashboard; do dotnet build -c "$CONFIG" -nologo -v quiet "src/$p/$p.csproj"; done
  dotnet build -c "$CONFIG" -nologo -v quiet bench/Ioc.Bench.Ingest/Ioc.Bench.Ingest.csproj
fi

export DIR; DIR="$(mktemp -d "${TMPDIR:-/tmp}/ioc-bench-cluster.XXXXXX")"
cleanup() {
  REGION="$REGION" scripts/cluster.sh down || true
  if [[ "${KEEP_DATA:-}" == 1 ]]; then echo "== logs and data kept in $DIR"; else rm -rf "$DIR"; fi
}
trap cleanup EXIT

echo "== bringing up the cluster (region $REGION, devices over HTTP only) in $DIR"
STARTED=$(date +%s)
REGION="$REGION" MQTT=0 SKIP_BUILD=1 scripts/cluster.sh up
UP_SECONDS=$(( $(date +%s) - STARTED ))
# shellcheck disable=SC1091
source "$DIR/cluster.env"
pid_of() { awk -v n="$1" '$1==n{print $2}' "$DIR/cluster.pids"; }
port_of() { awk -v n="$1" '$1==n{print $3}' "$DIR/cluster.pids"; }
DASHBOARD="http://127.0.0.1:$(port_of dashboard-1)"
INGEST="http://127.0.0.1:$(port_of ingest-1)"
NAMES=(silo-1 silo-2 ingest-1 dashboard-1 redis)
PIDS=""
for n in "${NAMES[@]}"; do PIDS+="${PIDS:+,}$(pid_of "$n")"; done

MACHINE="$(bench_machine)"
SHOWN_COMMAND="REGION=$REGION DEVICES=$DEVICES PERIOD=$PERIOD BATCHES=$BATCHES WARMUP=$WARMUP DURATION=$DURATION CONCURRENCY=$CONCURRENCY BUSINESS_SHARE=$BUSINESS_SHARE bench/run-cluster.sh"
REVISION="$(bench_revision)"

GEN_ARGS=(--revision "$REVISION" --url "$DASHBOARD" --ingest-url "$INGEST" --admin-password "$ADMIN_PASSWORD" --pid "$PIDS"
  --devices "$DEVICES" --concurrency "$CONCURRENCY" --batches "$BATCHES" --warmup "$WARMUP" --duration "$DURATION"
  --business-share "$BUSINESS_SHARE" --provision-concurrency "$PROVISION_CONCURRENCY" --region "$REGION" --out "$OUT" --command "$SHOWN_COMMAND"
  --server-command "REGION=$REGION MQTT=0 scripts/cluster.sh up (silo-1, silo-2, ingest-1, dashboard-1, redis: pids $PIDS; up in $UP_SECONDS s)"
  --machine "$MACHINE (load average before: $(cut -d' ' -f1-3 /proc/loadavg))")
(( $(awk -v p="$PERIOD" 'BEGIN{print (p > 0)}') )) && GEN_ARGS+=(--period "$PERIOD")

# CPU seconds (user + system) of a process so far.
cpu_of() { awk '{ sub(/.*\) /, ""); split($0, f, " "); printf "%.1f", (f[12] + f[13]) / 100 }' "/proc/$1/stat" 2>/dev/null || echo "?"; }
for n in "${NAMES[@]}"; do echo "$n $(cpu_of "$(pid_of "$n")")"; done >"$DIR/cpu-before.txt"

echo "== running the load generator: provisioning through $DASHBOARD, telemetry to $INGEST/api/v1/telemetry"
TRACE_PIDS=()
if [[ -n "${TRACE:-}" ]]; then
  LAST_BATCH="$(tr ',' '\n' <<<"$BATCHES" | tail -1)"
  for n in silo-1 ingest-1; do
    ( while ! grep -q -E "phase: batch $LAST_BATCH[, ]" "$DIR/generator.log" 2>/dev/null; do
        grep -q '^RESULT ' "$DIR/generator.log" 2>/dev/null && exit 0
        sleep 1
      done
      sleep "$(( WARMUP + 2 ))"
      "$TRACE" collect -p "$(pid_of "$n")" --profile dotnet-sampled-thread-time --format Speedscope \
        --duration "00:00:00:$(printf '%02d' $(( DURATION > 20 ? 20 : DURATION - 3 )))" -o "$DIR/$n.nettrace" >"$DIR/trace-$n.log" 2>&1 ) &
    TRACE_PIDS+=($!)
  done
fi
set +e
dotnet "$BENCH_DLL" "${GEN_ARGS[@]}" | tee "$DIR/generator.log"
STATUS=${PIPESTATUS[0]}
set -e
for p in "${TRACE_PIDS[@]}"; do wait "$p" || true; done
for n in silo-1 ingest-1; do
  [[ -f "$DIR/$n.speedscope.json" ]] && { echo "== CPU sample of $n"; python3 bench/profile-top.py "$DIR/$n.speedscope.json" | tee "$DIR/profile-$n.txt"; }
done

# Where the memory sits: each process's resident set at the end (the cluster still running).
{
  echo "Per process at the end (cluster still running): resident memory, and CPU time since the process started,"
  echo "read when the generator started (the cluster's start-up) and at the end (start-up, provisioning, the load and the checks):"
  echo
  echo "| process | pid | RSS | CPU when the generator started | CPU at the end |"
  echo "|---|---:|---:|---:|---:|"
  for n in "${NAMES[@]}"; do
    p=$(pid_of "$n")
    rss=$(awk '/^VmRSS:/{printf "%.0f MiB", $2/1024}' "/proc/$p/status" 2>/dev/null || echo "gone")
    echo "| $n | $p | ${rss:-gone} | $(awk -v n="$n" '$1==n{print $2}' "$DIR/cpu-before.txt") s | $(cpu_of "$p") s |"
  done
  echo
  # How the device grains were spread over the silos: each silo's log counts its activations only at
  # Debug; the wards it woke are in its log.
  for n in silo-1 silo-2; do echo "- $n: $(grep -o 'Woke [0-9]* wards' "$DIR/$n.log" | head -1 || echo 'woke no wards')"; done
  echo
} | tee -a "$OUT"
for n in "${NAMES[@]}"; do
  kill -0 "$(pid_of "$n")" 2>/dev/null || { echo "$n died during the run; its log:" >&2; tail -40 "$DIR/$n.log" >&2 2>/dev/null; STATUS=1; }
done
WARNINGS=$(cat "$DIR"/silo-*.log "$DIR"/ingest-*.log "$DIR"/dashboard-*.log | grep -c -E '\b(warn|fail|crit)\b' || true)
echo "== cluster logs: $WARNINGS warning/error lines ($DIR/*.log)"
(( WARNINGS > 0 )) && grep -h -E -A3 '\b(warn|fail|crit)\b' "$DIR"/silo-*.log "$DIR"/ingest-*.log "$DIR"/dashboard-*.log | head -30
exit $STATUS
