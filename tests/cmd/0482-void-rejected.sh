#!/bin/sh
# 0482-void-rejected.sh - jf-void refuses a reviewed earning that was
# rejected (SPEC 4.2, 4.0): it never counted, and readers give such a void
# no effect ("superseded"), which jf-check warns of; a writer must not
# append what a reader then sets aside.  Also with -d before the
# rejection, without the cache, and in a void of several ids.
. "$JF_TOP/tests/cmd/lib.sh"
X=ledger/2026/XB.yaml
at() { JF_NOW=$1T$2+08:00; export JF_NOW; }

t_book b; cd b || exit 99
printf 'review:\n  reviewers: [sixuexia, baiyang, shijuhua]\n  approvals: 2\n  notice_days: 3\n' >>jf.yaml
sed -i 's/^goods:/  - {code: good-deed, name: 好人好事, category: 公益活动, points: 10, review: true}\ngoods:/' catalogue.yaml
at 2026-11-20 09:00:00
t_setup jf-add -b clerk XB-017 good-deed
E=$(lastid)
t_setup jf-add -b clerk XB-018 good-deed
F=$(lastid)
at 2026-11-21 09:00:00
t_setup jf-review reject --reviewer sixuexia -r 不属实 "$E"
t_setup jf-balance

at 2026-11-22 09:00:00
for c in "" "--no-cache" "-d 2026-11-20"; do
	t_refuse "void of a rejected entry ${c:-(the cache)}" 1 jf-void $c -r 错了 "$E" <<EOF
jf-void: '$E' was rejected on 2026-11-21: it never counted, so there is nothing to void
EOF
done
t_refuse "several ids, one rejected: all refused" 1 jf-void -r 错了 "$F" "$E" <<EOF
jf-void: '$E' was rejected on 2026-11-21: it never counted, so there is nothing to void
jf-void: nothing was recorded
EOF
run jf-void -r 重复 "$F"
t_rc 0 "a pending one is still voided"
run jf-check
t_rc 0 "the book is valid"
t_noerr "... with no void superseded"
