#!/bin/sh
# 0755-since-last-entry.sh - jf-check --since REV: a file at REV must be a
# prefix of the file now AND its last entry must read the same.  Lines
# appended to the last committed entry (a folded continuation of its 'by',
# a new field) change what it says and are refused, as jf-merge refuses
# them; new entries, comments and blank lines pass.  Also: a git that
# cannot be exec'd is "cannot run git".
. "$JF_TOP/tests/cmd/lib.sh"

command -v git >/dev/null 2>&1 || { n=$((n + 1)); echo "ok $n - # SKIP git is not installed"; exit 0; }
HOME=$T GIT_CONFIG_NOSYSTEM=1 GIT_AUTHOR_DATE='2026-11-28T10:15:02+08:00'
GIT_COMMITTER_DATE=$GIT_AUTHOR_DATE
export HOME GIT_CONFIG_NOSYSTEM GIT_AUTHOR_DATE GIT_COMMITTER_DATE
g() { git -c user.name=baiyang -c user.email=baiyang@example.org -c init.defaultBranch=main "$@"; }
X=ledger/2026/XB.yaml

t_book b
g -C b init -q || exit 99
jf-adjust -C b XB-017 100 -r 'opening balance' -d 2026-11-01 >/dev/null || exit 99
jf-add -C b XB-017 clean-yard -d 2026-11-02 >/dev/null || exit 99
id=$(lastid b/$X)
g -C b add -A && g -C b commit -qm 'the book' || exit 99
cd b || exit 99
lines=$(wc -l <$X)

# a folded continuation of the last entry's 'by'
echo '    and-someone-else' >>$X
t_refuse "a continuation of the last entry's by:" 3 jf-check --since HEAD <<EOF
jf-check: $X:$((lines + 1)):1: changed since 'HEAD': this appended line neither starts an entry ('-' in column 1) nor is a comment, so it changes entry '$id'; ledger files are append-only (undo a mistake with 'jf-void')
EOF
g checkout -q -- $X || exit 99

# a new field of the last entry
echo '  note: 也算我一份' >>$X
t_refuse "a note: line added to the last entry" 3 jf-check --since HEAD <<EOF
jf-check: $X:$((lines + 1)):1: changed since 'HEAD': this appended line neither starts an entry ('-' in column 1) nor is a comment, so it changes entry '$id'; ledger files are append-only (undo a mistake with 'jf-void')
EOF
# ... also when a new entry follows it
jf-add XB-018 sort-waste -d 2026-11-03 >/dev/null 2>&1
run jf-check --since HEAD
t_rc 3 "a note: line, then a new entry: exit 3"
g checkout -q -- $X || exit 99

# both, after blank and comment lines
printf '\n# 补记\n    and-someone-else\n  note: x\n' >>$X
run jf-check --since HEAD
t_rc 3 "a continuation after a comment: exit 3"
t_errhas "... names its line" "jf-check: $X:$((lines + 3)):1: changed since 'HEAD'"
g checkout -q -- $X || exit 99

# what only adds passes: comments, blank lines, whole new entries
printf '\n# 以下为十一月下旬\n\n' >>$X
jf-add XB-018 sort-waste -d 2026-11-03 >/dev/null || exit 99
printf '# end\n' >>$X
run jf-check --since HEAD
t_rc 0 "comments, blank lines and new entries: exit 0"
t_noerr "... no message"

# a git whose exec fails in the child (it exits 127 without a word, as
# posix_spawnp's fork fallback does under valgrind): "cannot run git", 4
mkdir "$T/fakegit" && printf '#!/bin/sh\nexit 127\n' >"$T/fakegit/git" && chmod +x "$T/fakegit/git" || exit 99
PATH=$T/fakegit:$PATH run jf-check --since HEAD
t_rc 4 "git exits 127 silently: exit 4"
t_errhas "... says git cannot be run" "jf-check: cannot run 'git': No such file or directory, or not executable"
