# The wish family (SPEC 4.3) in the ledger: a wish is read and delivered
# (it moves no points); take, done and drop are its follow-ups, replayed
# in canonical order (a second take is superseded, jf-check says by
# which); a serve's volunteer and hours and a wish's service are checked
# (exit 3, FILE:LINE:COL, nothing written), with the cache and without it.
. "$JF_TOP/tests/cmd/lib.sh"
W=01JDZ3K4M5N6P7Q8R9S0T1U2W1
E=01JDZ3K4M5N6P7Q8R9S0T1U2E1
F=01JDZ3K4M5N6P7Q8R9S0T1U2F1
X=ledger/2026/XB.yaml
fresh() {
	cd "$T" && rm -rf b && t_book b && cd b || exit 99
	cat >volunteers.yaml <<-'EOF'
	teams:
	  - {code: xb-care, name: 下堡村孝老爱亲志愿服务队, village: XB}
	volunteers:
	  - {id: V001, name: 白洋, team: xb-care, household: XB-017}
	EOF
	printf 'services:\n  - {code: haircut, name: 理发}\n' >>catalogue.yaml
	mkdir -p ledger/2026
	t_entry $F earn 'household: XB-017' 'activity: litter' 'qty: 1' 'points: -5' >$X
	t_entry $W wish 'household: XB-017' 'text: 给卧床的奶奶理发' >>$X
}
# every reader refuses the book, with the message at line:col
refused() {
	what=$1 where=$2 msg=$3
	if [ -n "$4" ]; then t_invalid "$what" "$X:$4" "$X:$where: $msg"
	else t_invalid "$what" "$X:$where: $msg"; fi
	for c in jf-check jf-log jf-report "jf-balance --no-cache"; do
		t_save .
		run $c
		t_rc 3 "$what: $c: exit 3"
		t_errhas "$what: $c: message" "$X:$where: $msg"
		t_unchanged "$what: $c: nothing written"
	done
}

fresh
run jf-check
t_rc 0 "a wish is valid"
run jf-balance XB-017
t_rc 0 "jf-balance reads a book with a wish"
t_out "a wish moves no points" <<'EOF'
household  head    village  earned  spent  balance
XB-017     司学霞  XB           -5      0       -5
EOF
t_ok "its cache was written" [ -n "$(ls .jf/cache 2>/dev/null)" ]
run jf-balance XB-017
cp "$T/out" "$T/cached"
run jf-balance --no-cache XB-017
t_ok "the cache agrees with --no-cache" cmp -s "$T/cached" "$T/out"
run jf-log --format json XB-017
t_rc 0 "jf-log lists it"
t_ok "jf-log: the wish is there" grep -q '"kind": *"wish"' "$T/out"

# valid WHAT: jf-check quiet, and the cache agrees with --no-cache
valid() {
	run jf-check
	t_rc 0 "$1: valid"
	run jf-balance
	run jf-balance
	cp "$T/out" "$T/cached"
	run jf-balance --no-cache
	t_ok "$1: the cache agrees with --no-cache" cmp -s "$T/cached" "$T/out"
}
# a follow-up of the wish, appended after the cache was written
for k in take done drop; do
	fresh
	run jf-balance
	case $k in
	take) t_entry $E take "ref: $W" 'team: xb-care' >>$X ;;
	done) t_entry $E done "ref: $W" >>$X ;;
	drop) t_entry $E drop "ref: $W" 'reason: 已搬走' >>$X ;;
	esac
	valid "a $k"
