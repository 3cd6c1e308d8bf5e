#!/bin/sh
# 0070-completion.sh - shell completion: 'jf complete KIND' prints the codes
# of the book in use, one a line, and nothing (exit 0) without a valid book;
# completion/jf.bash, run in bash with COMP_WORDS set, offers the commands,
# options, --format values and the household, activity, goods and village
# codes of a scratch book; completion/_jf the same in zsh, if installed.
. "$JF_TOP/tests/cmd/lib.sh"

t_book b
cd b || exit 99

run jf complete households
t_rc 0 "jf complete households: exit 0"
t_out "jf complete households: the ids, one a line, in register order" <<'EOF2'
XB-017
XB-018
LQ-003
XB-020
XB-021
EOF2
run jf complete activities
t_out "jf complete activities" <<'EOF2'
clean-yard
litter
sort-waste
harvest-help
EOF2
run jf complete goods
t_out "jf complete goods" <<'EOF2'
washing-powder
soap
EOF2
run jf complete villages
t_out "jf complete villages" <<'EOF2'
XB
LQ
EOF2
cd "$T" || exit 99
run jf complete -C b villages
t_out "jf complete -C DIR: that book" <<'EOF2'
XB
LQ
EOF2
run jf complete households
t_rc 0 "outside a book: exit 0"
t_noout "outside a book: no candidates"
t_noerr "outside a book: silent"
cp -R b bad && echo '  - {id: XB-099, head: 无名, village: QQ}' >>bad/households.yaml || exit 99
run jf complete -C bad households
t_rc 0 "an invalid book: exit 0"
t_noout "an invalid book: no candidates"
t_noerr "an invalid book: silent"
run jf complete -C b ids
t_rc 2 "an unknown kind: exit 2"
t_errhas "an unknown kind: says so" "jf: unknown kind 'ids'"
run jf --help
t_ok "jf complete is not in jf --help" sh -c '! grep -q complete "$1"' - "$T/out"

if ! command -v bash >/dev/null 2>&1; then
	n=$((n + 1)); echo "ok $n - # SKIP bash is not installed"
	exit 0
fi
# bashc DIR WORD...: the candidates completion/jf.bash offers for the last
# WORD of the command line WORD..., in DIR, one a line
bashc() {
	(cd "$1" && shift && bash --norc --noprofile -c '
		. "$JF_TOP/completion/jf.bash" || exit 1
		COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); COMPREPLY=()
		_jf || exit 1
		for c in "${COMPREPLY[@]}"; do printf "%s\n" "$c"; done' bash "$@") >"$T/out" 2>"$T/err"
	rc=$?
}
bashc b jf ''
t_rc 0 "bash: jf: exit 0"
t_noerr "bash: jf: quiet"
t_out "bash: jf: the commands" <<'EOF2'
add
redeem
adjust
restock
void
transfer
expire
review
wish
serve
balance
log
check
report
merge
init
--help
--version
EOF2
bashc b jf re
t_out "bash: jf re" <<'EOF2'
redeem
restock
review
report
EOF2
bashc b jf add ''
t_out "bash: jf add: the households of the book" <<'EOF2'
XB-017
XB-018
LQ-003
XB-020
XB-021
EOF2
bashc b jf add XB-01
t_out "bash: jf add XB-01" <<'EOF2'
XB-017
XB-018
EOF2
bashc b jf add XB-017 ''
t_out "bash: jf add HOUSEHOLD: the activities" <<'EOF2'
clean-yard
litter
sort-waste
harvest-help
EOF2
bashc b jf-add -n 'a note' -d 2026-11-20 XB-017 s
t_out "bash: jf-add, after options with arguments: the activity" <<'EOF2'
sort-waste
EOF2
bashc b jf redeem XB-017 ''
t_out "bash: jf redeem HOUSEHOLD: the goods" <<'EOF2'
washing-powder
soap
EOF2
bashc b jf-transfer XB-017 XB-01
t_out "bash: jf-transfer FROM TO: the households" <<'EOF2'
XB-017
XB-018
EOF2
bashc b jf restock ''
t_out "bash: jf restock: the villages" <<'EOF2'
XB
LQ
EOF2
bashc b jf restock XB w
t_out "bash: jf restock VILLAGE: the goods" <<'EOF2'
washing-powder
EOF2
bashc b jf balance XB-017 L
t_out "bash: jf balance: households, any number" <<'EOF2'
LQ-003
EOF2
bashc b jf log --village ''
t_out "bash: --village: the villages" <<'EOF2'
XB
LQ
EOF2
bashc b jf balance --format ''
t_out "bash: jf balance --format: its formats" <<'EOF2'
text
tsv
csv
json
EOF2
bashc b jf-report --format m
t_out "bash: jf-report --format m" <<'EOF2'
markdown
EOF2
bashc b jf add --format ''
t_out "bash: a writer's --format" <<'EOF2'
text
json
EOF2
bashc b jf log --week ''
t_out "bash: --week" <<'EOF2'
this
last
EOF2
bashc b jf check --r
t_out "bash: jf check --r: its options" <<'EOF2'
--repair
EOF2
bashc b jf-void --dr
t_out "bash: jf-void --dr" <<'EOF2'
--dry-run
EOF2
bashc "$T" jf add -C b XB-01
t_out "bash: -C DIR: that book's households" <<'EOF2'
XB-017
XB-018
EOF2
bashc "$T" jf add XB-01
t_rc 0 "bash: outside a book: exit 0"
t_noout "bash: outside a book: no candidates"
t_noerr "bash: outside a book: quiet"
bashc b jf add -- XB-017 ''
t_out "bash: after --: operands" <<'EOF2'
clean-yard
litter
sort-waste
harvest-help
EOF2

