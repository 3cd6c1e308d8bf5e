#!/bin/sh
# 0192-lock-removed.sh - removing BOOK/.jf (rm -rf .jf, git clean -fdx)
# while a writer holds the lock does not let a second writer in: of two
# redemptions of the only affordable item, exactly one succeeds.  A writer
# that waited on a lock file removed meanwhile locks the new one.  The
# held writer comes from the failpoint build (make FAILPOINTS=1):
# $JF_FP_BIN, else built here.
. "$JF_TOP/tests/cmd/lib.sh"
t_failpoints
L=ledger/2026/XB.yaml


t_book b; cd b || exit 99
t_setup jf-adjust -r 期初 XB-017 3    # soap costs 3: one soap, not two

# the first redemption has read the balance and holds the lock
JF_FAILPOINT=after-scan=stop "$FP/jf-redeem" XB-017 soap >"$T/a.out" 2>"$T/a.err" &
a=$!
t_ok "a writer stopped holding the lock, the balance read" stopped "$a"
rm -rf .jf
jf-redeem --wait 600 XB-017 soap >"$T/b.out" 2>"$T/b.err" &
b=$!
# the new .jf/lock is free: the second writer gets as far as the book's
# directory, which the first still holds (then a second for it to go
# wrong, if it would)
opened "$b" .
sleep 1
t_ok "after rm -rf .jf a second writer still waits" kill -0 "$b"
kill -CONT "$a"
wait "$a"; ra=$?
wait "$b"; rb=$?
t_ok "the first redemption succeeds" [ "$ra" -eq 0 ]
t_ok "the second is refused (exit $rb)" [ "$rb" -eq 1 ]
sed 's/^/# /' "$T/b.err"
t_ok "... balance short" grep -q "balance short" "$T/b.err"
t_ok "one redemption in the ledger" [ "$(grep -c '^  kind: redeem$' $L)" -eq 1 ]
run jf-balance --no-cache XB-017
t_ok "the balance is 0, never below" grep -q ' 0$' "$T/out"

# a writer waiting on a lock file that is then removed, and recreated and
# held by someone else: when its old lock is freed it locks the new one
if command -v flock >/dev/null 2>&1; then
	t_setup jf-adjust -r 补 XB-017 3
	t_setup t_hold -x .jf/lock
	h1=$_held_pid
	jf-redeem --wait 600 XB-017 soap >"$T/c.out" 2>"$T/c.err" &
	c=$!
	# it waits on the old lock file when that is removed
	t_ok "a writer waits for the lock" opened "$c" .jf/lock
	rm -rf .jf && mkdir .jf || exit 99
	# the new lock's holder counts the redemptions at its start and end;
	# it holds the lock until told ($T/go), after the old one is freed
	# and the writer is waiting for the new one
	(exec 9>>.jf/lock && flock 9 && grep -c '^  kind: redeem$' $L >"$T/n0" &&
	 while [ ! -e "$T/go" ]; do sleep 0.05; done &&
	 grep -c '^  kind: redeem$' $L >"$T/n1") & h2=$!
	while [ ! -e "$T/n0" ] && kill -0 "$h2" 2>/dev/null; do sleep 0.05; done
	kill "$h1"; wait "$h1" 2>/dev/null; _held_pid=
	t_ok "... then for the new lock file once the old one is freed" opened "$c" .jf/lock
	: >"$T/go"
	wait "$c"; rc=$?
	wait "$h2"
	t_ok "the waiting writer succeeds (exit $rc)" [ "$rc" -eq 0 ]
	t_ok "... but not while the new lock file was held" cmp -s "$T/n0" "$T/n1"
fi
