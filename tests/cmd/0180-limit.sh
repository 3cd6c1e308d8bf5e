# Activity limits: N per household per day|week|month|year; ISO weeks are
# taken in the book's zone; a void gives the allowance back.
. "$JF_TOP/tests/cmd/lib.sh"
t_book b; cd b || exit 99
sed -i '/^activities:/a\
  - {code: meeting, name: 村民大会, category: 公益活动, points: 2, limit: 2/month}' catalogue.yaml
W="jf-add: limit reached: 'clean-yard' is at most 1 per week, and XB-017 has"

run jf-add XB-017 clean-yard
t_rc 0 "first clean-yard of the week: exit 0"
first=$(lastid)
t_refuse "second in the same week" 1 jf-add XB-017 clean-yard <<EOF
$W 1 in that week
EOF
t_refuse "Monday of the same ISO week" 1 jf-add XB-017 clean-yard -d 2026-11-23 <<EOF
$W 1 in that week
EOF
run jf-add XB-017 clean-yard -d 2026-11-22
t_rc 0 "the Sunday before is another ISO week: exit 0"
run jf-add XB-018 clean-yard
t_rc 0 "another household has its own allowance: exit 0"
t_refuse "qty above the limit in an empty week" 1 jf-add XB-017 clean-yard 2 -d 2026-11-09 <<EOF
$W 0 in that week
EOF

run jf-void "$first" -r 录错
t_rc 0 "void of the week's clean-yard: exit 0"
t_save .
run jf-add XB-017 clean-yard
t_rc 0 "after the void the week's allowance is back: exit 0"
t_out "after the void: balance counts only live entries" <<EOF
earn XB-017 司学霞 clean-yard x1 +5, balance 10, id $(lastid)
EOF

# 2025-12-29 (Mon) .. 2026-01-04 (Sun) is 2026-W01, across two year files
run jf-add XB-017 clean-yard -d 2025-12-29
t_rc 0 "2025-12-29, in 2026-W01: exit 0"
t_refuse "2026-01-02 is the same ISO week, in another year's file" 1 jf-add XB-017 clean-yard -d 2026-01-02 <<EOF
$W 1 in that week
EOF
t_refuse "2026-01-04, Sunday of 2026-W01" 1 jf-add XB-017 clean-yard -d 2026-01-04 <<EOF
$W 1 in that week
EOF
run jf-add XB-017 clean-yard -d 2025-12-28
t_rc 0 "2025-12-28 is 2025-W52: exit 0"
run jf-add XB-017 clean-yard -d 2026-01-05
t_rc 0 "2026-01-05 is 2026-W02: exit 0"

run jf-add XB-017 meeting 2 -d 2026-10-31
t_rc 0 "2 per month, both at once: exit 0"
t_refuse "a third in the same month" 1 jf-add XB-017 meeting -d 2026-10-01 <<'EOF'
jf-add: limit reached: 'meeting' is at most 2 per month, and XB-017 has 2 in that month
EOF
run jf-add XB-017 meeting -d 2026-11-01
t_rc 0 "the next month: exit 0"
