# Shared by the bench scripts (source it from the repository root): the center as its own process
# on a free loopback port with a fresh temp data folder, started from its built dll so that $! is
# its own PID, and stopped by that PID when the script exits.

CONFIG=Release
CENTER_DIR="src/Ioc.Dashboard"
CENTER_DLL="bin/$CONFIG/net10.0/Ioc.Dashboard.dll"

# bench_prepare NAME: sets PORT, URL, DATA and PASSWORD, and stops the center on exit.
bench_prepare() {
  PORT=""
  for _ in $(seq 1 50); do
    local candidate=$(( 20000 + RANDOM % 20000 ))
    # A free loopback port: nobody answers on it.
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$candidate") 2>/dev/null; then PORT=$candidate; break; fi
  done
  [[ -n "$PORT" ]] || { echo "no free port found" >&2; exit 1; }
  DATA="$(mktemp -d "${TMPDIR:-/tmp}/ioc-bench-$1.XXXXXX")"
  PASSWORD="bench-$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')"
  URL="http://127.0.0.1:$PORT"
  CENTER_PID=""
  trap bench_cleanup EXIT
}

bench_cleanup() {
  if [[ -n "$CENTER_PID" ]] && kill -0 "$CENTER_PID" 2>/dev/null; then
    echo "== stopping the center (pid $CENTER_PID)"
    kill -CONT "$CENTER_PID" 2>/dev/null || true  # in case a script paused it
    kill "$CENTER_PID" 2>/dev/null || true
    for _ in $(seq 1 150); do kill -0 "$CENTER_PID" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$CENTER_PID" 2>/dev/null || true
  fi
  if [[ "${KEEP_DATA:-}" == 1 ]]; then echo "== data and center log kept in $DATA"; else rm -rf "$DATA"; fi
}

# bench_start_center ARGS...: starts the center, waits for /healthz; sets CENTER_PID and
# SERVER_COMMAND (the command line for the results, password hidden).
bench_start_center() {
  local shown="$*"
  SERVER_COMMAND="(cd $CENTER_DIR && dotnet $CENTER_DLL ${shown//$PASSWORD/***})"
  # From its project folder (appsettings.json as with `dotnet run --project`), exec'd so that $!
  # is the center's own PID (dotnet run would put a launcher process in between).
  ( cd "$CENTER_DIR" && exec env ${CENTER_ENV:-} dotnet "$CENTER_DLL" "$@" ) >"$DATA/center.log" 2>&1 &
  CENTER_PID=$!
  for i in $(seq 1 240); do
    if curl -fsS -o /dev/null "$URL/healthz" 2>/dev/null; then break; fi
    if ! kill -0 "$CENTER_PID" 2>/dev/null; then echo "the center exited:" >&2; tail -50 "$DATA/center.log" >&2; exit 1; fi
    sleep 0.5
    if (( i == 240 )); then echo "the center did not answer /healthz in 120 s" >&2; tail -50 "$DATA/center.log" >&2; exit 1; fi
  done
  echo "== center is up (pid $CENTER_PID)"
  # Let the silo finish waking the wards (and the simulator provision its devices).
  sleep 3
}

# The machine line of a report: cores, memory, CPU model, .NET SDK.
bench_machine() {
  echo "$(nproc) cores (nproc), $(free -g | awk '/^Mem:/{print $2}') GiB RAM (free -g total), CPU $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(dotnet --version | sed 's/^/.NET SDK /')"
}

# Seconds since midnight in Hanoi (the wards' "today" restarts there).
bench_hanoi_seconds() {
  echo $(( 10#$(TZ=Asia/Ho_Chi_Minh date +%H) * 3600 + 10#$(TZ=Asia/Ho_Chi_Minh date +%M) * 60 + 10#$(TZ=Asia/Ho_Chi_Minh date +%S) ))
}

# The commit measured, and whether src/ had changes on top of it.
bench_revision() {
  local revision
  revision="$(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
  if [[ -n "$(git status --porcelain -- src 2>/dev/null)" ]]; then revision+=" + uncommitted changes under src/"; fi
  echo "$revision"
}

# bench_center_alive: fails (with the log's tail) when the center died during the run.
bench_center_alive() {
  kill -0 "$CENTER_PID" 2>/dev/null && return 0
  echo "the center died during the run:" >&2
  tail -50 "$DATA/center.log" >&2
  return 1
}
