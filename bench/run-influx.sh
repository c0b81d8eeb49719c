#!/usr/bin/env bash
# InfluxDB write benchmark: raw HTTP ceiling vs. Ioc.History.InfluxWriter (see bench/results/influx.md).
#   bench/run-influx.sh [--url http://127.0.0.1:8086] [--seconds 10] [--concurrency 4] [--no-append]
# Without --url it starts a private influxd on free loopback ports (needs scripts/influxdb/install.sh).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
dotnet build bench/Ioc.Bench.Influx/Ioc.Bench.Influx.csproj -c Release --nologo -v quiet
dotnet bench/Ioc.Bench.Influx/bin/Release/net10.0/Ioc.Bench.Influx.dll --results "$ROOT/bench/results/influx.md" "$@"
