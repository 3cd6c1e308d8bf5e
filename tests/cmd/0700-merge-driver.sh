#!/bin/sh
# 0700-merge-driver.sh - jf-merge BASE OURS THEIRS PATH on plain files: the
# result (written over OURS) is BASE + OURS's new entries + THEIRS's new
# entries that OURS lacks; anything that is not a clean append is refused
# with exit 1 and OURS left untouched.
. "$JF_TOP/tests/cmd/lib.sh"

P=ledger/2026/XB.yaml

# entry ID [NOTE]: one entry as jf-add writes it.
entry() {
	printf -- '- id: %s\n  date: 2026-11-27\n  at: 2026-11-28T10:15:02+08:00\n' "$1"
	printf '  kind: earn\n  household: XB-017\n  activity: sort-waste\n  qty: 1\n'
	printf '  points: 0.5\n'
	[ -z "$2" ] || printf '  note: %s\n' "$2"
	printf '  by: baiyang\n'
}
# merge: run jf-merge on copies of base, ours, theirs (o is the result).
merge() {
	cp base b && cp ours o && cp theirs t || exit 99
	run jf-merge b o t "$P"
}
# refused DESC: exit 1, ours untouched, base and theirs too.
refused() {
	t_rc 1 "$1: exit 1"
	t_same "$1: ours is left untouched" ours o
	t_ok "$1: base and theirs untouched" cmp -s base b
	t_ok "$1: stderr says it was not merged" \
		grep -qF "jf-merge: $P: not merged; ours is left as it was" "$T/err"
}

