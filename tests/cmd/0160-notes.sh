# Notes and reasons are text: whatever YAML would make of them, they are
# written so that reading them back gives the same string.
. "$JF_TOP/tests/cmd/lib.sh"
t_book b; cd b || exit 99

t_save .
run jf-add XB-017 litter -n 'key: "v" # c'
t_rc 0 "note with ': ', '#' and quotes: exit 0"
t_appended "note with ': ', '#' and quotes is written double-quoted" ledger/2026/XB.yaml <<'EOF'
- id: ID
  date: 2026-11-28
  at: 2026-11-28T10:15:02+08:00
  kind: earn
  household: XB-017
  activity: litter
  qty: 1
  points: -5
  note: "key: \"v\" # c"
  by: baiyang
EOF
t_save .
run jf-adjust XB-017 5 -r "- it's [x] {y} &a *b !c %d @e \`f" -b '# op: "x"'
t_rc 0 "reason and --by full of YAML indicators: exit 0"
t_appended "reason and --by are quoted as needed" ledger/2026/XB.yaml <<'EOF'
- id: ID
  date: 2026-11-28
  at: 2026-11-28T10:15:02+08:00
  kind: adjust
  household: XB-017
  points: 5
  reason: "- it's [x] {y} &a *b !c %d @e `f"
  by: "# op: \"x\""
EOF

# strings YAML 1.1 would turn into something else, and edge spaces
i=0
for s in 'a: b' '# x' 'x #y' '"q"' "it's" 'yes' 'NO' 'on' '012' '1e3' '~' 'null' \
	' lead' 'trail ' '\back' '中文：冒号' '|' '>' '?' '- dash' '0x1F' '.inf'; do
	i=$((i + 1))
	t_setup jf-add XB-018 litter -n "$s"
	printf '%s\n' "$s" >>"$T/notes"
done
run jf-balance XB-018
t_rc 0 "the book with all those notes still reads"
t_out "... and every note was an entry" <<EOF
household  head    village  earned  spent  balance
XB-018     王建国  XB         -$((i * 5))      0     -$((i * 5))
EOF
# read them back through jf-log's JSON, one string per line, unescaped
if [ -x "$JF_BIN/jf-log" ]; then
	run jf-log --format json XB-018
	t_rc 0 "jf-log --format json reads the notes back"
	sed -n 's/^ *"note": "\(.*\)",\{0,1\}$/\1/p' "$T/out" |
		sed 's/\\"/"/g; s/\\\\/\\/g' >"$T/back"
	t_same "every note reads back as the very string given" "$T/notes" "$T/back"
else
	t_skip "notes read back through jf-log" "jf-log is not built"
fi

for c in "$(printf 'a\tb')" "$(printf 'a\033b')" "$(printf 'a\rb')" "a
b"; do
	t_refuse "a note with a control character" 2 jf-add XB-017 litter -n "$c" <<-'EOF'
	jf-add: the note contains a control character (tab, newline...)
	usage: jf-add [-C dir] [-d date] [-n note] [-b name] [--dry-run] [--wait seconds] [--no-cache] [--format fmt] [--batch file [--encoding enc] [--again]] [household activity [qty]]
	EOF
done
