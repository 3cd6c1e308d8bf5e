# jf-report streams: over a 50,000-entry ledger it needs no more memory than
# jf-balance --no-cache (which keeps one account per household) and reads the ledger
# once; its own memory does not grow with the entries.
. "$JF_TOP/tests/cmd/lib.sh"
if [ ! -x /usr/bin/time ]; then
	n=$((n + 1)); echo "ok $n - # SKIP /usr/bin/time is not installed"
	exit 0
fi
t_book b; cd b || exit 99
mkdir -p ledger/2026
# gen N FILE: N earn entries spread over 2026-01..10, with a void and an
# adjustment every 1000 entries
gen() {
	awk -v n="$1" 'BEGIN {
		split("XB-017 XB-018 LQ-003", H, " ")
		for (i = 0; i < n; i++) {
			d = sprintf("2026-%02d-%02d", 1 + int(i / 28) % 10, 1 + i % 28)
			printf("- id: E%08d\n  date: %s\n  kind: earn\n  household: %s\n  activity: sort-waste\n  qty: 1\n  points: 0.5\n  by: gen\n", i, d, H[1 + i % 3])
			if (i % 1000 == 999) {
				printf("- id: V%08d\n  date: %s\n  kind: void\n  ref: E%08d\n  reason: test\n  by: gen\n", i, d, i)
				printf("- id: A%08d\n  date: %s\n  kind: adjust\n  household: XB-017\n  points: 1\n  reason: test\n  by: gen\n", i, d)
			}
		}
	}' >"$2"
}
rss() { # CMD...: the maximum resident set size in KB
	/usr/bin/time -f %M -o "$T/rss" "$@" >/dev/null 2>"$T/err" || echo "# $* failed: $(cat "$T/err")"
	cat "$T/rss"
}
gen 5000 ledger/2026/all.yaml
small_b=$(rss jf-balance --no-cache) small_r=$(rss jf-report --no-cache --month 2026-05 --format html)
gen 50000 ledger/2026/all.yaml
big_b=$(rss jf-balance --no-cache) big_r=$(rss jf-report --no-cache --month 2026-05 --format html)
echo "# rss KB: 5k entries balance $small_b report $small_r; 50k entries balance $big_b report $big_r"
run jf-report --month 2026-05 --format csv
t_rc 0 "50,000 entries: exit 0"
t_ok "50,000 entries: the month's entries are counted" \
	grep -q '^2026-05-01,2026-05-31,totals,,,,,5026,,2502.5,0,7,0,,3,' "$T/out"
# the report's growth from 5k to 50k entries is the reader's (jf-balance's), plus 2 MB
t_ok "memory grows with the ledger no more than jf-balance's" \
	[ $((big_r - small_r)) -le $((big_b - small_b + 2048)) ]
t_ok "memory no more than jf-balance's plus 2 MB" [ "$big_r" -le $((big_b + 2048)) ]
