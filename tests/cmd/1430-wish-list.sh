#!/bin/sh
# 1430-wish-list.sh - jf-wish list (SPEC 4.3): the wishes up (open and
# taken) as of a day, oldest first, with their age, who took them and the
# service; those up longer than wish_days: flagged.  A hand-written book
# with wishes in every state (open, taken, done, dropped, a take voided
# and the wish taken again, two takes merged from two clones), read as of
# several days (--as-of, JF_NOW) in every format; --all, --village; the
# refusals (message, exit status, nothing written).
. "$JF_TOP/tests/cmd/lib.sh"
. "$JF_TOP/tests/cmd/wish-book.sh"
cd "$T" && wish_book b
JF_NOW=2026-11-30T12:00:00+08:00; export JF_NOW

run jf-wish list
t_rc 0 "text: exit 0"
t_out "text, today (JF_NOW): W2, W3, W4 up over 14 days; W1 done and W5 dropped are not listed" <<'EOF'
编号                        户号    户主    村  心愿                服务项目  状态   服务队    服务队名称                  志愿者  志愿者姓名  发布日期    认领日期    结束日期  天数  超期
01JW000000000000000000W002  XB-018  王建国  XB  修一修堂屋的电灯    repair    open                                                             2026-11-02                          28  yes
01JW000000000000000000W003  LQ-003  李明    LQ  送我去乡卫生院复查  ride      taken  town-med  龙渠乡卫生院健康志愿服务队  V003    王强        2026-11-05  2026-11-12              25  yes
01JW000000000000000000W004  XB-017  司学霞  XB  帮老人写一副春联              taken                                        V001    白洋        2026-11-15  2026-11-16              15  yes
01JW000000000000000000W006  XB-017  司学霞  XB  剪个头发            haircut   open                                                             2026-11-25                           5  no
EOF
run jf-wish list --no-cache
t_out "--no-cache: the same (the list reads every byte anyway)" <<'EOF'
编号                        户号    户主    村  心愿                服务项目  状态   服务队    服务队名称                  志愿者  志愿者姓名  发布日期    认领日期    结束日期  天数  超期
01JW000000000000000000W002  XB-018  王建国  XB  修一修堂屋的电灯    repair    open                                                             2026-11-02                          28  yes
01JW000000000000000000W003  LQ-003  李明    LQ  送我去乡卫生院复查  ride      taken  town-med  龙渠乡卫生院健康志愿服务队  V003    王强        2026-11-05  2026-11-12              25  yes
01JW000000000000000000W004  XB-017  司学霞  XB  帮老人写一副春联              taken                                        V001    白洋        2026-11-15  2026-11-16              15  yes
01JW000000000000000000W006  XB-017  司学霞  XB  剪个头发            haircut   open                                                             2026-11-25                           5  no
EOF
run jf-wish list --as-of 2026-11-07 --format json
t_out "json as of 2026-11-07: W1 taken by a team, W3 by a volunteer (the take not yet voided)" <<'EOF'
[
  {
    "id": "01JW000000000000000000W001",
    "household": "XB-017",
    "head": "司学霞",
    "village": "XB",
    "text": "给卧床的奶奶理发",
    "service": "haircut",
    "state": "taken",
    "team": "xb-care",
    "team_name": "下堡村孝老爱亲志愿服务队",
    "volunteer": null,
    "volunteer_name": null,
    "posted": "2026-11-01",
    "taken": "2026-11-03",
    "ended": null,
    "age_days": 6,
    "flagged": false
  },
  {
    "id": "01JW000000000000000000W002",
    "household": "XB-018",
    "head": "王建国",
    "village": "XB",
    "text": "修一修堂屋的电灯",
    "service": "repair",
    "state": "open",
    "team": null,
    "team_name": null,
    "volunteer": null,
    "volunteer_name": null,
    "posted": "2026-11-02",
    "taken": null,
    "ended": null,
    "age_days": 5,
    "flagged": false
  },
  {
    "id": "01JW000000000000000000W003",
    "household": "LQ-003",
    "head": "李明",
    "village": "LQ",
    "text": "送我去乡卫生院复查",
    "service": "ride",
    "state": "taken",
    "team": null,
    "team_name": null,
    "volunteer": "V002",
    "volunteer_name": "李娜",
    "posted": "2026-11-05",
    "taken": "2026-11-06",
    "ended": null,
    "age_days": 2,
    "flagged": false
  }
]
EOF
run jf-wish list --as-of 2026-11-10 --format tsv
t_out "tsv as of 2026-11-10: W1 done that day is off the wall; W3 open again (its take voided)" <<'EOF'
id	household	head	village	text	service	state	team	team_name	volunteer	volunteer_name	posted	taken	ended	age_days	flagged
01JW000000000000000000W002	XB-018	王建国	XB	修一修堂屋的电灯	repair	open					2026-11-02			8	no
01JW000000000000000000W003	LQ-003	李明	LQ	送我去乡卫生院复查	ride	open					2026-11-05			5	no
EOF
run jf-wish list --as-of 2026-11-12 --format csv
t_ok "csv: every line ends in CRLF" [ "$(grep -c "$(printf '\r')\$" "$T/out")" -eq 3 ]
tr -d '\r' <"$T/out" >"$T/lf" && mv "$T/lf" "$T/out"
t_out "csv as of 2026-11-12: W3 taken again, by a township team and its volunteer" <<'EOF'
id,household,head,village,text,service,state,team,team_name,volunteer,volunteer_name,posted,taken,ended,age_days,flagged
01JW000000000000000000W002,XB-018,王建国,XB,修一修堂屋的电灯,repair,open,,,,,2026-11-02,,,10,no
01JW000000000000000000W003,LQ-003,李明,LQ,送我去乡卫生院复查,ride,taken,town-med,龙渠乡卫生院健康志愿服务队,V003,王强,2026-11-05,2026-11-12,,7,no
EOF
run env JF_NOW=2026-11-15T08:00:00+08:00 jf-wish list --format tsv
t_out "JF_NOW 2026-11-15: W4 posted today, both takes later; W2 13 days, not flagged yet" <<'EOF'
id	household	head	village	text	service	state	team	team_name	volunteer	volunteer_name	posted	taken	ended	age_days	flagged
01JW000000000000000000W002	XB-018	王建国	XB	修一修堂屋的电灯	repair	open					2026-11-02			13	no
01JW000000000000000000W003	LQ-003	李明	LQ	送我去乡卫生院复查	ride	taken	town-med	龙渠乡卫生院健康志愿服务队	V003	王强	2026-11-05	2026-11-12		10	no
01JW000000000000000000W004	XB-017	司学霞	XB	帮老人写一副春联		open					2026-11-15			0	no
EOF
run jf-wish list --all --format tsv
t_out "--all: every state; a done or dropped wish's age runs to its end" <<'EOF'
id	household	head	village	text	service	state	team	team_name	volunteer	volunteer_name	posted	taken	ended	age_days	flagged
01JW000000000000000000W001	XB-017	司学霞	XB	给卧床的奶奶理发	haircut	done	xb-care	下堡村孝老爱亲志愿服务队			2026-11-01	2026-11-03	2026-11-10	9	no
01JW000000000000000000W002	XB-018	王建国	XB	修一修堂屋的电灯	repair	open					2026-11-02			28	yes
01JW000000000000000000W003	LQ-003	李明	LQ	送我去乡卫生院复查	ride	taken	town-med	龙渠乡卫生院健康志愿服务队	V003	王强	2026-11-05	2026-11-12		25	yes
01JW000000000000000000W004	XB-017	司学霞	XB	帮老人写一副春联		taken			V001	白洋	2026-11-15	2026-11-16		15	yes
01JW000000000000000000W005	XB-018	王建国	XB	代买降压药		dropped					2026-11-18		2026-11-19	1	no
01JW000000000000000000W006	XB-017	司学霞	XB	剪个头发	haircut	open					2026-11-25			5	no
EOF
run jf-wish list --village LQ --format tsv
t_out "--village LQ: that village's wishes" <<'EOF'
id	household	head	village	text	service	state	team	team_name	volunteer	volunteer_name	posted	taken	ended	age_days	flagged
01JW000000000000000000W003	LQ-003	李明	LQ	送我去乡卫生院复查	ride	taken	town-med	龙渠乡卫生院健康志愿服务队	V003	王强	2026-11-05	2026-11-12		25	yes
EOF

