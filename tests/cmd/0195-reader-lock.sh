#!/bin/sh
# Readers share the book's lock: a reader that starts while a writer holds
# it waits, so it never sees half an entry; readers do not hold each other up.
. "$JF_TOP/tests/cmd/lib.sh"
t_book b; cd b || exit 99
run jf-balance XB-017
t_rc 0 "a reader on a book no writer has touched"
t_ok "... creates no .jf/ (no lock to share)" [ ! -e .jf ]
t_setup jf-add XB-017 clean-yard
command -v flock >/dev/null 2>&1 || { n=$((n + 1)); echo "ok $n # SKIP flock(1) missing"; exit 0; }

# a "writer" that appends an entry in two halves, a second apart, under the
# exclusive lock, as a slow disk could
t_entry 01SLOWWRITER00000000000001 earn "household: XB-017" "activity: litter" "qty: 1" "points: -5" >"$T/entry"
head -c 60 "$T/entry" >"$T/half1"
tail -c +61 "$T/entry" >"$T/half2"
flock .jf/lock sh -c "cat '$T/half1' >>ledger/2026/XB.yaml; sleep 1; cat '$T/half2' >>ledger/2026/XB.yaml" &
sleep 0.3
run jf-balance --format tsv XB-017
wait
t_rc 0 "a reader started mid-append waits for the writer and reads the book whole"
t_out "... and counts the whole entry" <<'X'
household	head	village	earned	spent	balance
XB-017	司学霞	XB	0	0	0
X
# another reader holding the shared lock for long does not block a reader
flock -s .jf/lock sleep 4 &
holder=$!
sleep 0.2
run timeout 2 jf-balance XB-017
wait "$holder"
t_rc 0 "a reader beside another reader does not wait for it"
