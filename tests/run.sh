#!/bin/sh
# tests/run.sh BUILD-DIR - run the cmocka unit tests, then the command tests,
# and end with one summary line "N passed, M failed, K skipped".
# A unit binary that crashes (or a sanitizer that fires) counts as a failure.
# Skips are counted apart, never as passes: cmocka's "[  SKIPPED ] K
# test(s)", and a command test's "ok N - DESC # SKIP REASON" (the TAP
# convention described at the top of tests/cmd/lib.sh).  The exit status is
# 0 when nothing failed, skips or not.
O=${1:-build}
top=$(cd "$(dirname "$0")/.." && pwd)
case $O in /*) ;; *) O=$top/$O ;; esac
pass=0
fail=0
skip=0
# skipped LOG: the command test's "ok ... # SKIP ..." lines (TAP directive)
skipped() { grep -ci '^ok [0-9][0-9]*.*# *skip' "$1"; }
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
	k=$(sed -n 's/^\[  SKIPPED \] \([0-9]*\) test.*/\1/p' "$log")
	pass=$((pass + ${p:-0}))
	fail=$((fail + ${f:-0}))
	skip=$((skip + ${k:-0}))
	if [ "$rc" -ne 0 ] && [ -z "$f" ]; then
		fail=$((fail + 1))
	fi
	if [ "$rc" -ne 0 ]; then
		echo "FAIL: $(basename "$t")"
		sed 's/^/    /' "$log"
	else
		echo "unit: $(basename "$t"): ${p:-0} passed${k:+, $k skipped}"
	fi
done

for t in "$top"/tests/cmd/[0-9]*.sh; do
	[ -f "$t" ] || continue
	JF_BIN="$O/bin" JF_TOP="$top" JF_SANITIZED=$sanitized sh "$t" >"$log" 2>&1
	rc=$?
	k=$(skipped "$log")
	p=$(($(grep -c '^ok ' "$log") - k))
	f=$(grep -c '^not ok ' "$log")
	pass=$((pass + p))
	fail=$((fail + f))
	skip=$((skip + k))
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
		fail=$((fail + 1))
	fi
	if [ "$f" -ne 0 ] || [ "$rc" -ne 0 ]; then
		echo "FAIL: $(basename "$t") (exit $rc)"
		grep -v '^ok ' "$log" | sed 's/^/    /'
	else
		ks=
		[ "$k" -gt 0 ] && ks=", $k skipped: $(grep -i '^ok [0-9][0-9]*.*# *skip' "$log" |
			sed 's/^ok [0-9]* *-* *//' | paste -sd ';' -)"
		echo "cmd: $(basename "$t"): $p passed$ks"
	fi
done

echo "$pass passed, $fail failed, $skip skipped"
[ "$fail" -eq 0 ]
