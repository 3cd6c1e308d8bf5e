#!/bin/sh
# 1434-wish-report.sh - jf-report in a book with the wish wall (SPEC 4.3):
# the period's wishes (posted, taken, done, dropped, open at the end, the
# oldest open then) and the hours of service by team and by volunteer, in
# text, Markdown, CSV, TSV and JSON, for a month, a week and a village;
# new columns and keys only in books that use the wish wall (SPEC 4.0).
. "$JF_TOP/tests/cmd/lib.sh"
. "$JF_TOP/tests/cmd/wish-book.sh"
cd "$T" && wish_book b
JF_NOW=2026-11-30T12:00:00+08:00; export JF_NOW
# from the line "$1" on
from() { sed -n "/^$1/,\$p" "$T/out" >"$T/part" && mv "$T/part" "$T/out"; }

run jf-report --month 2026-11
t_rc 0 "text: exit 0"
from '微心愿'
t_out "text: the wishes of November (a take voided later still counted; the superseded one not) and the hours" <<'EOF'
微心愿
------
项目                        数值
新发布                         6
认领                           4
完成                           1
撤下                           1
期末未完成                     4
最久未完成：户号          XB-018
最久未完成：户主          王建国
最久未完成：发布日期  2026-11-02
最久未完成：天数              28

各志愿服务队服务时长
--------------------
服务队    名称                        服务人数  时长（小时）
xb-care   下堡村孝老爱亲志愿服务队           1           5.5
lq-help   龙渠村邻里互助志愿服务队           1          0.75
town-med  龙渠乡卫生院健康志愿服务队         1          1.25
          合计                               3           7.5

志愿者服务时长
--------------
志愿者  名称  服务队    时长（小时）  累计时长  星级
V001    白洋  xb-care            5.5       5.5     2
V002    李娜  lq-help           0.75      0.75     0
V003    王强  town-med          1.25      1.25     1
EOF
run jf-report --month 2026-11 --format markdown
from '## 微心愿'
t_out "markdown: the same sections" <<'EOF'
## 微心愿

| 项目 | 数值 |
| --- | ---: |
| 新发布 | 6 |
| 认领 | 4 |
| 完成 | 1 |
| 撤下 | 1 |
| 期末未完成 | 4 |
| 最久未完成：户号 | XB-018 |
| 最久未完成：户主 | 王建国 |
| 最久未完成：发布日期 | 2026-11-02 |
| 最久未完成：天数 | 28 |

## 各志愿服务队服务时长

| 服务队 | 名称 | 服务人数 | 时长（小时） |
| --- | --- | ---: | ---: |
| xb-care | 下堡村孝老爱亲志愿服务队 | 1 | 5.5 |
| lq-help | 龙渠村邻里互助志愿服务队 | 1 | 0.75 |
| town-med | 龙渠乡卫生院健康志愿服务队 | 1 | 1.25 |
|  | **合计** | **3** | **7.5** |

## 志愿者服务时长

