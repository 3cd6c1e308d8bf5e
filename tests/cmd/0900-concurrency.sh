#!/bin/sh
# Concurrent writers: the lock makes check-then-append atomic, so exactly
# as many redemptions succeed as the balance covers, and racing adds all land.
. "$JF_TOP/tests/cmd/lib.sh"

# t_eq DESC WANT GOT: the strings are equal.
t_eq() { [ "$3" = "$2" ] || echo "# want '$2', got '$3'"; t_ok "$1" [ "$3" = "$2" ]; }

mkdir b && cd b || exit 99
cat >jf.yaml <<'Y'
township: 龙渠乡
timezone: Asia/Shanghai
villages:
  - {code: XB, name: 下堡村}
Y
cat >catalogue.yaml <<'Y'
activities:
  - {code: sweep, name: 清扫, category: 环卫整治, points: 1}
goods:
  - {code: soap, name: 香皂, unit: 块, points: 10}
Y
cat >households.yaml <<'Y'
households:
  - {id: XB-001, head: 司学霞, village: XB}
  - {id: XB-002, head: 王建国, village: XB}
Y
t_setup jf-adjust -r opening XB-001 70

# 24 redemptions of 10 points at once against a balance of 70: exactly 7 win
i=0
while [ $i -lt 24 ]; do
	( jf-redeem --wait 600 XB-001 soap >/dev/null 2>"$T/err.$i"; echo $? >"$T/rc.$i" ) &
	i=$((i + 1))
done
wait
t_eq "exactly 7 of 24 concurrent redemptions succeed" 7 "$(cat "$T"/rc.* | grep -c '^0$')"
t_eq "the other 17 are refused with status 1" 17 "$(cat "$T"/rc.* | grep -c '^1$')"
t_eq "each refusal says the balance is short" 17 "$(cat "$T"/err.* | grep -c 'balance short')"
t_eq "balance is exactly 0 afterwards" "$(printf 'XB-001\t司学霞\tXB\t70\t70\t0')" \
	"$(jf-balance --format tsv XB-001 | tail -n 1)"
t_ok "the book is valid after the redemption race" jf-check -q

# 120 adds at once: every one lands, intact
rm -f "$T"/rc.* "$T"/err.*
i=0
while [ $i -lt 120 ]; do
	( jf-add --wait 600 XB-002 sweep >/dev/null 2>"$T/err.$i"; echo $? >"$T/rc.$i" ) &
	i=$((i + 1))
done
wait
t_eq "all 120 concurrent adds succeed" 120 "$(cat "$T"/rc.* | grep -c '^0$')"
t_eq "120 entries for XB-002 in the ledger" 120 "$(grep -c 'household: XB-002' ledger/2026/XB.yaml)"
t_eq "128 entries in all (1 + 7 + 120)" 128 "$(grep -c '^- id: ' ledger/2026/XB.yaml)"
t_ok "the book is valid after the add race" jf-check -q
t_eq "XB-002 has 120 points" "$(printf 'XB-002\t王建国\tXB\t120\t0\t120')" \
	"$(jf-balance --format tsv XB-002 | tail -n 1)"
