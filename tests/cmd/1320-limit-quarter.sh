# limit: N/quarter in the catalogue (季兑换, 季考核): at most N uses per
# household in a calendar quarter, counted by the deed's date.
. "$JF_TOP/tests/cmd/lib.sh"
t_book b; cd b || exit 99
sed -i 's/^goods:$/  - {code: review-q, name: 季度考核, category: 环卫整治, points: 20, limit: 2\/quarter}\ngoods:/' catalogue.yaml
t_setup jf-add -d 2026-10-01 XB-017 review-q
t_setup jf-add -d 2026-11-27 XB-017 review-q
t_refuse "a third in Q4" 1 jf-add -d 2026-11-28 XB-017 review-q <<'EOF'
jf-add: limit reached: 'review-q' is at most 2 per quarter, and XB-017 has 2 in that quarter
EOF
run jf-add -d 2026-09-30 XB-017 review-q
t_rc 0 "the last day of Q3 is another quarter"
run jf-add -d 2026-11-28 XB-018 review-q
t_rc 0 "another household"
sed -i 's/^goods:$/  - {code: bad, name: x, category: y, points: 1, limit: 1\/quarters}\ngoods:/' catalogue.yaml
t_invalid "a bad unit" "catalogue.yaml:11:57: bad limit '1/quarters' (N/day, N/week, N/month, N/quarter or N/year)"
