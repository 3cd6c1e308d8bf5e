# Spreadsheet bytes (SPEC 4.1): --bom prefixes the UTF-8 byte order mark and
# --encoding gb18030 converts every --format csv|tsv of jf-balance, jf-log
# and jf-report; the GB18030 output decodes back to the same Chinese text;
# without the options, and in other formats, nothing changes; misuse is a
# usage error.
. "$JF_TOP/tests/cmd/lib.sh"
t_book b; cd b || exit 99
t_setup jf-adjust -d 2026-11-16 XB-017 20 -r 期初余额
t_setup jf-add -d 2026-11-17 -n 打扫院落 XB-017 clean-yard
t_setup jf-adjust -d 2026-11-18 LQ-003 9 -r 期初余额
t_setup jf-redeem -d 2026-11-19 LQ-003 soap 2

# each command with its arguments, one per line: NAME ARGS...
cat >"$T/cmds" <<'EOF2'
balance jf-balance
log jf-log --village XB
report jf-report --week 2026-W47
EOF2
while read -r name cmd; do
	for f in csv tsv; do
		$cmd --format "$f" >"$T/$name.$f" 2>"$T/err" || echo "# $cmd --format $f failed"
		run $cmd --format "$f" --bom
		t_rc 0 "$name $f --bom: exit 0"
		head -c 3 "$T/out" | od -An -tx1 | tr -d ' \n' >"$T/got"
		echo efbbbf | tr -d '\n' >"$T/exp"
		t_same "$name $f --bom: the UTF-8 byte order mark first" "$T/exp" "$T/got"
		tail -c +4 "$T/out" >"$T/rest"
		t_same "$name $f --bom: then the same bytes" "$T/$name.$f" "$T/rest"
		run $cmd --format "$f" --encoding gb18030
		t_rc 0 "$name $f gb18030: exit 0"
		t_ok "$name $f gb18030: not the UTF-8 bytes" sh -c '! cmp -s "$1" "$2"' - "$T/$name.$f" "$T/out"
		iconv -f GB18030 -t UTF-8 "$T/out" >"$T/back" 2>"$T/iconv-err"
		t_same "$name $f gb18030: decodes back to the same text" "$T/$name.$f" "$T/back"
		run $cmd --format "$f" --encoding UTF-8
		t_same "$name $f --encoding utf-8: unchanged" "$T/$name.$f" "$T/out"
	done
done <"$T/cmds"

t_ok "the Chinese is there to convert" grep -qF 司学霞 "$T/balance.csv"
run jf-balance --format csv --encoding gb18030 XB-017
printf '\313\276\321\247\317\274' >"$T/exp"   # 司学霞 in GB18030 (GBK)
t_ok "gb18030: 司学霞 as the bytes CB BE D1 A7 CF BC" grep -qF "$(cat "$T/exp")" "$T/out"
t_ok "gb18030: CSV keeps its CRLF" grep -q "$(printf '\r')\$" "$T/out"

# TSV and JSON stay exact without the options
run jf-balance --format json
cp "$T/out" "$T/a.json"
t_ok "json: no BOM without --bom" sh -c '[ "$(head -c 1 "$1")" = "[" ]' - "$T/a.json"

# -o writes the converted bytes too
run jf-report --week 2026-W47 --format csv --encoding gb18030 -o "$T/r.csv"
t_rc 0 "report -o: exit 0"
iconv -f GB18030 -t UTF-8 "$T/r.csv" >"$T/back"
t_same "report -o gb18030: the file decodes back to the CSV" "$T/report.csv" "$T/back"

# misuse
t_save .
for c in "jf-balance --bom" "jf-log --format json --encoding gb18030" \
	 "jf-report --format html --bom"; do
	run $c
	t_rc 2 "$c: exit 2"
	case $c in *--bom) o=--bom ;; *) o=--encoding ;; esac
	t_errhas "$c: says it is for csv or tsv" "$o is for --format csv or tsv"
done
run jf-balance --format csv --encoding gbk
t_rc 2 "--encoding gbk: exit 2"
t_errhas "--encoding gbk: named" "unknown --encoding 'gbk': utf-8 or gb18030"
run jf-balance --format csv --encoding gb18030 --bom
t_rc 2 "--bom with gb18030: exit 2"
t_errhas "--bom with gb18030: says why" "--bom is for UTF-8: GB18030 output has no byte order mark"
t_noout "usage errors: nothing on stdout"
t_unchanged "usage errors: the book is unchanged"
