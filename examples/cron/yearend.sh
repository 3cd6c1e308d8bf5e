#!/bin/sh
# yearend.sh — 每年一月由 cron 运行：年度清零的回执 (jf-expire) 写入账本并提交。
# The year-end job, for cron: after the December review has closed, write
# the receipts of expiry (jf-expire) and commit the ledger files they went
# to, like the weekly report.  Points expire whether or not this runs
# (every command computes expiry); the receipts make it reviewable in git.
#
# usage: yearend.sh [BOOK]
#
# 1. jf-check: an invalid book stops here (exit 3), nothing is written.
# 2. jf-expire: one receipt per household and year end; a rerun, or a run
#    on another clone, writes nothing that counts twice.
# 3. git commit of the ledger files jf-expire wrote, naming the year.
#
# stdout: jf-expire's lines.  Exit status: 0 done (or nothing new); 2 usage;
# 3 the book is invalid; 4 jf-expire or git failed.
set -u
prog=yearend.sh
die() { code=$1; shift; echo "$prog: $*" >&2; exit "$code"; }

[ $# -le 1 ] || die 2 "usage: $prog [BOOK]"
book=${1:-${JF_BOOK:-.}}
cd "$book" 2>/dev/null || die 2 "cannot enter '$book'"
git rev-parse --is-inside-work-tree >/dev/null 2>&1 || die 2 "'$book' is not in a git work tree"
jf-check -q || exit 3
out=$(jf-expire) || die 4 "jf-expire failed"
printf '%s\n' "$out"
git add -A -- ledger || die 4 "git add failed"
git diff --cached --quiet -- ledger && exit 0
year=$(date +%Y)
git commit -q -m "年度清零: receipts of expiry ($((year - 1)) year end)" -- ledger ||
	die 4 "git commit failed"