| 志愿者 | 名称 | 服务队 | 时长（小时） | 累计时长 | 星级 |
| --- | --- | --- | ---: | ---: | ---: |
| V001 | 白洋 | xb-care | 5.5 | 5.5 | 2 |
| V002 | 李娜 | lq-help | 0.75 | 0.75 | 0 |
| V003 | 王强 | town-med | 1.25 | 1.25 | 1 |
EOF
run jf-report --month 2026-11 --format csv
t_ok "csv: CRLF" grep -q "$(printf '\r')\$" "$T/out"
tr -d '\r' <"$T/out" >"$T/lf" && mv "$T/lf" "$T/out"
grep -E '^(from|[0-9-]+,[0-9-]+,(review|wishes|team_hours|volunteer_hours)),' "$T/out" >"$T/part"; mv "$T/part" "$T/out"
t_out "csv: the new columns after the others; the wish and hours rows; a void of a serve shows no rule" <<'EOF'
from,to,section,village,key,name,rank,entries,qty,earned,deducted,adjusted,redeemed,points,households,outstanding,stock,low,date,id,kind,ref,ref_kind,what,reason,by,posted,taken,done,dropped,open,age_days,team,volunteers,hours,total_hours
2026-11-01,2026-11-30,review,LQ,LQ-003,李明,,,,,,,,0,,,,,2026-11-08,01JW000000000000000000V001,void,01JW000000000000000000T003,take,,李娜那天有事,baiyang,,,,,,,,,,
2026-11-01,2026-11-30,review,XB,,,,,,,,,,,,,,,2026-11-24,01JW000000000000000000V003,void,01JW000000000000000000S003,serve,,记重了,baiyang,,,,,,,,,,
2026-11-01,2026-11-30,wishes,,XB-018,王建国,,,,,,,,,,,,,2026-11-02,,,,,,,,6,4,1,1,4,28,,,,
2026-11-01,2026-11-30,team_hours,XB,,下堡村孝老爱亲志愿服务队,,,,,,,,,,,,,,,,,,,,,,,,,,,xb-care,1,5.5,
2026-11-01,2026-11-30,team_hours,LQ,,龙渠村邻里互助志愿服务队,,,,,,,,,,,,,,,,,,,,,,,,,,,lq-help,1,0.75,
2026-11-01,2026-11-30,team_hours,,,龙渠乡卫生院健康志愿服务队,,,,,,,,,,,,,,,,,,,,,,,,,,,town-med,1,1.25,
2026-11-01,2026-11-30,volunteer_hours,,V001,白洋,,,2,,,,,,,,,,,,,,,,,,,,,,,,xb-care,,5.5,5.5
2026-11-01,2026-11-30,volunteer_hours,,V002,李娜,,,0,,,,,,,,,,,,,,,,,,,,,,,,lq-help,,0.75,0.75
2026-11-01,2026-11-30,volunteer_hours,,V003,王强,,,1,,,,,,,,,,,,,,,,,,,,,,,,town-med,,1.25,1.25
EOF
run jf-report --month 2026-11 --format tsv
grep -E '^(from|[0-9-]+	[0-9-]+	(wishes|team_hours|volunteer_hours))	' "$T/out" >"$T/part"; mv "$T/part" "$T/out"
t_out "tsv: the same rows" <<'EOF'
from	to	section	village	key	name	rank	entries	qty	earned	deducted	adjusted	redeemed	points	households	outstanding	stock	low	date	id	kind	ref	ref_kind	what	reason	by	posted	taken	done	dropped	open	age_days	team	volunteers	hours	total_hours
2026-11-01	2026-11-30	wishes		XB-018	王建国													2026-11-02								6	4	1	1	4	28				
2026-11-01	2026-11-30	team_hours	XB		下堡村孝老爱亲志愿服务队																											xb-care	1	5.5	
2026-11-01	2026-11-30	team_hours	LQ		龙渠村邻里互助志愿服务队																											lq-help	1	0.75	
2026-11-01	2026-11-30	team_hours			龙渠乡卫生院健康志愿服务队																											town-med	1	1.25	
2026-11-01	2026-11-30	volunteer_hours		V001	白洋			2																								xb-care		5.5	5.5
2026-11-01	2026-11-30	volunteer_hours		V002	李娜			0																								lq-help		0.75	0.75
2026-11-01	2026-11-30	volunteer_hours		V003	王强			1																								town-med		1.25	1.25
EOF
run jf-report --month 2026-11 --format json
from '  "wishes"'
t_out "json: wishes, team_hours, volunteer_hours last" <<'EOF'
  "wishes": {
    "posted": 6,
    "taken": 4,
    "done": 1,
    "dropped": 1,
    "open": 4,
    "oldest_household": "XB-018",
    "oldest_head": "王建国",
    "oldest_posted": "2026-11-02",
    "oldest_age_days": 28
  },
  "team_hours": [
    {
      "team": "xb-care",
      "name": "下堡村孝老爱亲志愿服务队",
      "village": "XB",
      "volunteers": 1,
      "hours": 5.5
    },
    {
      "team": "lq-help",
      "name": "龙渠村邻里互助志愿服务队",
      "village": "LQ",
      "volunteers": 1,
      "hours": 0.75
    },
    {
      "team": "town-med",
      "name": "龙渠乡卫生院健康志愿服务队",
      "village": null,
      "volunteers": 1,
      "hours": 1.25
    }
  ],
  "volunteer_hours": [
    {
      "volunteer": "V001",
      "name": "白洋",
      "team": "xb-care",
      "hours": 5.5,
      "total_hours": 5.5,
      "stars": 2
    },
    {
      "volunteer": "V002",
      "name": "李娜",
      "team": "lq-help",
      "hours": 0.75,
      "total_hours": 0.75,
      "stars": 0
    },
    {
      "volunteer": "V003",
      "name": "王强",
      "team": "town-med",
      "hours": 1.25,
      "total_hours": 1.25,
      "stars": 1
    }
  ]
}
EOF
run jf-report --week 2026-W46 --format json
from '  "wishes"'
t_out "json, week 46: one posted, one taken (the second take of W3), one done; three up on its Sunday" <<'EOF'
  "wishes": {
    "posted": 1,
    "taken": 1,
    "done": 1,
    "dropped": 0,
    "open": 3,
    "oldest_household": "XB-018",
    "oldest_head": "王建国",
    "oldest_posted": "2026-11-02",
    "oldest_age_days": 13
  },
  "team_hours": [
    {
      "team": "xb-care",
      "name": "下堡村孝老爱亲志愿服务队",
      "village": "XB",
      "volunteers": 1,
      "hours": 2.5
    },
    {
      "team": "lq-help",
      "name": "龙渠村邻里互助志愿服务队",
      "village": "LQ",
      "volunteers": 0,
      "hours": 0
    },
    {
      "team": "town-med",
      "name": "龙渠乡卫生院健康志愿服务队",
      "village": null,
      "volunteers": 1,
      "hours": 1.25
    }
  ],
  "volunteer_hours": [
    {
      "volunteer": "V001",
      "name": "白洋",
      "team": "xb-care",
      "hours": 2.5,
      "total_hours": 2.5,
      "stars": 1
    },
    {
      "volunteer": "V003",
      "name": "王强",
      "team": "town-med",
      "hours": 1.25,
      "total_hours": 1.25,
      "stars": 1
    }
  ]
}
EOF
run jf-report --month 2026-11 --village LQ --format json
from '  "wishes"'
t_out "json, --village LQ: its wishes, its teams and volunteers (not the township's)" <<'EOF'
  "wishes": {
    "posted": 1,
    "taken": 2,
    "done": 0,
    "dropped": 0,
    "open": 1,
    "oldest_household": "LQ-003",
    "oldest_head": "李明",
    "oldest_posted": "2026-11-05",
    "oldest_age_days": 25
  },
  "team_hours": [
    {
      "team": "lq-help",
      "name": "龙渠村邻里互助志愿服务队",
      "village": "LQ",
      "volunteers": 1,
      "hours": 0.75
    }
  ],
  "volunteer_hours": [
    {
      "volunteer": "V002",
      "name": "李娜",
      "team": "lq-help",
      "hours": 0.75,
      "total_hours": 0.75,
      "stars": 0
    }
  ]
}
EOF
run jf-report --month 2026-11 --format html
t_rc 0 "html: exit 0"
t_ok "html: the sections on the township page and each village's" \
	[ "$(grep -c '<section class="wish-sums keep">' "$T/out")" -eq 3 ]
