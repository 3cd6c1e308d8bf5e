#!/bin/sh
# 1420-wish-writers.sh - jf-wish post|take|done|drop and jf-serve (SPEC
# 4.3): what they write, and every refusal of SPEC 4.3 with its message,
# exit status (1 refused, 2 usage) and no byte of the book changed.
. "$JF_TOP/tests/cmd/lib.sh"
t_eq() { [ "$3" = "$2" ] || echo "# want '$2', got '$3'"; t_ok "$1" [ "$3" = "$2" ]; }
at() { JF_NOW=$1T$2+08:00; export JF_NOW; }
X=ledger/2026/XB.yaml

t_book b; cd b || exit 99
cat >volunteers.yaml <<'EOF'
teams:
  - {code: xb-care, name: 下堡村孝老爱亲志愿服务队, village: XB}
  - {code: town, name: 龙渠乡志愿服务总队}
  - {code: old, name: 旧队, village: XB, until: 2026-06-30}
volunteers:
  - {id: V001, name: 白洋, team: xb-care, household: XB-017}
  - {id: V002, name: 石菊花, team: xb-care, household: XB-018}
  - {id: V009, name: 王五, team: town}
  - {id: V010, name: 赵六, team: town, household: XB-020}
  - {id: V011, name: 钱七, team: town, since: 2026-12-01}
EOF
sed -i 's/^goods:/  - {code: vol-hour, name: 志愿服务, category: 志愿服务, points: 1, limit: 4\/day}\n  - {code: care, name: 敬老服务, category: 志愿服务, points: 1.5, since: 2026-11-01}\ngoods:/' catalogue.yaml
printf 'services:\n  - {code: haircut, name: 理发}\n' >>catalogue.yaml
run jf-check
t_rc 0 "the book is valid"

# ---- post ----
at 2026-11-20 09:00:00
t_save .
run jf-wish post XB-017 给卧床的奶奶理发 --service haircut
t_rc 0 "post: exit 0"
W=$(lastid)
t_out "post: its line" <<EOF
wish XB-017 司学霞, open, id $W
EOF
t_appended "post: the entry" $X <<'EOF'
- id: ID
  date: 2026-11-20
  at: 2026-11-20T09:00:00+08:00
  kind: wish
  household: XB-017
  service: haircut
  text: 给卧床的奶奶理发
  by: baiyang
EOF
t_refuse "post: unknown household" 1 jf-wish post XB-999 修灯 <<'EOF'
jf-wish: unknown household 'XB-999'
EOF
t_refuse "post: unknown service" 1 jf-wish post XB-017 修灯 --service massage <<'EOF'
jf-wish: unknown service 'massage'
EOF
t_refuse "post: a closed account" 1 jf-wish post XB-020 修灯 <<'EOF'
jf-wish: the account of XB-020 was closed on 2026-06-30
EOF
t_refuse "post: no text" 2 jf-wish post XB-017 <<'EOF'
jf-wish: expected a household and the text of the wish
usage: jf-wish post [-C dir] [-d date] [-n note] [-b name] [--service code] [--dry-run] [--wait seconds] [--no-cache] [--format fmt] household text
EOF
t_refuse "post: an empty text" 2 jf-wish post XB-017 '' <<'EOF'
jf-wish: a wish needs its text
usage: jf-wish post [-C dir] [-d date] [-n note] [-b name] [--service code] [--dry-run] [--wait seconds] [--no-cache] [--format fmt] household text
EOF
t_refuse "unknown subcommand" 2 jf-wish grant $W <<'EOF'
jf-wish: unknown subcommand 'grant': post, take, done, drop or list
usage: jf-wish post|take|done|drop|list [option ...] [operand ...]
EOF
at 2026-11-20 09:30:00
t_setup jf-wish post XB-018 修台灯
W2=$(lastid)
t_setup jf-wish post LQ-003 送医
W3=$(lastid ledger/2026/LQ.yaml)

