# jf-report counts a serve under a rule as one use of it ("times"), not its
# hours in hundredths (the hours are a serve's use of the rule for limits).
. "$JF_TOP/tests/cmd/lib.sh"
t_book b; cd b || exit 99
cat >volunteers.yaml <<'EOF'
teams:
  - {code: xb-care, name: 下堡村孝老爱亲志愿服务队, village: XB}
volunteers:
  - {id: V001, name: 白洋, team: xb-care, household: XB-017}
EOF
sed -i 's/^goods:/  - {code: vol-hour, name: 志愿服务, category: 志愿服务, points: 1}\ngoods:/' catalogue.yaml
JF_NOW=2026-11-20T09:00:00+08:00 t_setup jf-serve V001 1.5 --activity vol-hour
JF_NOW=2026-11-21T09:00:00+08:00 t_setup jf-serve V001 2 --activity vol-hour
JF_NOW=2026-11-28T09:00:00+08:00 run jf-report --month 2026-11 --format csv
t_rc 0 "jf-report: exit 0"
grep '^2026-11-01,2026-11-30,rule,,vol-hour,' "$T/out" | cut -d, -f7,9,14 >"$T/got"
printf '1,2,3.5\n' >"$T/exp"
t_same "the rule's rank, times and points" "$T/exp" "$T/got"
