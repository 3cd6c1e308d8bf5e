# CSV is for spreadsheets (SPEC 4.1): a text cell that would be taken for a
# formula (=, +, -, @, TAB, CR or LF first, and not a number) gets a leading
# ' in every --format csv; TSV and JSON stay exact.  The register's head
# names, notes and reasons are free text; the ledger and the register refuse
# control characters, so cells starting with TAB/CR/LF cannot come from a
# book (test_table.c covers them).
. "$JF_TOP/tests/cmd/lib.sh"
t_book b; cd b || exit 99
cat >households.yaml <<'EOF'
households:
  - {id: XB-017, head: "=HYPERLINK(\"http://x\")", village: XB}
  - {id: XB-018, head: "@SUM(1+1)*cmd|' /C calc'!A0", village: XB}
  - {id: LQ-003, head: "+1+2", village: LQ}
EOF
t_setup jf-add -d 2026-11-23 -n '=HYPERLINK("http://x")' XB-017 clean-yard
t_setup jf-add -d 2026-11-23 -n "@SUM(1+1)*cmd|' /C calc'!A0" XB-018 sort-waste 4
t_setup jf-adjust -d 2026-11-24 LQ-003 -5 -r '+1+2'
t_setup jf-adjust -d 2026-11-24 XB-017 3 -r '-x'

# has DESC FORMAT TEXT CMD...: CMD --format FORMAT holds the fixed TEXT
has() {
	hd=$1 hf=$2 ht=$3; shift 3
	run "$@" --format "$hf"
	grep -qF -- "$ht" "$T/out" || { echo "# lacks: $ht"; sed 's/^/#   /' "$T/out"; }
	t_ok "$hd" grep -qF -- "$ht" "$T/out"
}
# lacks DESC FORMAT TEXT CMD...: it does not hold TEXT
lacks() {
	hd=$1 hf=$2 ht=$3; shift 3
	run "$@" --format "$hf"
	t_ok "$hd" sh -c '! grep -qF -- "$1" "$2"' - "$ht" "$T/out"
}

for c in "jf-log XB-017" "jf-log XB-018" "jf-log LQ-003" "jf-balance" "jf-report --week 2026-W48"; do
	# shellcheck disable=SC2086
	set -- $c
	case $c in
	"jf-log XB-018") has "$c csv: note neutralised" csv ",'@SUM(1+1)*cmd|' /C calc'!A0" "$@"
		has "$c tsv: note exact" tsv "	@SUM(1+1)*cmd|' /C calc'!A0" "$@"
		has "$c json: note exact" json "\"@SUM(1+1)*cmd|' /C calc'!A0\"" "$@"
		continue ;;
	"jf-log LQ-003") has "$c csv: reason neutralised" csv ",'+1+2" "$@"
		has "$c csv: -5 stays a number" csv ",-5," "$@"
		has "$c tsv: reason exact" tsv "	+1+2" "$@"
		lacks "$c tsv: no '" tsv "'" "$@"
		has "$c json: reason exact" json '"+1+2"' "$@"
		continue ;;
	"jf-log XB-017") has "$c csv: note neutralised" csv ",\"'=HYPERLINK(\"\"http://x\"\")\"" "$@"
		has "$c csv: reason neutralised" csv ",'-x" "$@"
		has "$c tsv: note exact" tsv "	=HYPERLINK(\"http://x\")" "$@"
		has "$c json: note exact" json '"=HYPERLINK(\"http://x\")"' "$@"
		lacks "$c json: no '" json "'" "$@"
		continue ;;
	esac
	has "$c csv: head neutralised" csv ",\"'=HYPERLINK(\"\"http://x\"\")\"," "$@"
	has "$c csv: head neutralised (@)" csv ",'@SUM(1+1)*cmd|' /C calc'!A0," "$@"
	has "$c csv: head neutralised (+)" csv ",'+1+2," "$@"
	lacks "$c csv: no bare =" csv ',=' "$@"
	has "$c tsv: head exact" tsv "	=HYPERLINK(\"http://x\")	" "$@"
	has "$c tsv: head exact (@)" tsv "	@SUM(1+1)*cmd|' /C calc'!A0	" "$@"
	lacks "$c tsv: no '=" tsv "'=" "$@"
	has "$c json: head exact" json '"=HYPERLINK(\"http://x\")"' "$@"
	has "$c json: head exact (+)" json '"+1+2"' "$@"
done
# the report's reviews: reasons, and the points of an adjust stay numbers
has "jf-report csv: reason neutralised" csv ",'+1+2," jf-report --week 2026-W48
has "jf-report csv: reason neutralised (-)" csv ",'-x," jf-report --week 2026-W48
has "jf-report csv: -5 stays a number" csv ",-5," jf-report --week 2026-W48
has "jf-report tsv: reason exact" tsv "	-x	" jf-report --week 2026-W48
has "jf-report json: reason exact" json '"reason": "-x"' jf-report --week 2026-W48
