#!/bin/sh
# 0417-plain-messages.sh - what a township trips over, said in its words:
# git conflict markers (a clone without the jf merge driver pulled) and a
# tab in a settings file, at FILE:LINE:COL, instead of libyaml's wording.
. "$JF_TOP/tests/cmd/lib.sh"

M="git conflict markers: this clone has no jf merge driver (see jf-merge(1))"
L=ledger/2026/XB.yaml

# a real conflict: two clones append, one pulls the other with no driver
if command -v git >/dev/null 2>&1; then
	HOME=$T GIT_CONFIG_NOSYSTEM=1 GIT_AUTHOR_DATE='2026-11-28T10:15:02+08:00'
	GIT_COMMITTER_DATE=$GIT_AUTHOR_DATE
	export HOME GIT_CONFIG_NOSYSTEM GIT_AUTHOR_DATE GIT_COMMITTER_DATE
	g() { git -c user.name=baiyang -c user.email=baiyang@example.org -c init.defaultBranch=main -c pull.rebase=false "$@"; }
	t_book town
	g -C town init -q || exit 99
	jf-adjust -C town -r 期初 XB-017 10 -d 2026-11-01 >/dev/null || exit 99
	g -C town add -A && g -C town commit -qm book || exit 99
	g clone -q town a || exit 99
	jf-add -C a XB-017 sort-waste -d 2026-11-02 >/dev/null && g -C a commit -qam a || exit 99
	jf-add -C town XB-018 sort-waste -d 2026-11-02 >/dev/null && g -C town commit -qam town || exit 99
	g -C town pull -q ../a main >/dev/null 2>&1
	t_ok "git left conflict markers" grep -q '^<<<<<<< ' town/$L
	cd town || exit 99
	line=$(grep -n '^<<<<<<< ' $L | cut -d: -f1)
	t_invalid "a pull without the merge driver" "$L:$line:1: $M"
	run jf-check
	t_rc 3 "jf-check: exit 3"
	t_errhas "jf-check: the markers, plainly" "jf-check: $L:$line:1: $M"
	cd .. || exit 99
else
	n=$((n + 1)); echo "ok $n - # SKIP git is not installed"
fi

# by hand: each marker, alone, in a ledger and in a settings file
t_book b; cd b || exit 99
t_setup jf-adjust -r 期初 XB-017 10 -d 2026-11-01
cp $L "$T/ledger"
for mk in '<<<<<<< HEAD' '=======' '||||||| merged common ancestors' '>>>>>>> theirs'; do
	{ cat "$T/ledger"; echo "$mk"; } >$L
	t_invalid "'$mk' after the last entry" "$L:9:1: $M"
done
cp "$T/ledger" $L
cp households.yaml "$T/hh"
{ cat "$T/hh"; echo '======='; } >households.yaml
t_invalid "a marker in households.yaml" "households.yaml:7:1: $M"
cp "$T/hh" households.yaml
# not a marker: six of them, or one inside a value's line
{ cat "$T/ledger"; echo '# ======= 以下 ======='; } >$L
run jf-balance XB-017
t_rc 0 "'=======' inside a comment is fine"
cp "$T/ledger" $L

# a tab in a settings file
cp catalogue.yaml "$T/cat"
sed '3s/^    /\t/' "$T/cat" >catalogue.yaml
t_invalid "a tab indenting a line" "catalogue.yaml:3:1: tab: YAML does not allow a tab here (indent with spaces)"
sed 's/^  - {code: soap/  -\t{code: soap/' "$T/cat" >catalogue.yaml
t_invalid "a tab after '-'" "catalogue.yaml:12:4: tab: YAML does not allow a tab here (indent with spaces)"
sed 's/^    points: 5$/    points:\t5/' "$T/cat" >catalogue.yaml
run jf-balance XB-017
t_rc 0 "a tab after 'key:' is fine YAML"
cp "$T/cat" catalogue.yaml
