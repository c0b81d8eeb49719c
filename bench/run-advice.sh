#!/usr/bin/env bash
# Staffing advice proven in the simulator (issue 12 item 2): for each scenario the same seeded day for all
# 126 units, once as planned and once with every ward's chief accepting the best advice shown every few
# minutes (the simulator's desks then open or move as advised), the center having learned from earlier
# working days; prints the change in mean and worst wait for the city and per unit, and the desk-hours it cost.
# Appends to bench/results/advice.md.
#   DAY=2025-07-07 SEED=20250701 SCENARIOS=normal,monday-surge LEARN_DAYS=3 LOOK_MINUTES=5 WARDS=0 SKIP_BUILD=1
#   ACCEPT=move-desk (chiefs with no clerk to spare: only moves of open desks; default open-desk,move-desk)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
DAY="${DAY:-2025-07-07}"; SEED="${SEED:-20250701}"; SCENARIOS="${SCENARIOS:-normal,monday-surge}"
LEARN_DAYS="${LEARN_DAYS:-3}"; LOOK_MINUTES="${LOOK_MINUTES:-5}"; WARDS="${WARDS:-0}"; ACCEPT="${ACCEPT:-open-desk,move-desk}"
OUT="${OUT:-bench/results/advice.md}"
DLL="bench/Ioc.Bench.Advice/bin/Release/net10.0/Ioc.Bench.Advice.dll"
[[ "${SKIP_BUILD:-}" == 1 ]] || dotnet build -c Release -nologo -v quiet bench/Ioc.Bench.Advice/Ioc.Bench.Advice.csproj
RESULT="$(dotnet "$DLL" --day "$DAY" --seed "$SEED" --scenarios "$SCENARIOS" --learn-days "$LEARN_DAYS" --look-minutes "$LOOK_MINUTES" --wards "$WARDS" --accept "$ACCEPT")"
{
  echo
  echo "## $(date -u +%Y-%m-%dT%H:%MZ) — $(git rev-parse --short HEAD)"
  echo
  echo "Machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), shared), $(free -g | awk '/Mem:/{print $2}') GiB. Command: \`DAY=$DAY SEED=$SEED SCENARIOS=$SCENARIOS LEARN_DAYS=$LEARN_DAYS LOOK_MINUTES=$LOOK_MINUTES ACCEPT=$ACCEPT bench/run-advice.sh\`"
  echo
  echo "$RESULT"
} | tee -a "$OUT"
