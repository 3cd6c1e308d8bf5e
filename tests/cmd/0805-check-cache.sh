# jf-check answers from the cache (BOOK/.jf/cache): it replays what each
# file's cache covers, the warnings the entries decide alone with it, works
# out again those the whole book decides (voids against their targets,
# superseded follow-ups), and reads only the bytes after.  Its output and
# status are those of --no-cache and of a run without any cache, byte for
# byte, whatever happened to the book or the cache.
. "$JF_TOP/tests/cmd/lib.sh"
X=ledger/2026/XB.yaml
Y=ledger/2025/XB.yaml
t_book b; cd b || exit 99
printf 'review:\n  reviewers: [sixuexia, baiyang, shijuhua]\n  approvals: 2\n  notice_days: 3\n' >>jf.yaml
sed -i 's|    limit: 1/week|    limit: 1/week\n    review: true|' catalogue.yaml
mkdir -p ledger/2025 ledger/2026
# e ID KIND FIELD...: an entry of 2026-11-20 (by baiyang) into $F
e() { t_entry "$@" >>"$F"; }
# fu ID DATE KIND REF [FIELD...]: a follow-up by baiyang into $F
fu() {
	id=$1 dt=$2 k=$3 r=$4; shift 4
	printf -- '- id: %s\n  date: %s\n  kind: %s\n  ref: %s\n' "$id" "$dt" "$k" "$r" >>"$F"
	for f; do printf '  %s\n' "$f" >>"$F"; done
	printf '  by: baiyang\n' >>"$F"
}
E=01JDZ3K4M5N6P7Q8R9S0T1U2E1
G=01JDZ3K4M5N6P7Q8R9S0T1U2G1
# read first: approvals held for their target, a void dated before its target
F=$Y
fu A1 2026-11-21 approve $E 'reviewer: sixuexia'
fu A2 2026-11-22 approve $E 'reviewer: shijuhua'
fu V0 2026-11-01 void E2 'reason: 录错了'
F=$X
e $E earn 'household: XB-017' 'activity: clean-yard' 'qty: 1' 'points: 5' 'approvals: 2' 'notice_days: 3'
e $G earn 'household: XB-018' 'activity: clean-yard' 'qty: 1' 'points: 5' 'approvals: 2' 'notice_days: 3'
# merged sequences: superseded follow-ups
fu B2 2026-11-21 approve $G 'reviewer: sixuexia' 'at: 2026-11-21T10:00:00+08:00'
fu B1 2026-11-21 approve $G 'reviewer: sixuexia' 'at: 2026-11-21T09:00:00+08:00'
fu C1 2026-11-22 reject $G 'reviewer: shijuhua' 'reason: 不属实'
fu C2 2026-11-23 approve $G 'reviewer: shijuhua'
e E2 earn 'household: XB-018' 'activity: sort-waste' 'qty: 1' 'points: 0.5'
e P1 earn 'household: XB-018' 'activity: litter' 'qty: 1' 'points: -3'
e H1 earn 'household: XB-018' 'activity: harvest-help' 'qty: 1' 'points: 8'
e AT1 earn 'household: XB-018' 'activity: sort-waste' 'qty: 1' 'points: 0.5' 'at: 2026-11-19T10:00:00+08:00'
e CL1 earn 'household: XB-020' 'activity: sort-waste' 'qty: 1' 'points: 0.5'
e R1 restock 'village: XB' 'item: soap' 'qty: 5'
e X1 expire 'household: XB-018' 'points: -1' 'until: 2026-11-19'
e T1 transfer 'household: XB-018' 'to: XB-020' 'points: 1' 'reason: 赠送'
fu V1 2026-11-19 void P1 'reason: 点错'
# another file, read last
F=ledger/2026/LQ.yaml
e L1 earn 'household: LQ-003' 'activity: litter' 'qty: 1' 'points: -2'
export JF_NOW=2026-11-30T12:00:00+08:00

