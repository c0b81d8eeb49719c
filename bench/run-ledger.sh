#!/usr/bin/env bash
# The ledger-is-the-log benchmark (issue 8): the center as its own process with InfluxDB (Debian's
# influxd on a free loopback port), the generator bench/Ioc.Bench.Ledger as a second process.
# Measures requests/s and p99 ack at batch 100 at the start of a day and after ten heavy days of
# business events per ward, stored bytes per event, and the history lag; appends to bench/results/ledger.md.
#
# Settings (environment): CONNECTIONS=16 DURATION=20 HEAVY_DAY=1300 DAYS=10 OUT=bench/results/ledger.md SKIP_BUILD=1
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
CONNECTIONS="${CONNECTIONS:-16}"
DURATION="${DURATION:-20}"
HEAVY_DAY="${HEAVY_DAY:-1300}"
DAYS="${DAYS:-10}"
OUT="${OUT:-bench/results/ledger.md}"
source bench/lib/center.sh
BENCH_DLL="bench/Ioc.Bench.Ledger/bin/$CONFIG/net10.0/Ioc.Bench.Ledger.dll"

if [[ "${SKIP_BUILD:-}" != 1 ]]; then
  dotnet build -c "$CONFIG" -nologo -v quiet "$CENTER_DIR/Ioc.Dashboard.csproj"
  dotnet build -c "$CONFIG" -nologo -v quiet bench/Ioc.Bench.Ledger/Ioc.Bench.Ledger.csproj
fi
bench_prepare ledger

# InfluxDB for the history lag, on its own free port, stopped by PID on exit.
INFLUX_PORT=$(( PORT + 1 ))
mkdir -p "$DATA/influx"
sed -e "s|{{ROOT}}|$DATA/influx|g" -e "s|{{HTTP_PORT}}|$INFLUX_PORT|g" -e "s|{{RPC_PORT}}|$(( PORT + 2 ))|g" \
  scripts/influxdb/influxdb.conf.template > "$DATA/influx/influxdb.conf"
/usr/bin/influxd run -config "$DATA/influx/influxdb.conf" >"$DATA/influx/influxd.log" 2>&1 &
INFLUX_PID=$!
trap 'kill $INFLUX_PID 2>/dev/null || true; bench_cleanup' EXIT
for _ in $(seq 1 100); do curl -fsS -o /dev/null "http://127.0.0.1:$INFLUX_PORT/ping" && break; sleep 0.2; done

bench_start_center --urls "$URL" "--Ioc:DataPath=$DATA" "--Ioc:Admin:Password=$PASSWORD" "--Ioc:Simulator:Enabled=false" \
  "--Ioc:Jobs:Enabled=false" "--Ioc:Ingest:RequestsPerSecond=100000" "--Ioc:Ingest:Burst=100000" \
  "--Ioc:Influx:Url=http://127.0.0.1:$INFLUX_PORT" "--Ioc:Influx:Database=bench"

RESULT="$(dotnet "$BENCH_DLL" --url "$URL" --password "$PASSWORD" --influx "http://127.0.0.1:$INFLUX_PORT" --database bench \
  --data "$DATA" --pid "$CENTER_PID" --connections "$CONNECTIONS" --duration "$DURATION" --heavy-day "$HEAVY_DAY" --days "$DAYS")"
bench_center_alive
{
  echo
  echo "## $(date -u +%Y-%m-%dT%H:%MZ) — $(bench_revision)"
  echo
  echo "Machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, load before the run: $(cut -d' ' -f1-3 /proc/loadavg)."
  echo "Command: \`CONNECTIONS=$CONNECTIONS DURATION=$DURATION HEAVY_DAY=$HEAVY_DAY DAYS=$DAYS bench/run-ledger.sh\`; center: \`$SERVER_COMMAND\`"
  echo
  echo "$RESULT"
} | tee -a "$OUT"
