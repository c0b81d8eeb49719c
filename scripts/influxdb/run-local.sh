#!/usr/bin/env bash
# Runs a development influxd in the foreground from influxdb.conf.template, listening on 127.0.0.1 only.
#   scripts/influxdb/run-local.sh [http-port] [data-dir]
# Defaults: port 8086, data in ./data/influxdb (git-ignored). Then point the app at it with
#   Ioc__Influx__Url=http://127.0.0.1:8086
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
HTTP_PORT="${1:-8086}"
ROOT="$(mkdir -p "${2:-data/influxdb}" && cd "${2:-data/influxdb}" && pwd)"
RPC_PORT="$((HTTP_PORT + 2))"
INFLUXD="${INFLUXD_PATH:-/usr/bin/influxd}"

if [[ ! -x $INFLUXD ]]; then
    echo "influxd not found at $INFLUXD; run scripts/influxdb/install.sh first" >&2
    exit 1
fi

sed -e "s#{{ROOT}}#${ROOT}#g" -e "s#{{HTTP_PORT}}#${HTTP_PORT}#g" -e "s#{{RPC_PORT}}#${RPC_PORT}#g" \
    "$HERE/influxdb.conf.template" >"$ROOT/influxdb.conf"
echo "influxd on http://127.0.0.1:${HTTP_PORT}, data in ${ROOT}"
exec "$INFLUXD" run -config "$ROOT/influxdb.conf"
