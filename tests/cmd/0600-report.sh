# jf-report: every figure of every section for a week across a month's end
# (2026-W44, 2026-10-26..2026-11-01), in every format; the same book gives
# the same bytes; a void recorded later leaves a past week's report alone.
. "$JF_TOP/tests/cmd/lib.sh"

t_book b; cd b || exit 99
t_setup jf-adjust XB-017 100 -r opening -d 2026-10-01
t_setup jf-adjust LQ-003 50 -r opening -d 2026-10-01
t_setup jf-restock XB washing-powder 10 -d 2026-10-01
t_setup jf-restock LQ washing-powder 6 -d 2026-10-01
t_setup jf-add XB-017 clean-yard -d 2026-10-19           # W43: only in the trend
t_setup jf-add XB-017 clean-yard -d 2026-10-26
t_setup jf-add XB-018 clean-yard -d 2026-10-27
t_setup jf-add XB-018 sort-waste 2 -d 2026-10-28
t_setup jf-add XB-017 sort-waste 2 -d 2026-10-31         # XB-017 and XB-018 tie at 6
t_setup jf-add LQ-003 harvest-help 2 -d 2026-10-30
t_setup jf-add XB-018 litter -d 2026-10-29
t_setup jf-add LQ-003 litter -d 2026-10-30
litter=$(lastid ledger/2026/LQ.yaml)
t_setup jf-void "$litter" -r 误扣 -d 2026-11-01            # in the week: nets to 0
vlitter=$(lastid ledger/2026/LQ.yaml)
t_setup jf-redeem XB-017 washing-powder 3 -d 2026-10-31
t_setup jf-void "$(lastid)" -r '退货 | 已入库' -d 2026-11-03 # after the week: W44 keeps it
t_setup jf-redeem LQ-003 soap 2 -d 2026-11-01
t_setup jf-redeem LQ-003 washing-powder 1 -d 2026-10-26
t_setup jf-adjust XB-018 -1 -r '罚款 | 复核' -d 2026-10-30
adj=$(lastid)
t_setup jf-add XB-018 clean-yard -d 2026-11-02           # W45

run jf-report --week 2026-W44 --deductions
t_rc 0 "W44 text: exit 0"
t_noerr "W44 text: quiet on stderr"
t_out "W44 text: every figure of every section, 80 columns" <<'EOF'
龙渠乡 points report
2026-W44: 2026-10-26 to 2026-11-01

Totals
------
figure             value
entries               12
earned                28
deducted               5
adjusted              -1
redeemed              46
households active      3
outstanding          131

By village
----------
village  entries  earned  deducted  adjusted  redeemed  active  outstanding
下堡村         7      12         5        -1        30       2           81
龙渠村         5      16         0         0        16       1           50
total         12      28         5        -1        46       3          131

Points by category
------------------
category  times  earned  deducted
环卫整治      7      12         5
志愿服务      2      16         0

Top rules
---------
rank  rule          name      category  times  points
   1  sort-waste    垃圾分类  环卫整治      4       2
   2  harvest-help  秋收互助  志愿服务      2      16
   3  clean-yard    庭院整洁  环卫整治      2      10
   4  litter        乱扔垃圾  环卫整治      1      -5

Honor roll
----------
village  rank  household  head    earned
下堡村      1  XB-017     司学霞       6
下堡村      1  XB-018     王建国       6
龙渠村      1  LQ-003     李明        16

Points lost
-----------
village  rank  household  head    deducted
下堡村      1  XB-018     王建国         5

Goods redeemed
--------------
village  item            name    qty  unit  points
下堡村   washing-powder  洗衣粉    3  袋        30
龙渠村   washing-powder  洗衣粉    1  袋        10
龙渠村   soap            肥皂      2  块         6

Stock at the period's end
-------------------------
village  item            name    stock  unit  note
下堡村   washing-powder  洗衣粉      7  袋
龙渠村   washing-powder  洗衣粉      5  袋    low (<= 5)

