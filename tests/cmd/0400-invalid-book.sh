# Ledgers that break SPEC section 1: jf-balance and the writers refuse the
# whole book (exit 3) naming FILE:LINE:COL, and nothing is appended.
. "$JF_TOP/tests/cmd/lib.sh"
t_book b; cd b || exit 99
A=01JDZ3K4M5N6P7Q8R9S0T1U2VA B=01JDZ3K4M5N6P7Q8R9S0T1U2VB C=01JDZ3K4M5N6P7Q8R9S0T1U2VC
L=ledger/2026/XB.yaml
# ledger: the ledger is only the entries on stdin, in ledger/2026/XB.yaml
ledger() { rm -rf ledger; mkdir -p ledger/2026; cat >$L; }
E='household: XB-017'

{ t_entry $A earn "$E" 'activity: litter' 'qty: 1' 'qty: 2' 'points: -5'
  t_entry $B earn "$E" 'activity: litter' 'qty: 1' 'points: -5'; } | ledger
t_invalid "duplicate key" "$L:7:3: duplicate key 'qty'"

{ t_entry $A earn "$E" 'activity: litter' 'qty: 1' 'points: -5' 'colour: red'
  t_entry $B earn "$E" 'activity: litter' 'qty: 1' 'points: -5'; } | ledger
t_invalid "unknown key" "$L:8:3: unknown key 'colour'"

{ t_entry $A earn "$E" 'activity: litter' 'qty: 1' 'points: -5'
  t_entry $B earn "$E" 'activity: litter' 'qty: 1' 'points: -5' 'colour: red'; } | ledger
t_invalid "unknown key in the last, complete entry" "$L:16:3: unknown key 'colour'"

{ t_entry $A earn "$E" 'activity: litter' 'qty: 1' 'points: -5' 'x-colour: red' 'x-by-hand: yes'; } | ledger
t_save .
run jf-balance XB-017
t_rc 0 "x-* keys are allowed: jf-balance exit 0"
t_out "x-* keys are allowed: the entry counts" <<'EOF'
household  head    village  earned  spent  balance
XB-017     司学霞  XB           -5      0       -5
EOF
run jf-add XB-017 litter
t_rc 0 "x-* keys are allowed: jf-add appends"
t_appended "x-* keys: appended after the existing bytes" $L <<'EOF'
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

{ t_entry $A earn "$E" 'activity: litter' 'qty: 1' 'points: -5' 'note: {a: 1}'
  t_entry $B earn "$E" 'activity: litter' 'qty: 1' 'points: -5'; } | ledger
t_invalid "flow mapping inside an entry" \
	"$L:8:9: nesting inside an entry is not allowed: values are plain text"
{ t_entry $A earn "$E" 'activity: litter' 'qty: 1' 'points: -5' 'note:' '  - a'
  t_entry $B earn "$E" 'activity: litter' 'qty: 1' 'points: -5'; } | ledger
t_invalid "block sequence inside an entry" \
	"$L:9:5: nesting inside an entry is not allowed: values are plain text"
{ t_entry $A earn "$E" 'activity: litter' 'qty:' '  a: 1' 'points: -5'
  t_entry $B earn "$E" 'activity: litter' 'qty: 1' 'points: -5'; } | ledger
t_invalid "block mapping as a required field" \
	"$L:7:5: nesting inside an entry is not allowed: values are plain text" \
	"$L:1:3: earn entry has no 'qty'"

{ t_entry $A earn 'household: XB-099' 'activity: litter' 'qty: 1' 'points: -5'
  t_entry $B earn "$E" 'activity: litter' 'qty: 1' 'points: -5'; } | ledger
t_invalid "unknown household in an entry" "$L:4:14: unknown household 'XB-099'"
{ t_entry $A earn "$E" 'activity: dance' 'qty: 1' 'points: 5'; } | ledger
t_invalid "unknown activity in an entry" "$L:5:13: unknown activity 'dance'"
{ t_entry $A redeem "$E" 'item: tv' 'qty: 1' 'points: -5'; } | ledger
t_invalid "unknown item in an entry" "$L:5:9: unknown item 'tv'"
{ t_entry $A restock 'village: ZZ' 'item: washing-powder' 'qty: 1'; } | ledger
t_invalid "unknown village in an entry" "$L:4:12: unknown village 'ZZ'"

{ t_entry $A earn "$E" 'activity: litter' 'qty: 1' 'points: 5.123'; } | ledger
t_invalid "points with 3 decimals in an entry" "$L:7:11: bad points '5.123': more than two decimal places"
{ t_entry $A earn "$E" 'activity: litter' 'qty: 012' 'points: -5'; } | ledger
t_invalid "qty '012' is no octal, no number" "$L:6:8: bad qty '012': leading zero"
ledger <<EOF
- id: $A
  date: 2026-02-30
  kind: adjust
  household: XB-017
  points: 5
  reason: x
  by: baiyang
EOF
t_invalid "no such day in an entry" "$L:2:9: bad date '2026-02-30': no such day"

{ t_entry $A void "ref: $C" 'reason: x'
  t_entry $B earn "$E" 'activity: litter' 'qty: 1' 'points: -5'; } | ledger
t_invalid "void of an unknown id" "$L:4:8: void of unknown id '$C'"
{ t_entry $A earn "$E" 'activity: litter' 'qty: 1' 'points: -5'
  t_entry $B void "ref: $A" 'reason: x'
  t_entry $C void "ref: $B" 'reason: x'; } | ledger
t_invalid "void of a void" "$L:18:8: '$B' is a void; a void cannot be voided"
{ t_entry $A earn "$E" 'activity: litter' 'qty: 1' 'points: -5'
  t_entry $B void "ref: $A" 'reason: x'
  t_entry $C void "ref: $A" 'reason: x'; } | ledger
t_invalid "double void" "$L:18:8: entry '$A' is already voided"

{ t_entry $A earn "$E" 'activity: litter' 'qty: 1' 'points: -5'
  t_entry $A earn "$E" 'activity: litter' 'qty: 1' 'points: -5'; } | ledger
t_invalid "duplicate id in one file" "$L:9:7: duplicate id '$A'"
t_entry $A earn "$E" 'activity: litter' 'qty: 1' 'points: -5' | ledger
t_entry $A earn 'household: LQ-003' 'activity: litter' 'qty: 1' 'points: -5' >ledger/2026/LQ.yaml
t_invalid "duplicate id across two files" "$L:1:7: duplicate id '$A'"

{ t_entry $A earn "$E" 'activity: litter' 'qty: 1' 'points: -5' | sed '/by:/d'
  t_entry $B earn "$E" 'activity: litter' 'qty: 1' 'points: -5'; } | ledger
t_invalid "an entry before the last without 'by' is not a cut-short tail" "$L:1:3: entry has no 'by'"

# every problem is listed, not just the first
{ t_entry $A earn 'household: XB-099' 'activity: litter' 'qty: 1' 'points: -5'
  t_entry $B earn "$E" 'activity: dance' 'qty: 1' 'points: -5'; } | ledger
t_invalid "two problems, both listed" "$L:4:14: unknown household 'XB-099'" \
	"$L:13:13: unknown activity 'dance'"
