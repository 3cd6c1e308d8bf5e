# Reviewed entries as every reader counts them (SPEC 4.2, 4.0): pending,
# on notice, counting from the counting day, rejected, voided; follow-ups
# in canonical order whatever the file order, held across files; the cache
# and --no-cache agree; merged sequences are superseded with a warning.
. "$JF_TOP/tests/cmd/lib.sh"
X=ledger/2026/XB.yaml
# fresh: clean-yard (5 points, 1/week) under review: 2 approvals, 3 days
fresh() {
	cd "$T" && rm -rf b && t_book b && cd b || exit 99
	printf 'review:\n  reviewers: [sixuexia, baiyang, shijuhua]\n  approvals: 2\n  notice_days: 3\n' >>jf.yaml
	sed -i 's|    limit: 1/week|    limit: 1/week\n    review: true|' catalogue.yaml
	mkdir -p ledger/2026
	: >$X
}
# earn ID HOUSEHOLD: a reviewed clean-yard earn of 2026-11-20 by baiyang
earn() {
	t_entry "$1" earn "household: $2" 'activity: clean-yard' 'qty: 1' 'points: 5' \
		'approvals: 2' 'notice_days: 3' >>"${F:-$X}"
}
# fu ID DATE KIND REF [FIELD...]: a follow-up by baiyang, into $F or $X
fu() {
	id=$1 dt=$2 k=$3 r=$4; shift 4
	printf -- '- id: %s\n  date: %s\n  kind: %s\n  ref: %s\n' "$id" "$dt" "$k" "$r" >>"${F:-$X}"
	for f; do printf '  %s\n' "$f" >>"${F:-$X}"; done
	printf '  by: baiyang\n' >>"${F:-$X}"
}
# bal DAY [AS-OF]: jf-balance XB-017 as TSV on DAY (as of AS-OF), with and
# without the cache (the same)
bal() {
	JF_NOW=${1}T12:00:00+08:00 run jf-balance ${2:+--as-of $2} --format tsv XB-017
	cp "$T/out" "$T/cached"
	JF_NOW=${1}T12:00:00+08:00 run jf-balance ${2:+--as-of $2} --no-cache --format tsv XB-017
	t_same "$1: the cache and --no-cache agree" "$T/cached" "$T/out"
}

E=01JDZ3K4M5N6P7Q8R9S0T1U2E1
fresh
earn $E XB-017
fu A1 2026-11-21 approve $E 'reviewer: sixuexia'
fu A2 2026-11-22 approve $E 'reviewer: shijuhua'
bal 2026-11-21
t_out "one approval of two: pending" <<'EOF'
household	head	village	earned	spent	balance	pending
XB-017	司学霞	XB	0	0	0	5
EOF
bal 2026-11-22
t_out "the second approval: on notice, still pending" <<'EOF'
household	head	village	earned	spent	balance	pending
XB-017	司学霞	XB	0	0	0	5
EOF
bal 2026-11-24
t_out "the notice's last day (A + D - 1): not counting yet" <<'EOF'
household	head	village	earned	spent	balance	pending
XB-017	司学霞	XB	0	0	0	5
EOF
bal 2026-11-25
t_out "the counting day (A + D): counts" <<'EOF'
household	head	village	earned	spent	balance	pending
XB-017	司学霞	XB	5	0	5	0
EOF
JF_NOW=2026-11-30T12:00:00+08:00 run jf-balance --as-of 2026-11-20 --format tsv XB-017
t_out "--as-of its own day: pending" <<'EOF'
household	head	village	earned	spent	balance	pending
XB-017	司学霞	XB	0	0	0	5
EOF
JF_NOW=2026-11-30T12:00:00+08:00 run jf-balance --as-of 2026-11-19 --format tsv XB-017
t_out "--as-of before its day: nothing pending" <<'EOF'
household	head	village	earned	spent	balance	pending
XB-017	司学霞	XB	0	0	0	0
EOF

