#!/bin/sh
# run.sh - every jf command's warm time and peak memory on books of 10k,
# 100k and 1M entries, beside ledger-cli, hledger and a bare libyaml loop.
#
# usage: sh bench/run.sh [--quick] [--no-cache] [--rerun-peers]
#
#   --quick        books of 10k and 100k entries only (default: also 1M)
#   --no-cache     pass --no-cache to the jf commands whose --help mentions it
#   --rerun-peers  time ledger-cli and hledger again even when their figures
#                  for the same book and version are cached
#   BENCH_HUGE=1   also the 10M book (about 3 GB of scratch; no ledger-cli or
#                  hledger, which would need some 25 and 80 GB of memory)
#   BENCH_SIZES="10k 1M"  exactly these books (of 10k, 100k, 1M, 10M)
#
# Builds jf (make), bench/gen.c, bench/yamlloop.c and bench/runone.c (into
# build/bench/), generates the books under $JF_BENCH_DIR (default
# ${TMPDIR:-/tmp}/jf-bench; a book is reused while bench/gen.c is unchanged),
# installs ledger, hledger and time from Debian when missing, then times
# each command as a user runs it right after one append (5 runs, 3 on the
# 1M and 10M books; each capped at $JF_BENCH_CAP seconds, default 300).
# ledger-cli's and hledger's figures do not depend on jf: they are kept in
# $JF_BENCH_DIR/peers.tsv and reused for the same book, version and runs.
# Prints the table and writes it with the machine's description to
# bench/RESULTS.md (the text after the marker line there is kept).
# See bench/README.md.
set -eu

prog=run.sh
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
quick=0
nocache=0
rerun_peers=0
for a in "$@"; do
	case $a in
	--quick) quick=1 ;;
	--no-cache) nocache=1 ;;
	--rerun-peers) rerun_peers=1 ;;
	-h|--help) awk 'NR > 1 && !/^#/ { exit } NR > 1 { sub(/^# ?/, ""); print }' "$0"; exit 0 ;;
	*) echo "$prog: unknown option '$a' (usage: sh bench/run.sh [--quick] [--no-cache] [--rerun-peers])" >&2; exit 2 ;;
	esac
done
huge=${BENCH_HUGE:-0}
case $huge in 0|1) ;; *) echo "$prog: BENCH_HUGE must be 0 or 1, not '$huge'" >&2; exit 2 ;; esac

dir=${JF_BENCH_DIR:-${TMPDIR:-/tmp}/jf-bench}
cap=${JF_BENCH_CAP:-300}
case $cap in ''|*[!0-9]*) echo "$prog: JF_BENCH_CAP must be a number of seconds" >&2; exit 2 ;; esac
bb=$root/build/bench
mkdir -p "$dir" "$bb"
dir=$(cd "$dir" && pwd)
t_begin=$(date +%s)

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

if ! command -v ledger >/dev/null 2>&1; then
	apt_install ledger || say "could not install ledger: skipping it (see $dir/apt.log)"
fi
if ! command -v hledger >/dev/null 2>&1; then
	apt_install hledger || say "could not install hledger: skipping it (see $dir/apt.log)"
fi
have_ledger=0; command -v ledger >/dev/null 2>&1 && have_ledger=1
have_hledger=0; command -v hledger >/dev/null 2>&1 && have_hledger=1
ledgerv="not installed"
if [ "$have_ledger" = 1 ]; then ledgerv=$(ledger --version | head -1); fi
hledgerv="not installed"
if [ "$have_hledger" = 1 ]; then hledgerv=$(hledger --version | head -1); fi

say "building jf"
(cd "$root" && ${MAKE:-make} --no-print-directory all) >&2
# A private copy of the binaries, so that a rebuild during the run (someone
# else's make) cannot change them between runs.
rm -rf "${dir:?}/bin"
mkdir -p "$dir/bin"
cp "$root"/build/bin/jf* "$dir/bin/"
bin=$dir/bin
# The commit of jf's sources: changes under bench/ do not make it dirty.
jfrev=$(cd "$root" && git describe --always 2>/dev/null || echo unknown)
if [ "$jfrev" != unknown ] && ! (cd "$root" && git diff --quiet HEAD -- . ':(exclude)bench'); then
	jfrev="$jfrev-dirty"
