# jf-adjust: opening balances and township decisions; the points operand.
. "$JF_TOP/tests/cmd/lib.sh"
U='usage: jf-adjust [-C dir] [-d date] [-n note] [-b name] [--dry-run] [--wait seconds] [--no-cache] [--format fmt] -r reason household points'
t_book b; cd b || exit 99

t_save .
run jf-adjust XB-017 120 --reason 期初余额
t_rc 0 "adjust: exit 0"
t_noerr "adjust: quiet on stderr"
t_out "adjust: one line" <<EOF
adjust XB-017 司学霞 +120, balance 120, id $(lastid)
EOF
t_appended "adjust: exact bytes, with the reason" ledger/2026/XB.yaml <<'EOF'
- id: ID
  date: 2026-11-28
  at: 2026-11-28T10:15:02+08:00
  kind: adjust
  household: XB-017
  points: 120
  reason: 期初余额
  by: baiyang
EOF

# a negative number is an operand, even before the options
t_save .
run jf-adjust XB-017 -0.25 -r "decision 12" -n 镇政府
t_rc 0 "negative decimal points: exit 0"
t_out "negative decimal points" <<EOF
adjust XB-017 司学霞 -0.25, balance 119.75, id $(lastid)
EOF
t_appended "negative decimal: exact bytes, reason then note" ledger/2026/XB.yaml <<'EOF'
- id: ID
  date: 2026-11-28
  at: 2026-11-28T10:15:02+08:00
  kind: adjust
  household: XB-017
  points: -0.25
  reason: decision 12
  note: 镇政府
  by: baiyang
EOF
run jf-adjust -r x XB-017 -50
t_out "-50 after the options is the points operand" <<EOF
adjust XB-017 司学霞 -50, balance 69.75, id $(lastid)
EOF
run jf-adjust XB-017 6.5 -r x
t_out "6.5 points" <<EOF
adjust XB-017 司学霞 +6.5, balance 76.25, id $(lastid)
EOF
# an adjustment may take a balance below zero (a township decision)
run jf-adjust XB-017 -100 -r 处罚
t_out "adjust may go below zero" <<EOF
adjust XB-017 司学霞 -100, balance -23.75, id $(lastid)
EOF

t_refuse "missing --reason" 2 jf-adjust XB-017 5 <<EOF
jf-adjust: a reason is required (--reason TEXT)
$U
EOF
t_refuse "empty --reason" 2 jf-adjust XB-017 5 -r '' <<EOF
jf-adjust: a reason is required (--reason TEXT)
$U
EOF
t_refuse "reason with a newline" 2 jf-adjust XB-017 5 -r "a
b" <<EOF
jf-adjust: the reason contains a control character (tab, newline...)
$U
EOF
t_refuse "points '1.234'" 2 jf-adjust XB-017 1.234 -r x <<EOF
jf-adjust: bad points '1.234': more than two decimal places
$U
EOF
for p in abc 1e3 .5; do
	t_refuse "points '$p'" 2 jf-adjust XB-017 $p -r x <<-EOF
	jf-adjust: bad points '$p': not a number
	$U
	EOF
done
t_refuse "points '+50'" 2 jf-adjust XB-017 +50 -r x <<EOF
jf-adjust: bad points '+50': '+' not allowed
$U
EOF
t_refuse "points out of range" 2 jf-adjust XB-017 99999999999999999999 -r x <<EOF
jf-adjust: bad points '99999999999999999999': number out of range (at most 1000000000 points either way)
$U
EOF
t_refuse "points 0" 2 jf-adjust XB-017 0 -r x <<EOF
jf-adjust: an adjustment of 0 points does nothing
$U
EOF
t_refuse "one operand" 2 jf-adjust XB-017 -r x <<EOF
jf-adjust: expected a household and the points
$U
EOF
t_refuse "unknown household" 1 jf-adjust XB-099 5 -r x <<'EOF'
jf-adjust: unknown household 'XB-099'
EOF
t_refuse "account closed" 1 jf-adjust XB-020 5 -r x <<'EOF'
jf-adjust: the account of XB-020 was closed on 2026-06-30
EOF
t_refuse "account not yet open" 1 jf-adjust XB-021 5 -r x <<'EOF'
jf-adjust: the account of XB-021 opens on 2026-12-01
EOF
t_refuse "bad date '2026-02-30'" 2 jf-adjust XB-017 5 -r x -d 2026-02-30 <<EOF
jf-adjust: bad date '2026-02-30': no such day (YYYY-MM-DD)
$U
EOF
