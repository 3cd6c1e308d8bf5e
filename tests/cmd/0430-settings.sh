# Errors in jf.yaml, catalogue.yaml and households.yaml: FILE:LINE:COL,
# exit 3 for readers and writers, nothing appended.
. "$JF_TOP/tests/cmd/lib.sh"
A=01JDZ3K4M5N6P7Q8R9S0T1U2VA
# fresh FILE SED: a new standard book with one ledger entry, FILE edited by SED
fresh() {
	cd "$T" && rm -rf b && t_book b && cd b || exit 99
	mkdir -p ledger/2026
	t_entry $A earn 'household: XB-017' 'activity: litter' 'qty: 1' 'points: -5' >ledger/2026/XB.yaml
	sed -i "$2" "$1"
}
# when a settings file is invalid, writers add "the book is invalid; nothing
# was recorded (see 'jf-check')" as they do for ledger problems

fresh jf.yaml 's|Asia/Shanghai|Mars/Base|'
t_invalid "unknown time zone" "jf.yaml:2:11: unknown time zone 'Mars/Base' (is tzdata installed?)"
fresh jf.yaml '/^township/d'
t_invalid "no township" "jf.yaml:1:1: jf.yaml has no 'township'"
fresh households.yaml 's/village: LQ/village: ZZ/'
t_invalid "unknown village in households.yaml" "households.yaml:4:37: unknown village 'ZZ'"
fresh households.yaml 's/id: XB-018/id: XB-017/'
t_invalid "duplicate household" "households.yaml:3:10: duplicate household 'XB-017'"
fresh households.yaml 's/since: 2023-01-01/since: 2023-02-30/'
t_invalid "no such day in households.yaml" "households.yaml:2:49: bad 'since' date '2023-02-30': no such day"
fresh catalogue.yaml 's/code: litter/code: clean-yard/'
t_invalid "duplicate activity code" "catalogue.yaml:7:12: duplicate activity 'clean-yard'"
fresh catalogue.yaml 's/points: 0.5/points: 1.234/'
t_invalid "rule points '1.234'" "catalogue.yaml:8:60: bad points '1.234': more than two decimal places"
fresh catalogue.yaml 's|limit: 1/week|limit: 1/fortnight|'
t_invalid "limit per fortnight" "catalogue.yaml:6:12: bad limit '1/fortnight' (N/day, N/week, N/month, N/quarter or N/year)"
fresh catalogue.yaml 's|limit: 1/week|limit: 0/week|'
t_invalid "limit 0/week" "catalogue.yaml:6:12: bad limit '0/week' (N/day, N/week, N/month, N/quarter or N/year)"
fresh catalogue.yaml 's/code: sort-waste/code: Sort_Waste/'
t_invalid "bad activity code" "catalogue.yaml:8:12: bad activity code 'Sort_Waste' (a-z, 0-9, '-')"
fresh catalogue.yaml '$a\
colour: red'
t_invalid "unknown key in catalogue.yaml" "catalogue.yaml:13:1: unknown key 'colour' in catalogue.yaml"

# x-* keys are allowed in settings too
fresh jf.yaml '$a\
x-note: 由镇信息办维护'
run jf-balance XB-017
t_rc 0 "x-* key in jf.yaml: exit 0"
t_out "x-* key in jf.yaml: the book reads" <<'EOF'
household  head    village  earned  spent  balance
XB-017     司学霞  XB           -5      0       -5
EOF
