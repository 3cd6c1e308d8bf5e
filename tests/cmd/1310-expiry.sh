# Expiry (清零, SPEC 4.4): expiry: and stars: read strictly; jf-balance adds
# expired and expiring only in books with expiry:; no writer spends expired
# points; jf-expire writes receipts once (twice run, or two clones merged);
# jf-check warns where receipts differ; the cache agrees with --no-cache.
. "$JF_TOP/tests/cmd/lib.sh"
U='usage: jf-expire [-C dir] [--as-of date] [-b name] [--dry-run] [--wait seconds] [--no-cache] [--format fmt]'

# ---- the settings, read strictly ----
t_book s; cd s || exit 99
cp jf.yaml jf.base
bad() { cp jf.base jf.yaml; printf '%s\n' "$1" >>jf.yaml; shift; t_invalid "$@"; }
bad 'expiry: {every: month}' "expiry: bad every" "jf.yaml:7:17: bad 'every' 'month' (year-end)"
bad 'expiry: {years: 0}' "expiry: years 0" "jf.yaml:7:17: bad 'years' '0': number out of range (1 to 100)"
bad 'expiry: {every: year-end, years: 2}' "expiry: both" "jf.yaml:7:27: 'expiry' takes 'every' or 'years', not both"
bad 'expiry: {since: 2027-01-01}' "expiry: neither" "jf.yaml:7:9: 'expiry' needs 'every: year-end' or 'years: N'"
bad 'expiry: {every: year-end, since: 2027-13-01}' "expiry: bad since" "jf.yaml:7:34: bad 'since' date '2027-13-01': no such month"
bad 'expiry: {every: year-end, x: 1}' "expiry: unknown key" "jf.yaml:7:27: unknown key 'x' in 'expiry'"
bad 'expiry: year-end' "expiry: not a mapping" "jf.yaml:7:9: 'expiry' must be a mapping"
bad 'stars: {levels: [{stars: 3, min: 100}], veto: [dance]}' "stars: unknown veto" "jf.yaml:7:48: 'stars' vetoes unknown activity 'dance'"
bad 'stars: {levels: []}' "stars: no levels" "jf.yaml:7:17: 'levels' is empty"
bad 'stars: {levels: [{stars: 3, min: 100}, {stars: 4, min: 90}]}' "stars: more stars, fewer points" \
	"jf.yaml:7:56: star levels must ask more points for more stars"
bad 'stars: {levels: [{stars: 3, min: 100}, {stars: 3, min: 200}]}' "stars: a level twice" \
	"jf.yaml:7:48: duplicate star level 3"
bad 'stars: {levels: [{stars: 11, min: 100}]}' "stars: 11" "jf.yaml:7:26: bad 'stars' '11': number out of range (1 to 10)"
cp jf.base jf.yaml
cat >>jf.yaml <<'EOF'
stars:
  base: 10
  veto: [litter]
  levels:
    - {stars: 4, min: 150}
    - {stars: 5, min: 200}
EOF
run jf-check
t_rc 0 "stars: a valid block"
cd .. || exit 99

