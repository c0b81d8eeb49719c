#!/usr/bin/env bash
# A local cluster of the center: redis-server, Mosquitto (devices' MQTT), two silos, one ingest and one dashboard process,
# each on a free loopback port, each its own process started from its built dll (so its PID is
# known), and stopped by those PIDs.
#
#   scripts/cluster.sh up              build (unless SKIP_BUILD=1), start everything, print the addresses
#   scripts/cluster.sh add-silo        one more silo in the running cluster
#   scripts/cluster.sh add-dashboard   one more dashboard process (its own port and data folder)
#   scripts/cluster.sh add-ingest      one more ingest process (HTTP, and a member of the MQTT shared subscription)
#   scripts/cluster.sh status          what runs, with PIDs and ports
#   scripts/cluster.sh down            stop every process by its PID (newest first, Redis last)
#
# Settings (environment): REGION=hanoi|<province code>|vn (Ioc:Region, default hanoi),
# DIR=data/cluster (logs, Redis' append-only file, the dashboards' data folders, cluster.pids),
# ADMIN_PASSWORD (generated and printed when unset), SIMULATOR=1 (a simulator process playing the
# region through the dashboard process), CONFIG=Release, MQTT=0 (no Mosquitto: devices over HTTP only),
# DOTNET_ThreadPool_UnfairSemaphoreSpinLimit (default 0 here, see below).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
CONFIG="${CONFIG:-Release}"
REGION="${REGION:-hanoi}"
DIR="$(mkdir -p "${DIR:-data/cluster}" && cd "${DIR:-data/cluster}" && pwd)"
PIDS="$DIR/cluster.pids"
BIN="bin/$CONFIG/net10.0"
# The cluster's processes share this machine's cores: idle thread-pool workers spinning while they wait
# for work cost more CPU than they save (bench/run-cluster.sh, Hanoi, 300 requests/s: 432 → 336 µs of CPU
# per event over all processes, p99 ack 139 → 26 ms). Set it to 70 (.NET's default) on a machine of its own.
export DOTNET_ThreadPool_UnfairSemaphoreSpinLimit="${DOTNET_ThreadPool_UnfairSemaphoreSpinLimit:-0}"

free_port() {
  local candidate
  for _ in $(seq 1 100); do
    candidate=$(( 20000 + RANDOM % 30000 ))
    # Free when nobody answers on it and no process of this cluster was given it.
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$candidate") 2>/dev/null && ! grep -q " $candidate\b" "$PIDS" 2>/dev/null; then
      echo "$candidate"; return 0
    fi
  done
  echo "no free loopback port found" >&2; exit 1
}

# The cluster's shared settings, from the file `up` wrote.
load() {
  [[ -f "$DIR/cluster.env" ]] || { echo "no cluster in $DIR (run: scripts/cluster.sh up)" >&2; exit 1; }
  # shellcheck disable=SC1091
  source "$DIR/cluster.env"
}

alive() { kill -0 "$1" 2>/dev/null; }

# start NAME PORTS LOG PROJECT ARGS...: starts a built program from its project folder (exec'd, so
# the PID is the program's own), records "NAME PID PORTS" and prints the PID.
start() {
  local name=$1 ports=$2 log=$3 project=$4; shift 4
  ( cd "src/$project" && exec dotnet "$BIN/$project.dll" "$@" ) >"$log" 2>&1 &
  local pid=$!
  echo "$name $pid $ports" >>"$PIDS"
  echo "$pid"
}

# wait_for PID LOG WHAT: until the log shows WHAT (or the process dies).
wait_for() {
  local pid=$1 log=$2 what=$3
  for i in $(seq 1 600); do
    grep -q "$what" "$log" 2>/dev/null && return 0
    alive "$pid" || { echo "process $pid exited; its log ($log):" >&2; tail -30 "$log" >&2; exit 1; }
    sleep 0.5
    (( i == 600 )) && { echo "process $pid not ready after 300 s; see $log" >&2; exit 1; }
  done
}

wait_http() {
  local pid=$1 log=$2 url=$3
  for i in $(seq 1 600); do
    curl -fsS -o /dev/null "$url/healthz" 2>/dev/null && return 0
    alive "$pid" || { echo "process $pid exited; its log ($log):" >&2; tail -30 "$log" >&2; exit 1; }
    sleep 0.5
    (( i == 600 )) && { echo "$url/healthz did not answer in 300 s; see $log" >&2; exit 1; }
  done
}

