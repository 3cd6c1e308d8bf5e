# Period options wherever they make sense: jf-balance takes a period as its
# last day; jf-log takes --as-of; --month, --quarter and --year take this
# and last as --week does; periods reaching outside the years 1000..9999 are
# usage errors (jf-report --week 9999-W52 once printed "to": "????-??-??").
. "$JF_TOP/tests/cmd/lib.sh"
t_book b; cd b || exit 99
t_setup jf-adjust XB-017 100 -r opening -d 2026-06-30
t_setup jf-add XB-017 clean-yard -d 2026-09-30
t_setup jf-add XB-017 clean-yard -d 2026-10-31
t_setup jf-add XB-017 clean-yard -d 2026-11-02
t_setup jf-add XB-017 clean-yard -d 2026-11-28
UB=$(jf-balance --help | sed -n 1p)
UL=$(jf-log --help | sed -n 1p)
UR=$(jf-report --help | sed -n 1p)

t_eq() { [ "$3" = "$2" ] || echo "# want '$2', got '$3'"; t_ok "$1" [ "$3" = "$2" ]; }
# bal DESC BALANCE OPTIONS...: XB-017's balance with those options
bal() {
	d=$1 want=$2; shift 2
	run jf-balance --format tsv "$@" XB-017
	t_rc 0 "jf-balance $*: exit 0"
	t_eq "$d" "$want" "$(tail -n 1 "$T/out" | cut -f 6)"
}
# dates OPTIONS...: the dates of XB-017's statement, on one line
dates() { run jf-log --format tsv "$@" XB-017; sed 1d "$T/out" | cut -f 1 | paste -sd ' ' -; }

# "now" is Saturday 2026-11-28, in week 48, November, Q4 of 2026
bal "jf-balance --month: as of its last day" 110 --month 2026-10
bal "jf-balance --month last: as of 31 October" 110 --month last
bal "jf-balance --month this: as of 30 November" 120 --month this
bal "jf-balance --week: as of its Sunday" 115 --week 2026-W45
bal "jf-balance --week last: as of 22 November" 115 --week last
bal "jf-balance --quarter: as of 30 September" 105 --quarter 2026-Q3
bal "jf-balance --quarter last: as of 30 September" 105 --quarter last
bal "jf-balance --quarter 2026-Q2: as of 30 June" 100 --quarter 2026-Q2
bal "jf-balance --year last: as of 31 December 2025" 0 --year last
bal "jf-balance --year 2026: as of 31 December 2026" 120 --year 2026
bal "jf-balance: an --as-of before the period's end wins" 105 --month 2026-10 --as-of 2026-10-01

t_refuse "jf-balance --from: a balance is of one day" 2 jf-balance --from 2026-11-01 <<EOF
jf-balance: unknown option '--from'
$UB
EOF
t_refuse "jf-balance --month with --week" 2 jf-balance --month last --week last <<EOF
jf-balance: --week and --month cannot be combined
$UB
EOF
t_refuse "jf-balance --quarter and --year" 2 jf-balance --quarter last --year 2026 <<EOF
jf-balance: --quarter and --year cannot be combined
$UB
EOF

# jf-log --as-of: the statement as it stood then
run jf-log --as-of 2026-10-31 XB-017
t_rc 0 "jf-log --as-of: exit 0"
t_eq "jf-log --as-of: entries up to that day" "2026-06-30 2026-09-30 2026-10-31" \
	"$(dates --as-of 2026-10-31)"
t_eq "jf-log --quarter: its three months" "2026-10-31 2026-11-02 2026-11-28" \
	"$(dates --quarter 2026-Q4)"
t_eq "jf-log --month last: October" "2026-10-31" "$(dates --month last)"
t_eq "jf-log --year cut short by --as-of" "2026-06-30 2026-09-30" \
	"$(dates --year 2026 --as-of 2026-09-30)"

# jf-report --quarter, --year, --month this|last: the period's days
for p in "--quarter 2026-Q4:2026-10-01:2026-12-31" "--quarter this:2026-10-01:2026-12-31" \
	 "--quarter last:2026-07-01:2026-09-30" "--quarter 2026-Q1:2026-01-01:2026-03-31" \
	 "--year 2026:2026-01-01:2026-12-31" "--year last:2025-01-01:2025-12-31" \
	 "--month this:2026-11-01:2026-11-30" "--month last:2026-10-01:2026-10-31"; do
	o=${p%%:*} r=${p#*:}
	# shellcheck disable=SC2086
	run jf-report $o --format json
	t_rc 0 "jf-report $o: exit 0"
	t_eq "jf-report $o: from and to" "${r%:*} ${r#*:}" \
		"$(sed -n 's/^  "from": "\(.*\)",$/\1/p; s/^  "to": "\(.*\)",$/\1/p' "$T/out" |
		   paste -sd ' ' -)"
done

# outside the years 1000..9999: usage errors, nothing printed
t_refuse "jf-report --week 9999-W52 (ends in 10000)" 2 jf-report --week 9999-W52 --format json <<EOF
jf-report: bad --week '9999-W52': the week ends after 9999-12-31, the last day jf takes
$UR
EOF
t_refuse "jf-log --week 1000-W01 (starts in 999)" 2 jf-log --week 1000-W01 <<EOF
jf-log: bad --week '1000-W01': the week starts before 1000-01-01, the first day jf takes
$UL
EOF
t_refuse "jf-balance --week 9999-W52" 2 jf-balance --week 9999-W52 <<EOF
jf-balance: bad --week '9999-W52': the week ends after 9999-12-31, the last day jf takes
$UB
EOF
JF_NOW=9999-12-30T10:00:00+08:00
t_refuse "--week this in the last week of 9999" 2 jf-report --week this <<EOF
jf-report: bad --week 'this': the week reaches outside 1000-01-01..9999-12-31, the days jf takes
$UR
EOF
JF_NOW=2026-11-28T10:15:02+08:00
run jf-report --week 9999-W51 --format json
t_rc 0 "jf-report --week 9999-W51 (the last whole week): exit 0"
t_ok "jf-report --week 9999-W51: no impossible date" sh -c "! grep -q '?' '$T/out'"
t_refuse "a year before 1000" 2 jf-report --year 0999 <<EOF
jf-report: bad --year '0999': year out of range (1000..9999)
$UR
EOF
t_refuse "a date before 1000" 2 jf-log --from 0999-12-31 <<EOF
jf-log: bad --from date '0999-12-31': year out of range (1000..9999)
$UL
EOF

# the messages say what is wanted, once
t_refuse "bad --month" 2 jf-log --month 2026-1 <<EOF
jf-log: bad --month '2026-1': month must be YYYY-MM, this or last
$UL
EOF
t_refuse "bad --quarter" 2 jf-report --quarter 2026-Q5 <<EOF
jf-report: bad --quarter '2026-Q5': quarter must be YYYY-Qn, this or last
$UR
EOF
t_refuse "bad --year" 2 jf-balance --year 26 <<EOF
jf-balance: bad --year '26': year must be YYYY, this or last
$UB
EOF
t_refuse "--quarter with --from" 2 jf-report --quarter last --from 2026-11-01 <<EOF
jf-report: --quarter and --from/--to cannot be combined
$UR
EOF
t_refuse "--format xlsx lists jf-report's formats" 2 jf-report --format xlsx <<EOF
jf-report: unknown --format 'xlsx': jf-report writes text, tsv, csv, json, markdown or html
$UR
EOF