# ---- take: refusals ----
at 2026-11-21 09:00:00
t_refuse "done of an open wish" 1 jf-wish done $W <<EOF
jf-wish: wish '$W' is open: nobody has taken it on (jf-wish take first)
EOF
t_refuse "take without a team or volunteer" 2 jf-wish take $W <<'EOF'
jf-wish: a wish is taken by a team (--team) or a volunteer (--volunteer)
usage: jf-wish take [-C dir] [-d date] [-n note] [-b name] [--team code] [--volunteer id] [--dry-run] [--wait seconds] [--no-cache] [--format fmt] id
EOF
t_refuse "take: unknown team" 1 jf-wish take $W --team xb-cook <<'EOF'
jf-wish: unknown team 'xb-cook'
EOF
t_refuse "take: unknown volunteer" 1 jf-wish take $W --volunteer V999 <<'EOF'
jf-wish: unknown volunteer 'V999'
EOF
t_refuse "take: a team no longer active" 1 jf-wish take $W --team old <<'EOF'
jf-wish: team 'old' is not active on 2026-11-21
EOF
t_refuse "take: a volunteer not active yet" 1 jf-wish take $W --volunteer V011 <<'EOF'
jf-wish: volunteer 'V011' is not active on 2026-11-21
EOF
t_refuse "take: no such entry" 1 jf-wish take 01JDZ3K4M5N6P7Q8R9S0T1U2Z9 --team xb-care <<'EOF'
jf-wish: no entry with id '01JDZ3K4M5N6P7Q8R9S0T1U2Z9'
EOF
t_setup jf-add XB-017 clean-yard
E=$(lastid)
t_refuse "take: not a wish" 1 jf-wish take $E --team xb-care <<EOF
jf-wish: '$E' is not a wish but an entry of kind earn
EOF
t_refuse "take: dated before the wish" 1 jf-wish take -d 2026-11-19 $W --team xb-care <<EOF
jf-wish: a take cannot be dated 2026-11-19, before the wish '$W' (posted 2026-11-20)
EOF
t_refuse "take: a bad id" 2 jf-wish take 'not-an-id!' --team xb-care <<'EOF'
jf-wish: bad id 'not-an-id!'
usage: jf-wish take [-C dir] [-d date] [-n note] [-b name] [--team code] [--volunteer id] [--dry-run] [--wait seconds] [--no-cache] [--format fmt] id
EOF

# ---- take ----
t_save .
run jf-wish take $W --team xb-care --volunteer V001 -n 白洋带理发工具
t_rc 0 "take: exit 0"
TK=$(lastid)
t_out "take: its line" <<EOF
take $W (wish) XB-017 司学霞 team xb-care volunteer V001 白洋, taken, id $TK
EOF
t_appended "take: the entry" $X <<EOF
- id: ID
  date: 2026-11-21
  at: 2026-11-21T09:00:00+08:00
  kind: take
  volunteer: V001
  team: xb-care
  ref: $W
  note: 白洋带理发工具
  by: baiyang
EOF
at 2026-11-21 10:00:00
t_refuse "a second take" 1 jf-wish take $W --volunteer V002 <<EOF
jf-wish: wish '$W' was taken on 2026-11-21 (take $TK); a wish is taken once
EOF
run jf-wish take $W2 --volunteer V009 --format json
t_rc 0 "take by a volunteer alone, JSON: exit 0"
TK2=$(lastid)
t_out "take --format json" <<EOF
{"id":"$TK2","kind":"take","date":"2026-11-21","household":"XB-018","head":"王建国","village":"XB","ref":"$W2","ref_kind":"wish","points":0,"balance":0,"volunteer":"V009","volunteer_name":"王五","state":"taken","file":"$X","dry_run":false}
EOF

# ---- serve: refusals ----
t_refuse "serve: unknown volunteer" 1 jf-serve V999 2 <<'EOF'
jf-serve: unknown volunteer 'V999'
EOF
t_refuse "serve: a volunteer not active yet" 1 jf-serve V011 2 <<'EOF'
jf-serve: volunteer 'V011' is not active on 2026-11-21
EOF
for h in 0 -1 2.555 25 abc 1e1; do
	case $h in
	0|-1) why="hours must be more than 0" ;;
	2.555) why="more than two decimal places" ;;
	25) why="more than 24 hours" ;;
	*) why= ;;
	esac
	t_save .
	run jf-serve V001 -- "$h"
	t_rc 2 "serve: hours '$h': exit 2"
	t_errhas "serve: hours '$h': message" "jf-serve: bad hours '$h': $why"
	t_unchanged "serve: hours '$h': nothing written"