add_silo() {
  load
  local n silo gateway pid log
  n=$(( $(grep -c '^silo' "$PIDS" 2>/dev/null || true) + 1 ))
  silo=$(free_port); echo "reserved-silo-$n 0 $silo" >>"$PIDS"
  gateway=$(free_port)
  log="$DIR/silo-$n.log"
  pid=$(start "silo-$n" "$silo $gateway" "$log" Ioc.Silo \
    "--Ioc:Cluster:Redis=$REDIS" "--Ioc:Cluster:SiloPort=$silo" "--Ioc:Cluster:GatewayPort=$gateway" \
    "--Ioc:Region=$REGION" "--Ioc:DataPath=$DIR/silo-$n" "--Logging:LogLevel:Ioc=Information")
  sed -i "/^reserved-silo-$n /d" "$PIDS"
  wait_for "$pid" "$log" "Woke [0-9]* wards"
  echo "silo-$n      pid $pid  silo port $silo, gateway $gateway  ($(grep -o 'Woke [0-9]* wards' "$log" | head -1))"
}

add_dashboard() {
  load
  local n port pid log
  n=$(( $(grep -c '^dashboard' "$PIDS" 2>/dev/null || true) + 1 ))
  port=$(free_port)
  log="$DIR/dashboard-$n.log"
  mkdir -p "$DIR/dashboard-$n"
  # Every dashboard signs cookies and tokens with the same keys, so a user may land on any of them.
  [[ -e "$DIR/dashboard-$n/keys" ]] || ln -s "$DIR/keys" "$DIR/dashboard-$n/keys"
  pid=$(start "dashboard-$n" "$port" "$log" Ioc.Dashboard \
    --urls "http://127.0.0.1:$port" "--Ioc:Cluster:Mode=client" "--Ioc:Cluster:Redis=$REDIS" "--Ioc:Region=$REGION" \
    "--Ioc:DataPath=$DIR/dashboard-$n" "--Ioc:Admin:Password=$ADMIN_PASSWORD" "--Ioc:Simulator:Enabled=false" \
    $(mqtt_args dashboard))
  wait_http "$pid" "$log" "http://127.0.0.1:$port"
  echo "dashboard-$n pid $pid  http://127.0.0.1:$port  (wall, read API, live feed, jobs)"
}

# The MQTT settings of a process: the dashboard provisions devices on Mosquitto, ingest takes their batches.
mqtt_args() {
  if [[ -z "${MQTT_PORT:-}" ]]; then echo "--Ioc:Mqtt:Enabled=false"; return; fi
  echo "--Ioc:Mqtt:Broker=127.0.0.1:$MQTT_PORT"
  if [[ $1 == dashboard ]]; then
    echo "--Ioc:Mqtt:Subscribe=false --Ioc:Mqtt:AdminUsername=ioc-admin --Ioc:Mqtt:AdminPassword=$MQTT_ADMIN_PASSWORD"
  else
    echo "--Ioc:Mqtt:Username=ioc-ingest --Ioc:Mqtt:Password=$MQTT_INGEST_PASSWORD --Ioc:Mqtt:ClientId=$1"
  fi
}

add_ingest() {
  load
  local n port pid log
  n=$(( $(grep -c '^ingest' "$PIDS" 2>/dev/null || true) + 1 ))
  port=$(free_port)
  log="$DIR/ingest-$n.log"
  # Its MQTT session is named after it: restarted under the same name it gets back what it held.
  # shellcheck disable=SC2046
  pid=$(start "ingest-$n" "$port" "$log" Ioc.Ingest \
    --urls "http://127.0.0.1:$port" "--Ioc:Cluster:Redis=$REDIS" "--Ioc:Region=$REGION" $(mqtt_args "ioc-ingest-$n"))
  wait_http "$pid" "$log" "http://127.0.0.1:$port"
  echo "ingest-$n    pid $pid  http://127.0.0.1:$port/api/v1/telemetry"
}

any_alive() {
  [[ -f "$PIDS" ]] || return 1
  local pid
  for pid in $(awk '{print $2}' "$PIDS"); do alive "$pid" && return 0; done
  return 1
}

