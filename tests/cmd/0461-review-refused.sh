# Reviewed entries (SPEC 4.2) are refused by every reader until their state
# is wired to the readers: no reader may count a reviewed earn before its
# counting day, so none counts one at all (exit 3, FILE:LINE:COL, nothing
# written), with the cache and without it.
. "$JF_TOP/tests/cmd/lib.sh"
E=01JDZ3K4M5N6P7Q8R9S0T1U2E1
F=01JDZ3K4M5N6P7Q8R9S0T1U2F1
X=ledger/2026/XB.yaml
MSG="reviewed entries are not supported yet"
fresh() {
	cd "$T" && rm -rf b && t_book b && cd b || exit 99
	printf 'review:\n  reviewers: [sixuexia, baiyang, shijuhua]\n  approvals: 2\n' >>jf.yaml
	mkdir -p ledger/2026
	t_entry $F earn 'household: XB-018' 'activity: litter' 'qty: 1' 'points: -5' >$X
}
# every reader refuses the book, with the message at line:col
refused() {
	what=$1 where=$2
	t_invalid "$what" "$X:$where: $MSG"
	for c in jf-check jf-log jf-report "jf-balance --no-cache"; do
		echo "${c%% *}: $X:$where: $MSG" >"$T/inv"
		[ "$c" = jf-check ] && echo "jf-check: 1 file, 1 error" >>"$T/inv"
		t_save .
		run $c
		t_rc 3 "$what: $c: exit 3"
		t_errhas "$what: $c: message" "$X:$where: $MSG"
		t_unchanged "$what: $c: nothing written"
	done
	t_save .
	run jf-redeem XB-018 soap
	t_rc 3 "$what: jf-redeem: exit 3"
	t_unchanged "$what: jf-redeem: nothing written"
	run jf-void $F --reason x
	t_rc 3 "$what: jf-void: exit 3"
	t_unchanged "$what: jf-void: nothing written"
}

fresh
run jf-balance
t_rc 0 "a book with a review block but no reviewed entry reads as before"
t_ok "its cache was written" [ -n "$(ls .jf/cache 2>/dev/null)" ]
# a reviewed earn appended after the cache was written
t_entry $E earn 'household: XB-017' 'activity: litter' 'qty: 1' 'points: -5' \
	'approvals: 2' 'notice_days: 3' >>$X
refused "a reviewed earn" 16:14

fresh
t_entry $E earn 'household: XB-017' 'activity: litter' 'qty: 1' 'points: -5' \
	'notice_days: 3' >>$X
run jf-balance
t_rc 3 "notice_days alone: exit 3"
t_errhas "notice_days alone: refused at notice_days" "$X:16:16: $MSG"

for k in "approve|reviewer: sixuexia" "object|reason: 有异议" "reject|reviewer: sixuexia|reason: 不属实"; do
	fresh
	kind=${k%%|*} rest=${k#*|}
	printf -- '- id: R1\n  date: 2026-11-21\n  kind: %s\n  ref: %s\n' "$kind" $F >>$X
	echo "$rest" | tr '|' '\n' | sed 's/^/  /' >>$X
	printf '  by: baiyang\n' >>$X
	refused "$kind" 11:9
done

# Writers: an earn under a `review: true` rule would be a reviewed earn;
# a plain one would count at once, so it is refused (exit 1, no byte
# written), one by one and from a batch; other rules are recorded as before.
fresh
sed -i 's/limit: 1\/week/limit: 1\/week\n    review: true/' catalogue.yaml
MSGW="rule 'clean-yard' is reviewed (review: true); reviewed entries are not supported yet"
t_refuse "jf-add under a reviewed rule" 1 jf-add XB-017 clean-yard <<EOF
jf-add: $MSGW
EOF
printf 'household,activity\nXB-018,sort-waste\nXB-017,clean-yard\n' >s.csv
t_save .
run jf-add --batch s.csv
t_rc 1 "a batch with a reviewed rule: exit 1"
t_errhas "a batch with a reviewed rule: message" "$MSGW"
t_unchanged "a batch with a reviewed rule: nothing written"
rm s.csv
run jf-add XB-018 sort-waste
t_rc 0 "an earn under another rule is recorded as before"
