#!/bin/sh
# 0750-since.sh - jf-check --since REV: every ledger file at REV is a byte
# prefix of the file now, none deleted or renamed; otherwise exit 3 naming
# FILE:LINE:COL and the id of the first differing entry.
. "$JF_TOP/tests/cmd/lib.sh"

command -v git >/dev/null 2>&1 || { n=$((n + 1)); echo "ok $n - # SKIP git is not installed"; exit 0; }
HOME=$T GIT_CONFIG_NOSYSTEM=1 GIT_AUTHOR_DATE='2026-11-28T10:15:02+08:00'
GIT_COMMITTER_DATE=$GIT_AUTHOR_DATE
export HOME GIT_CONFIG_NOSYSTEM GIT_AUTHOR_DATE GIT_COMMITTER_DATE
g() { git -c user.name=baiyang -c user.email=baiyang@example.org -c init.defaultBranch=main "$@"; }
commit() { g -C "$1" add -A && g -C "$1" commit -qm "$2" || exit 99; }
X=ledger/2026/XB.yaml

# a book with two ledger files, tagged v1
t_book b
g -C b init -q || exit 99
jf-adjust -C b XB-017 100 -r 'opening balance' -d 2026-11-01 >/dev/null || exit 99
jf-add -C b XB-017 clean-yard -d 2026-11-02 >/dev/null || exit 99
id2=$(lastid b/$X)
jf-add -C b LQ-003 sort-waste -d 2026-11-02 >/dev/null || exit 99
commit b 'the book'
g -C b tag v1 || exit 99
cd b || exit 99

run jf-check --since v1
t_rc 0 "nothing changed: exit 0"
t_out "nothing changed: the usual summary" <<-'EOF'
	ok: 2 files, 3 entries, 5 households
	EOF
t_noerr "nothing changed: no message"

# appended only (committed, and not yet committed): still fine
jf-add XB-017 sort-waste -d 2026-11-03 >/dev/null || exit 99
commit . 'more'
jf-redeem XB-017 soap -d 2026-11-04 >/dev/null || exit 99
jf-add XB-018 sort-waste -d 2026-11-04 >/dev/null || exit 99
mkdir -p ledger/2025 && jf-adjust XB-018 5 -r 'old paper book' -d 2025-12-31 >/dev/null || exit 99
run jf-check --since v1
t_rc 0 "appended only: exit 0"
t_noerr "appended only: no message"
run jf-check --since HEAD
t_rc 0 "appended only, since HEAD: exit 0"
run jf-check --since "$(g rev-parse v1)"
t_rc 0 "a full commit id: exit 0"
run jf-check --since v1~0
t_rc 0 "a revision expression: exit 0"

# one byte of an old entry edited in the working tree
cp $X saved.yaml
sed -i '17s/baiyang/baiyanx/' $X
run jf-check --since v1
t_rc 3 "an edited byte: exit 3"
t_err "an edited byte: FILE:LINE:COL and the entry's id" <<-EOF
	jf-check: $X:17:13: changed since 'v1': the first differing byte is here, in entry '$id2'; ledger files are append-only (undo a mistake with 'jf-void')
	EOF
t_noout "an edited byte: no summary"
run jf-check --since HEAD
t_rc 3 "an edited byte, since HEAD: exit 3"
cp saved.yaml $X

# an edit committed is found as well
sed -i 's/opening balance/opening balanse/' $X
commit . 'edit'
run jf-check --since v1
t_rc 3 "a committed edit: exit 3"
t_errhas "a committed edit: names the place" "jf-check: $X:7:24: changed since 'v1'"
run jf-check --since HEAD
t_rc 0 "a committed edit, since the commit that made it: exit 0"
g reset -q --hard HEAD~1 || exit 99

