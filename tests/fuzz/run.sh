#!/bin/sh
# tests/fuzz/run.sh [SECONDS [TARGET...]] - build the libFuzzer targets with
# clang (-fsanitize=fuzzer,address,undefined, the library sources linked in
# directly) and run each for SECONDS (default $FUZZ_TIME, else 60).
# TARGETs: ledger settings sheet (default all three).
#
# Each target runs on a working corpus in $FUZZ_OUT (default build-fuzz/):
# the seeds of tests/fuzz/corpus/TARGET are copied in, and what the fuzzer
# finds stays there for the next run, so the repository corpus stays small.
# A crash, leak, sanitizer report, timeout (-timeout, default 10 s) or
# memory blow-up (-rss_limit_mb, default 1024) stops the target; the input
# is saved as $FUZZ_OUT/crashes/TARGET/crash-* (or leak-*, timeout-*, oom-*)
# and the script exits 1 after running the others.  Reproduce with
#   $FUZZ_OUT/fuzz_TARGET FILE
# JF_FUZZ_NO_ORACLE=1 turns off fuzz_ledger's checks of results (the
# reader cache against a plain read, entry positions against LF lines),
# leaving the sanitizers.  Regenerate the seeds with tests/fuzz/seeds.sh.
# Needs clang and libclang-rt-14-dev (Debian 12).
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
secs=${1:-${FUZZ_TIME:-60}}
[ $# -gt 0 ] && shift
targets=${*:-ledger settings sheet}
out=${FUZZ_OUT:-$top/build-fuzz}
case $out in /*) ;; *) out=$top/$out ;; esac
CC=${FUZZ_CC:-clang}
case $secs in ''|*[!0-9]*) echo "usage: $0 [SECONDS [ledger|settings|sheet...]]" >&2; exit 2 ;; esac

command -v "$CC" >/dev/null 2>&1 || {
	echo "$0: $CC not found (apt-get install clang libclang-rt-14-dev)" >&2; exit 2; }
yaml_cflags=$(pkg-config --cflags yaml-0.1 2>/dev/null)
yaml_libs="$(pkg-config --libs yaml-0.1 2>/dev/null || echo -lyaml) $(pkg-config --libs libsodium 2>/dev/null || echo -lsodium) $(pkg-config --libs libutf8proc 2>/dev/null || echo -lutf8proc)"
san="-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer"
cflags="-g -O1 -std=c11 -D_GNU_SOURCE -Wall -Wextra -Werror -I$top/lib $yaml_cflags -include $out/obj/version.h"

# the library, instrumented for coverage, once for both targets
mkdir -p "$out/obj" || exit 2
# newer: is a file under $1 newer than $2 (or $2 missing)?
newer() { [ ! -e "$2" ] || [ -n "$(find "$1" -newer "$2" -name '*.[ch]' | head -n 1)" ]; }
if newer "$top/lib" "$out/obj/stamp"; then
	echo "== building the library with $CC ($san)"
	rm -f "$out"/obj/*.o
	echo '#define JF_VERSION "fuzz"' >"$out/obj/version.h"
	# shellcheck disable=SC2086
	(cd "$out/obj" && $CC $cflags $san -fsanitize=fuzzer-no-link -c "$top"/lib/*.c) ||
		{ echo "$0: building the library failed" >&2; exit 2; }
	touch "$out/obj/stamp"
fi

status=0
for t in $targets; do
	src=$top/tests/fuzz/fuzz_$t.c bin=$out/fuzz_$t
	[ -f "$src" ] || { echo "$0: no target '$t'" >&2; exit 2; }
	if newer "$src" "$bin" || [ -n "$(find "$out/obj/stamp" -newer "$bin")" ]; then
		echo "== building fuzz_$t"
		# shellcheck disable=SC2086
		$CC $cflags $san -fsanitize=fuzzer -o "$bin" "$src" "$out"/obj/*.o $yaml_libs ||
			{ echo "$0: building fuzz_$t failed" >&2; exit 2; }
	fi
	work=$out/corpus/$t crashes=$out/crashes/$t
	mkdir -p "$work" "$crashes"
	cp "$top/tests/fuzz/corpus/$t"/* "$work"/ 2>/dev/null
	dict=
	[ -f "$top/tests/fuzz/$t.dict" ] && dict=-dict=$top/tests/fuzz/$t.dict
	echo "== fuzz_$t: $secs s, corpus $(ls "$work" | wc -l) inputs"
	start=$(date +%s)
	# shellcheck disable=SC2086 # $dict is empty or one word
	ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:symbolize=1} \
	UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1} \
	"$bin" -max_total_time="$secs" -max_len=65536 \
		-rss_limit_mb="${FUZZ_RSS_MB:-1024}" -timeout="${FUZZ_TIMEOUT:-10}" \
		-artifact_prefix="$crashes/" -print_final_stats=1 $dict \
		"$work" >"$out/fuzz_$t.log" 2>&1
	rc=$?
	grep -E '^stat::number_of_executed_units|^stat::peak_rss_mb|^#[0-9]+ *DONE' "$out/fuzz_$t.log" |
		sed 's/^/   /'
	if [ "$rc" -ne 0 ]; then
		status=1
		echo "FAIL: fuzz_$t (exit $rc after $(($(date +%s) - start)) s); log: $out/fuzz_$t.log"
		grep -E 'ERROR|runtime error|SUMMARY|==[0-9]+==|fuzz_[a-z]+:|Test unit written' "$out/fuzz_$t.log" |
			head -n 20 | sed 's/^/    /'
	else
		echo "ok: fuzz_$t ($(ls "$work" | wc -l) inputs in the working corpus)"
	fi
done
exit $status
