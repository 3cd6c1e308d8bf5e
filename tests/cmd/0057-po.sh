#!/bin/sh
# 0057-po.sh - every message of the sources has its Chinese: po/jf.pot is
# made again from the sources (make pot, whose funnel list is the one
# place that says where messages are), merged with po/zh_CN.po, and no
# message may be untranslated or fuzzy (a changed message).  When this
# fails it lists them: see po/README for the update.  Also: the catalogue
# compiles with msgfmt's checks (every %-directive kept, in order).
. "$JF_TOP/tests/cmd/lib.sh"

for p in xgettext msgmerge msgattrib msgfmt make; do
	if ! command -v $p >/dev/null 2>&1; then
		t_skip "the catalogue covers every message" "$p is not installed (make deps: gettext)"
		exit 0
	fi
done

run make -s -C "$JF_TOP" --no-print-directory pot POT="$T/jf.pot"
t_rc 0 "make pot POT=...: exit 0"
t_ok "make pot: messages found" [ "$(grep -c '^msgid ' "$T/jf.pot")" -gt 200 ]
t_ok "make pot: the option tables' help strings" grep -qx 'msgid "print nothing when the book is valid"' "$T/jf.pot"
t_ok "make pot: the library's diagnostics" grep -qx 'msgid "unknown household '"'%s'"'"' "$T/jf.pot"
t_ok "make pot: jf-balance's headers" grep -qx 'msgid "earned"' "$T/jf.pot"

# ids: the msgids of a .po on stdin, continuation lines joined, no header
ids() {
	awk '/^msgid "/ { s = substr($0, 8, length($0) - 8); on = 1; next }
	     on && /^"/ { s = s substr($0, 2, length($0) - 2); next }
	     on { if (s != "") print s; on = 0 }'
}
for l in "$JF_TOP"/po/*.po; do
	lang=${l##*/}
	run msgfmt -c --check-format -o /dev/null "$l"
	t_rc 0 "po/$lang: msgfmt -c --check-format"
	run msgmerge -q -o "$T/m.po" "$l" "$T/jf.pot"
	t_rc 0 "po/$lang: msgmerge with the sources' messages"
	msgattrib --untranslated --no-obsolete "$T/m.po" | ids >"$T/untr"
	sed 's/^/# untranslated: /' "$T/untr"
	t_ok "po/$lang: no message lacks a translation" [ ! -s "$T/untr" ]
	msgattrib --only-fuzzy --no-obsolete "$T/m.po" | ids >"$T/fuzzy"
	sed 's/^/# fuzzy (changed in the sources): /' "$T/fuzzy"
	t_ok "po/$lang: no translation is fuzzy" [ ! -s "$T/fuzzy" ]
	LC_ALL=C msgfmt --statistics -o /dev/null "$T/m.po" 2>"$T/stat"
	t_ok "po/$lang: msgfmt counts translated messages only ($(cat "$T/stat"))" \
		grep -qx '[0-9]* translated messages\.' "$T/stat"
done
