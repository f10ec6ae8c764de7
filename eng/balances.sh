#!/usr/bin/env bash
# README's first command: the Balances service demo, end to end, on a fresh clone.
#   bash eng/balances.sh [command] [--redis [host:port]] [--users N] [--tokens M] [--out file.md]
# command: demo (default: migrate, seed, verify-indexes, bench), bench, verify-indexes, load, serve, …
# Uses BALANCES_DB when set; otherwise starts a throw-away PostgreSQL 15 cluster on a loopback port in a
# temp folder and removes it afterwards. '--redis' without an endpoint starts a throw-away Redis too.
# serve [--urls http://127.0.0.1:5080]: prints the URL; Ctrl+C or SIGTERM stops the service, then the
# throw-away PostgreSQL/Redis, and deletes their folders.
set -uo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

command="demo"
if [ $# -gt 0 ] && [[ "$1" != --* ]]; then command="$1"; shift; fi

source eng/services.sh
source eng/postgres.sh

# Each dotnet step runs in the background in a process group of its own, and the script waits for it: bash
# runs a trap only between commands, so a foreground 'dotnet run' would keep a SIGTERM waiting until it ended,
# and 'dotnet run' starts the app as a child of its own, which killing 'dotnet run' alone would leave behind.
app_pid=""
run_dotnet() {
  if command -v setsid >/dev/null 2>&1; then setsid dotnet "$@" & else dotnet "$@" & fi
  app_pid=$!
  wait "$app_pid"
  local status=$?
  app_pid=""
  return "$status"
}
stop_dotnet() {
  [ -n "$app_pid" ] || return 0
  kill -TERM -- "-$app_pid" 2>/dev/null || kill -TERM "$app_pid" 2>/dev/null
  # The host stops gracefully within seconds; after 10 s nothing of it may stay.
  for _ in $(seq 1 100); do
    kill -0 -- "-$app_pid" 2>/dev/null || kill -0 "$app_pid" 2>/dev/null || break
    sleep 0.1
  done
  kill -KILL -- "-$app_pid" 2>/dev/null || kill -KILL "$app_pid" 2>/dev/null
  wait "$app_pid" 2>/dev/null
  app_pid=""
}
trap 'stop_dotnet; cachinggen_postgres_stop; cachinggen_services_stop' EXIT
# A signal ends the script; the EXIT trap then stops the app, the throw-away PostgreSQL and Redis.
trap 'echo "stopping…" >&2; exit 130' INT
trap 'echo "stopping…" >&2; exit 143' TERM

args=()
while [ $# -gt 0 ]; do
  if [ "$1" = "--redis" ] && { [ $# -eq 1 ] || [[ "$2" == --* ]]; }; then
    cachinggen_ensure_redis || exit 1
    port=$(cachinggen_free_port)
    cachinggen_start_redis "$port" "$cachinggen_services_dir/balances-redis" || exit 1
    echo "redis: 127.0.0.1:$port (throw-away)"
    args+=(--redis "127.0.0.1:$port")
    shift
  else
    args+=("$1")
    shift
  fi
done

if [ "$command" = "load" ] && ! command -v wrk >/dev/null 2>&1; then
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "installing wrk (Debian package)"
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk) >/dev/null 2>&1
  fi
  command -v wrk >/dev/null 2>&1 || { echo "wrk is needed for 'load': sudo apt-get install -y wrk" >&2; exit 1; }
fi

# Built once, with its progress shown: 'dotnet run' would build in silence, which on a first run (restore, the
# generator, the runtime, the sample) is a minute or two of nothing on the screen. Every step after runs --no-build.
build_started=$(date +%s)
echo "building samples/Balances (Release): each project prints a line when it is done (a first run: about 20 s on 2 cores, plus any package download)"
run_dotnet build samples/Balances -c Release -nologo -v:minimal -clp:NoSummary || { echo "build failed" >&2; exit 1; }
echo "built in $(( $(date +%s) - build_started )) s"

if [ -z "${BALANCES_DB:-}" ]; then
  cachinggen_postgres_start || exit 1
  export BALANCES_DB="$CACHINGGEN_POSTGRES"
  # 'load' stops this throw-away database for a while to show fail-safe answering; never a database of the caller's.
  { read -r BALANCES_DB_STOP; read -r BALANCES_DB_START; } < <(cachinggen_postgres_outage_commands)
  export BALANCES_DB_STOP BALANCES_DB_START
  if [ "$command" != "demo" ]; then
    # A fresh database needs its schema and data before anything else can run.
    run_dotnet run --project samples/Balances -c Release --no-build -- migrate || exit 1
    run_dotnet run --project samples/Balances -c Release --no-build -- seed "${args[@]}" || exit 1
  fi
fi

if [ "$command" = "serve" ]; then
  echo "serve: the service prints the URL it listens on; Ctrl+C (or SIGTERM to PID $$) stops it and removes what this script started"
fi
run_dotnet run --project samples/Balances -c Release --no-build -- "$command" "${args[@]}"
