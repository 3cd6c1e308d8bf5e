#!/bin/sh
# 1005-batch-race.sh - two imports of one sheet at the same moment: the
# second is asked "already imported?" under the writers' lock, after the
# first has appended, so exactly one gets in.  The held writer comes from
# the failpoint build (make FAILPOINTS=1): $JF_FP_BIN, else built here.
. "$JF_TOP/tests/cmd/lib.sh"
t_failpoints
L=ledger/2026/XB.yaml

t_book b; cd b || exit 99
t_setup jf-adjust -r 期初 XB-017 3
printf 'household,activity,qty\nXB-017,litter,1\nXB-017,sort-waste,1\n' >sheet.csv
t_save .

# the first import has checked and read the book, and holds the lock
JF_FAILPOINT=after-scan=stop "$FP/jf-add" --batch sheet.csv >"$T/a.out" 2>"$T/a.err" &
a=$!
t_ok "a batch stopped holding the lock" stopped "$a"
jf-add --wait 600 --batch sheet.csv >"$T/b.out" 2>"$T/b.err" &
b=$!
# it got as far as the lock (then a second for it to go wrong, if it would)
opened "$b" .jf/lock
sleep 1
t_ok "the second import waits for the lock" kill -0 "$b"
kill -CONT "$a"
wait "$a"; ra=$?
wait "$b"; rb=$?
t_ok "the first import succeeds" [ "$ra" -eq 0 ]
t_ok "the second is refused (exit $rb)" [ "$rb" -eq 1 ]
sed 's/^/# /' "$T/b.err"
t_ok "... as imported already" grep -q "was imported already" "$T/b.err"
t_ok "the sheet's two rows are in the ledger once" [ "$(grep -c '^  sheet: ' $L)" -eq 2 ]