Weekly trend
------------
week      from        to          earned  deducted  redeemed
2026-W37  2026-09-07  2026-09-13       0         0         0
2026-W38  2026-09-14  2026-09-20       0         0         0
2026-W39  2026-09-21  2026-09-27       0         0         0
2026-W40  2026-09-28  2026-10-04       0         0         0
2026-W41  2026-10-05  2026-10-11       0         0         0
2026-W42  2026-10-12  2026-10-18       0         0         0
2026-W43  2026-10-19  2026-10-25       5         0         0
2026-W44  2026-10-26  2026-11-01      28         5        46

Voids and adjustments
---------------------
date        kind       household  head    points  by       reason
2026-10-30  adjust     XB-018     王建国      -1  baiyang  罚款 | 复核
2026-11-01  void earn  LQ-003     李明        +5  baiyang  误扣
EOF
cp "$T/out" "$T/w44.txt"
# no line is wider than 80 columns (East Asian wide characters count two)
if command -v python3 >/dev/null 2>&1; then
	t_ok "W44 text: no line wider than 80 columns" python3 -c '
import sys, unicodedata
w = lambda s: sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)
sys.exit(any(w(l.rstrip("\n")) > 80 for l in open(sys.argv[1], encoding="utf-8")))' "$T/w44.txt"
fi

