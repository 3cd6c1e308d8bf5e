#!/bin/sh
# 0817-cache-parts.sh - the parts of a cache file after its MAC (the
# sorted keys, the records, the places: read one ledger file at a time,
# issue 14) each have their tag in the MAC'd head: a cache file whose part
# was changed, whose part comes from another cache file, or whose keys
# are not its records' is ignored, and the next good read rebuilds it;
# jf-balance, jf-log and jf-check print what --no-cache prints.
. "$JF_TOP/tests/cmd/lib.sh"
command -v python3 >/dev/null 2>&1 || { n=$((n + 1)); echo "ok $n - # SKIP python3 is not installed"; exit 0; }
XDG_CACHE_HOME=$T/key
export XDG_CACHE_HOME
t_book b; cd b || exit 99

# damage PART: flip a byte in that part of every cache file (keys, recs,
# pos: the last three parts, 16, 48 and 16 bytes a record), or (swap)
# put the records of one cache file in place of another's of as many
cat >"$T/damage.py" <<'EOF'
import os, struct, sys
part, files = sys.argv[1], sys.argv[2:]
def parts(b):
    nrecs, = struct.unpack_from('<Q', b, 112)
    recsize, = struct.unpack_from('<I', b, 12)
    pos = len(b) - nrecs * 16
    recs = pos - nrecs * recsize
    keys = recs - nrecs * 16
    return nrecs, {'keys': keys, 'recs': recs, 'pos': pos}
if part == 'swap':
    bs = [bytearray(open(f, 'rb').read()) for f in files]
    (n0, p0), (n1, p1) = parts(bs[0]), parts(bs[1])
    k = min(n0, n1)
    bs[0][p0['recs']:p0['recs'] + 48 * k] = bs[1][p1['recs']:p1['recs'] + 48 * k]
    open(files[0], 'wb').write(bs[0])
    sys.exit(0)
for f in files:
    b = bytearray(open(f, 'rb').read())
    nrecs, p = parts(b)
    if nrecs:
        b[p[part] + 1] ^= 0x40
    open(f, 'wb').write(b)
EOF
damage() { python3 "$T/damage.py" "$@" .jf/cache/* || exit 99; }

# same DESC: the cached commands print what --no-cache prints
same() {
	for c in "jf-balance" "jf-log XB-017" "jf-check -q"; do
		# shellcheck disable=SC2086 # a command and its arguments
		$c >"$T/c.out" 2>&1; rc=$?
		# shellcheck disable=SC2086
		$c --no-cache >"$T/n.out" 2>&1; nrc=$?
		t_same "$1: $c equals --no-cache" "$T/n.out" "$T/c.out"
		t_ok "$1: $c: same status ($nrc)" [ "$rc" -eq "$nrc" ]
	done
}
# trusted: the cache is as the last good read wrote it (jf-balance
# replays every record, reading no ledger byte)
sums() { cksum .jf/cache/* | sort; }

t_setup jf-adjust -d 2025-12-01 -r 期初 XB-017 10
A=$(lastid ledger/2025/XB.yaml)
t_setup jf-adjust -d 2025-12-02 -r 期初 XB-018 7
t_setup jf-add -d 2026-11-02 -n 扫了院子 XB-017 clean-yard
t_setup jf-void -d 2026-11-20 -r 记错 "$A"
t_setup jf-adjust -d 2026-11-21 -r 补 XB-017 5
t_setup jf-balance
same "cached"
for part in keys recs pos swap; do
	damage "$part"
	before=$(sums)
	same "$part damaged"
	jf-balance >/dev/null 2>&1
	t_ok "$part damaged: the cache files were written again" [ "$(sums)" != "$before" ]
	after=$(sums)
	same "$part damaged, rebuilt"
	t_ok "$part damaged: rebuilt, they stay" [ "$(sums)" = "$after" ]
done