fi
CC=${CC:-cc}
yflags=$(pkg-config --cflags --libs yaml-0.1 2>/dev/null || echo -lyaml)
$CC -O2 -std=c11 -Wall -o "$bb/gen" "$here/gen.c"
$CC -O2 -std=c11 -Wall -o "$bb/runone" "$here/runone.c"
# shellcheck disable=SC2086 # yflags is a list of flags
$CC -O2 -std=c11 -Wall -o "$bb/yamlloop" "$here/yamlloop.c" $yflags

# --no-cache goes only to the jf commands that know it (for jf-review and
# jf-wish, the help of the command as a whole).
cacheopt() {
	if [ "$nocache" = 1 ] && "$bin/$1" --help 2>&1 | grep -q -e '--no-cache'; then
		echo --no-cache
	fi
}
cache_state="default"
if [ "$nocache" = 1 ] && [ -n "$(cacheopt jf-balance)" ]; then cache_state="--no-cache"; fi

# Every jf run sees the same day: the generated books end on 2026-05-31, so
# "--week last" is 2026-W22 and the appends are dated 2026-06-01.
JF_NOW=2026-06-01T10:00:00+08:00
JF_OPERATOR=bench
export JF_NOW JF_OPERATOR
unset JF_BOOK

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
peers=$dir/peers.tsv
touch "$peers"
: >"$rows"
: >"$problems"
tf=$dir/time.out
ef=$dir/stderr.out
prep=
warm=0
peer_notes=

# median of the numbers on stdin
median() { sort -n | awk '{ a[NR] = $1 } END { if (NR) print a[int((NR + 1) / 2)] }'; }