# ---- figures ----
t_book b; cd b || exit 99
cat >>jf.yaml <<'EOF'
expiry: {years: 2}
EOF
t_setup jf-adjust -d 2024-03-01 -r 期初 XB-017 30
t_setup jf-adjust -d 2025-03-01 -r 期初 XB-018 20
t_setup jf-adjust -d 2024-03-01 -r 期初 LQ-003 7
t_setup jf-redeem -d 2025-01-02 XB-017 soap 2
t_setup jf-adjust -d 2026-02-01 -r 奖励 XB-017 5
run jf-balance --format tsv
t_rc 0 "balance: exit 0"
t_out "balance: expired and expiring after the old columns" <<'EOF'
household	head	village	earned	spent	balance	expired	expiring
XB-017	司学霞	XB	35	6	5	24	0
XB-018	王建国	XB	20	0	20	0	0
LQ-003	李明	LQ	7	0	0	7	0
XB-020	张秀英	XB	0	0	0	0	0
XB-021	赵新	XB	0	0	0	0	0
EOF
run jf-balance --format json --as-of 2025-12-15 XB-017
t_out "balance json: expiring within 30 days" <<'EOF'
[
  {
    "household": "XB-017",
    "head": "司学霞",
    "village": "XB",
    "earned": 30,
    "spent": 6,
    "balance": 24,
    "expired": 0,
    "expiring": 24
  }
]
EOF
run jf-balance --as-of 2025-12-31 XB-018 LQ-003
t_out "balance text: the columns" <<'EOF'
household  head    village  earned  spent  balance  expired  expiring
XB-018     王建国  XB           20      0       20        0         0
LQ-003     李明    LQ            7      0        7        0         7
total                           27      0       27        0         7
EOF
echo 'lang: zh' >>jf.yaml
run jf-balance --as-of 2025-12-31 XB-018 LQ-003
t_out "balance text, lang: zh: the new columns' headers in Chinese too" <<'EOF'
户号    户主    村  获得积分  已兑换  余额  已清零  即将清零
XB-018  王建国  XB        20       0    20       0         0
LQ-003  李明    LQ         7       0     7       0         7
合计                      27       0    27       0         7
EOF
sed -i '$d' jf.yaml

# no writer spends expired points; the old year's points pay late slips
t_refuse "redeem: expired points are not spent" 1 jf-redeem XB-017 soap 2 <<'EOF'
jf-redeem: balance short: XB-017 has 5, 2 x soap costs 6
EOF
t_refuse "transfer: expired points are not moved" 1 jf-transfer -r 分户 LQ-003 XB-018 1 <<'EOF'
jf-transfer: balance short: LQ-003 has 0, the transfer is 1
EOF
run jf-redeem -d 2025-12-30 XB-017 soap 2
t_rc 0 "redeem: a late slip of 2025 is paid from 2025's points"
# its void gives the 6 back to the oldest year still valid (2025, on the
# void's date), not to 2024's, which expired on 2025-12-31 less the 6
t_setup jf-void -r 录错 "$(lastid ledger/2025/XB.yaml)"

# ---- jf-expire ----
t_refuse "expire: --as-of in the future" 2 jf-expire --as-of 2026-11-29 <<EOF
jf-expire: --as-of 2026-11-29 is in the future (today is 2026-11-28 in Asia/Shanghai)
$U
EOF
t_refuse "expire: a bad date" 2 jf-expire --as-of 2026-02-30 <<EOF
jf-expire: bad --as-of date '2026-02-30': no such day (YYYY-MM-DD)
$U
EOF
t_refuse "expire: an operand" 2 jf-expire XB-017 <<EOF
jf-expire: unexpected argument 'XB-017'
$U
EOF
t_save .
run jf-expire --dry-run
t_rc 0 "expire --dry-run: exit 0"
t_unchanged "expire --dry-run: nothing written"
t_save .
run jf-expire
t_rc 0 "expire: exit 0"
t_noerr "expire: quiet on stderr"
sed 's/id [0-9A-HJKMNP-TV-Z]\{26\}$/id ID/' "$T/out" >"$T/got"
cat >"$T/exp" <<'EOF'
expire XB-017 司学霞 -18 (valid through 2025-12-31), id ID
expire LQ-003 李明 -7 (valid through 2025-12-31), id ID
EOF
t_same "expire: one receipt per household and year" "$T/exp" "$T/got"
t_appended "expire: the village's receipts in its file" ledger/2026/XB.yaml <<'EOF'
- id: ID
  date: 2026-01-01
  at: 2026-11-28T10:15:02+08:00
  kind: expire
  household: XB-017
  points: -18
  until: 2025-12-31
  by: baiyang
