# What a review changes in the readers (SPEC 4.2): jf-log's states and
# counting lines, jf-report's counting day and on_notice, jf-redeem's
# pending points, across notice-day, ISO-week (2026-W52/W53) and year
# boundaries; the cache and --no-cache agree.
. "$JF_TOP/tests/cmd/lib.sh"
t_book b && cd b || exit 99
printf 'review:\n  reviewers: [sixuexia, baiyang, shijuhua]\n  approvals: 2\n  notice_days: 3\n' >>jf.yaml
sed -i 's/limit: 1\/week/limit: 1\/week\n    review: true/' catalogue.yaml
mkdir -p ledger/2026 ledger/2027
# ent FILE ID DATE KIND FIELDS...: append an entry by baiyang
ent() {
	f=$1 i=$2 d=$3 k=$4; shift 4
	printf -- '- id: %s\n  date: %s\n  kind: %s\n' "$i" "$d" "$k" >>"$f"
	for x; do printf '  %s\n' "$x" >>"$f"; done
	printf '  by: baiyang\n' >>"$f"
}
X=ledger/2026/XB.yaml Y=ledger/2027/XB.yaml
P=01M7000000000000000000000
RV='approvals: 2'
# E2: W51, notice_days 1, complete on Sunday 2026-12-27 (W52): counts Monday
# 12-28 (W53); voided on 2027-01-02, after it counted
ent $X ${P}E2 2026-12-14 earn 'household: XB-017' 'activity: clean-yard' 'qty: 1' 'points: 5' "$RV" 'notice_days: 1'
ent $X ${P}A0 2026-12-01 adjust 'household: XB-017' 'points: 2' 'reason: 期初'
# E3: approved, objected to, rejected
ent $X ${P}E3 2026-12-21 earn 'household: XB-018' 'activity: clean-yard' 'qty: 1' 'points: 5' "$RV" 'notice_days: 3'
# E1: W52, complete on 2026-12-29: on notice 12-29..12-31, counts 2027-01-01
ent $X ${P}E1 2026-12-24 earn 'household: XB-017' 'activity: clean-yard' 'qty: 1' 'points: 5' "$RV" 'notice_days: 3'
ent $X ${P}R1 2026-12-22 approve "ref: ${P}E3" 'reviewer: sixuexia'
ent $X ${P}R2 2026-12-23 object "ref: ${P}E3" 'reason: 村民有异议'
ent $X ${P}R3 2026-12-24 reject "ref: ${P}E3" 'reviewer: shijuhua' 'reason: 不属实'
ent $X ${P}R4 2026-12-26 approve "ref: ${P}E2" 'reviewer: sixuexia'
ent $X ${P}R5 2026-12-27 approve "ref: ${P}E2" 'reviewer: shijuhua'
# E5: W53, voided while on notice: it never counts, the void takes nothing
ent $X ${P}E5 2026-12-28 earn 'household: XB-018' 'activity: clean-yard' 'qty: 1' 'points: 5' "$RV" 'notice_days: 3'
ent $X ${P}R6 2026-12-29 approve "ref: ${P}E1" 'reviewer: sixuexia'
ent $X ${P}R7 2026-12-29 approve "ref: ${P}E1" 'reviewer: shijuhua'
ent $X ${P}R8 2026-12-29 approve "ref: ${P}E5" 'reviewer: sixuexia'
ent $X ${P}R9 2026-12-29 approve "ref: ${P}E5" 'reviewer: shijuhua'
ent $X ${P}V5 2026-12-30 void "ref: ${P}E5" 'reason: 重复申报'
ent $Y ${P}V2 2027-01-02 void "ref: ${P}E2" 'reason: 记错户'
run jf-check
t_rc 0 "the book is valid"
JF_NOW=2027-01-04T10:00:00+08:00

