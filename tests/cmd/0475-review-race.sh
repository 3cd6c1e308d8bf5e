#!/bin/sh
# 0475-review-race.sh - 20 jf-review approve processes of one entry at once
# (5 reviewers, 4 processes each; r1 approved before): the lock makes
# check-then-append atomic, so exactly `approvals` approvals are in the
# ledger, the rest are refused (twice in a round, or on notice), and
# nothing is superseded or counted twice.
. "$JF_TOP/tests/cmd/lib.sh"
t_eq() { [ "$3" = "$2" ] || echo "# want '$2', got '$3'"; t_ok "$1" [ "$3" = "$2" ]; }
X=ledger/2026/XB.yaml

t_book b; cd b || exit 99
printf 'review:\n  reviewers: [r1, r2, r3, r4, r5]\n  approvals: 3\n  notice_days: 2\n' >>jf.yaml
sed -i 's/^goods:/  - {code: good-deed, name: 好人好事, category: 公益活动, points: 10, review: true}\ngoods:/' catalogue.yaml
t_setup jf-add XB-017 good-deed
E=$(lastid)
t_setup jf-balance  # the cache is written: the writers extend it
JF_NOW=2026-11-28T09:00:00+08:00 t_setup jf-review approve --reviewer r1 "$E"

i=0
while [ $i -lt 20 ]; do
	( jf-review approve --wait 600 --reviewer r$((i % 5 + 1)) "$E" >"$T/out.$i" 2>"$T/err.$i"
	  echo $? >"$T/rc.$i" ) &
	i=$((i + 1))
done
wait
t_eq "exactly 2 of 20 concurrent approvals succeed (r1 approved before)" 2 "$(cat "$T"/rc.* | grep -c '^0$')"
t_eq "the other 18 are refused with status 1" 18 "$(cat "$T"/rc.* | grep -c '^1$')"
t_eq "the ledger holds exactly 3 approvals" 3 "$(grep -c '^  kind: approve$' $X)"
t_eq "... by 3 distinct reviewers" 3 "$(sed -n 's/^  reviewer: //p' $X | sort -u | wc -l | tr -d ' ')"
t_eq "each refusal is 'in this round already' or 'on notice'" 18 \
	"$(cat "$T"/err.* | grep -c -e 'in this round already' -e 'is on notice from')"
t_eq "r1's four are all refused (twice in a round, or on notice by then)" 1111 \
	"$(cat "$T"/rc.0 "$T"/rc.5 "$T"/rc.10 "$T"/rc.15 | tr -d '\n')"
run jf-check
t_rc 0 "the book is valid"
t_out "... with nothing superseded" <<EOF
ok: 1 file, 4 entries, 5 households
EOF
run jf-review list --format tsv
t_out "on notice with 3 approvals" <<EOF
id	household	head	village	activity	points	date	state	approvals	needed	reviewers	counts_from
$E	XB-017	司学霞	XB	good-deed	10	2026-11-28	notice	3	3	$(sed -n 's/^  reviewer: //p' $X | sort | paste -sd, -)	2026-11-30
EOF
for c in "" --no-cache; do
	run jf-balance $c --as-of 2026-11-30 --format tsv XB-017
	t_out "jf-balance $c: counted once on its counting day" <<EOF
household	head	village	earned	spent	balance	pending
XB-017	司学霞	XB	10	0	10	0
EOF
done
