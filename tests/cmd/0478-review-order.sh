# A review written at the same instant as the target's other follow-ups
# (JF_NOW fixed, or two within a second) still comes after them in
# canonical order (SPEC 4.0): its id is drawn to sort last.  One whose
# clock is behind a follow-up already in the book is refused.
. "$JF_TOP/tests/cmd/lib.sh"
X=ledger/2026/XB.yaml
t_book b; cd b || exit 99
printf 'review:\n  reviewers: [sixuexia, baiyang, shijuhua]\n  approvals: 2\n  notice_days: 3\n' >>jf.yaml
sed -i 's|    limit: 1/week|    limit: 1/week\n    review: true|' catalogue.yaml
JF_NOW=2026-11-20T09:00:00+08:00 t_setup jf-add XB-017 clean-yard
E=$(lastid)
# ten rounds, every entry at one instant: approve, object, approve
JF_NOW=2026-11-21T09:00:00+08:00
export JF_NOW
i=0
while [ $i -lt 10 ]; do
	t_setup jf-review approve --reviewer sixuexia "$E"
	t_setup jf-review object -r 有异议 "$E"
	i=$((i + 1))
done
t_setup jf-review approve --reviewer shijuhua "$E"
run jf-review list --format tsv
t_out "after the last objection one approval stands, whatever the random ids" <<EOF
id	household	head	village	activity	points	date	state	approvals	needed	reviewers	counts_from
$E	XB-017	司学霞	XB	clean-yard	5	2026-11-20	pending	1	2	shijuhua	
EOF
run jf-check
t_rc 0 "nothing superseded"
t_noerr "no warning"
ids=$(sed -n 's/^- id: //p' $X | tail -n 21)
printf '%s\n' $ids >"$T/ids"
sort "$T/ids" >"$T/sorted"
t_same "the follow-ups' ids ascend in the order they were written" "$T/sorted" "$T/ids"

# a follow-up in the book recorded later than now: refused
printf -- '- id: 01Z0000000000000000000000Z\n  date: 2026-11-21\n  at: 2026-11-21T18:00:00+08:00\n  kind: object\n  ref: %s\n  reason: 晚上的异议\n  by: baiyang\n' "$E" >>$X
t_save .
run jf-review approve --reviewer sixuexia "$E"
t_rc 1 "a clock behind the book's last follow-up: refused"
t_err "it says why" <<EOF
jf-review: '$E' has a follow-up recorded later than now (01Z0000000000000000000000Z, 2026-11-21): is this machine's clock behind?
EOF
t_unchanged "refused: nothing appended"
