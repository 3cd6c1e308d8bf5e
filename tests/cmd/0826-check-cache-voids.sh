#!/bin/sh
# 0826-check-cache-voids.sh - jf-check answering from the cache holds one
# file's voids at a time (issue 14 item 4), not every file's: a book of 20
# files with 1,000 voids each (264 bytes a void in memory, 5 MB in all)
# costs the warm jf-check no more than the warm jf-balance, which never
# held them; and what it says is what --no-cache says.
. "$JF_TOP/tests/cmd/lib.sh"
command -v python3 >/dev/null 2>&1 || { t_skip "check cache voids" "python3 is not installed"; exit 0; }
t_book b; cd b || exit 99
mkdir -p ledger/2026 || exit 99
python3 - <<'PY' || exit 99
for f in range(20):
    with open(f'ledger/2026/F{f:02d}.yaml', 'w') as o:
        for i in range(1000):
            o.write(f"- id: T{f:02d}{i:04d}\n  date: 2026-11-01\n  kind: adjust\n"
                    f"  household: XB-017\n  points: 1\n  reason: 期初\n  by: baiyang\n"
                    f"- id: V{f:02d}{i:04d}\n  date: 2026-11-02\n  kind: void\n"
                    f"  ref: T{f:02d}{i:04d}\n  reason: 录错了\n  by: baiyang\n")
# one void read before its target, in another file (the late path)
with open('ledger/2026/F00.yaml', 'a') as o:
    o.write("- id: LATE1\n  date: 2026-11-03\n  kind: void\n  ref: Z1\n  reason: 重复\n  by: baiyang\n")
with open('ledger/2026/F19.yaml', 'a') as o:
    o.write("- id: Z1\n  date: 2026-11-01\n  kind: adjust\n  household: XB-018\n"
            "  points: 2\n  reason: 期初\n  by: baiyang\n")
PY
run jf-check --no-cache
t_rc 0 "20,000 voids: jf-check --no-cache exit 0"
cp "$T/out" "$T/out.nc"; cp "$T/err" "$T/err.nc"
run jf-check
t_rc 0 "jf-check (writes the caches) exit 0"
run jf-balance
t_rc 0 "jf-balance (writes the book record) exit 0"
run jf-check
t_rc 0 "warm jf-check exit 0"
t_ok "warm jf-check: stdout as --no-cache" cmp -s "$T/out" "$T/out.nc"
t_ok "warm jf-check: stderr as --no-cache" cmp -s "$T/err" "$T/err.nc"
run jf-balance --format tsv XB-017 XB-018
t_ok "every void took its points back, the late one too" \
	[ "$(grep -c '	0	0	0$' "$T/out")" -eq 2 ]
if [ -n "${JF_VALGRIND:-}${JF_SANITIZED:-}" ] || [ ! -x /usr/bin/time ]; then
	t_skip "check cache voids: memory" "no measuring under valgrind, sanitizers or without /usr/bin/time"
else
	/usr/bin/time -f '%M' -o "$T/tc" jf-check -q >/dev/null 2>&1
	/usr/bin/time -f '%M' -o "$T/tb" jf-balance >/dev/null 2>&1
	c=$(tail -n 1 "$T/tc") b=$(tail -n 1 "$T/tb")
	echo "# warm peak RSS: jf-check $c KB, jf-balance $b KB"
	# every file's voids at once would be 5.3 MB over jf-balance
	t_ok "warm jf-check within 2 MB of warm jf-balance" [ "$c" -lt $((b + 2048)) ]
fi
