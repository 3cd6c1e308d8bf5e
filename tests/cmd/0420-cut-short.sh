# A ledger whose last entry is cut short (a crash mid-append): reported at
# that entry's line; readers exit 3 and writers refuse to append after it.
. "$JF_TOP/tests/cmd/lib.sh"
t_book b; cd b || exit 99
A=01JDZ3K4M5N6P7Q8R9S0T1U2VA B=01JDZ3K4M5N6P7Q8R9S0T1U2VB
L=ledger/2026/XB.yaml
ledger() { rm -rf ledger; mkdir -p ledger/2026; cat >$L; }
E='household: XB-017'
first() { t_entry $A earn "$E" 'activity: litter' 'qty: 1' 'points: -5'; }
second() { t_entry $B earn "$E" 'activity: sort-waste' 'qty: 1' 'points: 0.5' 'note: 打扫'; }
CUT="the last entry is cut short (an interrupted write?); 'jf-check --repair' sets it aside"

{ first; second | head -c -1; } | ledger
t_invalid "complete but for the final newline" "$L:9:1: $CUT"
{ first; second | sed '$d'; } | ledger
# every line whole, one missing: the message says which field it lacks
t_invalid "the last entry has no 'by' line" "$L:9:1: the last entry is cut short (an interrupted write?): entry has no 'by'; 'jf-check --repair' sets it aside"
{ first; second | head -c 75; } | ledger
t_invalid "cut in the middle of a key" "$L:9:1: $CUT"
{ first; second | head -c -16; } | ledger
t_invalid "cut inside a UTF-8 character" "$L:9:1: $CUT"
{ first; second | head -n 1; } | ledger
t_invalid "only the id line written" "$L:9:1: the last entry is cut short (an interrupted write?): entry has no 'date'; 'jf-check --repair' sets it aside"
{ first; printf -- '- '; } | ledger
t_invalid "only '- ' written" "$L:9:1: $CUT"
first | head -c -1 | ledger
t_invalid "the only entry, without its final newline" "$L:1:1: $CUT"

# a cut in another village's file still stops every writer
first | ledger
second | head -c -1 >ledger/2026/LQ.yaml
t_invalid "cut short in another file" "ledger/2026/LQ.yaml:1:1: $CUT"
t_refuse "jf-restock refuses too" 3 jf-restock XB washing-powder 1 <<EOF
jf-restock: ledger/2026/LQ.yaml:1:1: $CUT
jf-restock: the book is invalid; nothing was recorded (see 'jf-check')
EOF
t_refuse "jf-void refuses too" 3 jf-void $A -r x <<EOF
jf-void: ledger/2026/LQ.yaml:1:1: $CUT
jf-void: the book is invalid; nothing was recorded (see 'jf-check')
EOF

# blank lines and comments after the last entry are not a cut
{ first; printf '\n# checked by 白杨\n\n'; } | ledger
t_save .
run jf-add XB-017 litter
t_rc 0 "comments after the last entry: jf-add appends"
t_appended "... after the comment, byte for byte" $L <<'EOF'
- id: ID
  date: 2026-11-28
  at: 2026-11-28T10:15:02+08:00
  kind: earn
  household: XB-017
  activity: litter
  qty: 1
  points: -5
  by: baiyang
EOF

# a complete entry followed by a comment lacking its final newline is not a
# cut: readers accept it (jf-check warns), and a writer adds the newline in
# the same write as its entry, so the next "- id:" never runs into the comment
{ first; printf '# no newline'; } | ledger
t_save .
run jf-balance
t_rc 0 "comment without final newline: jf-balance exit 0"
t_ok "comment without final newline: the complete entry is not called cut short" \
	sh -c "! grep -q 'cut short' '$T/err'"
run jf-check
t_rc 0 "comment without final newline: jf-check exit 0"
t_ok "comment without final newline: jf-check warns" \
	grep -q "$L: warning: the file does not end with a newline" "$T/err"
run jf-add XB-017 litter
t_rc 0 "comment without final newline: jf-add exit 0"
t_appended "comment without final newline: a newline, then the entry" $L <<'EOF'

- id: ID
  date: 2026-11-28
  at: 2026-11-28T10:15:02+08:00
  kind: earn
  household: XB-017
  activity: litter
  qty: 1
  points: -5
  by: baiyang
EOF
run jf-check -q
t_rc 0 "comment without final newline: the book is valid after the append"