# measure SIZE LABEL RUNS CMD...: run CMD RUNS times (each after $prep, if
# set; when $warm is 1, once untimed first), stdout to /dev/null, and append
# "size label median-ms peak-kB status runs-ms load median-cpu-ms" to rows.
measure() {
	size=$1 label=$2 runs=$3
	shift 3
	times='' mems='' cpus='' status=ok i=0
	if [ "$warm" = 1 ]; then "$@" >/dev/null 2>&1 || true; fi
	load=$(cut -d' ' -f1 /proc/loadavg)
	while [ "$i" -lt "$runs" ]; do
		i=$((i + 1))
		if [ -n "$prep" ]; then $prep; fi
		rc=0
		"$bb/runone" "$cap" "$tf" "$@" >/dev/null 2>"$ef" || rc=$?
		if [ "$rc" = 124 ]; then
			status=timeout
			say "$size $label: run $i timed out after $cap s"
			break
		elif [ "$rc" != 0 ]; then
			status="error $rc"
			say "$size $label: run $i: exit $rc:"
			head -5 "$ef" >&2
			printf -- '- %s, %s, run %s: exit %s: %s\n' "$size" "$label" "$i" "$rc" \
				"$(head -3 "$ef" | tr '\n' ' ')" >>"$problems"
			break
		fi
		e=$(cut -d' ' -f1 "$tf")
		m=$(cut -d' ' -f2 "$tf")
		c=$(cut -d' ' -f3 "$tf")
		times="$times $e"
		mems="$mems $m"
		cpus="$cpus $c"
		say "$size $label: run $i: $e ms, $m kB, cpu $c ms"
	done
	# shellcheck disable=SC2086 # split the lists into lines
	med=$(printf '%s\n' $times | grep . | median || true)
	# shellcheck disable=SC2086
	peak=$(printf '%s\n' $mems | grep . | sort -n | tail -1 || true)
	# shellcheck disable=SC2086
	cmed=$(printf '%s\n' $cpus | grep . | median || true)
	printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$size" "$label" "${med:--}" "${peak:--}" "$status" \
		"${times# }" "$load" "${cmed:--}" >>"$rows"
}

# peer SIZE LABEL VERSION RUNS CMD...: measure, unless peers.tsv has the
# figures of the same book, tool version and number of runs.
peer() {
	size=$1 label=$2 ver=$3 runs=$4
	shift 4
	key="$size|$stamp|$ver|$runs"
	if [ "$rerun_peers" = 0 ] &&
		got=$(awk -F'\t' -v k="$key" -v l="$label" '$1 == k && $3 == l { line = $0 } END { if (line != "") print line }' "$peers") &&
		[ -n "$got" ]; then
		say "$size $label: figures of $(echo "$got" | cut -f2) reused ($peers)"
		peer_notes="$peer_notes- $size, $label: measured on $(echo "$got" | cut -f2), reused
"
		echo "$got" | cut -f3- | awk -F'\t' -v s="$size" 'BEGIN { OFS = "\t" } { print s, $0 }' >>"$rows"
		return 0
	fi
	measure "$size" "$label" "$runs" "$@"
	line=$(tail -1 "$rows")
	if [ "$(echo "$line" | cut -f5)" = ok ]; then
		printf '%s\t%s\t%s\t%s\n' "$key" "$(date -u '+%Y-%m-%d')" "$label" \
			"$(echo "$line" | cut -f3-)" >>"$peers"
	fi
}

# The book a user works in: a copy of the generated one (so that the appends
# never reach it) with volunteers, wishes and reviewed earns added
# (bench/seed4.sh), its cache warmed by one read.
work=$dir/work
make_work() {
	rm -rf "$work"
	cp -a "$book_dir" "$work"
	if ! sh "$here/seed4.sh" "$bin" "$work" 2>"$ef"; then
		say "$size: bench/seed4.sh failed:"
		head -5 "$ef" >&2
		printf -- '- %s: bench/seed4.sh failed: %s\n' "$size" "$(head -3 "$ef" | tr '\n' ' ')" >>"$problems"
	fi
	"$bin/jf-balance" -C "$work" --format tsv >/dev/null
}

# One entry appended, untimed: what the office does between two commands.
append_one() {
	# shellcheck disable=SC2046
	"$bin/jf-add" -C "$work" $(cacheopt jf-add) XB-001 clean-yard >/dev/null
}

# One unit of the redeemed item restocked, untimed (an append, too), so the
# timed jf-redeem always finds it in stock.
restock_one() {
	# shellcheck disable=SC2046
	"$bin/jf-restock" -C "$work" $(cacheopt jf-restock) "$rvillage" "$ritem" 1 >/dev/null
}

# ---- the runs ------------------------------------------------------------

sizes="10k 100k"
if [ "$quick" = 0 ]; then sizes="$sizes 1M"; fi
if [ "$huge" = 1 ]; then sizes="$sizes 10M"; fi
sizes=${BENCH_SIZES:-$sizes}
load_start=$(cut -d' ' -f1-3 /proc/loadavg)
started=$(date -u '+%Y-%m-%d %H:%M UTC')
bookinfo=
ritem=soap

for size in $sizes; do
	case $size in
	10k) n=10000 runs=5 cruns=5 ;;
	100k) n=100000 runs=5 cruns=5 ;;
	1M) n=1000000 runs=3 cruns=3 ;;
	10M) n=10000000 runs=3 cruns=1 ;;
	*) say "unknown book size '$size' (10k, 100k, 1M or 10M)"; exit 2 ;;
	esac
	t_size=$(date +%s)
	book "$size" "$n"
	book_dir=$dir/book-$size
	bytes=$(cat "$book_dir"/ledger/*/*.yaml | wc -c)
	jbytes=$(wc -c <"$book_dir/journal.ledger")
	nf=$(find "$book_dir/ledger" -name '*.yaml' | wc -l)
	files=$(find "$book_dir/ledger" -name '*.yaml' | sort)

	# The references, on the generated book itself.
	prep="" warm=0
	# shellcheck disable=SC2086 # files: one path per word
	measure "$size" "cat (read the YAML)" "$cruns" cat $files
	measure "$size" "libyaml event loop" "$cruns" "$bb/yamlloop" "$book_dir/ledger"
	measure "$size" "jf-balance --no-cache (cold, strict)" "$cruns" "$bin/jf-balance" \
		-C "$book_dir" --no-cache --format tsv

	# The household that redeems: the richest of a village that stocks the item.
	make_work
	rhh=$("$bin/jf-balance" -C "$work" --format tsv --village XB |
		awk -F'\t' 'NR > 1 && $6 + 0 > best { best = $6 + 0; h = $1 } END { print h }')
	rvillage=XB

	# The commands, each as a user runs it right after one append (the
	# first run of each, untimed, lets a command that keeps state of its
	# own build it).
	warm=1 prep=append_one
	# shellcheck disable=SC2046
	measure "$size" "jf-balance" "$runs" "$bin/jf-balance" -C "$work" $(cacheopt jf-balance)
	# shellcheck disable=SC2046
	measure "$size" "jf-log HOUSEHOLD" "$runs" "$bin/jf-log" -C "$work" $(cacheopt jf-log) XB-001
	# shellcheck disable=SC2046
	measure "$size" "jf-check -q" "$runs" "$bin/jf-check" -C "$work" $(cacheopt jf-check) -q
	# shellcheck disable=SC2046
	measure "$size" "jf-report --week last" "$runs" "$bin/jf-report" -C "$work" \
		$(cacheopt jf-report) --week last
	# shellcheck disable=SC2046
	measure "$size" "jf-review list" "$runs" "$bin/jf-review" list -C "$work" $(cacheopt jf-review)
	# shellcheck disable=SC2046
	measure "$size" "jf-wish list" "$runs" "$bin/jf-wish" list -C "$work" $(cacheopt jf-wish)
	if [ -f "$work/volunteers.yaml" ]; then
		# shellcheck disable=SC2046
		measure "$size" "jf-log --volunteer ID" "$runs" "$bin/jf-log" -C "$work" \
			$(cacheopt jf-log) --volunteer V03
	fi
	# The writers: each timed jf-add comes right after the one before.
	warm=0 prep=
	# shellcheck disable=SC2046
	measure "$size" "jf-add" "$runs" "$bin/jf-add" -C "$work" $(cacheopt jf-add) XB-001 clean-yard
	if [ -n "$rhh" ]; then
		prep=restock_one
		# shellcheck disable=SC2046
		measure "$size" "jf-redeem" "$runs" "$bin/jf-redeem" -C "$work" $(cacheopt jf-redeem) \
			"$rhh" "$ritem" 1
	else
		say "$size: no household of XB holds points: jf-redeem left out"
	fi
	prep=
	# The book must still check after all that.
	if ! "$bin/jf-check" -C "$work" -q 2>"$ef"; then
		say "$size: the work book does not check after the runs:"
		head -5 "$ef" >&2
		printf -- '- %s: the work book does not check after the runs: %s\n' "$size" \
			"$(head -3 "$ef" | tr '\n' ' ')" >>"$problems"
	fi
	rm -rf "$work"

	if [ "$size" != 10M ]; then
		if [ "$have_ledger" = 1 ]; then
			peer "$size" "ledger-cli bal" "$ledgerv" "$runs" ledger -f "$book_dir/journal.ledger" bal
		fi
		if [ "$have_hledger" = 1 ]; then
			peer "$size" "hledger bal" "$hledgerv" "$runs" hledger -f "$book_dir/journal.ledger" bal
		fi
	fi
	mins=$(awk "BEGIN { printf \"%.1f\", ($(date +%s) - $t_size) / 60 }")
	bookinfo="$bookinfo| $size | $n | $nf | $(awk "BEGIN { printf \"%.1f\", $bytes / 1048576 }") | $(awk "BEGIN { printf \"%.1f\", $jbytes / 1048576 }") | ${rhh:--} | $mins |
"
done
load_end=$(cut -d' ' -f1-3 /proc/loadavg)
total=$(($(date +%s) - t_begin))

# ---- the tables ----------------------------------------------------------

# The summary: one row per command, median ms and peak MB per size, and the
# targets of issue 14 (for 1M entries, after one append) met or missed at the
# largest size measured.
summary=$(awk -F'\t' -v sizes="$sizes" '
	function ms(x) {
		if (x == "-") return "-"
		if (x < 10) return sprintf("%.1f", x)
		s = sprintf("%d", x + 0.5); o = ""
		while (length(s) > 3) { o = "," substr(s, length(s) - 2) o; s = substr(s, 1, length(s) - 3) }
		return s o
	}
	function mb(x) { return x == "-" ? "-" : sprintf("%.1f", x / 1024) }
	{
		if (!($2 in seen)) { seen[$2] = 1; order[++nl] = $2 }
		k = $1 SUBSEP $2
		med[k] = $3; peak[k] = $4; st[k] = $5; cpu[k] = ($8 == "" ? "-" : $8)
		if ($2 == "libyaml event loop" && $5 == "ok") { base[$1] = $3; cbase[$1] = cpu[k] }
	}
	END {
		ns = split(sizes, sz, " ")
		last = sz[ns]
		prev = ns > 1 ? sz[ns - 1] : ""
		at = (last == "1M" || last == "10M") ? last : last " (the targets are for 1M)"
		h = "| command |"; u = "|---------|"
		for (i = 1; i <= ns; i++) { h = h " " sz[i] " ms | cpu ms | MB |"; u = u "-----:|-----:|-----:|" }
		h = h " target (issue 14) | at " at " |"
		u = u "------|------|"
		print h; print u
		for (j = 1; j <= nl; j++) {
			l = order[j]
			line = "| " l " |"
			for (i = 1; i <= ns; i++) {
				k = sz[i] SUBSEP l
				if (!(k in med)) { line = line " | | |"; continue }
				m = ms(med[k]); p = mb(peak[k])
				if (st[k] != "ok") m = m " (" st[k] ")"
				line = line " " m " | " ms(cpu[k]) " | " p " |"
			}
			k = last SUBSEP l
			t = ""; v = ""
			if (l ~ /^jf-(balance|log HOUSEHOLD|check -q|report --week last|add|redeem)$/) {
				t = "150 ms, 32 MB, flat"
				if (k in med && st[k] == "ok") {
					v = (med[k] <= 150 ? "150 ms met" : "150 ms **missed**")
					if (med[k] > 150 && cpu[k] != "-")
						v = v " (cpu " ms(cpu[k]) " ms: " (cpu[k] <= 150 ? "within)" : "over too)")
					v = v ", " (peak[k] <= 32 * 1024 ? "32 MB met" : "32 MB **missed**")
					pk = prev SUBSEP l
					if (prev != "" && pk in peak && peak[pk] != "-")
						v = v sprintf(", %+.1f MB from %s", (peak[k] - peak[pk]) / 1024, prev)
				} else v = "not measured"
			} else if (l ~ /--no-cache \(cold/) {
				t = "1.2x the libyaml loop"
				if (k in med && st[k] == "ok" && base[last] > 0) {
					r = med[k] / base[last]
					v = sprintf("%.2fx: %s", r, r <= 1.2 ? "met" : "**missed**")
					if (cbase[last] != "-" && cbase[last] > 0 && cpu[k] != "-") {
						r = cpu[k] / cbase[last]
						v = v sprintf("; cpu %.2fx: %s", r, r <= 1.2 ? "met" : "**missed**")
					}
				}
			} else if (l ~ /^(ledger-cli|hledger) bal$/ && k in med && st[k] == "ok" &&
				   (last SUBSEP "jf-balance") in med && med[last SUBSEP "jf-balance"] > 0) {
				v = sprintf("jf-balance is %dx faster", med[k] / med[last SUBSEP "jf-balance"] + 0.5)
				# the peers may come from another sitting (peers.tsv): cpu time
				# is the fairer comparison
				jc = cpu[last SUBSEP "jf-balance"]
				if (cpu[k] != "-" && jc != "-" && jc > 0)
					v = v sprintf(" (%dx in cpu time)", cpu[k] / jc + 0.5)
			}
			print line " " t " | " v " |"
		}
	}' "$rows")

# The detail: every run.
detail=$(awk -F'\t' '
	BEGIN {
		print "| size | command | median ms | best ms | cpu ms | x libyaml loop | peak MB | runs (ms) | load |"
		print "|-----:|---------|----------:|--------:|-------:|---------------:|--------:|-----------|-----:|"
	}
	{ size[NR] = $1; tool[NR] = $2; med[NR] = $3; peak[NR] = $4; st[NR] = $5; runs[NR] = $6; ld[NR] = $7
	  cpu[NR] = ($8 == "" ? "-" : $8)
	  if ($2 == "libyaml event loop" && $5 == "ok") base[$1] = $3 }
	END {
		for (i = 1; i <= NR; i++) {
			m = med[i]; r = "-"; p = "-"
			if (st[i] != "ok") m = (med[i] != "-" ? med[i] " (" st[i] ")" : st[i])
			if (st[i] == "ok" && base[size[i]] > 0) r = sprintf("%.2f", med[i] / base[size[i]])
			if (peak[i] != "-") p = sprintf("%.1f", peak[i] / 1024)
			n = split(runs[i], rr, " "); b = "-"
			for (j = 1; j <= n; j++) if (b == "-" || rr[j] + 0 < b + 0) b = rr[j]
			printf "| %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", size[i], tool[i], m, b, cpu[i], r, p, runs[i], ld[i]
		}
	}' "$rows")

model=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)
mem=$(awk '/^MemTotal:/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)
gccv=$($CC --version 2>/dev/null | head -1)
yamlv=$(pkg-config --modversion yaml-0.1 2>/dev/null || echo unknown)
mode=full
if [ "$quick" = 1 ]; then mode=quick; fi
cmdline="sh bench/run.sh"
if [ "$quick" = 1 ]; then cmdline="$cmdline --quick"; fi
if [ "$nocache" = 1 ]; then cmdline="$cmdline --no-cache"; fi
if [ "$huge" = 1 ]; then cmdline="BENCH_HUGE=1 $cmdline"; fi
if [ -n "${BENCH_SIZES:-}" ]; then
	mode="books $sizes"
	cmdline="BENCH_SIZES=\"$sizes\" $cmdline"
fi
marker='<!-- bench/run.sh writes everything above this line and keeps what follows it. -->'
kept=
if [ -f "$here/RESULTS.md" ] && grep -qxF "$marker" "$here/RESULTS.md"; then
	kept=$(sed -n "/^<!-- bench\/run.sh writes everything above/,\$p" "$here/RESULTS.md" | sed 1d)
fi
minutes=$(awk "BEGIN { printf \"%.1f\", $total / 60 }")

{
	echo "# jf benchmark: latest results"
	echo
	echo "Written by \`$cmdline\` ($mode mode, $minutes min) on $started, jf at"
	echo "$jfrev; jf's cache: $cache_state.  See bench/README.md for what is measured."
	echo
	echo "Each jf command runs as a user runs it right after one append (jf-add of one"
	echo "entry, untimed, before each timed run; jf-redeem after a jf-restock of the"
	echo "item); the book is a copy of the generated one whose cache one read has"
	echo "warmed, and each command runs once untimed first.  Medians of 5 runs (3 on the"
	echo "1M and 10M books), wall-clock milliseconds (\"cpu ms\": the median user plus"
	echo "system time, which the other work on a shared machine disturbs far less);"
	echo "peak memory is the largest maximum resident set of the runs (wait4"
	echo "ru_maxrss, bench/runone.c).  Each run is capped at $cap s.  The work copy"
	echo "also has 8 volunteers, 8 served hours, 8 wishes and 4 reviewed earns"
	echo "(bench/seed4.sh), for jf-log --volunteer, jf-wish list and jf-review list."
	echo
	echo "$summary"
	echo
	if [ -s "$problems" ]; then
		echo "Runs that failed (the median is of the runs before):"
		echo
		cat "$problems"
		echo
	fi
	echo "## Machine"
	echo
	echo "- jf: $jfrev (git describe --always; -dirty: sources outside bench/ changed)"
	echo "- CPUs: $(nproc) ($model)"
	echo "- memory: $mem"
	echo "- kernel: $(uname -sr)"
	echo "- compiler: $gccv"
	echo "- libyaml: $yamlv"
	echo "- ledger: $ledgerv"
	echo "- hledger: $hledgerv"
	echo "- load average (1, 5, 15 min): $load_start at the start, $load_end at the end"
	echo "  (the 1-minute figure at the start of each row is in the detail table)"
	echo
	echo "The machine is shared: other builds and tests may run at the same time, so"
	echo "the figures are noisy; compare the ratios, and the individual runs, rather than"
	echo "single milliseconds, and rerun on a quiet machine before drawing fine conclusions."
	if [ -n "$peer_notes" ]; then
		echo "ledger-cli's and hledger's figures are reused from earlier runs on the same"
		echo "book and version (\`$dir/peers.tsv\`, \`--rerun-peers\` times them again); the"
		echo "detail table's load column is that of the run that measured them."
		echo; printf '%s' "$peer_notes"
	else
		echo "ledger-cli and hledger were timed in this run, on the same books."
	fi
	echo
	echo "## Books (bench/gen)"
	echo
	echo "| size | entries | ledger files | ledger MB | journal MB | jf-redeem by | minutes of the run |"
	echo "|-----:|--------:|-------------:|----------:|-----------:|--------------|------:|"
	printf '%s' "$bookinfo"
	echo
	echo "## Every run"
	echo
	echo "\"x libyaml loop\" divides the median by the bare libyaml event loop's over the"
	echo "same files; \"best\" is the quickest run (the load only ever adds time);"
	echo "\"load\" is the 1-minute load average when the row began."
	echo
	echo "$detail"
	echo
	echo "$marker"
	if [ -n "$kept" ]; then printf '%s\n' "$kept"; fi
} >"$here/RESULTS.md"

echo "$summary"
say "table written to bench/RESULTS.md ($minutes min)"
