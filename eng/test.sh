#!/usr/bin/env bash
# The test command (README.md): restore, build everything with warnings as errors, run every test
# project, and print "N passed, N failed" counted from the TRX results. Exits non-zero on any failure.
set -uo pipefail
cd "$(dirname "$0")/.."

results="$(mktemp -d)"
# shellcheck source=eng/services.sh
source eng/services.sh
# shellcheck source=eng/postgres.sh
source eng/postgres.sh
trap 'cachinggen_postgres_stop; cachinggen_services_stop; rm -rf "$results"' EXIT

# Redis (one node and a 3-master cluster) on loopback, unless CACHINGGEN_REDIS* already point somewhere.
if ! cachinggen_services_start; then
  echo "could not start the services the tests need"
  echo "0 passed, 1 failed"
  exit 1
fi

# PostgreSQL 15 (a throw-away cluster), unless CACHINGGEN_POSTGRES already names a server.
if [ -z "${CACHINGGEN_POSTGRES:-}" ] && ! cachinggen_postgres_start; then
  echo "could not start PostgreSQL"
  echo "0 passed, 1 failed"
  exit 1
fi

if ! dotnet build CachingGen.sln -c Release -warnaserror -nologo -v:minimal; then
  echo "build failed"
  echo "0 passed, 1 failed"
  exit 1
fi

dotnet test CachingGen.sln -c Release --no-build --nologo \
  --logger "trx" --logger "console;verbosity=normal" --results-directory "$results"
test_rc=$?

passed=0
failed=0
total=0
for trx in "$results"/*.trx; do
  [ -e "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
  f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  t=$(sed -n 's/.* total="\([0-9]*\)".*/\1/p' <<<"$counters")
  e=$(sed -n 's/.* error="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0} + ${e:-0}))
  total=$((total + ${t:-0}))
done

# CI keeps only the tail of the output: name each failed test and the start of its message here,
# just above the count, so a failure is readable from the tail alone.
if [ "$failed" -gt 0 ]; then
  echo "failed tests:"
  for trx in "$results"/*.trx; do
    [ -e "$trx" ] || continue
    awk '
      /<UnitTestResult / && /outcome="Failed"/ {
        match($0, /testName="[^"]*"/); name = substr($0, RSTART + 10, RLENGTH - 11)
        print "  FAILED " name; inresult = 1; lines = 0 }
      inresult && /<Message>/ { inmsg = 1; sub(/.*<Message>/, "") }
      inresult && inmsg {
        done = sub(/<\/Message>.*/, "")
        if (lines < 8) print "    " $0; lines++
        if (done) { inmsg = 0; inresult = 0 } }
    ' "$trx"
  done
fi

if [ "$test_rc" -ne 0 ] && [ "$failed" -eq 0 ]; then
  # The runner failed without a failed test on record (a crash, a missing result file): count it.
  failed=1
fi
if [ "$total" -eq 0 ]; then
  echo "no tests ran"
  failed=$((failed + 1))
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
