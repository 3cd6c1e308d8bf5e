# Writers check and append under one lock: concurrent writers never spend
# the same points twice nor interleave bytes; waiting is bounded (--wait).
. "$JF_TOP/tests/cmd/lib.sh"
t_book b; cd b || exit 99
t_setup jf-adjust XB-017 10 -r 期初

# 20 redemptions of 3 points at once against a balance of 10: exactly 3 pass
# (each may wait for the 19 others: under valgrind that is more than the
# default 10 s, and the wait is not what this proves)
i=0
while [ $i -lt 20 ]; do
	jf-redeem --wait 600 XB-017 soap >>"$T/ok" 2>>"$T/refused" &
	i=$((i + 1))
done
wait
t_ok "20 concurrent redemptions: exactly 3 succeed" [ "$(wc -l <"$T/ok")" -eq 3 ]
sort -u "$T/refused" >"$T/got"
echo "jf-redeem: balance short: XB-017 has 1, 1 x soap costs 3" >"$T/exp"
t_same "... the other 17 are refused for the balance, nothing else" "$T/exp" "$T/got"
run jf-balance XB-017
t_rc 0 "after the race the book is valid"
t_out "after the race: balance 1, never below zero" <<'EOF'
household  head    village  earned  spent  balance
XB-017     司学霞  XB           10      9        1
EOF
t_ok "after the race: 4 whole entries, none interleaved" \
	[ "$(grep -c '^- id: ' ledger/2026/XB.yaml)" -eq 4 -a "$(grep -c '^  by: baiyang$' ledger/2026/XB.yaml)" -eq 4 ]

if command -v flock >/dev/null 2>&1; then
	# held until released: however slow the writers start, the lock is
	# still held when they try it
	t_setup t_hold -x .jf/lock
	t_refuse "lock held elsewhere, --wait 0" 4 jf-add --wait 0 XB-017 litter <<'EOF'
jf-add: another writer holds the book's lock; gave up after 0.000 s (--wait)
EOF
	t_refuse "lock held elsewhere, --wait 1" 4 jf-add --wait 1 XB-017 litter <<'EOF'
jf-add: another writer holds the book's lock; gave up after 1.000 s (--wait)
EOF
	# a reader shares the lock: it waits for the writer (at most 10 s,
	# jf(7)), then reads; it cannot finish while the lock is held
	jf-balance XB-017 >"$T/r.out" 2>"$T/r.err" &
	r=$!
	opened "$r" .jf/lock
	sleep 1
	t_ok "a reader waits while a writer holds the lock" kill -0 "$r"
	t_release
	wait "$r"; rc=$?
	t_rc 0 "... and reads once it is free"
	t_ok "... the balance" grep -q '^XB-017 .* 1$' "$T/r.out"
else
	t_ok "flock(1) not installed # SKIP" true
fi
t_ok "the lock lives in .jf/, which git ignores" \
	[ -f .jf/lock -a "$(cat .jf/.gitignore)" = "*" ]
