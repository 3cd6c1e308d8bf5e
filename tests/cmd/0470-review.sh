#!/bin/sh
# 0470-review.sh - jf-review approve, object, reject and list (SPEC 4.2):
# every refusal (its message, exit status and the ledger's bytes), and an
# entry walked through its states across notice-day boundaries (JF_NOW),
# with jf-balance's balance and pending at each step.
. "$JF_TOP/tests/cmd/lib.sh"
X=ledger/2026/XB.yaml
t_eq() { [ "$3" = "$2" ] || echo "# want '$2', got '$3'"; t_ok "$1" [ "$3" = "$2" ]; }
# at DAY TIME: the clock (every step its own second: canonical order)
at() { JF_NOW=$1T$2+08:00; export JF_NOW; }
# bal HH: "balance pending" of household HH as jf-balance says today
bal() { jf-balance --format tsv "$1" | tail -n 1 | cut -f6,7 | tr '\t' ' '; }

t_book b; cd b || exit 99
printf 'review:\n  reviewers: [sixuexia, baiyang, shijuhua]\n  approvals: 2\n  notice_days: 3\n' >>jf.yaml
sed -i 's/^goods:/  - {code: good-deed, name: 好人好事, category: 公益活动, points: 10, review: true}\ngoods:/' catalogue.yaml
at 2026-11-28 09:00:00
t_setup jf-add XB-017 good-deed
E=$(lastid)
t_setup jf-add -b sixuexia XB-018 good-deed
F=$(lastid)
t_setup jf-add XB-017 clean-yard
P=$(lastid)
t_setup jf-add LQ-003 good-deed
G=$(lastid ledger/2026/LQ.yaml)
t_setup jf-void -r 重复 "$G"
t_eq "a reviewed earn: its points pending" "5 10" "$(bal XB-017)"

# ---- refusals: message, status, nothing written ----
t_refuse "a reviewer not in jf.yaml" 1 jf-review approve --reviewer wangwu "$E" <<EOF
jf-review: 'wangwu' is not one of the reviewers in jf.yaml
EOF
JF_OPERATOR=clerk t_refuse "an operator who is not a reviewer approves" 1 jf-review approve "$E" <<EOF
jf-review: 'clerk' is not one of the reviewers in jf.yaml
EOF
t_refuse "rejection by a non-reviewer" 1 jf-review reject --reviewer wangwu -r x "$E" <<EOF
jf-review: 'wangwu' is not one of the reviewers in jf.yaml
EOF
t_refuse "approving what one recorded" 1 jf-review approve "$E" <<EOF
jf-review: 'baiyang' recorded '$E'; nobody approves an entry they recorded
EOF
t_refuse "... also when a clerk types it" 1 jf-review approve -b clerk --reviewer sixuexia "$F" <<EOF
jf-review: 'sixuexia' recorded '$F'; nobody approves an entry they recorded
EOF
t_refuse "an entry that is not reviewed" 1 jf-review approve --reviewer sixuexia "$P" <<EOF
jf-review: '$P' (kind earn) is not under review
EOF
t_refuse "an objection to an entry that is not reviewed" 1 jf-review object -r x "$P" <<EOF
jf-review: '$P' (kind earn) is not under review
EOF
t_refuse "a voided entry" 1 jf-review approve --reviewer sixuexia "$G" <<EOF
jf-review: '$G' is voided
EOF
t_refuse "an objection to a voided entry" 1 jf-review object -r x "$G" <<EOF
jf-review: '$G' is voided
EOF
t_refuse "an unknown id" 1 jf-review approve --reviewer sixuexia 01JDZ3K4M5N6P7Q8R9S0T1U2Z9 <<EOF
jf-review: no entry with id '01JDZ3K4M5N6P7Q8R9S0T1U2Z9'
EOF
t_refuse "-d: a review is dated today" 2 jf-review approve -d 2026-11-20 --reviewer sixuexia "$E" <<EOF
jf-review: a review is dated the day it is recorded: -d/--date is not taken
usage: jf-review approve [-C dir] [-b name] [-n note] [--reviewer name] ... [--dry-run] [--wait seconds] [--no-cache] [--format fmt] id ...
EOF
t_refuse "--date=: the same" 2 jf-review reject --date=2026-11-20 -r x "$E" <<EOF
jf-review: a review is dated the day it is recorded: -d/--date is not taken
usage: jf-review reject [-C dir] [-b name] [-n note] [--reviewer name] [--dry-run] [--wait seconds] [--no-cache] [--format fmt] -r reason id
EOF
t_refuse "an objection needs a reason" 2 jf-review object "$E" <<EOF
jf-review: a reason is required (--reason TEXT)
usage: jf-review object [-C dir] [-b name] [-n note] [--dry-run] [--wait seconds] [--no-cache] [--format fmt] -r reason id
EOF
t_refuse "a rejection names one reviewer" 2 jf-review reject --reviewer sixuexia --reviewer shijuhua -r x "$E" <<EOF
jf-review: reject takes one --reviewer
usage: jf-review reject [-C dir] [-b name] [-n note] [--reviewer name] [--dry-run] [--wait seconds] [--no-cache] [--format fmt] -r reason id
EOF
t_refuse "an objection is to one id" 2 jf-review object -r x "$E" "$F" <<EOF
jf-review: object takes one id
usage: jf-review object [-C dir] [-b name] [-n note] [--dry-run] [--wait seconds] [--no-cache] [--format fmt] -r reason id
EOF
t_refuse "a bad id" 2 jf-review approve 'x y' <<EOF
jf-review: bad id 'x y'
usage: jf-review approve [-C dir] [-b name] [-n note] [--reviewer name] ... [--dry-run] [--wait seconds] [--no-cache] [--format fmt] id ...
EOF
t_refuse "no subcommand" 2 jf-review <<EOF
jf-review: expected approve, object, reject or list
usage: jf-review approve|object|reject|list [option ...] [id ...]
EOF
t_refuse "an unknown subcommand" 2 jf-review accept "$E" <<EOF
jf-review: unknown subcommand 'accept': approve, object, reject or list
usage: jf-review approve|object|reject|list [option ...] [id ...]
EOF
t_refuse "list takes no ids" 2 jf-review list "$E" <<EOF
jf-review: unexpected argument '$E'
usage: jf-review list [-C dir] [--village code] [--as-of date] [--no-cache] [--format fmt] [--bom] [--encoding enc] [--paper size]
EOF
run jf-review -C . list --village XB --format tsv
t_rc 0 "the subcommand may follow the shared options"