# the approvals in another file, read first (ledger/2025 sorts before
# ledger/2026): held for their target, several for one
fresh
earn $E XB-017
mkdir -p ledger/2025
F=ledger/2025/XB.yaml
fu A1 2026-11-21 approve $E 'reviewer: sixuexia'
fu A2 2026-11-22 approve $E 'reviewer: shijuhua'
F=
bal 2026-11-25
t_out "two approvals read before their target: held, both count" <<'EOF'
household	head	village	earned	spent	balance	pending
XB-017	司学霞	XB	5	0	5	0
EOF
run jf-check
t_rc 0 "approvals held across files: valid"

# an objection on notice starts the round over
fresh
earn $E XB-017
fu A1 2026-11-21 approve $E 'reviewer: sixuexia'
fu A2 2026-11-21 approve $E 'reviewer: shijuhua'
fu O1 2026-11-22 object $E 'reason: 有村民说没打扫'
fu A3 2026-11-26 approve $E 'reviewer: sixuexia'
bal 2026-11-29
t_out "objected, one approval since: pending on the old counting day and after" <<'EOF'
household	head	village	earned	spent	balance	pending
XB-017	司学霞	XB	0	0	0	5
EOF
fu A4 2026-11-27 approve $E 'reviewer: baiyang'
run jf-check
t_rc 3 "an approval of an entry baiyang recorded: the book is invalid"
t_errhas "the reader names the self-review" "'baiyang' approves an entry they recorded ('$E')"
sed -i '/^- id: A4/,$d' $X
fu A4 2026-11-27 approve $E 'reviewer: shijuhua'
bal 2026-11-30
t_out "re-approved on 11-27: counts from 11-30" <<'EOF'
household	head	village	earned	spent	balance	pending
XB-017	司学霞	XB	5	0	5	0
EOF

# rejected: never counts, its rule use is given back (limits)
fresh
earn $E XB-017
fu R1 2026-11-21 reject $E 'reviewer: sixuexia' 'reason: 不属实'
bal 2026-11-30
t_out "rejected: nothing counts, nothing pending" <<'EOF'
household	head	village	earned	spent	balance	pending
XB-017	司学霞	XB	0	0	0	0
EOF
JF_NOW=2026-11-21T15:00:00+08:00 run jf-add XB-017 clean-yard
t_rc 0 "after a rejection the week's clean-yard may be recorded again"
t_save .
JF_NOW=2026-11-21T15:00:00+08:00 run jf-add XB-017 clean-yard
t_rc 1 "the new one under review counts for the limit"
t_errhas "the limit names it" "limit reached: 'clean-yard' is at most 1 per week, and XB-017 has 1 in that week"
t_unchanged "refused: nothing appended"

# voids: of an entry on notice, nothing taken back; of a counting one, its points
fresh
earn $E XB-017
fu A1 2026-11-21 approve $E 'reviewer: sixuexia'
fu A2 2026-11-21 approve $E 'reviewer: shijuhua'
fu V1 2026-11-23 void $E 'reason: 录错了'
bal 2026-11-30
t_out "voided on notice: never counts" <<'EOF'
household	head	village	earned	spent	balance	pending
XB-017	司学霞	XB	0	0	0	0
EOF
bal 2026-11-30 2026-11-22
t_out "as of a day on notice before the void: pending" <<'EOF'
household	head	village	earned	spent	balance	pending
XB-017	司学霞	XB	0	0	0	5
EOF
fresh
earn $E XB-017
fu A1 2026-11-21 approve $E 'reviewer: sixuexia'
fu A2 2026-11-21 approve $E 'reviewer: shijuhua'
fu V1 2026-11-26 void $E 'reason: 录错了'
bal 2026-11-30 2026-11-25
t_out "counting on 11-24, before the void" <<'EOF'
household	head	village	earned	spent	balance	pending
XB-017	司学霞	XB	5	0	5	0
EOF
bal 2026-11-26
t_out "the void of a counting entry takes its points back" <<'EOF'
household	head	village	earned	spent	balance	pending
XB-017	司学霞	XB	0	0	0	0
EOF

