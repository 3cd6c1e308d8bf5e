# A FIFO (or any file not regular) put in place of a cache file under
# .jf/cache is ignored, never opened for a blocking read: readers and
# writers go on without it instead of hanging with the book's lock held.
. "$JF_TOP/tests/cmd/lib.sh"
t_book b; cd b || exit 99
mkdir -p ledger/2026
t_entry 01JDZ3K4M5N6P7Q8R9S0T1U2E1 earn 'household: XB-017' 'activity: litter' 'qty: 1' 'points: -5' >ledger/2026/XB.yaml
t_setup jf-balance
set -- .jf/cache/*
[ -f "$1" ] || { echo "Bail out! no cache file"; exit 99; }
rm -f "$1" && mkfifo "$1" || { echo "Bail out! mkfifo"; exit 99; }
run timeout "$(t_limit 20)" jf-balance XB-017
t_rc 0 "jf-balance with a FIFO for a cache: not stuck"
t_out "... the balance read from the ledger" <<'EOF'
household  head    village  earned  spent  balance
XB-017     司学霞  XB           -5      0       -5
EOF
run timeout "$(t_limit 20)" jf-add XB-018 litter
t_rc 0 "a writer with a FIFO for a cache: not stuck, the entry appended"
run timeout "$(t_limit 20)" jf-check
t_rc 0 "jf-check too"