EOF
t_appended "expire: the other village's in its own" ledger/2026/LQ.yaml <<'EOF'
- id: ID
  date: 2026-01-01
  at: 2026-11-28T10:15:02+08:00
  kind: expire
  household: LQ-003
  points: -7
  until: 2025-12-31
  by: baiyang
EOF
t_save .
run jf-expire
t_rc 0 "expire again: exit 0"
t_out "expire again: nothing to write" <<'EOF'
nothing to write: no points expired beyond the receipts as of 2026-11-28
EOF
t_unchanged "expire again: nothing written"
run jf-expire --format json
t_out "expire json: an empty array" <<'EOF'
[]
EOF
run jf-balance --format tsv XB-017
t_out "receipts change no balance" <<'EOF'
household	head	village	earned	spent	balance	expired	expiring
XB-017	司学霞	XB	35	6	11	18	0
EOF
run jf-check
t_rc 0 "check: receipts agree"
t_out "check: no warning" <<'EOF'
ok: 5 files, 9 entries, 5 households
EOF

# jf-report adds expired (in the period), and outstanding is net of it
run jf-report --year 2026 --format json
tr -d ' \n' <"$T/out" >"$T/flat"
t_ok "report: totals with expired" grep -qF '"outstanding":31,"expired":25}' "$T/flat"
run jf-report --year 2025 --format json
tr -d ' \n' <"$T/out" >"$T/flat"
t_ok "report: nothing expired within 2025" grep -qF '"expired":0}' "$T/flat"
# CSV and TSV: `expired` after the old columns (SPEC 4.0), in totals and villages
run jf-report --year 2026 --format csv
t_rc 0 "report csv: exit 0"
tr -d '\r' <"$T/out" | grep -v '^[^,]*,[^,]*,\(category\|goods\|stock\|trend\|review\),' >"$T/got"
cat >"$T/exp" <<'EOF'
from,to,section,village,key,name,rank,entries,qty,earned,deducted,adjusted,redeemed,points,households,outstanding,stock,low,date,id,kind,ref,ref_kind,what,reason,by,expired
2026-01-01,2026-12-31,totals,,,,,4,,0,0,5,-6,,2,31,,,,,,,,,,,25
2026-01-01,2026-12-31,village,XB,,下堡村,,3,,0,0,5,-6,,1,31,,,,,,,,,,,18
2026-01-01,2026-12-31,village,LQ,,龙渠村,,1,,0,0,0,0,,1,0,,,,,,,,,,,7
EOF
t_same "report csv: expired in totals and villages, the last column" "$T/exp" "$T/got"
t_ok "report csv: every record has 27 fields" \
	awk -F, '{ sub(/\r$/, ""); if (NF != 27) exit 1 }' "$T/out"
run jf-report --year 2026 --format tsv --village LQ
t_rc 0 "report tsv: exit 0"
head -n 2 "$T/out" >"$T/got"
printf 'from\tto\tsection\tvillage\tkey\tname\trank\tentries\tqty\tearned\tdeducted\tadjusted\tredeemed\tpoints\thouseholds\toutstanding\tstock\tlow\tdate\tid\tkind\tref\tref_kind\twhat\treason\tby\texpired\n2026-01-01\t2026-12-31\ttotals\tLQ\t\t\t\t1\t\t0\t0\t0\t0\t\t1\t0\t\t\t\t\t\t\t\t\t\t\t7\n' >"$T/exp"
t_same "report tsv: expired of one village" "$T/exp" "$T/got"

# a receipt by hand that records too much: jf-check warns, jf-expire writes nothing
t_entry 01HANDEXPIRE00000000000001 expire "household: XB-018" "points: -3" "until: 2025-12-31" |
	sed 's/date: 2026-11-20/date: 2026-01-01/' >>ledger/2026/XB.yaml
