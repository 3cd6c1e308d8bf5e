# jf-report: refusals and their exit status (bad period, unknown village,
# invalid book, unwritable -o FILE); --help equals the man page's SYNOPSIS
# (0050-man.sh) and every JSON key is documented in jf-report(1).
. "$JF_TOP/tests/cmd/lib.sh"
U='usage: jf-report [-C dir] [--village code] [--week week] [--month month] [--quarter quarter] [--year year] [--from date] [--to date] [--top n] [--deductions] [--notice] [--format fmt] [--bom] [--encoding enc] [-o file] [--no-cache]'

t_book b; cd b || exit 99
t_setup jf-add XB-017 clean-yard -d 2026-11-16 -n 'first'

usage() { # DESC MESSAGE ARGS...: exit 2, the message and the usage line, no output
	d=$1 m=$2; shift 2
	run jf-report "$@"
	t_rc 2 "$d: exit 2"
	t_noout "$d: nothing on stdout"
	printf 'jf-report: %s\n%s\n' "$m" "$U" >"$T/exp"
	t_same "$d: the message and the usage line" "$T/exp" "$T/err"
}
usage "bad --week" "bad --week '2026-48': week must be YYYY-Www, this or last" --week 2026-48
usage "no week 53 in 2025" "bad --week '2025-W53': no such ISO week (YYYY-Www, this or last)" --week 2025-W53
usage "bad --week word" "bad --week 'next': week must be YYYY-Www, this or last" --week next
usage "bad --month" "bad --month '2026-13': no such month (YYYY-MM, this or last)" --month 2026-13
usage "bad --from" "bad --from date '2026-02-30': no such day (YYYY-MM-DD)" --from 2026-02-30
usage "--to without --from" "--to needs --from" --to 2026-11-22
usage "a period that ends before it starts" "the period ends before it starts" --from 2026-11-22 --to 2026-11-16
usage "--from after today" "the period ends before it starts" --from 2026-12-01
usage "--week with --from" "--week/--month and --from/--to cannot be combined" --week last --from 2026-11-01
usage "--week with --month" "--week and --month cannot be combined" --week last --month 2026-11
usage "--top 0" "bad --top '0': number out of range (1..1000)" --top 0
usage "--top x" "bad --top 'x': not a number (1..1000)" --top x
usage "an operand" "unexpected argument 'XB-017'" XB-017
usage "an unknown format" "unknown --format 'xml': jf-report writes text, tsv, csv, json, markdown or html" --format xml

run jf-report --village XX
t_rc 1 "unknown village: exit 1"
t_noout "unknown village: nothing on stdout"
t_err "unknown village: says so" <<'EOF'
jf-report: unknown village 'XX'
EOF

JF_NOW=yesterday run jf-report
t_rc 2 "a malformed JF_NOW: exit 2"

# -o FILE that cannot be written: exit 4, the old file untouched
mkdir ro && echo old >ro/r.txt && chmod a-w ro
if [ ! -w ro ]; then
	run jf-report --week 2026-W47 -o ro/r.txt
	t_rc 4 "-o in a read-only directory: exit 4"
	t_errhas "-o in a read-only directory: names the file" "'ro/r.txt'"
	t_ok "-o in a read-only directory: the old file is left as it was" grep -qx old ro/r.txt
fi
chmod u+w ro
run jf-report --week 2026-W47 -o no/such/dir/r.txt
t_rc 4 "-o in a missing directory: exit 4"
t_noout "-o in a missing directory: nothing on stdout"
run jf-report --week 2026-W47 -o ro
t_rc 4 "-o onto a directory: exit 4"
t_ok "-o onto a directory: no temporary file left" [ -z "$(ls -A ro | grep -v '^r.txt$')" ]

# the book is invalid: exit 3, every problem listed, no report
t_save .
printf -- '- id: 01JDZ3K4M5N6P7Q8R9S0T1U2VA\n  date: 2026-11-17\n  kind: earn\n  household: XB-099\n  activity: clean-yard\n  qty: 1\n  points: 5\n  by: x\n' >>ledger/2026/XB.yaml
run jf-report --week 2026-W47
t_rc 3 "invalid book: exit 3"
t_noout "invalid book: no report"
t_errhas "invalid book: the problem with FILE:LINE:COL" "jf-report: ledger/2026/XB.yaml:"
t_errhas "invalid book: names the unknown household" "XB-099"
run jf-report --week 2026-W47 --format html -o "$T/r.html"
t_rc 3 "invalid book, -o: exit 3"
t_ok "invalid book, -o: no file written" [ ! -e "$T/r.html" ]
cp "$T/saved/ledger/2026/XB.yaml" ledger/2026/XB.yaml
echo 'villages: []' >>jf.yaml
run jf-report
t_rc 3 "invalid jf.yaml: exit 3"
t_noout "invalid jf.yaml: no report"
cp "$T/saved/jf.yaml" jf.yaml
run jf-report -C "$T/nowhere"
t_rc 2 "no book: exit 2"

# every key of the JSON output is documented in jf-report(1)
t_setup jf-add XB-018 litter -d 2026-11-17
t_setup jf-void "$(lastid)" -r mistake -n 'checked by 白杨' -d 2026-11-18
t_setup jf-adjust XB-018 3 -r bonus -d 2026-11-18
t_setup jf-restock XB washing-powder 9 -d 2026-11-16
t_setup jf-adjust XB-017 20 -r opening -d 2026-11-16
t_setup jf-redeem XB-017 washing-powder 1 -d 2026-11-19
t_setup jf-void "$(lastid)" -r returned -d 2026-11-19
run jf-report --week 2026-W47 --deductions --format json
t_rc 0 "json with every section: exit 0"
sed -n 's/^ *"\([a-z_]*\)": .*/\1/p' "$T/out" | sort -u >"$T/keys"
missing=
for k in $(cat "$T/keys"); do
	grep -q "^\.\(It \)\{0,1\}Li $k\( \|$\)" "$JF_TOP/man/jf-report.1" || missing="$missing $k"
done
[ -z "$missing" ] || echo "# not in jf-report.1:$missing"
t_ok "every JSON key ($(wc -l <"$T/keys") of them) is documented in jf-report(1)" [ -z "$missing" ]
for k in activity item note deductions reviews ref_kind; do
	t_ok "the JSON has '$k' in this test" grep -qx "$k" "$T/keys"
done
