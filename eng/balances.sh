#!/usr/bin/env bash
# README's first command: the Balances service demo, end to end, on a fresh clone.
#   bash eng/balances.sh [command] [--redis [host:port]] [--users N] [--tokens M] [--out file.md]
# command: demo (default: migrate, seed, verify-indexes, bench), bench, verify-indexes, load, serve, …
# Uses BALANCES_DB when set; otherwise starts a throw-away PostgreSQL 15 cluster on a loopback port in a
# temp folder and removes it afterwards. '--redis' without an endpoint starts a throw-away Redis too.
set -uo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

command="demo"
if [ $# -gt 0 ] && [[ "$1" != --* ]]; then command="$1"; shift; fi

source eng/services.sh
source eng/postgres.sh
trap 'cachinggen_postgres_stop; cachinggen_services_stop' EXIT

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

if [ -z "${BALANCES_DB:-}" ]; then
  cachinggen_postgres_start || exit 1
  export BALANCES_DB="$CACHINGGEN_POSTGRES"
  if [ "$command" != "demo" ]; then
    # A fresh database needs its schema and data before anything else can run.
    dotnet run --project samples/Balances -c Release -- migrate || exit 1
    dotnet run --project samples/Balances -c Release --no-build -- seed "${args[@]}" || exit 1
  fi
fi

dotnet run --project samples/Balances -c Release -- "$command" "${args[@]}"
