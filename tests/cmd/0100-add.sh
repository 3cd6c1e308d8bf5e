# jf-add: earnings and deductions, and every refusal it can meet.
. "$JF_TOP/tests/cmd/lib.sh"
U='usage: jf-add [-C dir] [-d date] [-n note] [-b name] [--dry-run] [--wait seconds] [--no-cache] [--format fmt] [--batch file [--encoding enc] [--again]] [household activity [qty]]'
t_book b; cd b || exit 99

t_save .
run jf-add XB-017 clean-yard
t_rc 0 "earn: exit 0"
t_noerr "earn: quiet on stderr"
id=$(lastid)
t_out "earn: one line saying what was done" <<EOF
earn XB-017 司学霞 clean-yard x1 +5, balance 5, id $id
EOF
t_appended "earn: the entry's exact bytes, in ledger/2026/XB.yaml" ledger/2026/XB.yaml <<'EOF'
- id: ID
  date: 2026-11-28
  at: 2026-11-28T10:15:02+08:00
  kind: earn
  household: XB-017
  activity: clean-yard
  qty: 1
  points: 5
  by: baiyang
EOF
t_ok "the id is a ULID (26 Crockford base32)" \
	sh -c "echo '$id' | grep -qx '[0-9A-HJKMNP-TV-Z]\{26\}'"

t_save .
run jf-add -n 打扫院落 -b 'li si' XB-017 litter 2
t_rc 0 "deduction: exit 0"
t_out "deduction: negative points, lower balance" <<EOF
earn XB-017 司学霞 litter x2 -10, balance -5, id $(lastid)
EOF
t_appended "deduction: note and --by kept, by last" ledger/2026/XB.yaml <<'EOF'
- id: ID
  date: 2026-11-28
  at: 2026-11-28T10:15:02+08:00
  kind: earn
  household: XB-017
  activity: litter
  qty: 2
  points: -10
  note: 打扫院落
  by: li si
EOF

t_save .
run jf-add XB-017 sort-waste 3
t_out "0.5 x 3 = 1.5 points" <<EOF
earn XB-017 司学霞 sort-waste x3 +1.5, balance -3.5, id $(lastid)
EOF
t_appended "0.5 x 3: points 1.5 recorded exactly" ledger/2026/XB.yaml <<'EOF'
- id: ID
  date: 2026-11-28
  at: 2026-11-28T10:15:02+08:00
  kind: earn
  household: XB-017
  activity: sort-waste
  qty: 3
  points: 1.5
  by: baiyang
EOF

# options after operands, a back date: the entry goes to that year's file
t_save .
run env -u JF_OPERATOR LOGNAME=wangwu jf-add LQ-003 litter -d 2025-12-31
t_rc 0 "back-dated earn in another village: exit 0"
t_out "back-dated earn: LQ household's own balance" <<EOF
earn LQ-003 李明 litter x1 -5, balance -5, id $(lastid ledger/2025/LQ.yaml)
EOF
t_appended "back-dated earn: ledger/2025/LQ.yaml; by from \$LOGNAME" ledger/2025/LQ.yaml <<'EOF'
- id: ID
  date: 2025-12-31
  at: 2026-11-28T10:15:02+08:00
  kind: earn
  household: LQ-003
  activity: litter
  qty: 1
  points: -5
  by: wangwu
EOF

# the validity windows of rules and accounts are inclusive
run jf-add XB-017 harvest-help -d 2026-10-31
t_rc 0 "rule valid on its last day (until)"
run jf-add XB-017 harvest-help -d 2026-09-01
t_rc 0 "rule valid on its first day (since)"
run jf-add XB-020 litter -d 2026-06-30
t_rc 0 "a closed account still takes entries dated up to its until"

t_refuse "unknown household" 1 jf-add XB-099 litter <<'EOF'
jf-add: unknown household 'XB-099'
EOF
t_refuse "unknown activity" 1 jf-add XB-017 dance <<'EOF'
jf-add: unknown activity 'dance'
EOF
t_refuse "an item is not an activity" 1 jf-add XB-017 soap <<'EOF'
jf-add: unknown activity 'soap'
EOF
t_refuse "account closed" 1 jf-add XB-020 litter <<'EOF'
jf-add: the account of XB-020 was closed on 2026-06-30
EOF
t_refuse "account closed, the day after until" 1 jf-add XB-020 litter -d 2026-07-01 <<'EOF'
jf-add: the account of XB-020 was closed on 2026-06-30
EOF
t_refuse "account not yet open" 1 jf-add XB-021 litter <<'EOF'
jf-add: the account of XB-021 opens on 2026-12-01
EOF
t_refuse "dated before the account's since" 1 jf-add XB-017 litter -d 2022-12-31 <<'EOF'
jf-add: the account of XB-017 opens on 2023-01-01
EOF
t_refuse "rule outside its window (today)" 1 jf-add XB-017 harvest-help <<'EOF'
jf-add: rule 'harvest-help' is not valid on 2026-11-28
EOF
t_refuse "rule outside its window (day before since)" 1 jf-add XB-017 harvest-help -d 2026-08-31 <<'EOF'
jf-add: rule 'harvest-help' is not valid on 2026-08-31
EOF
t_refuse "rule outside its window (day after until)" 1 jf-add XB-017 harvest-help -d 2026-11-01 <<'EOF'
jf-add: rule 'harvest-help' is not valid on 2026-11-01
EOF

for q in 0 -1; do
	t_refuse "qty '$q'" 2 jf-add XB-017 litter $q <<-EOF
	jf-add: bad quantity '$q': number out of range
	$U
	EOF
done
t_refuse "qty '1.5'" 2 jf-add XB-017 litter 1.5 <<EOF
jf-add: bad quantity '1.5': not a whole number
$U
EOF
t_refuse "qty 'abc'" 2 jf-add XB-017 litter abc <<EOF
jf-add: bad quantity 'abc': not a number
$U
EOF
t_refuse "qty too large" 2 jf-add XB-017 litter 1000000001 <<EOF
jf-add: bad quantity '1000000001': number out of range
$U
EOF
t_refuse "one operand" 2 jf-add XB-017 <<EOF
jf-add: expected a household, an activity and an optional quantity
$U
EOF
t_refuse "four operands" 2 jf-add XB-017 litter 1 2 <<EOF
jf-add: expected a household, an activity and an optional quantity
$U
EOF
t_refuse "future date" 2 jf-add XB-017 litter -d 2026-11-29 <<EOF
jf-add: date 2026-11-29 is in the future (today is 2026-11-28 in Asia/Shanghai)
$U
EOF
# the book's zone decides "today": 2026-11-28T17:00Z is already the 29th there
run env JF_NOW=2026-11-28T17:00:00Z jf-add XB-018 litter -d 2026-11-29
t_rc 0 "today is taken in the book's zone, not UTC"
