#!/bin/sh
# tests/run.sh BUILD-DIR - run the cmocka unit tests, then the command tests,
# and end with one summary line "N passed, M failed".
# A unit binary that crashes (or a sanitizer that fires) counts as a failure.
O=${1:-build}
top=$(cd "$(dirname "$0")/.." && pwd)
case $O in /*) ;; *) O=$top/$O ;; esac
pass=0
fail=0
# a sanitized build (make SANITIZE=...) uses more memory: tests that bound
# memory allow for it
case $O in *-san*) sanitized=1 ;; *) sanitized= ;; esac
log=$(mktemp)
trap 'rm -f "$log"' EXIT

for t in "$O"/tests/test_*; do
	[ -x "$t" ] || continue
	"$t" >"$log" 2>&1
	rc=$?
	p=$(sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' "$log")
	f=$(sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' "$log")
	pass=$((pass + ${p:-0}))
	fail=$((fail + ${f:-0}))
	if [ "$rc" -ne 0 ] && [ -z "$f" ]; then
		fail=$((fail + 1))
	fi
	if [ "$rc" -ne 0 ]; then
		echo "FAIL: $(basename "$t")"
		sed 's/^/    /' "$log"
	else
		echo "unit: $(basename "$t"): ${p:-0} passed"
	fi
done

for t in "$top"/tests/cmd/[0-9]*.sh; do
	[ -f "$t" ] || continue
	JF_BIN="$O/bin" JF_TOP="$top" JF_SANITIZED=$sanitized sh "$t" >"$log" 2>&1
	rc=$?
	p=$(grep -c '^ok ' "$log")
	f=$(grep -c '^not ok ' "$log")
	pass=$((pass + p))
	fail=$((fail + f))
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
		fail=$((fail + 1))
	fi
	if [ "$f" -ne 0 ] || [ "$rc" -ne 0 ]; then
		echo "FAIL: $(basename "$t") (exit $rc)"
		grep -v '^ok ' "$log" | sed 's/^/    /'
	else
		echo "cmd: $(basename "$t"): $p passed"
	fi
done

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
