#!/usr/bin/env bash
# Runs the benchmarks (tests/CachingGen.Benchmarks) with throw-away Redis and PostgreSQL on loopback.
#   bash eng/bench.sh --filter '*'          every BenchmarkDotNet comparison (minutes)
#   bash eng/bench.sh --filter '*HitPath*'  one class
#   bash eng/bench.sh --generator           generator cost at 1,000 and 5,000 methods
#   bash eng/bench.sh --smoke               every benchmark once
set -uo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
source eng/services.sh
source eng/postgres.sh
trap 'cachinggen_postgres_stop; cachinggen_services_stop' EXIT
export CACHINGGEN_REDIS_CLUSTER="${CACHINGGEN_REDIS_CLUSTER:-unused}"
cachinggen_services_start || exit 1
if [ -z "${CACHINGGEN_POSTGRES:-}" ]; then cachinggen_postgres_start || exit 1; fi
dotnet run -c Release --project tests/CachingGen.Benchmarks -- "$@"
