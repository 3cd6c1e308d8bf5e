#!/bin/sh
# Short reads (a network file system's read(2) may return fewer bytes than
# asked for): a ledger file that the reader first reads as libyaml's tokens
# and then again with libyaml's parser (yread.c: here an entry's nested
# value at the very end of the file) reads the same however short the reads
# are, with and without the cache, whole and as a tail after a cached part;
# in particular, its bytes read again are not taken for a file that changed
# while it was read.  The failpoint build's short-reads point
# (failpoint.h) gives every read about 100 bytes.
. "$JF_TOP/tests/cmd/lib.sh"
t_failpoints

t_book b; cd b || exit 99
mkdir -p ledger/2026
L=ledger/2026/XB.yaml
i=100
while [ $i -lt 400 ]; do
	t_entry "01JDZ3K4M5N6P7Q8R9S0T1U$i" earn 'household: XB-017' 'activity: litter' 'qty: 1' 'points: -5'
	i=$((i + 1))
done >$L
t_setup jf-check -q

# short_same DESC CMD ARG...: CMD's output and status, and the failpoint
# build's with short reads (reading the cache the first left): the same
short_same() {
	_sd=$1; shift
	"$@" >"$T/sa" 2>&1; _a=$?
	_c=$1; shift
	JF_FAILPOINT=short-reads=on "$FP/$_c" "$@" >"$T/sb" 2>&1; _b=$?
	t_same "$_sd: $_c $* with short reads prints the same" "$T/sa" "$T/sb"
	t_ok "$_sd: $_c $*: the same status ($_a)" [ "$_a" -eq "$_b" ]
}

# the last entry's value nested: the reader starts the file again
cat >>$L <<'EOF'
- id: 01JDZ3K4M5N6P7Q8R9S0T1U999
  date: 2026-11-20
  kind: earn
  household: XB-017
  activity: litter
  qty: 1
  points: -5
  x-e: {a: 1}
  by: baiyang
EOF
rm -rf .jf
run jf-check
t_rc 3 "the nested value is refused"
t_errhas "... at its line" "XB.yaml:2408:8: nesting inside an entry is not allowed"
for c in jf-check jf-balance; do
	rm -rf .jf
	short_same "whole file, no cache yet" $c
	short_same "whole file, cached" $c
	short_same "whole file" $c --no-cache
done

# a clean file, cached, then a tail that makes the reader start again
head -n 2400 $L >"$T/clean" && cp "$T/clean" $L
rm -rf .jf
t_setup jf-check -q
short_same "clean, cached" jf-balance XB-017
sed -n '2393,2400p' "$T/clean" | sed 's/U399/U998/; s/^  by:/  x-e: {a: 1}\n  by:/' >>$L
t_ok "the tail appended" grep -q 'U998' $L
short_same "a tail after the cached part" jf-check
short_same "a tail after the cached part" jf-balance XB-017
