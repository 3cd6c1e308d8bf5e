#!/bin/sh
# demo.sh — 在示例账本的副本上演示 jf 的日常用法（make demo 运行此脚本）。
# A tour of jf on a copy of the example book; this is what `make demo` runs.
#
# usage: sh examples/demo.sh [BIN_DIR [DEMO_DIR]]
#        BIN_DIR holds the jf-* binaries (default: ../build/bin next to this script)
#        DEMO_DIR is where the copy goes, as DEMO_DIR/longqu (default:
#        ../build/demo next to this script)
#
# The copy stays after the demo, for the user to open the report and try the
# commands on; the next run replaces it (only a DEMO_DIR this script made,
# marked by DEMO_DIR/.jf-demo, is ever emptied).  examples/longqu itself is
# never written to.
set -eu

prog=demo.sh
here=$(cd "$(dirname "$0")" && pwd)
bin=${1:-$here/../build/bin}
if [ ! -x "$bin/jf-check" ] || [ ! -x "$bin/jf-balance" ]; then
	echo "$prog: no jf binaries in '$bin' (run 'make' first?)" >&2
	exit 2
fi
bin=$(cd "$bin" && pwd)
PATH=$bin:$PATH
export PATH

demo=${2:-$here/../build/demo}
if [ -e "$demo" ] && [ ! -f "$demo/.jf-demo" ] && [ -n "$(ls -A "$demo" 2>/dev/null)" ]; then
	echo "$prog: '$demo' is not empty and was not made by $prog; give another DEMO_DIR" >&2
	exit 2
fi
mkdir -p "$demo" && demo=$(cd "$demo" && pwd) || exit 4
echo "made by examples/demo.sh; removed by its next run" >"$demo/.jf-demo" || exit 4
rm -rf "$demo/longqu"
cp -R "$here/longqu" "$demo/longqu" || exit 4
rm -rf "$demo/longqu/.jf"
unset JF_BOOK

# The example ledger runs to Saturday 2027-01-09, and the township's year-end
# job wrote the receipts of expiry on Sunday; the demo happens on Monday
# morning, 2027-01-11, at the 下堡村 shop, with baiyang at the counter.
JF_NOW=2027-01-11T10:15:02+08:00
JF_OPERATOR=baiyang
export JF_NOW JF_OPERATOR
cd "$demo/longqu"

step() {
	printf '\n== %s\n' "$*"
}
show() {
	printf '$ %s\n' "$*"
	"$@"
}

step "a copy of the example book of 龙渠乡 in $demo/longqu"
ls -R ledger
step "is the book valid? (jf-check; the book is found upward from the working directory)"
show jf-check

step "balances in 下堡村"
show jf-balance --village XB

step "the statement of XB-017 司学霞 since the autumn's last weeks, with her running balance"
show jf-log XB-017 --from 2026-11-16

step "an earning: 16 kg of cardboard to the recycling cart, tried with --dry-run first"
show jf-add --dry-run -n 废纸箱 XB-017 recycle 16
show jf-add -n 废纸箱 XB-017 recycle 16

step "a redemption: a cake of soap, --dry-run first"
show jf-redeem --dry-run XB-017 soap 1
show jf-redeem XB-017 soap 1

step "the rules are enforced: her 2026 points were cleared on 1 January, two bags of washing powder are too much (exit status 1)"
status=0
show jf-redeem XB-017 washing-powder 2 2>&1 || status=$?
echo "exit status $status"

step "her new balance ('jf CMD' runs jf-CMD)"
show jf balance XB-017
show jf-balance --format json XB-017

step "today's entries in 下堡村"
show jf-log --village XB --from 2027-01-11

step "the two entries appended to ledger/2027/XB.yaml (the ids differ on every run)"
show tail -n 19 ledger/2027/XB.yaml

step "still valid"
show jf-check

# --- batch sheets (issue 10)
step "redemption day: the shop's list, saved by Excel as CSV UTF-8, in one write (jf-redeem --batch)"
printf '\357\273\277户号,户主,商品,数量\r\nXB-002,王秀英,salt,1\r\nXB-003,李德胜,toothbrush,1\r\nXB-004,李桂兰,salt,2\r\n' >兑换单.csv
show cat 兑换单.csv
show jf-redeem --batch 兑换单.csv
step "the same sheet again is refused (exit status 1): every entry recorded its sheet"
status=0
show jf-redeem --batch 兑换单.csv 2>&1 || status=$?
echo "exit status $status"
# --- end of batch sheets

step "the weekly report of last week (what cron writes every Monday; see examples/cron/)"
show jf-report --week 2027-W01 --village XB
show jf-report --week 2027-W01 --format html -o report-2027-W01.html
echo "the notice-board page: $demo/longqu/report-2027-W01.html ($(wc -c < report-2027-W01.html) bytes)"