done
# two takes merged from two clones: the first in canonical order stands
fresh
t_entry $E take "ref: $W" 'team: xb-care' 'at: 2026-11-20T10:00:00+08:00' >>$X
t_entry 01JDZ3K4M5N6P7Q8R9S0T1U2G1 take "ref: $W" 'volunteer: V001' 'at: 2026-11-20T09:00:00+08:00' >>$X
t_entry 01JDZ3K4M5N6P7Q8R9S0T1U2H1 done "ref: $W" 'at: 2026-11-20T11:00:00+08:00' >>$X
t_entry 01JDZ3K4M5N6P7Q8R9S0T1U2J1 drop "ref: $W" 'reason: 重复' 'at: 2026-11-20T12:00:00+08:00' >>$X
run jf-check
t_rc 0 "two takes, a done and a drop: valid"
t_err "the later take and the drop are superseded, jf-check says by which" <<END
jf-check: $X:18:8: warning: this take has no effect: superseded by 01JDZ3K4M5N6P7Q8R9S0T1U2G1
jf-check: $X:38:8: warning: this drop has no effect: superseded by 01JDZ3K4M5N6P7Q8R9S0T1U2H1
END
# unknown codes in the wish's follow-ups and serves
fresh
t_entry $E take "ref: $W" 'team: no-team' >>$X
refused "a take of an unknown team" 19:9 "unknown team 'no-team'"
fresh
t_entry $E take "ref: $F" 'team: xb-care' >>$X
refused "a take of an earn" 18:8 "'$F' is not a wish but an entry of kind earn"

# a done of a wish never taken has no effect either
fresh
t_entry $E done "ref: $W" >>$X
run jf-check
t_err "a done of an open wish: no effect, jf-check warns" <<END
jf-check: $X:18:8: warning: this done has no effect in the state the entries before it left
END

# a void of a take: valid; the wish is open again
fresh
t_entry $E take "ref: $W" 'volunteer: V001' >>$X
t_entry 01JDZ3K4M5N6P7Q8R9S0T1U2G1 void "ref: $E" 'reason: 认错了' >>$X
t_entry 01JDZ3K4M5N6P7Q8R9S0T1U2H1 take "ref: $W" 'team: xb-care' >>$X
valid "a void of a take, and another take"
run jf-check
t_noerr "nothing superseded: the void reopened the wish"
t_entry 01JDZ3K4M5N6P7Q8R9S0T1U2J1 void "ref: $E" 'reason: 又认错了' >>$X
refused "a take voided twice" 36:8 "entry '$E' is already voided"

# a serve: its volunteer and hours are checked
fresh
t_entry $E serve 'volunteer: V001' 'hours: 1.5' >>$X
valid "a serve"
fresh
t_entry $E serve 'volunteer: V999' 'hours: 1.5' >>$X
refused "a serve of an unknown volunteer" 18:14 "unknown volunteer 'V999'"
# a wish ordering a service
fresh
t_entry $E wish 'household: XB-017' 'text: 理发' 'service: haircut' >>$X
valid "a wish with a service"
fresh
t_entry $E wish 'household: XB-017' 'text: 理发' 'service: massage' >>$X
refused "a wish of an unknown service" 20:12 "unknown service 'massage'"

# what every reader checks already: the fields a kind has
fresh
t_entry $E wish 'household: XB-017' >>$X
t_entry 01JDZ3K4M5N6P7Q8R9S0T1U2G1 earn 'household: XB-017' 'activity: litter' 'qty: 1' 'points: -5' >>$X
refused "a wish without text" 15:3 "wish entry has no 'text'"
fresh
t_entry $E wish 'household: XB-999' 'text: x' >>$X
refused "a wish of an unknown household" 18:14 "unknown household 'XB-999'"
fresh
t_entry $E earn 'household: XB-017' 'activity: litter' 'qty: 1' 'points: -5' 'hours: 2' >>$X
refused "hours in an earn" 22:10 "'hours' does not belong in an entry of kind earn"
fresh
t_entry $E wish 'household: XB-017' 'text: x' 'team: xb-care' >>$X
refused "a team in a wish" 20:9 "'team' does not belong in an entry of kind wish"
# jf-void refuses a wish (SPEC 4.0)
fresh
t_save .
run jf-void $W --reason x
t_rc 1 "jf-void of a wish: exit 1"
t_unchanged "jf-void of a wish: nothing written"
