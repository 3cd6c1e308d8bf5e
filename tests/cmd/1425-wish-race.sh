#!/bin/sh
# 1425-wish-race.sh - 20 jf-wish take processes of one wish at once, then
# 20 jf-wish done (each with a serve): the lock makes check-then-append
# atomic, so exactly one take and one done (with its serve) are in the
# ledger, the others are refused (exit 1) and nothing is superseded.
. "$JF_TOP/tests/cmd/lib.sh"
t_eq() { [ "$3" = "$2" ] || echo "# want '$2', got '$3'"; t_ok "$1" [ "$3" = "$2" ]; }
X=ledger/2026/XB.yaml

t_book b; cd b || exit 99
cat >volunteers.yaml <<'EOF'
teams:
  - {code: xb-care, name: 下堡村孝老爱亲志愿服务队, village: XB}
volunteers:
  - {id: V001, name: 白洋, team: xb-care, household: XB-017}
  - {id: V002, name: 石菊花, team: xb-care, household: XB-018}
EOF
t_setup jf-wish post XB-017 给卧床的奶奶理发
W=$(lastid)
t_setup jf-balance  # the cache is written: the writers extend it

race() {
	i=0
	while [ $i -lt 20 ]; do
		( "$@" --wait 600 >"$T/out.$i" 2>"$T/err.$i"; echo $? >"$T/rc.$i" ) &
		i=$((i + 1))
	done
	wait
}
race jf-wish take "$W" --team xb-care
t_eq "exactly 1 of 20 concurrent takes succeeds" 1 "$(cat "$T"/rc.* | grep -c '^0$')"
t_eq "the other 19 are refused with status 1" 19 "$(cat "$T"/rc.* | grep -c '^1$')"
t_eq "the ledger holds exactly 1 take" 1 "$(grep -c '^  kind: take$' $X)"
t_eq "each refusal says the wish is taken" 19 "$(cat "$T"/err.* | grep -c 'a wish is taken once')"
rm -f "$T"/rc.* "$T"/err.* "$T"/out.*
race jf-wish done "$W" --serve V002:1.5
t_eq "exactly 1 of 20 concurrent dones succeeds" 1 "$(cat "$T"/rc.* | grep -c '^0$')"
t_eq "the other 19 are refused with status 1" 19 "$(cat "$T"/rc.* | grep -c '^1$')"
t_eq "the ledger holds exactly 1 done" 1 "$(grep -c '^  kind: done$' $X)"
t_eq "... and 1 serve" 1 "$(grep -c '^  kind: serve$' $X)"
t_eq "each refusal says the wish is done, and nothing was recorded" 38 \
	"$(cat "$T"/err.* | grep -c -e "wish '$W' is done" -e 'nothing was recorded')"
run jf-check
t_rc 0 "the book is valid"
t_out "... with nothing superseded" <<EOF
ok: 1 file, 4 entries, 5 households
EOF
t_noerr "... and no warning"
