#!/bin/sh
# 0760-hooks.sh - examples/hooks: pre-receive on the township's central bare
# repository (appends accepted; an edited, deleted or renamed ledger file, an
# invalid book, a deleted main branch refused, the ref left as it was) and
# pre-commit in a clone (a valid staged book passes, a broken one is refused).
. "$JF_TOP/tests/cmd/lib.sh"

command -v git >/dev/null 2>&1 || { n=$((n + 1)); echo "ok $n - # SKIP git is not installed"; exit 0; }
HOME=$T GIT_CONFIG_NOSYSTEM=1 GIT_AUTHOR_DATE='2026-11-28T10:15:02+08:00'
GIT_COMMITTER_DATE=$GIT_AUTHOR_DATE JF_CHECK=$JF_BIN/jf-check TMPDIR=$T/tmp
export HOME GIT_CONFIG_NOSYSTEM GIT_AUTHOR_DATE GIT_COMMITTER_DATE JF_CHECK TMPDIR
mkdir "$TMPDIR" || exit 99
g() { git -c user.name=t -c user.email=t@t -c init.defaultBranch=main "$@"; }
# clone DIR: a clone of the central repository with the merge driver.
clone() {
	g clone -q central.git "$1" && g -C "$1" config merge.jf.driver "'$JF_BIN/jf-merge' %O %A %B %P" ||
		exit 99
}
commit() { g -C "$1" add -A && g -C "$1" commit -qm "$2" || exit 99; }
head_of() { g -C "$1" rev-parse "${2:-HEAD}"; }
X=ledger/2026/XB.yaml

# the township's book, then the central bare repository with the hook
t_book town
cp "$JF_TOP/examples/git/.gitattributes" town/ || exit 99
g -C town init -q || exit 99
jf-adjust -C town XB-017 100 -r 'opening balance' -d 2026-11-01 >/dev/null || exit 99
jf-add -C town XB-017 clean-yard -d 2026-11-02 >/dev/null || exit 99
id2=$(lastid town/$X)
jf-add -C town LQ-003 sort-waste -d 2026-11-02 >/dev/null || exit 99
commit town 'the book'
g clone -q --bare town central.git || exit 99
cp "$JF_TOP/examples/hooks/pre-receive" central.git/hooks/pre-receive || exit 99
chmod +x central.git/hooks/pre-receive || exit 99

# a village appends and pushes: accepted
clone a
jf-add -C a XB-017 sort-waste -d 2026-11-27 >/dev/null || exit 99
jf-redeem -C a XB-017 soap -d 2026-11-27 >/dev/null || exit 99
commit a 'a: 2026-11-27'
run g -C a push origin HEAD:main
t_rc 0 "appended entries: push accepted"
t_ok "appended entries: the central main is the village's commit" \
	[ "$(head_of central.git main)" = "$(head_of a)" ]
main=$(head_of central.git main)

# a clerk edits an old entry's points and force-pushes: refused
clone e
pl=$(grep -n '^  points: 5$' e/$X | sed 's/:.*//')
sed -i "${pl}s/points: 5/points: 50/" e/$X
g -C e commit -qa --amend -m 'a: 2026-11-27, corrected' || exit 99
run g -C e push -f origin HEAD:main
t_ok "an edited entry, force-pushed: push refused" [ "$rc" -ne 0 ]
t_errhas "an edited entry: jf-check names FILE:LINE:COL and the entry's id" \
	"jf-check: $X:$pl:12: changed since '$main': the first differing byte is here, in entry '$id2'"
t_errhas "an edited entry: the hook names the ref" \
	"pre-receive: refs/heads/main $(g -C central.git rev-parse --short "$main").."
t_errhas "an edited entry: the hook says why" "ledger files are append-only: undo a mistake with jf-void"
t_ok "an edited entry: the central main is unchanged" [ "$(head_of central.git main)" = "$main" ]

# a clerk deletes a ledger file: refused
clone d
g -C d rm -q ledger/2026/LQ.yaml || exit 99
commit d 'd: no LQ'
run g -C d push origin HEAD:main
t_ok "a deleted ledger file: push refused" [ "$rc" -ne 0 ]
t_errhas "a deleted ledger file: named" "jf-check: ledger/2026/LQ.yaml:1:1: gone since '$main'"
t_ok "a deleted ledger file: the central main is unchanged" [ "$(head_of central.git main)" = "$main" ]

# a renamed ledger file: refused as well
clone r
g -C r mv ledger/2026/LQ.yaml ledger/2026/LQ-old.yaml || exit 99
commit r 'r: renamed'
run g -C r push origin HEAD:main
t_ok "a renamed ledger file: push refused" [ "$rc" -ne 0 ]
t_errhas "a renamed ledger file: the old name is gone" "jf-check: ledger/2026/LQ.yaml:1:1: gone since '$main'"

# a book file turned symbolic link (to a file of the server): refused unread
clone s
cp s/households.yaml "$T/households.yaml" && rm s/households.yaml &&
	ln -s "$T/households.yaml" s/households.yaml || exit 99
commit s 's: households elsewhere'
run g -C s push origin HEAD:main
t_ok "a symbolic link in the book: push refused" [ "$rc" -ne 0 ]
t_errhas "a symbolic link in the book: named" \
	"'households.yaml' is a symbolic link; the book's files must be plain files; push refused"

# an appended entry for a household that does not exist: the book is invalid
clone i
at=$(($(wc -l <i/$X) + 4))
t_entry 01KB0000000000000000000000 earn 'household: XB-099' 'activity: sort-waste' \
	'qty: 1' 'points: 0.5' >>i/$X
