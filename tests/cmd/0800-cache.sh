#!/bin/sh
# The reader cache (BOOK/.jf/cache): whatever happens to the book, a command
# using the cache prints exactly what it prints with --no-cache, and the
# writers' rules hold when their checks come from the cache.
. "$JF_TOP/tests/cmd/lib.sh"
t_book b; cd b || exit 99

# same DESC [ARGS]: jf-balance with and without the cache agree (output and
# status), for text, json and an --as-of before the voids.
same() {
	for a in "" "--format json" "--as-of 2026-11-10"; do
		# shellcheck disable=SC2086
		jf-balance $a >"$T/c.out" 2>"$T/c.err"; c=$?
		# shellcheck disable=SC2086
		jf-balance --no-cache $a >"$T/n.out" 2>"$T/n.err"; nc=$?
		t_same "$1: jf-balance ${a:-(text)} same output as --no-cache" "$T/n.out" "$T/c.out"
		t_ok "$1: jf-balance ${a:-(text)} same status ($nc)" [ "$c" -eq "$nc" ]
	done
}
# the cache files of the ledger files (not the book record, .jf/cache/book)
ncache() { find .jf/cache -type f ! -name book 2>/dev/null | wc -l; }

# several files, back-dated entries, voids of each kind
t_setup jf-adjust -d 2025-12-30 -r 期初 XB-017 100
t_setup jf-adjust -d 2026-11-01 -r 期初 LQ-003 50
t_setup jf-restock -d 2026-11-01 XB washing-powder 10
t_setup jf-add -d 2026-11-02 XB-017 clean-yard
E1=$(lastid)
t_setup jf-redeem -d 2026-11-03 XB-017 washing-powder 2
R1=$(lastid)
t_setup jf-add -d 2026-11-04 LQ-003 litter
t_setup jf-restock -d 2026-11-05 XB washing-powder 5
S1=$(lastid)
t_setup jf-add -d 2026-11-20 XB-017 sort-waste 3
t_setup jf-void -d 2026-11-21 -r 记错 "$E1"
VE1=$(lastid)
t_setup jf-void -d 2026-11-21 -r 退货 "$R1"
t_setup jf-void -d 2026-11-22 -r 点错 "$S1"
t_setup jf-add -d 2025-12-31 XB-017 litter
# a void kept in a file read before its target's (by hand: readers accept it)
t_entry 01HANDVOID0000000000000001 void "ref: $(lastid ledger/2025/XB.yaml)" "reason: 申诉成立" >ledger/0-appeals.yaml
rm -rf .jf/cache
same "first read"
t_ok "the first read wrote a cache per ledger file" [ "$(ncache)" -eq 4 ]
same "nothing changed"

t_setup jf-add XB-017 sort-waste
same "after jf-add"
t_ok "jf-add kept one cache per ledger file" [ "$(ncache)" -eq 4 ]

# appended by another tool (as a git pull would): the tail is read
t_entry 01APPENDED0000000000000001 earn "household: XB-017" "activity: sort-waste" "qty: 2" "points: 1" >>ledger/2026/XB.yaml
same "after an append by another tool"

# a hand edit inside the cached part that keeps the size and the mtime
f=ledger/2026/XB.yaml
jf-balance --no-cache --format tsv XB-017 >"$T/before"
m=$(stat -c %Y "$f")
sed 's/^  points: 1.5$/  points: 3.5/' "$f" >"$T/edit" && cat "$T/edit" >"$f"
touch -d "@$m" "$f"
t_ok "the edit kept the size and the mtime" [ "$(stat -c %Y "$f")" -eq "$m" ]
same "after a same-size same-mtime hand edit"
run jf-balance --format tsv XB-017
t_ok "the edited points count (1.5 became 3.5)" sh -c "! cmp -s '$T/before' '$T/out'"
was=$(awk -F'\t' 'NR==2{print $4}' "$T/before")
now=$(awk -F'\t' 'NR==2{print $4}' "$T/out")
t_ok "... and nothing else: earned went from $was to $now, 2 more" [ "$((was + 2))" = "$now" ]

# a broken edit inside the cached part is found, not replayed
cp "$f" "$T/good"
m=$(stat -c %Y "$f")
sed 's/^  points: 3.5$/  points: x.x/' "$f" >"$T/edit" && cat "$T/edit" >"$f"
touch -d "@$m" "$f"
run jf-balance
t_rc 3 "a bad value in the cached part: exit 3"
t_errhas "a bad value in the cached part: named" "bad points 'x.x'"
cp "$T/good" "$f"
same "after the edit is undone"

# damaged caches are ignored and rebuilt
for c in .jf/cache/*; do head -c 100 "$c" >"$T/c" && cat "$T/c" >"$c"; done
same "caches cut short"
for c in .jf/cache/*; do
	printf '\377' | dd of="$c" bs=1 seek=200 conv=notrunc 2>/dev/null
done
same "a byte of each cache changed"
printf 'garbage' >.jf/cache/0123456789abcdef
same "a stray file in the cache"

# other settings: indexes in the cache would point at the wrong rows
printf '  - {id: XB-000, head: 白杨, village: XB}\n' >>households.yaml
sed -i 's/^households:$/households:\n  - {id: AA-001, head: 王一, village: LQ}/' households.yaml
same "a household added at the top of the register"

# a ledger file removed or renamed
mv ledger/2025/XB.yaml ledger/2025/XB-old.yaml
same "a ledger file renamed"
rm ledger/0-appeals.yaml
same "a ledger file removed"

# the writers' rules, from the cache (every file is as cached now)
t_setup jf-add -d 2026-11-10 XB-017 clean-yard
t_setup jf-balance
run jf-void -r again "$E1"
t_rc 1 "voiding an entry voided earlier (checked from the cache): exit 1"
t_errhas "... says so" "is already voided"
run jf-void -r x "$VE1"
t_rc 1 "voiding a void (checked from the cache): exit 1"
t_errhas "... says so" "a void cannot be voided"
run jf-add -d 2026-11-11 XB-017 clean-yard
t_rc 1 "the weekly limit (counted from the cache) holds: exit 1"
run jf-add -d 2026-11-03 XB-017 clean-yard
t_rc 0 "... and a void gave that week's allowance back"
run jf-redeem XB-017 washing-powder 100
t_rc 1 "balance short (from the cache): exit 1"
run jf-void -r 撤销 01APPENDED0000000000000001
t_rc 0 "an entry not voided yet can be voided"
run jf-void -r 又撤销 01APPENDED0000000000000001
t_rc 1 "... once: the void just written is in the cache"
same "after all that"
run jf-check -q
t_rc 0 "the book is valid"
