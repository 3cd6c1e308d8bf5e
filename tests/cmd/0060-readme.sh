#!/bin/sh
# 0060-readme.sh - the walk-through of README.md is what the tools print: its
# commands, between the marks "<!-- readme-test: begin -->" and
# "<!-- readme-test: end -->", run one after the other on a copy of the
# example book examples/longqu (at ~/books/longqu, with HOME the scratch
# directory) on the morning of 2027-01-11 (the book's story runs to
# 2027-01-09), and every output must equal the
# README's, byte for byte.  Only the random part of the ids written by the
# run (ULIDs: 10 characters of time, the same on every run with JF_NOW,
# then 16 random ones) may differ: each id the README shows for a new entry
# stands for the id the run printed at the same place, in its outputs and in
# the commands after it (jf void ID).
. "$JF_TOP/tests/cmd/lib.sh"

HOME=$T JF_NOW=2027-01-11T10:15:02+08:00
export HOME JF_NOW
mkdir -p books w || exit 99
cp -R "$JF_TOP/examples/longqu" books/longqu && rm -rf books/longqu/.jf || exit 99
readme=$JF_TOP/README.md

# The block: an indented code block between the two marks.
awk '/^<!-- readme-test: begin -->$/ { on = 1; next }
     /^<!-- readme-test: end -->$/ { on = 0 }
     on' "$readme" >w/block
t_ok "README.md marks its walk-through for this test" [ -s w/block ]
grep -v '^$' w/block | grep -v '^    ' >w/bad
t_same "the walk-through is one indented code block" /dev/null w/bad
grep -v '^$' w/block | sed 's/^    //' | awk -v d=w '
	/^\$ / { k++; f = sprintf("%s/cmd.%03d", d, k); print substr($0, 3) >f; close(f)
		 g = sprintf("%s/exp.%03d", d, k); printf "" >g; close(g); next }
	k == 0 { print "output before the first command: " $0 >"/dev/stderr"; exit 1 }
	{ print >>g; close(g) }' || exit 99
ncmd=$(ls w | grep -c '^cmd\.')
t_ok "the walk-through has its commands (add, redeem, balance, log, void, check)" [ "$ncmd" -ge 6 ]

# The time part of the ids written at JF_NOW (milliseconds 0 with JF_NOW):
# 48 bits of milliseconds in 10 Crockford base32 digits.
abc=0123456789ABCDEFGHJKMNPQRSTVWXYZ
ms=$(($(date -d "$JF_NOW" +%s) * 1000)) || exit 99
now= i=9
while [ "$i" -ge 0 ]; do
	c=$(((ms >> (5 * i)) & 31))
	now=$now$(printf '%s' "$abc" | cut -c $((c + 1)))
	i=$((i - 1))
done
# newids FILE: the ids of entries written now, in the order printed.
newids() { grep -o "$now[0-9A-HJKMNP-TV-Z]\{16\}" "$1"; }

: >w/map.sed
for c in w/cmd.*; do
	k=${c#w/cmd.}
	cmd=$(sed -f w/map.sed "$c")
	# the commands run in this shell: an 'export' holds for the next ones
	eval "$cmd" >w/got.$k 2>&1
	# pair the README's new ids with the run's, place by place
	newids w/exp.$k >w/e || :
	newids w/got.$k >w/a || :
	paste -d ' ' w/e w/a | while read -r e a; do
		[ -n "$a" ] && [ "$e" != "$a" ] || continue
		grep -q "^s/$e/" w/map.sed || echo "s/$e/$a/g" >>w/map.sed
	done
	sed -f w/map.sed w/exp.$k >w/want.$k
	t_same "README walk-through: \$ $(cat "$c")" w/want.$k w/got.$k
done

