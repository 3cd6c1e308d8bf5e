#!/bin/sh
# examples/cron/yearend.sh: check, jf-expire, one commit of the ledger files
# the receipts went to (only those), named by the year end; a second run
# commits nothing; an invalid book or one without expiry: writes nothing;
# JF_REPORT_PUSH pushes as weekly.sh does.  The crontab's line runs it.
. "$JF_TOP/tests/cmd/lib.sh"
if ! command -v git >/dev/null 2>&1; then
	t_skip "yearend.sh" "git is not installed"
	exit 0
fi
Y=$JF_TOP/examples/cron/yearend.sh
GIT_AUTHOR_NAME=cron GIT_AUTHOR_EMAIL=cron@example.invalid
GIT_COMMITTER_NAME=cron GIT_COMMITTER_EMAIL=cron@example.invalid
GIT_CONFIG_GLOBAL=/dev/null GIT_CONFIG_NOSYSTEM=1 HOME=$T
export GIT_AUTHOR_NAME GIT_AUTHOR_EMAIL GIT_COMMITTER_NAME GIT_COMMITTER_EMAIL
export GIT_CONFIG_GLOBAL GIT_CONFIG_NOSYSTEM HOME

t_book b
{
	cd b && echo 'expiry: {every: year-end}' >>jf.yaml &&
	git init -q && git add -A && git commit -q -m book &&
	jf-adjust XB-017 20 -r opening -d 2026-05-02 &&
	jf-adjust LQ-003 7 -r opening -d 2026-06-01 &&
	jf-adjust XB-018 4 -r opening -d 2026-06-01 &&
	git add ledger && git commit -q -m 'ledger: 2026'
} >"$T/setup.log" 2>&1 || { sed 's/^/# /' "$T/setup.log"; exit 99; }
cd "$T" || exit 99
JF_NOW=2027-01-10T06:30:00+08:00
export JF_NOW
git -C b rev-parse HEAD >"$T/head0"

# something else staged stays staged, out of the receipts' commit
echo x >b/notes.txt && git -C b add notes.txt || exit 99

run sh "$Y" b
t_rc 0 "yearend.sh: exit 0"
t_noerr "yearend.sh: quiet on stderr"
t_out "yearend.sh: one line saying what it did" <<'EOF'
yearend.sh: year end 2026: committed 3 receipts of expiry in ledger/2027/LQ.yaml ledger/2027/XB.yaml
EOF
git -C b log -1 --format=%s >"$T/got"
echo '年度清零: receipts of expiry (year end 2026)' >"$T/exp"
t_same "the commit message names the year end" "$T/exp" "$T/got"
git -C b show --name-only --format= HEAD >"$T/got"
printf '%s\n' ledger/2027/LQ.yaml ledger/2027/XB.yaml >"$T/exp"
t_same "the commit holds the receipts' files only" "$T/exp" "$T/got"
t_ok "the parent is the previous head" [ "$(git -C b rev-parse HEAD^)" = "$(cat "$T/head0")" ]
t_ok "three receipts committed" [ "$(git -C b show HEAD | grep -c '^+  kind: expire$')" -eq 3 ]
git -C b status --porcelain >"$T/got"
echo 'A  notes.txt' >"$T/exp"
t_same "what else was staged stays staged" "$T/exp" "$T/got"
jf-balance -C b --format tsv XB-017 LQ-003 >"$T/got" 2>&1
printf 'household\thead\tvillage\tearned\tspent\tbalance\texpired\texpiring\nXB-017\t司学霞\tXB\t20\t0\t0\t20\t0\nLQ-003\t李明\tLQ\t7\t0\t0\t7\t0\n' >"$T/exp"
t_same "the balances: 2026's points gone" "$T/exp" "$T/got"

git -C b rev-parse HEAD >"$T/head1"
run sh "$Y" b
t_rc 0 "a second run: exit 0"
t_out "a second run: nothing to write" <<'EOF'
yearend.sh: nothing to write: the receipts agree with what expired
EOF
t_ok "a second run: no new commit" [ "$(git -C b rev-parse HEAD)" = "$(cat "$T/head1")" ]

# an uncommitted entry in a file the receipts go to: committed whole, with a warning
jf-adjust -C b -d 2026-12-20 -r 补记 XB-018 2 >/dev/null 2>&1 || exit 99
JF_NOW=2027-01-11T06:30:00+08:00 run sh "$Y" b
t_rc 0 "an uncommitted late entry: exit 0"
t_errhas "... a warning" "yearend.sh: warning: ledger/ has changes not committed"
t_ok "... its receipt committed" [ "$(git -C b show HEAD | grep -c '^+  kind: expire$')" -eq 1 ]

# an invalid book: exit 3, nothing written, nothing committed
git -C b rev-parse HEAD >"$T/head2"
cp b/jf.yaml "$T/jf.yaml"
echo 'bogus: 1' >>b/jf.yaml
t_save b
run sh "$Y" b
t_rc 3 "an invalid book: exit 3"
t_errhas "... says so" "yearend.sh: the book is invalid (see above); no receipt written, nothing committed"
t_unchanged "... nothing written"
t_ok "... nothing committed" [ "$(git -C b rev-parse HEAD)" = "$(cat "$T/head2")" ]
cp "$T/jf.yaml" b/jf.yaml

# a book without expiry: exit 1
sed -i '/^expiry:/d' b/jf.yaml
run sh "$Y" b
t_rc 1 "no expiry: exit 1"
t_errhas "... jf-expire's reason" "jf-expire: jf.yaml sets no 'expiry:': points never expire in this book"
cp "$T/jf.yaml" b/jf.yaml

# not a git work tree: exit 2
t_book plain
echo 'expiry: {every: year-end}' >>plain/jf.yaml
run sh "$Y" plain
t_rc 2 "not in git: exit 2"
t_errhas "... says so" "is not in a git work tree"

# the crontab's line: pull, then yearend.sh, which pushes to JF_REPORT_PUSH
git init -q --bare origin.git || exit 99
git -C b remote add origin "$T/origin.git" && git -C b push -q origin HEAD:refs/heads/main >/dev/null 2>&1 &&
	git -C b branch -q -M main && git -C b fetch -q origin && git -C b branch -q -u origin/main || exit 99
jf-adjust -C b -d 2025-03-01 -r 期初 XB-018 1 >/dev/null 2>&1 || exit 99
git -C b add -A ledger && git -C b commit -qm 'a slip of 2025' || exit 99
line=$(grep 'yearend.sh' "$JF_TOP/examples/cron/crontab" | grep -v '^#')
line=$(printf '%s\n' "$line" | sed -e 's/^[0-9 *]*  //' -e "s|/srv/jf/longqu|$T/b|g" \
	-e "s|/usr/local/share/jf/cron/yearend.sh|sh $Y|" -e "s|/srv/jf/yearend.log|$T/yearend.log|")
(cd "$T" && JF_REPORT_PUSH=origin sh -c "$line") >"$T/out" 2>"$T/err"; rc=$?
t_rc 0 "the crontab's line: exit 0"
t_ok "... logs what it did, pushed" grep -q '^yearend.sh: year end 2025: committed 1 receipts of expiry in ledger/2026/XB.yaml; pushed to origin$' "$T/yearend.log"
t_ok "... origin has the receipt" [ "$(git -C b rev-parse HEAD)" = "$(git -C origin.git rev-parse main)" ]
