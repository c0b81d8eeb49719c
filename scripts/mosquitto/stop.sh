#!/usr/bin/env bash
# Stops the Mosquitto that start.sh started in DIR, by its PID.
set -euo pipefail
dir=${1:?usage: stop.sh DIR}
[ -f "$dir/mosquitto.pid" ] || exit 0
pid=$(cat "$dir/mosquitto.pid")
kill "$pid" 2>/dev/null || exit 0
for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
rm -f "$dir/mosquitto.pid"
