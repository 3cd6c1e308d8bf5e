#!/bin/sh
# 0870-append-valid.sh - a writer appends only where the book stays valid
# (issue 9 item 6): a ledger file that ends its document with '...', has
# its list indented, or is an empty quoted document '' is refused by the
# readers (so the writers refuse it too, and the cache never holds it);
# jf-merge passes no '...' from theirs.
. "$JF_TOP/tests/cmd/lib.sh"
t_book b; cd b || exit 99
t_setup jf-adjust -d 2026-11-01 -r 期初 XB-017 10
F=ledger/2026/XB.yaml
cp "$F" "$T/good" || exit 99
t_setup jf-balance   # the good file is cached

# '...' after the entries: the next entry would start a second document
{ cat "$T/good"; echo '...'; } >"$F"
L=$(wc -l <"$F")
t_invalid "'...' after the entries" \
	"$F:$L:1: a ledger file must not end its document with '...' (entries are appended after it)"
t_refuse "'...': cached jf-redeem" 3 jf-redeem XB-017 soap <<-EOF
	jf-redeem: $F:$L:1: a ledger file must not end its document with '...' (entries are appended after it)
	jf-redeem: the book is invalid; nothing was recorded (see 'jf-check')
	EOF
run jf-check -q
t_rc 3 "'...': jf-check exit 3"
# with a comment after it, and an explicit start
{ echo '---'; cat "$T/good"; echo '... # end'; echo '# more'; } >"$F"
run jf-balance
t_rc 3 "'... # end' then a comment: exit 3"

# the whole list indented: an entry in column 1 would not parse
sed 's/^/  /' "$T/good" >"$F"
t_invalid "an indented list" \
	"$F:1:3: the list of entries must start in column 1 (entries are appended there)"
# an empty quoted document, in the village's file
cp "$T/good" "$F"
printf "''\n" >ledger/2026/LQ.yaml
t_invalid "an empty quoted document" \
	"ledger/2026/LQ.yaml:1:1: an empty ledger file must be empty, not a quoted ''"
printf -- "--- ''\n" >ledger/2026/LQ.yaml
t_invalid "an empty quoted document after '---'" \
	"ledger/2026/LQ.yaml:1:5: an empty ledger file must be empty, not a quoted ''"
# what stays fine: empty, '---' alone, comments
for body in '' '---' '# nothing yet' '--- # nothing'; do
	printf '%s\n' "$body" >ledger/2026/LQ.yaml
	run jf-check -q
	t_rc 0 "an empty file '$body' is valid"
done
t_setup jf-add LQ-003 litter
run jf-check -q
t_rc 0 "and stays valid after an append"
rm ledger/2026/LQ.yaml

# jf-merge: an entry and '...' appended by theirs (the '...' travels with
# the entry as the merge splits text) is refused, so are ours'
P=$F
cp "$T/good" base || exit 99
t_entry 01THEIRS00000000000000000A earn 'household: XB-017' 'activity: litter' 'points: -5' >"$T/e1"
t_entry 01OURS0000000000000000000A earn 'household: XB-017' 'activity: litter' 'points: -5' >"$T/e2"
{ cat base "$T/e2"; } >ours && { cat base "$T/e1"; echo '...'; } >theirs || exit 99
cp ours o || exit 99
run jf-merge base o theirs "$P"
t_rc 1 "jf-merge: theirs appended an entry and '...': exit 1"
t_ok "jf-merge: ours left untouched" cmp -s ours o
t_errhas "jf-merge: says why" "a ledger file must not end its document with '...'"
{ cat base "$T/e2"; echo '...'; } >ours && { cat base "$T/e1"; } >theirs && cp ours o || exit 99
run jf-merge base o theirs "$P"
t_rc 1 "jf-merge: ours appended an entry and '...': exit 1"
t_ok "jf-merge: ours left untouched (2)" cmp -s ours o