# ---- the walk: pending, twice, on notice, objection, again, counts ----
at 2026-11-28 10:00:00
run jf-review approve --reviewer sixuexia -n 评议组 "$E"
t_rc 0 "a first approval"
t_out "... says who approved and what is still needed" <<EOF
approve $E (earn) XB-017 司学霞 by sixuexia, pending: 1 of 2 approvals, balance 5, id $(lastid)
EOF
at 2026-11-28 10:30:00
t_refuse "approving twice in a round" 1 jf-review approve -b sixuexia "$E" <<EOF
jf-review: 'sixuexia' has approved '$E' in this round already
EOF
at 2026-11-28 11:00:00
run jf-review approve --reviewer shijuhua --format json "$E"
t_rc 0 "the second approval completes the round"
A2=$(lastid)
t_out "... JSON: the target's state after it" <<EOF
{"id":"$A2","kind":"approve","date":"2026-11-28","household":"XB-017","head":"司学霞","village":"XB","ref":"$E","ref_kind":"earn","points":0,"balance":5,"reviewer":"shijuhua","state":"notice","approvals":2,"needed":2,"counts_from":"2026-12-01","file":"ledger/2026/XB.yaml","dry_run":false}
EOF
t_eq "on notice: still pending in jf-balance" "5 10" "$(bal XB-017)"
at 2026-11-30 09:00:00
t_refuse "approving an entry on notice" 1 jf-review approve -b clerk --reviewer baiyang "$E" <<EOF
jf-review: '$E' is on notice from 2026-11-28 to 2026-11-30; an objection (jf-review object) reopens it
EOF
t_eq "the last day on notice: pending" "5 10" "$(bal XB-017)"
run jf-review list --format tsv
t_out "list: on notice, with its counting day" <<EOF
id	household	head	village	activity	points	date	state	approvals	needed	reviewers	counts_from
$E	XB-017	司学霞	XB	good-deed	10	2026-11-28	notice	2	2	sixuexia,shijuhua	2026-12-01
$F	XB-018	王建国	XB	good-deed	10	2026-11-28	pending	0	2		
EOF
at 2026-11-30 10:00:00
run jf-review object -b clerk -r 村民反映不属实 -n 王五提出 "$E"
t_rc 0 "an objection on the last notice day"
t_out "... the entry waits again, its approvals start over" <<EOF
object $E (earn) XB-017 司学霞, pending: 0 of 2 approvals, balance 5, id $(lastid)
EOF
at 2026-12-01 09:00:00
t_eq "the day it would have counted: still pending" "5 10" "$(bal XB-017)"
run jf-review list --format json --village XB
t_out "list JSON: exactly the keys of SPEC 4.2" <<EOF
[
  {
    "id": "$E",
    "household": "XB-017",
    "head": "司学霞",
    "village": "XB",
    "activity": "good-deed",
    "points": 10,
    "date": "2026-11-28",
    "state": "pending",
    "approvals": 0,
    "needed": 2,
    "reviewers": [],
    "counts_from": null
  },
  {
    "id": "$F",
    "household": "XB-018",
    "head": "王建国",
    "village": "XB",
    "activity": "good-deed",
    "points": 10,
    "date": "2026-11-28",
    "state": "pending",
    "approvals": 0,
    "needed": 2,
    "reviewers": [],
    "counts_from": null
  }
]
EOF
at 2026-12-01 10:00:00
run jf-review approve --reviewer sixuexia "$E"
t_rc 0 "after an objection the same reviewer approves again (a new round)"
at 2026-12-01 11:00:00
t_setup jf-review approve --reviewer shijuhua -b clerk "$E"
t_eq "on notice again from 2026-12-01" "5 10" "$(bal XB-017)"
run jf-review list --as-of 2026-11-29 --format tsv
t_out "list --as-of an earlier day: the state then" <<EOF
id	household	head	village	activity	points	date	state	approvals	needed	reviewers	counts_from
$E	XB-017	司学霞	XB	good-deed	10	2026-11-28	notice	2	2	sixuexia,shijuhua	2026-12-01
$F	XB-018	王建国	XB	good-deed	10	2026-11-28	pending	0	2		
EOF
run jf-balance --as-of 2026-12-04 --format tsv XB-017
t_out "jf-balance --as-of the counting day (2026-12-04): it counts" <<EOF
household	head	village	earned	spent	balance	pending
XB-017	司学霞	XB	15	0	15	0
EOF
at 2026-12-03 18:00:00
t_eq "the last notice day: pending" "5 10" "$(bal XB-017)"
t_refuse "redeeming pending points: only counting points are spent" 1 jf-redeem XB-017 soap 2 <<EOF
jf-redeem: balance short: XB-017 has 5 (10 more pending review), 2 x soap costs 6
EOF
at 2026-12-04 08:00:00
t_eq "the counting day: it counts" "15 0" "$(bal XB-017)"
t_refuse "a review of a counting entry" 1 jf-review approve --reviewer shijuhua "$E" <<EOF
jf-review: '$E' counts since 2026-12-04: its review is over; undo it with jf-void
EOF
t_refuse "an objection after the notice ended" 1 jf-review object -r 晚了 "$E" <<EOF
jf-review: '$E' counts since 2026-12-04: its review is over; undo it with jf-void
EOF
t_refuse "a rejection of a counting entry" 1 jf-review reject --reviewer shijuhua -r x "$E" <<EOF
jf-review: '$E' counts since 2026-12-04: its review is over; undo it with jf-void
EOF
run jf-review list --format tsv
t_out "list: a counting entry is no longer listed" <<EOF
id	household	head	village	activity	points	date	state	approvals	needed	reviewers	counts_from
$F	XB-018	王建国	XB	good-deed	10	2026-11-28	pending	0	2		
EOF

