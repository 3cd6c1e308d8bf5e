# examples/cron/weekly.sh: check, last week's report as HTML and Markdown,
# one commit of those two files; an invalid book: non-zero, nothing written,
# nothing committed; a second run commits nothing.
. "$JF_TOP/tests/cmd/lib.sh"
if ! command -v git >/dev/null 2>&1; then
	n=$((n + 1)); echo "ok $n - # SKIP git is not installed"
	exit 0
fi
W=$JF_TOP/examples/cron/weekly.sh
GIT_AUTHOR_NAME=cron GIT_AUTHOR_EMAIL=cron@example.invalid
GIT_COMMITTER_NAME=cron GIT_COMMITTER_EMAIL=cron@example.invalid
GIT_CONFIG_GLOBAL=/dev/null GIT_CONFIG_NOSYSTEM=1
export GIT_AUTHOR_NAME GIT_AUTHOR_EMAIL GIT_COMMITTER_NAME GIT_COMMITTER_EMAIL
export GIT_CONFIG_GLOBAL GIT_CONFIG_NOSYSTEM

t_book b
{
	cd b && git init -q && git add -A && git commit -q -m book &&
	jf-adjust XB-017 20 -r opening -d 2026-11-02 &&
	jf-add XB-017 clean-yard -d 2026-11-16 &&
	jf-add XB-018 sort-waste 4 -d 2026-11-20 &&
	git add ledger && git commit -q -m 'ledger: W47'
} >"$T/setup.log" 2>&1 || { sed 's/^/# /' "$T/setup.log"; exit 99; }
cd "$T" || exit 99
git -C b rev-parse HEAD >"$T/head0"

run sh "$W" b
t_rc 0 "weekly.sh: exit 0"
t_noerr "weekly.sh: quiet on stderr"
t_out "weekly.sh: one line saying what it did" <<'EOF'
weekly.sh: 2026-W47: committed reports/2026-W47.html and reports/2026-W47.md
EOF
jf-report -C b --week 2026-W47 --format html >"$T/w.html"
jf-report -C b --week 2026-W47 --format markdown >"$T/w.md"
t_ok "the HTML report of last week" cmp -s "$T/w.html" b/reports/2026-W47.html
t_ok "the Markdown report of last week" cmp -s "$T/w.md" b/reports/2026-W47.md
git -C b log -1 --format=%s >"$T/got"
echo 'report: week 2026-W47 (2026-11-16 to 2026-11-22)' >"$T/exp"
t_same "the commit message names the week" "$T/exp" "$T/got"
git -C b show --name-only --format= HEAD >"$T/got"
printf '%s\n' reports/2026-W47.html reports/2026-W47.md >"$T/exp"
t_same "the commit holds the two reports only" "$T/exp" "$T/got"
t_ok "the parent is the previous head" [ "$(git -C b rev-parse HEAD^)" = "$(cat "$T/head0")" ]
git -C b status --porcelain >"$T/got"
t_same "nothing left uncommitted" /dev/null "$T/got"

git -C b rev-parse HEAD >"$T/head1"
run sh "$W" b
t_rc 0 "a second run: exit 0"
t_out "a second run: nothing to do" <<'EOF'
weekly.sh: 2026-W47: the reports are already committed; nothing to do
EOF
t_ok "a second run: no new commit" [ "$(git -C b rev-parse HEAD)" = "$(cat "$T/head1")" ]

# something else staged stays staged, out of the report's commit
echo x >b/notes.txt && git -C b add notes.txt
JF_NOW=2026-12-01T08:00:00+08:00 run sh "$W" b
t_rc 0 "next week: exit 0"
git -C b show --name-only --format= HEAD >"$T/got"
printf '%s\n' reports/2026-W48.html reports/2026-W48.md >"$T/exp"
t_same "next week: only its reports are committed" "$T/exp" "$T/got"
git -C b diff --cached --name-only >"$T/got"
echo notes.txt >"$T/exp"
t_same "next week: what else was staged stays staged" "$T/exp" "$T/got"
git -C b reset -q notes.txt && rm b/notes.txt

# uncommitted ledger entries: counted, with a warning
JF_NOW=2026-12-08T08:00:00+08:00 jf-add -C b XB-018 clean-yard -d 2026-11-30 >/dev/null 2>&1 || exit 99
JF_NOW=2026-12-08T08:00:00+08:00 run sh "$W" b
t_rc 0 "uncommitted ledger: exit 0"
t_errhas "uncommitted ledger: a warning" "weekly.sh: warning: ledger/ has changes not committed"
{ git -C b add ledger && git -C b commit -q -m 'ledger: W49'; } >/dev/null 2>&1 || exit 99

# an invalid book: exit 3, nothing written, nothing committed
git -C b rev-parse HEAD >"$T/head2"
echo '  - {id: XB-099, head: 无名, village: QQ}' >>b/households.yaml
JF_NOW=2026-12-15T08:00:00+08:00 run sh "$W" b
t_rc 3 "invalid book: exit 3"
t_noout "invalid book: nothing on stdout"
t_errhas "invalid book: jf-check's message" "jf-check: households.yaml:"
t_errhas "invalid book: says nothing was done" "weekly.sh: the book is invalid (see above); no report written, nothing committed"
t_ok "invalid book: no report written" [ ! -e b/reports/2026-W50.html ] && [ ! -e b/reports/2026-W50.md ]
t_ok "invalid book: no commit" [ "$(git -C b rev-parse HEAD)" = "$(cat "$T/head2")" ]
git -C b checkout -q households.yaml

# not a git work tree, no book
cp -R b nogit && rm -rf nogit/.git
run sh "$W" nogit
t_rc 2 "not in git: exit 2"
t_errhas "not in git: says so" "is not in a git work tree"
run sh "$W" "$T/none"
t_rc 2 "no such directory: exit 2"
(cd b && JF_NOW=2026-12-15T08:00:00+08:00 sh "$W") >"$T/out" 2>"$T/err"
rc=$?
t_rc 0 "the working directory is the default book"
t_ok "... and writes that week" [ -f b/reports/2026-W50.md ]
