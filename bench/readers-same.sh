#!/bin/sh
# readers-same.sh - do the readers write the same bytes as another build?
#
# usage: sh bench/readers-same.sh OLD_BIN NEW_BIN
#
# Runs the readers of both builds (directories holding jf-balance, jf-check,
# jf-log, jf-report, jf-review, jf-wish, jf-expire) in every format, each
# from a book without its cache (.jf/ removed before every run; jf-balance
# and jf-check also with --no-cache), on a generated book of 10,000 entries
# (bench/gen.c, under $JF_BENCH_DIR, default ${TMPDIR:-/tmp}/jf-bench), a
# copy of it damaged in about forty ways (unknown, duplicate, empty and
# nested keys, bad ids, dates, times, points, qty and kinds, fields a kind
# does not take, a duplicate id, escaped and raw control characters,
# separators, BOM, noncharacters, tags, anchors, block and folded values,
# bad UTF-8, a tab, a CR, conflict markers, cut-short tails) and
# examples/longqu.  Standard output, standard error and exit statuses are
# compared; prints the differences and exits 1 when anything differs.
# Used to show that the cold-path work of issue 14 (item 5) changed no
# byte; build the old commit with `git archive OLD | tar -x -C DIR &&
# make -C DIR`.
set -eu

prog=readers-same.sh
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
[ $# -eq 2 ] || { echo "usage: sh bench/readers-same.sh OLD_BIN NEW_BIN" >&2; exit 2; }
old=$(cd "$1" && pwd)
new=$(cd "$2" && pwd)
dir=${JF_BENCH_DIR:-${TMPDIR:-/tmp}/jf-bench}
mkdir -p "$dir" "$root/build/bench"
dir=$(cd "$dir" && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/readers-same.XXXXXX")
trap 'rm -rf "$work"' EXIT

${CC:-cc} -O2 -std=c11 -Wall -o "$root/build/bench/gen" "$here/gen.c"
if [ ! -d "$dir/book-10k-same" ]; then
	"$root/build/bench/gen" 10000 "$dir/book-10k-same.tmp" >&2
	mv "$dir/book-10k-same.tmp" "$dir/book-10k-same"
fi
cp -r "$dir/book-10k-same" "$work/b10k"
cp -r "$root/examples/longqu" "$work/longqu"
python3 - "$work/b10k" "$work/dirty" <<'PY'
import sys, shutil, os
src, dst = sys.argv[1], sys.argv[2]
shutil.rmtree(dst, ignore_errors=True); shutil.copytree(src, dst)
shutil.rmtree(dst + '/.jf', ignore_errors=True)
L = dst + '/ledger/'
def entries(p):
    return open(p, encoding='utf-8').read().split('\n- id: ')
def save(p, s):
    open(p, 'w', encoding='utf-8').write('\n- id: '.join(s))
# problems inside entries (no YAML error): one file
p = L + '2023/BP.yaml'; s = entries(p)
def ed(i, f): s[i] = f(s[i])
ed(3, lambda e: e.replace('  by:', '  colour: red\n  by:', 1))
ed(5, lambda e: 'bad id!' + e[e.index('\n'):])
ed(7, lambda e: e.replace('  by:', '  x-extra: 1\n  by:', 1))
ed(9, lambda e: e.replace('  kind:', '  date: 2023-01-01\n  kind:', 1))
ed(13, lambda e: e.replace('  by:', '  ref:\n  by:', 1))
ed(15, lambda e: e.replace('  by:', '  xx: {a: 1}\n  by:', 1))
ed(17, lambda e: e.replace('household: BP-', 'household: ZZ-', 1))
ed(19, lambda e: e.replace('\n  date: 2023-', '\n  date: 2023-13-', 1))
ed(21, lambda e: e.replace('  points: ', '  points: 1.234', 1))
ed(25, lambda e: e.replace('  kind: earn', '  kind: earnx', 1).replace('  kind: redeem', '  kind: redeemx', 1))
ed(27, lambda e: e.replace('  at: ', '  at: 2023-99', 1))
ed(29, lambda e: e.replace('\n  qty: 1', '\n  qty: 0', 1))
ed(31, lambda e: e.replace('  by:', '  ? [a]\n  : b\n  by:', 1))
ed(33, lambda e: e.replace('  by:', '  note: "quoted \\t tab"\n  by:', 1) if '  note:' not in e else e)
ed(35, lambda e: e.replace('  by:', "  note: 'it''s'\n  by:", 1) if '  note:' not in e else e)
ed(37, lambda e: e.replace('  by:', "  note: plain\n    folded\n  by:", 1) if '  note:' not in e else e)
ed(38, lambda e: e.replace('  by:', "  item: soap\n  by:", 1))
ed(39, lambda e: e.replace('  kind: ', "  kind: void\n  ref: nosuchid\n  xkind: ", 1))
s[41] = s[40]  # duplicate id
save(p, s)
# values refused by the reader: each ends its file's read
for f, v in [('2023/XB', 'note: "a\\x01b"'), ('2023/XW', 'note: "x\u2028y"'),
             ('2024/BP', 'note: "\u0085"'), ('2024/DW', 'note: multi\n\n    line'),
             ('2024/HS', 'note: "\u202e"'), ('2024/LQ', 'note: |\n    block'),
             ('2024/NP', 'note: "\ufeff"'), ('2024/SQ', 'note: !!str tagged'),
             ('2024/SZ', 'note: &a anchored'), ('2024/XB', 'note: "\\uFFFE"'),
             ('2024/XW', 'note: "' + 'x' * 5000 + '"')]:
    p = L + f + '.yaml'; s = entries(p)
    s[10] = s[10].replace('  by:', '  ' + v + '\n  by:', 1) if '  note:' not in s[10] else s[10].replace('  note:', '  ' + v + '\n  xnote:', 1)
    save(p, s)
def raw(f, fn):
    p = L + f + '.yaml'; b = open(p, 'rb').read(); open(p, 'wb').write(fn(b))
lines = lambda fn: (lambda b: '\n'.join(fn(b.decode().split('\n'))).encode())
def tab(ls): ls[50] = '\t' + ls[50].lstrip(); return ls
raw('2023/DW', lines(tab))
raw('2023/HS', lambda b: b[:b.index(b'note: ', 5000) + 6] + b'\xff' + b[b.index(b'note: ', 5000) + 6:])
raw('2023/LQ', lambda b: b[:b.index(b'by: ', 7000) + 4] + b'\x07' + b[b.index(b'by: ', 7000) + 4:])
def mk(ls): ls[60:60] = ['<<<<<<< ours', '=======', '>>>>>>> theirs']; return ls
raw('2023/NP', lines(mk))
raw('2023/SQ', lambda b: b[:len(b) - 37])
raw('2023/SZ', lambda b: b[:b.index(b'\n', 3000)] + b'\r' + b[b.index(b'\n', 3000):])
raw('2025/BP', lambda b: b[:b.index(b'note: ', 3000) + 6] + b'\xe4\xb8' + b[b.index(b'note: ', 3000) + 8:])
raw('2025/DW', lambda b: b[:b.index(b'note: ', 3000) + 6] + b'\xed\xa0\x80' + b[b.index(b'note: ', 3000) + 6:])
raw('2025/HS', lambda b: b[:b.index(b'note: ', 3000) + 6] + b'\xc2\x85' + b[b.index(b'note: ', 3000) + 6:])
raw('2025/LQ', lambda b: b[:b.index(b'note: ', 3000) + 6] + b'\xe2\x80\xa8' + b[b.index(b'note: ', 3000) + 6:])
raw('2025/NP', lambda b: b[:b.index(b'note: ', 3000) + 6] + b'"unterminated' + b[b.index(b'note: ', 3000) + 6:])
raw('2025/SQ', lambda b: b[:b.index(b'note: ', 3000) + 6] + b'x' * 3000 + b[b.index(b'note: ', 3000) + 6:])
raw('2025/XW', lambda b: b + b'\xe4')
PY

# run BIN OUT: every reader over every book into OUT
run() {
	bin=$1 out=$2
	mkdir -p "$out"
	for B in "$work/b10k" "$work/dirty" "$work/longqu"; do
		bn=$(basename "$B")
		hh=$(grep -m1 -o '[A-Z][A-Z]-[0-9][0-9]*' "$B/households.yaml")
		one() {
			n=$1; shift
			rm -rf "$B/.jf"
			rc=0
			(cd "$B" && exec "$@") >"$out/$bn.$n.out" 2>"$out/$bn.$n.err" || rc=$?
			echo "exit $rc" >>"$out/$bn.$n.err"
		}
		for f in text tsv csv json; do one bal-$f "$bin/jf-balance" --no-cache --format $f; done
		one bal-asof "$bin/jf-balance" --no-cache --as-of 2024-03-01
		one bal-cache "$bin/jf-balance"
		one check "$bin/jf-check" --no-cache
		one check-q "$bin/jf-check" -q
		for f in text tsv csv json html; do one log-$f "$bin/jf-log" --format $f "$hh"; done
		for f in text tsv csv json markdown html; do one report-$f "$bin/jf-report" --year 2025 --format $f; done
		one report-week "$bin/jf-report" --week 2026-W20 --format json --notice --deductions
		one review "$bin/jf-review" list --no-cache --format json
		one wish "$bin/jf-wish" list --all --no-cache --format json
		one expire "$bin/jf-expire" --dry-run --no-cache --format json
	done
}
export JF_NOW=2026-06-02T10:00:00+08:00 LANG=C.UTF-8
run "$old" "$work/old"
run "$new" "$work/new"
n=$(find "$work/old" -type f | wc -l)
if diff -r "$work/old" "$work/new"; then
	echo "$prog: $n outputs, all the same"
else
	echo "$prog: outputs differ" >&2
	exit 1
fi
