#!/bin/sh
# 0477-review-cache-merge.sh - review states the same from the cache and
# without it (jf-balance, jf-review list) on a book with an entry in every
# state; two clones whose reviewers approve the same entry, merged by
# jf-merge in either direction, compute the same state (canonical order),
# and jf-check warns of the approval the merge superseded.
. "$JF_TOP/tests/cmd/lib.sh"
t_eq() { [ "$3" = "$2" ] || echo "# want '$2', got '$3'"; t_ok "$1" [ "$3" = "$2" ]; }
at() { JF_NOW=$1T$2+08:00; export JF_NOW; }
X=ledger/2026/XB.yaml

t_book b; cd b || exit 99
printf 'review:\n  reviewers: [sixuexia, baiyang, shijuhua]\n  approvals: 2\n  notice_days: 3\n' >>jf.yaml
sed -i 's/^goods:/  - {code: good-deed, name: 好人好事, category: 公益活动, points: 10, review: true}\ngoods:/' catalogue.yaml
# a head a spreadsheet would take for a formula
sed -i 's/head: 王建国/head: "=王建国"/' households.yaml
at 2026-11-20 09:00:00
for h in XB-017 XB-018 LQ-003 XB-017 XB-018 LQ-003; do t_setup jf-add "$h" good-deed; done
ids=$(sed -n 's/^- id: //p' ledger/2026/*.yaml)
set -- $(for f in ledger/2026/LQ.yaml ledger/2026/XB.yaml; do sed -n 's/^- id: //p' $f; done)
L1=$1 L2=$2 X1=$3 X2=$4 X3=$5 X4=$6
t_setup jf-balance                       # the cache from here on
at 2026-11-21 09:00:00
t_setup jf-review approve --reviewer sixuexia --reviewer shijuhua "$X1"  # notice, counts 11-24
t_setup jf-review approve --reviewer sixuexia "$X2"                      # pending, 1
at 2026-11-21 10:00:00
t_setup jf-review reject --reviewer shijuhua -r 不属实 "$X3"            # rejected
t_setup jf-void -r 重复 "$X4"                                           # voided while pending
t_setup jf-balance
at 2026-11-22 09:00:00
t_setup jf-review approve --reviewer sixuexia -b clerk "$L1"
t_setup jf-review approve --reviewer shijuhua -b clerk "$L1"            # notice, counts 11-25
at 2026-11-26 09:00:00
t_setup jf-void -r 退回 "$L1"                                           # voided after it counted
t_setup jf-review approve --reviewer sixuexia "$L2"
at 2026-11-26 10:00:00
t_setup jf-review object -r 有异议 "$L2"                                 # pending again
at 2026-11-26 10:00:01   # its own second: in one, canonical order goes by the random ids
t_setup jf-review approve --reviewer shijuhua "$L2"                     # pending, 1 (new round)

at 2026-11-28 10:15:02
for d in 2026-11-21 2026-11-23 2026-11-24 2026-11-25 2026-11-26 2026-11-28; do
	jf-balance --as-of $d --format tsv >"$T/c" 2>&1
	jf-balance --as-of $d --format tsv --no-cache >"$T/n" 2>&1
	t_same "jf-balance --as-of $d: the cache and --no-cache agree" "$T/n" "$T/c"
	jf-review list --as-of $d --format json >"$T/c" 2>&1
	jf-review list --as-of $d --format json --no-cache >"$T/n" 2>&1
	t_same "jf-review list --as-of $d: the same with and without --no-cache" "$T/n" "$T/c"
done
t_ok "the reader cache is in use" [ -n "$(ls .jf/cache 2>/dev/null)" ]
run jf-balance --format tsv
t_out "jf-balance: what counts, and what is pending" <<EOF
household	head	village	earned	spent	balance	pending
XB-017	司学霞	XB	10	0	10	0
XB-018	=王建国	XB	0	0	0	10
LQ-003	李明	LQ	0	0	0	10
XB-020	张秀英	XB	0	0	0	0
XB-021	赵新	XB	0	0	0	0
EOF
run jf-review list --format tsv
t_out "jf-review list: the pending ones, by village in jf.yaml's order (the rejected, voided and counting are not)" <<EOF
id	household	head	village	activity	points	date	state	approvals	needed	reviewers	counts_from
$X2	XB-018	=王建国	XB	good-deed	10	2026-11-20	pending	1	2	sixuexia	
$L2	LQ-003	李明	LQ	good-deed	10	2026-11-20	pending	1	2	shijuhua	
EOF
run jf-review list --format csv --village XB
tr -d '\r' <"$T/out" >"$T/o2"
t_ok "CSV: a head like a formula gets a leading '" grep -q "^$X2,XB-018,'=王建国,XB," "$T/o2"
run jf-review list --as-of 2026-11-22 --format tsv --village XB
t_out "--as-of 2026-11-22 --village XB: X1 on notice" <<EOF
id	household	head	village	activity	points	date	state	approvals	needed	reviewers	counts_from
$X1	XB-017	司学霞	XB	good-deed	10	2026-11-20	notice	2	2	sixuexia,shijuhua	2026-11-24
$X2	XB-018	=王建国	XB	good-deed	10	2026-11-20	pending	1	2	sixuexia	
EOF

# ---- two clones approve the same entry; merged both ways ----
if ! command -v git >/dev/null 2>&1; then
	t_skip "merging two clones' approvals" "git is not installed"
	exit 0
fi
cd "$T" && t_book m && cd m || exit 99
printf 'review:\n  reviewers: [sixuexia, baiyang, shijuhua]\n  approvals: 2\n  notice_days: 3\n' >>jf.yaml
sed -i 's/^goods:/  - {code: good-deed, name: 好人好事, category: 公益活动, points: 10, review: true}\ngoods:/' catalogue.yaml
at 2026-11-20 09:00:00
t_setup jf-add XB-017 good-deed
E=$(lastid)
cp -R . "$T/A" && cp -R . "$T/B" && cp $X "$T/base" || exit 99
# clone A: sixuexia at 09:00 on the 21st, then shijuhua on the 22nd (notice)
at 2026-11-21 09:00:00; (cd "$T/A" && t_setup jf-review approve --reviewer sixuexia "$E")
SA=$(lastid "$T/A/$X")
at 2026-11-22 09:00:00; (cd "$T/A" && t_setup jf-review approve --reviewer shijuhua "$E")
# clone B: sixuexia again, later on the 21st: twice in a round once merged
at 2026-11-21 15:00:00; (cd "$T/B" && t_setup jf-review approve --reviewer sixuexia "$E")
SB=$(lastid "$T/B/$X")
for dir in AB BA; do
	o=${dir%?} t=${dir#?}
	cp "$T/$o/$X" "$T/ours" && cp "$T/$t/$X" "$T/theirs" || exit 99
	run jf-merge "$T/base" "$T/ours" "$T/theirs" $X
	t_rc 0 "jf-merge $o with $t"
	rm -rf "$T/M$dir" && cp -R . "$T/M$dir" && cp "$T/ours" "$T/M$dir/$X" || exit 99
done
t_ok "the two directions give different bytes" sh -c '! cmp -s "$1" "$2"' - "$T/MAB/$X" "$T/MBA/$X"
at 2026-11-23 09:00:00
for c in "jf-review list --format json" "jf-balance --format tsv" "jf-balance --format tsv --as-of 2026-11-25" \
	 "jf-review list --format tsv --as-of 2026-11-21"; do
	(cd "$T/MAB" && $c) >"$T/ab" 2>&1
	(cd "$T/MBA" && $c) >"$T/ba" 2>&1
	t_same "merged either way: the same '$c'" "$T/ab" "$T/ba"
done
(cd "$T/MAB" && jf-review list --format tsv) >"$T/out"
t_out "merged: on notice from the 22nd, by sixuexia and shijuhua" <<EOF
id	household	head	village	activity	points	date	state	approvals	needed	reviewers	counts_from
$E	XB-017	司学霞	XB	good-deed	10	2026-11-20	notice	2	2	sixuexia,shijuhua	2026-11-25
EOF
for dir in AB BA; do
	(cd "$T/M$dir" && jf-check) >"$T/out" 2>"$T/err"
	sed -i 's/:[0-9]*:[0-9]*:/:L:C:/' "$T/err"
	t_err "jf-check ($dir): the later approval by sixuexia is superseded by the earlier" <<EOF
jf-check: $X:L:C: warning: this approve has no effect: superseded by $SA
EOF
done
t_ok "... that is B's ($SB)" grep -q "^- id: $SB" "$T/MAB/$X"
