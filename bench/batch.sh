#!/bin/sh
# bench/batch.sh - time a 300-row scoring sheet into the 1M-entry bench book
# (jf-add --batch: one lock, one scan, one write, one fsync).
#   sh bench/batch.sh [N]      # N entries (default 1000000)
# Builds jf and build/bench/gen, generates the book into $JF_BENCH_DIR
# (default ${TMPDIR:-/tmp}/jf-bench/batch-N, reused), and for each of 3 runs
# copies it afresh, warms the reader cache with one jf-balance, and times
# `jf-add --batch` of the same 300 rows (300 households, rules without
# limits) with /usr/bin/time when it is there.  Prints one line per run:
# wall seconds and peak resident kB.
set -eu
here=$(cd "$(dirname "$0")" && pwd) top=$(cd "$here/.." && pwd)
n=${1:-1000000}
dir=${JF_BENCH_DIR:-${TMPDIR:-/tmp}/jf-bench}/batch-$n
make -s -C "$top" all >/dev/null
mkdir -p "$top/build/bench"
cc -O2 -std=c11 -Wall -o "$top/build/bench/gen" "$here/gen.c"
[ -f "$dir/book/jf.yaml" ] || { rm -rf "$dir"; mkdir -p "$dir"; "$top/build/bench/gen" "$n" "$dir/book" >/dev/null; }
bin=$top/build/bin
# 300 households open on the day, and the unlimited rules
day=2026-05-31
awk '/^activities:/ { a = 1; next } /^goods:/ { a = 0 }
	a && /code:/ && !/limit:/ { sub(/.*code: */, ""); sub(/[,}].*/, ""); print }' \
	"$dir/book/catalogue.yaml" | grep -v '^$' >"$dir/rules"
grep -o 'id: [A-Z]*-[0-9]*[^}]*' "$dir/book/households.yaml" | grep -v 'since: 2026\|until' |
	sed 's/id: \([^,]*\).*/\1/' | head -n 300 >"$dir/hh"
[ "$(wc -l <"$dir/hh")" -eq 300 ] || { echo "$0: fewer than 300 open households" >&2; exit 1; }
{ echo 'household,activity,qty,date'
  awk -v day="$day" 'NR == FNR { r[n++] = $0; next } { print $0 "," r[FNR % n] ",1," day }' \
	"$dir/rules" "$dir/hh"; } >"$dir/sheet.csv"
export JF_NOW=${day}T18:00:00+08:00 JF_OPERATOR=bench
for i in 1 2 3; do
	rm -rf "$dir/work"; cp -a "$dir/book" "$dir/work"
	"$bin/jf-balance" -C "$dir/work" >/dev/null
	if [ -x /usr/bin/time ]; then
		/usr/bin/time -f "run $i: %e s, %M kB" "$bin/jf-add" -C "$dir/work" --batch "$dir/sheet.csv" >/dev/null
	else
		s=$(date +%s%N); "$bin/jf-add" -C "$dir/work" --batch "$dir/sheet.csv" >/dev/null
		echo "run $i: $(( ($(date +%s%N) - s) / 1000000 )) ms"
	fi
done
"$bin/jf-check" -C "$dir/work" -q && echo "the book checks after the batch"
rm -rf "$dir/work"
