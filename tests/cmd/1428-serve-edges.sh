# A serve earns points: under a deduction rule it is refused; a team that
# has ended takes its volunteers with it (found by the attack helper).
. "$JF_TOP/tests/cmd/lib.sh"
t_book b; cd b || exit 99
cat >volunteers.yaml <<'EOF'
teams:
  - {code: xb-care, name: 下堡村孝老爱亲志愿服务队, village: XB}
  - {code: old, name: 旧队, village: XB, until: 2026-11-15}
volunteers:
  - {id: V001, name: 白洋, team: xb-care, household: XB-017}
  - {id: V021, name: 老李, team: old, household: XB-018}
EOF
t_save .
run jf-serve V001 1 --activity litter
t_rc 1 "a serve under a deduction rule: refused"
t_err "... the message" <<'EOF'
jf-serve: rule 'litter' deducts points: a serve earns them (record the deduction with jf-add)
EOF
t_unchanged "... nothing written"
run jf-serve V021 2
t_rc 1 "a volunteer of a team that ended: refused"
t_errhas "... the message" "V021"
t_unchanged "... nothing written"
JF_NOW=2026-11-10T10:00:00+08:00 run jf-serve V021 2
t_rc 0 "... while the team was active: recorded"
run jf-check
t_rc 0 "the book stays valid"
