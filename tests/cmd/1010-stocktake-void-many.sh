# jf-restock --count (stock-take) and jf-void ID... (several in one write).
. "$JF_TOP/tests/cmd/lib.sh"
t_book b; cd b || exit 99
t_setup jf-restock XB washing-powder 20
t_setup jf-adjust XB-018 100 --reason 期初
t_setup jf-redeem XB-018 washing-powder 3

t_save .
run jf-restock --count XB washing-powder 15
t_rc 0 "count below the book: exit 0"
t_out "count below the book: a write-off of the difference, stock as counted" <<EOF
restock XB washing-powder x-2, stock 15, id $(lastid)
EOF
t_appended "count: the difference in the note" ledger/2026/XB.yaml <<'EOF'
- id: ID
  date: 2026-11-28
  at: 2026-11-28T10:15:02+08:00
  kind: restock
  village: XB
  item: washing-powder
  qty: -2
  note: "stock-take: counted 15, the book had 17"
  by: baiyang
EOF
t_save .
run jf-restock --count -n 盘点 XB washing-powder 18
t_rc 0 "count above the book: exit 0"
t_ok "count above: a restock of 3, the -n note first" grep -qx '  note: "盘点; stock-take: counted 18, the book had 15"' ledger/2026/XB.yaml
t_save .
run jf-restock --count XB washing-powder 18
t_rc 0 "count agrees: exit 0"
t_out "count agrees: says so" <<'EOF'
stock-take XB washing-powder: counted 18, as the book has; nothing written
EOF
t_unchanged "count agrees: nothing appended"
run jf-restock --count --format json XB washing-powder 18
t_out "count agrees, JSON" <<'EOF'
{"village":"XB","item":"washing-powder","counted":18,"stock":18,"written":false}
EOF
run jf-restock --count --dry-run XB washing-powder 0
t_rc 0 "count 0, dry run: exit 0"
t_ok "count 0, dry run: says dry run" grep -q '^dry run, nothing written: restock XB washing-powder x-18, stock 0' "$T/out"
t_unchanged "count dry run: nothing appended"
run jf-restock --count XB soap 3
t_rc 1 "count of an untracked item: exit 1"
t_err "count of an untracked item: says so" <<'EOF'
jf-restock: the stock of 'soap' is not tracked (stock: true in catalogue.yaml)
EOF
run jf-restock --count XX washing-powder 3
t_rc 1 "count in an unknown village: exit 1"
t_errhas "unknown village: says so" "jf-restock: unknown village 'XX'"
run jf-restock --count XB washing-powder -1
t_rc 2 "negative count: usage"
t_unchanged "refused counts: nothing appended"

# --- jf-void ID...
printf 'household,activity\nXB-017,sort-waste\nXB-018,sort-waste\n' >s.csv
t_setup jf-add --batch s.csv
a=$(sed -n 's/^- id: //p' ledger/2026/XB.yaml | tail -n 2 | head -n 1)
z=$(lastid)
t_save .
run jf-void --reason 导错了 "$a" "$z" NOSUCH
t_rc 1 "void several, one unknown: exit 1"
t_err "void several, one unknown: says which" <<'EOF'
jf-void: no entry with id 'NOSUCH'
jf-void: nothing was recorded
EOF
t_unchanged "void several refused: nothing appended"
run jf-void --reason 导错了 "$a" "$a"
t_rc 1 "void one id twice: exit 1"
t_unchanged "void twice refused: nothing appended"
run jf-void --reason 导错了 --format json "$a" "$z"
t_rc 0 "void several: exit 0"
t_ok "void several: one JSON array of two voids" python3 -c 'import json,sys; a=json.load(open(sys.argv[1])); assert [x["ref"] for x in a]==sys.argv[2:]' "$T/out" "$a" "$z"
t_ok "void several: two voids appended" [ "$(grep -c '^  kind: void' ledger/2026/XB.yaml)" -eq 2 ]
run jf-balance --format json XB-017
t_ok "void several: the sheet's points are gone" grep -q "\"balance\": 0$" "$T/out"