# jf-log: each reviewed entry on its date with its state as of the
# statement's day, a line 'counts' on its counting day
run jf-log --as-of 2026-12-27 XB-017
t_rc 0 "jf-log --as-of 2026-12-27 (Sunday, W52)"
t_out "E2 on notice its one day, E1 pending: nothing counted" <<'EOF2'
date        kind     what                         qty  points  balance  id                           note      state
2026-12-01  adjust                                         +2        2  01M7000000000000000000000A0  期初
2026-12-14  earn     clean-yard                     1       0        2  01M7000000000000000000000E2            notice
2026-12-24  earn     clean-yard                     1       0        2  01M7000000000000000000000E1            pending
2026-12-26  approve  01M7000000000000000000000E2            0        2  01M7000000000000000000000R4  sixuexia
2026-12-27  approve  01M7000000000000000000000E2            0        2  01M7000000000000000000000R5  shijuhua
EOF2
run jf-log --as-of 2026-12-28 XB-017
t_out "Monday of W53: E2 counts, its second line" <<'EOF2'
date        kind     what                         qty  points  balance  id                           note      state
2026-12-01  adjust                                         +2        2  01M7000000000000000000000A0  期初
2026-12-14  earn     clean-yard                     1       0        2  01M7000000000000000000000E2            counts
2026-12-24  earn     clean-yard                     1       0        2  01M7000000000000000000000E1            pending
2026-12-26  approve  01M7000000000000000000000E2            0        2  01M7000000000000000000000R4  sixuexia
2026-12-27  approve  01M7000000000000000000000E2            0        2  01M7000000000000000000000R5  shijuhua
2026-12-28  counts   clean-yard                     1      +5        7  01M7000000000000000000000E2
EOF2
run jf-log --as-of 2026-12-31 XB-017
t_out "the last day of E1's notice, the year's last day" <<'EOF2'
date        kind     what                         qty  points  balance  id                           note      state
2026-12-01  adjust                                         +2        2  01M7000000000000000000000A0  期初
2026-12-14  earn     clean-yard                     1       0        2  01M7000000000000000000000E2            counts
2026-12-24  earn     clean-yard                     1       0        2  01M7000000000000000000000E1            notice
2026-12-26  approve  01M7000000000000000000000E2            0        2  01M7000000000000000000000R4  sixuexia
2026-12-27  approve  01M7000000000000000000000E2            0        2  01M7000000000000000000000R5  shijuhua
2026-12-28  counts   clean-yard                     1      +5        7  01M7000000000000000000000E2
2026-12-29  approve  01M7000000000000000000000E1            0        7  01M7000000000000000000000R6  sixuexia
2026-12-29  approve  01M7000000000000000000000E1            0        7  01M7000000000000000000000R7  shijuhua
EOF2
run jf-log --year 2027 XB-017
t_out "2027: E1 counts on New Year's day; the void of E2 takes back what counted" <<'EOF2'
date        kind    what                         qty  points  balance  id                           note    state
2027-01-01  counts  clean-yard                     1      +5       12  01M7000000000000000000000E1
2027-01-02  void    01M7000000000000000000000E2           -5        7  01M7000000000000000000000V2  记错户
EOF2
run jf-log XB-018
t_out "rejected after an objection; voided on notice: the void takes nothing" <<'EOF2'
date        kind     what                         qty  points  balance  id                           note              state
2026-12-21  earn     clean-yard                     1       0        0  01M7000000000000000000000E3                    rejected
2026-12-22  approve  01M7000000000000000000000E3            0        0  01M7000000000000000000000R1  sixuexia
2026-12-23  object   01M7000000000000000000000E3            0        0  01M7000000000000000000000R2  村民有异议
2026-12-24  reject   01M7000000000000000000000E3            0        0  01M7000000000000000000000R3  shijuhua: 不属实
2026-12-28  earn     clean-yard                     1       0        0  01M7000000000000000000000E5                    voided
2026-12-29  approve  01M7000000000000000000000E5            0        0  01M7000000000000000000000R8  sixuexia
2026-12-29  approve  01M7000000000000000000000E5            0        0  01M7000000000000000000000R9  shijuhua
2026-12-30  void     01M7000000000000000000000E5            0        0  01M7000000000000000000000V5  重复申报
EOF2
run jf-log --as-of 2026-12-31 --format json XB-017
tr -d '\n' <"$T/out" | sed 's/  */ /g' >"$T/j"
t_ok "json: E1 on notice, counts_from the counting day, no effect" \
	grep -q '"id": "01M7000000000000000000000E1",[^}]*"approvals": 2, "notice_days": 3, "by": "baiyang", "state": "notice", "counts_from": "2027-01-01", "effect": 0, "balance": 2 }' "$T/j"
