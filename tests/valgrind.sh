#!/bin/sh
# tests/valgrind.sh [BUILD-DIR] - the unit tests and the command tests under
# valgrind (memcheck): no memory errors, no definite leaks.
#
# Unit tests run as valgrind --error-exitcode=1 --leak-check=full
# --errors-for-leak-kinds=definite.  Command tests run with JF_BIN set to a
# directory of wrapper scripts, one per binary of BUILD-DIR/bin and named
# like it, that run the real binary under valgrind with the same options,
# each process logging to a file of its own: a log that is not empty is a
# memory error or a definite leak, and fails the test that made it.  Such a
# process also exits 97 (not 1, which the tests expect of refusals).  The
# dispatcher 'jf' is followed into the jf-CMD it runs (--trace-children;
# git and other system programs are not traced).
#
# JF_VALGRIND=1 is exported so tests can skip what only measures time or
# memory; tests listed in SKIP below do nothing else that could pass under
# valgrind, and are not run.
#
# QUICK=1 runs all the unit tests but only the command tests in QUICK_SET:
# between them every command runs, and every refusal (exit 1, 2, 3, 4)
# happens.  The full run takes about 21 min on a 2-core machine, QUICK=1
# about 6 (tests/valgrind.sh prints the time it took).
#
# Also: TESTS="0100 0415" runs only the command tests whose names start so;
# JF_VG_CALLS=FILE appends "TEST COMMAND STATUS" for every command run
# (how QUICK_SET was chosen; the wrappers then stay the parents of
# valgrind, so 0860's strace and file-size-limit asserts fail in that
# mode).  Exit status 0 when everything passed.
O=${1:-build}
top=$(cd "$(dirname "$0")/.." && pwd)
case $O in /*) ;; *) O=$top/$O ;; esac

# 0650 measures peak memory with /usr/bin/time (valgrind's, here) of a
# 50,000-entry book: not run
SKIP="0650-report-stream"
# Asserts that cannot hold under valgrind, as TEST:DESCRIPTION-START
# separated by '|'; they are run, and a failure is listed but not counted.
# None now: a test that needs the book's lock held holds it until it is
# done (t_hold in tests/cmd/lib.sh), not for a guessed time.
XFAIL=
# every command, every exit status (see JF_VG_CALLS):
#   0050 jf and jf-log (--help, man), 0100 jf-add (0 1 2), 0110 jf-redeem
#   and jf-adjust (balance and stock short), 0130 jf-restock, 0140 jf-void,
#   0410 hostile YAML (3), 0420 cut-short tails, jf-balance and jf-check,
#   0630 jf-report (1 2 3 4), 0700 jf-merge (0 1 2 4), 0750 jf-check
#   --since and git (4: git missing), 0800 the reader cache and the
#   writers' rules from it
QUICK_SET="0050 0100 0110 0130 0140 0410 0420 0465 0630 0700 0750 0800 1410"

command -v valgrind >/dev/null 2>&1 || { echo "$0: valgrind not found (apt-get install valgrind)" >&2; exit 2; }
[ -d "$O/bin" ] || { echo "$0: no binaries in $O/bin (make all all-tests first)" >&2; exit 2; }

W=$(mktemp -d) || exit 2
trap 'rm -rf "$W"' EXIT
mkdir -p "$W/bin" "$W/logs"
# by its full path: some tests run commands with a PATH that lacks git
VG="$(command -v valgrind) -q --leak-check=full --errors-for-leak-kinds=definite --show-leak-kinds=definite"
VG="$VG --num-callers=30 ${VALGRIND_OPTS:-}"

for b in "$O"/bin/*; do
	[ -x "$b" ] || continue
	name=$(basename "$b")
	trace=
	[ "$name" = jf ] && trace="--trace-children=yes '--trace-children-skip=/usr/*,/bin/*,/sbin/*'"
	cat >"$W/bin/$name" <<-EOF
	#!/bin/sh
	# $name under valgrind (tests/valgrind.sh)
	if [ -n "\${JF_VG_CALLS:-}" ]; then
		$VG $trace --error-exitcode=97 --log-file="$W/logs/$name.%p.log" "$b" "\$@"
		rc=\$?
		echo "\${JF_VG_TEST:-?} $name \$rc" >>"\$JF_VG_CALLS"
		exit \$rc
	fi
	exec $VG $trace --error-exitcode=97 --log-file="$W/logs/$name.%p.log" "$b" "\$@"
	EOF
	chmod +x "$W/bin/$name"
done
# the report tests keep a sample beside the binaries' directory
mkdir -p "$W/report-sample"

start=$(date +%s)
pass=0 fail=0 xfail=0 skip=0 skipped=
log=$W/out

# logs_of WHAT: print and clear the non-empty valgrind logs; false if any
logs_of() {
	bad=0
	for l in "$W"/logs/*.log; do
		[ -f "$l" ] || continue
		if [ -s "$l" ]; then
			bad=1
			echo "VALGRIND: $1: $(basename "$l" .log)"
			sed 's/^/    /' "$l"
		fi
		rm -f "$l"
	done
	return $bad
}

for t in "$O"/tests/test_*; do
	[ -x "$t" ] || continue
	name=$(basename "$t")
	# shellcheck disable=SC2086
	$VG --error-exitcode=1 --log-file="$W/logs/$name.%p.log" "$t" >"$log" 2>&1
	rc=$?
	p=$(sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' "$log")
	f=$(sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' "$log")
	k=$(sed -n 's/^\[  SKIPPED \] \([0-9]*\) test.*/\1/p' "$log")
	pass=$((pass + ${p:-0}))
	fail=$((fail + ${f:-0}))
	skip=$((skip + ${k:-0}))
	if ! logs_of "$name"; then
		fail=$((fail + 1))
		echo "FAIL: $name (valgrind)"
	elif [ "$rc" -ne 0 ]; then
		[ -z "$f" ] && fail=$((fail + 1))
		echo "FAIL: $name (exit $rc)"
		sed 's/^/    /' "$log"
	else
		echo "unit: $name: ${p:-0} passed"
	fi
