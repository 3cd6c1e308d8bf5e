#!/bin/sh
# A serve's wish: names a wish of the book (SPEC 4.3: "a wish named is
# taken or done").  Written by hand, a serve naming no entry, or an entry
# that is not a wish, makes the book invalid for every reader, with the
# place of its wish: field, with and without the cache, whichever file the
# wish is in and whichever comes first; one naming a wish that is not
# taken or done on its day (clones merged) is jf-check's warning.
. "$JF_TOP/tests/cmd/lib.sh"
. "$JF_TOP/tests/cmd/wish-book.sh"
cd "$T" && wish_book b
X=ledger/2026/XB.yaml L=ledger/2026/LQ.yaml
run jf-check
t_rc 0 "the book: valid"
cp -R "$T/b" "$T/clean"
# a serve in LQ.yaml (read first) naming the taken wish W4 of XB.yaml
ent 01JW000000000000000000S0W1 2026-11-20 serve 'volunteer: V002' 'hours: 1' \
	'wish: 01JW000000000000000000W004' >>$L
for c in "" --no-cache; do
	run jf-check $c
	t_rc 0 "a serve naming a taken wish of a file read after it ${c:-(cache)}: valid"
	t_errhas "... no warning about it" "superseded"
done
cp "$T/b/$L" "$T/good-L"
n_l=$(wc -l <$L)
# its wish: field is the entry's 4th line, the value at column 9
ent 01JW000000000000000000S0X1 2026-11-20 serve 'volunteer: V002' 'hours: 1' \
	'wish: 01JW0000000000000000NOSUCH' >>$L
t_invalid "a serve naming no entry" \
	"$L:$((n_l + 6)):9: no entry with id '01JW0000000000000000NOSUCH'"
run jf-check --no-cache
t_rc 3 "... jf-check --no-cache: exit 3"
t_errhas "... the place" "$L:$((n_l + 6)):9: no entry with id"
run jf-check
t_rc 3 "... jf-check with the cache: exit 3"
t_errhas "... the place" "$L:$((n_l + 6)):9: no entry with id"
cp "$T/good-L" $L
ent 01JW000000000000000000S0X2 2026-11-20 serve 'volunteer: V002' 'hours: 1' \
	'wish: 01JW000000000000000000S001' >>$L
t_invalid "a serve naming a serve" \
	"$L:$((n_l + 6)):9: '01JW000000000000000000S001' is not a wish but an entry of kind serve"
run jf-check
t_rc 3 "... jf-check: exit 3"
cp "$T/good-L" $L
# named before it is read, in the same file
ent 01JW000000000000000000S0X3 2026-11-01 serve 'volunteer: V001' 'hours: 1' \
	'wish: 01JW000000000000000000D001' >>$X
t_invalid "a serve naming a done (later in canonical order, same file)" \
	"$X:$(($(wc -l <$X) - 1)):9: '01JW000000000000000000D001' is not a wish but an entry of kind done"
cp "$T/clean/$X" $X
run jf-check
t_rc 0 "the bad serves taken out: valid again"
t_ok "... and its cache with them" sh -c "jf-balance >/dev/null"
# a wish that is open on the serve's day: the writers refuse it; merged in
# by hand it is a warning
ent 01JW000000000000000000S0X4 2026-11-20 serve 'volunteer: V001' 'hours: 1' \
	'wish: 01JW000000000000000000W002' >>$X
ent 01JW000000000000000000S0X5 2026-11-15 serve 'volunteer: V001' 'hours: 1' \
	'wish: 01JW000000000000000000W004' >>$X
for c in "" --no-cache; do
	run jf-check $c
	t_rc 0 "serves naming wishes not taken on their day ${c:-(cache)}: valid"
	grep 'a serve names' "$T/err" >"$T/out"
	t_out "... a warning each, at the wish: field" <<EOF2
jf-check: $X:$(($(wc -l <$X) - 8)):9: warning: wish '01JW000000000000000000W002' is open on 2026-11-20: a serve names a wish taken or done
jf-check: $X:$(($(wc -l <$X) - 1)):9: warning: wish '01JW000000000000000000W004' is open on 2026-11-15: a serve names a wish taken or done
EOF2
done
run jf-balance XB-017
t_rc 0 "other readers: no warnings"
t_noerr "... nothing on stderr"