done
t_refuse "serve: unknown activity" 1 jf-serve V001 2 --activity dance <<'EOF'
jf-serve: unknown activity 'dance'
EOF
t_refuse "serve: a rule not valid on the day" 1 jf-serve -d 2026-10-20 V001 2 --activity care <<'EOF'
jf-serve: rule 'care' is not valid on 2026-10-20
EOF
t_refuse "serve: the volunteer's household's account is closed" 1 jf-serve V010 2 --activity vol-hour <<'EOF'
jf-serve: the account of XB-020 was closed on 2026-06-30
EOF
t_refuse "serve: more than the rule's limit, in hours" 1 jf-serve V001 4.5 --activity vol-hour <<'EOF'
jf-serve: limit reached: 'vol-hour' is at most 4 hours per day, and XB-017 has 0 in that day
EOF
t_refuse "serve: a wish not taken" 1 jf-serve V001 1 --wish $W3 <<EOF
jf-serve: wish '$W3' is open on 2026-11-21: a serve names a wish taken or done
EOF
t_refuse "serve: a wish that is no wish" 1 jf-serve V001 1 --wish $E <<EOF
jf-serve: '$E' is not a wish but an entry of kind earn
EOF
t_refuse "serve: no such wish" 1 jf-serve V001 1 --wish 01JDZ3K4M5N6P7Q8R9S0T1U2Z9 <<'EOF'
jf-serve: no entry with id '01JDZ3K4M5N6P7Q8R9S0T1U2Z9'
EOF
t_refuse "serve: a bad wish id" 2 jf-serve V001 1 --wish 'x!' <<'EOF'
jf-serve: bad wish id 'x!'
usage: jf-serve [-C dir] [-d date] [-n note] [-b name] [--activity code] [--wish id] [--dry-run] [--wait seconds] [--no-cache] [--format fmt] volunteer hours
EOF
t_refuse "serve: no hours" 2 jf-serve V001 <<'EOF'
jf-serve: expected a volunteer and the hours served
usage: jf-serve [-C dir] [-d date] [-n note] [-b name] [--activity code] [--wish id] [--dry-run] [--wait seconds] [--no-cache] [--format fmt] volunteer hours
EOF

# ---- serve ----
t_save .
run jf-serve V001 2.5 --activity vol-hour --wish $W
t_rc 0 "serve with an activity: exit 0"
S1=$(lastid)
t_out "serve: its line" <<EOF
serve V001 白洋 2.5 hours, wish $W, XB-017 司学霞 vol-hour +2.5, balance 7.5, id $S1
EOF
t_appended "serve: the entry" $X <<EOF
- id: ID
  date: 2026-11-21
  at: 2026-11-21T10:00:00+08:00
  kind: serve
  household: XB-017
  volunteer: V001
  hours: 2.5
  activity: vol-hour
  points: 2.5
  wish: $W
  by: baiyang
EOF
t_refuse "serve: the limit counts the hours served that day" 1 jf-serve V001 1.55 --activity vol-hour <<'EOF'
jf-serve: limit reached: 'vol-hour' is at most 4 hours per day, and XB-017 has 2.5 in that day
EOF
run jf-serve V001 1.5 --activity vol-hour
t_rc 0 "serve: up to the limit"
run jf-serve V009 3 --activity vol-hour --format json
t_rc 0 "serve of a volunteer without a household: exit 0"
S3=$(lastid)
t_out "... hours only, and the output says so" <<EOF
{"id":"$S3","kind":"serve","date":"2026-11-21","village":"XB","volunteer":"V009","volunteer_name":"王五","hours":3,"hours_only":true,"wish":null,"file":"$X","dry_run":false}
EOF
run jf-serve V009 2
t_out "... its line" <<EOF
serve V009 王五 2 hours, id $(lastid)
EOF
t_ok "hours only: no household, activity or points written" sh -c "! tail -n 8 $X | grep -q -e household -e activity -e points"
run jf-serve V001 20 --activity care
t_rc 0 "serve: 24 hours of V001 that day"
t_out "serve: rule x hours (1.5 x 20)" <<EOF
serve V001 白洋 20 hours, XB-017 司学霞 care +30, balance 39, id $(lastid)
EOF
t_refuse "serve: more than 24 hours a volunteer a day" 1 jf-serve V001 0.01 <<'EOF'
jf-serve: volunteer 'V001' has 24 hours on 2026-11-21 already; 0.01 more would pass 24 hours a day
EOF
run jf-serve -d 2026-11-20 V001 0.01
t_rc 0 "... another day is another day"
run jf-serve V001 0.33 --activity care -d 2026-11-22
t_rc 2 "serve dated in the future: a usage error"
at 2026-11-22 08:00:00
run jf-serve V001 0.33 --activity care
t_out "points are rule x hours rounded half away from zero (1.5 x 0.33 = 0.495)" <<EOF
serve V001 白洋 0.33 hours, XB-017 司学霞 care +0.5, balance 39.5, id $(lastid)
EOF
t_setup jf-adjust -r 扣分 -- XB-017 -100
at 2026-11-22 08:30:00
run jf-serve V001 1 --activity vol-hour
t_out "a serve into a negative balance" <<EOF
serve V001 白洋 1 hour, XB-017 司学霞 vol-hour +1, balance -59.5, id $(lastid)
EOF