# agree DESC: jf-check and jf-check -q with no cache (rebuilt), warm, and
# --no-cache give the same output and status; the first is kept in
# $T/full.* (DESC names what the book went through)
agree() {
	for q in "" -q; do
		rm -rf .jf/cache
		jf-check $q >"$T/none.out" 2>"$T/none.err"; none=$?
		jf-check $q >"$T/warm.out" 2>"$T/warm.err"; warm=$?
		jf-check --no-cache $q >"$T/full.out" 2>"$T/full.err"; full=$?
		t_same "$1: jf-check $q without a cache prints what --no-cache prints" "$T/full.err" "$T/none.err"
		t_same "$1: jf-check $q with a warm cache prints what --no-cache prints" "$T/full.err" "$T/warm.err"
		t_same "$1: jf-check $q stdout, no cache" "$T/full.out" "$T/none.out"
		t_same "$1: jf-check $q stdout, warm" "$T/full.out" "$T/warm.out"
		t_ok "$1: jf-check $q status $full with and without the cache" \
			[ "$none" -eq "$full" ] && [ "$warm" -eq "$full" ]
	done
}
# warm DESC: jf-check on the cache as it is now (not rebuilt first) prints
# what --no-cache prints
warm() {
	jf-check >"$T/warm.out" 2>"$T/warm.err"; warm=$?
	jf-check --no-cache >"$T/full.out" 2>"$T/full.err"; full=$?
	t_same "$1: stderr as --no-cache" "$T/full.err" "$T/warm.err"
	t_same "$1: stdout as --no-cache" "$T/full.out" "$T/warm.out"
	t_ok "$1: status $full as --no-cache" [ "$warm" -eq "$full" ]
	cp "$T/warm.err" "$T/err"
}

agree "warnings of every kind"
jf-check --no-cache >"$T/out" 2>"$T/err"
t_err "every kind of warning, in the order read" <<EOF
jf-check: ledger/2026/LQ.yaml:7:11: warning: recorded points -2 differ from the rule's -5 (litter x 1)
jf-check: $Y:16:8: warning: the void is dated before the entry it undoes (2026-11-20)
jf-check: $X:62:11: warning: recorded points -3 differ from the rule's -5 (litter x 1)
jf-check: $X:65:9: warning: rule 'harvest-help' is not valid on 2026-11-20
jf-check: $X:73:9: warning: date is after the time it was recorded (2026-11-19T10:00:00+08:00)
jf-check: $X:82:9: warning: household 'XB-020' has no open account on 2026-11-20
jf-check: $X:93:9: warning: stock of 'soap' is not tracked (no 'stock: true')
jf-check: $X:101:10: warning: a receipt of expiry in a book without 'expiry:' (jf.yaml)
jf-check: $X:107:7: warning: household 'XB-020' has no open account on 2026-11-20
jf-check: $X:114:8: warning: the void is dated before the entry it undoes (2026-11-20)
jf-check: $X:24:8: warning: this approve has no effect: superseded by B1
jf-check: $X:45:8: warning: this approve has no effect: superseded by C1
jf-check: warning: XB-020: the account closed on 2026-06-30 still holds 1.5 points (jf-transfer them to another household)
EOF
t_out "valid, with the warnings counted" <<'EOF'
ok: 3 files, 19 entries, 5 households, 13 warnings
EOF

# the cache a reader made serves jf-check as well as its own
rm -rf .jf/cache
jf-balance >/dev/null
warm "a cache jf-balance made"

