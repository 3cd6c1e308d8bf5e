#!/bin/sh
# 0050-man.sh - the man pages: each command's --help usage line equals the
# SYNOPSIS of its page as mandoc renders it, the long options --help lists
# are those the page's option list describes (and each is in the usage line,
# by its long or short name), every command has a page, and
# `mandoc -Tlint -Wwarning` is quiet on man/.
. "$JF_TOP/tests/cmd/lib.sh"

man=$JF_TOP/man
if ! command -v mandoc >/dev/null 2>&1; then
	n=$((n + 1))
	echo "ok $n - man pages # SKIP mandoc is not installed"
	exit 0
fi
bs=$(printf '\b')

# synopsis PAGE: the SYNOPSIS section rendered as plain text, on one line
# (overstrikes removed, lines joined, white space squeezed).
synopsis() {
	mandoc -Tascii "$1" | sed "s/.$bs//g" | awk '
		/^[^ \t]/ { on = ($0 == "SYNOPSIS"); next }
		on { s = s " " $0 }
		END { gsub(/[ \t]+/, " ", s); sub(/^ /, "", s); sub(/ $/, "", s); print s }'
}

for page in "$man"/*.1; do
	cmd=$(basename "$page" .1)
	run "$cmd" --help
	t_rc 0 "$cmd --help exits 0"
	sed -n '1s/^usage: //p' "$T/out" >"$T/usage"
	synopsis "$page" >"$T/synopsis"
	[ -s "$T/synopsis" ] || echo "# no SYNOPSIS rendered from $page"
	t_same "$cmd: --help usage line equals the SYNOPSIS of $(basename "$page")" \
		"$T/usage" "$T/synopsis"
	# the options: "  -C, --book DIR   ..." in --help, ".It Fl -book" in the page
	# (jf, the dispatcher, has no option list of its own)
	[ "$cmd" = jf ] && continue
	sed -n 's/^  \(-., \)\{0,1\} *--\([a-z-]*\).*/\2/p' "$T/out" | sort -u >"$T/help-opts"
	grep '^\.It .*Fl -' "$page" | grep -o 'Fl -[a-z-]*' | sed 's/^Fl -//' |
		sort -u >"$T/page-opts"
	t_same "$cmd: --help lists the long options $(basename "$page") describes" \
		"$T/page-opts" "$T/help-opts"
	sed -n 's/^  \(-\(.\), \)\{0,1\} *--\([a-z-]*\).*/\3 \2/p' "$T/out" >"$T/pairs"
	missing=
	while read -r long short; do
		# jf-merge refuses -C, jf-init has no use for it (their pages say so)
		case $cmd:$long in *:help|*:version|jf-merge:book|jf-init:book) continue ;; esac
		grep -qF -e "[--$long" "$T/usage" ||
			{ [ -n "$short" ] && grep -qE -e "(^|[ [])-$short( |]|$)" "$T/usage"; } ||
			missing="$missing --$long"
	done <"$T/pairs"
	[ -z "$missing" ] || echo "# not in the usage line:$missing"
	t_ok "$cmd: every option of --help is in the usage line" [ -z "$missing" ]
done

for bin in "$JF_BIN"/jf "$JF_BIN"/jf-*; do
	[ -x "$bin" ] || continue
	cmd=$(basename "$bin")
	[ -f "$man/$cmd.1" ] || echo "# no page man/$cmd.1"
	t_ok "$cmd has a page in section 1" [ -f "$man/$cmd.1" ]
done

t_ok "the file formats are in jf-book.5" [ -f "$man/jf-book.5" ]
t_ok "the overview is in jf.7" [ -f "$man/jf.7" ]

mandoc -Tlint -Wwarning "$man"/*.[157] >"$T/lint" 2>&1
rc=$?
t_rc 0 "mandoc -Tlint -Wwarning exits 0"
t_same "mandoc -Tlint -Wwarning is quiet on man/" /dev/null "$T/lint"
