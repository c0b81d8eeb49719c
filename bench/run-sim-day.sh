#!/usr/bin/env bash
# What a simulated day looks like in each scenario (see README "Simulator scenarios"): runs the pure
# day model for all 126 units at full speed (SimulatedDay.Run, no HTTP) and prints the figures read
# from its events and deliveries; writes them to bench/results/sim-day.md.
#   bench/run-sim-day.sh [--day 2025-07-07] [--seed 20250701] [--scenarios normal,monday-surge]
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
dotnet build bench/Ioc.Bench.SimDay/Ioc.Bench.SimDay.csproj -c Release --nologo -v quiet
dotnet bench/Ioc.Bench.SimDay/bin/Release/net10.0/Ioc.Bench.SimDay.dll --out "$ROOT/bench/results/sim-day.md" "$@"
