#!/bin/sh
# report-same.sh - does jf-report write the same bytes as another build?
#
# usage: sh bench/report-same.sh OLD_BIN NEW_BIN
#
# Runs jf-report of both builds (directories holding jf-report) in every
# format (text, markdown, csv, tsv, json, html) over a set of periods and
# options (--week, --month, --from/--to, --from alone, --village, --top,
# --deductions), each with the book's labels in Chinese and in English, on
# the example book (examples/longqu, JF_NOW as in examples/demo.sh) and on a
# generated book of 100,000 entries (bench/gen.c; built and generated under
# $JF_BENCH_DIR, default ${TMPDIR:-/tmp}/jf-bench, reused when present).
# Exit statuses and standard error are compared as well.  Prints one line
# per difference and a summary; exits 1 when anything differs.
# Used to show that a rewrite of the report writers changed no byte
# (issue 8); build the old commit with `git archive OLD | tar -x -C DIR &&
# make -C DIR`.
set -eu

prog=report-same.sh
if [ $# -ne 2 ]; then
	echo "usage: sh bench/report-same.sh OLD_BIN NEW_BIN" >&2
	exit 2
fi
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
old=$(cd "$1" && pwd)
new=$(cd "$2" && pwd)
dir=${JF_BENCH_DIR:-${TMPDIR:-/tmp}/jf-bench}
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)

tmp=$(mktemp -d "${TMPDIR:-/tmp}/jf-same.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM
unset JF_BOOK

# books: NAME in both languages, without their caches
mkbook() { # src name
	for lang in zh en; do
		cp -R "$1" "$tmp/$2-$lang"
		rm -rf "$tmp/$2-$lang/.jf" "$tmp/$2-$lang/journal.ledger"
		grep -v '^lang:' "$1/jf.yaml" >"$tmp/$2-$lang/jf.yaml"
		echo "lang: $lang" >>"$tmp/$2-$lang/jf.yaml"
	done
}
mkbook "$root/examples/longqu" longqu

big=$dir/book-100000
if [ ! -f "$big/jf.yaml" ]; then
	mkdir -p "$root/build/bench"
	cc -O2 -o "$root/build/bench/gen" "$root/bench/gen.c"
	rm -rf "$big"
	"$root/build/bench/gen" 100000 "$big" >/dev/null
fi
mkbook "$big" big

formats="text markdown csv tsv json html"
longqu_runs='
--week 2026-W48
--week last
--month 2026-11
--month 2026-10 --deductions
--from 2026-09-01 --to 2026-11-27
--from 2026-10-01
--village XB
--village LQ --deductions --top 2
--week 2026-W42 --village XB --deductions
--top 1 --month 2026-09
--from 2026-09-09 --to 2026-09-09 --village SZ
--village NOPE
--from 2026-12-01 --to 2026-11-01
'
big_runs='
--month 2026-05
--week 2026-W20 --deductions
--from 2022-01-01 --to 2026-05-31 --top 20
--from 2025-01-01 --to 2025-03-31 --village DW --deductions --top 3
--month 2024-02 --village XB
'

n=0
bad=0
run() { # bin book tag nowtime args...
	bin=$1 book=$2 tag=$3 now=$4
	shift 4
	st=0
	(cd "$book" && JF_NOW=$now "$bin/jf-report" "$@" >"$tmp/out.$tag" 2>"$tmp/err.$tag") || st=$?
	echo "$st" >"$tmp/st.$tag"
}
matrix() { # book-prefix now runs
	for lang in zh en; do
		book=$tmp/$1-$lang
		echo "$3" | while IFS= read -r args; do
			[ -n "$args" ] || continue
			for f in $formats; do
				# shellcheck disable=SC2086
				run "$old" "$book" old "$2" $args --format "$f"
				# shellcheck disable=SC2086
				run "$new" "$book" new "$2" $args --format "$f"
				what="$1-$lang: jf-report $args --format $f"
				if ! cmp -s "$tmp/out.old" "$tmp/out.new" ||
				   ! cmp -s "$tmp/err.old" "$tmp/err.new" ||
				   ! cmp -s "$tmp/st.old" "$tmp/st.new"; then
					echo "DIFFERS: $what"
					echo x >>"$tmp/bad"
				fi
				echo "$what ($(wc -c <"$tmp/out.new") bytes, exit $(cat "$tmp/st.new"))" >>"$tmp/ran"
			done
		done
	done
}
: >"$tmp/bad"
: >"$tmp/ran"
matrix longqu 2027-01-11T10:15:02+08:00 "$longqu_runs"
matrix big 2026-06-01T09:00:00+08:00 "$big_runs"
n=$(wc -l <"$tmp/ran")
bad=$(wc -l <"$tmp/bad")
bytes=$(awk -F'[(]' '{ split($NF, a, " "); s += a[1] } END { print s }' "$tmp/ran")
echo "$prog: $n runs ($bytes bytes of output), $bad differ"
[ "$bad" -eq 0 ]
