# jf-add --batch / jf-redeem --batch: sheets as spreadsheets save them, the
# same ledger as one by one, and every refusal (message, exit, no bytes).
. "$JF_TOP/tests/cmd/lib.sh"
t_book b; t_book one; cd b || exit 99
ids() { sed 's/^- id: [0-9A-HJKMNP-TV-Z]\{26\}$/- id: ID/; /^  sheet: [0-9a-f]\{16\}$/d' "$@"; }

# --- the same ledger as the rows added one by one
printf 'household,activity,qty,date,note\r\nXB-017,clean-yard,,2026-11-20,"扫院, 清沟"\r\n,,,,\r\nXB-018,sort-waste,3,,\r\nXB-017,litter,1,2026/11/27,\r\n' >s.csv
run jf-add --batch s.csv -n 月评比
t_rc 0 "batch: exit 0"
t_noerr "batch: quiet on stderr"
t_ok "batch: one line per entry" [ "$(wc -l <"$T/out")" -eq 3 ]
(cd ../one && jf-add -d 2026-11-20 -n '扫院, 清沟' XB-017 clean-yard &&
	jf-add -n 月评比 XB-018 sort-waste 3 && jf-add -d 2026-11-27 -n 月评比 XB-017 litter 1) >/dev/null
ids ledger/2026/XB.yaml >"$T/x1"; ids ../one/ledger/2026/XB.yaml >"$T/x2"
t_same "batch: byte for byte the ledger of the rows one by one (ids and sheet masked)" "$T/x2" "$T/x1"
sid=$(sha256sum s.csv | cut -c1-16)
t_ok "batch: every entry records sheet: (SHA-256 of the bytes)" [ "$(grep -c "^  sheet: $sid\$" ledger/2026/XB.yaml)" -eq 3 ]
first=$(sed -n 's/^- id: //p' ledger/2026/XB.yaml | head -n 1)
run jf-check
t_rc 0 "batch: the book checks"

# --- the same sheet twice
t_save .
run jf-add --batch s.csv
t_rc 1 "again: exit 1"
t_err "again: names the earlier import" <<EOF
jf-add: this sheet (sheet $sid) was imported already: entry $first at ledger/2026/XB.yaml:10; --again imports it once more
jf-add: nothing was recorded
EOF
t_unchanged "again: nothing appended"
run jf-add --batch s.csv --again --dry-run --format json
t_rc 1 "--again: then the rules decide (limit reached)"
t_errhas "--again: the limit of row 2" "jf-add: s.csv:2: limit reached: 'clean-yard' is at most 1 per week, and XB-017 has 1 in that week"
t_unchanged "--again refused: nothing appended"

# --- a sheet as Excel saves it: BOM, CRLF, Chinese header, quoted line break
printf '\357\273\277户号,项目,数量,备注,户主\r\nLQ-003,sort-waste,2,"第一行\r\n第二行",李明\r\nXB-018,sort-waste,1,"说 ""好""",王建国\r\n' >excel.csv
t_save .
run jf-add --batch excel.csv --dry-run --format json
t_rc 0 "dry run: exit 0"
t_ok "dry run: one JSON array of two" python3 -c 'import json,sys; a=json.load(open(sys.argv[1])); assert len(a)==2 and a[0]["household"]=="LQ-003" and a[1]["dry_run"]' "$T/out"
t_unchanged "dry run: nothing appended"
run jf-add --batch excel.csv
t_rc 0 "Excel sheet: exit 0"
t_ok "Excel sheet: the line break of a note became a space" grep -qx '  note: 第一行 第二行' ledger/2026/LQ.yaml
t_ok "Excel sheet: doubled quotes read as one" grep -q '说 "好"' ledger/2026/LQ.yaml
t_ok "Excel sheet: every entry in the file of the first (SPEC 4.0)" [ "$(grep -c '^  sheet: ' ledger/2026/LQ.yaml)" -eq 2 ]

# --- GB18030, as plain CSV on a Chinese PC; TSV; stdin
t_setup jf-adjust XB-018 100 --reason 期初
printf '户号,商品,数量,户主\r\nXB-018,soap,1,王建国\r\n' | iconv -f UTF-8 -t GB18030 >gb.csv
t_save .
run jf-redeem --batch gb.csv
t_rc 2 "GB18030 read as UTF-8: exit 2"
t_err "GB18030 read as UTF-8: the rows and the hint" <<'EOF'
jf-redeem: gb.csv:1: cell 1 is not valid UTF-8 (a sheet saved as plain CSV on a Chinese PC: use --encoding gb18030)
jf-redeem: gb.csv:1: cell 2 is not valid UTF-8 (a sheet saved as plain CSV on a Chinese PC: use --encoding gb18030)
jf-redeem: gb.csv:1: cell 3 is not valid UTF-8 (a sheet saved as plain CSV on a Chinese PC: use --encoding gb18030)
jf-redeem: gb.csv:1: cell 4 is not valid UTF-8 (a sheet saved as plain CSV on a Chinese PC: use --encoding gb18030)
jf-redeem: gb.csv:2: cell 4 is not valid UTF-8 (a sheet saved as plain CSV on a Chinese PC: use --encoding gb18030)
jf-redeem: nothing was recorded
EOF
t_unchanged "GB18030 read as UTF-8: nothing appended"
run jf-redeem --batch gb.csv --encoding gb18030
t_rc 0 "GB18030: exit 0"
t_ok "GB18030: the head matched the register" grep -q '^redeem XB-018 王建国 soap x1 -3' "$T/out"
printf 'household\titem\nXB-018\tsoap\n' >r.tsv
run sh -c 'jf-redeem --batch - <r.tsv'
t_rc 2 "stdin: CSV (no name to say TSV)"
t_errhas "stdin: named stdin" "jf-redeem: stdin:1: unknown column"
run jf-redeem --batch r.tsv
t_rc 0 "TSV by its name: exit 0"
printf 'household,item\nXB-018,soap\n' >r2.csv
run sh -c 'jf-redeem --batch - <r2.csv'
t_rc 0 "stdin: exit 0"

