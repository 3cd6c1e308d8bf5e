#!/bin/sh
# weekly.sh — 每周一由 cron 运行：检查账本，生成上周报告并提交到账本仓库。
# The weekly report, for cron: check the book, write last week's report
# into reports/YYYY-Www.html and reports/YYYY-Www.md, commit the two files.
#
# usage: weekly.sh [BOOK]
#        BOOK is the book's directory in a git work tree (default: $JF_BOOK,
#        else the working directory).
#
# 1. jf-check: an invalid book stops here, with exit 3: no report is
#    written and nothing is committed (jf-check's messages go to stderr,
#    which cron mails).
# 2. jf-report for last week — the last complete ISO week in the book's
#    time zone, whatever the zone of the machine — as HTML (to print for the
#    village notice boards) and Markdown (to read in the history); each file
#    is written atomically.
# 3. git commit of those two files only (anything else staged is left
#    alone), with a message naming the week.  A week whose reports are
#    already committed with the same bytes commits nothing.
# 4. With $JF_REPORT_PUSH set (a remote, e.g. origin), git push HEAD to
#    it, also when nothing new was committed: a push that failed last time
#    (the server down, someone pushed first) is retried on the next run.
#    Pull before the run (the crontab line does: git pull --rebase), so
#    the report counts every village's entries and the push can go.
#
# stdout: one line saying what was done.  Exit status: 0 done (or nothing
# new); 2 usage: no book, not a git work tree; 3 the book is invalid; 4 a
# report or git failed.
set -u
prog=weekly.sh

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
command -v jf-check >/dev/null 2>&1 && command -v jf-report >/dev/null 2>&1 ||
	die 2 "jf-check and jf-report must be on PATH (PATH=$PATH)"

# 1. the book must be valid
jf-check -q -C .
rc=$?
case $rc in
0) ;;
3) die 3 "the book is invalid (see above); no report written, nothing committed" ;;
*) die 4 "jf-check failed (exit $rc); no report written, nothing committed" ;;
esac

# Entries appended but not committed are counted all the same: say so.
if [ -n "$(git status --porcelain -- ledger 2>/dev/null)" ]; then
	echo "$prog: warning: ledger/ has changes not committed; the report counts them" >&2
fi

# 2. last week, named once (so that midnight cannot split the two reports)
json=$(jf-report -C . --week last --format json) || die 4 "jf-report failed"
week=$(printf '%s\n' "$json" | sed -n 's/^  "period": "\(.*\)",$/\1/p')
from=$(printf '%s\n' "$json" | sed -n 's/^  "from": "\(.*\)",$/\1/p')
to=$(printf '%s\n' "$json" | sed -n 's/^  "to": "\(.*\)",$/\1/p')
case $week in
[0-9][0-9][0-9][0-9]-W[0-9][0-9]) ;;
*) die 4 "cannot tell last week from jf-report's output" ;;
esac
mkdir -p reports || die 4 "cannot create reports/"
html=reports/$week.html
md=reports/$week.md
jf-report -C . --week "$week" --format html -o "$html" || die 4 "jf-report --format html failed"
jf-report -C . --week "$week" --format markdown -o "$md" || die 4 "jf-report --format markdown failed"

# 3. commit the two files, and only them
git add -- "$html" "$md" || die 4 "git add failed"
if git diff --cached --quiet -- "$html" "$md"; then
	done="the reports are already committed"
else
	git commit -q -m "report: week $week ($from to $to)" \
		-m "Written by jf-report from a book that passed jf-check: $html (for the notice boards) and $md." \
		-- "$html" "$md" || die 4 "git commit failed"
	done="committed $html and $md"
fi

# 4. optionally, publish: whatever HEAD holds that the remote lacks, this
# week's commit or one whose push failed on an earlier run
if [ -z "${JF_REPORT_PUSH:-}" ]; then
	case $done in
	committed*) echo "$prog: $week: $done" ;;
	*) echo "$prog: $week: $done; nothing to do" ;;
	esac
	exit 0
fi
branch=$(git symbolic-ref -q --short HEAD) || die 4 "HEAD is not on a branch; nothing pushed"
ahead=$(git rev-list --count "refs/remotes/$JF_REPORT_PUSH/$branch..HEAD" 2>/dev/null) || ahead=unknown
if [ "$ahead" = 0 ]; then
	echo "$prog: $week: $done; nothing to push"
	exit 0
fi
git push -q "$JF_REPORT_PUSH" "HEAD:refs/heads/$branch" ||
	die 4 "$week: $done; git push to '$JF_REPORT_PUSH' failed (the commit is kept; the next run pushes it)"
echo "$prog: $week: $done; pushed to $JF_REPORT_PUSH"
exit 0
