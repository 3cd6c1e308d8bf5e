#!/bin/sh
# Concurrent writers: the lock makes check-then-append atomic, so exactly
# as many redemptions succeed as the balance covers, and racing adds all land.
PATH=$JF_BIN:$PATH
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
n=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
nok() { n=$((n + 1)); echo "not ok $n - $1"; }
check() { if [ "$1" = "$2" ]; then ok "$3"; else nok "$3 (want '$2', got '$1')"; fi; }

cd "$T" || exit 1
cat > jf.yaml <<'Y'
township: 龙渠乡
timezone: Asia/Shanghai
villages:
  - {code: XB, name: 下堡村}
Y
cat > catalogue.yaml <<'Y'
activities:
  - {code: sweep, name: 清扫, category: 环卫整治, points: 1}
goods:
  - {code: soap, name: 香皂, unit: 块, points: 10}
Y
cat > households.yaml <<'Y'
households:
  - {id: XB-001, head: 司学霞, village: XB}
  - {id: XB-002, head: 王建国, village: XB}
Y
export JF_OPERATOR=test JF_NOW=2026-11-28T10:00:00+08:00

jf-adjust -r opening XB-001 70 >/dev/null || nok "opening balance"

# 24 redemptions of 10 points at once against a balance of 70: exactly 7 win
i=0
while [ $i -lt 24 ]; do
	( jf-redeem --wait 120 XB-001 soap >/dev/null 2>"err.$i"; echo $? > "rc.$i" ) &
	i=$((i + 1))
done
wait
wins=$(cat rc.* | grep -c '^0$')
loses=$(cat rc.* | grep -c '^1$')
check "$wins" 7 "exactly 7 of 24 concurrent redemptions succeed"
check "$loses" 17 "the other 17 are refused with status 1"
check "$(cat err.* | grep -c 'balance short')" 17 "each refusal says the balance is short"
out=$(jf-balance --format tsv XB-001)
check "$(echo "$out" | tail -n 1)" "$(printf 'XB-001\t司学霞\tXB\t70\t70\t0')" "balance is exactly 0 afterwards"
jf-check -q && ok "the book is valid after the redemption race" || nok "book valid after redemption race"

# 120 adds at once: every one lands, intact
rm -f rc.* err.*
i=0
while [ $i -lt 120 ]; do
	( jf-add --wait 120 XB-002 sweep >/dev/null 2>"err.$i"; echo $? > "rc.$i" ) &
	i=$((i + 1))
done
wait
check "$(cat rc.* | grep -c '^0$')" 120 "all 120 concurrent adds succeed"
check "$(grep -c 'household: XB-002' ledger/2026/XB.yaml)" 120 "120 entries for XB-002 in the ledger"
check "$(grep -c '^- id: ' ledger/2026/XB.yaml)" 128 "128 entries in all (1 + 7 + 120)"
jf-check -q && ok "the book is valid after the add race" || nok "book valid after add race"
check "$(jf-balance --format tsv XB-002 | tail -n 1)" "$(printf 'XB-002\t王建国\tXB\t120\t0\t120')" "XB-002 has 120 points"