t_ok "json: E2's counting line, kind counts" \
	grep -q '"id": "01M7000000000000000000000E2", "date": "2026-12-28", "kind": "counts",[^}]*"effect": 5, "balance": 7 }' "$T/j"
t_ok "json: an approval names its reviewer" \
	grep -q '"kind": "approve", "ref": "01M7000000000000000000000E1", "reviewer": "shijuhua", "by": "baiyang", "household": "XB-017", "effect": 0' "$T/j"
run jf-log --as-of 2026-12-20 --format csv XB-017
sed -i 's/\r$//' "$T/out"
t_out "csv: the state column last" <<'EOF2'
date,household,head,kind,what,qty,points,balance,id,note,state
2026-12-01,XB-017,司学霞,adjust,,,+2,2,01M7000000000000000000000A0,期初,
2026-12-14,XB-017,司学霞,earn,clean-yard,1,0,2,01M7000000000000000000000E2,,pending
EOF2

# jf-report: a reviewed entry counts on its counting day, for every figure
sect() { sed -n "/^$1/,/^\$/p" "$T/out"; }
t_got() { cat >"$T/exp"; t_same "$1" "$T/exp" "$T/got"; }
run jf-report --week 2026-W52
t_rc 0 "jf-report W52"
sect Totals >"$T/got"
t_got "W52: nothing reviewed counts yet (E2 counts on Monday of W53)" <<'EOF2'
Totals
------
figure             value
entries                7
earned                 0
deducted               0
adjusted               0
redeemed               0
households active      2
outstanding            2

EOF2
sect 'Top rules' >"$T/got"
t_got "W52: no rule applied (the uses count on the counting day)" <<'EOF2'
Top rules
---------
(none)

EOF2
sed -n '/^Voids/,$p' "$T/out" >"$T/got"
t_got "W52: objections and rejections listed with voids; on notice on Sunday" <<'EOF2'
Voids, adjustments, objections and rejections
---------------------------------------------
date        kind         household  head    points  by       reason
2026-12-23  object earn  XB-018     王建国       0  baiyang  村民有异议
2026-12-24  reject earn  XB-018     王建国       0  baiyang  不属实

On notice
---------
village  household  head    rule           name      points  from        to          counts from
下堡村   XB-017     司学霞  clean-yard x1  庭院整洁       5  2026-12-27  2026-12-27  2026-12-28
EOF2
run jf-report --week 2026-W53 --format csv
t_ok "csv: the review columns after the others" \
	grep -q ',reason,by,notice_from,notice_to,counts_from.$' "$T/out"
t_ok "csv W53: clean-yard used twice, one void: once, 5 points" \
	grep -q '^2026-12-28,2027-01-03,rule,,clean-yard,庭院整洁,1,,1,,,,,5,' "$T/out"
run jf-report --year 2026 --format json
tr -d '\n' <"$T/out" | sed 's/  */ /g' >"$T/j"
t_ok "json 2026: E1 on notice on the year's last day" \
	grep -q '"on_notice": \[ { "village": "XB", "household": "XB-017", "head": "司学霞", "activity": "clean-yard", "qty": 1, "name": "庭院整洁", "points": 5, "notice_from": "2026-12-29", "notice_to": "2026-12-31", "counts_from": "2027-01-01", "date": "2026-12-24", "id": "01M7000000000000000000000E1" } \]' "$T/j"
