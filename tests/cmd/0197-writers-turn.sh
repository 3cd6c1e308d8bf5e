#!/bin/sh
# 0197-writers-turn.sh - readers do not starve writers: while two loops of
# long reads keep the lock shared, a writer that waits gets its turn (a
# waiting writer holds BOOK/.jf/intent, and no new reader starts); a
# writer that gives up says who holds the lock.
. "$JF_TOP/tests/cmd/lib.sh"
command -v flock >/dev/null 2>&1 || { n=$((n + 1)); echo "ok $n - # SKIP flock(1) is not installed"; exit 0; }

# a book whose --no-cache read takes a while (about 0.3 s here; under
# valgrind, where everything is 20-50 times slower, 2,000 entries take
# longer than that, where 30,000 took minutes on a loaded machine)
${CC:-cc} -O2 -std=c11 -o "$T/gen" "$JF_TOP/bench/gen.c" || { echo "Bail out! cannot build bench/gen"; exit 99; }
t_setup "$T/gen" "$([ -n "${JF_VALGRIND:-}" ] && echo 2000 || echo 30000)" b
cd b || exit 99
t_setup jf-adjust -r 期初 XB-001 1

# two reader loops, staggered, so that one of them always holds the lock
reader() { while [ ! -e "$T/stop" ]; do jf-balance --no-cache >/dev/null 2>&1; done; }
reader & r1=$!
sleep 0.15
reader & r2=$!
sleep 1
# a writer waits for the reads under way when it comes (under valgrind
# one takes 10 s and more); starved, it would wait for ever, and gives up
# after its --wait.  The first to give up ends the loop.
i=0 ok=0
while [ $i -lt 3 ]; do
	jf-adjust --wait 300 -r 测试 XB-001 1 >"$T/w.out" 2>"$T/w.err" || break
	ok=$((ok + 1)) i=$((i + 1))
done
: >"$T/stop"
wait "$r1" "$r2"
t_ok "three writers among two reader loops all get their turn ($ok of 3)" [ "$ok" -eq 3 ]
sed 's/^/# /' "$T/w.err"
t_ok "... and their entries are there" [ "$(grep -c '测试' ledger/2026/XB.yaml)" -eq 3 ]

# who holds it: readers (held until released, however slow the writer)
t_setup t_hold -s .jf/lock
t_refuse "a writer gives up on readers" 4 jf-adjust --wait 0 -r 测试 XB-001 1 <<'EOT'
jf-adjust: readers hold the book's lock (a long read?); gave up after 0.000 s (--wait)
EOT
t_release
# ... a writer
t_setup t_hold -x .jf/lock
t_refuse "a writer gives up on a writer" 4 jf-adjust --wait 0 -r 测试 XB-001 1 <<'EOT'
jf-adjust: another writer holds the book's lock; gave up after 0.000 s (--wait)
EOT
t_release
# ... a writer waiting for it (holding the intent)
t_setup t_hold -x .jf/intent
t_refuse "a writer gives up behind a waiting writer" 4 jf-adjust --wait 0 -r 测试 XB-001 1 <<'EOT'
jf-adjust: another writer is waiting for the book's lock; gave up after 0.000 s (--wait)
EOT
# a reader waits for the waiting writer: it cannot finish while the intent
# is held (it would give up after its 10 s), and reads once it is gone
jf-balance XB-001 >"$T/out" 2>"$T/err" &
r=$!
opened "$r" .jf/intent
sleep 1
t_ok "a reader waits for the waiting writer" kill -0 "$r"
t_release
wait "$r"; rc=$?
t_rc 0 "... then reads, once it is gone"