run jf-report --week 2026-W44 --format json --top 2
t_rc 0 "W44 json: exit 0"
t_out "W44 json: totals, every section, --top 2 rules" <<EOF
{
  "township": "龙渠乡",
  "from": "2026-10-26",
  "to": "2026-11-01",
  "period": "2026-W44",
  "village": null,
  "totals": {
    "entries": 12,
    "earned": 28,
    "deducted": 5,
    "adjusted": -1,
    "redeemed": 46,
    "households": 3,
    "outstanding": 131
  },
  "villages": [
    {
      "village": "XB",
      "name": "下堡村",
      "entries": 7,
      "earned": 12,
      "deducted": 5,
      "adjusted": -1,
      "redeemed": 30,
      "households": 2,
      "outstanding": 81
    },
    {
      "village": "LQ",
      "name": "龙渠村",
      "entries": 5,
      "earned": 16,
      "deducted": 0,
      "adjusted": 0,
      "redeemed": 16,
      "households": 1,
      "outstanding": 50
    }
  ],
  "categories": [
    {
      "category": "环卫整治",
      "qty": 7,
      "earned": 12,
      "deducted": 5
    },
    {
      "category": "志愿服务",
      "qty": 2,
      "earned": 16,
      "deducted": 0
    }
  ],
  "rules": [
    {
      "rank": 1,
      "activity": "sort-waste",
      "name": "垃圾分类",
      "category": "环卫整治",
      "qty": 4,
      "points": 2
    },
    {
      "rank": 2,
      "activity": "harvest-help",
      "name": "秋收互助",
      "category": "志愿服务",
      "qty": 2,
      "points": 16
    }
  ],
  "honor_roll": [
    {
      "village": "XB",
      "rank": 1,
      "household": "XB-017",
      "head": "司学霞",
      "earned": 6
    },
    {
      "village": "XB",
      "rank": 1,
      "household": "XB-018",
      "head": "王建国",
      "earned": 6
    },
    {
      "village": "LQ",
      "rank": 1,
      "household": "LQ-003",
      "head": "李明",
      "earned": 16
    }
  ],
  "goods": [
    {
      "village": "XB",
      "item": "washing-powder",
      "name": "洗衣粉",
      "unit": "袋",
      "qty": 3,
      "points": 30
    },
    {
      "village": "LQ",
      "item": "washing-powder",
      "name": "洗衣粉",
      "unit": "袋",
      "qty": 1,
      "points": 10
    },
    {
      "village": "LQ",
      "item": "soap",
      "name": "肥皂",
      "unit": "块",
      "qty": 2,
      "points": 6
    }
  ],
  "low_stock": 5,
  "stock": [
    {
      "village": "XB",
      "item": "washing-powder",
      "name": "洗衣粉",
      "unit": "袋",
      "stock": 7,
      "low": false
    },
    {
      "village": "LQ",
      "item": "washing-powder",
      "name": "洗衣粉",
      "unit": "袋",
      "stock": 5,
      "low": true
    }
  ],
  "trend": [
    {
      "week": "2026-W37",
      "from": "2026-09-07",
      "to": "2026-09-13",
      "earned": 0,
      "deducted": 0,
      "redeemed": 0
    },
    {
      "week": "2026-W38",
      "from": "2026-09-14",
      "to": "2026-09-20",
      "earned": 0,
      "deducted": 0,
      "redeemed": 0
    },
    {
      "week": "2026-W39",
      "from": "2026-09-21",
      "to": "2026-09-27",
      "earned": 0,
      "deducted": 0,
      "redeemed": 0
    },
    {
      "week": "2026-W40",
      "from": "2026-09-28",
      "to": "2026-10-04",
      "earned": 0,
      "deducted": 0,
      "redeemed": 0
    },
    {
      "week": "2026-W41",
      "from": "2026-10-05",
      "to": "2026-10-11",
      "earned": 0,
      "deducted": 0,
      "redeemed": 0
    },
    {
      "week": "2026-W42",
      "from": "2026-10-12",
      "to": "2026-10-18",
      "earned": 0,
      "deducted": 0,
      "redeemed": 0
    },
    {
      "week": "2026-W43",
      "from": "2026-10-19",
      "to": "2026-10-25",
      "earned": 5,
      "deducted": 0,
      "redeemed": 0
    },
    {
      "week": "2026-W44",
      "from": "2026-10-26",
      "to": "2026-11-01",
      "earned": 28,
      "deducted": 5,
      "redeemed": 46
    }
  ],
  "reviews": [
    {
      "date": "2026-10-30",
      "id": "$adj",
      "kind": "adjust",
      "household": "XB-018",
      "head": "王建国",
      "village": "XB",
      "points": -1,
      "reason": "罚款 | 复核",
      "by": "baiyang"
    },
    {
      "date": "2026-11-01",
      "id": "$vlitter",
      "kind": "void",
      "household": "LQ-003",
      "head": "李明",
      "village": "LQ",
      "ref": "$litter",
      "ref_kind": "earn",
      "activity": "litter",
      "qty": 1,
      "points": 5,
      "reason": "误扣",
      "by": "baiyang"
    }
  ]
}
EOF
if command -v python3 >/dev/null 2>&1; then
	t_ok "W44 json: parses as JSON" python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$T/out"
fi

