#!/bin/sh
# 1451-read-wait.sh - jf-expire's planning read and jf-check (also with
# --repair) wait for the book's lock as long as --wait says, not a fixed
# 10 s: with the lock held, --wait 0 gives up at once, saying so, and
# nothing is appended.
. "$JF_TOP/tests/cmd/lib.sh"
JF_NOW=2026-03-01T10:00:00+08:00; export JF_NOW
t_book b && cd b || exit 99
echo 'expiry: {every: year-end}' >>jf.yaml
t_setup jf-adjust -d 2025-05-01 -r 期初 XB-017 30
mkdir -p .jf
t_save .
t_ok "a writer holds the lock" t_hold -x .jf/lock
run jf-expire --wait 0
t_rc 4 "jf-expire --wait 0, the lock held: exit 4"
t_noout "... nothing on stdout"
t_err "... gives up at once" <<'EOF'
jf-expire: a writer holds the book's lock; gave up after 0.000 s (--wait)
EOF
t_unchanged "... nothing appended"
run jf-check --wait 0
t_rc 4 "jf-check --wait 0, the lock held: exit 4"
t_err "... gives up at once" <<'EOF'
jf-check: a writer holds the book's lock; gave up after 0.000 s (--wait)
EOF
run jf-check --repair --wait 0
t_rc 4 "jf-check --repair --wait 0, the lock held: exit 4"
t_err "... gives up at once" <<'EOF'
jf-check: another writer holds the book's lock; gave up after 0.000 s (--wait)
EOF
t_unchanged "... nothing changed"
run jf-check --wait -1
t_rc 2 "jf-check --wait -1: a usage error"
t_errhas "... says so" "jf-check: bad --wait '-1'"
t_release
run jf-expire --wait 0
t_rc 0 "the lock free: jf-expire --wait 0 writes the receipt"
t_ok "... one receipt" grep -q 'kind: expire' ledger/2026/XB.yaml
run jf-check --wait 0
t_rc 0 "... and the book checks"