# --- printed pages (passbook and notice board; README "Printed pages") ---
step "paper for the village office: XB-017's passbook (积分存折) and 下堡村's notice board (公示栏)"
printed() { # printed FILE CMD...: show and run CMD, its output into FILE
	pf=$1; shift
	printf '$ %s >%s\n' "$*" "$pf"
	"$@" >"$pf"
}
printed "$demo/passbook-XB-017.html" jf-log XB-017 --month 2026-12 --format html --paper a5
printed "$demo/passbooks-XB.html" jf-log --village XB --month 2026-12 --format html
show jf-report --village XB --week 2027-W01 --format html --notice -o "$demo/notice-XB-2027-W01.html"
echo "print them from a browser: $demo/passbook-XB-017.html, $demo/passbooks-XB.html, $demo/notice-XB-2027-W01.html"
printed "$demo/balances-XB.csv" jf-balance --village XB --format csv --encoding gb18030
echo "for WPS/Excel on a Chinese PC: $demo/balances-XB.csv (GB18030)"
# --- end of printed pages ---

# --- year end and household changes (README "Year end and household changes") ---
step "the book clears points at each year end (积分每年清零): expiry: in jf.yaml"
show grep '^expiry:' jf.yaml
step "a split (分户) on 1 December: XB-019 司小明 opened his own account and took a third of his mother's points (jf-transfer)"
show grep XB-019 households.yaml
show jf-log XB-019
step "mid-December, the reminder (到期提醒): what expires within 30 days"
show jf-balance --as-of 2026-12-15 XB-017 XB-019 XB-014
step "late slips of 30 December, recorded on 4 January, were still paid from 2026's points"
show jf-log --village XB --from 2026-12-30 --to 2026-12-30
step "the receipts the year-end job wrote on 10 January (examples/cron/yearend.sh: jf-expire)"
show jf-log XB-014 --from 2026-12-20
show jf-expire
step "January's report counts what was cleared (清零; CSV: the last column, expired)"
printf '$ jf-report --month 2027-01 --village XB --format csv | head -n 3\n'
jf-report --month 2027-01 --village XB --format csv >"$demo/report-2027-01.csv"
head -n 3 "$demo/report-2027-01.csv"
# --- end of year end ---

# --- review and public notice (README "Review and public notice") ---
step "审核 · 公示: 评选 rules (review: true) count only after the 评议组 signed and the notice period ended"
show grep -A4 '^review:' jf.yaml
step "what the 评议组 has before it today (jf-review list)"
show jf-review list
step "the 公示 sheet to pin up in every village (jf-review list --format html)"
jf-review list --format html >"$demo/gongshi-2027-01-11.html"
echo "print it from a browser: $demo/gongshi-2027-01-11.html"
step "the 评议组 met last night: baiyang records 张红's signature, the second one 王秀英's 最美庭院 needs"
id=$(jf-review list --format tsv | awk -F'\t' '$2 == "XB-002" { print $1 }')
show jf-review approve --reviewer 张红 "$id"
step "马德明's 见义勇为 waits for two signatures; nobody signs twice in a round (exit status 1)"
id2=$(jf-review list --format tsv | awk -F'\t' '$2 == "LQ-012" { print $1 }')
show jf-review approve --reviewer 刘强 "$id2"
status=0
show jf-review approve --reviewer 刘强 "$id2" 2>&1 || status=$?
echo "exit status $status"
step "on notice until 15 January: her points are pending, not spent yet"
show jf-balance XB-002
show jf-log XB-002 --from 2027-01-08
# --- end of review and public notice ---

# --- the wish wall (README "The wish wall and the volunteer teams") ---
step "心愿墙: the villagers' small wishes and who took them on (volunteers.yaml; services: in the catalogue)"
show jf-wish list
jf-wish list --format html >"$demo/wall-2027-01-11.html"
echo "the wall to print, a page per village with the service menu: $demo/wall-2027-01-11.html"
step "王秀英 asked for a haircut at home: 下堡村's team takes it on; two volunteers serve and it is done, hours and points in one write"
id=$(jf-wish list --format tsv | awk -F'\t' '$2 == "XB-002" { print $1 }')
show jf-wish take --team xb-care "$id"
show jf-wish done --serve V03:1 --serve V04:1 --activity volunteer-hour "$id"
step "a wish that is done is taken no more (exit status 1)"
status=0
show jf-wish take --team town "$id" 2>&1 || status=$?
echo "exit status $status"
step "张玉梅's service record (志愿服务时长) and her household's points for it"
show jf-log --volunteer V04
show jf-balance XB-007
# --- end of the wish wall ---

step "the copy stays: open the report in a browser, or try the commands on it"
echo "  cd $demo/longqu && export JF_NOW=$JF_NOW JF_OPERATOR=$JF_OPERATOR PATH=$bin:\$PATH"
echo "  jf-balance XB-017"
echo "(the next 'make demo' replaces $demo/longqu with a fresh copy)"
