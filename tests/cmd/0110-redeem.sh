# jf-redeem: spending points on goods; balance and stock checks.
. "$JF_TOP/tests/cmd/lib.sh"
U='usage: jf-redeem [-C dir] [-d date] [-n note] [-b name] [--dry-run] [--wait seconds] [--no-cache] [--format fmt] [--batch file [--encoding enc] [--again]] [household item [qty]]'
t_book b; cd b || exit 99
t_setup jf-adjust XB-017 29 -r 期初

# untracked item: only the balance counts; 3 x 10 = 30 > 29
t_refuse "balance one point short" 1 jf-redeem XB-017 soap 10 <<'EOF'
jf-redeem: balance short: XB-017 has 29, 10 x soap costs 30
EOF
t_save .
run jf-redeem XB-017 soap 9
t_rc 0 "exactly enough (27 of 29): exit 0"
t_out "redeem of an untracked item: no stock shown" <<EOF
redeem XB-017 司学霞 soap x9 -27, balance 2, id $(lastid)
EOF
t_appended "redeem: the entry's exact bytes (negative points)" ledger/2026/XB.yaml <<'EOF'
- id: ID
  date: 2026-11-28
  at: 2026-11-28T10:15:02+08:00
  kind: redeem
  household: XB-017
  item: soap
  qty: 9
  points: -27
  by: baiyang
EOF
t_setup jf-adjust XB-017 1 -r x
run jf-redeem XB-017 soap
t_rc 0 "balance exactly the price (3 of 3): exit 0, qty defaults to 1"
t_out "balance exactly the price: balance 0" <<EOF
redeem XB-017 司学霞 soap x1 -3, balance 0, id $(lastid)
EOF
t_refuse "balance 0, price 3" 1 jf-redeem XB-017 soap <<'EOF'
jf-redeem: balance short: XB-017 has 0, 1 x soap costs 3
EOF

# tracked item: stock is per village shop
t_setup jf-adjust XB-017 100 -r x
t_refuse "stock short: nothing in the shop yet" 1 jf-redeem XB-017 washing-powder <<'EOF'
jf-redeem: stock short: the XB shop has 0 of 'washing-powder', 1 asked
EOF
t_setup jf-restock XB washing-powder 3
t_setup jf-restock LQ washing-powder 50
t_refuse "stock short: the other village's stock does not count" 1 jf-redeem XB-017 washing-powder 4 <<'EOF'
jf-redeem: stock short: the XB shop has 3 of 'washing-powder', 4 asked
EOF
t_save .
run jf-redeem XB-017 washing-powder 3 -n 两袋
t_rc 0 "exactly the stock: exit 0"
t_out "redeem of a tracked item shows the stock left" <<EOF
redeem XB-017 司学霞 washing-powder x3 -30, balance 70, stock 0, id $(lastid)
EOF
t_appended "redeem with a note" ledger/2026/XB.yaml <<'EOF'
- id: ID
  date: 2026-11-28
  at: 2026-11-28T10:15:02+08:00
  kind: redeem
  household: XB-017
  item: washing-powder
  qty: 3
  points: -30
  note: 两袋
  by: baiyang
EOF
t_refuse "stock short: shop emptied" 1 jf-redeem XB-017 washing-powder <<'EOF'
jf-redeem: stock short: the XB shop has 0 of 'washing-powder', 1 asked
EOF

t_refuse "unknown household" 1 jf-redeem XB-099 soap <<'EOF'
jf-redeem: unknown household 'XB-099'
EOF
t_refuse "unknown item" 1 jf-redeem XB-017 tv <<'EOF'
jf-redeem: unknown item 'tv'
EOF
t_refuse "an activity is not an item" 1 jf-redeem XB-017 litter <<'EOF'
jf-redeem: unknown item 'litter'
EOF
t_refuse "account closed" 1 jf-redeem XB-020 soap <<'EOF'
jf-redeem: the account of XB-020 was closed on 2026-06-30
EOF
t_refuse "account not yet open" 1 jf-redeem XB-021 soap <<'EOF'
jf-redeem: the account of XB-021 opens on 2026-12-01
EOF
t_refuse "LQ household, no points" 1 jf-redeem LQ-003 washing-powder <<'EOF'
jf-redeem: balance short: LQ-003 has 0, 1 x washing-powder costs 10
EOF
for q in 0 -1; do
	t_refuse "qty '$q'" 2 jf-redeem XB-017 soap $q <<-EOF
	jf-redeem: bad quantity '$q': number out of range
	$U
	EOF
done
t_refuse "qty '1.5'" 2 jf-redeem XB-017 soap 1.5 <<EOF
jf-redeem: bad quantity '1.5': not a whole number
$U
EOF
t_refuse "qty 'abc'" 2 jf-redeem XB-017 soap abc <<EOF
jf-redeem: bad quantity 'abc': not a number
$U
EOF
t_refuse "future date" 2 jf-redeem XB-017 soap -d 2027-01-01 <<EOF
jf-redeem: date 2027-01-01 is in the future (today is 2026-11-28 in Asia/Shanghai)
$U
EOF
