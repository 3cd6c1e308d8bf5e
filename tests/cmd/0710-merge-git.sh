#!/bin/sh
# 0710-merge-git.sh - jf-merge as git's merge driver in real repositories:
# village clones append entries that share most of their lines (the case
# merge=union fuses), merges in both directions, an entry on both sides,
# a same-id conflict and an edited history.
. "$JF_TOP/tests/cmd/lib.sh"

command -v git >/dev/null 2>&1 || { n=$((n + 1)); echo "ok $n - # SKIP git is not installed"; exit 0; }
HOME=$T GIT_CONFIG_NOSYSTEM=1 GIT_AUTHOR_DATE='2026-11-28T10:15:02+08:00'
GIT_COMMITTER_DATE=$GIT_AUTHOR_DATE
export HOME GIT_CONFIG_NOSYSTEM GIT_AUTHOR_DATE GIT_COMMITTER_DATE
g() { git -c user.name=baiyang -c user.email=baiyang@example.org -c init.defaultBranch=main "$@"; }
# driver DIR: install the merge driver (git config is not cloned).
driver() {
	g -C "$1" config merge.jf.name 'jf ledger merge' &&
	g -C "$1" config merge.jf.driver "'$JF_BIN/jf-merge' %O %A %B %P" || exit 99
}
# clone FROM TO: a clone with the driver.
clone() { g clone -q "$1" "$2" && driver "$2" || exit 99; }
# commit DIR MSG: commit everything.
commit() { g -C "$1" add -A && g -C "$1" commit -qm "$2" || exit 99; }
ids() { sed -n 's/^- id: //p' "${1:-ledger/2026/XB.yaml}"; }

# the township's book: one entry, .gitattributes from examples/git
t_book town
cp "$JF_TOP/examples/git/.gitattributes" town/ || exit 99
g -C town init -q || exit 99
driver town
jf-add -C town XB-018 clean-yard -d 2026-11-20 >/dev/null || exit 99
commit town 'the book'
t_ok "examples/git/.gitattributes routes ledger files to jf" \
	[ "$(g -C town check-attr merge ledger/2026/XB.yaml)" = "ledger/2026/XB.yaml: merge: jf" ]

# two village clones record the same deed for the same household on the
# same day: the entries differ only in their id line
clone town a
clone town b
jf-add -C a XB-017 sort-waste -d 2026-11-27 >/dev/null || exit 99
commit a 'a: sort-waste'
jf-add -C b XB-017 sort-waste -d 2026-11-27 >/dev/null || exit 99
commit b 'b: sort-waste'
ida=$(lastid a/ledger/2026/XB.yaml) idb=$(lastid b/ledger/2026/XB.yaml)
diff a/ledger/2026/XB.yaml b/ledger/2026/XB.yaml | grep -c '^[<>]' >got
echo 2 >exp
t_same "the two new entries differ in one line only" exp got

# the control: merge=union fuses the two entries into a broken one
clone town u
(cd u && echo 'ledger/** merge=union' >.git/info/attributes &&
 g pull -q --no-rebase --no-edit ../a main && g pull -q --no-rebase --no-edit ../b main) \
	>/dev/null 2>&1 || exit 99
run jf-check -C u
t_rc 3 "control: with merge=union the merged book is invalid"

# the township merges both villages
(cd town && g pull -q --no-rebase --no-edit ../a main) >/dev/null 2>&1 || exit 99
run g -C town pull -q --no-rebase --no-edit ../b main
t_rc 0 "township merges the second village: exit 0"
{ cat a/ledger/2026/XB.yaml; tail -n 9 b/ledger/2026/XB.yaml; } >exp
t_same "both entries survive, ours first, byte for byte" exp town/ledger/2026/XB.yaml
run jf-check -C town
t_rc 0 "the merged book passes jf-check"
t_out "jf-check counts both entries" <<-'EOF'
	ok: 1 file, 3 entries, 5 households
	EOF
run jf-balance -C town --format tsv XB-017
t_ok "the household has both half points" grep -q '	1	0	1$' "$T/out"
t_ok "the merge is a merge commit" [ "$(g -C town rev-list --parents -n 1 HEAD | wc -w)" = 3 ]

# the other direction: b merges a (b's entry first)
run g -C b pull -q --no-rebase --no-edit ../a main
t_rc 0 "b merges a: exit 0"
ids b/ledger/2026/XB.yaml | tail -n 2 >got
printf '%s\n%s\n' "$idb" "$ida" >exp
t_same "b merges a: b's entry, then a's" exp got
run jf-check -C b
t_rc 0 "b merges a: jf-check passes"
# and a merges b
run g -C a pull -q --no-rebase --no-edit ../b main
t_rc 0 "a merges b (after b merged a): exit 0"
run jf-check -C a
t_rc 0 "a merges b: jf-check passes"
ids a/ledger/2026/XB.yaml | sort | uniq -d >got
t_same "a merges b: no entry twice" /dev/null got
ids a/ledger/2026/XB.yaml | wc -l >got
echo 3 >exp
t_same "a merges b: three entries" exp got