commit i 'i: a made-up household'
run g -C i push origin HEAD:main
t_ok "an invalid book: push refused" [ "$rc" -ne 0 ]
t_errhas "an invalid book: jf-check's problem" "jf-check: $X:$at:14: unknown household 'XB-099'"
t_errhas "an invalid book: the hook says so" "push refused: the problems above"
t_ok "an invalid book: the central main is unchanged" [ "$(head_of central.git main)" = "$main" ]

# a new branch is checked with plain jf-check
run g -C i push origin HEAD:refs/heads/bad
t_ok "a new branch with an invalid book: refused" [ "$rc" -ne 0 ]
t_errhas "a new branch with an invalid book: the hook says so" \
	"pre-receive: new refs/heads/bad at $(g -C i rev-parse --short HEAD): push refused: the book is invalid"
t_ok "a new branch with an invalid book: not created" \
	sh -c "! git -C central.git rev-parse -q --verify refs/heads/bad"
run g -C e push origin HEAD:refs/heads/edited
t_rc 0 "a new branch with an edited but valid book: accepted (no history to compare)"

# deletions: the main branch is refused, any other branch passes
run g -C a push origin :main
t_ok "deleting main: refused" [ "$rc" -ne 0 ]
t_errhas "deleting main: says so" "pre-receive: refs/heads/main: deleting the main branch is refused"
t_ok "deleting main: main is still there" [ "$(head_of central.git main)" = "$main" ]
run g -C a push origin :edited
t_rc 0 "deleting another branch: accepted"

# a push of several refs: one bad ref refuses the whole push
jf-add -C a XB-018 sort-waste -d 2026-11-28 >/dev/null || exit 99
commit a 'a: 2026-11-28'
run g -C a push origin HEAD:main HEAD:refs/heads/good "$(head_of i):refs/heads/bad"
t_ok "several refs, one invalid: refused" [ "$rc" -ne 0 ]
t_ok "several refs, one invalid: main not moved" [ "$(head_of central.git main)" = "$main" ]
t_ok "several refs, one invalid: no branch created" \
	sh -c "! git -C central.git rev-parse -q --verify refs/heads/good"
run g -C a push origin HEAD:main
t_rc 0 "the valid ref alone: accepted"
main=$(head_of central.git main)

# a village that merged main into its work (its entry first) instead of
# rebasing: nothing edited, but main's file would not only grow
clone v
jf-add -C v XB-018 litter -d 2026-11-28 >/dev/null || exit 99
commit v 'v: litter'
jf-add -C a LQ-003 sort-waste -d 2026-11-28 >/dev/null || exit 99
jf-add -C a XB-017 clean-yard -d 2026-11-28 >/dev/null || exit 99
commit a 'a: more'
t_setup g -C a push origin HEAD:main
amain=$(head_of central.git main)
g -C v pull -q --no-rebase --no-edit origin main >/dev/null 2>&1 || exit 99
run g -C v push origin HEAD:main
t_ok "a village's merge of main (its entries first): refused" [ "$rc" -ne 0 ]
t_errhas "a village's merge of main: the first entry that differs" "changed since '$amain': the first differing byte is here"
t_errhas "a village's merge of main: the hook's hint" "'git pull --rebase', then push again"
run g -C v pull -q --rebase origin main
t_rc 0 "a village's merge of main: pull --rebase puts its entries after main's"
run g -C v push origin HEAD:main
t_rc 0 "a village's merge of main: rebased, the push is accepted"
run jf-check -C v --since "$amain"
t_rc 0 "a village's merge of main: main's ledger only grew"

# no checkout left behind; no worktree in the central repository
ls "$TMPDIR" >got
t_same "no temporary files left" /dev/null got
g -C central.git worktree list | wc -l | tr -d ' ' >got
echo 1 >exp
t_same "no worktree left in the central repository" exp got

# no checker: refused
clone z
jf-add -C z XB-018 sort-waste -d 2026-11-28 >/dev/null || exit 99
commit z 'z'
run env JF_CHECK="$T/no-such-jf-check" git -C z push origin HEAD:main
t_ok "no checker: refused" [ "$rc" -ne 0 ]
t_errhas "no checker: says so" "pre-receive: '$T/no-such-jf-check' not found: install jf or set JF_CHECK; push refused"

# pre-commit, in a village clone
clone p
cp "$JF_TOP/examples/hooks/pre-commit" p/.git/hooks/pre-commit || exit 99
chmod +x p/.git/hooks/pre-commit || exit 99
jf-add -C p XB-017 sort-waste -d 2026-11-28 >/dev/null || exit 99
g -C p add -A || exit 99
run g -C p commit -qm 'p: sort-waste'
t_rc 0 "pre-commit: a valid appended entry: committed"
t_ok "pre-commit: nothing left to commit" [ -z "$(g -C p status --porcelain)" ]
before=$(head_of p)
at=$(($(wc -l <p/$X) + 4))
t_entry 01KB0000000000000000000001 earn 'household: XB-099' 'activity: sort-waste' \
	'qty: 1' 'points: 0.5' >>p/$X
g -C p add -A || exit 99
run g -C p commit -qm 'p: broken'
t_ok "pre-commit: a broken ledger: refused" [ "$rc" -ne 0 ]
t_errhas "pre-commit: a broken ledger: jf-check's problem" "jf-check: $X:$at:14: unknown household 'XB-099'"
t_errhas "pre-commit: a broken ledger: the hook says so" "pre-commit: the book is invalid"
t_ok "pre-commit: a broken ledger: nothing committed" [ "$(head_of p)" = "$before" ]
# what is checked is the index: the same broken file, not staged, does not stop a commit
g -C p reset -q || exit 99
echo '下堡村 notes' >p/NOTES && g -C p add NOTES || exit 99
run g -C p commit -qm 'p: notes only'
t_rc 0 "pre-commit: a broken but unstaged ledger: the staged commit passes"
