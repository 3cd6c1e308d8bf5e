# jf-transfer: points from one household to another (分户, 合户, moving
# away); both sides in jf-log and jf-balance; every refusal; its void.
. "$JF_TOP/tests/cmd/lib.sh"
U='usage: jf-transfer [-C dir] [-d date] [-n note] [-b name] [--dry-run] [--wait seconds] [--no-cache] [--format fmt] -r reason from to points'
t_book b; cd b || exit 99
t_setup jf-adjust -r 期初 XB-017 100
t_setup jf-adjust -d 2026-06-01 -r 期初 XB-020 12

t_save .
run jf-transfer -r 分户 XB-017 XB-018 40
t_rc 0 "transfer: exit 0"
t_noerr "transfer: quiet on stderr"
t_out "transfer: one line with both balances" <<EOF
transfer XB-017 司学霞 -40, balance 60, to XB-018 王建国, balance 40, id $(lastid)
EOF
t_appended "transfer: exact bytes" ledger/2026/XB.yaml <<'EOF'
- id: ID
  date: 2026-11-28
  at: 2026-11-28T10:15:02+08:00
  kind: transfer
  household: XB-017
  to: XB-018
  points: 40
  reason: 分户
  by: baiyang
EOF
T1=$(lastid)

run jf-transfer --format json -r 合户 XB-018 LQ-003 2.5
t_rc 0 "json: exit 0"
t_out "json: balance and to_balance" <<EOF
{"id":"$(lastid)","kind":"transfer","date":"2026-11-28","household":"XB-018","head":"王建国","village":"XB","points":-2.5,"balance":37.5,"to":"LQ-003","to_head":"李明","to_balance":2.5,"file":"ledger/2026/XB.yaml","dry_run":false}
EOF

# out of a closed account is allowed (the family moved away)
run jf-transfer -r 迁出 XB-020 XB-018 12
t_rc 0 "out of a closed account: exit 0"
t_out "out of a closed account" <<EOF
transfer XB-020 张秀英 -12, balance 0, to XB-018 王建国, balance 49.5, id $(lastid)
EOF

# jf-log shows a transfer on both sides
run jf-log --format tsv
t_rc 0 "log: exit 0"
sed 's/\t[0-9A-HJKMNP-TV-Z]\{26\}\t/\tID\t/' "$T/out" >"$T/log"
printf '%s\n' \
	'date	household	head	kind	what	qty	points	balance	id	note' \
	'2026-06-01	XB-020	张秀英	adjust			+12	12	ID	期初' \
	'2026-11-28	XB-017	司学霞	adjust			+100	100	ID	期初' \
	'2026-11-28	XB-017	司学霞	transfer	XB-018		-40	60	ID	分户' \
	'2026-11-28	XB-018	王建国	transfer	XB-017		+40	40	ID	分户' \
	'2026-11-28	XB-018	王建国	transfer	LQ-003		-2.5	37.5	ID	合户' \
	'2026-11-28	LQ-003	李明	transfer	XB-018		+2.5	2.5	ID	合户' \
	'2026-11-28	XB-020	张秀英	transfer	XB-018		-12	0	ID	迁出' \
	'2026-11-28	XB-018	王建国	transfer	XB-020		+12	49.5	ID	迁出' >"$T/exp"
t_same "log: both sides of every transfer" "$T/exp" "$T/log"
run jf-log --format json LQ-003
t_rc 0 "log json: exit 0"
tr -d ' \n' <"$T/out" >"$T/flat"
t_ok "log json: the receiver's line: the entry as written, account and effect" \
	grep -qF '"kind":"transfer","household":"XB-018","to":"LQ-003","points":2.5,"reason":"合户","by":"baiyang","account":"LQ-003","effect":2.5,"balance":2.5' "$T/flat"

run jf-balance --format tsv
t_out "balance: transfers count in earned on both sides, no new columns" <<'EOF'
household	head	village	earned	spent	balance
XB-017	司学霞	XB	60	0	60
XB-018	王建国	XB	49.5	0	49.5
LQ-003	李明	LQ	2.5	0	2.5
XB-020	张秀英	XB	0	0	0
XB-021	赵新	XB	0	0	0
EOF