# back and forth: the village merges the township's new entries, both go
# on appending, the township merges the village.  The merge base (the
# township's old head) is no byte prefix of the village's file, where the
# village's own entry came first: the entry-level proof takes over.
clone town v
jf-add -C v XB-017 clean-yard -d 2026-11-21 >/dev/null || exit 99
commit v 'v: clean-yard'
jf-add -C town XB-018 sort-waste -d 2026-11-21 >/dev/null || exit 99
commit town 'town: sort-waste'
run g -C v pull -q --no-rebase --no-edit ../town main
t_rc 0 "back and forth: the village merges the township: exit 0"
jf-add -C v XB-017 sort-waste -d 2026-11-22 >/dev/null || exit 99
commit v 'v: sort-waste'
jf-add -C town XB-018 litter -d 2026-11-22 >/dev/null || exit 99
commit town 'town: litter'
cp town/ledger/2026/XB.yaml before
run g -C town pull -q --no-rebase --no-edit ../v main
t_rc 0 "back and forth: the township merges the village: exit 0"
head -c "$(wc -c <before)" town/ledger/2026/XB.yaml >got
t_same "back and forth: the township's file only grew" before got
run jf-check -C town
t_rc 0 "back and forth: jf-check passes"
t_out "back and forth: every entry once" <<-'EOF'
	ok: 1 file, 7 entries, 5 households
	EOF
run g -C v pull -q --no-rebase --no-edit ../town main
t_rc 0 "back and forth: the village catches up (a fast-forward)"
t_same "back and forth: village and township agree" town/ledger/2026/XB.yaml v/ledger/2026/XB.yaml

# an entry on both sides (cherry-picked): kept once
clone town c
clone town d
n0=$(cat town/ledger/2026/*.yaml | grep -c '^- id: ')
jf-add -C c XB-018 sort-waste -d 2026-11-26 >/dev/null || exit 99
commit c 'c: sort-waste'
idc=$(lastid c/ledger/2026/XB.yaml)
(cd d && g fetch -q ../c main && g cherry-pick FETCH_HEAD) >/dev/null 2>&1 || exit 99
jf-add -C d LQ-003 sort-waste -d 2026-11-26 >/dev/null || exit 99
jf-add -C d XB-018 litter -d 2026-11-26 >/dev/null || exit 99
commit d 'd: more'
run g -C c pull -q --no-rebase --no-edit ../d main
t_rc 0 "an entry on both sides: merge exits 0"
ids c/ledger/2026/XB.yaml | grep -c "^$idc\$" >got
echo 1 >exp
t_same "an entry on both sides: kept once" exp got
run jf-check -C c
t_rc 0 "an entry on both sides: jf-check passes"
echo "ok: 2 files, $((n0 + 3)) entries, 5 households" | t_out "an entry on both sides: every entry counted once"

# a same-id conflict: the merge stops, nothing guessed
clone town e
clone town f
jf-add -C e XB-017 sort-waste -d 2026-11-25 -n 'e' >/dev/null || exit 99
commit e 'e'
ide=$(lastid e/ledger/2026/XB.yaml) at=$(($(wc -l <town/ledger/2026/XB.yaml) + 1))
{ cat town/ledger/2026/XB.yaml; tail -n 10 e/ledger/2026/XB.yaml | sed 's/note: e/note: f/'; } \
	>f/ledger/2026/XB.yaml
commit f 'f: the same id, another note'
cp f/ledger/2026/XB.yaml before
g -C f fetch -q ../e main || exit 99
run g -C f merge --no-edit FETCH_HEAD
t_ok "same id, different bytes: git merge fails" [ "$rc" -ne 0 ]
t_errhas "same id, different bytes: jf-merge says why" \
	"jf-merge: ledger/2026/XB.yaml: entry '$ide' was appended on both sides with different bytes (ours at line $at, theirs at line $at)"
t_same "same id, different bytes: the file is ours, unchanged" before f/ledger/2026/XB.yaml
g -C f ls-files -u >got
t_ok "same id, different bytes: git marks the file as conflicted" grep -q 'ledger/2026/XB.yaml' got
g -C f merge --abort || exit 99

# a side that edited history: refused loudly, whichever side it is
clone town h
clone town k
sed -i '8s/points: 5/points: 50/' h/ledger/2026/XB.yaml
jf-add -C h XB-017 sort-waste -d 2026-11-24 >/dev/null 2>&1
commit h 'h: edits an old entry'
jf-add -C k XB-018 sort-waste -d 2026-11-24 >/dev/null || exit 99
commit k 'k'
cp k/ledger/2026/XB.yaml before
g -C k fetch -q ../h main || exit 99
run g -C k merge --no-edit FETCH_HEAD
t_ok "theirs edited history: git merge fails" [ "$rc" -ne 0 ]
t_errhas "theirs edited history: jf-merge names the side and the line" \
	"jf-merge: ledger/2026/XB.yaml:8:12: theirs edited history: line 8 differs from line 8 of the common base"
t_errhas "theirs edited history: quotes both lines" "(base '  points: 5', theirs '  points: 50')"
t_same "theirs edited history: ours unchanged" before k/ledger/2026/XB.yaml
g -C k merge --abort || exit 99
cp h/ledger/2026/XB.yaml before
g -C h fetch -q ../k main || exit 99
run g -C h merge --no-edit FETCH_HEAD
t_ok "ours edited history: git merge fails" [ "$rc" -ne 0 ]
t_errhas "ours edited history: jf-merge names the side" \
	"jf-merge: ledger/2026/XB.yaml:8:12: ours edited history: line 8 differs"
t_same "ours edited history: ours unchanged" before h/ledger/2026/XB.yaml
g -C h merge --abort || exit 99

# a new ledger file on one side, the same new file on both sides
clone town m
clone town p
jf-add -C m LQ-003 sort-waste -d 2026-11-23 >/dev/null || exit 99
commit m 'm: LQ'
jf-add -C p LQ-003 sort-waste -d 2026-11-23 >/dev/null || exit 99
commit p 'p: LQ'
run g -C m pull -q --no-rebase --no-edit ../p main
t_rc 0 "the same new file created on both sides: exit 0"
ids m/ledger/2026/LQ.yaml | wc -l >got
echo 2 >exp
t_same "the same new file created on both sides: both entries" exp got
run jf-check -C m
t_rc 0 "the same new file created on both sides: jf-check passes"
