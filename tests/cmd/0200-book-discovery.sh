# Which book: -C/--book DIR, else $JF_BOOK, else upward from the working
# directory; none found -> exit 2.
. "$JF_TOP/tests/cmd/lib.sh"
t_book b
t_book other
t_setup jf-adjust -C other LQ-003 7 -r 期初
mkdir -p b/sub/deeper empty
B='household  head    village  earned  spent  balance'
BU='usage: jf-balance [-C dir] [--village code] [--as-of date] [--week week] [--month month] [--quarter quarter] [--year year] [--no-cache] [--format fmt] [--bom] [--encoding enc] [household ...]'
AU='usage: jf-add [-C dir] [-d date] [-n note] [-b name] [--dry-run] [--wait seconds] [--no-cache] [--format fmt] household activity [qty]'

cd b/sub/deeper || exit 99
run jf-add XB-017 sort-waste
t_rc 0 "upward search from a subdirectory: exit 0"
t_ok "... the entry went to the book's ledger, not the subdirectory's" \
	test -f "$T/b/ledger/2026/XB.yaml" -a ! -e ledger
run jf-balance XB-017
t_out "upward search: jf-balance reads the same book" <<EOF
$B
XB-017     司学霞  XB          0.5      0      0.5
EOF

cd "$T/empty" || exit 99
run jf-balance -C ../b XB-017
t_out "-C with a relative path" <<EOF
$B
XB-017     司学霞  XB          0.5      0      0.5
EOF
run jf-add --book="$T/b" XB-017 sort-waste
t_rc 0 "--book=DIR: a writer appends there"
run jf-balance --book "$T/b" XB-017
t_out "--book DIR" <<EOF
$B
XB-017     司学霞  XB            1      0        1
EOF
run env JF_BOOK="$T/other" jf-balance LQ-003
t_out "\$JF_BOOK" <<'EOF'
household  head  village  earned  spent  balance
LQ-003     李明  LQ            7      0        7
EOF
cd "$T/b" || exit 99
run env JF_BOOK="$T/other" jf-balance LQ-003
t_out "\$JF_BOOK wins over the upward search" <<'EOF'
household  head  village  earned  spent  balance
LQ-003     李明  LQ            7      0        7
EOF
run env JF_BOOK=/nonexistent jf-balance -C "$T/other" LQ-003
t_rc 0 "-C wins over \$JF_BOOK"
t_out "-C wins over \$JF_BOOK: that book's figures" <<'EOF'
household  head  village  earned  spent  balance
LQ-003     李明  LQ            7      0        7
EOF

# a nested book: the nearest jf.yaml upward is the book
t_book "$T/b/sub/inner"
cd "$T/b/sub/inner" || exit 99
run jf-adjust XB-017 3 -r x
t_rc 0 "a book inside a book: exit 0"
t_ok "... the nearest jf.yaml wins" test -f ledger/2026/XB.yaml

cd "$T/empty" || exit 99
t_save .
run jf-balance
t_rc 2 "no book found: jf-balance exits 2"
t_err "no book found: jf-balance says how to name one" <<EOF
jf-balance: not in a jf book (no jf.yaml here or in any parent directory); use -C DIR or set JF_BOOK
$BU
EOF
run jf-add XB-017 litter
t_rc 2 "no book found: jf-add exits 2"
t_noout "no book found: jf-add prints no result"
t_err "no book found: jf-add says how to name one" <<EOF
jf-add: not in a jf book (no jf.yaml here or in any parent directory); use -C DIR or set JF_BOOK
$AU
EOF
t_unchanged "no book found: nothing written to the working directory"
run jf-add -C "$T/empty" XB-017 litter
t_rc 2 "-C DIR without jf.yaml: exit 2"
t_err "-C DIR without jf.yaml: message" <<EOF
jf-add: '$T/empty' is not a jf book (no jf.yaml there)
$AU
EOF
run env JF_BOOK=/nonexistent jf-balance
t_rc 2 "\$JF_BOOK naming no book: exit 2"
t_err "\$JF_BOOK naming no book: message" <<EOF
jf-balance: JF_BOOK is '/nonexistent', which is not a jf book (no jf.yaml there); set JF_BOOK to a book, or unset it, or use -C DIR
$BU
EOF
