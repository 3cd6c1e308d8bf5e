# One bound for points everywhere (points.h): a value at most 1000000000
# points either way, and the book's tally (every entry's points without
# sign) at most 1000000000000.  Every command refuses the same books;
# jf-check never says ok where another command refuses.
. "$JF_TOP/tests/cmd/lib.sh"
L=ledger/2026/XB.yaml
fresh() { cd "$T" && rm -rf b && t_book b && cd b && mkdir -p ledger/2026 || exit 99; }
adj() { t_entry "$1" adjust 'household: XB-017' "points: $2" 'reason: x'; }
# every_refuses DESC MSG: jf-check, jf-balance, jf-report, jf-log, jf-add exit 3 naming MSG
every_refuses() {
	for c in jf-check jf-balance jf-report jf-log "jf-add XB-017 litter"; do
		run $c
		t_rc 3 "$1: $c exit 3"
		t_errhas "$1: $c says why" "$2"
	done
}

# the recipe: two adjusts of INT64_MAX hundredths
fresh
{ adj 01JDZ3K4M5N6P7Q8R9S0T1U2V1 92233720368547758.07
  adj 01JDZ3K4M5N6P7Q8R9S0T1U2V2 92233720368547758.07; } >$L
every_refuses "INT64_MAX hundredths" "$L:5:11: bad points '92233720368547758.07': number out of range (at most 1000000000 points either way)"
# INT64_MIN hundredths: not a value, so no void of it can go wrong
fresh
t_refuse "jf-adjust INT64_MIN hundredths" 2 jf-adjust XB-017 -92233720368547758.08 -r x <<'EOF'
jf-adjust: bad points '-92233720368547758.08': number out of range (at most 1000000000 points either way)
usage: jf-adjust [-C dir] [-d date] [-n note] [-b name] [--dry-run] [--wait seconds] [--no-cache] [--format fmt] -r reason household points
EOF
t_refuse "jf-adjust one hundredth past the bound" 2 jf-adjust XB-017 -1000000000.01 -r x <<'EOF'
jf-adjust: bad points '-1000000000.01': number out of range (at most 1000000000 points either way)
usage: jf-adjust [-C dir] [-d date] [-n note] [-b name] [--dry-run] [--wait seconds] [--no-cache] [--format fmt] -r reason household points
EOF
# at the bound: accepted, and its void too
run jf-adjust XB-017 -1000000000 -r x
t_rc 0 "jf-adjust at the bound: exit 0"
run jf-void "$(lastid)" -r wrong
t_rc 0 "its void: exit 0"
run jf-balance XB-017 --format tsv
t_out "at the bound and voided: balance 0" <<'EOF'
household	head	village	earned	spent	balance
XB-017	司学霞	XB	0	0	0
EOF
# one entry's points are rule points x qty: past the bound is refused
t_refuse "jf-add past the bound" 2 jf-add XB-017 litter 200000001 <<'EOF'
jf-add: points for qty 200000001 overflow
usage: jf-add [-C dir] [-d date] [-n note] [-b name] [--dry-run] [--wait seconds] [--no-cache] [--format fmt] household activity [qty]
EOF

# the tally: 1000 adjusts of 1000000000 points reach 1000000000000 exactly
fresh
i=0
while [ $i -lt 1000 ]; do adj "$(printf '01JDZ3K4M5N6P7Q8R9S0T%05d' $i)" 1000000000; i=$((i + 1)); done >$L
run jf-check
t_rc 0 "tally at the bound: jf-check exit 0"
run jf-balance XB-017 --format tsv
t_rc 0 "tally at the bound: jf-balance exit 0"
t_out "tally at the bound: the balance" <<'EOF'
household	head	village	earned	spent	balance
XB-017	司学霞	XB	1000000000000	0	1000000000000
EOF
t_refuse "tally at the bound: a writer refuses one hundredth more" 1 jf-adjust XB-018 -0.01 -r x <<'EOF'
jf-adjust: the points of the book, every entry counted without its sign, pass 1000000000000 (the most one book holds) with this entry
EOF
# one more entry by hand (of the other sign, in another account): every
# command refuses the book, jf-check with them
adj 01JDZ3K4M5N6P7Q8R9S0T1U2VA -0.01 | sed 's/XB-017/XB-018/' >>$L
every_refuses "tally past the bound" "$L:7001:3: the points of the book, every entry counted without its sign, pass 1000000000000 (the most one book holds)"