# ---- done with serves: one write ----
at 2026-11-22 09:00:00
t_refuse "done --serve: a volunteer twice" 2 jf-wish done $W --serve V001:1 --serve V001:2 <<'EOF'
jf-wish: --serve names volunteer 'V001' twice
usage: jf-wish done [-C dir] [-d date] [-n note] [-b name] [--serve volunteer:hours] ... [--activity code] [--dry-run] [--wait seconds] [--no-cache] [--format fmt] id
EOF
t_refuse "done --serve: not V:HOURS" 2 jf-wish done $W --serve V001 <<'EOF'
jf-wish: bad --serve 'V001': VOLUNTEER:HOURS, as V001:2.5
usage: jf-wish done [-C dir] [-d date] [-n note] [-b name] [--serve volunteer:hours] ... [--activity code] [--dry-run] [--wait seconds] [--no-cache] [--format fmt] id
EOF
t_refuse "done --serve: two colons" 2 jf-wish done $W --serve V001:1:2 <<'EOF'
jf-wish: bad --serve 'V001:1:2': VOLUNTEER:HOURS, as V001:2.5
usage: jf-wish done [-C dir] [-d date] [-n note] [-b name] [--serve volunteer:hours] ... [--activity code] [--dry-run] [--wait seconds] [--no-cache] [--format fmt] id
EOF
t_refuse "done --activity without --serve" 2 jf-wish done $W --activity care <<'EOF'
jf-wish: --activity goes with --serve
usage: jf-wish done [-C dir] [-d date] [-n note] [-b name] [--serve volunteer:hours] ... [--activity code] [--dry-run] [--wait seconds] [--no-cache] [--format fmt] id
EOF
t_refuse "done --serve: one serve refused refuses all" 1 jf-wish done $W --serve V002:2 --serve V999:1 --activity care <<'EOF'
jf-wish: unknown volunteer 'V999'
jf-wish: nothing was recorded
EOF
t_refuse "done --serve: one serve past the limit refuses all" 1 jf-wish done $W --serve V002:2 --serve V001:3.5 --activity vol-hour <<'EOF'
jf-wish: limit reached: 'vol-hour' is at most 4 hours per day, and XB-017 has 1 in that day
jf-wish: nothing was recorded
EOF
t_save .
run jf-wish done $W --serve V001:2 --serve V002:1.25 --activity care
t_rc 0 "done with two serves: exit 0"
set -- $(sed -n 's/^- id: //p' $X | tail -n 3)
D=$1
t_out "done with two serves: a line each" <<EOF
done $W (wish) XB-017 司学霞, done, id $1
serve V001 白洋 2 hours, wish $W, XB-017 司学霞 care +3, balance -56.5, id $2
serve V002 石菊花 1.25 hours, wish $W, XB-018 王建国 care +1.88, balance 1.88, id $3
EOF
t_appended "done with two serves: the entries, one file" $X <<EOF
- id: ID
  date: 2026-11-22
  at: 2026-11-22T09:00:00+08:00
  kind: done
  ref: $W
  by: baiyang