up() {
  if any_alive; then echo "a cluster already runs from $DIR (scripts/cluster.sh status | down)" >&2; exit 1; fi
  command -v redis-server >/dev/null || { echo "redis-server is not installed (apt-get install redis-server)" >&2; exit 1; }
  if [[ "${SKIP_BUILD:-}" != 1 ]]; then
    echo "== building ($CONFIG)"
    for p in Ioc.Silo Ioc.Ingest Ioc.Dashboard Ioc.Simulator; do dotnet build -c "$CONFIG" -nologo -v quiet "src/$p/$p.csproj"; done
  fi
  : >"$PIDS"
  mkdir -p "$DIR/redis" "$DIR/keys"
  local password="${ADMIN_PASSWORD:-cluster-$(od -An -N9 -tx1 /dev/urandom | tr -d ' \n')}"
  local redis_port; redis_port=$(free_port)
  # Redis holds membership, grain state, the wards' logs and the jobs: its append-only file keeps
  # them over a restart of Redis itself (fsync every second; "always" for stricter durability).
  redis-server --port "$redis_port" --bind 127.0.0.1 --protected-mode yes --dir "$DIR/redis" \
    --appendonly yes --appendfsync everysec --save "" >"$DIR/redis.log" 2>&1 &
  echo "redis $! $redis_port" >>"$PIDS"
  for _ in $(seq 1 100); do (exec 3<>"/dev/tcp/127.0.0.1/$redis_port") 2>/dev/null && break; sleep 0.1; done
  cat >"$DIR/cluster.env" <<EOF
REDIS=127.0.0.1:$redis_port
REGION=$REGION
ADMIN_PASSWORD=$password
EOF
  if [[ "${MQTT:-1}" != 0 ]]; then
    command -v mosquitto >/dev/null || { echo "mosquitto is not installed (apt-get install mosquitto mosquitto-clients, or MQTT=0)" >&2; exit 1; }
    local mqtt; mqtt=$(PORT=$(free_port) scripts/mosquitto/start.sh "$DIR/mosquitto" 2>/dev/null)
    eval "$mqtt"
    echo "mosquitto $MQTT_PID $MQTT_PORT" >>"$PIDS"
    printf 'MQTT_PORT=%s\nMQTT_ADMIN_PASSWORD=%s\nMQTT_INGEST_PASSWORD=%s\n' "$MQTT_PORT" "$MQTT_ADMIN_PASSWORD" "${MQTT_INGEST_PASSWORD:-}" >>"$DIR/cluster.env"
    echo "mosquitto   pid $MQTT_PID  mqtt://127.0.0.1:$MQTT_PORT  (devices: user = device id, password = key)"
  fi
  echo "redis       pid $(awk '$1=="redis"{print $2}' "$PIDS")  127.0.0.1:$redis_port  (data in $DIR/redis)"
  add_silo
  add_silo
  add_ingest
  add_dashboard
  local pid log
  local dashboard; dashboard=$(awk '$1=="dashboard-1"{print $3}' "$PIDS")
  if [[ "${SIMULATOR:-}" == 1 ]]; then
    log="$DIR/simulator.log"
    # Provisions its devices and posts their telemetry through the dashboard process (which serves
    # the telemetry endpoint too); real devices post to the ingest process.
    pid=$(start "simulator" "-" "$log" Ioc.Simulator \
      "--Ioc:Simulator:BaseUrl=http://127.0.0.1:$dashboard" "--Ioc:Simulator:AdminUsername=admin" \
      "--Ioc:Simulator:AdminPassword=$ADMIN_PASSWORD" "--Ioc:Region=$REGION" "--Ioc:DataPath=$DIR/simulator")
    echo "simulator   pid $pid  (log $log)"
  fi
  echo
  echo "Open http://127.0.0.1:$dashboard and sign in as admin / $ADMIN_PASSWORD (region $REGION)."
  echo "Logs and state in $DIR; stop with: scripts/cluster.sh down"
}

status() {
  [[ -f "$PIDS" ]] || { echo "no cluster in $DIR"; return 0; }
  while read -r name pid ports; do
    if alive "$pid"; then state=running; else state=stopped; fi
    printf '%-12s pid %-7s %-8s ports %s\n' "$name" "$pid" "$state" "$ports"
  done <"$PIDS"
}

down() {
  [[ -f "$PIDS" ]] || { echo "no cluster in $DIR"; return 0; }
  # Newest first: clients before silos, Redis (the first line) last. SIGTERM, then SIGKILL after 30 s.
  tac "$PIDS" | while read -r name pid _; do
    alive "$pid" || continue
    echo "stopping $name (pid $pid)"
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 300); do alive "$pid" || break; sleep 0.1; done
    alive "$pid" && kill -9 "$pid" 2>/dev/null || true
  done
  rm -f "$PIDS"
}

case "${1:-}" in
  up) up ;;
  add-silo) add_silo ;;
  add-dashboard) add_dashboard ;;
  add-ingest) add_ingest ;;
  status) status ;;
  down) down ;;
  *) sed -n '2,18p' "$0"; exit 2 ;;
esac
