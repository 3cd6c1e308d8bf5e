#!/bin/sh
# 0821-cache-book.sh - the book record of the reader cache (.jf/cache/book,
# issue 14): what the last check of the rules across files found (no id in
# two files, where each follow-up's target stands), pinned to the writing
# and identity of every file's cache, so that after an append a replay need
# not merge every file's keys again.  A writer carries it over to the cache
# it extended; one missing, stale (for other caches), from another book,
# cut short, forged (another key), or re-MAC'd with this user's key but
# saying something else of a target is not used as it says: the cached
# commands print what --no-cache prints, and a writer judges as it does.
. "$JF_TOP/tests/cmd/lib.sh"
command -v python3 >/dev/null 2>&1 || { n=$((n + 1)); echo "ok $n - # SKIP python3 is not installed"; exit 0; }
XDG_CACHE_HOME=$T/key
export XDG_CACHE_HOME
t_book b; cd b || exit 99
BK=.jf/cache/book

# same DESC: the cached readers print what --no-cache prints, same status
same() {
	t_nocache_same "$1" "jf-balance" "jf-balance XB-017" "jf-log XB-017" "jf-check -q" \
		"jf-report --month 2026-11"
}
sum() { cksum <"$BK" 2>/dev/null; }

# forge HOW: rewrite the book record with this user's key (HOW: points,
# the first target's record says other points; swap, the first two
# follow-ups' targets swapped; other, MAC'd with another key)
cat >"$T/forge.py" <<'EOF'
import hashlib, struct, sys
how, path, keyfile = sys.argv[1:4]
b = bytearray(open(path, 'rb').read())
key = open(keyfile, 'rb').read()
nfiles, pathbytes, nvt, ntg = struct.unpack_from('<QQQQ', b, 24)
pins = 56
vt = pins + nfiles * 136 + nfiles * 4 + pathbytes
tg = vt + nvt * 4
if how == 'points':
    assert ntg >= 1
    pts, = struct.unpack_from('<q', b, tg + 8 + 16)
    struct.pack_into('<q', b, tg + 8 + 16, pts + 100)
elif how == 'swap':
    assert nvt >= 2
    a, c = struct.unpack_from('<II', b, vt)
    assert a != c
    struct.pack_into('<II', b, vt, c, a)
elif how == 'other':
    key = bytes(32)
body = bytes(b[:-32])
mac = hashlib.blake2b(b'jf reader cache book record\0' + body, key=key, digest_size=32).digest()
open(path, 'wb').write(body + mac)
EOF
forge() { python3 "$T/forge.py" "$1" "$BK" "$XDG_CACHE_HOME/jf/key" || exit 99; }

t_setup jf-adjust -d 2025-12-01 -r 期初 XB-017 10
A=$(lastid ledger/2025/XB.yaml)
t_setup jf-adjust -d 2025-12-02 -r 期初 XB-017 7
A2=$(lastid ledger/2025/XB.yaml)
t_setup jf-adjust -d 2025-12-03 -r 期初 XB-018 4
t_setup jf-add -d 2026-11-02 -n 扫了院子 XB-017 clean-yard
t_setup jf-void -d 2026-11-20 -r 记错 "$A"
t_setup jf-adjust -d 2026-11-21 -r 补 XB-017 5
t_setup jf-balance
t_ok "the first read wrote the book record" [ -f "$BK" ]
same "cached"

# a writer carries the record over to the cache it extended
b0=$(sum)
t_setup jf-add -d 2026-11-22 XB-017 clean-yard
t_ok "jf-add carried the book record over" [ "$(sum)" != "$b0" ]
b1=$(sum)
jf-balance >/dev/null 2>&1
t_ok "... which the next read uses as it is" [ "$(sum)" = "$b1" ]
same "after jf-add"
cp "$BK" "$T/before-void"
t_setup jf-void -d 2026-11-23 -r 记错 "$A2"
t_ok "jf-void carried the book record over (a new target)" [ "$(sum)" != "$b1" ]
b2=$(sum)
jf-balance >/dev/null 2>&1
t_ok "... which the next read uses as it is" [ "$(sum)" = "$b2" ]
same "after jf-void"

# missing: rebuilt by the next read
rm -f "$BK"
same "book record removed"
t_ok "the next read wrote it again" [ -f "$BK" ]

# stale: the record of before the void, for a cache since extended
cp "$T/before-void" "$BK"
same "a stale book record"
cp "$T/before-void" "$BK"
t_refuse "a stale book record: a second void of the same entry" 1 \
	jf-void -d 2026-11-24 -r 又错 "$A2" <<-EOF
	jf-void: entry '$A2' is already voided
	EOF
cp "$T/before-void" "$BK"
t_refuse "a stale book record: a void of the entry voided first" 1 \
	jf-void -d 2026-11-24 -r 又错 "$A" <<-EOF
	jf-void: entry '$A' is already voided
	EOF

# cut short, not a record, another book's
jf-balance >/dev/null 2>&1
head -c 100 "$BK" >"$T/x" && cat "$T/x" >"$BK"
same "book record cut short"
printf 'not a record\n' >"$BK"
same "book record of text"
(
	cd "$T" && t_book o && cd o && mkdir -p ledger/2026 &&
		jf-adjust -d 2026-11-01 -r 期初 XB-017 3 >/dev/null && jf-balance >/dev/null
) || exit 99
cp "$T/o/.jf/cache/book" "$BK"
same "another book's record"

# forged: another key; this user's key, saying other things of targets
jf-balance >/dev/null 2>&1
forge other
same "a record MAC'd with another key"
jf-balance >/dev/null 2>&1
forge points
same "a record whose target says other points"
run jf-balance --format tsv XB-017
t_out "the void takes back what the target says" <<-'EOF'
	household	head	village	earned	spent	balance
	XB-017	司学霞	XB	15	0	15
	EOF
jf-balance >/dev/null 2>&1
forge swap
same "a record whose follow-ups' targets are swapped"

# a cache file rewritten with the same bytes (another identity): the
# record no longer vouches for it; the next read checks it all and pins it
jf-balance >/dev/null 2>&1
b3=$(sum)
for c in .jf/cache/*; do
	[ "$c" = "$BK" ] && continue
	cp "$c" "$T/x" && cat "$T/x" >"$c" && break
done
same "a cache file rewritten"
t_ok "the record was written again for it" [ "$(sum)" != "$b3" ]

# an id in two files, appended by hand to the other file (as a pull)
jf-balance >/dev/null 2>&1
sed -n '/^- id: '"$A"'$/,/^- id: /p' ledger/2025/XB.yaml | sed '$d' |
	sed 's/date: 2025-12-01/date: 2026-11-25/' >>ledger/2026/LQ.yaml
same "an id in two files"
run jf-add XB-018 clean-yard
t_rc 3 "an id in two files: jf-add refuses"