- id: ID
  date: 2026-11-22
  at: 2026-11-22T09:00:00+08:00
  kind: serve
  household: XB-017
  volunteer: V001
  hours: 2
  activity: care
  points: 3
  wish: $W
  by: baiyang
- id: ID
  date: 2026-11-22
  at: 2026-11-22T09:00:00+08:00
  kind: serve
  household: XB-018
  volunteer: V002
  hours: 1.25
  activity: care
  points: 1.88
  wish: $W
  by: baiyang
EOF
at 2026-11-22 10:00:00
t_refuse "done of a done wish" 1 jf-wish done $W <<EOF
jf-wish: wish '$W' is done (2026-11-22, done $D)
EOF
t_refuse "take of a done wish" 1 jf-wish take $W --team town <<EOF
jf-wish: wish '$W' is done (2026-11-22, done $D)
EOF
t_refuse "drop of a done wish" 1 jf-wish drop $W -r 重复 <<EOF
jf-wish: wish '$W' is done (2026-11-22, done $D)
EOF
t_refuse "void of the take of a done wish" 1 jf-void $TK -r 错了 <<EOF
jf-void: take '$TK' cannot be voided: its wish is done (2026-11-22)
EOF
t_refuse "void of a done" 1 jf-void $D -r 错了 <<EOF
jf-void: '$D' (kind done) cannot be voided
EOF
run jf-serve V002 1 --wish $W
t_rc 0 "a serve names a done wish"

# ---- drop ----
t_refuse "drop without a reason" 2 jf-wish drop $W2 <<'EOF'
jf-wish: a reason is required (--reason TEXT)
usage: jf-wish drop [-C dir] [-d date] [-n note] [-b name] [--dry-run] [--wait seconds] [--no-cache] [--format fmt] -r reason id
EOF
t_save .
run jf-wish drop $W2 -r 已自行修好
t_rc 0 "drop of a taken wish: exit 0"
DR=$(lastid)
t_out "drop: its line" <<EOF
drop $W2 (wish) XB-018 王建国, dropped, id $DR
EOF
t_refuse "drop of a dropped wish" 1 jf-wish drop $W2 -r 又一次 <<EOF
jf-wish: wish '$W2' was dropped on 2026-11-22 (drop $DR)
EOF
t_refuse "done of a dropped wish" 1 jf-wish done $W2 <<EOF
jf-wish: wish '$W2' was dropped on 2026-11-22 (drop $DR)
EOF
t_refuse "serve of a dropped wish" 1 jf-serve V009 1 --wish $W2 <<EOF
jf-serve: wish '$W2' is dropped on 2026-11-22: a serve names a wish taken or done
EOF
t_refuse "void of a drop" 1 jf-void $DR -r x <<EOF
jf-void: '$DR' (kind drop) cannot be voided
EOF
run jf-wish drop $W3 -r 家属已送医 --format json
t_rc 0 "drop of an open wish"
t_ok "... its JSON says dropped" grep -q '"state":"dropped"' "$T/out"
t_ok "... filed in its village's ledger" grep -q "kind: drop" ledger/2026/LQ.yaml

# ---- backdating a follow-up before one that stands ----
at 2026-11-22 11:00:00
t_setup jf-wish post XB-017 理发二
W4=$(lastid)
t_setup jf-wish take $W4 --team xb-care
T4=$(lastid)
run jf-wish drop -d 2026-11-22 $W4 -r x --dry-run
t_rc 0 "a drop of a taken wish (dry run)"
t_refuse "a wish's follow-up dated before the wish" 1 jf-wish drop -d 2026-11-21 $W4 -r x <<EOF
jf-wish: a drop cannot be dated 2026-11-21, before the wish '$W4' (posted 2026-11-22)
EOF

# ---- jf-void of a take: open again, and taken again ----
t_save .
run jf-void $T4 -r 队里人手不够
t_rc 0 "void of a take: exit 0"
t_out "void of a take: the wish is open again" <<EOF
void $T4 (take) XB-017 司学霞 team xb-care, open, id $(lastid)
EOF
t_refuse "void of a voided take" 1 jf-void $T4 -r again <<EOF
jf-void: entry '$T4' is already voided
EOF
run jf-wish take $W4 --volunteer V002
t_rc 0 "taken again after the void"
T5=$(lastid)
t_refuse "... and then not a third time" 1 jf-wish take $W4 --volunteer V001 <<EOF
jf-wish: wish '$W4' was taken on 2026-11-22 (take $T5); a wish is taken once
EOF