# refusals
t_refuse "balance short" 1 jf-transfer -r x XB-017 XB-018 60.01 <<'EOF'
jf-transfer: balance short: XB-017 has 60, the transfer is 60.01
EOF
t_refuse "to a closed account" 1 jf-transfer -r x XB-017 XB-020 5 <<'EOF'
jf-transfer: the account of XB-020 was closed on 2026-06-30
EOF
t_refuse "to an account not yet open" 1 jf-transfer -r x XB-017 XB-021 5 <<'EOF'
jf-transfer: the account of XB-021 opens on 2026-12-01
EOF
t_refuse "out of an account not yet open" 1 jf-transfer -d 2022-12-31 -r x XB-017 XB-018 5 <<'EOF'
jf-transfer: the account of XB-017 opens on 2023-01-01
EOF
t_refuse "unknown giver" 1 jf-transfer -r x XB-099 XB-018 5 <<'EOF'
jf-transfer: unknown household 'XB-099'
EOF
t_refuse "unknown receiver" 1 jf-transfer -r x XB-017 XB-099 5 <<'EOF'
jf-transfer: unknown household 'XB-099'
EOF
t_refuse "to itself" 2 jf-transfer -r x XB-017 XB-017 5 <<EOF
jf-transfer: cannot transfer from XB-017 to itself
$U
EOF
for p in 0 -5; do
	t_refuse "points $p" 2 jf-transfer -r x XB-017 XB-018 -- $p <<EOF
jf-transfer: bad points '$p': a transfer moves more than 0 points
$U
EOF
done
t_refuse "bad points" 2 jf-transfer -r x XB-017 XB-018 1.234 <<EOF
jf-transfer: bad points '1.234': more than two decimal places
$U
EOF
t_refuse "no reason" 2 jf-transfer XB-017 XB-018 5 <<EOF
jf-transfer: a reason is required (--reason TEXT)
$U
EOF
t_refuse "two operands" 2 jf-transfer -r x XB-017 5 <<EOF
jf-transfer: expected the household giving, the household receiving and the points
$U
EOF
t_save .
run jf-transfer --dry-run -r x XB-017 XB-018 5
t_rc 0 "dry run: exit 0"
t_unchanged "dry run: nothing written"

# a void takes both sides back, on its date
t_setup jf-void -r 录错 "$T1"
run jf-balance --format tsv XB-017 XB-018
t_out "void: both sides back" <<'EOF'
household	head	village	earned	spent	balance
XB-017	司学霞	XB	100	0	100
XB-018	王建国	XB	9.5	0	9.5
EOF

# reports list transfers with the voids and adjustments, for review
run jf-report --week 2026-W48 --format json
tr -d ' \n' <"$T/out" >"$T/flat"
t_ok "report: a transfer is listed for review" \
	grep -qF '"kind":"transfer","household":"XB-020","head":"张秀英","village":"XB","what":"XB-018","points":-12,"reason":"迁出"' "$T/flat"
run jf-report --week 2026-W48 --format csv
t_ok "report csv: the transfer's receiver in what" \
	sh -c 'tr -d "\r" <"$1" | grep -q ",review,XB,XB-020,张秀英,.*,transfer,,,XB-018,迁出,"' - "$T/out"
run jf-report --week 2026-W48 --format json
tr -d ' \n' <"$T/out" >"$T/flat"
t_ok "report: the void of a transfer names the receiver too" \
	grep -qF '"ref_kind":"transfer","what":"XB-018"' "$T/flat"

# the cache replays transfers exactly as the ledger reads
jf-balance --format json >"$T/c1" 2>&1
jf-balance --format json >"$T/c2" 2>&1
jf-balance --no-cache --format json >"$T/n" 2>&1
t_same "cache: jf-balance as --no-cache" "$T/n" "$T/c2"
for c in "jf-log --format json" "jf-report --format json --week 2026-W48" "jf-log XB-018"; do
	rm -rf .jf/cache; $c >"$T/n" 2>&1
	$c >"$T/c2" 2>&1
	t_same "cache: $c as without it" "$T/n" "$T/c2"
done
run jf-check
t_rc 0 "check: a book with transfers is valid"
