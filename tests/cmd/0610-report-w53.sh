# jf-report for 2026-W53 (2026-12-28..2027-01-03): a week across the end of
# a year and of two ledger files; the trend runs W46..W53; --month cuts the
# last trend week at the month's end; stock after a restock and its void.
. "$JF_TOP/tests/cmd/lib.sh"
JF_NOW=2027-01-05T09:00:00+08:00
export JF_NOW

t_book b; cd b || exit 99
{
	jf-adjust XB-021 20 -r opening -d 2026-12-01
	jf-restock XB washing-powder 4 -d 2026-12-01
	jf-add XB-018 clean-yard -d 2026-12-27          # W52
	jf-add XB-021 clean-yard -d 2026-12-28
	jf-add XB-017 clean-yard -d 2026-12-31
	jf-add XB-017 sort-waste 3 -d 2027-01-01
	jf-add LQ-003 clean-yard -d 2027-01-03
	jf-add LQ-003 clean-yard -d 2027-01-04          # 2027-W01
	jf-redeem XB-021 washing-powder 1 -d 2027-01-02
	jf-restock XB washing-powder 6 -d 2027-01-03
	jf-void "$(lastid ledger/2027/XB.yaml)" -r '点错了数量' -d 2027-01-03
	void=$(lastid ledger/2027/XB.yaml)
	restock=$(sed -n 's/^- id: //p' ledger/2027/XB.yaml | tail -n 2 | head -n 1)
} >"$T/setup.log" 2>&1 || { sed 's/^/# /' "$T/setup.log"; exit 99; }
t_ok "the week's entries are in two ledger files" [ -f ledger/2026/XB.yaml ] && [ -f ledger/2027/XB.yaml ]

run jf-report --week 2026-W53
t_rc 0 "W53: exit 0"
t_noerr "W53: quiet on stderr"
t_out "W53: every figure of every section" <<'EOF'
龙渠乡 points report
2026-W53: 2026-12-28 to 2027-01-03

Totals
------
figure             value
entries                7
earned              16.5
deducted               0
adjusted               0
redeemed              10
households active      3
outstanding         31.5

By village
----------
village  entries  earned  deducted  adjusted  redeemed  active  outstanding
下堡村         6    11.5         0         0        10       2         26.5
龙渠村         1       5         0         0         0       1            5
total          7    16.5         0         0        10       3         31.5

Points by category
------------------
category  times  earned  deducted
环卫整治      6    16.5         0
志愿服务      0       0         0

Top rules
---------
rank  rule        name      category  times  points
   1  clean-yard  庭院整洁  环卫整治      3      15
   2  sort-waste  垃圾分类  环卫整治      3     1.5

Honor roll
----------
village  rank  household  head    earned
下堡村      1  XB-017     司学霞     6.5
下堡村      2  XB-021     赵新         5
龙渠村      1  LQ-003     李明         5

Goods redeemed
--------------
village  item            name    qty  unit  points
下堡村   washing-powder  洗衣粉    1  袋        10

Stock at the period's end
-------------------------
village  item            name    stock  unit  note
下堡村   washing-powder  洗衣粉      3  袋    low (<= 5)
龙渠村   washing-powder  洗衣粉      0  袋    low (<= 5)

Weekly trend
------------
week      from        to          earned  deducted  redeemed
2026-W46  2026-11-09  2026-11-15       0         0         0
2026-W47  2026-11-16  2026-11-22       0         0         0
2026-W48  2026-11-23  2026-11-29       0         0         0
2026-W49  2026-11-30  2026-12-06       0         0         0
2026-W50  2026-12-07  2026-12-13       0         0         0
2026-W51  2026-12-14  2026-12-20       0         0         0
2026-W52  2026-12-21  2026-12-27       5         0         0
2026-W53  2026-12-28  2027-01-03    16.5         0        10

Voids and adjustments
---------------------
date        kind          household  head    points  by       reason
2027-01-03  void restock  XB         下堡村          baiyang  点错了数量
EOF

run jf-report --week 2026-W53 --format json
t_rc 0 "W53 json: exit 0"
sed -n '/"totals"/,/}/p' "$T/out" >"$T/got"
cat >"$T/exp" <<'EOF'
  "totals": {
    "entries": 7,
    "earned": 16.5,
    "deducted": 0,
    "adjusted": 0,
    "redeemed": 10,
    "households": 3,
    "outstanding": 31.5
  },
EOF
t_same "W53 json: totals with exact decimals" "$T/exp" "$T/got"
sed -n '/"reviews"/,$p' "$T/out" >"$T/got"
cat >"$T/exp" <<EOF
  "reviews": [
    {
      "date": "2027-01-03",
      "id": "$void",
      "kind": "void",
      "village": "XB",
      "ref": "$restock",
      "ref_kind": "restock",
      "item": "washing-powder",
      "qty": 6,
      "reason": "点错了数量",
      "by": "baiyang"
    }
  ]
}
EOF
t_same "W53 json: the void of a restock names the shop, the item and the qty" "$T/exp" "$T/got"

# 2026-W53 is the week; 2025 has no W53
run jf-report --from 2026-12-28 --to 2027-01-03 --format csv
t_ok "--from/--to of W53 is that week" grep -q '^2026-12-28,2027-01-03,totals,,,,,7,,16.5,0,0,10,,3,31.5,' "$T/out"

# --month 2026-12: the trend's last week (W53) is cut at the month's end
run jf-report --month 2026-12 --format csv
t_rc 0 "--month 2026-12: exit 0"
grep ',trend,' "$T/out" | tr -d '\r' | cut -d, -f3,5,10,11,13 >"$T/got"
cat >"$T/exp" <<'EOF'
trend,2026-W46,0,0,0
trend,2026-W47,0,0,0
trend,2026-W48,0,0,0
trend,2026-W49,0,0,0
trend,2026-W50,0,0,0
trend,2026-W51,0,0,0
trend,2026-W52,5,0,0
trend,2026-W53,10,0,0
EOF
t_same "--month 2026-12: the last trend week counts up to 2026-12-31" "$T/exp" "$T/got"
grep '^2026-12-01,2026-12-31,totals,' "$T/out" | tr -d '\r' >"$T/got"
echo '2026-12-01,2026-12-31,totals,,,,,5,,15,0,20,0,,3,35,,,,,,,,,,' >"$T/exp"
t_same "--month 2026-12: totals of the month" "$T/exp" "$T/got"
run jf-report --month 2026-12 --format json
t_ok "--month 2026-12: the trend's last week ends on 2026-12-31" \
	grep -q '"to": "2026-12-31",' "$T/out"
