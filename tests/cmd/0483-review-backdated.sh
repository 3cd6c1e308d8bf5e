#!/bin/sh
# 0483-review-backdated.sh - a review is never dated before the entry it
# reviews (SPEC 4.2: reviews are dated today): a writer whose clock is
# behind the entry's date refuses (exit 1, nothing appended), and a reader
# refuses such a review in the book (exit 3, FILE:LINE:COL), as it refuses
# a wish's follow-up dated before the wish - or the entry's points would
# count before the day of the deed.
. "$JF_TOP/tests/cmd/lib.sh"
X=ledger/2026/XB.yaml

t_book b; cd b || exit 99
printf 'review:\n  reviewers: [sixuexia, baiyang, shijuhua]\n  approvals: 1\n  notice_days: 0\n' >>jf.yaml
sed -i 's/^goods:/  - {code: good-deed, name: 好人好事, category: 公益活动, points: 10, review: true}\ngoods:/' catalogue.yaml
JF_NOW=2026-11-20T09:00:00+08:00 t_setup jf-add XB-017 good-deed
E=$(lastid)

# ---- writers: a clock behind the entry's date ----
JF_NOW=2026-11-15T09:00:00+08:00
export JF_NOW
t_refuse "approve: a clock behind the entry's date" 1 jf-review approve --reviewer sixuexia "$E" <<EOF
jf-review: '$E' is dated 2026-11-20, later than this review (2026-11-15): is this machine's clock behind?
EOF
t_refuse "object: the same" 1 jf-review object -r x "$E" <<EOF
jf-review: '$E' is dated 2026-11-20, later than this review (2026-11-15): is this machine's clock behind?
EOF
t_refuse "reject: the same" 1 jf-review reject --reviewer sixuexia -r x "$E" <<EOF
jf-review: '$E' is dated 2026-11-20, later than this review (2026-11-15): is this machine's clock behind?
EOF
t_refuse "approve --dry-run: the same" 1 jf-review approve --dry-run --reviewer sixuexia "$E" <<EOF
jf-review: '$E' is dated 2026-11-20, later than this review (2026-11-15): is this machine's clock behind?
EOF
JF_NOW=2026-11-20T10:00:00+08:00
run jf-review approve --reviewer sixuexia --dry-run "$E"
t_rc 0 "approve on the entry's own date: taken"

# ---- readers: such a review in the book (a hand edit, another clone) ----
printf -- '- id: 01M7F3GS00NRZM91XA61G6D8AA\n  date: 2026-11-15\n  at: 2026-11-15T16:00:00+08:00\n  kind: approve\n  ref: %s\n  reviewer: sixuexia\n  by: clerk\n' "$E" >>$X
t_invalid "an approval dated before its entry" \
	"$X:16:8: this approve is dated before the entry it reviews ('$E', dated 2026-11-20)"
run jf-check
t_rc 3 "jf-check: invalid"
t_err "jf-check: says where" <<EOF
jf-check: $X:16:8: this approve is dated before the entry it reviews ('$E', dated 2026-11-20)
EOF
# ... also when read before its target (an earlier file)
mkdir -p ledger/2025 && tail -n 7 $X >ledger/2025/XB.yaml && head -n 11 $X >"$T/x" && cp "$T/x" $X
t_invalid "... also in a file read before the entry's" \
	"ledger/2025/XB.yaml:5:8: this approve is dated before the entry it reviews ('$E', dated 2026-11-20)"

# ---- jf-check: a review dated before the day it was recorded (a hand
# edit that would shorten the notice period) is warned of ----
cd "$T" && rm -rf c && t_book c && cd c || exit 99
printf 'review:\n  reviewers: [sixuexia, baiyang, shijuhua]\n  approvals: 2\n  notice_days: 3\n' >>jf.yaml
sed -i 's/^goods:/  - {code: good-deed, name: 好人好事, category: 公益活动, points: 10, review: true}\ngoods:/' catalogue.yaml
JF_NOW=2026-11-20T09:00:00+08:00 t_setup jf-add XB-017 good-deed
E=$(lastid)
JF_NOW=2026-11-28T09:00:00+08:00
printf -- '- id: R1\n  date: 2026-11-21\n  at: 2026-11-28T09:00:00+08:00\n  kind: approve\n  ref: %s\n  reviewer: sixuexia\n  by: clerk\n' "$E" >>$X
printf -- '- id: R3\n  date: 2026-11-27\n  at: 2026-11-27T17:00:00Z\n  kind: reject\n  ref: %s\n  reviewer: baiyang\n  reason: x\n  by: clerk\n' "$E" >>$X
run jf-check
t_rc 0 "a review dated before the day it was recorded: valid"
t_err "... jf-check warns (the day of its at, in the book's zone)" <<EOF
jf-check: $X:13:9: warning: this approve is dated 2026-11-21 but was recorded on 2026-11-28: a review is dated the day it is recorded
jf-check: $X:20:9: warning: this reject is dated 2026-11-27 but was recorded on 2026-11-28: a review is dated the day it is recorded
EOF