run jf-report --week 2026-W44 --format csv --deductions
t_rc 0 "W44 csv: exit 0"
sed 's/$/\r/' >"$T/exp" <<EOF
from,to,section,village,key,name,rank,entries,qty,earned,deducted,adjusted,redeemed,points,households,outstanding,stock,low,date,id,kind,ref,ref_kind,what,reason,by
2026-10-26,2026-11-01,totals,,,,,12,,28,5,-1,46,,3,131,,,,,,,,,,
2026-10-26,2026-11-01,village,XB,,下堡村,,7,,12,5,-1,30,,2,81,,,,,,,,,,
2026-10-26,2026-11-01,village,LQ,,龙渠村,,5,,16,0,0,16,,1,50,,,,,,,,,,
2026-10-26,2026-11-01,category,,环卫整治,,,,7,12,5,,,,,,,,,,,,,,,
2026-10-26,2026-11-01,category,,志愿服务,,,,2,16,0,,,,,,,,,,,,,,,
2026-10-26,2026-11-01,rule,,sort-waste,垃圾分类,1,,4,,,,,2,,,,,,,,,,,,
2026-10-26,2026-11-01,rule,,harvest-help,秋收互助,2,,2,,,,,16,,,,,,,,,,,,
2026-10-26,2026-11-01,rule,,clean-yard,庭院整洁,3,,2,,,,,10,,,,,,,,,,,,
2026-10-26,2026-11-01,rule,,litter,乱扔垃圾,4,,1,,,,,-5,,,,,,,,,,,,
2026-10-26,2026-11-01,honor_roll,XB,XB-017,司学霞,1,,,6,,,,,,,,,,,,,,,,
2026-10-26,2026-11-01,honor_roll,XB,XB-018,王建国,1,,,6,,,,,,,,,,,,,,,,
2026-10-26,2026-11-01,honor_roll,LQ,LQ-003,李明,1,,,16,,,,,,,,,,,,,,,,
2026-10-26,2026-11-01,deductions,XB,XB-018,王建国,1,,,,5,,,,,,,,,,,,,,,
2026-10-26,2026-11-01,goods,XB,washing-powder,洗衣粉,,,3,,,,30,,,,,,,,,,,,,
2026-10-26,2026-11-01,goods,LQ,washing-powder,洗衣粉,,,1,,,,10,,,,,,,,,,,,,
2026-10-26,2026-11-01,goods,LQ,soap,肥皂,,,2,,,,6,,,,,,,,,,,,,
2026-10-26,2026-11-01,stock,XB,washing-powder,洗衣粉,,,,,,,,,,,7,no,,,,,,,,
2026-10-26,2026-11-01,stock,LQ,washing-powder,洗衣粉,,,,,,,,,,,5,yes,,,,,,,,
2026-10-26,2026-11-01,trend,,2026-W37,,,,,0,0,,0,,,,,,,,,,,,,
2026-10-26,2026-11-01,trend,,2026-W38,,,,,0,0,,0,,,,,,,,,,,,,
2026-10-26,2026-11-01,trend,,2026-W39,,,,,0,0,,0,,,,,,,,,,,,,
2026-10-26,2026-11-01,trend,,2026-W40,,,,,0,0,,0,,,,,,,,,,,,,
2026-10-26,2026-11-01,trend,,2026-W41,,,,,0,0,,0,,,,,,,,,,,,,
2026-10-26,2026-11-01,trend,,2026-W42,,,,,0,0,,0,,,,,,,,,,,,,
2026-10-26,2026-11-01,trend,,2026-W43,,,,,5,0,,0,,,,,,,,,,,,,
2026-10-26,2026-11-01,trend,,2026-W44,,,,,28,5,,46,,,,,,,,,,,,,
2026-10-26,2026-11-01,review,XB,XB-018,王建国,,,,,,,,-1,,,,,2026-10-30,$adj,adjust,,,,罚款 | 复核,baiyang
2026-10-26,2026-11-01,review,LQ,LQ-003,李明,,,1,,,,,5,,,,,2026-11-01,$vlitter,void,$litter,earn,litter,误扣,baiyang
EOF
t_same "W44 csv: one RFC 4180 table, header row, CRLF" "$T/exp" "$T/out"
run jf-report --week 2026-W44 --format tsv --deductions
t_rc 0 "W44 tsv: exit 0"
tr -d '\r' <"$T/exp" | tr , '\t' >"$T/exp.tsv"
t_same "W44 tsv: the CSV table with tabs and LF" "$T/exp.tsv" "$T/out"

run jf-report --week 2026-W44 --format markdown --village XB
t_rc 0 "W44 markdown --village XB: exit 0"
t_out "W44 markdown --village XB: that village's figures, '|' escaped" <<EOF
# 龙渠乡 下堡村 points report

2026-W44: 2026-10-26 to 2026-11-01

## Totals

