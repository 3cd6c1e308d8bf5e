# A cut-short last entry whose quoted value is folded over lines, one of
# them starting with "-" in column 1: the cut is at the entry, not at that
# inner line, and 'jf-check --repair' sets the whole entry aside at once.
. "$JF_TOP/tests/cmd/lib.sh"
t_book b; cd b || exit 99
A=01JDZ3K4M5N6P7Q8R9S0T1U2VA B=01JDZ3K4M5N6P7Q8R9S0T1U2VB
L=ledger/2026/XB.yaml
E='household: XB-017'
CUT="the last entry is cut short (an interrupted write?); 'jf-check --repair' sets it aside"
mkdir -p ledger/2026
t_entry $A earn "$E" 'activity: litter' 'qty: 1' 'points: -5' >$L
good=$(cat $L)
# the second entry: a double-quoted note folded over lines, the second of
# them "-" in column 1; cut before its final newline
{ printf -- '- id: %s\n  date: 2026-11-20\n  kind: earn\n  %s\n  activity: sort-waste\n' $B "$E"
  printf '  qty: 1\n  points: 0.5\n  note: "打扫\n-院落 and "\n  by: baiyang'; } >>$L
t_invalid "the cut is where the entry starts, not at the inner '-' line" "$L:9:1: $CUT"
run jf-check --repair
t_rc 0 "jf-check --repair sets the cut entry aside"
t_ok "it names the side file" grep -q "$L.cut" "$T/out" "$T/err"
printf '%s\n' "$good" >want
t_same "the ledger is the complete first entry again, byte for byte" want $L
run jf-check -q
t_rc 0 "after one repair the book is valid: no second cut"
{ printf -- '- id: %s\n  date: 2026-11-20\n  kind: earn\n  %s\n  activity: sort-waste\n' $B "$E"
  printf '  qty: 1\n  points: 0.5\n  note: "打扫\n-院落 and "\n  by: baiyang'; } >want
t_same "the side file holds the whole second entry, byte for byte" want $L.cut

# single quotes, '' inside, and a '-' line after them
rm -f $L.cut
printf '%s\n' "$good" >$L
{ printf -- "- id: %s\n  date: 2026-11-20\n  kind: earn\n  %s\n  activity: sort-waste\n" $B "$E"
  printf "  qty: 1\n  points: 0.5\n  note: 'it''s\n- swept'\n  by: baiyang"; } >>$L
t_invalid "single-quoted: the cut is at the entry" "$L:9:1: $CUT"

# a '-' at column 1 after a quote that closed on its line is an item
printf '%s\n' "$good" >$L
{ printf -- '- id: %s\n  date: 2026-11-20\n  kind: earn\n  %s\n  activity: sort-waste\n' $B "$E"
  printf '  qty: 1\n  points: 0.5\n  note: "done"\n  by: baiyang\n- id: X'; } >>$L
t_invalid "a closed quote: the cut is the last line's item" "$L:18:1: $CUT"
