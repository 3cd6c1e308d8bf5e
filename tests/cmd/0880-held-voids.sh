#!/bin/sh
# 0880-held-voids.sh - voids read before their targets are held back as
# records and positions, not texts (issue 9 item 13): 400 voids with a
# 60 KB reason each, in a file read before their targets', cost jf-check
# no more memory than the book without them would; readers that show
# reasons (jf-log) get them, read again from the file.
. "$JF_TOP/tests/cmd/lib.sh"
command -v python3 >/dev/null 2>&1 || { t_skip "held voids" "python3 is not installed"; exit 0; }
t_book b; cd b || exit 99
mkdir -p ledger/2026 || exit 99
python3 - <<'PY' || exit 99
n = 400
with open('ledger/2026/XB.yaml', 'w') as f:
    for i in range(n):
        f.write(f"- id: T{i:05d}\n  date: 2026-11-01\n  kind: adjust\n  household: XB-017\n"
                f"  points: 1\n  reason: 期初\n  by: baiyang\n")
with open('ledger/2026/A-appeals.yaml', 'w') as f:
    for i in range(n):
        # a flow entry, a dash alone on its line, and the usual form
        if i == 1:
            f.write(f"- {{id: V{i:05d}, date: 2026-11-02, kind: void, ref: T{i:05d}, "
                    f"reason: 'flow {i}', by: baiyang}}\n")
        elif i == 2:
            f.write(f"-\n  # a comment\n  id: V{i:05d}\n  date: 2026-11-02\n  kind: void\n"
                    f"  ref: T{i:05d}\n  reason: 'dash {i}'\n  by: baiyang\n")
        else:
            f.write(f"- id: V{i:05d}\n  date: 2026-11-02\n  kind: void\n  ref: T{i:05d}\n"
                    f"  reason: r{i}-{'x' * 60000}\n  note: n{i}\n  by: baiyang\n")
PY
run jf-check -q
t_rc 0 "400 held voids: jf-check exit 0"
if [ -n "${JF_VALGRIND:-}${JF_SANITIZED:-}" ] || [ ! -x /usr/bin/time ]; then
	# a sanitizer's quarantine of freed memory alone is 256 MB
	t_skip "held voids: jf-check memory" "no measuring under valgrind, sanitizers or without /usr/bin/time"
else
	/usr/bin/time -f '%M' -o "$T/time" jf-check -q >/dev/null 2>&1
	kb=$(tail -n 1 "$T/time")
	echo "# jf-check peak RSS: $kb KB over $(du -k ledger | tail -n 1 | cut -f1) KB of ledger"
	t_ok "held voids: jf-check under 16 MB (held texts would take 24)" [ "$kb" -lt 16384 ]
fi
run jf-log --format tsv XB-017
t_rc 0 "jf-log exit 0"
t_ok "jf-log: every held void listed" [ "$(grep -c '	void	' "$T/out")" -eq 400 ]
t_ok "jf-log: a held void's reason, read again" \
	grep -q "	V00007	r7-xxxxxxxxxx" "$T/out"
t_ok "jf-log: the whole reason" [ "$(grep '	V00399	' "$T/out" | wc -c)" -gt 60000 ]
t_ok "jf-log: a flow entry's reason" grep -q "	V00001	flow 1\$" "$T/out"
t_ok "jf-log: an entry whose dash is alone on its line: its note" \
	grep -q "	V00002	dash 2\$" "$T/out"
run jf-balance --no-cache XB-017
t_ok "the voids took every point back" grep -q "^XB-017 .* 0\$" "$T/out"
