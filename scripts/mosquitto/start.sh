#!/usr/bin/env bash
# Starts Mosquitto 2 with the dynamic-security plugin, bound to 127.0.0.1 on a free port (or $PORT),
# state and config under DIR. Creates the admin account (for provisioning devices) and the account
# the center's ingest processes share. Prints shell assignments to eval:
#   eval "$(scripts/mosquitto/start.sh /tmp/mq)"; echo $MQTT_PORT; scripts/mosquitto/stop.sh /tmp/mq
# Env: PORT, ADMIN_PASSWORD, INGEST_PASSWORD (generated when unset), MAX_QUEUED_MESSAGES (per client, 100000).
set -euo pipefail
dir=${1:?usage: start.sh DIR}
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)
plugin=$(dpkg -L mosquitto 2>/dev/null | grep 'mosquitto_dynamic_security.so$' | head -1 || true)
plugin=${plugin:-/usr/lib/x86_64-linux-gnu/mosquitto_dynamic_security.so}
[ -f "$plugin" ] || { echo "mosquitto's dynamic-security plugin not found (apt-get install mosquitto)" >&2; exit 1; }
port=${PORT:-$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')}
admin_password=${ADMIN_PASSWORD:-$(head -c 18 /dev/urandom | base64 | tr -d '/+=')}
ingest_password=${INGEST_PASSWORD:-$(head -c 18 /dev/urandom | base64 | tr -d '/+=')}

if [ ! -f "$dir/dynamic-security.json" ]; then
  mosquitto_ctrl dynsec init "$dir/dynamic-security.json" ioc-admin "$admin_password" >/dev/null
  first=1
else
  first=0
fi
cat > "$dir/mosquitto.conf" <<CONF
# Written by scripts/mosquitto/start.sh
per_listener_settings false
listener $port 127.0.0.1
allow_anonymous false
persistence true
persistence_location $dir/
autosave_interval 1
max_inflight_messages 100
max_queued_messages ${MAX_QUEUED_MESSAGES:-100000}
plugin $plugin
plugin_opt_config_file $dir/dynamic-security.json
log_dest file $dir/mosquitto.log
# Run as whoever started it (as root Mosquitto would otherwise switch to the mosquitto user, who cannot write DIR).
user $(id -un)
CONF
# Not -d: the PID we record is the broker's own, stopped by stop.sh.
mosquitto -c "$dir/mosquitto.conf" >/dev/null 2>&1 &
echo $! > "$dir/mosquitto.pid"
for _ in $(seq 1 100); do
  if mosquitto_ctrl -h 127.0.0.1 -p "$port" -u ioc-admin -P "$admin_password" dynsec getDefaultACLAccess >/dev/null 2>&1; then break; fi
  sleep 0.1
done
if [ "$first" = 1 ]; then
  ctl() { mosquitto_ctrl -h 127.0.0.1 -p "$port" -u ioc-admin -P "$admin_password" dynsec "$@" >/dev/null; }
  # The ingest processes: take every device's batches on the shared subscription, answer on the errors topics.
  ctl createRole ioc-ingest
  # Mosquitto 2.0 checks a shared subscription's whole filter, $share/group included.
  ctl addRoleACL ioc-ingest subscribePattern '$share/ioc-ingest/ioc/v1/+/+' allow
  ctl addRoleACL ioc-ingest publishClientReceive 'ioc/v1/+/+' allow
  ctl addRoleACL ioc-ingest publishClientSend 'ioc/v1/+/+/errors' allow
  ctl createClient ioc-ingest -p "$ingest_password"
  ctl addClientRole ioc-ingest ioc-ingest
fi
echo "MQTT_PORT=$port"
echo "MQTT_DIR=$dir"
echo "MQTT_PID=$(cat "$dir/mosquitto.pid")"
echo "MQTT_ADMIN_PASSWORD=$admin_password"
[ "$first" = 1 ] && echo "MQTT_INGEST_PASSWORD=$ingest_password"
exit 0
