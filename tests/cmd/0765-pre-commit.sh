#!/bin/sh
# 0765-pre-commit.sh - examples/hooks/pre-commit refuses a commit that edits
# committed ledger history (a committed entry's 'points: 5' made '50', which
# jf-check alone only warns about; a removed or renamed ledger file), names
# the place, and commits nothing; appended entries, the first commit of a
# book and a jf-merge merge commit (pre-merge-commit) pass.
. "$JF_TOP/tests/cmd/lib.sh"

command -v git >/dev/null 2>&1 || { n=$((n + 1)); echo "ok $n - # SKIP git is not installed"; exit 0; }
HOME=$T GIT_CONFIG_NOSYSTEM=1 GIT_AUTHOR_DATE='2026-11-28T10:15:02+08:00'
GIT_COMMITTER_DATE=$GIT_AUTHOR_DATE JF_CHECK=$JF_BIN/jf-check TMPDIR=$T/tmp
export HOME GIT_CONFIG_NOSYSTEM GIT_AUTHOR_DATE GIT_COMMITTER_DATE JF_CHECK TMPDIR
mkdir "$TMPDIR" || exit 99
g() { git -c user.name=t -c user.email=t@t -c init.defaultBranch=main "$@"; }
head_of() { g -C "$1" rev-parse "${2:-HEAD}"; }
X=ledger/2026/XB.yaml

# a clone with the hook; its first commit (no HEAD yet) is checked plainly
t_book p
cp "$JF_TOP/examples/git/.gitattributes" p/ || exit 99
g -C p init -q || exit 99
g -C p config merge.jf.driver "'$JF_BIN/jf-merge' %O %A %B %P" || exit 99
cp "$JF_TOP/examples/hooks/pre-commit" p/.git/hooks/pre-commit || exit 99
chmod +x p/.git/hooks/pre-commit || exit 99
ln -s pre-commit p/.git/hooks/pre-merge-commit || exit 99
jf-adjust -C p XB-017 100 -r 'opening balance' -d 2026-11-01 >/dev/null || exit 99
jf-add -C p XB-017 clean-yard -d 2026-11-02 >/dev/null || exit 99
id2=$(lastid p/$X)
jf-add -C p LQ-003 sort-waste -d 2026-11-02 >/dev/null || exit 99
g -C p add -A || exit 99
run g -C p commit -qm 'the book'
t_rc 0 "the first commit of a book: committed"
t_noerr "the first commit of a book: quiet"

# a plain append: committed
jf-add -C p XB-017 sort-waste -d 2026-11-27 >/dev/null || exit 99
g -C p add -A || exit 99
run g -C p commit -qm 'p: 2026-11-27'
t_rc 0 "an appended entry: committed"
t_noerr "an appended entry: quiet"
t_ok "an appended entry: nothing left to commit" [ -z "$(g -C p status --porcelain)" ]
head=$(head_of p)

# a committed entry's points changed from 5 to 50: jf-check alone only warns
pl=$(grep -n '^  points: 5$' p/$X | head -n 1 | sed 's/:.*//')
sed -i "${pl}s/points: 5/points: 50/" p/$X
cp p/$X "$T/edited.yaml"
run jf-check -q -C p
t_rc 0 "an edited entry: plain jf-check passes it (a warning only)"
t_errhas "an edited entry: plain jf-check warns" "warning: recorded points 50 differ"
g -C p add -A || exit 99
run g -C p commit -qm 'p: corrected'
t_ok "an edited entry: commit refused (exit status not 0)" [ "$rc" -ne 0 ]
t_errhas "an edited entry: jf-check names FILE:LINE:COL and the entry's id" \
	"jf-check: $X:$pl:12: changed since '$head': the first differing byte is here, in entry '$id2'"
t_errhas "an edited entry: the hook says the commit is refused" "pre-commit: the book is invalid, or committed history was edited"
t_errhas "an edited entry: the hook says what to do" "ledger files are append-only"
t_ok "an edited entry: nothing committed" [ "$(head_of p)" = "$head" ]
t_ok "an edited entry: the file is left as the clerk made it" cmp -s p/$X "$T/edited.yaml"
# ... also with more entries appended after the edit
jf-add -C p XB-018 sort-waste -d 2026-11-28 >/dev/null 2>&1
g -C p add -A || exit 99
run g -C p commit -qm 'p: corrected, and more'
t_ok "an edited entry with an append after it: refused" [ "$rc" -ne 0 ]
t_ok "an edited entry with an append after it: nothing committed" [ "$(head_of p)" = "$head" ]
g -C p checkout -q -- $X && g -C p reset -q || exit 99

# an amend that edits the entries of the commit it replaces: refused too
sed -i "${pl}s/points: 5/points: 50/" p/$X
run g -C p commit -qa --amend -m 'p: 2026-11-27, corrected'
t_ok "an amend that edits history: refused" [ "$rc" -ne 0 ]
t_ok "an amend that edits history: HEAD unchanged" [ "$(head_of p)" = "$head" ]
g -C p checkout -q -- $X || exit 99

# a removed and a renamed ledger file
g -C p rm -q ledger/2026/LQ.yaml || exit 99
run g -C p commit -qm 'p: no LQ'
t_ok "a removed ledger file: refused" [ "$rc" -ne 0 ]
t_errhas "a removed ledger file: named" "jf-check: ledger/2026/LQ.yaml:1:1: gone since '$head'"
g -C p reset -q && g -C p checkout -q -- ledger || exit 99
g -C p mv ledger/2026/LQ.yaml ledger/2026/LQ-old.yaml || exit 99
run g -C p commit -qm 'p: renamed'
t_ok "a renamed ledger file: refused" [ "$rc" -ne 0 ]
t_errhas "a renamed ledger file: the old name is gone" "jf-check: ledger/2026/LQ.yaml:1:1: gone since '$head'"
g -C p mv ledger/2026/LQ-old.yaml ledger/2026/LQ.yaml || exit 99
t_ok "nothing left over" [ -z "$(g -C p status --porcelain)" ] && [ "$(head_of p)" = "$head" ]

# the append still commits after all that
jf-add -C p XB-018 sort-waste -d 2026-11-28 >/dev/null || exit 99
g -C p add -A || exit 99
run g -C p commit -qm 'p: 2026-11-28'
t_rc 0 "after the refusals, a plain append: committed"
head=$(head_of p)

# a merge of two branches that both appended, made by jf-merge: passes
g -C p checkout -q -b other || exit 99
jf-add -C p LQ-003 sort-waste -d 2026-11-28 >/dev/null || exit 99
jf-redeem -C p XB-017 soap -d 2026-11-28 >/dev/null || exit 99
g -C p commit -qam 'other' || exit 99
g -C p checkout -q main || exit 99
jf-add -C p XB-017 litter -d 2026-11-28 >/dev/null || exit 99
g -C p commit -qam 'main' || exit 99
run g -C p merge -q --no-edit other
t_rc 0 "a merge by jf-merge (pre-merge-commit): committed"
t_ok "a merge by jf-merge: a merge commit" [ "$(g -C p rev-list --count --merges -1 HEAD)" -eq 1 ]

ls "$TMPDIR" >got
t_same "no temporary files left" /dev/null got