# ---- jf-void of a serve: its hours and points ----
at 2026-11-22 12:00:00
run jf-balance --format tsv XB-017
t_out "before the void of a serve" <<'EOF'
household	head	village	earned	spent	balance
XB-017	司学霞	XB	-56.5	0	-56.5
EOF
run jf-void $S1 -r 记错了
t_rc 0 "void of a serve: exit 0"
t_out "void of a serve: its hours and points back" <<EOF
void $S1 (serve) XB-017 司学霞 volunteer V001 白洋 2.5 hours -2.5, balance -59, id $(lastid)
EOF
at 2026-11-22 12:30:00
run jf-serve -d 2026-11-21 V001 2.5 --activity vol-hour
t_rc 0 "the voided hours no longer count against the 24 of that day, nor against the rule's limit"
run jf-serve -d 2026-11-21 V001 0.01
t_rc 1 "... which are full again"

run jf-check
t_rc 0 "jf-check: the book is valid"
t_noerr "jf-check: quiet"
for c in "jf-balance --format tsv" "jf-balance --format json --as-of 2026-11-21"; do
	$c >"$T/c" 2>&1
	$c --no-cache >"$T/n" 2>&1
	t_same "$c: the cache agrees with --no-cache" "$T/n" "$T/c"
done
jf-report --week 2026-W47 --format json >"$T/c" 2>&1
rm -rf .jf
jf-report --week 2026-W47 --format json >"$T/n" 2>&1
t_same "jf-report: from the cache as from the ledger" "$T/n" "$T/c"

# ---- a serve under a reviewed rule is written as a reviewed entry ----
cd "$T" && t_book r && cd r || exit 99
cp ../b/volunteers.yaml . || exit 99
printf 'review:\n  reviewers: [r1, r2]\n  approvals: 1\n  notice_days: 2\n' >>jf.yaml
sed -i 's/^goods:/  - {code: care, name: 敬老服务, category: 志愿服务, points: 2, review: true}\ngoods:/' catalogue.yaml
at 2026-11-20 09:00:00
t_save .
run jf-serve V001 1.5 --activity care
t_rc 0 "a serve under a reviewed rule"
S=$(lastid)
t_out "... its points are pending review" <<EOF
serve V001 白洋 1.5 hours, XB-017 司学霞 care +3 pending review, balance 0, id $S
EOF
t_appended "... it carries approvals and notice_days" $X <<'EOF'
- id: ID
  date: 2026-11-20
  at: 2026-11-20T09:00:00+08:00
  kind: serve
  household: XB-017
  volunteer: V001
  hours: 1.5
  activity: care
  points: 3
  approvals: 1
  notice_days: 2
  by: baiyang
EOF
run jf-review list --format tsv
t_out "jf-review list shows the reviewed serve" <<END
id	household	head	village	activity	points	date	state	approvals	needed	reviewers	counts_from
$S	XB-017	司学霞	XB	care	3	2026-11-20	pending	0	1		
END
at 2026-11-21 09:00:00
t_setup jf-review approve --reviewer r1 "$S"
for d in 2026-11-22 2026-11-23; do
	jf-balance --as-of $d --format tsv XB-017 >"$T/c" 2>&1
	jf-balance --as-of $d --format tsv --no-cache XB-017 >"$T/n" 2>&1
	t_same "reviewed serve, --as-of $d: the cache agrees with --no-cache" "$T/n" "$T/c"
done
cp "$T/c" "$T/out"
t_out "reviewed serve: counts from its counting day" <<'EOF'
household	head	village	earned	spent	balance	pending
XB-017	司学霞	XB	3	0	3	0
EOF
run jf-check
t_rc 0 "reviewed serve: the book is valid"
# what a reader refuses of a serve
t_entry 01JDZ3K4M5N6P7Q8R9S0T1U2S1 serve 'volunteer: V001' 'hours: 1' 'approvals: 1' 'notice_days: 2' >>$X
t_save .
run jf-check
t_rc 3 "a reviewed serve without points: invalid"
t_errhas "... the message" "a reviewed serve earns points: it names its activity, household and points"
