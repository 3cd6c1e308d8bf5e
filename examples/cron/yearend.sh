#!/bin/sh
# yearend.sh — 每年一月由 cron 运行：年度清零的回执 (jf-expire) 写入账本并提交。
# The year-end job, for cron: after the December review has closed, write
# the receipts of expiry (jf-expire) and commit the ledger files they went
# to, like the weekly report.  Points expire whether or not this runs
# (every command computes expiry); the receipts make it reviewable in git.
#
# usage: yearend.sh [BOOK]
#        BOOK is the book's directory in a git work tree (default: $JF_BOOK,
#        else the working directory).
#
# 1. jf-check: an invalid book stops here (exit 3), nothing is written;
#    after the commit it runs again, and its warnings go to stderr.
# 2. jf-expire: one receipt per household and year end; a rerun, or a run
#    on another clone, writes nothing that counts twice.
# 3. git commit of the ledger files jf-expire wrote, and only them, naming
#    the year end(s) (the receipts' last valid days).  Nothing written:
#    nothing committed.
# 4. With $JF_REPORT_PUSH set (a remote, e.g. origin), git push HEAD to it,
#    as weekly.sh does, also when nothing new was committed (a push that
#    failed last time is retried).
#
# stdout: one line saying what was done.  Exit
# status: 0 done (or nothing new); 1 the book sets no expiry:; 2 usage: no
# book, not a git work tree; 3 the book is invalid; 4 jf-expire or git failed.
set -u
prog=yearend.sh

die() {
	code=$1
	shift
	echo "$prog: $*" >&2
	exit "$code"
}

[ $# -le 1 ] || die 2 "usage: $prog [BOOK]"
book=${1:-${JF_BOOK:-.}}
cd "$book" 2>/dev/null || die 2 "cannot enter '$book'"
[ -f jf.yaml ] || die 2 "'$book' is not a jf book (no jf.yaml)"
git rev-parse --is-inside-work-tree >/dev/null 2>&1 ||
	die 2 "'$book' is not in a git work tree"
command -v jf-check >/dev/null 2>&1 && command -v jf-expire >/dev/null 2>&1 ||
	die 2 "jf-check and jf-expire must be on PATH (PATH=$PATH)"

# 1. the book must be valid (its warnings now are of the receipts this
# run writes: jf-check runs again at the end, and what it says then counts)
chk=$(jf-check -q -C . 2>&1)
rc=$?
case $rc in
0) ;;
3) printf '%s\n' "$chk" >&2; die 3 "the book is invalid (see above); no receipt written, nothing committed" ;;
*) printf '%s\n' "$chk" >&2; die 4 "jf-check failed (exit $rc); no receipt written, nothing committed" ;;
esac

# Entries appended but not committed: a ledger file the receipts go to is
# committed whole.  Say so.
if [ -n "$(git status --porcelain -- ledger 2>/dev/null)" ]; then
	echo "$prog: warning: ledger/ has changes not committed; a file the receipts go to is committed with them" >&2
fi

# 2. the receipts (JSON: the file and last valid day of each)
json=$(jf-expire -C . --format json)
rc=$?
case $rc in
0) ;;
1) die 1 "jf-expire refused (see above); nothing committed" ;;
*) die 4 "jf-expire failed (exit $rc); what it wrote is kept, nothing committed" ;;
esac
# one line of JSON; the strings in it escape their quotes
files=$(printf '%s' "$json" | grep -o '"file":"[^"]*"' | sed 's/^"file":"//; s/"$//' | sort -u)
years=$(printf '%s' "$json" | grep -o '"until":"[0-9]*-' | sed 's/^"until":"//; s/-$//' | sort -u | tr '\n' ' ')
years=${years% }
count=$(printf '%s' "$json" | grep -o '"kind":"expire"' | wc -l | tr -d ' ')

if [ -z "$files" ]; then
	done="nothing to write: the receipts agree with what expired"
else
	# 3. commit those files, and only them (one per line: IFS)
	nl='
'
	oldifs=$IFS
	IFS=$nl
	# shellcheck disable=SC2086
	git add -- $files || die 4 "git add failed"
	# shellcheck disable=SC2086
	git commit -q -m "年度清零: receipts of expiry (year end $years)" \
		-m "Written by jf-expire after the December review, from a book that passed jf-check: $count receipts." \
		-- $files || die 4 "git commit failed"
	IFS=$oldifs
	done="year end $years: committed $count receipts of expiry in $(printf '%s' "$files" | tr '\n' ' ')"
fi

# what jf-check still warns about (a receipt too many after a late entry,
# a closed account holding points) goes to stderr, which cron mails
jf-check -q -C . >/dev/null

# 4. optionally, publish (as weekly.sh)
if [ -z "${JF_REPORT_PUSH:-}" ]; then
	echo "$prog: $done"
	exit 0
fi
branch=$(git symbolic-ref -q --short HEAD) || die 4 "HEAD is not on a branch; nothing pushed"
ahead=$(git rev-list --count "refs/remotes/$JF_REPORT_PUSH/$branch..HEAD" 2>/dev/null) || ahead=unknown
if [ "$ahead" = 0 ]; then
	echo "$prog: $done; nothing to push"
	exit 0
fi
git push -q "$JF_REPORT_PUSH" "HEAD:refs/heads/$branch" ||
	die 4 "$done; git push to '$JF_REPORT_PUSH' failed (the commit is kept; the next run pushes it)"
echo "$prog: $done; pushed to $JF_REPORT_PUSH"
exit 0