run jf-check
t_rc 0 "check: a receipt too many is a warning"
t_err "check: the warning" <<'EOF'
jf-check: warning: XB-018: the points valid through 2025-12-31: receipts of expiry record 3, 0 expired (a receipt too many, or an entry of that year recorded after it; receipts are never taken back)
EOF
t_save .
run jf-expire
t_unchanged "expire: never a positive receipt"
# the cache replays receipts exactly
for a in "" "--format json" "--as-of 2026-01-01" "--as-of 2025-12-31"; do
	# shellcheck disable=SC2086
	jf-balance $a >"$T/c1" 2>&1; jf-balance $a >"$T/c2" 2>&1
	# shellcheck disable=SC2086
	jf-balance --no-cache $a >"$T/n" 2>&1
	t_same "cache: jf-balance $a as --no-cache" "$T/n" "$T/c2"
done
rm -rf .jf; jf-log --format json >"$T/n" 2>&1; jf-log --format json >"$T/c" 2>&1
t_same "cache: jf-log with expired lines as without the cache" "$T/n" "$T/c"
cd .. || exit 99

t_book none; cd none || exit 99
t_refuse "expire: a book without expiry:" 1 jf-expire <<'EOF'
jf-expire: jf.yaml sets no 'expiry:': points never expire in this book
EOF
run jf-balance --format tsv XB-017
t_out "no expiry: the columns of old" <<'EOF'
household	head	village	earned	spent	balance
XB-017	司学霞	XB	0	0	0
EOF
run jf-report --format csv
t_ok "no expiry: report csv without expired" sh -c 'head -n 1 "$1" | tr -d "\r" | grep -qx ".*,reason,by"' - "$T/out"
cd .. || exit 99

# ---- two clones run jf-expire, then merge ----
if ! command -v git >/dev/null 2>&1; then
	t_skip "expire on two clones merged" "git is not installed"
	exit 0
fi
HOME=$T GIT_CONFIG_NOSYSTEM=1 GIT_AUTHOR_DATE='2026-11-28T10:15:02+08:00'
GIT_COMMITTER_DATE=$GIT_AUTHOR_DATE
export HOME GIT_CONFIG_NOSYSTEM GIT_AUTHOR_DATE GIT_COMMITTER_DATE
g() { git -c user.name=baiyang -c user.email=baiyang@example.org -c init.defaultBranch=main "$@"; }
driver() {
	g -C "$1" config merge.jf.name 'jf ledger merge' &&
	g -C "$1" config merge.jf.driver "'$JF_BIN/jf-merge' %O %A %B %P" || exit 99
}
commit() { g -C "$1" add -A && g -C "$1" commit -qm "$2" || exit 99; }
t_book town
echo 'expiry: {every: year-end}' >>town/jf.yaml
cp "$JF_TOP/examples/git/.gitattributes" town/ || exit 99
printf '.jf/\n' >town/.gitignore
g -C town init -q || exit 99
driver town
t_setup jf-adjust -C town -d 2025-05-01 -r 期初 XB-017 30
t_setup jf-adjust -C town -d 2025-05-01 -r 期初 XB-018 8
commit town 'the book'
g clone -q town a && driver a || exit 99
t_setup jf-expire -C town
commit town 'town: 年度清零 2025'
t_setup jf-expire -C a
commit a 'a: 年度清零 2025'
jf-balance -C town --format tsv >"$T/before" 2>&1
g -C town pull -q --no-rebase --no-edit ../a >"$T/pull" 2>&1
t_ok "merge: the clones' receipts merge (jf-merge)" [ $? -eq 0 ]
t_ok "merge: both clones' receipts are kept" [ "$(grep -c 'kind: expire' town/ledger/2026/XB.yaml)" -eq 4 ]
jf-balance -C town --format tsv >"$T/after" 2>&1
t_same "merge: the same points are never taken twice" "$T/before" "$T/after"
cat >"$T/exp" <<'EOF'
household	head	village	earned	spent	balance	expired	expiring
XB-017	司学霞	XB	30	0	0	30	0
XB-018	王建国	XB	8	0	0	8	0
LQ-003	李明	LQ	0	0	0	0	0
XB-020	张秀英	XB	0	0	0	0	0
XB-021	赵新	XB	0	0	0	0	0
EOF
t_same "merge: the figures" "$T/exp" "$T/after"
cd town || exit 99
t_save .
run jf-expire
t_rc 0 "merge: jf-expire after the merge: exit 0"
t_unchanged "merge: jf-expire after the merge writes nothing"
cd .. || exit 99
run jf-check -C town
t_rc 0 "merge: jf-check passes, with a warning"
t_errhas "merge: it names the doubled receipt" "XB-017: the points valid through 2025-12-31: receipts of expiry record 60, 30 expired"