if ! command -v zsh >/dev/null 2>&1; then
	n=$((n + 1)); echo "ok $n - # SKIP zsh is not installed"
	exit 0
fi
# zshc DIR WORD...: the candidates completion/_jf offers (compadd and
# _files stand in for zsh's, outside a completion widget)
zshc() {
	(cd "$1" && shift && zsh -f -c '
		compadd() { [[ $1 == -a ]] && { print -rl -- ${(P)2}; return }
			[[ $1 == -- ]] && shift; print -rl -- "$@" }
		_files() { print -r -- "(files)" }
		words=("$@"); CURRENT=$#; PREFIX=${words[-1]}
		. "$JF_TOP/completion/_jf"' zsh "$@") >"$T/out" 2>"$T/err"
	rc=$?
}
zshc b jf add -n x XB-017 ''
t_noerr "zsh: quiet"
t_out "zsh: jf add HOUSEHOLD: the activities" <<'EOF2'
clean-yard
litter
sort-waste
harvest-help
EOF2
zshc "$T" jf-redeem -C b XB-017 ''
t_out "zsh: jf-redeem -C DIR HOUSEHOLD: that book's goods" <<'EOF2'
washing-powder
soap
EOF2
zshc b jf report --format ''
t_out "zsh: jf report --format" <<'EOF2'
text
tsv
csv
json
markdown
html
EOF2
# jf-review: its subcommands, and the reviewers of jf.yaml for --reviewer
cp -R "$T/b" "$T/rb" && printf 'review:\n  reviewers: [sixuexia, baiyang]\n' >>"$T/rb/jf.yaml" || exit 99
run jf complete -C "$T/rb" reviewers
t_out "jf complete reviewers: the names of review: reviewers" <<'EOF2'
sixuexia
baiyang
EOF2
bashc "$T/rb" jf-review ''
t_out "bash: jf-review: the subcommands" <<'EOF2'
approve
object
reject
list
EOF2
bashc "$T/rb" jf review approve --reviewer s
t_out "bash: jf review approve --reviewer: the reviewers" <<'EOF2'
sixuexia
EOF2
zshc "$T/rb" jf-review ''
t_out "zsh: jf-review: the subcommands" <<'EOF2'
approve
object
reject
list
EOF2
zshc "$T/rb" jf-review approve --reviewer ''
t_out "zsh: jf-review approve --reviewer: the reviewers" <<'EOF2'
sixuexia
baiyang
EOF2

# jf-wish and jf-serve: the subcommands, households to post for, the
# volunteers, teams and services of volunteers.yaml and catalogue.yaml
cp -R "$T/b" "$T/wb" || exit 99
printf 'teams:\n  - {code: xb-care, name: 队, village: XB}\nvolunteers:\n  - {id: V001, name: 白洋, team: xb-care}\n  - {id: V002, name: 石菊花, team: xb-care}\n' >"$T/wb/volunteers.yaml"
printf 'services:\n  - {code: haircut, name: 理发}\n' >>"$T/wb/catalogue.yaml"
for k in teams volunteers services; do
	run jf complete -C "$T/wb" $k
	t_rc 0 "jf complete $k: exit 0"
done
t_out "jf complete services" <<'EOF2'
haircut
EOF2
bashc "$T/wb" jf-wish ''
t_out "bash: jf-wish: the subcommands" <<'EOF2'
post
take
done
drop
list
EOF2
bashc "$T/wb" jf wish post XB-01
t_out "bash: jf wish post: the households" <<'EOF2'
XB-017
XB-018
EOF2
bashc "$T/wb" jf-wish take 01JDZ3K4M5N6P7Q8R9S0T1U2W1 --volunteer V
t_out "bash: jf-wish take --volunteer: the volunteers" <<'EOF2'
V001
V002
EOF2
bashc "$T/wb" jf-wish take --team ''
t_out "bash: jf-wish take --team: the teams" <<'EOF2'
xb-care
EOF2
bashc "$T/wb" jf-serve ''
t_out "bash: jf-serve: the volunteers" <<'EOF2'
V001
V002
EOF2
zshc "$T/wb" jf-wish post --service ''
t_out "zsh: jf-wish post --service: the services" <<'EOF2'
haircut
EOF2
zshc "$T/wb" jf serve ''
t_out "zsh: jf serve: the volunteers" <<'EOF2'
V001
V002
EOF2