t_ok "json 2026: earned 5 (E2 only), outstanding 7" \
	grep -q '"totals": { "entries": 15, "earned": 5, "deducted": 0, "adjusted": 2, "redeemed": 0, "households": 2, "outstanding": 7 }' "$T/j"
run jf-report --year 2027 --format json
tr -d '\n' <"$T/out" | sed 's/  */ /g' >"$T/j"
t_ok "json 2027: E1 counts, the void takes back E2: net 0, nothing on notice" \
	grep -q '"totals": { "entries": 1, "earned": 0, "deducted": 0, "adjusted": 0, "redeemed": 0, "households": 1, "outstanding": 7 }.*"on_notice": \[\]' "$T/j"
run jf-report --village XB --notice --format html --year 2026
t_ok "the notice board lists the deed on notice" grep -q '<td>2026-12-29 to 2026-12-31</td>' "$T/out"
run jf-log --format html --as-of 2026-12-31 XB-017
t_ok "the passbook marks E1 on notice" grep -q '庭院整洁 (on notice)' "$T/out"

# the book as it stood on 2026-12-31 (the 2027 file not yet written): a
# period not yet over counts reviewed entries by today
mv $Y "$T/2027.yaml"
run env JF_NOW=2026-12-31T18:00:00+08:00 jf-report --week 2026-W53
sect Totals | grep -E 'earned|outstanding' >"$T/got"
t_got "W53 on 2026-12-31: E1 not counted yet" <<'EOF2'
earned                 5
outstanding            7
EOF2
t_ok "W53 on 2026-12-31: E1 on notice" grep -q '^下堡村   XB-017     司学霞  clean-yard x1  庭院整洁       5  2026-12-29  2026-12-31  2027-01-01$' "$T/out"
run env JF_NOW=2027-01-01T08:00:00+08:00 jf-report --week 2026-W53
sect Totals | grep -E 'earned|outstanding' >"$T/got"
t_got "W53 on 2027-01-01: E1 counts" <<'EOF2'
earned                10
outstanding           12
EOF2

# jf-redeem spends only counting points; its refusal says what is pending
t_refuse "redeem beyond the counting points" 1 env JF_NOW=2026-12-31T18:00:00+08:00 jf-redeem XB-017 soap 3 <<'EOF2'
jf-redeem: balance short: XB-017 has 7 (5 more pending review), 3 x soap costs 9
EOF2
t_refuse "the same without the cache" 1 env JF_NOW=2026-12-31T18:00:00+08:00 jf-redeem --no-cache XB-017 soap 3 <<'EOF2'
jf-redeem: balance short: XB-017 has 7 (5 more pending review), 3 x soap costs 9
EOF2
t_refuse "nothing pending: the message as before" 1 env JF_NOW=2026-12-31T18:00:00+08:00 jf-redeem XB-018 soap 1 <<'EOF2'
jf-redeem: balance short: XB-018 has 0, 1 x soap costs 3
EOF2
run env JF_NOW=2027-01-01T08:00:00+08:00 jf-redeem --dry-run XB-017 soap 3
t_rc 0 "on its counting day E1 can be spent"
t_ok "the dry run leaves 3" grep -q 'soap x3 -9, balance 3,' "$T/out"
mv "$T/2027.yaml" $Y

# the cache and --no-cache agree, on every boundary day
for day in 2026-12-27 2026-12-28 2026-12-31 2027-01-01 2027-01-02; do
	run jf-balance --as-of $day --format json
	cp "$T/out" "$T/cached"
	run jf-balance --as-of $day --format json --no-cache
	t_same "jf-balance --as-of $day: cache and --no-cache agree" "$T/cached" "$T/out"
done
t_ok "the cache was used" [ -n "$(ls .jf/cache 2>/dev/null)" ]
run jf-balance --as-of 2026-12-31 XB-017
t_out "jf-balance: pending on the last day of notice" <<'EOF2'
household  head    village  earned  spent  balance  pending
XB-017     司学霞  XB            7      0        7        5
EOF2