for h in 各志愿服务队服务时长 志愿者服务时长 龙渠乡卫生院健康志愿服务队 最久未完成：户主; do
	t_ok "html holds '$h'" grep -qF "$h" "$T/out"
done
# the report reads every byte: a cache written by jf-balance changes nothing
run jf-report --month 2026-11 --format json
cp "$T/out" "$T/before"
run jf-balance
run jf-report --month 2026-11 --format json
t_ok "a cache present: the same report" cmp -s "$T/before" "$T/out"

# a wish in a book without volunteers.yaml: the wishes, no team
cd "$T" && t_book w && cd w || exit 99
mkdir -p ledger/2026
ent 01JW000000000000000000W001 2026-11-03 wish 'household: XB-017' 'text: 修水管' >ledger/2026/XB.yaml
run jf-report --month 2026-11 --format json
from '  "wishes"'
t_out "a wish without volunteers.yaml: the section, no team, no volunteer" <<'EOF'
  "wishes": {
    "posted": 1,
    "taken": 0,
    "done": 0,
    "dropped": 0,
    "open": 1,
    "oldest_household": "XB-017",
    "oldest_head": "司学霞",
    "oldest_posted": "2026-11-03",
    "oldest_age_days": 27
  },
  "team_hours": [],
  "volunteer_hours": []
}
EOF
run jf-report --month 2026-10 --format csv
t_ok "csv: the wish columns in a book with a wish (a later one too)" sh -c 'head -1 "$1" | grep -q ",posted,taken,done,dropped,open,age_days,team,volunteers,hours,total_hours"' - "$T/out"
# and without: as before (SPEC 4.0)
cd "$T" && t_book p && cd p || exit 99
run jf-report --month 2026-11 --format json
t_ok "a book without the wish wall: no wishes key" sh -c '! grep -q "wishes\|_hours" "$1"' - "$T/out"
run jf-report --month 2026-11 --format csv
t_ok "a book without the wish wall: no new CSV column" sh -c 'head -1 "$1" | grep -q ",reason,by.$"' - "$T/out"
