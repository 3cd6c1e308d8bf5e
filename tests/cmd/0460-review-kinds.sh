# The review kinds (SPEC 4.2): a reviewed earn carries approvals and
# notice_days; approve, object and reject are follow-ups with `reviewer`;
# read strictly (FILE:LINE:COL, exit 3), cached, merged and proved.
. "$JF_TOP/tests/cmd/lib.sh"
E=01JDZ3K4M5N6P7Q8R9S0T1U2E1
F=01JDZ3K4M5N6P7Q8R9S0T1U2F1
X=ledger/2026/XB.yaml
# fresh: a book with a review block and one reviewed earn by baiyang
fresh() {
	cd "$T" && rm -rf b && t_book b && cd b || exit 99
	printf 'review:\n  reviewers: [sixuexia, baiyang, shijuhua]\n  approvals: 2\n' >>jf.yaml
	mkdir -p ledger/2026
	t_entry $E earn 'household: XB-017' 'activity: litter' 'qty: 1' 'points: -5' \
		'approvals: 2' 'notice_days: 3' >$X
	t_entry $F earn 'household: XB-018' 'activity: litter' 'qty: 1' 'points: -5' >>$X
}
# review KIND REF FIELDS...: append a review entry dated 2026-11-21
review() {
	k=$1 r=$2; shift 2
	nr=$((nr + 1))
	printf -- '- id: R%s\n  date: 2026-11-21\n  kind: %s\n  ref: %s\n' $nr "$k" "$r" >>$X
	for f; do printf '  %s\n' "$f" >>$X; done
	printf '  by: baiyang\n' >>$X
}

fresh
review approve $E 'reviewer: sixuexia'
review object $E 'reason: 村民有异议'
review reject $E 'reviewer: shijuhua' 'reason: 不属实'
run jf-check
t_rc 0 "approve, object and reject of a reviewed earn: valid"
t_out "jf-check counts them as entries" <<'EOF'
ok: 1 file, 5 entries, 5 households
EOF
run jf-balance
t_ok "the cache was written" [ -n "$(ls .jf/cache 2>/dev/null)" ]
run jf-check
t_rc 0 "the same from the cache"
t_out "the cache counts them too" <<'EOF'
ok: 1 file, 5 entries, 5 households
EOF

# an approval read before its target (another file, earlier in path order)
fresh
mkdir -p ledger/2025 && X=ledger/2025/XB.yaml && review approve $E 'reviewer: sixuexia' && X=ledger/2026/XB.yaml
run jf-check
t_rc 0 "an approval before its target: held back, valid"
t_out "an approval before its target: two files" <<'EOF'
ok: 2 files, 3 entries, 5 households
EOF

fresh
sed -i '/notice_days: 3/d' $X
t_invalid "approvals without notice_days" "$X:8:14: a reviewed earn carries both 'approvals' and 'notice_days'"
fresh
sed -i 's/approvals: 2/approvals: 0/' $X
t_invalid "approvals 0" "$X:8:14: bad approvals '0': number out of range (1 to 64)"
fresh
sed -i 's/notice_days: 3/notice_days: 400/' $X
t_invalid "notice_days 400" "$X:9:16: bad notice_days '400': number out of range (0 to 365)"
fresh
review approve $F 'reviewer: sixuexia'
t_invalid "approving an entry that is not reviewed" "$X:22:8: '$F' (kind earn) is not under review"
fresh
review approve $E 'reviewer: wangwu'
run jf-check
t_rc 0 "a reviewer no longer in the list: valid (a committee changes; SPEC 4.2 takes a review from its entry)"
t_err "... jf-check warns" <<EOF
jf-check: $X:23:13: warning: 'wangwu' is not one of the reviewers in jf.yaml (any more?)
EOF
fresh
review approve $E 'reviewer: baiyang'
t_invalid "approving one's own entry" "$X:22:8: 'baiyang' approves an entry they recorded ('$E')"
fresh
review approve $E
t_entry Z1 adjust 'household: XB-017' 'points: 1' 'reason: x' >>$X
t_invalid "approve without a reviewer" "$X:19:3: approve entry has no 'reviewer'"
fresh
review reject $E 'reviewer: sixuexia'
t_entry Z1 adjust 'household: XB-017' 'points: 1' 'reason: x' >>$X
t_invalid "reject without a reason" "$X:19:3: reject entry has no 'reason'"
fresh
review object $E 'reason: x' 'reviewer: sixuexia'
t_invalid "object with a reviewer" "$X:24:13: 'reviewer' does not belong in an entry of kind object"
fresh
review approve 01JDZ3K4M5N6P7Q8R9S0T1U2Z9 'reviewer: sixuexia'
t_invalid "approve of an unknown id" "$X:22:8: approve of unknown id '01JDZ3K4M5N6P7Q8R9S0T1U2Z9'"
fresh
sed -i '/^review:/,$d' jf.yaml
review object $E 'reason: x'
run jf-check
t_rc 0 "a review kind in a book whose review: block was taken out: valid"
t_err "... jf-check warns" <<EOF
jf-check: $X:21:9: warning: an object entry, but jf.yaml has no 'review:' block
EOF

# merged and proved like others: two clones approve the same entry
if command -v git >/dev/null 2>&1; then
	fresh
	cp $X "$T/base"
	cp $X "$T/ours" && cp $X "$T/theirs"
	X="$T/ours" review approve $E 'reviewer: sixuexia'
	X="$T/theirs" review approve $E 'reviewer: shijuhua'
	run jf-merge "$T/base" "$T/ours" "$T/theirs" $X
	t_rc 0 "jf-merge: two clones' approvals merge"
	cp "$T/ours" $X
	t_ok "jf-merge: both approvals kept" [ "$(grep -c 'kind: approve' $X)" -eq 2 ]
	run jf-check
	t_rc 0 "the merged book is valid"
	HOME=$T GIT_CONFIG_NOSYSTEM=1 git -c user.name=t -c user.email=t@example.org init -q . &&
	HOME=$T GIT_CONFIG_NOSYSTEM=1 git -c user.name=t -c user.email=t@example.org add -A &&
	HOME=$T GIT_CONFIG_NOSYSTEM=1 git -c user.name=t -c user.email=t@example.org commit -qm v1 || exit 99
	review reject $E 'reviewer: baiyang' 'reason: 不属实'
	run env HOME=$T GIT_CONFIG_NOSYSTEM=1 jf-check --since HEAD
	t_rc 0 "jf-check --since: a review appended is an append"
else
	t_skip "merge and --since" "git is not installed"
fi