# --- refusals: message, exit status, no byte appended
refuse() { # DESC STATUS FILE MESSAGE...
	_d=$1 _s=$2 _f=$3; shift 3
	t_save .
	run jf-add --batch "$_f"
	t_rc "$_s" "$_d: exit $_s"
	for _m; do t_errhas "$_d: message" "$_m"; done
	t_errhas "$_d: says nothing was recorded" "jf-add: nothing was recorded"
	t_unchanged "$_d: nothing appended"
}
printf 'household,activity\nXB-018,sort-waste\nXB-018\n' >ragged.csv
refuse "ragged row" 2 ragged.csv "jf-add: ragged.csv:3: 1 cells, but the header has 2"
printf 'household,activity,by\nXB-018,sort-waste,x\n' >unknown.csv
refuse "unknown column" 2 unknown.csv "jf-add: unknown.csv:1: unknown column 'by' (the columns are household|户号, activity|项目, qty|数量, date|日期, note|备注, head|户主)"
printf 'household,qty\nXB-018,1\n' >missing.csv
refuse "missing column" 2 missing.csv "jf-add: missing.csv:1: no column 'activity' (activity|项目) in the header"
printf 'household,activity\nXB-018,sort\000waste\n' >nul.csv
refuse "NUL" 2 nul.csv "jf-add: nul.csv:2: an embedded NUL byte"
printf 'household,activity\nXB-018,\377\n' >bad.csv
refuse "bad UTF-8" 2 bad.csv "jf-add: bad.csv:2: cell 2 is not valid UTF-8"
{ printf 'household,activity,note\nXB-018,sort-waste,'; head -c 4097 /dev/zero | tr '\0' x; printf '\n'; } >big.csv
refuse "cell over 4 KiB" 2 big.csv "jf-add: big.csv:2: cell 3 is longer than 4096 bytes"
awk 'BEGIN { print "household,activity"; for (i = 0; i < 10001; i++) print "XB-018,sort-waste" }' >many.csv
refuse "more than 10,000 rows" 2 many.csv "jf-add: many.csv:10002: more than 10000 rows after the header; split the sheet"
printf 'household,activity\nXB-018,"sort-waste\n' >open.csv
refuse "unclosed quote" 2 open.csv "jf-add: open.csv:2: cell 2: a quoted cell is not closed"
printf 'household,activity\n' >empty.csv
refuse "no rows" 2 empty.csv "jf-add: empty.csv: no rows after the header"
printf 'household,activity,qty,date,head\nXB-018,sort-waste,0,,\nXB-018,sort-waste,1,11/28/2026,\nXB-999,sort-waste,,,\nXB-018,sort-waste,,,李明\nXB-018,nothing,,,\nXB-018,sort-waste,1,,\n' >rows.csv
refuse "every refused row, in order, the highest status" 2 rows.csv \
	"jf-add: rows.csv:2: bad quantity '0' (a whole number from 1 to 1000000000)
jf-add: rows.csv:3: bad date '11/28/2026': not a date (YYYY-MM-DD, or 2026/11/28 as a spreadsheet writes it)
jf-add: rows.csv:4: unknown household 'XB-999'
jf-add: rows.csv:5: the head of XB-018 is 王建国 in the register, not 李明 (a row typed against the wrong household?)
jf-add: rows.csv:6: unknown activity 'nothing'"
printf 'household,activity\nXB-017,clean-yard\nXB-018,clean-yard\nXB-018,clean-yard\n' >limit.csv
t_save .
run jf-add -d 2026-11-10 --batch limit.csv
t_rc 1 "limit counts earlier rows: exit 1"
t_err "limit counts earlier rows: only the third row" <<'EOF'
jf-add: limit.csv:4: limit reached: 'clean-yard' is at most 1 per week, and XB-018 has 1 in that week
jf-add: nothing was recorded
EOF
t_unchanged "limit counts earlier rows: nothing appended"
printf 'household,item,qty\nXB-018,washing-powder,1\n' >stock.csv
t_save .
run jf-redeem --batch stock.csv
t_rc 1 "redeem batch: stock short refused"
t_errhas "redeem batch: the row named" "jf-redeem: stock.csv:2:"
t_unchanged "redeem batch refused: nothing appended"
run jf-add --batch nosuch.csv
t_rc 4 "missing sheet: exit 4"
t_errhas "missing sheet: says so" "jf-add: cannot open the sheet nosuch.csv: No such file or directory"
run jf-add --batch s.csv XB-017 clean-yard
t_rc 2 "--batch with operands: usage"
run jf-add --encoding latin1 --batch s.csv
t_rc 2 "unknown encoding: usage"
t_errhas "unknown encoding: says so" "unknown encoding 'latin1' (utf-8 or gb18030)"
run jf-add --again XB-017 clean-yard
t_rc 2 "--again without --batch: usage"
t_unchanged "usage errors: nothing appended"