# merged sequences: the first in canonical order stands, the rest are
# superseded and jf-check warns; file order does not matter
fresh
earn $E XB-017
fu B2 2026-11-21 approve $E 'reviewer: sixuexia' 'at: 2026-11-21T10:00:00+08:00'
fu B1 2026-11-21 approve $E 'reviewer: sixuexia' 'at: 2026-11-21T09:00:00+08:00'
fu C1 2026-11-22 reject $E 'reviewer: shijuhua' 'reason: 不属实'
fu C2 2026-11-23 approve $E 'reviewer: shijuhua'
run jf-check
t_rc 0 "merged sequences: valid"
t_err "jf-check warns of what was superseded, by the one that stands" <<EOF
jf-check: $X:14:8: warning: this approve has no effect: superseded by B1
jf-check: $X:35:8: warning: this approve has no effect: superseded by C1
EOF
bal 2026-11-30
t_out "one approval, then rejected: nothing counts" <<'EOF'
household	head	village	earned	spent	balance	pending
XB-017	司学霞	XB	0	0	0	0
EOF

# the same entries in another file order give the same state
fresh
earn $E XB-017
fu A2 2026-11-22 approve $E 'reviewer: shijuhua'
fu O1 2026-11-21 object $E 'reason: 有异议'
fu A1 2026-11-21 approve $E 'reviewer: sixuexia' 'at: 2026-11-21T09:00:00+08:00'
bal 2026-11-30
t_out "object (no at: first in its day), approve, approve: counts" <<'EOF'
household	head	village	earned	spent	balance	pending
XB-017	司学霞	XB	5	0	5	0
EOF
bal 2026-11-30 2026-11-24
t_out "counting day 11-25 from the approval of 11-22" <<'EOF'
household	head	village	earned	spent	balance	pending
XB-017	司学霞	XB	0	0	0	5
EOF

# a cached follow-up whose target changed under it is read again
fresh
earn $E XB-017
F=ledger/2026/LQ.yaml
fu A1 2026-11-21 approve $E 'reviewer: sixuexia'
fu A2 2026-11-21 approve $E 'reviewer: shijuhua'
F=
bal 2026-11-30
sed -i 's/notice_days: 3/notice_days: 30/' $X
bal 2026-11-30
t_out "the target's notice_days edited: the approvals' file is read again" <<'EOF'
household	head	village	earned	spent	balance	pending
XB-017	司学霞	XB	0	0	0	5
EOF

# a held entry's long texts (over 1 KiB) are read again from its file,
# short ones kept: both reach the readers whole
fresh
long=$(printf '好%.0s' $(seq 1 600))
t_entry $E earn 'household: XB-017' 'activity: clean-yard' 'qty: 1' 'points: 5' \
	'approvals: 2' 'notice_days: 3' "note: $long" >>$X
fu A1 2026-11-21 approve $E 'reviewer: sixuexia' 'note: 评议组签字'
JF_NOW=2026-11-30T12:00:00+08:00 run jf-log --format json XB-017
t_rc 0 "jf-log of a held entry with a long note"
t_ok "... the long note (1800 bytes) read again whole" grep -q "\"note\": *\"$long\"" "$T/out"
t_ok "... the approval's short note kept" grep -q '评议组签字' "$T/out"

# SPEC 4.0: jf-check warns about a closed account with points pending or held
fresh
t_entry $E earn 'household: XB-020' 'activity: clean-yard' 'qty: 1' 'points: 5' \
	'approvals: 2' 'notice_days: 3' | sed 's/2026-11-20/2026-06-30/' >>$X
JF_NOW=2026-07-02T12:00:00+08:00 run jf-check
t_rc 0 "a closed account with an entry pending: valid"
t_err "... jf-check warns of it" <<EOF
jf-check: warning: XB-020: the account closed on 2026-06-30 has 5 points pending review
EOF
fu A1 2026-07-01 approve $E 'reviewer: sixuexia'
fu A2 2026-07-01 approve $E 'reviewer: shijuhua'
JF_NOW=2026-07-10T12:00:00+08:00 run jf-check
t_err "... and once it counts, of the points it holds" <<EOF
jf-check: warning: XB-020: the account closed on 2026-06-30 still holds 5 points (jf-transfer them to another household)
EOF