# without wish_days: nothing is flagged
sed -i '/^wish_days:/d' jf.yaml
run jf-wish list --format json
t_rc 0 "no wish_days: exit 0"
t_ok "no wish_days: nothing flagged" sh -c '! grep -q "\"flagged\": true" "$1"' - "$T/out"
t_ok "no wish_days: the wishes still listed" [ "$(grep -c '"id"' "$T/out")" -eq 4 ]

# a book without volunteers.yaml or wishes: an empty list
cd "$T" && t_book plain && cd plain || exit 99
run jf-wish list --format tsv
t_rc 0 "a book without wishes: exit 0"
t_out "a book without wishes: the header only" <<'EOF'
id	household	head	village	text	service	state	team	team_name	volunteer	volunteer_name	posted	taken	ended	age_days	flagged
EOF
run jf-wish list --format json
t_out "a book without wishes: an empty JSON array" <<'EOF'
[]
EOF

# a cut-short tail after the wishes: refused as by every reader, the
# scanner's message once (the wishes' texts are read again from the file,
# which says nothing more)
cd "$T" && rm -rf b && wish_book b
printf -- '- id: 01JW000000000000000000Z001\n  date: 2026-11-26\n  kind: wish\n  household: XB-017\n  text: "给' >>$X
t_refuse "a cut-short tail" 3 jf-wish list <<'EOF'
jf-wish: ledger/2026/XB.yaml:90:1: the last entry is cut short (an interrupted write?); 'jf-check --repair' sets it aside
EOF

cd "$T/b" || exit 99
t_refuse "an unknown village" 1 jf-wish list --village XX <<'EOF'
jf-wish: unknown village 'XX'
EOF
t_refuse "--paper without --format html" 2 jf-wish list --paper a5 <<'EOF'
jf-wish: --paper is for --format html
usage: jf-wish list [-C dir] [--all] [--village code] [--as-of date] [--no-cache] [--format fmt] [--bom] [--encoding enc] [--paper size]
EOF
run jf-wish list --as-of 2026-13-01
t_rc 2 "a bad --as-of: exit 2"
t_errhas "a bad --as-of: said" "--as-of date"
run jf-wish list XB-017
t_rc 2 "an operand: exit 2"
run jf-wish list --format markdown
t_rc 2 "--format markdown: exit 2"
