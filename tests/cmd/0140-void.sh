# jf-void: undo an entry by appending a void; what may not be voided.
. "$JF_TOP/tests/cmd/lib.sh"
U='usage: jf-void [-C dir] [-d date] [-n note] [-b name] [--dry-run] [--wait seconds] [--no-cache] [--format fmt] -r reason id ...'
t_book b; cd b || exit 99
t_setup jf-adjust XB-017 100 -r 期初
t_setup jf-add XB-017 litter
earn=$(lastid)
t_setup jf-restock XB washing-powder 10
t_setup jf-redeem XB-017 washing-powder 2
redeem=$(lastid)

t_save .
run jf-void "$earn" --reason 录错了
t_rc 0 "void of an earn: exit 0"
t_noerr "void: quiet on stderr"
t_out "void of an earn: its points come back" <<EOF
void $earn (earn) XB-017 司学霞 +5, balance 80, id $(lastid)
EOF
t_appended "void: exact bytes, ref and reason" ledger/2026/XB.yaml <<EOF
- id: ID
  date: 2026-11-28
  at: 2026-11-28T10:15:02+08:00
  kind: void
  ref: $earn
  reason: 录错了
  by: baiyang
EOF
void1=$(lastid)

run jf-void "$redeem" -r 退货
t_rc 0 "void of a redeem: exit 0"
t_out "void of a redeem: points and stock come back" <<EOF
void $redeem (redeem) XB-017 司学霞 +20, balance 100, stock 10, id $(lastid)
EOF
run jf-redeem XB-017 washing-powder 10
t_rc 0 "the voided redemption's stock can be redeemed again"

t_refuse "void of an already voided entry" 1 jf-void "$earn" -r again <<EOF
jf-void: entry '$earn' is already voided
EOF
t_refuse "void of a void" 1 jf-void "$void1" -r again <<EOF
jf-void: '$void1' is a void; a void cannot be voided
EOF
t_refuse "void of an unknown id" 1 jf-void 01JDZ3K4M5N6P7Q8R9S0T1U2V3 -r x <<'EOF'
jf-void: no entry with id '01JDZ3K4M5N6P7Q8R9S0T1U2V3'
EOF
t_refuse "missing --reason" 2 jf-void "$redeem" <<EOF
jf-void: a reason is required (--reason TEXT)
$U
EOF
t_refuse "no id" 2 jf-void -r x <<EOF
jf-void: expected the id of the entry to void
$U
EOF
t_refuse "two ids, both voided already: all or nothing (SPEC 4.0)" 1 jf-void -r x "$earn" "$redeem" <<EOF
jf-void: entry '$earn' is already voided
jf-void: entry '$redeem' is already voided
jf-void: nothing was recorded
EOF
t_refuse "future date" 2 jf-void "$redeem" -r x -d 2026-11-29 <<EOF
jf-void: date 2026-11-29 is in the future (today is 2026-11-28 in Asia/Shanghai)
$U
EOF

# a restock that names no household: the void reports the shop
t_setup jf-restock LQ washing-powder 3
restock=$(lastid ledger/2026/LQ.yaml)
run jf-void "$restock" -r 记错村 --format json
t_rc 0 "void of a restock: exit 0"
t_out "void of a restock, as JSON: no household, no balance" <<EOF
{"id":"$(lastid ledger/2026/LQ.yaml)","kind":"void","date":"2026-11-28","village":"LQ","ref":"$restock","ref_kind":"restock","item":"washing-powder","qty":-3,"stock":0,"file":"ledger/2026/LQ.yaml","dry_run":false}
EOF
