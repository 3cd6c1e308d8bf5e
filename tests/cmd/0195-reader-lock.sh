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

# a "writer" that appends an entry in two halves under the exclusive lock,
# as a slow disk could: the second half only once the reader waits for the
# lock ($T/go), however long that takes to come
t_entry 01SLOWWRITER00000000000001 earn "household: XB-017" "activity: litter" "qty: 1" "points: -5" >"$T/entry"
head -c 60 "$T/entry" >"$T/half1"
tail -c +61 "$T/entry" >"$T/half2"
flock .jf/lock sh -c "cat '$T/half1' >>ledger/2026/XB.yaml; : >'$T/half'
	while [ ! -e '$T/go' ]; do sleep 0.05; done; cat '$T/half2' >>ledger/2026/XB.yaml" &
w=$!
while [ ! -e "$T/half" ] && kill -0 "$w" 2>/dev/null; do sleep 0.05; done
jf-balance --format tsv XB-017 >"$T/out" 2>"$T/err" &
r=$!
t_ok "a reader started mid-append opens the lock" opened "$r" .jf/lock
sleep 0.5   # (for a reader that would not wait to read the half entry)
: >"$T/go"
wait "$r"; rc=$?
wait "$w"
t_rc 0 "a reader started mid-append waits for the writer and reads the book whole"
t_out "... and counts the whole entry" <<'X'
household	head	village	earned	spent	balance
XB-017	司学霞	XB	0	0	0
X
# another reader holding the shared lock, for as long as it takes, does
# not block a reader: if it did, the reader would give up after its 10 s
t_setup t_hold -s .jf/lock
run jf-balance XB-017
t_release
t_rc 0 "a reader beside another reader does not wait for it"
