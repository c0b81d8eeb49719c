#!/usr/bin/env bash
# Installs InfluxDB 1.x (Debian package "influxdb", 1.6.7 on bookworm) for the history tests and the
# benchmark. Its system service is kept from starting: tests and the benchmark run their own influxd
# on free loopback ports (see influxdb.conf.template), and nothing else should listen on 8086.
set -euo pipefail

if [[ -x /usr/bin/influxd ]]; then
    echo "influxd already installed: $(/usr/bin/influxd version)"
    exit 0
fi

SUDO=""
if [[ $(id -u) -ne 0 ]]; then
    SUDO="sudo"
fi

# policy-rc.d exit code 101 = "action forbidden": the package's postinst then does not start influxdb.
POLICY=/usr/sbin/policy-rc.d
ADDED_POLICY=0
if [[ ! -e $POLICY ]]; then
    printf '#!/bin/sh\nexit 101\n' | $SUDO tee "$POLICY" >/dev/null
    $SUDO chmod 755 "$POLICY"
    ADDED_POLICY=1
fi
cleanup() {
    if [[ $ADDED_POLICY -eq 1 ]]; then
        $SUDO rm -f "$POLICY"
    fi
}
trap cleanup EXIT

export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq influxdb
echo "installed: $(/usr/bin/influxd version)"
