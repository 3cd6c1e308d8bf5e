#!/bin/sh
# 0810-cache-trust.sh - no bytes that arrive with the book can change a
# result: a reader cache forged in a clone (points edited, its checksum or
# MAC recomputed, 'git add -f' and pulled), or dropped into BOOK/.jf/cache
# by someone else, is ignored and rebuilt; the cache key stays private;
# temporary files of killed cache writers are cleaned.
. "$JF_TOP/tests/cmd/lib.sh"

command -v git >/dev/null 2>&1 || { n=$((n + 1)); echo "ok $n - # SKIP git is not installed"; exit 0; }
command -v python3 >/dev/null 2>&1 || { n=$((n + 1)); echo "ok $n - # SKIP python3 is not installed"; exit 0; }
HOME=$T GIT_CONFIG_NOSYSTEM=1 GIT_AUTHOR_DATE='2026-11-28T10:15:02+08:00'
GIT_COMMITTER_DATE=$GIT_AUTHOR_DATE
export HOME GIT_CONFIG_NOSYSTEM GIT_AUTHOR_DATE GIT_COMMITTER_DATE
g() { git -c user.name=baiyang -c user.email=baiyang@example.org -c init.defaultBranch=main "$@"; }

# forge CACHE CENTS KEYFILE: add CENTS to the points of the first adjust
# record of a cache file and make its trailer match again, as a forger
# can: the old unkeyed checksum (format 1), or a MAC under the forger's own
# key (format 2, keyed BLAKE2b).
cat >"$T/forge.py" <<'EOF'
import hashlib, struct, sys
path, cents, keyfile = sys.argv[1], int(sys.argv[2]), sys.argv[3]
b = bytearray(open(path, 'rb').read())
version, recsize = struct.unpack_from('<II', b, 8)
nrecs, = struct.unpack_from('<Q', b, 112)
pathlen, = struct.unpack_from('<I', b, 128)
# from format 12 on the records come last, after the MAC and the sorted
# keys (16 bytes a record), with their places (16 bytes a record); the
# head holds the file's nonce at 136 and the records' Poly1305 tag at 152,
# under the key BLAKE2b(user's key; domain, nonce, 2)
# from format 14 on the records and places are tagged a window of 4096
# at a time: the windows' tags (nwin of the records', nwin of the places')
# follow the voids in the MAC'd part, the head's tag at 152 is the tag of
# the records' list of them, and a window's key is BLAKE2b(user's key;
# "jf reader cache window", nonce, 2, the window's number, 8 bytes LE)
recs_at = len(b) - nrecs * (recsize + 16) if version >= 12 else 136 + pathlen
for i in range(nrecs):
    at = recs_at + i * recsize
    if b[at + 36] == 2:  # JF_ADJUST
        p, = struct.unpack_from('<q', b, at + 16)
        struct.pack_into('<q', b, at + 16, p + cents)
        break
else:
    sys.exit('no adjust record')
forged = i
M = (1 << 64) - 1
P1, P2 = 0x9E3779B185EBCA87, 0xC2B2AE3D27D4EB4F
def rotl(x, r): return ((x << r) | (x >> (64 - r))) & M
def fold(h, w): return (rotl(h ^ (w * P2 & M), 31) * P1) & M
def jf_hash(d):
    h = 0x27D4EB2F165667C5
    n = len(d) - len(d) % 8
    for k in range(0, n, 8):
        h = fold(h, int.from_bytes(d[k:k + 8], 'little'))
    if len(d) % 8:
        h = fold(h, int.from_bytes(d[n:].ljust(8, b'\0'), 'little') ^ 0xFF)
    h ^= len(d) * P2 & M
    h ^= h >> 33; h = h * P1 & M; h ^= h >> 29
    return h
def poly1305(k, m):
    r = int.from_bytes(k[:16], 'little') & 0x0ffffffc0ffffffc0ffffffc0fffffff
    p, a = (1 << 130) - 5, 0
    for i in range(0, len(m), 16):
        a = (a + int.from_bytes(m[i:i + 16] + b'\1', 'little')) * r % p
    return ((a + int.from_bytes(k[16:], 'little')) & ((1 << 128) - 1)).to_bytes(16, 'little')
if version == 1:
    body = bytes(b[:-8])
    b[-8:] = struct.pack('<Q', jf_hash(body))
else:
    mac_at = len(b) - 32
    key = open(keyfile, 'rb').read()
    if version >= 12:
        sk = hashlib.blake2b(b'jf reader cache section\0' + bytes(b[136:152]) + b'\2',
                             digest_size=32, key=key).digest()
        mac_at = recs_at - nrecs * 16 - 32
        if version >= 14:
            W, nwin = 4096, (nrecs + 4095) // 4096
            nvoids, = struct.unpack_from('<Q', b, 120)
            for vsize in ([0] if nvoids == 0 else range(8, 4096, 8)):
                wt_at = 200 + pathlen + nvoids * vsize
                wh_at = wt_at + 32 * nwin
                if wh_at + 64 <= mac_at and wh_at + 64 + struct.unpack_from('<Q', b, wh_at + 56)[0] == mac_at:
                    break
            else:
                sys.exit('no layout')
            w = forged // W
            n = min(W, nrecs - w * W)
            wk = hashlib.blake2b(b'jf reader cache window\0' + bytes(b[136:152]) + b'\2' +
                                 w.to_bytes(8, 'little'), digest_size=32, key=key).digest()
            at = recs_at + w * W * recsize
            b[wt_at + 16 * w:wt_at + 16 * w + 16] = poly1305(wk, bytes(b[at:at + n * recsize]))
            b[152:168] = poly1305(sk, bytes(b[wt_at:wt_at + 16 * nwin]))
        else:
            b[152:168] = poly1305(sk, bytes(b[recs_at:recs_at + nrecs * recsize]))
    body = bytes(b[:mac_at])
    b[mac_at:mac_at + 32] = hashlib.blake2b(b'jf reader cache v2\0' + body, digest_size=32, key=key).digest()
