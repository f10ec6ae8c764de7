#!/usr/bin/env bash
# Before/after in one run: the benchmarks of an earlier commit and of this working tree, back to back inside one hold of
# the shared CPU lock, against the same throw-away Redis and PostgreSQL (the ratios of both runs share their machine).
#   bash eng/bench-compare.sh <commit> --filter '*HitPath*' [BenchmarkDotNet arguments...]
# Results: /tmp/cachinggen-compare/{before,after}.log and their BenchmarkDotNet artifacts next to them.
# The earlier commit is unpacked with `git archive` into /tmp (no worktree, no change to this repository); the
# benchmark classes of this tree are copied over it, so both runs measure the same benchmarks.
set -uo pipefail
cd "$(dirname "$0")/.."
before_commit=${1:?usage: bash eng/bench-compare.sh <commit> [BenchmarkDotNet arguments...]}
shift
lock=/tmp/cachinggen-cpu.lock
out=/tmp/cachinggen-compare
before_tree=/tmp/cachinggen-before-$(git rev-parse --short "$before_commit")
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
mkdir -p "$out"

if [ ! -d "$before_tree" ]; then
  mkdir -p "$before_tree"
  git archive "$before_commit" | tar -x -C "$before_tree"
fi
cp -r tests/CachingGen.Benchmarks/. "$before_tree/tests/CachingGen.Benchmarks/"
rm -rf "$before_tree/tests/CachingGen.Benchmarks/bin" "$before_tree/tests/CachingGen.Benchmarks/obj"

# One build at a time, each under the lock.
flock "$lock" dotnet build "$before_tree/tests/CachingGen.Benchmarks" -c Release -nologo -v:q || exit 1
flock "$lock" dotnet build tests/CachingGen.Benchmarks -c Release -nologo -v:q || exit 1

source eng/services.sh
source eng/postgres.sh
trap 'cachinggen_postgres_stop; cachinggen_services_stop' EXIT
export CACHINGGEN_REDIS_CLUSTER="${CACHINGGEN_REDIS_CLUSTER:-unused}"
cachinggen_services_start || exit 1
if [ -z "${CACHINGGEN_POSTGRES:-}" ]; then cachinggen_postgres_start || exit 1; fi

run() { # name tree args...
  local name=$1 tree=$2; shift 2
  (cd "$tree" && dotnet tests/CachingGen.Benchmarks/bin/Release/net10.0/CachingGen.Benchmarks.dll "$@" --artifacts "$out/$name") > "$out/$name.log" 2>&1
}
export -f run
export out before_tree
flock "$lock" bash -c 'run before "$before_tree" "$@" && run after "$PWD" "$@"' _ "$@"
grep -h '^|' "$out/before.log" "$out/after.log"
