# A text with a bidirectional override or isolate (U+202A-U+202E,
# U+2066-U+2069) would print reversed on a notice sheet or the wish wall:
# writers refuse it (exit 2, nothing written), settings too (exit 3).
. "$JF_TOP/tests/cmd/lib.sh"
t_book b; cd b || exit 99
rlo=$(printf '\342\200\256')
t_save .
run jf-add -n "${rlo}反转的备注" XB-017 litter
t_rc 2 "a note with U+202E: usage error"
t_errhas "... the message" "jf-add: the note contains a bidirectional control character (U+202A-U+202E, U+2066-U+2069)"
t_unchanged "... nothing written"
run jf-adjust -r "理由$(printf '\342\201\247')" XB-017 5
t_rc 2 "a reason with U+2067: usage error"
t_unchanged "... nothing written"
sed -i "s/name: 庭院整洁/name: 庭院${rlo}整洁/" catalogue.yaml
run jf-check
t_rc 3 "a rule's name with U+202E: the book is invalid"
t_errhas "... named at its place" "catalogue.yaml:3:11:"
