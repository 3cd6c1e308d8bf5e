# --dry-run appends nothing but says what would be done; --format json.
. "$JF_TOP/tests/cmd/lib.sh"
t_book b; cd b || exit 99
t_setup jf-adjust XB-017 1000 -r 期初
t_setup jf-restock XB washing-powder 10
t_setup jf-add XB-017 clean-yard
earn=$(lastid)
D='dry run, nothing written:'

# IDS: the ids printed are fresh ULIDs, never written; show them as ID
ids() { sed 's/[0-9A-HJKMNP-TV-Z]\{26\}$/ID/; s/"id":"[0-9A-HJKMNP-TV-Z]\{26\}"/"id":"ID"/' "$T/out" >"$T/o2"; mv "$T/o2" "$T/out"; }

# dry_run CMD...: exit 0, nothing on stderr, not a byte written; $T/out kept
dry_run() {
	t_save .
	run "$@"; ids
	t_rc 0 "$*: exit 0"
	t_noerr "$*: quiet on stderr"
	t_unchanged "$*: nothing written"
}
dry_run jf-add XB-017 sort-waste 3 --dry-run
t_out "jf-add --dry-run" <<EOF
$D earn XB-017 司学霞 sort-waste x3 +1.5, balance 1006.5, id ID
EOF
dry_run jf-redeem XB-017 washing-powder 2 --dry-run
t_out "jf-redeem --dry-run" <<EOF
$D redeem XB-017 司学霞 washing-powder x2 -20, balance 985, stock 8, id ID
EOF
dry_run jf-adjust XB-017 -5 -r x --dry-run
t_out "jf-adjust --dry-run" <<EOF
$D adjust XB-017 司学霞 -5, balance 1000, id ID
EOF
dry_run jf-restock XB washing-powder 5 --dry-run
t_out "jf-restock --dry-run" <<EOF
$D restock XB washing-powder x5, stock 15, id ID
EOF
dry_run jf-void "$earn" -r x --dry-run
t_out "jf-void --dry-run" <<EOF
$D void $earn (earn) XB-017 司学霞 -5, balance 1000, id ID
EOF
dry_run jf-add XB-017 sort-waste 3 --dry-run --format json
t_out "jf-add --dry-run --format json" <<'EOF'
{"id":"ID","kind":"earn","date":"2026-11-28","household":"XB-017","head":"司学霞","village":"XB","activity":"sort-waste","qty":3,"points":1.5,"balance":1006.5,"file":"ledger/2026/XB.yaml","dry_run":true}
EOF
# a dry run is still refused by the rules
t_refuse "dry run over the limit" 1 jf-add XB-017 clean-yard --dry-run <<'EOF'
jf-add: limit reached: 'clean-yard' is at most 1 per week, and XB-017 has 1 in that week
EOF
t_refuse "dry run short of stock" 1 jf-redeem XB-017 washing-powder 11 --dry-run <<'EOF'
jf-redeem: stock short: the XB shop has 10 of 'washing-powder', 11 asked
EOF

# --format json of real writes: the id printed is the id appended
run jf-add XB-017 sort-waste 3 --format json
t_rc 0 "jf-add --format json: exit 0"
t_out "jf-add --format json" <<EOF
{"id":"$(lastid)","kind":"earn","date":"2026-11-28","household":"XB-017","head":"司学霞","village":"XB","activity":"sort-waste","qty":3,"points":1.5,"balance":1006.5,"file":"ledger/2026/XB.yaml","dry_run":false}
EOF
run jf-redeem XB-017 washing-powder 2 --format json
t_out "jf-redeem --format json" <<EOF
{"id":"$(lastid)","kind":"redeem","date":"2026-11-28","household":"XB-017","head":"司学霞","village":"XB","item":"washing-powder","qty":2,"points":-20,"balance":986.5,"stock":8,"file":"ledger/2026/XB.yaml","dry_run":false}
EOF
run jf-adjust XB-017 -0.25 -r x --format json
t_out "jf-adjust --format json" <<EOF
{"id":"$(lastid)","kind":"adjust","date":"2026-11-28","household":"XB-017","head":"司学霞","village":"XB","points":-0.25,"balance":986.25,"file":"ledger/2026/XB.yaml","dry_run":false}
EOF
run jf-restock XB washing-powder -1 --format json
t_out "jf-restock --format json" <<EOF
{"id":"$(lastid)","kind":"restock","date":"2026-11-28","village":"XB","item":"washing-powder","qty":-1,"stock":7,"file":"ledger/2026/XB.yaml","dry_run":false}
EOF
run jf-void "$earn" -r x --format json
t_out "jf-void --format json" <<EOF
{"id":"$(lastid)","kind":"void","date":"2026-11-28","household":"XB-017","head":"司学霞","village":"XB","ref":"$earn","ref_kind":"earn","activity":"clean-yard","points":-5,"balance":981.25,"file":"ledger/2026/XB.yaml","dry_run":false}
EOF
run jf-add XB-017 litter --format xml
t_rc 2 "--format xml: exit 2"
t_err "--format xml: message and usage" <<'EOF'
jf-add: unknown --format 'xml': jf-add writes text or json
usage: jf-add [-C dir] [-d date] [-n note] [-b name] [--dry-run] [--wait seconds] [--no-cache] [--format fmt] [--batch file [--encoding enc] [--again]] [household activity [qty]]
EOF
run jf-add XB-017 litter --format tsv
t_rc 2 "writers take no --format tsv"