# a late slip (SPEC 4.4: paid from the old year's points after jf-expire
# ran): balances are right, jf-expire has nothing to write, and jf-check
# says why the receipt records more, without sending the user to jf-expire
t_book late; cd late || exit 99
printf 'expiry: {every: year-end}\n' >>jf.yaml
t_setup jf-adjust -d 2026-11-01 -r 期初 XB-017 20
JF_NOW=2027-01-05T09:00:00+08:00; export JF_NOW
t_setup jf-expire
t_setup jf-redeem -d 2026-12-20 XB-017 soap
t_save .
run jf-expire
t_rc 0 "late slip: jf-expire exit 0"
t_out "late slip: jf-expire has nothing to write" <<'EOF'
nothing to write: no points expired beyond the receipts as of 2027-01-05
EOF
t_unchanged "late slip: nothing appended"
run jf-check
t_rc 0 "late slip: jf-check passes"
t_errhas "late slip: the warning says why" "receipts of expiry record 20, 17 expired (a receipt too many, or an entry of that year recorded after it; receipts are never taken back)"
cd .. || exit 99
# a void after the year end that expired its target (SPEC 4.2, 4.4): what
# expired stays, and so do its receipts; the void takes back only what the
# entry still was on its date (the 30 it paid for), in every reader alike
t_book vx; cd vx || exit 99
printf 'expiry: {every: year-end}\n' >>jf.yaml
JF_NOW=2026-12-01T09:00:00+08:00; export JF_NOW
t_setup jf-adjust -d 2026-05-01 -r 期初 XB-017 100
A=$(lastid)
t_setup jf-redeem -d 2026-06-01 XB-017 soap 10
JF_NOW=2027-02-01T09:00:00+08:00; export JF_NOW
t_setup jf-expire
t_save .
run jf-void -r 录错 "$A"
t_rc 0 "void after expiry: exit 0"
sed 's/id [0-9A-HJKMNP-TV-Z]\{26\}$/id ID/' "$T/out" >"$T/got"
echo "void $A (adjust) XB-017 司学霞 -30, balance -30, id ID" >"$T/exp"
t_same "void after expiry: it takes back 30, not the 70 that expired" "$T/exp" "$T/got"
t_appended "void after expiry: the void" ledger/2027/XB.yaml <<EOF
- id: ID
  date: 2027-02-01
  at: 2027-02-01T09:00:00+08:00
  kind: void
  ref: $A
  reason: 录错
  by: baiyang
EOF
cat >"$T/exp" <<'EOF'
household	head	village	earned	spent	balance	expired	expiring
XB-017	司学霞	XB	70	30	-30	70	0
EOF
for c in "" --no-cache; do
	run jf-balance $c --format tsv XB-017
	t_same "void after expiry: balance $c (what expired stays)" "$T/exp" "$T/out"
done
run jf-balance --as-of 2027-01-31 --format tsv XB-017
t_out "void after expiry: as of the day before it" <<'EOF'
household	head	village	earned	spent	balance	expired	expiring
XB-017	司学霞	XB	100	30	0	70	0
EOF
run jf-check
t_out "void after expiry: jf-check: the receipt agrees" <<'EOF'
ok: 2 files, 4 entries, 5 households
EOF
t_noerr "void after expiry: jf-check: no warning"
t_save .
run jf-expire
t_out "void after expiry: jf-expire has nothing to write" <<'EOF'
nothing to write: no points expired beyond the receipts as of 2027-02-01
EOF
t_unchanged "void after expiry: nothing appended"
for c in "" --no-cache; do
	run jf-log $c --format tsv XB-017
	cut -f1,4,7,8 "$T/out" >"$T/got"
	cat >"$T/exp" <<'EOF'
