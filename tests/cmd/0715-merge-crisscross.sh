#!/bin/sh
# 0715-merge-crisscross.sh - a criss-cross history (each village merged the
# other before the township merges both): git hands jf-merge a common base
# it made itself, by merging the two merge bases, in an order neither side
# has.  jf-merge still refuses, and says what happened and what to do; the
# way jf-merge(1) gives (merge against one real merge base) works.
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
commit() { g -C "$1" add -A && g -C "$1" commit -qm "$2" || exit 99; }
F=ledger/2026/XB.yaml

t_book town
cp "$JF_TOP/examples/git/.gitattributes" town/ || exit 99
g -C town init -q || exit 99
driver town
jf-add -C town XB-018 clean-yard -d 2026-11-20 >/dev/null || exit 99
commit town 'the book'
cd town || exit 99
# a and b each record an entry, then each merges the other's first commit
g checkout -q -b a && jf-add XB-017 sort-waste -d 2026-11-27 >/dev/null && commit . a1 || exit 99
g checkout -q main && g checkout -q -b b && jf-add XB-017 litter -d 2026-11-27 >/dev/null &&
	commit . b1 || exit 99
g checkout -q a && g merge -q --no-edit b >/dev/null 2>&1 || exit 99
g checkout -q b && g merge -q --no-edit a~1 >/dev/null 2>&1 || exit 99
jf-add XB-018 litter -d 2026-11-27 >/dev/null && commit . b3 || exit 99
g checkout -q a && jf-add XB-018 sort-waste -d 2026-11-27 >/dev/null && commit . a3 || exit 99
t_ok "the history is criss-cross: two merge bases" [ "$(g merge-base --all a b | wc -l)" -eq 2 ]
# nothing was moved: each side's file only grew (jf-check --since its fork)
run jf-check --since main
t_rc 0 "a only appended since the fork"
g checkout -q b || exit 99
run jf-check --since main
t_rc 0 "b only appended since the fork"
g checkout -q a || exit 99
cp $F "$T/ours"

# a rebase meets the other side's order too (its base is a real commit):
# refused, with the same explanation
run g rebase b
t_ok "git rebase: refused" [ "$rc" -ne 0 ]
t_errhas "git rebase: the message says why" "Nothing was moved if each side had merged the other before"
g rebase --abort >/dev/null 2>&1 || exit 99
t_ok "git rebase --abort: a is as it was" cmp -s "$T/ours" $F

run g merge --no-edit b
t_ok "git merge: refused" [ "$rc" -ne 0 ]
t_errhas "the message says what git's base is" \
	"Nothing was moved if each side had merged the other before (a criss-cross history): the entries then came together in another order on each side, and git's base is its own merge of the several merge bases"
t_errhas "the message says what to do" \
	"Merge the file against one real merge base instead (see CRISS-CROSS MERGES in jf-merge(1))"
t_ok "the message no longer says an entry was moved" sh -c "! grep -q 'moved entry' '$T/err'"
t_errhas "ours is left as it was" "not merged; ours is left as it was"

# what jf-merge(1) says to do, step by step
gd=$(g rev-parse --git-dir) || exit 99
g show "$(g merge-base HEAD MERGE_HEAD)":$F >"$gd/jf-base" &&
g show MERGE_HEAD:$F >"$gd/jf-theirs" &&
g show HEAD:$F >$F || exit 99
run jf-merge "$gd/jf-base" $F "$gd/jf-theirs" $F
t_rc 0 "jf-merge against one real merge base: exit 0"
rm -f "$gd/jf-base" "$gd/jf-theirs"
{ cat "$T/ours"; g show b:$F | tail -n 9; } >"$T/exp"
t_same "every entry once: ours, then the one entry only theirs had" "$T/exp" $F
g add $F && g commit -q --no-edit >/dev/null 2>&1 || exit 99
t_ok "the merge is committed" [ "$(g rev-list --parents -n 1 HEAD | wc -w)" = 3 ]
run jf-check
t_rc 0 "the merged book passes jf-check"
t_out "jf-check counts every entry once" <<-'EOF'
	ok: 1 file, 5 entries, 5 households
	EOF
