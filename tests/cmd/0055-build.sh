#!/bin/sh
# 0055-build.sh - build conventions: CPPFLAGS reaches every compile and link
# line of the Makefile; 'make install' with DESTDIR installs the binaries,
# man pages, the bash and zsh completions and the .mo message catalogues
# (po/), and 'make uninstall' removes
# exactly them; examples/demo.sh (make demo) ends pointing at a report that
# is there, in a copy it keeps, and replaces only a copy it made.
. "$JF_TOP/tests/cmd/lib.sh"

if ! command -v make >/dev/null 2>&1; then
	n=$((n + 1)); echo "ok $n - # SKIP make is not installed"
	exit 0
fi
O=$(dirname "$JF_BIN")

# every cc line of a full rebuild, as make would run it (-n: nothing is run)
run make -C "$JF_TOP" --no-print-directory -n -B O="$T/o" CPPFLAGS='-DJF_PROBE_CPPFLAGS=1' all all-tests
t_rc 0 "make -n -B all all-tests: exit 0"
grep -E '(^| )-o [^ ]*' "$T/out" | grep -v '^echo' >"$T/cc"
t_ok "make -n: compile and link lines found" [ "$(wc -l <"$T/cc")" -gt 10 ]
grep -v -- '-DJF_PROBE_CPPFLAGS=1' "$T/cc" >"$T/got"
t_same "CPPFLAGS is on every compile and link line" /dev/null "$T/got"

# install and uninstall into a scratch DESTDIR, from the build under test
# (-o all: nothing is rebuilt)
d=$T/d
run make -C "$JF_TOP" --no-print-directory -o all O="$O" DESTDIR="$d" PREFIX=/usr install
t_rc 0 "make install DESTDIR: exit 0"
(cd "$d" && find . ! -type d | sort) >"$T/got"
{
	for b in "$JF_BIN"/jf "$JF_BIN"/jf-*; do echo "./usr/bin/${b##*/}"; done
	for b in "$JF_BIN"/jf "$JF_BIN"/jf-*; do echo "./usr/share/bash-completion/completions/${b##*/}"; done
	for m in "$JF_TOP"/man/*.[157]; do p=${m##*/}; echo "./usr/share/man/man${p##*.}/$p"; done
	echo ./usr/share/zsh/site-functions/_jf
	for f in cron/crontab cron/weekly.sh gitattributes hooks/pre-commit hooks/pre-receive; do
		echo "./usr/share/jf/$f"; done
	for p in "$JF_TOP"/po/*.po; do p=${p##*/}; echo "./usr/share/locale/${p%.po}/LC_MESSAGES/jf.mo"; done
} | sort >"$T/exp"
t_same "make install: the binaries, the man pages, the bash and zsh completions, share/jf, the message catalogues" "$T/exp" "$T/got"
t_ok "make install: the pre-commit hook under share/jf" cmp -s "$JF_TOP/examples/hooks/pre-commit" \
	"$d/usr/share/jf/hooks/pre-commit"
t_ok "make install: the bash completion of jf" cmp -s "$JF_TOP/completion/jf.bash" \
	"$d/usr/share/bash-completion/completions/jf"
t_ok "make install: jf-add's bash completion is jf's" \
	[ "$(readlink "$d/usr/share/bash-completion/completions/jf-add")" = jf ]
t_ok "make install: the zsh completion" cmp -s "$JF_TOP/completion/_jf" "$d/usr/share/zsh/site-functions/_jf"
run make -C "$JF_TOP" --no-print-directory -o all O="$O" DESTDIR="$d" PREFIX=/usr uninstall
t_rc 0 "make uninstall DESTDIR: exit 0"
(cd "$d" && find . ! -type d) >"$T/got"
t_same "make uninstall: every installed file removed" /dev/null "$T/got"

# the demo
run sh "$JF_TOP/examples/demo.sh" "$JF_BIN" "$T/demo"
t_rc 0 "demo.sh: exit 0"
t_noerr "demo.sh: quiet on stderr"
page=$(sed -n 's/^the notice-board page: \(.*\) ([0-9]* bytes)$/\1/p' "$T/out")
t_ok "demo.sh: names the report it wrote" [ "$page" = "$T/demo/longqu/report-2027-W01.html" ]
t_ok "demo.sh: the report is there after the demo" [ -s "$page" ]
t_ok "demo.sh: says the copy stays" grep -q '^== the copy stays' "$T/out"
t_ok "demo.sh: shows the bundled book's year end" \
	grep -q '^nothing to write: no points expired beyond the receipts as of 2027-01-11$' "$T/out"
run jf-check -q -C "$T/demo/longqu"
t_rc 0 "demo.sh: the copy it leaves is a valid book"
run sh "$JF_TOP/examples/demo.sh" "$JF_BIN" "$T/demo"
t_rc 0 "demo.sh again: exit 0, the copy replaced"
t_ok "demo.sh: examples/longqu untouched" [ ! -e "$JF_TOP/examples/longqu/report-2027-W01.html" ]
mkdir other && echo mine >other/notes || exit 99
run sh "$JF_TOP/examples/demo.sh" "$JF_BIN" other
t_rc 2 "demo.sh into a directory it did not make: exit 2"
t_errhas "demo.sh into a directory it did not make: says so" "is not empty and was not made by demo.sh"
t_ok "demo.sh into a directory it did not make: left alone" [ "$(ls other)" = notes ]
