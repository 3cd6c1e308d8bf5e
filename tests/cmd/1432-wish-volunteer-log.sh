#!/bin/sh
# 1432-wish-volunteer-log.sh - jf-log --volunteer V (SPEC 4.3): the
# volunteer's serves and the voids of them, line by line, with the running
# total of hours (志愿服务时长) and the stars of volunteer_stars:; a period
# shows its lines, the total counts the earlier ones; the refusals.
. "$JF_TOP/tests/cmd/lib.sh"
. "$JF_TOP/tests/cmd/wish-book.sh"
cd "$T" && wish_book b
JF_NOW=2026-11-30T12:00:00+08:00; export JF_NOW

run jf-log --volunteer V001
t_rc 0 "text: exit 0"
t_out "text: three serves and a void of one, the total and the stars after each" <<'EOF'
日期        类型   时长  累计时长  星级  户号  内容                        积分  编号                        备注
2026-11-10  serve  +2.5       2.5     1                                          01JW000000000000000000S001  上门理发
2026-11-22  serve    +3       5.5     2                                          01JW000000000000000000S002
2026-11-23  serve    +4       9.5     3                                          01JW000000000000000000S003
2026-11-24  void     -4       5.5     2        01JW000000000000000000S003        01JW000000000000000000V003  记重了
EOF
run jf-log --volunteer V001 --from 2026-11-20 --format json
t_out "json from 2026-11-20: the total counts the hours before" <<'EOF'
[
  {
    "id": "01JW000000000000000000S002",
    "date": "2026-11-22",
    "kind": "serve",
    "volunteer": "V001",
    "hours": 3,
    "total_hours": 5.5,
    "stars": 2,
    "by": "baiyang"
  },
  {
    "id": "01JW000000000000000000S003",
    "date": "2026-11-23",
    "kind": "serve",
    "volunteer": "V001",
    "hours": 4,
    "total_hours": 9.5,
    "stars": 3,
    "by": "baiyang"
  },
  {
    "id": "01JW000000000000000000V003",
    "date": "2026-11-24",
    "kind": "void",
    "volunteer": "V001",
    "hours": -4,
    "total_hours": 5.5,
    "stars": 2,
    "ref": "01JW000000000000000000S003",
    "reason": "记重了",
    "by": "baiyang"
  }
]
EOF
run jf-log --volunteer V001 --format csv --to 2026-11-23
tr -d '\r' <"$T/out" >"$T/lf" && mv "$T/lf" "$T/out"
t_out "csv to 2026-11-23: the void after it is not there" <<'EOF'
date,kind,hours,total_hours,stars,household,what,points,id,note
2026-11-10,serve,+2.5,2.5,1,,,,01JW000000000000000000S001,上门理发
2026-11-22,serve,+3,5.5,2,,,,01JW000000000000000000S002,
2026-11-23,serve,+4,9.5,3,,,,01JW000000000000000000S003,
EOF
run jf-log --volunteer V003 --format tsv
t_out "tsv: a township team's volunteer" <<'EOF'
date	kind	hours	total_hours	stars	household	what	points	id	note
2026-11-13	serve	+1.25	1.25	1				01JW000000000000000000S004	
EOF
run jf-log --volunteer V002 --month 2026-10
t_rc 0 "a month without service: exit 0"
t_ok "a month without service: no line" [ "$(wc -l <"$T/out")" -eq 1 ]

# without volunteer_stars: no stars column
sed -i '/^volunteer_stars:/d' jf.yaml
run jf-log --volunteer V003 --format tsv
t_out "no volunteer_stars: no stars" <<'EOF'
date	kind	hours	total_hours	household	what	points	id	note
2026-11-13	serve	+1.25	1.25				01JW000000000000000000S004	
EOF
run jf-log --volunteer V001 --format html --from 2026-11-20
t_rc 0 "html: exit 0"
for h in 志愿服务记录 "V001　白洋　下堡村孝老爱亲志愿服务队" "期间：2026-11-20 起" 承上 "作废：记重了" \
	 '<td class="num">5.5</td>' '<td class="num">-4</td>' "打印日期：2026-11-30"; do
	t_ok "html holds '$h'" grep -qF "$h" "$T/out"
done
t_ok "html: no type below 12pt" sh -c '! grep -oE "font-size:[0-9.]+pt" "$1" | grep -qE ":([0-9]|1[01])(\.[0-9]+)?pt"' - "$T/out"

t_refuse "an unknown volunteer" 1 jf-log --volunteer V009 <<'EOF'
jf-log: unknown volunteer 'V009'
EOF
for a in "XB-017" "--village XB"; do
	t_refuse "--volunteer and $a" 2 jf-log --volunteer V001 $a <<'EOF'
jf-log: --volunteer takes no household and no --village
usage: jf-log [-C dir] [--village code] [--from date] [--to date] [--as-of date] [--week week] [--month month] [--quarter quarter] [--year year] [--format fmt] [--bom] [--encoding enc] [--paper size] [--no-cache] [--volunteer id | household]
EOF
done
# the household's own statement is as before
run jf-log XB-017 --format tsv
t_rc 0 "a household's statement: exit 0"
t_ok "a household's statement: its wishes, no hours column" sh -c 'head -1 "$1" | grep -q "^date	household" && ! grep -q hours "$1"' - "$T/out"