# ---- rejection ----
at 2026-12-04 09:00:00
run jf-review reject --reviewer shijuhua -r 不属实 "$F"
t_rc 0 "a rejection"
t_out "... says so" <<EOF
reject $F (earn) XB-018 王建国 by shijuhua, rejected, balance 0, id $(lastid)
EOF
t_eq "a rejected entry is not pending" "0 0" "$(bal XB-018)"
at 2026-12-04 10:00:00
t_refuse "approving a rejected entry" 1 jf-review approve --reviewer baiyang "$F" <<EOF
jf-review: '$F' was rejected on 2026-12-04; record the deed again if it is to count
EOF
t_refuse "an objection to a rejected entry" 1 jf-review object -r x "$F" <<EOF
jf-review: '$F' was rejected on 2026-12-04; record the deed again if it is to count
EOF
t_refuse "voiding a review entry" 1 jf-void -r x "$(lastid)" <<EOF
jf-void: '$(lastid)' (kind reject) cannot be voided
EOF

# ---- a meeting: two reviewers sign two ids, one write ----
at 2026-12-05 09:00:00
t_setup jf-add XB-018 good-deed
H1=$(lastid)
t_setup jf-add LQ-003 good-deed
H2=$(lastid ledger/2026/LQ.yaml)
at 2026-12-05 15:00:00
t_save .
t_refuse "a meeting with one refused signature: nothing written" 1 \
	jf-review approve --reviewer sixuexia --reviewer baiyang "$H1" "$H2" <<EOF