# a removed last entry (the file cut back)
head -n 18 $X >cut.yaml && cat cut.yaml >$X
run jf-check --since HEAD
t_rc 3 "a removed entry: exit 3"
t_errhas "a removed entry: says where the file now ends" \
	"jf-check: $X:19:1: cut short since 'HEAD': the file now ends here, in entry '"
g checkout -q -- $X || exit 99

# a deleted ledger file
rm ledger/2026/LQ.yaml
run jf-check --since v1
t_rc 3 "a deleted file: exit 3"
t_errhas "a deleted file: says so" \
	"jf-check: ledger/2026/LQ.yaml:1:1: gone since 'v1' (deleted or renamed; it begins with entry '"
g checkout -q -- ledger/2026/LQ.yaml || exit 99

# a renamed ledger file (the content intact under another name)
git mv ledger/2026/LQ.yaml ledger/2026/LQ-old.yaml
run jf-check --since v1
t_rc 3 "a renamed file: exit 3"
t_errhas "a renamed file: the old name is gone" "jf-check: ledger/2026/LQ.yaml:1:1: gone since 'v1'"
git mv ledger/2026/LQ-old.yaml ledger/2026/LQ.yaml

# a ledger file replaced by a symbolic link to the same bytes
mv ledger/2026/LQ.yaml LQ.keep && ln -s ../../LQ.keep ledger/2026/LQ.yaml
run jf-check --since v1
t_rc 3 "a ledger file turned symbolic link: exit 3"
t_errhas "a ledger file turned symbolic link: says so" \
	"jf-check: ledger/2026/LQ.yaml:1:1: no longer a regular file since 'v1'"
rm ledger/2026/LQ.yaml && mv LQ.keep ledger/2026/LQ.yaml

run jf-check --since v1
t_rc 0 "put back: exit 0"

# files at REV that readers do not read are not checked
mkdir -p ledger/notes && echo 'x' >ledger/notes/README && echo '- x' >ledger/.hidden.yaml
commit . 'not ledgers'
rm ledger/notes/README ledger/.hidden.yaml
run jf-check --since HEAD
t_rc 0 "non-ledger files under ledger/ are not checked"
g checkout -q -- ledger || exit 99

# usage errors
run jf-check --since no-such-rev
t_rc 2 "an unknown revision: exit 2"
t_errhas "an unknown revision: says so" \
	"jf-check: unknown revision 'no-such-rev' (no commit by that name in the book's repository)"
run jf-check --since HEAD~99
t_rc 2 "a revision before the first commit: exit 2"
run jf-check --since "$(g rev-parse HEAD:jf.yaml)"
t_rc 2 "a blob id is no commit: exit 2"
run jf-check --since --all
t_rc 2 "a revision that looks like an option: exit 2"
run jf-check --since=
t_rc 2 "an empty revision: exit 2"
cd "$T" || exit 99
t_book plain
run jf-check -C plain --since HEAD
t_rc 2 "not a git repository: exit 2"
t_errhas "not a git repository: says so" "is not in a git work tree"

# git not installed
run env PATH="$JF_BIN" jf-check -C b --since v1
t_rc 4 "git missing: exit 4"
t_errhas "git missing: says so" "jf-check: cannot run 'git': No such file or directory"

# a book in a subdirectory of its repository
mkdir -p repo && t_book repo/books/longqu
jf-add -C repo/books/longqu XB-017 sort-waste -d 2026-11-02 >/dev/null || exit 99
g -C repo init -q && commit repo 'book in a subdirectory'
jf-add -C repo/books/longqu XB-017 sort-waste -d 2026-11-03 >/dev/null || exit 99
run jf-check -C repo/books/longqu --since HEAD
t_rc 0 "a book in a subdirectory: exit 0"
sed -i '2s/11-02/11-01/' repo/books/longqu/$X
run jf-check -C repo/books/longqu --since HEAD
t_rc 3 "a book in a subdirectory, edited: exit 3"
t_errhas "a book in a subdirectory: paths are the book's" "jf-check: $X:2:18: changed since 'HEAD'"
