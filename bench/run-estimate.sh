#!/usr/bin/env bash
# How right the wait estimate is (issue 7): the simulator's normal day for all 126 units at full speed,
# delivered the way the network does (late, out of order, repeated), into each ward's production ledger
# and estimator after earlier working days to learn from; prints MAE (seconds and share of the mean
# wait), the under-estimate share, the per-ward spread, and two simple baselines judged on the same
# tickets. Appends to bench/results/estimate.md.
#   DAY=2025-07-09 LEARN_DAYS=5 SEED=20250701 SCENARIO=normal OUT=bench/results/estimate.md SKIP_BUILD=1
#   SERVICE_CV=       how spread the simulated service times are (unset: the simulator's own, 0.45; lower
#                     shows how much of the error is the draws' chance rather than the forecast)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
DAY="${DAY:-2025-07-09}"; LEARN_DAYS="${LEARN_DAYS:-5}"; SEED="${SEED:-20250701}"; SCENARIO="${SCENARIO:-normal}"; SERVICE_CV="${SERVICE_CV:-}"
OUT="${OUT:-bench/results/estimate.md}"
DLL="bench/Ioc.Bench.Estimate/bin/Release/net10.0/Ioc.Bench.Estimate.dll"
[[ "${SKIP_BUILD:-}" == 1 ]] || dotnet build -c Release -nologo -v quiet bench/Ioc.Bench.Estimate/Ioc.Bench.Estimate.csproj
ARGS=(--day "$DAY" --learn-days "$LEARN_DAYS" --seed "$SEED" --scenario "$SCENARIO")
SHOWN="DAY=$DAY LEARN_DAYS=$LEARN_DAYS SEED=$SEED SCENARIO=$SCENARIO"
if [[ -n "$SERVICE_CV" ]]; then ARGS+=(--service-cv "$SERVICE_CV"); SHOWN+=" SERVICE_CV=$SERVICE_CV"; fi
RESULT="$(dotnet "$DLL" "${ARGS[@]}")"
{
  echo
  echo "## $(date -u +%Y-%m-%dT%H:%MZ) — $(git rev-parse --short HEAD)"
  echo
  echo "Machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB. Command: \`$SHOWN bench/run-estimate.sh\`"
  echo
  echo "$RESULT"
} | tee -a "$OUT"