jf-review: 'baiyang' recorded '$H1'; nobody approves an entry they recorded
jf-review: 'baiyang' recorded '$H2'; nobody approves an entry they recorded
jf-review: nothing was recorded
EOF
t_save .
run jf-review approve --reviewer sixuexia --reviewer shijuhua "$H1" "$H2"
t_rc 0 "a meeting: 2 reviewers approve 2 ids"
sed 's/id [0-9A-Z]*$/id ID/' "$T/out" >"$T/o2" && mv "$T/o2" "$T/out"
t_out "... one line per entry" <<EOF
approve $H1 (earn) XB-018 王建国 by sixuexia, pending: 1 of 2 approvals, balance 0, id ID
approve $H1 (earn) XB-018 王建国 by shijuhua, on notice 2026-12-05 to 2026-12-07, counts from 2026-12-08, balance 0, id ID
approve $H2 (earn) LQ-003 李明 by sixuexia, pending: 1 of 2 approvals, balance 0, id ID
approve $H2 (earn) LQ-003 李明 by shijuhua, on notice 2026-12-05 to 2026-12-07, counts from 2026-12-08, balance 0, id ID
EOF
t_ok "... all four in the file of the first (SPEC 4.0)" [ "$(tail -n 28 $X | grep -c '^  kind: approve$')" -eq 4 ]
t_ok "... the other file untouched" cmp -s ledger/2026/LQ.yaml "$T/saved/ledger/2026/LQ.yaml"
run jf-review list --format csv
t_ok "list CSV: CRLF line ends" [ "$(grep -c "$(printf '\r')\$" "$T/out")" -eq 3 ]
tr -d '\r' <"$T/out" >"$T/o2" && mv "$T/o2" "$T/out"
t_out "list CSV" <<EOF
id,household,head,village,activity,points,date,state,approvals,needed,reviewers,counts_from
$H1,XB-018,王建国,XB,good-deed,10,2026-12-05,notice,2,2,"sixuexia,shijuhua",2026-12-08
$H2,LQ-003,李明,LQ,good-deed,10,2026-12-05,notice,2,2,"sixuexia,shijuhua",2026-12-08
EOF
run jf-review list --format json --dry-run
t_rc 2 "list takes no writer options"
run jf-review approve --reviewer sixuexia --dry-run --format json "$H1" "$H2"
t_rc 1 "approving entries on notice, several: refused"

# ---- dry run ----
at 2026-12-06 09:00:00
t_setup jf-add XB-017 good-deed
K=$(lastid)
t_save .
run jf-review approve --reviewer sixuexia --dry-run "$K"
t_rc 0 "--dry-run: checked"
t_noerr "--dry-run: quiet"
t_ok "--dry-run: says so" grep -q '^dry run, nothing written: approve' "$T/out"
t_unchanged "--dry-run: nothing written"

# ---- a book without a review procedure ----
cd "$T" && t_book plain && cd plain || exit 99
t_setup jf-add XB-017 clean-yard
Q=$(lastid)
t_refuse "no review: block: refused" 1 jf-review approve --reviewer sixuexia "$Q" <<EOF
jf-review: this book has no review procedure (no 'review:' block in jf.yaml)
EOF
run jf-review list --format json
t_rc 0 "no review: block: list is empty, not refused"
t_out "... an empty JSON array" <<EOF
[]
EOF