| figure | value |
| --- | ---: |
| entries | 7 |
| earned | 12 |
| deducted | 5 |
| adjusted | -1 |
| redeemed | 30 |
| households active | 2 |
| outstanding | 81 |

## By village

| village | entries | earned | deducted | adjusted | redeemed | active | outstanding |
| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |
| 下堡村 | 7 | 12 | 5 | -1 | 30 | 2 | 81 |

## Points by category

| category | times | earned | deducted |
| --- | ---: | ---: | ---: |
| 环卫整治 | 7 | 12 | 5 |
| 志愿服务 | 0 | 0 | 0 |

## Top rules

| rank | rule | name | category | times | points |
| ---: | --- | --- | --- | ---: | ---: |
| 1 | sort-waste | 垃圾分类 | 环卫整治 | 4 | 2 |
| 2 | clean-yard | 庭院整洁 | 环卫整治 | 2 | 10 |
| 3 | litter | 乱扔垃圾 | 环卫整治 | 1 | -5 |

## Honor roll

| village | rank | household | head | earned |
| --- | ---: | --- | --- | ---: |
| 下堡村 | 1 | XB-017 | 司学霞 | 6 |
| 下堡村 | 1 | XB-018 | 王建国 | 6 |

## Goods redeemed

| village | item | name | qty | unit | points |
| --- | --- | --- | ---: | --- | ---: |
| 下堡村 | washing-powder | 洗衣粉 | 3 | 袋 | 30 |

## Stock at the period's end

| village | item | name | stock | unit | note |
| --- | --- | --- | ---: | --- | --- |
| 下堡村 | washing-powder | 洗衣粉 | 7 | 袋 |  |

## Weekly trend

| week | from | to | earned | deducted | redeemed |
| --- | --- | --- | ---: | ---: | ---: |
| 2026-W37 | 2026-09-07 | 2026-09-13 | 0 | 0 | 0 |
| 2026-W38 | 2026-09-14 | 2026-09-20 | 0 | 0 | 0 |
| 2026-W39 | 2026-09-21 | 2026-09-27 | 0 | 0 | 0 |
| 2026-W40 | 2026-09-28 | 2026-10-04 | 0 | 0 | 0 |
| 2026-W41 | 2026-10-05 | 2026-10-11 | 0 | 0 | 0 |
| 2026-W42 | 2026-10-12 | 2026-10-18 | 0 | 0 | 0 |
| 2026-W43 | 2026-10-19 | 2026-10-25 | 5 | 0 | 0 |
| 2026-W44 | 2026-10-26 | 2026-11-01 | 12 | 5 | 30 |

## Voids and adjustments

| date | kind | household | head | what | points | reason | by | id | voids |
| --- | --- | --- | --- | --- | ---: | --- | --- | --- | --- |
| 2026-10-30 | adjust | XB-018 | 王建国 |  | -1 | 罚款 \\| 复核 | baiyang | $adj |  |
EOF

# --top 1 keeps both households tied for first; honor roll order is by id
run jf-report --week 2026-W44 --village XB --top 1 --format csv
t_rc 0 "--top 1: exit 0"
grep '^[^,]*,[^,]*,honor_roll,' "$T/out" | tr -d '\r' >"$T/got"
cat >"$T/exp" <<'EOF'
2026-10-26,2026-11-01,honor_roll,XB,XB-017,司学霞,1,,,6,,,,,,,,,,,,,,,,
2026-10-26,2026-11-01,honor_roll,XB,XB-018,王建国,1,,,6,,,,,,,,,,,,,,,,
EOF
t_same "--top 1: a tie at the cut keeps every tied household, by id" "$T/exp" "$T/got"

# W45: the void of the redemption counts there, on its own date
run jf-report --week 2026-W45
t_rc 0 "W45: exit 0"
sed -n '/^Totals/,/^$/p' "$T/out" >"$T/got"
cat >"$T/exp" <<'EOF'
Totals
------
figure             value
entries                2
earned                 5
deducted               0
adjusted               0
redeemed             -30
households active      2
outstanding          166

