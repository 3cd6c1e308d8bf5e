#!/bin/sh
# run.sh - time jf against ledger-cli, hledger and a bare libyaml event loop.
#
# usage: sh bench/run.sh [--quick] [--no-cache]
#
#   --quick     books of 10k and 100k entries only (default: also 1M)
#   --no-cache  pass --no-cache to the jf commands whose --help mentions it
#
# Builds jf (make) and bench/gen.c, bench/yamlloop.c (into build/bench/),
# generates the books under $JF_BENCH_DIR (default ${TMPDIR:-/tmp}/jf-bench;
# a book is reused while bench/gen.c is unchanged), installs ledger, hledger
# and time from Debian when missing, then times every tool several times
# (5 runs, 3 for the 1M book; each run capped at $JF_BENCH_CAP seconds,
# default 300) with /usr/bin/time.  Prints a markdown table of medians,
# ratios to the libyaml loop and peak memory, and writes it with the
# machine's description to bench/RESULTS.md.  See bench/README.md.
set -eu

prog=run.sh
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
quick=0
nocache=0
for a in "$@"; do
	case $a in
	--quick) quick=1 ;;
	--no-cache) nocache=1 ;;
	-h|--help) awk 'NR > 1 && !/^#/ { exit } NR > 1 { sub(/^# ?/, ""); print }' "$0"; exit 0 ;;
	*) echo "$prog: unknown option '$a' (usage: sh bench/run.sh [--quick] [--no-cache])" >&2; exit 2 ;;
	esac
done

dir=${JF_BENCH_DIR:-${TMPDIR:-/tmp}/jf-bench}
cap=${JF_BENCH_CAP:-300}
bb=$root/build/bench
mkdir -p "$dir" "$bb"
dir=$(cd "$dir" && pwd)

say() { echo "$prog: $*" >&2; }

# ---- tools ---------------------------------------------------------------

apt_install() {
	command -v apt-get >/dev/null 2>&1 || return 1
	say "installing $* from Debian"
	if ! apt-get install -y "$@" >"$dir/apt.log" 2>&1; then
		# the package lists may be missing in a fresh container
		apt-get update >>"$dir/apt.log" 2>&1 || true
		apt-get install -y "$@" >>"$dir/apt.log" 2>&1 || return 1
	fi
}

if [ ! -x /usr/bin/time ]; then
	apt_install time || { say "no /usr/bin/time and 'apt-get install time' failed"; exit 1; }
fi
command -v timeout >/dev/null 2>&1 || { say "no 'timeout' (coreutils)"; exit 1; }
if ! command -v ledger >/dev/null 2>&1; then
	apt_install ledger || say "could not install ledger: skipping it (see $dir/apt.log)"
fi
if ! command -v hledger >/dev/null 2>&1; then
	apt_install hledger || say "could not install hledger: skipping it (see $dir/apt.log)"
fi
have_ledger=0; command -v ledger >/dev/null 2>&1 && have_ledger=1
have_hledger=0; command -v hledger >/dev/null 2>&1 && have_hledger=1

say "building jf"
(cd "$root" && ${MAKE:-make} --no-print-directory all) >&2
# A private copy of the binaries, so that a rebuild during the run (someone
# else's make) cannot change them between runs.
rm -rf "${dir:?}/bin"
mkdir -p "$dir/bin"
cp "$root"/build/bin/jf* "$dir/bin/"
bin=$dir/bin
jfrev=$(cd "$root" && git describe --always --dirty 2>/dev/null || echo unknown)
CC=${CC:-cc}
yflags=$(pkg-config --cflags --libs yaml-0.1 2>/dev/null || echo -lyaml)
$CC -O2 -std=c11 -Wall -o "$bb/gen" "$here/gen.c"
# shellcheck disable=SC2086 # yflags is a list of flags
$CC -O2 -std=c11 -Wall -o "$bb/yamlloop" "$here/yamlloop.c" $yflags

