#!/bin/sh
# 1450-serve-rejected-hours.sh - a reviewed serve (SPEC 4.2, 4.3) that
# never counts (rejected, or voided before its counting day) is shown in
# jf-log --volunteer with its state but adds no hours to the running
# total, nor does the void take any back; jf-report's hours leave it out.
. "$JF_TOP/tests/cmd/lib.sh"
. "$JF_TOP/tests/cmd/wish-book.sh"
cd "$T" && wish_book b
printf 'review:\n  reviewers: [r1, r2]\n  approvals: 1\n  notice_days: 2\n' >>jf.yaml
sed -i 's/^goods:/  - {code: care, name: 敬老服务, category: 志愿服务, points: 2, review: true}\ngoods:/' catalogue.yaml
JF_NOW=2026-11-26T09:00:00+08:00; export JF_NOW
t_setup jf-serve V001 2 --activity care
R=$(lastid)
t_setup jf-review reject --reviewer r1 "$R" --reason 不实
t_setup jf-serve V001 1 --activity care
P=$(lastid)
t_setup jf-void "$P" --reason 记错了
Q=$(lastid)
t_setup jf-serve V001 0.5 --activity care
K=$(lastid)
JF_NOW=2026-11-30T12:00:00+08:00
t_save .
run jf-log --volunteer V001 --from 2026-11-26
t_rc 0 "jf-log --volunteer: exit 0"
t_noerr "... nothing on stderr"
t_out "... the rejected and the voided serve shown with their state, the total unchanged" <<EOF
日期        类型   时长  累计时长  星级  户号    内容  积分  编号                        备注
2026-11-26  serve    +2       5.5     2  XB-017  care    +4  $R  rejected
2026-11-26  serve    +1       5.5     2  XB-017  care    +2  $P  voided
2026-11-26  void      0       5.5     2  XB-017  care     0  $Q  记错了
2026-11-26  serve  +0.5         6     3  XB-017  care    +1  $K
EOF
run jf-log --volunteer V001 --from 2026-11-26 --format json
t_rc 0 "json: exit 0"
grep -E '"(id|hours|total_hours|state|counted)"' "$T/out" >"$T/part"; mv "$T/part" "$T/out"
t_out "json: state and counted on each reviewed serve" <<EOF
    "id": "$R",
    "hours": 2,
    "total_hours": 5.5,
    "state": "rejected",
    "counted": false,
    "id": "$P",
    "hours": 1,
    "total_hours": 5.5,
    "state": "voided",
    "counted": false,
    "id": "$Q",
    "hours": 0,
    "total_hours": 5.5,
    "id": "$K",
    "hours": 0.5,
    "total_hours": 6,
    "state": "pending",
    "counted": true,
EOF
run jf-log --volunteer V001 --to 2026-11-25 --format json
t_ok "--to before them: the total of before" grep -q '"total_hours": 5.5' "$T/out"
run jf-log --volunteer V001 --from 2026-11-26 --format html
t_rc 0 "the printed record: exit 0"
t_ok "... marks the rejected serve" grep -q '敬老服务（未通过）' "$T/out"
t_ok "... and the voided one" grep -q '敬老服务（作废）' "$T/out"
grep '^<tr><td>2026-11-26' "$T/out" >"$T/part"; mv "$T/part" "$T/out"
t_out "... its lines: the totals unchanged by the serves that never count" <<'EOF'
<tr><td>2026-11-26</td><td>敬老服务（未通过）</td><td class="num">+2</td><td class="num">5.5</td><td>★★☆☆☆</td></tr>
<tr><td>2026-11-26</td><td>敬老服务（作废）</td><td class="num">+1</td><td class="num">5.5</td><td>★★☆☆☆</td></tr>
<tr><td>2026-11-26</td><td>作废：记错了</td><td class="num">0</td><td class="num">5.5</td><td>★★☆☆☆</td></tr>
<tr><td>2026-11-26</td><td>敬老服务</td><td class="num">+0.5</td><td class="num">6</td><td>★★★☆☆</td></tr>
EOF
run jf-report --month 2026-11 --format tsv
t_rc 0 "jf-report: exit 0"
grep -E '^[0-9-]+	[0-9-]+	(team_hours	XB|volunteer_hours		V001)	' "$T/out" | cut -f3,4,5,33- >"$T/part"; mv "$T/part" "$T/out"
t_out "jf-report: only the serves that count" <<'EOF'
team_hours	XB					xb-care	1	6	
volunteer_hours		V001				xb-care		6	6
EOF
rm -rf .jf/cache*
run jf-report --month 2026-11 --format tsv
grep -E '^[0-9-]+	[0-9-]+	(team_hours	XB|volunteer_hours		V001)	' "$T/out" | cut -f3,4,5,33- >"$T/part"; mv "$T/part" "$T/out"
t_out "... the same without the cache" <<'EOF'
team_hours	XB					xb-care	1	6	
volunteer_hours		V001				xb-care		6	6
EOF
t_unchanged "reading appends nothing"