EOF
t_same "W45: the later void of a redemption counts in its own week" "$T/exp" "$T/got"

# the default period is the last complete ISO week in the book's zone
run jf-report
t_rc 0 "no period: exit 0"
head -n 2 "$T/out" >"$T/got"
printf '%s\n' '龙渠乡 points report' '2026-W47: 2026-11-16 to 2026-11-22' >"$T/exp"
t_same "no period: last week (2026-W47 on 2026-11-28)" "$T/exp" "$T/got"
JF_NOW=2026-11-22T23:59:59+08:00 run jf-report --format json
t_ok "on a Sunday, 'last' is the week before (the zone's date, not UTC's)" grep -q '"period": "2026-W46"' "$T/out"
JF_NOW=2026-11-22T16:00:00Z run jf-report --format json
t_ok "16:00 UTC on Sunday is Monday in Asia/Shanghai: last week is W47" grep -q '"period": "2026-W47"' "$T/out"
run jf-report --week this --format json
t_ok "--week this is the week of today" grep -q '"period": "2026-W48"' "$T/out"
run jf-report --month 2026-10 --format json
t_ok "--month names the month" grep -q '"period": "2026-10"' "$T/out"
run jf-report --from 2026-10-26 --to 2026-11-01 --format json
t_ok "--from/--to of a whole week is that week" grep -q '"period": "2026-W44"' "$T/out"
run jf-report --from 2026-10-27 --format json
t_ok "--from alone ends today" grep -q '"to": "2026-11-28"' "$T/out"
t_ok "a period that is no week or month has a null period" grep -q '"period": null' "$T/out"

# same book, same bytes: every format, twice, from elsewhere, at another "now"
for f in text markdown csv json html; do
	jf-report --week 2026-W44 --deductions --format "$f" >"$T/a.$f" 2>&1
	(cd / && JF_NOW=2027-06-01T08:00:00+08:00 jf-report -C "$T/b" --week 2026-W44 \
		--deductions --format "$f") >"$T/b.$f" 2>&1
	# a printed page says the day it was printed (SPEC 4.5), the rest is the same
	for x in a b; do
		sed 's|<span>Printed: [0-9-]*</span>|<span>Printed: DATE</span>|' "$T/$x.$f" >"$T/$x.cmp"
	done
	t_ok "$f: the same book gives byte-identical reports" cmp -s "$T/a.cmp" "$T/b.cmp"
done
jf-void "$(sed -n 's/^- id: //p' ledger/2026/XB.yaml | sed -n 3p)" -r 'later void' >/dev/null 2>&1
t_ok "a void recorded later (dated today)" [ $? -eq 0 ]
for f in text json html; do
	jf-report --week 2026-W44 --deductions --format "$f" >"$T/c.$f" 2>&1
	t_ok "$f: a later void leaves the report of a past week unchanged" cmp -s "$T/a.$f" "$T/c.$f"
done

# -o FILE: the same bytes, written atomically; nothing on stdout
run jf-report --week 2026-W44 --deductions --format html -o "$T/w44.html"
t_rc 0 "-o: exit 0"
t_noout "-o: nothing on stdout"
t_ok "-o: the file holds the report" cmp -s "$T/a.html" "$T/w44.html"
ls -a "$T" | grep '^\.w44' >"$T/tmpfiles"
t_same "-o: no temporary file left behind" /dev/null "$T/tmpfiles"
echo old >"$T/w44.md"
run jf-report --week 2026-W44 --deductions --format markdown -o "$T/w44.md"
t_ok "-o: replaces an existing file" cmp -s "$T/a.markdown" "$T/w44.md"
run jf-report --week 2026-W44 --deductions -o -
t_ok "-o -: standard output" cmp -s "$T/w44.txt" "$T/out"
