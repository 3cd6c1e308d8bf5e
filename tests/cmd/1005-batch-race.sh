#!/bin/sh
# 1005-batch-race.sh - two imports of one sheet at the same moment: the
# second is asked "already imported?" under the writers' lock, after the
# first has appended, so exactly one gets in.  The held writer comes from
# the failpoint build (make FAILPOINTS=1): $JF_FP_BIN, else built here.
JF_FP_BIN=$(cd "${JF_FP_BIN:-/nonexistent}" 2>/dev/null && pwd)
. "$JF_TOP/tests/cmd/lib.sh"

if [ ! -x "$JF_FP_BIN/jf-add" ]; then
	fpo=build${SANITIZE:+-san}-fp
	(unset MAKEFLAGS MFLAGS MAKELEVEL; make -C "$JF_TOP" FAILPOINTS=1 O="$fpo" all) >"$T/make" 2>&1 ||
		{ echo "Bail out! cannot build the failpoint flavour"; sed 's/^/# /' "$T/make"; exit 99; }
	JF_FP_BIN=$JF_TOP/$fpo/bin
fi
FP=$(cd "$JF_FP_BIN" && pwd) || exit 99
L=ledger/2026/XB.yaml
stopped() {
	i=0
	until [ "$(cut -d' ' -f3 "/proc/$1/stat" 2>/dev/null)" = T ] || [ $i -ge 100 ]; do
		sleep 0.1; i=$((i + 1))
	done
	[ "$(cut -d' ' -f3 "/proc/$1/stat" 2>/dev/null)" = T ]
}

t_book b; cd b || exit 99
t_setup jf-adjust -r 期初 XB-017 3
printf 'household,activity,qty\nXB-017,litter,1\nXB-017,sort-waste,1\n' >sheet.csv
t_save .

# the first import has checked and read the book, and holds the lock
JF_FAILPOINT=after-scan=stop "$FP/jf-add" --batch sheet.csv >"$T/a.out" 2>"$T/a.err" &
a=$!
t_ok "a batch stopped holding the lock" stopped "$a"
jf-add --wait 10 --batch sheet.csv >"$T/b.out" 2>"$T/b.err" &
b=$!
sleep 1
t_ok "the second import waits for the lock" kill -0 "$b"
kill -CONT "$a"
wait "$a"; ra=$?
wait "$b"; rb=$?
t_ok "the first import succeeds" [ "$ra" -eq 0 ]
t_ok "the second is refused (exit $rb)" [ "$rb" -eq 1 ]
sed 's/^/# /' "$T/b.err"
t_ok "... as imported already" grep -q "was imported already" "$T/b.err"
t_ok "the sheet's two rows are in the ledger once" [ "$(grep -c '^  sheet: ' $L)" -eq 2 ]
