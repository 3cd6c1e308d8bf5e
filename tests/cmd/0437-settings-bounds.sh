# The settings are bounded to a township's size: at most 1,000 villages,
# 10,000 activities, 10,000 goods and 100,000 households (the struct
# jf_effect numbers activities, goods and villages in 16 bits).  At the
# bound a book is read, and cheaply (the lists are read item by item, the
# strings kept in a few blocks); one more is refused at its FILE:LINE:COL;
# a register far past the bound is refused fast and small.
. "$JF_TOP/tests/cmd/lib.sh"
fresh() { cd "$T" && rm -rf b && t_book b && cd b || exit 99; }
# t_small DESC SECS KB CMD...: CMD takes under SECS s of CPU time (user +
# system: not the wall clock, which a loaded machine stretches) and KB of
# peak RSS;
# skipped without GNU time, under valgrind and in sanitized builds (whose
# quarantine of freed memory alone is 256 MB).
t_small() {
	td=$1 ls=$2 lk=$3; shift 3
	if [ -n "${JF_VALGRIND:-}${JF_SANITIZED:-}" ] || [ ! -x /usr/bin/time ]; then
		n=$((n + 1)); echo "ok $n - $td # SKIP no measure under valgrind, sanitizers or without /usr/bin/time"
		return
	fi
	/usr/bin/time -f '%U %S %M' -o "$T/time" "$@" >/dev/null 2>&1
	tail -n 1 "$T/time" >"$T/tm"
	read -r us ss kb <"$T/tm"
	secs=$(awk -v u="$us" -v s="$ss" 'BEGIN { print u + s }')
	echo "# $td: $secs s, $kb KB"
	t_ok "$td" awk -v s="$secs" -v k="$kb" -v ls="$ls" -v lk="$lk" 'BEGIN { exit !(s < ls && k < lk) }'
}
# households N: a register of N households XB-0000000... in village XB
households() {
	awk -v n="$1" 'BEGIN { print "households:"
		for (i = 0; i < n; i++) printf "  - {id: XB-%07d, head: 王建国, village: XB}\n", i }' >households.yaml
}

# households: 100,000 are read, cheaply; the last one is usable
fresh
households 100000
run jf-adjust XB-0099999 10 -r 期初
t_rc 0 "100000 households: the last one's adjustment is recorded"
run jf-balance XB-0099999 --format tsv
t_out "100000 households: its balance" <<'EOF'
household	head	village	earned	spent	balance
XB-0099999	王建国	XB	10	0	10
EOF
# before the register was read item by item: 87 MB and 0.4 s here
t_small "100000 households: jf-balance under 2 s and 32 MB" 2 32768 jf-balance XB-0099999
t_small "100000 households: jf-check under 2 s and 32 MB" 2 32768 jf-check
households 100001
t_invalid "100001 households" "households.yaml:100002:5: more than 100000 households (the most a township's book holds)"
# far past the bound (18 MB): refused at the bound, fast and small, where
# the whole tree took some 400 MB
households 500000
t_small "500000 households: refused under 2 s and 32 MB" 2 32768 jf-balance
run jf-balance
t_rc 3 "500000 households: exit 3"

# activities: 10,000 and the last is usable; 10,001 refused
fresh
acts() {
	awk -v n="$1" 'BEGIN { print "activities:"
		for (i = 0; i < n; i++) printf "  - {code: a%d, name: A, category: C, points: 1}\n", i }' >catalogue.yaml
}
acts 10000
run jf-add XB-017 a9999
t_rc 0 "10000 activities: the last one is recorded"
run jf-log XB-017 --format tsv
t_ok "10000 activities: the entry names the last one, not activity #0" grep -q '	a9999	' "$T/out"
run jf-report --week this --format json
t_ok "10000 activities: the report counts it under the last one" grep -q '"a9999"' "$T/out"
acts 10001
t_invalid "10001 activities" "catalogue.yaml:10002:5: more than 10000 activities (the most a township's book holds)"

# goods: 10,000 and the last is usable; 10,001 refused
fresh
goods() {
	{ echo "activities:"; echo "  - {code: a, name: A, category: C, points: 1}"; echo "goods:"
	  awk -v n="$1" 'BEGIN { for (i = 0; i < n; i++) printf "  - {code: g%d, name: G, unit: u, points: 1, stock: true}\n", i }'
	} >catalogue.yaml
}
goods 10000
t_setup jf-adjust XB-017 10 -r 期初
t_setup jf-restock XB g9999 5
run jf-redeem XB-017 g9999 2
t_rc 0 "10000 goods: the last one is redeemed"
t_noerr "10000 goods: nothing said"
run jf-void "$(lastid)" -r 退货
t_rc 0 "10000 goods: its void gives back the last one"
run jf-redeem XB-017 g9999 5
t_rc 0 "10000 goods: the stock of the last one is 5 again"
goods 10001
t_invalid "10001 goods" "catalogue.yaml:10004:5: more than 10000 goods (the most a township's book holds)"

# villages: 1,000 and the last is usable; 1,001 refused
fresh
vils() {
	{ printf 'township: 龙渠乡\ntimezone: Asia/Shanghai\nvillages:\n  - {code: XB, name: 下堡村}\n  - {code: LQ, name: 龙渠村}\n'
	  awk -v n="$1" 'BEGIN { for (i = 2; i < n; i++) printf "  - {code: V%d, name: V}\n", i }'
	} >jf.yaml
	printf '  - {id: V-1, head: H, village: V%d}\n' $(($1 - 1)) >>households.yaml
}
vils 1000
run jf-adjust V-1 10 -r 期初
t_rc 0 "1000 villages: a household of the last one"
t_ok "1000 villages: its ledger is the last village's" [ -f ledger/2026/V999.yaml ]
run jf-balance --village V999 --format tsv
t_out "1000 villages: its balance, by the last village" <<'EOF'
household	head	village	earned	spent	balance
V-1	H	V999	10	0	10
EOF
fresh
vils 1001
t_invalid "1001 villages" "jf.yaml:1004:5: more than 1000 villages (the most a township's book holds)"

# blocks of settings outside the lists (notice:, review:, ...) are read
# whole, at most 10,000 values in a file: 10,001 refused before they cost
# memory
fresh
{ cat jf.yaml; printf 'x-extra:\n'; awk 'BEGIN { for (i = 0; i < 9000; i++) printf "  - %d\n", i }'; } >jf.yaml.new
mv jf.yaml.new jf.yaml
run jf-balance XB-017
t_rc 0 "9,000 values outside the lists: read"
fresh
{ cat jf.yaml; printf 'x-extra:\n'; awk 'BEGIN { for (i = 0; i < 10000; i++) printf "  - %d\n", i }'; } >jf.yaml.new
mv jf.yaml.new jf.yaml
t_invalid "10,001 values outside the lists" "jf.yaml:10004:5: the settings outside the lists are too large (more than 10000 values)"