# appended by a writer (which extends the cache), then by hand
jf-check >/dev/null 2>&1
jf-add -d 2026-11-20 XB-018 litter >/dev/null
warm "after a writer's append"
agree "after a writer's append"
# writers' entries with warnings: the cache they extend holds them
jf-check >/dev/null 2>&1
jf-void -d 2026-11-22 -r 录重了 L1 >/dev/null
jf-void -d 2026-11-22 -r 录重了 CL1 >/dev/null
F=ledger/2026/LQ.yaml
fu V5 2026-11-19 void H1 'reason: 不在期内'
# a void before its target in the same file, dated before it
fu V6 2026-11-19 void L9 'reason: 先作废'
e L9 earn 'household: LQ-003' 'activity: litter' 'qty: 1' 'points: -5'
F=$X
warm "after writers' entries that warn, and a void by hand dated before its target"
t_errhas "the void by hand is warned of" "ledger/2026/LQ.yaml:19:8: warning: the void is dated before the entry it undoes (2026-11-20)"
jf-check >/dev/null 2>&1
warm "the same, the cache warm"
t_errhas "the void read before its target in its file" "ledger/2026/LQ.yaml:25:8: warning: the void is dated before the entry it undoes (2026-11-20)"
agree "after writers' entries that warn"
jf-check >/dev/null 2>&1
F=$Y
fu V2 2026-11-02 void AT1 'reason: 重复'
e P2 earn 'household: XB-018' 'activity: sort-waste' 'qty: 2' 'points: 3'
fu A3 2026-11-21 approve $G 'reviewer: sixuexia' 'at: 2026-11-21T08:00:00+08:00'
F=$X
warm "after an append by hand to the file read first"
agree "after an append by hand"
t_errhas "the appended entry's warning" "$Y:31:11: warning: recorded points 3 differ from the rule's 1 (sort-waste x 2)"

# a hand edit inside the cached part that keeps the size and the mtime
jf-check >/dev/null 2>&1
touch -r $X "$T/stamp"
sed -i 's/^  points: -3$/  points: -5/' $X
touch -r "$T/stamp" $X
warm "a hand edit keeping size and mtime"
t_ok "the edited warning is gone" sh -c "! grep -q 'recorded points -3' '$T/warm.err'"
agree "a hand edit keeping size and mtime"
jf-check >/dev/null 2>&1
sed -i 's/^  points: -5$/  points: -1/' $X
touch -r "$T/stamp" $X
warm "a hand edit adding a warning, size and mtime kept"
t_errhas "the new warning is found" "$X:62:11: warning: recorded points -1 differ"

# corrupt, cut short, foreign or stale caches are rebuilt silently
jf-check >/dev/null 2>&1
for c in .jf/cache/*; do printf 'X' | dd of="$c" bs=1 seek=200 conv=notrunc 2>/dev/null; done
warm "corrupted caches"
jf-check >/dev/null 2>&1
for c in .jf/cache/*; do head -c 300 "$c" >"$c.t" && mv "$c.t" "$c"; done
warm "caches cut short"
jf-check >/dev/null 2>&1
printf '  - {id: XB-030, head: 王芳, village: XB}\n' >>households.yaml
warm "other settings"

# another language: the cached warnings are in the language they were made in
jf-check >/dev/null 2>&1
LC_ALL=C.UTF-8 LANGUAGE=zh_CN jf-check >"$T/zc.out" 2>"$T/zc.err"; zc=$?
LC_ALL=C.UTF-8 LANGUAGE=zh_CN jf-check --no-cache >"$T/zn.out" 2>"$T/zn.err"; zn=$?
t_same "another language: the warnings as --no-cache words them" "$T/zn.err" "$T/zc.err"
t_same "another language: stdout as --no-cache" "$T/zn.out" "$T/zc.out"
t_ok "another language: the same status" [ "$zc" -eq "$zn" ]
warm "back in English"

# problems: found and named the same with and without the cache
jf-check >/dev/null 2>&1
F=ledger/2026/LQ.yaml
cp $F "$T/lq"
e P1 earn 'household: LQ-003' 'activity: litter' 'qty: 1' 'points: -5'
warm "an id used again in another file"
t_ok "an id used again: invalid" [ "$warm" -eq 3 ]
t_errhas "the duplicate is named" "duplicate id 'P1'"
agree "an id used again in another file"
cp "$T/lq" $F
jf-check >/dev/null 2>&1
F=ledger/2024.yaml
fu V3 2026-11-25 void P2 'reason: 又错了'
fu V4 2026-11-25 approve $E 'reviewer: baiyang'
warm "a void of a voided entry and a self-approval, read before the cached files"
t_ok "invalid" [ "$warm" -eq 3 ]
agree "a void of a voided entry and a self-approval"
rm -f ledger/2024.yaml
printf -- '- id: BAD\n  date: 2026-13-01\n  kind: earn\n  by: baiyang\n' >>$X
warm "a bad entry appended"
t_ok "a bad entry: invalid" [ "$warm" -eq 3 ]