# --no-cache goes only to the jf commands that know it.
cacheopt() {
	if [ "$nocache" = 1 ] && "$bin/$1" --help 2>&1 | grep -q -e '--no-cache'; then
		echo --no-cache
	fi
}
if [ "$nocache" = 1 ] && [ -z "$(cacheopt jf-balance)" ]; then
	say "jf-balance --help does not mention --no-cache: running jf as it is"
fi
cache_state="default"
if [ "$nocache" = 1 ] && [ -n "$(cacheopt jf-balance)" ]; then cache_state="--no-cache"; fi

# ---- books ---------------------------------------------------------------

stamp=$(cksum <"$here/gen.c" | cut -d' ' -f1)

# book LABEL N: the book of N entries, generated unless a current one exists.
book() {
	b=$dir/book-$1
	if [ -f "$b/jf.yaml" ] && [ "$(cat "$dir/book-$1.stamp" 2>/dev/null)" = "$stamp" ]; then
		say "reusing $b"
		return 0
	fi
	say "generating $b ($2 entries)"
	rm -rf "$b" "$b.tmp" "$dir/book-$1.stamp"
	"$bb/gen" "$2" "$b.tmp" >&2
	mv "$b.tmp" "$b"
	echo "$stamp" >"$dir/book-$1.stamp"
}

# ---- timing --------------------------------------------------------------

rows=$dir/rows.tsv
problems=$dir/problems.txt
: >"$rows"
: >"$problems"
tf=$dir/time.out
ef=$dir/stderr.out
prep=

# median of the numbers on stdin
median() { sort -n | awk '{ a[NR] = $1 } END { if (NR) print a[int((NR + 1) / 2)] }'; }

