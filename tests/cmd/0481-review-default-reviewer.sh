#!/bin/sh
# 0481-review-default-reviewer.sh - jf-review approve and reject without
# --reviewer: the reviewer is the operator (SPEC 4.2), and it is written
# into the entry (`reviewer:` is a required field of approve and reject),
# so the book stays valid and the review counts; a reject without one was
# also taken for an entry cut short at the end of its file.
. "$JF_TOP/tests/cmd/lib.sh"
X=ledger/2026/XB.yaml
at() { JF_NOW=$1T$2+08:00; export JF_NOW; }

t_book b; cd b || exit 99
printf 'review:\n  reviewers: [sixuexia, baiyang, shijuhua]\n  approvals: 2\n  notice_days: 3\n' >>jf.yaml
sed -i 's/^goods:/  - {code: good-deed, name: 好人好事, category: 公益活动, points: 10, review: true}\ngoods:/' catalogue.yaml
at 2026-11-20 09:00:00
t_setup jf-add -b clerk XB-017 good-deed
E=$(lastid)
t_setup jf-add -b clerk XB-018 good-deed
F=$(lastid)

at 2026-11-21 09:00:00
run jf-review approve -b sixuexia "$E"
t_rc 0 "approve, the operator a reviewer: done"
t_ok "... the entry names the operator as its reviewer" \
	sh -c 'tail -n 3 "$1" | grep -qx "  reviewer: sixuexia"' - $X
at 2026-11-21 10:00:00
JF_OPERATOR=shijuhua run jf-review approve "$E"
t_rc 0 "approve, the reviewer from \$JF_OPERATOR: done"
t_ok "... written too" sh -c 'tail -n 3 "$1" | grep -qx "  reviewer: shijuhua"' - $X
at 2026-11-21 11:00:00
run jf-review reject -b baiyang -r 不属实 "$F"
t_rc 0 "reject, the operator a reviewer: done"
t_ok "... the entry names the operator as its reviewer" \
	sh -c 'tail -n 4 "$1" | grep -qx "  reviewer: baiyang"' - $X
run jf-check
t_rc 0 "the book is still valid"
t_noerr "... without a problem (no entry taken as cut short)"
at 2026-11-25 09:00:00
run jf-balance --format tsv XB-017 XB-018
t_out "the approvals count from the 24th; the rejected one never" <<'EOF'
household	head	village	earned	spent	balance	pending
XB-017	司学霞	XB	10	0	10	0
XB-018	王建国	XB	0	0	0	0
EOF
run jf-balance --no-cache --format tsv XB-017 XB-018
t_out "... the same without the cache" <<'EOF'
household	head	village	earned	spent	balance	pending
XB-017	司学霞	XB	10	0	10	0
XB-018	王建国	XB	0	0	0	0
EOF
