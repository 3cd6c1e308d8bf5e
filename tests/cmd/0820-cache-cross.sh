#!/bin/sh
# 0820-cache-cross.sh - rules that span ledger files hold on the cached
# path (issue 9 items 3, 4): a void's effect comes from its target's
# current record, not the copy cached with the void's file; a void's
# target must be there and voided once; ids are unique across files.
# Whatever the cache holds, cached readers and writers judge the book as
# --no-cache does.
. "$JF_TOP/tests/cmd/lib.sh"
XDG_CACHE_HOME=$T/key
export XDG_CACHE_HOME
t_book b; cd b || exit 99

# same DESC: cached jf-balance prints what --no-cache prints, same status
same() {
	jf-balance XB-017 >"$T/c.out" 2>"$T/c.err"; c=$?
	jf-balance --no-cache XB-017 >"$T/n.out" 2>"$T/n.err"; nc=$?
	t_same "$1: cached jf-balance equals --no-cache" "$T/n.out" "$T/c.out"
	t_same "$1: same messages" "$T/n.err" "$T/c.err"
	t_ok "$1: same status ($nc)" [ "$c" -eq "$nc" ]
}
# the cache files of the ledger files (not the book record, .jf/cache/book)
ncache() { find .jf/cache -type f ! -name book 2>/dev/null | wc -l; }

# --- item 3: a stale void target in the cache ---
t_setup jf-adjust -d 2025-12-01 -r 期初 XB-017 10
A=$(lastid ledger/2025/XB.yaml)
t_setup jf-void -d 2026-11-20 -r 记错 "$A"
t_setup jf-adjust -d 2026-11-21 -r 补 XB-017 5
t_setup jf-balance
t_ok "both files cached" [ "$(ncache)" -eq 2 ]
same "cached"
# the 2025 file rewritten (an editor, a git revert): 10 points become 100
sed 's/points: 10$/points: 100/' ledger/2025/XB.yaml >"$T/x" && cat "$T/x" >ledger/2025/XB.yaml || exit 99
grep -q 'points: 100$' ledger/2025/XB.yaml || exit 99
same "target rewritten, first read"
same "target rewritten, every file cached again"
same "target rewritten, third read"
run jf-balance --format tsv XB-017
t_out "the void takes back the 100 now there" <<-'EOF'
	household	head	village	earned	spent	balance
	XB-017	司学霞	XB	5	0	5
	EOF
t_refuse "a redemption of what the stale cache would allow" 1 jf-redeem XB-017 soap 2 <<-'EOF'
	jf-redeem: balance short: XB-017 has 5, 2 x soap costs 6
	EOF

# --- item 4: a void's target deleted ---
t_save .
mv ledger/2025/XB.yaml "$T/2025.yaml" || exit 99
same "the target's file deleted"
run jf-balance XB-017
t_rc 3 "the target's file deleted: cached jf-balance exit 3"
t_errhas "it names the void" "void of unknown id '$A'"
t_refuse "the target's file deleted: jf-add" 3 jf-add XB-017 litter <<-EOF
	jf-add: ledger/2026/XB.yaml:5:8: void of unknown id '$A'
	jf-add: the book is invalid; nothing was recorded (see 'jf-check')
	EOF
mv "$T/2025.yaml" ledger/2025/XB.yaml || exit 99
same "the target back"
run jf-balance XB-017
t_rc 0 "the target back: exit 0"

# a second void of the same target in another file, each file cached
t_entry 01SECONDVOID00000000000001 void "ref: $A" "reason: 又记" >ledger/2026/LQ.yaml
same "voided twice across files"
run jf-balance XB-017
t_rc 3 "voided twice across files: exit 3"
rm ledger/2026/LQ.yaml
same "the second void gone"

# --- item 4: a cached file copied while the original is moved aside ---
mv ledger/2026/XB.yaml "$T/xb.yaml" || exit 99
cp "$T/xb.yaml" ledger/2026/XC.yaml || exit 99
same "a copy under another name"
t_ok "the copy is cached" [ "$(ncache)" -ge 2 ]
mv "$T/xb.yaml" ledger/2026/XB.yaml || exit 99
same "the original moved back: duplicate ids"
run jf-balance XB-017
t_rc 3 "duplicate ids across files: cached exit 3"
t_errhas "it names the duplicate" "duplicate id '"
same "the duplicate ids, again"
t_save .
run jf-add XB-017 litter
t_rc 3 "duplicate ids across files: jf-add exit 3"
t_unchanged "duplicate ids across files: jf-add wrote nothing"
rm ledger/2026/XC.yaml
same "the copy removed"
run jf-balance XB-017
t_rc 0 "the copy removed: exit 0"

# the same, every file's cache exact: the directory moved aside (a file
# keeps its identity when its directory is renamed), a copy of its file
# cached under another path, the directory moved back
mv ledger/2026 "$T/y2026" || exit 99
mkdir -p ledger/copy && cp "$T/y2026/XB.yaml" ledger/copy/XB.yaml || exit 99
t_setup jf-balance
mv "$T/y2026" ledger/2026 || exit 99
same "every file exact, duplicate ids across files"
run jf-balance XB-017
t_rc 3 "every file exact, duplicate ids: cached exit 3"
t_errhas "every file exact: it names the duplicate" "ledger/copy/XB.yaml:1:7: duplicate id '"
t_save .
run jf-add XB-017 litter
t_rc 3 "every file exact, duplicate ids: jf-add exit 3"
t_unchanged "every file exact, duplicate ids: jf-add wrote nothing"
rm -r ledger/copy
same "the copy removed again"
