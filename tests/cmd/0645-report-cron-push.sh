#!/bin/sh
# 0645-report-cron-push.sh - the crontab line of examples/cron/crontab, run
# as cron would on the server's clone: it pulls first (the report counts an
# entry a village pushed just before), a push the central repository refuses
# exits non-zero and keeps the commit, and the next run pulls (rebasing the
# report after a village's new commit) and pushes it; then nothing is left
# to push.
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
g() { git -c init.defaultBranch=main "$@"; }

# the township's book, its central repository and two clones: the server's
# (c, where cron runs) and a village's (v)
t_book b
{
	cp "$JF_TOP/examples/git/.gitattributes" b/ &&
	g -C b init -q && g -C b add -A && g -C b commit -q -m book &&
	jf-adjust -C b XB-017 20 -r opening -d 2026-11-02 &&
	jf-add -C b XB-017 clean-yard -d 2026-11-16 &&
	g -C b add ledger && g -C b commit -q -m 'ledger: W47' &&
	g clone -q --bare b central.git &&
	g clone -q central.git c && g clone -q central.git v
} >"$T/setup.log" 2>&1 || { sed 's/^/# /' "$T/setup.log"; exit 99; }

# the crontab's line, with this test's paths
line=$(grep '^15 6 \* \* 1 ' "$JF_TOP/examples/cron/crontab" | sed 's/^15 6 \* \* 1  *//')
push=$(sed -n 's/^JF_REPORT_PUSH=//p' "$JF_TOP/examples/cron/crontab")
t_ok "the crontab has the Monday line and JF_REPORT_PUSH" [ -n "$line" ] && [ "$push" = origin ]
line=$(printf '%s\n' "$line" | sed -e "s|/srv/jf/longqu|$T/c|g" -e "s|/usr/local/share/jf/cron/weekly.sh|sh $W|" \
	-e "s|/srv/jf/weekly.log|$T/weekly.log|")
t_ok "the crontab's line pulls before weekly.sh" sh -c 'case $1 in *"git pull"*weekly.sh*) exit 0 ;; esac; exit 1' - "$line"
cron() { (cd "$T" && JF_REPORT_PUSH=$push sh -c "$line") >"$T/out" 2>"$T/err"; rc=$?; }

# a village pushes an entry of last week just before the run
jf-add -C v XB-018 sort-waste 4 -d 2026-11-20 >/dev/null || exit 99
{ g -C v add ledger && g -C v commit -q -m 'v: 11-20' && g -C v push -q origin HEAD; } >/dev/null 2>&1 || exit 99
central0=$(g -C central.git rev-parse main)
# from now on the central repository refuses the first push it sees (the
# server "down")
cat >central.git/hooks/pre-receive <<EOF
#!/bin/sh
if [ ! -e "$T/refused-once" ]; then
	: >"$T/refused-once"
	echo "central: down for maintenance" >&2
	exit 1
fi
exit 0
EOF
chmod +x central.git/hooks/pre-receive || exit 99

cron
t_rc 4 "a refused push: exit 4"
t_errhas "a refused push: the server's message" "central: down for maintenance"
t_errhas "a refused push: weekly.sh says the commit is kept" \
	"weekly.sh: 2026-W47: committed reports/2026-W47.html and reports/2026-W47.md; git push to 'origin' failed (the commit is kept; the next run pushes it)"
t_ok "a refused push: central main not moved" [ "$(g -C central.git rev-parse main)" = "$central0" ]
t_ok "a refused push: the clone is a commit ahead" [ "$(g -C c rev-list --count origin/main..HEAD)" -eq 1 ]
jf-report -C v --week 2026-W47 --format markdown >"$T/w.md"
t_same "pulled first: the report counts the village's entry" "$T/w.md" c/reports/2026-W47.md

# meanwhile a village pushes again (an entry of this week)
jf-add -C v XB-017 sort-waste -d 2026-11-28 >/dev/null || exit 99
{ g -C v add ledger && g -C v commit -q -m 'v: 11-28' && g -C v push -q origin HEAD; } >/dev/null 2>&1 || exit 99

cron
t_rc 0 "the next run: exit 0"
t_noerr "the next run: quiet on stderr"
tail -n 1 weekly.log >"$T/got"
echo 'weekly.sh: 2026-W47: the reports are already committed; pushed to origin' >"$T/exp"
t_same "the next run: says it pushed the kept commit" "$T/exp" "$T/got"
t_ok "the next run: central main is the clone's HEAD" \
	[ "$(g -C central.git rev-parse main)" = "$(g -C c rev-parse HEAD)" ]
g -C central.git log --format=%s main >"$T/got"
printf '%s\n' 'report: week 2026-W47 (2026-11-16 to 2026-11-22)' 'v: 11-28' 'v: 11-20' 'ledger: W47' book >"$T/exp"
t_same "the next run: the report rebased after the village's commits, once" "$T/exp" "$T/got"
g -C central.git show main:reports/2026-W47.md >"$T/got"
t_same "the next run: the pushed report is the week's" "$T/w.md" "$T/got"

cron
t_rc 0 "a third run: exit 0"
tail -n 1 weekly.log >"$T/got"
echo 'weekly.sh: 2026-W47: the reports are already committed; nothing to push' >"$T/exp"
t_same "a third run: nothing to push" "$T/exp" "$T/got"
t_ok "a third run: no new commit" [ "$(g -C central.git rev-parse main)" = "$(g -C c rev-parse HEAD)" ]