open(path, 'wb').write(b)
EOF
forge() { python3 "$T/forge.py" "$@" || exit 99; }
XDG_CACHE_HOME=$T/town-key
export XDG_CACHE_HOME
mkdir -p "$T/town-key" "$T/forger-key" || exit 99

# same DESC: the cached jf-balance prints what --no-cache prints
same() {
	jf-balance XB-017 >"$T/c.out" 2>&1; c=$?
	jf-balance --no-cache XB-017 >"$T/n.out" 2>&1; nc=$?
	t_same "$1: cached jf-balance equals --no-cache" "$T/n.out" "$T/c.out"
	t_ok "$1: same status ($nc)" [ "$c" -eq "$nc" ]
}

# the township's book, cloned by a village clerk
t_book town
g -C town init -q || exit 99
jf-adjust -C town -d 2026-11-01 -r 期初 XB-017 10 >/dev/null || exit 99
g -C town add -A && g -C town commit -qm 'the book' || exit 99
g clone -q town clerk || exit 99
jf-balance -C town >/dev/null || exit 99
t_ok "the township's reader wrote a cache" [ -n "$(ls town/.jf/cache)" ]

# the clerk (another machine: another key) forges his cache and commits it
XDG_CACHE_HOME=$T/forger-key jf-balance -C clerk >/dev/null || exit 99
differ() { ! cmp -s "$1" "$2"; }
t_ok "the clerk's key is not the township's" differ "$T/forger-key/jf/key" "$T/town-key/jf/key"
# (the cache files of the ledger files; the book record is 0821's)
for f in clerk/.jf/cache/*; do [ "${f##*/}" = book ] || forge "$f" 10000000 "$T/forger-key/jf/key"; done
XDG_CACHE_HOME=$T/forger-key run jf-balance -C clerk XB-017
t_ok "the forgery holds in the clerk's clone" grep -q 100010 "$T/out"
g -C clerk add -f .jf/cache && g -C clerk commit -qm 'cache' || exit 99
g -C town pull -q ../clerk main || exit 99
t_ok "the pull overwrote the township's cache" cmp -s "$(ls -d clerk/.jf/cache/* | head -n 1)" \
	"$(ls -d town/.jf/cache/* | head -n 1)"
cd town || exit 99
same "after pulling a forged cache"
run jf-balance XB-017
t_out "the balance is 10" <<'EOF'
household  head    village  earned  spent  balance
XB-017     司学霞  XB           10      0       10
EOF
t_refuse "jf-redeem cannot spend forged points" 1 jf-redeem XB-017 soap 1000 <<'EOF'
jf-redeem: balance short: XB-017 has 10, 1000 x soap costs 3000
EOF
same "once more (the cache was rebuilt)"

# a forged file dropped into .jf/cache by someone who is not this user
# (his own key; or the old checksum)
rm -rf .jf/cache
XDG_CACHE_HOME=$T/forger-key jf-balance >/dev/null || exit 99
for f in .jf/cache/*; do [ "${f##*/}" = book ] || forge "$f" 10000000 "$T/forger-key/jf/key"; done
same "a cache MAC'd under another key, dropped in"
run jf-redeem XB-017 soap 1000
t_rc 1 "... jf-redeem refuses"
for f in .jf/cache/*; do [ "${f##*/}" = book ] || forge "$f" 10000000 "$T/town-key/jf/key"; done
t_ok "with the township's key the forger's file would pass (the test is real)" \
	sh -c 'jf-balance XB-017 | grep -q 100010'
rm -rf .jf/cache && jf-balance >/dev/null || exit 99

# the key: private, made once, outside the book
t_ok "the key is outside the book, 32 bytes, mode 0600" \
	[ "$(stat -c '%s %a' "$T/town-key/jf/key")" = "32 600" ]
t_ok "... in a directory of mode 0700" [ "$(stat -c %a "$T/town-key/jf")" = 700 ]
t_ok "nothing under the book holds it" [ -z "$(find . -name key)" ]
chmod 644 "$T/town-key/jf/key" || exit 99
rm -rf .jf/cache
same "a key others may read"
t_ok "... is not used: no cache is written" [ -z "$(ls .jf/cache 2>/dev/null)" ]
chmod 600 "$T/town-key/jf/key" || exit 99
mkdir -p "$T/nohome"
HOME=$T/nohome XDG_CACHE_HOME= run jf-balance XB-017
t_rc 0 "without \$XDG_CACHE_HOME the key goes to ~/.cache/jf"
t_ok "... mode 0600" [ "$(stat -c '%s %a' "$T/nohome/.cache/jf/key")" = "32 600" ]

# temporary files of a killed cache writer are removed when the cache is
# next saved, once they are over a minute old
jf-balance >/dev/null || exit 99
for f in .jf/cache/*; do [ "${f##*/}" = book ] || c=$f; done
: >"$c.4242.tmp" && touch -d '2 minutes ago' "$c.4242.tmp" && : >"$c.4343.tmp" || exit 99
rm -f "$c"
jf-balance >/dev/null || exit 99
t_ok "an old .tmp in .jf/cache is removed on the next save" [ ! -e "$c.4242.tmp" ]
t_ok "... a young one (a live writer's) is kept" [ -e "$c.4343.tmp" ]
t_ok "... and the cache was saved" [ -e "$c" ]