# --- usage ---
run jf-merge --help
t_rc 0 "--help exits 0"
t_ok "--help prints the usage line" grep -qx 'usage: jf-merge base ours theirs path' "$T/out"
run jf-merge --version
t_rc 0 "--version exits 0"
t_ok "--version names jf-merge" grep -q '^jf-merge (jf) ' "$T/out"
run jf-merge
t_rc 2 "no operands: exit 2"
t_err "no operands: says what is expected" <<-'EOF'
	jf-merge: expected 4 arguments (git's %O %A %B %P), got 0
	usage: jf-merge base ours theirs path
	EOF
run jf-merge a b c
t_rc 2 "three operands: exit 2"
run jf-merge -C . a b c d
t_rc 2 "-C does not apply: exit 2"
run jf-merge --frobnicate a b c d
t_rc 2 "unknown option: exit 2"

# --- clean merges ---
{ entry 01BASE0000000000000000000A; entry 01BASE0000000000000000000B; } >base
{ cat base; entry 01OURS0000000000000000000A; } >ours
{ cat base; entry 01THEIRS00000000000000000A "秋收"; } >theirs
merge
t_rc 0 "both sides appended: exit 0"
t_noout "nothing on stdout"
t_noerr "nothing on stderr"
{ cat ours; entry 01THEIRS00000000000000000A "秋收"; } >exp
t_same "result: base, ours's entry, then theirs's" exp o
t_ok "theirs is not touched" cmp -s theirs t
t_ok "base is not touched" cmp -s base b

# the same new entry on both sides, byte for byte: kept once
{ cat base; entry 01SAME0000000000000000000A; entry 01OURS0000000000000000000A; } >ours
{ cat base; entry 01THEIRS00000000000000000A; entry 01SAME0000000000000000000A; } >theirs
merge
t_rc 0 "an entry on both sides: exit 0"
{ cat ours; entry 01THEIRS00000000000000000A; } >exp
t_same "an entry appended on both sides is kept once" exp o

# theirs appended nothing: ours as it is
{ cat base; entry 01OURS0000000000000000000A; } >ours
cp base theirs
merge
t_rc 0 "theirs appended nothing: exit 0"
t_same "theirs appended nothing: ours is the result" ours o

# ours appended nothing: theirs's entries
cp base ours
{ cat base; entry 01THEIRS00000000000000000A; } >theirs
merge
t_rc 0 "ours appended nothing: exit 0"
t_same "ours appended nothing: theirs is the result" theirs o

# nothing appended at all
cp base ours; cp base theirs
merge
t_rc 0 "nothing appended: exit 0"
t_same "nothing appended: base is the result" base o

# a file both sides created (git gives an empty base)
: >base
{ entry 01SAME0000000000000000000A; entry 01OURS0000000000000000000A; } >ours
{ entry 01SAME0000000000000000000A; entry 01THEIRS00000000000000000A; } >theirs
merge
t_rc 0 "a file created on both sides: exit 0"
{ cat ours; entry 01THEIRS00000000000000000A; } >exp
t_same "a file created on both sides: every entry once" exp o

# comments and blank lines travel with the entry they precede, or the end
{ entry 01BASE0000000000000000000A; } >base
{ cat base; echo '# ours: 环卫 week'; entry 01SAME0000000000000000000A; } >ours
{ cat base; echo '# theirs: same one'; entry 01SAME0000000000000000000A
  echo; echo '# theirs: new one'; entry 01THEIRS00000000000000000A; echo '# end of theirs'; } >theirs
merge
t_rc 0 "comments: exit 0"
{ cat ours; echo; echo '# theirs: new one'; entry 01THEIRS00000000000000000A
  echo '# end of theirs'; } >exp
t_same "comments go with their entry; a dropped duplicate takes its own along" exp o

# only a comment appended on theirs
{ cat base; entry 01OURS0000000000000000000A; } >ours
{ cat base; echo '# checked 2026-11-28'; } >theirs
merge
t_rc 0 "a comment only: exit 0"
{ cat ours; echo '# checked 2026-11-28'; } >exp
t_same "a comment only: kept at the end" exp o

# --- the entry-level proof: a side that holds the base's entries, byte for
# byte and in order, with other entries in between (a rebase replaying its
# second commit; a village that merged the township's entries before its own)
{ entry 01BASE0000000000000000000A; entry 01B1000000000000000000000A; } >base
{ entry 01BASE0000000000000000000A; entry 01UPSTREAM0000000000000000; entry 01B1000000000000000000000A; } >ours
{ cat base; entry 01B2000000000000000000000A; } >theirs
merge
t_rc 0 "rebase of a second commit: exit 0"
{ cat ours; entry 01B2000000000000000000000A; } >exp
t_same "rebase of a second commit: ours, then the replayed entry" exp o

{ entry 01BASE0000000000000000000A; entry 01V1000000000000000000000A; entry 01W2000000000000000000000A; } >base
{ cat base; entry 01W3000000000000000000000A; } >ours
{ entry 01BASE0000000000000000000A; entry 01V1000000000000000000000A; entry 01V1000000000000000000002A
  entry 01W2000000000000000000000A; } >theirs
merge
t_rc 0 "theirs merged ours before adding its own: exit 0"
{ cat ours; entry 01V1000000000000000000002A; } >exp
t_same "theirs merged ours before adding its own: its new entry follows ours" exp o

# ...and the same proof refuses what is not a clean insertion
{ entry 01BASE0000000000000000000A; entry 01UPSTREAM0000000000000000; entry 01B1000000000000000000000A "edited"; } >ours
{ entry 01BASE0000000000000000000A; entry 01B1000000000000000000000A; } >base
{ cat base; entry 01B2000000000000000000000A; } >theirs
merge
refused "interleaved, and an old entry edited"
t_errhas "interleaved, and an old entry edited: names the entry and the line" \
	"jf-merge: $P:27:3: ours edited history: line 27 differs from line 18 of the common base, in entry '01B1000000000000000000000A' (base '  by: baiyang', ours '  note: edited')"
{ entry 01UPSTREAM0000000000000000; entry 01B1000000000000000000000A; } >ours
merge
refused "interleaved, and an old entry removed"
t_errhas "interleaved, and an old entry removed: names it" \
	"jf-merge: $P: ours removed entry '01BASE0000000000000000000A' (line 1 of the common base)"
{ entry 01BASE0000000000000000000A; echo '# a new comment'; entry 01UPSTREAM0000000000000000
  entry 01B1000000000000000000000A; } >ours
{ entry 01BASE0000000000000000000A; echo '# a comment'; entry 01B1000000000000000000000A; } >base
{ cat base; entry 01B2000000000000000000000A; } >theirs
merge
refused "interleaved, and a comment of the base changed"
t_errhas "interleaved, and a comment of the base changed: says so" \
	"jf-merge: $P: ours changed the comment or blank lines of the common base (at its line 10)"
{ entry 01BASE0000000000000000000A; entry 01B1000000000000000000000A; } >base
{ entry 01BASE0000000000000000000A; entry 01NEW0000000000000000000AA "ours"; entry 01B1000000000000000000000A; } >ours
{ cat base; entry 01NEW0000000000000000000AA "theirs"; } >theirs
merge
refused "interleaved, and a same-id conflict"
t_errhas "interleaved, and a same-id conflict: says so" \
	"entry '01NEW0000000000000000000AA' was appended on both sides with different bytes (ours at line 10, theirs at line 19)"

# --- refusals ---
{ entry 01BASE0000000000000000000A; entry 01BASE0000000000000000000B; } >base

# same id, different bytes: a conflict
{ cat base; entry 01SAME0000000000000000000A "ours"; } >ours
{ cat base; entry 01SAME0000000000000000000A "theirs"; } >theirs
merge
refused "same id, different bytes"
t_err "same id, different bytes: the message" <<-EOF
	jf-merge: $P: entry '01SAME0000000000000000000A' was appended on both sides with different bytes (ours at line 19, theirs at line 19); an id names one entry
	jf-merge: $P: not merged; ours is left as it was (ledger files may only be appended to; see jf-merge(1))
	EOF

# theirs edited an old entry
{ cat base; entry 01OURS0000000000000000000A; } >ours
sed '17s/0.5/50/' base >theirs
entry 01THEIRS00000000000000000A >>theirs
merge
refused "theirs edited history"
t_errhas "theirs edited history: names the side, line and both texts" \
	"jf-merge: $P:17:11: theirs edited history: line 17 differs from line 17 of the common base, in entry '01BASE0000000000000000000B' (base '  points: 0.5', theirs '  points: 50'); ledger files are append-only"

# ours edited an old entry
sed '3s/10:15/10:16/' base >ours
{ cat base; entry 01THEIRS00000000000000000A; } >theirs
merge
refused "ours edited history"
t_errhas "ours edited history: names the side and line" "jf-merge: $P:3:22: ours edited history: line 3 differs"

# theirs removed the last entry
{ cat base; entry 01OURS0000000000000000000A; } >ours
entry 01BASE0000000000000000000A >theirs
merge
refused "theirs removed an entry"
t_errhas "theirs removed an entry: says so" "jf-merge: $P: theirs removed entry '01BASE0000000000000000000B' (line 10 of the common base)"

# theirs reordered two entries (same bytes, other order)
{ entry 01BASE0000000000000000000B; entry 01BASE0000000000000000000A; } >theirs
merge
refused "theirs reordered entries"
t_errhas "theirs reordered entries: says so" \
	"jf-merge: $P:1:1: theirs holds every entry of the common base byte for byte, but not in its order: entry '01BASE0000000000000000000B' (line 10 of the base) comes before entry '01BASE0000000000000000000A' here."

# a new last entry cut short (no final newline)
{ cat base; entry 01THEIRS00000000000000000A | head -c 120; } >theirs
merge
refused "a cut-short tail"
t_errhas "a cut-short tail: says so" "jf-merge: $P:24: the entries theirs appended are cut short: the last line has no newline"

# an appended line that continues the base's last entry
{ cat base; echo '  x-checked: yes'; entry 01THEIRS00000000000000000A; } >theirs
merge
refused "a line added to the base's last entry"
t_errhas "a line added to the base's last entry: says so" \
	"jf-merge: $P:19:1: theirs appended a line that neither starts an entry"

# malformed new entries, each refused
bad() { # DESC TEXT... : theirs = base + the text; refused, stderr names it
	d=$1; shift
	{ cat base; printf "$@"; } >theirs
	merge
	refused "$d"
}
bad "an entry without id" -- '- date: 2026-11-27\n  kind: earn\n  by: x\n'
t_errhas "an entry without id: says so" "jf-merge: $P:19:3: in the entries theirs appended: entry has no 'id'"
bad "a bad id" -- '- id: 01 BAD\n  by: x\n'
t_errhas "a bad id: says so" "bad id '01 BAD'"
bad "nesting in an entry" -- '- id: 01NEST\n  note: {a: b}\n'
t_errhas "nesting: says so" "nesting inside an entry is not allowed"
bad "an anchor" -- '- id: 01ANCHOR\n  note: &a x\n'
t_errhas "an anchor: says so" "anchors are not allowed"
bad "an alias" -- '- id: 01ALIAS\n  note: *a\n'
bad "a tag" -- '- id: 01TAG\n  note: !!str x\n'
t_errhas "a tag: says so" "tags are not allowed"
bad "a duplicate key" -- '- id: 01DUP\n  by: x\n  by: y\n'
t_errhas "a duplicate key: says so" "jf-merge: $P:21:3: in the entries theirs appended: duplicate key 'by'"
bad "invalid UTF-8" -- '- id: 01UTF\n  note: \377\n'
t_errhas "invalid UTF-8: says so" "invalid UTF-8"
bad "a control character" -- '- id: 01CTL\n  note: a\001b\n'
bad "CRLF line ends" -- '- id: 01CRLF\r\n  by: x\r\n'
t_errhas "CRLF: says so" "CR line ends are not allowed"
bad "a document marker" -- '---\n- id: 01DOC\n'
bad "an entry that is a list" -- '- [a, b]\n'
bad "an entry that is a plain value" -- '- just text\n'
bad "a '-' line inside a quoted value" -- '- id: 01Q\n  note: "a\n-b"\n'
t_errhas "a '-' line inside a value: cannot tell the entries apart" \
	"jf-merge: $P:21:1: theirs: this line starts with '-' but does not start an entry"
bad "a value over several lines (a block scalar)" -- '- id: 01K\n  note: |\n    two\n    lines\n'
t_errhas "a value over several lines: says so" "values are one line of text"
bad "the same id twice in one side" -- '- id: 01TWICE\n  by: x\n- id: 01TWICE\n  by: x\n'
t_errhas "the same id twice: says so" "jf-merge: $P:21:1: theirs appended entry '01TWICE' twice (also at line 19)"

# a malformed entry on ours's side is refused too
cp base theirs
{ cat base; printf -- '- id: 01OURS\n  note: *x\n'; } >ours
merge
refused "a malformed entry on ours's side"
t_errhas "ours's side: named" "in the entries ours appended: aliases are not allowed"

# a cut-short base with something appended
head -c 150 base >b0
cp b0 base
{ cat b0; printf 'x\n'; entry 01THEIRS00000000000000000A; } >theirs
cp b0 ours
merge
refused "a cut-short base"
t_errhas "a cut-short base: says so" "the common base ends inside a line"

# --- I/O ---
cp base ours; cp base theirs
run jf-merge nonexistent ours theirs "$P"
t_rc 4 "a missing base file: exit 4"
t_errhas "a missing base file: says so" "jf-merge: cannot open base 'nonexistent': No such file or directory"
run jf-merge base nonexistent theirs "$P"
t_rc 4 "a missing ours file: exit 4"
t_ok "no file is created in its place" [ ! -e nonexistent ]

# the result keeps ours's permissions and leaves no temporary file
{ entry 01BASE0000000000000000000A; } >base
{ cat base; entry 01OURS0000000000000000000A; } >ours
{ cat base; entry 01THEIRS00000000000000000A; } >theirs
mkdir sub && cp base sub/b && cp ours sub/o && cp theirs sub/t && chmod 640 sub/o
run jf-merge sub/b sub/o sub/t "$P"
t_rc 0 "merge in a subdirectory: exit 0"
t_ok "the result keeps ours's mode" [ "$(stat -c %a sub/o)" = 640 ]
ls sub >got
printf 'b\no\nt\n' >exp
t_same "no temporary file is left behind" exp got