# measure SIZE TOOL RUNS CMD...: run CMD RUNS times (after $prep, if set),
# stdout to /dev/null, and append "size tool median peakKB status runs" to rows.
measure() {
	size=$1 tool=$2 runs=$3
	shift 3
	times='' mems='' status=ok i=0
	while [ "$i" -lt "$runs" ]; do
		i=$((i + 1))
		if [ -n "$prep" ]; then $prep; fi
		rc=0
		/usr/bin/time -f '%e %M' -o "$tf" timeout "$cap" "$@" >/dev/null 2>"$ef" || rc=$?
		if [ "$rc" = 124 ]; then
			status=timeout
			say "$size $tool: run $i timed out after $cap s"
			break
		elif [ "$rc" != 0 ]; then
			status="error $rc"
			say "$size $tool: run $i: exit $rc:"
			head -5 "$ef" >&2
			printf -- '- %s, %s, run %s: exit %s: %s\n' "$size" "$tool" "$i" "$rc" \
				"$(head -3 "$ef" | tr '\n' ' ')" >>"$problems"
			break
		fi
		e=$(tail -1 "$tf" | cut -d' ' -f1)
		m=$(tail -1 "$tf" | cut -d' ' -f2)
		times="$times $e"
		mems="$mems $m"
		say "$size $tool: run $i: $e s, $m KB"
	done
	# shellcheck disable=SC2086 # split the lists into lines
	med=$(printf '%s\n' $times | grep . | median || true)
	# shellcheck disable=SC2086
	peak=$(printf '%s\n' $mems | grep . | sort -n | tail -1 || true)
	printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$size" "$tool" "${med:--}" "${peak:--}" "$status" \
		"${times# }" >>"$rows"
}

# A copy of the book (with its cache, if jf keeps one), for the writers.
fresh_copy() {
	rm -rf "$dir/work"
	cp -a "$book_dir" "$dir/work"
}

# fresh_copy, then one read that makes its cache exact (a copy has new
# inodes, so the copied cache is re-hashed once): the steady state of an
# office where every change is made with jf.
copy_and_warm() {
	fresh_copy
	"$bin/jf-balance" -C "$dir/work" --format tsv >/dev/null
}

# fresh_copy, then the jf-add timed above, untimed.
copy_and_add() {
	fresh_copy
	# shellcheck disable=SC2046
	JF_NOW=2026-06-01T10:00:00+08:00 "$bin/jf-add" -C "$dir/work" $(cacheopt jf-add) \
		--date 2026-06-01 -b bench XB-001 clean-yard >/dev/null
}

# ---- the runs ------------------------------------------------------------

if [ "$quick" = 1 ]; then sizes="10k 100k"; else sizes="10k 100k 1M"; fi
load_start=$(cut -d' ' -f1-3 /proc/loadavg)
started=$(date -u '+%Y-%m-%d %H:%M UTC')
bookinfo=

for size in $sizes; do
	case $size in
	10k) n=10000 runs=5 ;;
	100k) n=100000 runs=5 ;;
	1M) n=1000000 runs=3 ;;
	esac
	book "$size" "$n"
	book_dir=$dir/book-$size
	bytes=$(cat "$book_dir"/ledger/*/*.yaml | wc -c)
	jbytes=$(wc -c <"$book_dir/journal.ledger")
	nf=$(find "$book_dir/ledger" -name '*.yaml' | wc -l)
	bookinfo="$bookinfo| $size | $n | $nf | $(awk "BEGIN { printf \"%.1f\", $bytes / 1048576 }") | $(awk "BEGIN { printf \"%.1f\", $jbytes / 1048576 }") |
"
	files=$(find "$book_dir/ledger" -name '*.yaml' | sort)

	prep=
	# shellcheck disable=SC2086 # files: one path per word
	measure "$size" "cat (read the YAML)" "$runs" cat $files
	measure "$size" "libyaml event loop" "$runs" "$bb/yamlloop" "$book_dir/ledger"
	# shellcheck disable=SC2046
	measure "$size" "jf-balance --format tsv" "$runs" "$bin/jf-balance" -C "$book_dir" \
		$(cacheopt jf-balance) --format tsv
	if [ -x "$bin/jf-report" ]; then
		# shellcheck disable=SC2046
		measure "$size" "jf-report --week 2026-W20 --format json" "$runs" "$bin/jf-report" \
			-C "$book_dir" $(cacheopt jf-report) --week 2026-W20 --format json
	fi
	if [ -n "$(cacheopt jf-balance)" ] || "$bin/jf-balance" --help | grep -q -- --no-cache; then
		measure "$size" "jf-balance --no-cache (full read)" "$runs" "$bin/jf-balance" \
			-C "$book_dir" --no-cache --format tsv
	fi
	# shellcheck disable=SC2046
	measure "$size" "jf-check -q" "$runs" "$bin/jf-check" -C "$book_dir" $(cacheopt jf-check) -q
	prep=copy_and_warm
	# shellcheck disable=SC2046
	measure "$size" "jf-add (one entry, cache exact)" "$runs" env JF_NOW=2026-06-01T10:00:00+08:00 \
		"$bin/jf-add" -C "$dir/work" $(cacheopt jf-add) --date 2026-06-01 -b bench \
		XB-001 clean-yard
	prep=fresh_copy
	# shellcheck disable=SC2046
	measure "$size" "jf-add (one entry, fresh copy: cache re-hashed)" "$runs" env JF_NOW=2026-06-01T10:00:00+08:00 \
		"$bin/jf-add" -C "$dir/work" $(cacheopt jf-add) --date 2026-06-01 -b bench \
		XB-001 clean-yard
	# The issue's target for the cache: a read right after one append.
	prep=copy_and_add
	# shellcheck disable=SC2046
	measure "$size" "jf-balance after that jf-add" "$runs" "$bin/jf-balance" -C "$dir/work" \
		$(cacheopt jf-balance) --format tsv
	prep=
	rm -rf "$dir/work"
	if [ "$have_ledger" = 1 ]; then
		measure "$size" "ledger -f journal.ledger bal" "$runs" ledger -f "$book_dir/journal.ledger" bal
	fi
	if [ "$have_hledger" = 1 ]; then
		measure "$size" "hledger -f journal.ledger bal" "$runs" hledger -f "$book_dir/journal.ledger" bal
	fi
done
load_end=$(cut -d' ' -f1-3 /proc/loadavg)

# ---- the table -----------------------------------------------------------

table=$(awk -F'\t' '
	BEGIN {
		print "| size | tool | median s | x libyaml loop | peak MB | runs (s) |"
		print "|-----:|------|---------:|---------------:|--------:|----------|"
	}
	{ size[NR] = $1; tool[NR] = $2; med[NR] = $3; peak[NR] = $4; st[NR] = $5; runs[NR] = $6
	  if ($2 == "libyaml event loop" && $5 == "ok") base[$1] = $3 }
	END {
		for (i = 1; i <= NR; i++) {
			m = med[i]; r = "-"; p = "-"
			if (st[i] != "ok") m = (med[i] != "-" ? med[i] " (" st[i] ")" : st[i])
			if (st[i] == "ok" && base[size[i]] > 0) r = sprintf("%.2f", med[i] / base[size[i]])
			if (peak[i] != "-") p = sprintf("%.1f", peak[i] / 1024)
			printf "| %s | %s | %s | %s | %s | %s |\n", size[i], tool[i], m, r, p, runs[i]
		}
	}' "$rows")

model=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)
mem=$(awk '/^MemTotal:/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)
gccv=$($CC --version 2>/dev/null | head -1)
yamlv=$(pkg-config --modversion yaml-0.1 2>/dev/null || echo unknown)
ledgerv="not installed"
if [ "$have_ledger" = 1 ]; then ledgerv=$(ledger --version | head -1); fi
hledgerv="not installed"
if [ "$have_hledger" = 1 ]; then hledgerv=$(hledger --version | head -1); fi
mode=full
if [ "$quick" = 1 ]; then mode=quick; fi
cmdline="sh bench/run.sh"
if [ "$quick" = 1 ]; then cmdline="$cmdline --quick"; fi
if [ "$nocache" = 1 ]; then cmdline="$cmdline --no-cache"; fi

{
	echo "# jf benchmark: latest results"
	echo
	echo "Written by \`$cmdline\` ($mode mode) on $started; jf's cache: $cache_state."
	echo "See bench/README.md for what is measured.  Medians of 5 runs (3 for the 1M"
	echo "book), wall-clock seconds; \"x libyaml loop\" divides by the bare libyaml event"
	echo "loop over the same files; peak memory is the largest maximum resident set of"
	echo "the runs (/usr/bin/time %M).  Each run is capped at $cap s."
	if [ "$cache_state" = default ]; then
		echo "jf ran as a user runs it: commands that keep a cache (BOOK/.jf/) read it,"
		echo "and a reused book's cache is warm from earlier runs; \`--no-cache\` gives the"
		echo "full-parse figures."
	fi
	echo
	echo "$table"
	echo
	if [ -s "$problems" ]; then
		echo "Runs that failed (the median is of the runs before):"
		echo
		cat "$problems"
		echo
	fi
	echo "## Machine"
	echo
	echo "- jf: $jfrev (git describe --always --dirty)"
	echo "- CPUs: $(nproc) ($model)"
	echo "- memory: $mem"
	echo "- kernel: $(uname -sr)"
	echo "- compiler: $gccv"
	echo "- libyaml: $yamlv"
	echo "- ledger: $ledgerv"
	echo "- hledger: $hledgerv"
	echo "- load average (1, 5, 15 min): $load_start at the start, $load_end at the end"
	echo
	echo "The machine is shared: other builds and tests may run at the same time, so"
	echo "the figures are noisy; compare the ratios, and the individual runs, rather than"
	echo "single seconds, and rerun on a quiet machine before drawing fine conclusions."
	echo
	echo "## Books (bench/gen)"
	echo
	echo "| size | entries | ledger files | ledger MB | journal MB |"
	echo "|-----:|--------:|-------------:|----------:|-----------:|"
	printf '%s' "$bookinfo"
} >"$here/RESULTS.md"

echo "$table"
say "table written to bench/RESULTS.md"