date	kind	points	balance
2026-05-01	adjust	+100	100
2026-06-01	redeem	-30	70
2027-01-01	expire	0	70
2027-01-01	expired	-70	0
2027-02-01	void	-30	-30
EOF
	t_same "void after expiry: jf-log $c" "$T/exp" "$T/got"
done
run jf-report --year 2027 --format json
tr -d ' \n' <"$T/out" >"$T/flat"
t_ok "void after expiry: report: adjusted -30, outstanding -30, expired 70" \
	grep -qF '"adjusted":-30,"redeemed":0,"households":1,"outstanding":-30,"expired":70}' "$T/flat"
run jf-log --format html XB-017
t_ok "void after expiry: the passbook has the year end once (年度清零, not its receipt too)" \
	[ "$(grep -c '<tr><td>2027-01-01</td>' "$T/out")" -eq 1 ]
t_ok "void after expiry: the passbook's void takes out 30" \
	grep -q '<tr><td>2027-02-01</td><td>voided: 录错</td><td class="num"></td><td class="num">30</td><td class="num">-30</td></tr>' "$T/out"
cd .. || exit 99
# the notice board (公示栏) of a book with expiry: what expired in the period
# and the reminder (到期提醒): what expires within 30 days of its end
t_book nb; cd nb || exit 99
printf 'expiry: {every: year-end}\n' >>jf.yaml
JF_NOW=2026-12-10T09:00:00+08:00; export JF_NOW
t_setup jf-adjust -d 2025-05-01 -r 期初 XB-017 12
t_setup jf-adjust -d 2026-05-01 -r 期初 XB-018 30
t_setup jf-redeem -d 2026-12-02 XB-018 soap 2
for m in 2026-01 2026-12; do
	run jf-report --village XB --month $m --format html --notice
	t_rc 0 "notice board $m: exit 0"
	sed -n '/<table class="households">/,/<\/table>/p' "$T/out" | sed -n '/<thead>/p;/<tr><td>XB-01[78]/p;/class="total"/p' >"$T/got"
done
cat >"$T/exp" <<'EOF'
<thead><tr><th>household</th><th>head</th><th class="num">earned</th><th class="num">deducted</th><th class="num">redeemed</th><th class="num">expired</th><th class="num">balance</th><th class="num">expiring within 30 days</th></tr></thead>
<tr><td>XB-017</td><td>司学霞</td><td class="num">0</td><td class="num">0</td><td class="num">0</td><td class="num">0</td><td class="num">0</td><td class="num">0</td></tr>
<tr><td>XB-018</td><td>王建国</td><td class="num">0</td><td class="num">0</td><td class="num">6</td><td class="num">0</td><td class="num">24</td><td class="num">24</td></tr>
<tr class="total"><td>total</td><td></td><td class="num">0</td><td class="num">0</td><td class="num">6</td><td class="num">0</td><td class="num">24</td><td class="num">24</td></tr>
EOF
t_same "notice board 2026-12: expired and expiring columns" "$T/exp" "$T/got"
run jf-report --village XB --month 2026-01 --format html --notice
sed -n '/<tr><td>XB-017/p' "$T/out" >"$T/got"
echo '<tr><td>XB-017</td><td>司学霞</td><td class="num">0</td><td class="num">0</td><td class="num">0</td><td class="num">12</td><td class="num">0</td><td class="num">0</td></tr>' >"$T/exp"
t_same "notice board 2026-01: what expired on 1 January" "$T/exp" "$T/got"
cd .. || exit 99
JF_NOW=2026-11-28T10:15:02+08:00; export JF_NOW
