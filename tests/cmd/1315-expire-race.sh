#!/bin/sh
# 1315-expire-race.sh - jf-expire runs at the same time on one clone (SPEC
# 4.4): each file's receipts are worked out again under the writers' lock
# before they are appended, so one set is written whatever the
# interleaving, for what the ledger holds when they are written.  The run
# held between working out and appending comes from the failpoint build
# (make FAILPOINTS=1): $JF_FP_BIN, else built here.
. "$JF_TOP/tests/cmd/lib.sh"
t_failpoints

# t_eq DESC WANT GOT: the strings are equal.
t_eq() { [ "$3" = "$2" ] || echo "# want '$2', got '$3'"; t_ok "$1" [ "$3" = "$2" ]; }
# book DIR: points of 2025 in two villages, cleared at the year end
book() {
	t_book "$1"
	echo 'expiry: {every: year-end}' >>"$1/jf.yaml"
	t_setup jf-adjust -C "$1" -d 2025-05-01 -r 期初 XB-017 30
	t_setup jf-adjust -C "$1" -d 2025-05-01 -r 期初 XB-018 8
	t_setup jf-adjust -C "$1" -d 2025-06-01 -r 期初 LQ-003 7
}
receipts() { cat "$@" 2>/dev/null | grep -c 'kind: expire'; }
cat >"$T/figures" <<'EOF'
household	head	village	earned	spent	balance	expired	expiring
XB-017	司学霞	XB	30	0	0	30	0
XB-018	王建国	XB	8	0	0	8	0
LQ-003	李明	LQ	7	0	0	7	0
XB-020	张秀英	XB	0	0	0	0	0
XB-021	赵新	XB	0	0	0	0	0
EOF

# ---- a run worked out its receipts, another wrote them meanwhile ----
book held; cd held || exit 99
JF_FAILPOINT=expire-planned=stop "$FP/jf-expire" >"$T/a.out" 2>"$T/a.err" &
a=$!
t_ok "held: a run stopped with its receipts worked out" stopped "$a"
run jf-expire
t_rc 0 "held: another run meanwhile: exit 0"
t_eq "held: ... writes the three receipts" 3 "$(receipts ledger/2026/*.yaml)"
kill -CONT "$a"
wait "$a"; ra=$?
t_ok "held: the first run then succeeds (exit $ra)" [ "$ra" -eq 0 ]
sed 's/^/# /' "$T/a.err"
t_ok "held: ... with nothing to write" \
	grep -qx 'nothing to write: no points expired beyond the receipts as of 2026-11-28' "$T/a.out"
t_eq "held: one set of receipts" 3 "$(receipts ledger/2026/*.yaml)"
jf-balance --format tsv >"$T/out" 2>&1
t_same "held: the figures" "$T/figures" "$T/out"
run jf-check
t_noerr "held: jf-check has no warning"
cd .. || exit 99

# ---- a late slip arrives between working out and appending ----
book late; cd late || exit 99
JF_FAILPOINT=expire-planned=stop "$FP/jf-expire" >"$T/a.out" 2>"$T/a.err" &
a=$!
t_ok "late: a run stopped with its receipts worked out" stopped "$a"
t_setup jf-redeem -d 2025-12-20 XB-017 soap
kill -CONT "$a"
wait "$a"; ra=$?
t_ok "late: the run succeeds (exit $ra)" [ "$ra" -eq 0 ]
sed 's/^/# /' "$T/a.err"
t_ok "late: it records what expired with the slip counted (27, not 30)" \
	grep -q '^expire XB-017 司学霞 -27 (valid through 2025-12-31)' "$T/a.out"
run jf-check
t_noerr "late: jf-check has no warning"
cd .. || exit 99

# ---- ten runs at once ----
book ten; cd ten || exit 99
i=0
while [ $i -lt 10 ]; do
	( jf-expire --wait 600 >"$T/out.$i" 2>"$T/err.$i"; echo $? >"$T/rc.$i" ) &
	i=$((i + 1))
done
wait
t_eq "ten: all ten runs succeed" 10 "$(cat "$T"/rc.* | grep -c '^0$')"
cat "$T"/err.* | sed 's/^/# /'
t_eq "ten: three receipts in the ledger" 3 "$(receipts ledger/2026/*.yaml)"
t_eq "ten: three receipts printed in all" 3 "$(cat "$T"/out.* | grep -c '^expire ')"
jf-balance --format tsv >"$T/out" 2>&1
t_same "ten: the figures" "$T/figures" "$T/out"
run jf-check
t_rc 0 "ten: jf-check passes"
t_noerr "ten: ... without a warning"
t_save .
run jf-expire
t_unchanged "ten: a run after them writes nothing"
