#!/bin/sh
# 0720-merge-rebase.sh - git rebase (and pull --rebase) replays commits with
# the merge driver too: a village's appends land after the township's.
. "$JF_TOP/tests/cmd/lib.sh"

command -v git >/dev/null 2>&1 || { n=$((n + 1)); echo "ok $n - # SKIP git is not installed"; exit 0; }
HOME=$T GIT_CONFIG_NOSYSTEM=1 GIT_AUTHOR_DATE='2026-11-28T10:15:02+08:00'
GIT_COMMITTER_DATE=$GIT_AUTHOR_DATE
export HOME GIT_CONFIG_NOSYSTEM GIT_AUTHOR_DATE GIT_COMMITTER_DATE
g() { git -c user.name=baiyang -c user.email=baiyang@example.org -c init.defaultBranch=main "$@"; }
driver() {
	g -C "$1" config merge.jf.name 'jf ledger merge' &&
	g -C "$1" config merge.jf.driver "'$JF_BIN/jf-merge' %O %A %B %P" || exit 99
}
clone() { g clone -q "$1" "$2" && driver "$2" || exit 99; }
commit() { g -C "$1" add -A && g -C "$1" commit -qm "$2" || exit 99; }
ids() { sed -n 's/^- id: //p' "${1:-ledger/2026/XB.yaml}"; }

t_book town
cp "$JF_TOP/examples/git/.gitattributes" town/ || exit 99
g -C town init -q || exit 99
driver town
jf-adjust -C town XB-017 100 -r 'opening balance' -d 2026-11-01 >/dev/null || exit 99
commit town 'the book'

clone town a
clone town b
# a: one commit; b: two commits, each appending to the same file.  When the
# second is replayed, its base (b's first commit) is not a byte prefix of
# the new HEAD (a's entry came in before b's first): the entry-level proof
jf-add -C a XB-017 sort-waste -d 2026-11-27 >/dev/null || exit 99
commit a 'a: sort-waste'
jf-add -C b XB-017 sort-waste -d 2026-11-27 >/dev/null || exit 99
commit b 'b: sort-waste'
jf-redeem -C b XB-017 soap -d 2026-11-27 >/dev/null || exit 99
commit b 'b: soap'
ida=$(lastid a/ledger/2026/XB.yaml)
ids b/ledger/2026/XB.yaml | tail -n 2 >bids

g -C b fetch -q ../a main || exit 99
run g -C b rebase FETCH_HEAD
t_rc 0 "b rebases onto a: exit 0"
ids b/ledger/2026/XB.yaml | tail -n 3 >got
{ echo "$ida"; cat bids; } >exp
t_same "after the rebase: a's entry, then b's two in order" exp got
head -c "$(wc -c <a/ledger/2026/XB.yaml)" b/ledger/2026/XB.yaml >got
t_same "after the rebase: a's file is a prefix of b's" a/ledger/2026/XB.yaml got
g -C b rev-list --count HEAD >got
echo 4 >exp
t_same "after the rebase: history is linear (4 commits)" exp got
run jf-check -C b
t_rc 0 "after the rebase: jf-check passes"
t_out "after the rebase: every entry counted" <<-'EOF'
	ok: 1 file, 4 entries, 5 households
	EOF

# pull --rebase the other way: a replays its commit onto b
run g -C a pull -q --rebase ../b main
t_rc 0 "a pulls --rebase from b: exit 0"
t_same "a pulls --rebase from b: the same file as b (a's entry was already there)" \
	b/ledger/2026/XB.yaml a/ledger/2026/XB.yaml

# a rebase of a commit that edited history stops, nothing guessed
clone town c
clone town h
jf-add -C c XB-018 sort-waste -d 2026-11-26 >/dev/null || exit 99
commit c 'c'
sed -i 's/opening balance/opening balanse/' h/ledger/2026/XB.yaml
commit h 'h: edits the opening entry'
cp c/ledger/2026/XB.yaml before
g -C h fetch -q ../c main || exit 99
run g -C h rebase FETCH_HEAD
t_ok "rebasing an edit of history: the rebase stops" [ "$rc" -ne 0 ]
t_errhas "rebasing an edit of history: jf-merge says which side edited which line" \
	"jf-merge: ledger/2026/XB.yaml:7:24: theirs edited history: line 7 differs from line 7 of the common base"
t_same "rebasing an edit of history: the file is left as upstream had it" \
	before h/ledger/2026/XB.yaml
g -C h rebase --abort || exit 99
