# A volunteer's hours of one day total at most 24 (SPEC 4.3): writers refuse
# more; where two clones merged serves past it, jf-check warns (a voided
# serve does not count).
. "$JF_TOP/tests/cmd/lib.sh"
X=ledger/2026/XB.yaml
t_book b; cd b || exit 99
cat >volunteers.yaml <<'EOF'
teams:
  - {code: xb-care, name: 下堡村孝老爱亲志愿服务队, village: XB}
volunteers:
  - {id: V001, name: 白洋, team: xb-care, household: XB-017}
EOF
mkdir -p ledger/2026
t_entry S1 serve 'volunteer: V001' 'hours: 14' >$X
t_entry S2 serve 'volunteer: V001' 'hours: 14' >>$X
t_entry S3 serve 'volunteer: V001' 'hours: 10' | sed 's/2026-11-20/2026-11-21/' >>$X
run jf-check
t_rc 0 "28 hours on one day, merged: valid"
t_err "... jf-check warns" <<'EOF'
jf-check: warning: volunteer V001 served 28 hours on 2026-11-20: at most 24 a day (entries merged from two clones?)
EOF
t_entry V1 void 'ref: S2' 'reason: 重复' >>$X
run jf-check
t_rc 0 "one of them voided: valid"
t_noerr "... no warning"