done

for t in "$top"/tests/cmd/[0-9]*.sh; do
	[ -f "$t" ] || continue
	name=$(basename "$t" .sh)
	num=${name%%-*}
	case " $SKIP " in *" $name "*) skipped="$skipped $name"; continue ;; esac
	if [ -n "${QUICK:-}" ]; then
		case " $QUICK_SET " in *" $num "*) ;; *) continue ;; esac
	fi
	if [ -n "${TESTS:-}" ]; then
		sel=false
		for s in $TESTS; do case $name in "$s"*) sel=true ;; esac; done
		$sel || continue
	fi
	t0=$(date +%s)
	JF_BIN="$W/bin" JF_TOP="$top" JF_VALGRIND=1 JF_VG_TEST=$name sh "$t" >"$log" 2>&1
	rc=$?
	# skips ("ok N - DESC # SKIP REASON", tests/cmd/lib.sh) are counted apart
	k=$(grep -ci '^ok [0-9][0-9]*.*# *skip' "$log")
	p=$(($(grep -c '^ok ' "$log") - k))
	f=$(grep -c '^not ok ' "$log")
	skip=$((skip + k))
	# expected failures under valgrind: listed, not counted
	x=0
	echo "$XFAIL" | tr '|' '\n' | sed -n "s/^$name://p" >"$W/xf"
	if [ -s "$W/xf" ]; then
		grep '^not ok ' "$log" | sed 's/^not ok [0-9]* - //' | grep -F -f "$W/xf" >"$W/xl"
		x=$(grep -c . "$W/xl")
		[ "$x" -gt 0 ] && sed "s/^/xfail: $name: /" "$W/xl"
		xfail=$((xfail + x))
		[ "$x" -eq "$f" ] && [ "$rc" -eq 1 ] && rc=0
		f=$((f - x))
	fi
	pass=$((pass + p))
	fail=$((fail + f))
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
		fail=$((fail + 1))
	fi
	vg_ok=true
	logs_of "$name" || { vg_ok=false; fail=$((fail + 1)); }
	if [ "$f" -ne 0 ] || [ "$rc" -ne 0 ] || ! $vg_ok; then
		echo "FAIL: $name (exit $rc, $(($(date +%s) - t0)) s)"
		grep -v '^ok ' "$log" | sed 's/^/    /'
	else
		xs=
		[ "$x" -gt 0 ] && xs=", $x expected failures"
		echo "cmd: $name: $p passed$xs ($(($(date +%s) - t0)) s)"
	fi
done

[ -n "$skipped" ] && echo "not run under valgrind:$skipped"
secs=$(($(date +%s) - start))
[ "$xfail" -gt 0 ] && echo "$xfail expected failures (XFAIL in $0)"
echo "$pass passed, $fail failed, $skip skipped under valgrind in $((secs / 60)) min $((secs % 60)) s${QUICK:+ (QUICK)}"
[ "$fail" -eq 0 ]
