# jf-restock: goods into (and written off out of) a village shop.
. "$JF_TOP/tests/cmd/lib.sh"
U='usage: jf-restock [-C dir] [-d date] [-n note] [-b name] [--dry-run] [--wait seconds] [--no-cache] [--format fmt] [--count] village item qty'
t_book b; cd b || exit 99

t_save .
run jf-restock XB washing-powder 10 -d 2026-11-01
t_rc 0 "restock: exit 0"
t_noerr "restock: quiet on stderr"
t_out "restock: one line with the stock" <<EOF
restock XB washing-powder x10, stock 10, id $(lastid)
EOF
t_appended "restock: exact bytes, village not household" ledger/2026/XB.yaml <<'EOF'
- id: ID
  date: 2026-11-01
  at: 2026-11-28T10:15:02+08:00
  kind: restock
  village: XB
  item: washing-powder
  qty: 10
  by: baiyang
EOF
run jf-restock LQ washing-powder 4
t_out "each village has its own stock" <<EOF
restock LQ washing-powder x4, stock 4, id $(lastid ledger/2026/LQ.yaml)
EOF

t_refuse "write-off below zero" 1 jf-restock LQ washing-powder -5 <<'EOF'
jf-restock: cannot write off 5 of 'washing-powder': the LQ shop has 4
EOF
t_save .
run jf-restock LQ washing-powder -4 -n 受潮
t_rc 0 "write-off of exactly the stock: exit 0"
t_out "write-off: negative qty, stock 0" <<EOF
restock LQ washing-powder x-4, stock 0, id $(lastid ledger/2026/LQ.yaml)
EOF
t_appended "write-off: exact bytes" ledger/2026/LQ.yaml <<'EOF'
- id: ID
  date: 2026-11-28
  at: 2026-11-28T10:15:02+08:00
  kind: restock
  village: LQ
  item: washing-powder
  qty: -4
  note: 受潮
  by: baiyang
EOF
t_refuse "write-off from an empty shop" 1 jf-restock LQ washing-powder -1 <<'EOF'
jf-restock: cannot write off 1 of 'washing-powder': the LQ shop has 0
EOF

t_refuse "restock of an untracked item" 1 jf-restock XB soap 5 <<'EOF'
jf-restock: stock of 'soap' is not tracked (no 'stock: true' in catalogue.yaml)
EOF
t_refuse "write-off of an untracked item" 1 jf-restock XB soap -5 <<'EOF'
jf-restock: stock of 'soap' is not tracked (no 'stock: true' in catalogue.yaml)
EOF
t_refuse "unknown village" 1 jf-restock ZZ washing-powder 5 <<'EOF'
jf-restock: unknown village 'ZZ'
EOF
t_refuse "a household is not a village" 1 jf-restock XB-017 washing-powder 5 <<'EOF'
jf-restock: unknown village 'XB-017'
EOF
t_refuse "unknown item" 1 jf-restock XB tv 5 <<'EOF'
jf-restock: unknown item 'tv'
EOF
t_refuse "qty 0" 2 jf-restock XB washing-powder 0 <<EOF
jf-restock: bad quantity '0': must not be 0
$U
EOF
t_refuse "qty '1.5'" 2 jf-restock XB washing-powder 1.5 <<EOF
jf-restock: bad quantity '1.5': not a whole number
$U
EOF
t_refuse "qty 'abc'" 2 jf-restock XB washing-powder abc <<EOF
jf-restock: bad quantity 'abc': not a number
$U
EOF
t_refuse "qty is required" 2 jf-restock XB washing-powder <<EOF
jf-restock: expected a village, an item and a quantity
$U
EOF
t_refuse "future date" 2 jf-restock XB washing-powder 1 --date=2026-12-01 <<EOF
jf-restock: date 2026-12-01 is in the future (today is 2026-11-28 in Asia/Shanghai)
$U
EOF
