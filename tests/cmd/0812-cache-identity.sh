#!/bin/sh
# 0812-cache-identity.sh - the reader cache (BOOK/.jf/cache) never changes
# an answer (issue 14, "Done means").  Every reader, in its formats and
# periods, prints the same stdout and stderr and exits the same with no
# cache at all (no key), with the cache a state left (stale after a hand
# edit, damaged, foreign), with --no-cache (which leaves it alone), after
# 'rm -rf .jf/cache', with the cache that run made, and warm.  Every
# writer prints the same (--dry-run, refusals) and writes the same ledger
# bytes (three copies of the book) with and without the cache.
# The book: voids (of an earn, a redeem, a restock, a take, a counting
# reviewed entry; one in a file read before its target's), back-dated
# entries, seven files, every section-4 kind (reviewed earns pending,
# objected, on notice, counting, rejected, voided; approve, object,
# reject; wishes posted, taken, done, dropped, merged takes, a voided
# take; serve; transfer; expire receipts and computed year-end expiry
# across 2026/2027).  The states: appended by hand (a pull), hand edits
# keeping size and mtime (one file; four files; follow-ups and their
# targets), cut-short tails, caches cut short, emptied, corrupt, of
# another version (MAC made again), from clones, under another user's
# key, renamed, stray, not a directory, made on another day or in another
# language, settings changed (volunteers reordered too).
# A difference is a bug: the failing line names the state and command,
# and the diff of both outputs follows it.
. "$JF_TOP/tests/cmd/lib.sh"
. "$JF_TOP/tests/cmd/wish-book.sh"
# this user's cache key, private to the test
XDG_CACHE_HOME=$T/key
export XDG_CACHE_HOME
X7=ledger/2027/XB.yaml

# ---- the book ----
wish_book b
cat >>jf.yaml <<'EOF'
review:
  reviewers: [sixuexia, baiyang, shijuhua]
  approvals: 2
  notice_days: 3
expiry: {every: year-end}
stars:
  base: 10
  veto: [litter]
  levels:
    - {stars: 3, min: 12}
    - {stars: 4, min: 20}
EOF
sed -i 's|    limit: 1/week|    limit: 1/week\n    review: true|' catalogue.yaml
# at DAY CMD...: CMD run on DAY (noon in the book's zone), kept as a setup
at() { d=$1; shift; JF_NOW=${d}T12:00:00+08:00 t_setup "$@"; }
# 2025, its points expired at the year end; a receipt of that, back-dated
# entries of 2025 recorded after it
at 2025-03-01 jf-adjust -r 期初 XB-017 40
at 2025-03-01 jf-adjust -r 期初 LQ-003 12
at 2025-06-01 jf-add LQ-003 sort-waste 4
at 2025-07-01 jf-redeem XB-017 soap 2
Y5=$(lastid ledger/2025/XB.yaml)
at 2026-01-05 jf-expire
at 2026-01-06 jf-add -d 2025-12-30 XB-018 sort-waste 2
at 2026-03-01 jf-adjust -r 期初 XB-020 10
at 2026-03-01 jf-adjust -r 期初 XB-017 60
at 2026-03-01 jf-adjust -r 期初 XB-018 30
at 2026-10-01 jf-restock XB washing-powder 20
at 2026-10-02 jf-redeem XB-017 washing-powder 2
RD=$(lastid)
at 2026-10-03 jf-restock XB washing-powder 4
RS=$(lastid)
at 2026-10-04 jf-add XB-018 litter
LT=$(lastid)
at 2026-10-05 jf-add -d 2026-09-20 LQ-003 harvest-help
at 2026-10-09 jf-void -r 退货 "$RD"
at 2026-10-09 jf-void -r 点错 "$RS"
at 2026-10-10 jf-void -d 2026-10-08 -r 申诉 "$LT"
# a void kept in a file read before its target's, by hand
t_entry 01JW0000000000000000APPEAL void "ref: $Y5" "reason: 申诉成立" >ledger/0-appeals.yaml
# reviewed earns in every state (JF_NOW at the end: 2027-01-06)
at 2026-11-30 jf-add XB-017 clean-yard                  # counting, then voided
RV=$(lastid)
at 2026-12-01 jf-review approve --reviewer sixuexia --reviewer shijuhua "$RV"
at 2026-12-07 jf-add XB-018 clean-yard                  # voided while pending
R5=$(lastid)
at 2026-12-08 jf-void -r 重复 "$R5"
at 2026-12-10 jf-void -r 查无此事 "$RV"
at 2026-12-14 jf-add XB-017 clean-yard                  # rejected
R4=$(lastid)
at 2026-12-15 jf-review reject --reviewer shijuhua -r 不属实 "$R4"
at 2026-12-20 jf-add LQ-003 clean-yard                  # counting from 12-24
R3=$(lastid ledger/2026/LQ.yaml)
at 2026-12-21 jf-review approve --reviewer sixuexia --reviewer shijuhua "$R3"
at 2027-01-02 jf-add LQ-003 clean-yard                  # objected: pending again
R6=$(lastid ledger/2027/LQ.yaml)
at 2027-01-03 jf-review approve --reviewer sixuexia "$R6"
at 2027-01-04 jf-review object -n 村民李四 -r 没打扫 "$R6"
at 2027-01-03 jf-add XB-018 clean-yard                  # on notice 01-05..01-07
R2=$(lastid $X7)
at 2027-01-05 jf-review approve --reviewer sixuexia --reviewer shijuhua "$R2"
at 2027-01-04 jf-add XB-017 clean-yard                  # pending, one approval
R1=$(lastid $X7)
at 2027-01-05 jf-review approve --reviewer sixuexia "$R1"
# wishes and service by the writers, transfers (one out of a closed account)
at 2026-12-05 jf-wish post --service repair XB-018 修收音机
WP=$(lastid)
at 2026-12-06 jf-wish take --team xb-care "$WP"
at 2026-12-07 jf-wish "done" --serve V001:2 "$WP"
at 2026-12-09 jf-serve --activity sort-waste V001 3
at 2026-12-09 jf-serve V003 1.5
at 2026-12-11 jf-wish post XB-017 扫雪
WD=$(lastid)
at 2026-12-12 jf-wish drop -r 雪化了 "$WD"
at 2026-12-02 jf-transfer -r 分户 XB-017 XB-021 15
at 2026-12-03 jf-transfer -r 迁出 XB-020 XB-018 10
at 2027-01-05 jf-add XB-018 sort-waste 2
export JF_NOW=2027-01-06T12:00:00+08:00
t_setup jf-check

# ---- the comparison ----
# New ids (of --dry-run and of writers) take their time from JF_NOW and
# are random after it: they read NEWID in what is compared.
# now DATETIME: JF_NOW and the time part of the ids made then
now() {
	JF_NOW=$1
	NOWID=$(jf-adjust --dry-run -r x XB-017 1 | grep -o '01[0-9A-HJKMNP-TV-Z]\{24\}' | cut -c1-10)
	[ -n "$NOWID" ] || { echo "Bail out! no id in jf-adjust --dry-run"; exit 99; }
}
now "$JF_NOW"
norm() { sed "s/${NOWID}[0-9A-HJKMNP-TV-Z]\{16\}/NEWID/g" "$1"; }
# go MODE CMD...: run CMD in the book into $T/m/MODE/{out,err,rc}
mkdir -p "$T/m/ref" "$T/m/asis" "$T/m/cold" "$T/m/self" "$T/m/warm" "$T/m/nc" || exit 99
go() {
	_o=$T/m/$1; shift
	"$@" >"$_o/out" 2>"$_o/err"; echo $? >"$_o/rc"
}
# nocache CMD...: CMD with --no-cache after its name (and subcommand)
nocache() {
	case $1 in jf-review | jf-wish) _c="$1 $2"; shift 2 ;; *) _c=$1; shift ;; esac
	# shellcheck disable=SC2086
	$_c --no-cache "$@"
}
# has_nocache CMD: CMD takes --no-cache (jf-log and jf-report may not yet)
nc_cmds=
for c in jf-balance jf-check jf-review jf-wish jf-log jf-report jf-expire jf-add jf-redeem \
	jf-adjust jf-restock jf-void jf-serve jf-transfer; do
	"$c" --help 2>&1 | grep -q -- --no-cache && nc_cmds="$nc_cmds $c "
done
has_nocache() { case $nc_cmds in *" $1 "*) return 0 ;; esac; return 1; }
# keep NAME: the cache as it is now, kept as NAME (restore NAME puts it back)
keep() { rm -rf "$T/$1"; [ ! -e .jf/cache ] || cp -a .jf/cache "$T/$1" || exit 99; }
restore() { rm -rf .jf/cache; [ ! -e "$T/$1" ] || cp -a "$T/$1" .jf/cache || exit 99; }
# state: the cache as it is now is the one the next checks find ("as
# is": made stale by an edit, damaged, foreign); and an exact cache for
# the book as it is now is made and kept ("warm")
state() {
	keep snap
	rm -rf .jf/cache; jf-balance >/dev/null 2>&1; keep exact
}
# differs A B: modes A's and B's stdout, stderr and status differ, new
# ids aside (then shown)
differs() {
	diff -r -q "$T/m/$1" "$T/m/$2" >/dev/null && return 1
	for _s in out err rc; do
		norm "$T/m/$1/$_s" >"$T/m/$1.$_s" && norm "$T/m/$2/$_s" >"$T/m/$2.$_s" || exit 99
	done
	cmp -s "$T/m/$1.out" "$T/m/$2.out" && cmp -s "$T/m/$1.err" "$T/m/$2.err" &&
		cmp -s "$T/m/$1.rc" "$T/m/$2.rc" && return 1
	echo "# $2 differs from $1 (exit $(cat "$T/m/$1/rc") and $(cat "$T/m/$2/rc")):"
	for _s in out err; do diff -u "$T/m/$1.$_s" "$T/m/$2.$_s" | sed "s/^/#  $_s /"; done
	return 0
}
# same DESC CMD...: CMD prints and exits the same with no cache at all
# (no key: nothing is loaded or saved), with the cache "as is" (stale,
# damaged or foreign as the state made it), with --no-cache (which must
# leave the cache alone), after 'rm -rf .jf/cache' (cold), with the cache
# that cold run made, and warm (an exact cache jf-balance made); one test
# per command.
same() {
	_d=$1; shift; _bad= _cmd="$*" _modes="asis cold self warm"
	restore snap
	XDG_CACHE_HOME=$T/nokey/none go ref "$@"
	_m="as is, cold, its own cache, warm"
	if has_nocache "$1"; then
		go nc nocache "$@"
		if [ -e "$T/snap" ] && ! diff -r "$T/snap" .jf/cache >/dev/null 2>&1; then
			echo "# --no-cache changed the cache"; _bad=1
		fi
		_m="$_m, --no-cache" _modes="nc $_modes"
	fi
	go asis "$@"
	rm -rf .jf/cache; go cold "$@"
	go self "$@"
	restore exact; go warm "$@"
	# one checksum run for all (differs looks closer where they differ)
	_args=
	for _w in ref $_modes; do _args="$_args $T/m/$_w/out $T/m/$_w/err $T/m/$_w/rc"; done
	# shellcheck disable=SC2086
	set -- $(md5sum $_args) || exit 99
	_ref=$1$3$5; shift 6
	for _w in $_modes; do
		[ "$1$3$5" = "$_ref" ] || ! differs ref $_w || _bad=1
		shift 6
	done
	n=$((n + 1)); read -r _rc <"$T/m/ref/rc"
	if [ -z "$_bad" ]; then echo "ok $n - $_d: $_cmd ($_m, no key: exit $_rc)"
	else echo "not ok $n - $_d: $_cmd ($_m, no key)"; nfail=$((nfail + 1)); fi
}
# readers DESC: every reader in every format it has, and in every period
# option (in text, and some in json), by same
readers() {
	for f in text tsv csv json; do same "$1" jf-balance --format $f; done
	for p in "--as-of 2026-12-31" "--as-of 2026-06-30" "--week last" "--week 2026-W51" \
		"--month last" "--month 2026-12" "--quarter 2026-Q4" "--quarter this" \
		"--year 2025" "--year this" "--village XB" "XB-017 LQ-003 XB-021"; do
		# shellcheck disable=SC2086
		same "$1" jf-balance $p
	done
	same "$1" jf-balance --format json --as-of 2026-12-31
	same "$1" jf-balance --format csv --bom --year 2025
	same "$1" jf-balance --format tsv --encoding gb18030 --month 2026-12
	same "$1" jf-check
	same "$1" jf-check -q
	for f in text tsv csv json html; do
		same "$1" jf-review list --format $f
		same "$1" jf-wish list --all --format $f
		same "$1" jf-log --format $f XB-017
		same "$1" jf-log --volunteer V001 --format $f
	done
	same "$1" jf-review list --as-of 2027-01-04 --village LQ
	same "$1" jf-review list --as-of 2026-12-22
	same "$1" jf-wish list
	same "$1" jf-wish list --all --as-of 2026-12-06 --village XB
	for h in XB-018 LQ-003 XB-020 XB-021; do same "$1" jf-log $h; done
	for p in "--from 2026-12-01 --to 2026-12-31" "--week last" "--month 2026-12" "--quarter 2026-Q4" \
		"--year 2026" "--as-of 2026-12-31"; do
		# shellcheck disable=SC2086
		same "$1" jf-log $p XB-017
	done
	same "$1" jf-log --village LQ
	same "$1" jf-log --volunteer V003 --format json
	same "$1" jf-log --volunteer V002 --month 2026-11
	for f in text tsv csv json markdown html; do same "$1" jf-report --format $f --month 2026-12; done
	for p in "--week last" "--month last" "--year 2026" "--quarter 2026-Q4" \
		"--from 2026-09-01 --to 2027-01-06 --deductions --top 2"; do
		# shellcheck disable=SC2086
		same "$1" jf-report $p
	done
	same "$1" jf-report --format json --year 2026
	same "$1" jf-report --village XB --notice --format html --month last
	same "$1" jf-report --village LQ --week 2026-W51
	for p in "" "--as-of 2026-01-05"; do
		for f in text json; do
			# shellcheck disable=SC2086
			same "$1" jf-expire --dry-run --format $f $p
		done
	done
}
# some DESC: one of each reader, for the states of the cache alone
some() {
	same "$1" jf-balance
	same "$1" jf-balance --format json --as-of 2026-12-31
	same "$1" jf-check
	same "$1" jf-check -q
	same "$1" jf-review list --format json
	same "$1" jf-wish list --all --format json
	same "$1" jf-log --format json XB-017
	same "$1" jf-log --volunteer V001
	same "$1" jf-report --format json --month 2026-12
	same "$1" jf-report --year 2026
	same "$1" jf-expire --dry-run
}

state
readers "as the writers left it"

# appended by another tool, as by a git pull: entries of several kinds at
# the end of cached files, and a new file
cp -a ledger "$T/ledger-before-pull" || exit 99
state
{
	ent 01JW0000000000000000PULL01 2026-12-28 earn 'household: LQ-003' 'activity: sort-waste' 'qty: 2' 'points: 1'
	ent 01JW0000000000000000PULL02 2027-01-06 void "ref: $R3" 'reason: 复核不实'
} >>ledger/2026/LQ.yaml
{
	ent 01JW0000000000000000PULL03 2027-01-06 approve "ref: $R1" 'reviewer: shijuhua'
	ent 01JW0000000000000000PULL04 2026-12-31 redeem 'household: XB-018' 'item: soap' 'qty: 1' 'points: -3'
} >>$X7
ent 01JW0000000000000000PULL05 2027-01-06 take 'ref: 01JW000000000000000000W002' 'team: xb-care' >ledger/2027/0-pull.yaml
readers "appended by hand"

# hand edits inside the cached part that keep the size and the mtime:
# first in one file (a transfer's date, now after its at; a serve's
# hours; an adjustment's points)
state
t_edit ledger/2026/XB.yaml '300s/2026-12-02/2026-12-04/; 76s/hours: 3/hours: 5/; 111s/points: 60/points: 90/'
readers "a hand edit in one file"
# then four files at once: an adjustment's points, a wish's text, a
# reviewed earn's date, a void's reason
state
t_edit ledger/2025/XB.yaml '6s/points: 40/points: 45/'
t_edit ledger/2026/LQ.yaml '5s/乡卫生院/县卫生院/'
t_edit $X7 '2s/2027-01-03/2027-01-01/'
t_edit ledger/0-appeals.yaml 's/申诉成立/复核成立/'
readers "hand edits in four files"
# edits to what follow-ups act on, and to follow-ups, in four files: the
# target of the void read first (another household now), a reviewer
# (the same one twice in a round), the ids of a voided take and the take
# after it swapped, the times of two merged takes (the other stands)
rm -rf "$T/ledger-before-edits" && cp -a ledger "$T/ledger-before-edits" || exit 99
state
t_edit ledger/2025/XB.yaml '13s/XB-017/XB-018/'
t_edit $X7 '24s/shijuhua/sixuexia/'
t_edit ledger/2026/LQ.yaml '8s/T003/T03B/; 20s/T03B/T003/'
t_edit ledger/2026/XB.yaml '37s/T10:00/T08:00/'
some "follow-ups and their targets edited"
for f in json html; do
	same "follow-ups and their targets edited" jf-review list --format $f
	same "follow-ups and their targets edited" jf-wish list --format $f
done
same "follow-ups and their targets edited" jf-log LQ-003
same "follow-ups and their targets edited" jf-log XB-018
for f in ledger/2025/XB.yaml $X7 ledger/2026/LQ.yaml ledger/2026/XB.yaml; do
	cat "$T/ledger-before-edits/${f#ledger/}" >"$f" || exit 99
done

# a cut-short tail: an entry cut short after the cached part, then a
# cached file cut short inside its cached part
cp $X7 "$T/x7"
state
printf -- '- id: 01JW0000000000000000CUT001\n  date: 2027-01-06\n  kind: ea' >>$X7
some "a cut-short entry appended"
cp "$T/x7" $X7
t_setup jf-balance
state
truncate -s -30 $X7
some "a cached file cut short"
cp "$T/x7" $X7

# ---- caches damaged, foreign or stale; the book as it is ----
t_setup jf-balance
# caches cut short, emptied, a byte changed in the records, in the MAC
for c in .jf/cache/*; do [ -f "$c" ] || continue; head -c 100 "$c" >"$T/c" && cat "$T/c" >"$c"; done
state; some "caches cut short"
t_setup jf-balance
for c in .jf/cache/*; do [ -f "$c" ] || continue; : >"$c"; done
state; some "caches emptied"
t_setup jf-balance
for c in .jf/cache/*; do [ -f "$c" ] || continue; printf '\377' | dd of="$c" bs=1 seek=300 conv=notrunc 2>/dev/null; done
state; some "a byte of each cache changed"
t_setup jf-balance
for c in .jf/cache/*; do [ -f "$c" ] || continue;
	z=$(wc -c <"$c")
	printf 'x' | dd of="$c" bs=1 seek=$((z - 1)) conv=notrunc 2>/dev/null
done
state; some "the last byte of each cache's MAC changed"
# from another version of jf: the version field changed, with and without
# a MAC made again under this user's key (as that version would)
t_setup jf-balance
for c in .jf/cache/*; do [ -f "$c" ] || continue; printf '\011' | dd of="$c" bs=1 seek=8 conv=notrunc 2>/dev/null; done
state; some "caches of another version (MAC not made again)"
if command -v python3 >/dev/null 2>&1; then
	# remac CACHE KEYFILE version D | points CENTS: add D to the cache's
	# version, or CENTS to its first adjust record's points (layout as
	# in 0810, cache format 14), and make its tag and MAC again under the key
	cat >"$T/remac.py" <<-'PY'
	import hashlib, struct, sys
	path, key, what, d = sys.argv[1], open(sys.argv[2], 'rb').read(), sys.argv[3], int(sys.argv[4])
	b = bytearray(open(path, 'rb').read())
	version, recsize = struct.unpack_from('<II', b, 8)
	nrecs, = struct.unpack_from('<Q', b, 112)
	# format 12 (as in 0810): ... MAC, sorted keys (16 B a record), records,
	# places (16 B a record); the records' Poly1305 tag at 152 under the
	# key BLAKE2b(user's key; domain, nonce at 136, 2)
	recs_at = len(b) - nrecs * (recsize + 16)
	mac_at = recs_at - nrecs * 16 - 32
	def poly1305(k, m):
	    r = int.from_bytes(k[:16], 'little') & 0x0ffffffc0ffffffc0ffffffc0fffffff
	    p, a = (1 << 130) - 5, 0
	    for i in range(0, len(m), 16):
	        a = (a + int.from_bytes(m[i:i + 16] + b'\1', 'little')) * r % p
	    return ((a + int.from_bytes(k[16:], 'little')) & ((1 << 128) - 1)).to_bytes(16, 'little')
	if what == 'version':
	    struct.pack_into('<I', b, 8, version + d)
	else:
	    for i in range(nrecs):
	        at = recs_at + i * recsize
	        if b[at + 36] == 2:  # JF_ADJUST
	            p, = struct.unpack_from('<q', b, at + 16)
	            struct.pack_into('<q', b, at + 16, p + d)
	            break
	    else:
	        sys.exit(3)
	    forged = i
	    # format 14 (as in 0810): the window's tag, in the MAC'd part, and
	    # the head's tag of the list of the windows' tags
	    W, nwin = 4096, (nrecs + 4095) // 4096
	    pathlen, = struct.unpack_from('<I', b, 128)
	    nvoids, = struct.unpack_from('<Q', b, 120)
	    for vsize in ([0] if nvoids == 0 else range(8, 4096, 8)):
	        wt_at = 200 + pathlen + nvoids * vsize
	        wh_at = wt_at + 32 * nwin
	        if wh_at + 64 <= mac_at and wh_at + 64 + struct.unpack_from('<Q', b, wh_at + 56)[0] == mac_at:
	            break
	    else:
	        sys.exit(3)
	    w = forged // W
	    n = min(W, nrecs - w * W)
	    wk = hashlib.blake2b(b'jf reader cache window\0' + bytes(b[136:152]) + b'\2' +
	                         w.to_bytes(8, 'little'), digest_size=32, key=key).digest()
	    at = recs_at + w * W * recsize
	    b[wt_at + 16 * w:wt_at + 16 * w + 16] = poly1305(wk, bytes(b[at:at + n * recsize]))
	    sk = hashlib.blake2b(b'jf reader cache section\0' + bytes(b[136:152]) + b'\2',
	                         digest_size=32, key=key).digest()
	    b[152:168] = poly1305(sk, bytes(b[wt_at:wt_at + 16 * nwin]))
	b[mac_at:mac_at + 32] = hashlib.blake2b(b'jf reader cache v2\0' + bytes(b[:mac_at]), digest_size=32, key=key).digest()
	open(path, 'wb').write(b)
	PY
	remac() { python3 "$T/remac.py" "$@"; }
	for d in 1 -1; do
		t_setup jf-balance
		for c in .jf/cache/*; do [ -f "$c" ] || continue; remac "$c" "$T/key/jf/key" version $d || exit 99; done
		state; some "caches of version $d from this one, MAC made again"
	done
	# the script makes MACs this jf takes: a record forged with this
	# user's key counts (so the caches above were refused for their version)
	t_setup jf-balance
	XDG_CACHE_HOME=$T/nokey/none run jf-balance --format tsv
	cp "$T/out" "$T/honest"
	forged=
	for c in .jf/cache/*; do [ -f "$c" ] || continue; remac "$c" "$T/key/jf/key" points 100 && forged=1; done
	run jf-balance --format tsv
	taken=
	[ -z "$forged" ] || cmp -s "$T/honest" "$T/out" || taken=1
	t_ok "the test's MAC is this jf's: a forged record made with this user's key is taken" [ -n "$taken" ]
	rm -rf .jf/cache
else
	t_skip "caches of another version, MAC made again" "python3 is not installed"
fi
# copied in from another book: a clone whose cached files differ (same
# size, same paths) and one whose files are a prefix of these (the caches
# of a clone before the last 'git pull')
rm -rf "$T/o" && mkdir "$T/o" && cp -R jf.yaml catalogue.yaml households.yaml volunteers.yaml ledger "$T/o" || exit 99
(cd "$T/o" && t_edit ledger/2026/XB.yaml '300s/2026-12-04/2026-12-06/' && t_edit $X7 '2s/2027-01-01/2027-01-02/' &&
	t_edit ledger/2026/LQ.yaml '5s/县卫生院/乡卫生院/' && jf-balance >/dev/null 2>&1 && jf-check >/dev/null 2>&1) || exit 99
rm -rf .jf/cache && cp -R "$T/o/.jf/cache" .jf/cache || exit 99
state; some "caches copied from a clone that differs"
rm -rf "$T/o/ledger" && cp -R "$T/ledger-before-pull" "$T/o/ledger" &&
	(cd "$T/o" && rm -rf .jf/cache && jf-balance >/dev/null 2>&1) || exit 99
rm -rf .jf/cache && cp -R "$T/o/.jf/cache" .jf/cache || exit 99
state; some "caches copied from a clone before the last pull"
# made by another user (another key), for this very book
rm -rf .jf/cache && XDG_CACHE_HOME=$T/key2 t_setup jf-balance
state; some "caches made under another user's key"
# each cache under another file's name
t_setup jf-balance
set --
for c in .jf/cache/*; do [ ! -f "$c" ] || set -- "$@" "$c"; done
cp "$1" "$T/c"
while [ $# -gt 1 ]; do cp "$2" "$1"; shift; done
cp "$T/c" "$1"
state; some "each cache under another file's name"
# stray things in the cache directory, or no directory at all
t_setup jf-balance
printf 'garbage' >.jf/cache/0123456789abcdef
: >.jf/cache/0123456789abcdef.99.tmp
touch -d 2000-01-01 .jf/cache/0123456789abcdef.99.tmp
mkdir .jf/cache/fedcba9876543210
state; some "stray files in the cache"
for c in .jf/cache/*; do rm -rf "$c" && mkdir "$c"; done
state; some "a directory in the place of each cache"
rm -rf .jf/cache && printf 'x' >.jf/cache
state; some ".jf/cache a file"
rm -rf .jf/cache

# a cache made in another language (its warnings are worded in it)
t_setup jf-balance
t_setup jf-check
state
LC_ALL=C.UTF-8 LANGUAGE=zh_CN; export LANGUAGE
some "in Chinese, the cache made in English"
LC_ALL=C; unset LANGUAGE

# a cache made on another day: review states, expiry and wish ages move
# with the day, the cache holds none of them
rm -rf .jf/cache
JF_NOW=2026-12-20T08:00:00+08:00 t_setup jf-balance
JF_NOW=2026-12-20T08:00:00+08:00 t_setup jf-check
state; some "the cache made on 2026-12-20"
rm -rf .jf/cache; t_setup jf-check
now 2027-01-09T12:00:00+08:00
state; some "on 2027-01-09, the cache made on 2027-01-06"
now 2027-01-06T12:00:00+08:00

# ---- settings that change results, the caches stale ----
t_setup jf-balance
cp volunteers.yaml catalogue.yaml jf.yaml "$T"
sed -i 's/name: 白洋/name: 白杨/; s/孝老爱亲/敬老爱亲/' volunteers.yaml
sed -i 's/points: 0.5}/points: 1}/' catalogue.yaml
state; some "volunteers.yaml and catalogue.yaml changed"
t_setup jf-balance
sed -i '/^expiry:/d' jf.yaml
state; some "expiry: removed from jf.yaml"
t_setup jf-balance
rm volunteers.yaml
state; some "volunteers.yaml removed"
cp "$T/volunteers.yaml" "$T/catalogue.yaml" "$T/jf.yaml" .
# the register of volunteers and the teams reordered: a cached serve or
# take that kept a row number would now name another volunteer or team
t_setup jf-balance
sed -i '/V001/{h;d}; /V003/{p;x}' volunteers.yaml
sed -i '/code: xb-care/{h;d}; /code: town-med/{p;x}' volunteers.yaml
t_ok "volunteers.yaml: the rows reordered" [ "$(grep -n V001 volunteers.yaml | cut -d: -f1)" -eq 8 ]
state; some "volunteers and teams reordered"
for c in "jf-serve --dry-run -d 2026-11-22 V001 20" "jf-serve --dry-run -d 2026-11-22 V002 20" \
	"jf-serve --dry-run -d 2026-11-13 V003 23" "jf-wish take --dry-run --team xb-care 01JW000000000000000000W006" \
	"jf-log --volunteer V002" "jf-log --volunteer V003 --format json" "jf-report --format json --month 2026-11" \
	"jf-wish list --all --format json"; do
	# shellcheck disable=SC2086
	same "volunteers and teams reordered" $c
done
cp "$T/volunteers.yaml" .

# ---- writers ----
# what they would write (--dry-run), and their refusals, from a cache made
# stale by a hand edit
t_setup jf-balance
state
t_edit ledger/2026/XB.yaml '76s/hours: 5/hours: 6/'
W2=01JW000000000000000000W002 W3=01JW000000000000000000W003
W4=01JW000000000000000000W004 W6=01JW000000000000000000W006
for f in text json; do
	same "dry run" jf-add --dry-run --format $f XB-018 litter
	same "dry run" jf-add --dry-run --format $f -d 2026-12-21 XB-018 clean-yard
	same "dry run" jf-redeem --dry-run --format $f -d 2026-12-30 XB-018 soap 2
	same "dry run" jf-void --dry-run --format $f -r 错 "$R6" 01JW000000000000000000S004
	same "dry run" jf-review approve --dry-run --format $f --reviewer shijuhua "$R6"
	same "dry run" jf-wish "done" --dry-run --format $f --serve V003:2 "$W3"
	same "dry run" jf-transfer --dry-run --format $f -r 合户 XB-018 XB-017 1
	same "dry run" jf-expire --dry-run --format $f
done
same "dry run" jf-add --dry-run --batch /dev/null
same "dry run" jf-adjust --dry-run -r 奖励 XB-021 3
same "dry run" jf-restock --dry-run XB washing-powder 3
same "dry run" jf-restock --dry-run --count XB washing-powder 30
same "dry run" jf-review reject --dry-run --reviewer sixuexia -r 不实 "$R6"
same "dry run" jf-review object --dry-run -r 有异议 "$R2"
same "dry run" jf-wish post --dry-run --service haircut LQ-003 理发
same "dry run" jf-wish take --dry-run --volunteer V002 "$W6"
same "dry run" jf-wish drop --dry-run -r 不需要了 "$W6"
same "dry run" jf-serve --dry-run --activity sort-waste --wish "$W4" V001 1
same "dry run" jf-serve --dry-run V002 2
# refused, from the cache as from the bytes
same "refused" jf-add XB-017 clean-yard
same "refused" jf-redeem XB-017 soap 1
same "refused" jf-void -r 再次 "$RV"
same "refused" jf-void -r 作废作废 01JW000000000000000000V001
same "refused" jf-review approve --reviewer sixuexia "$R2"
same "refused" jf-review approve --reviewer baiyang "$R1"
same "refused" jf-review reject --reviewer sixuexia -r 晚了 "$R3"
same "refused" jf-wish take --team xb-care "$W2"
same "refused" jf-wish "done" "$W6"
same "refused" jf-transfer -r 合户 XB-018 XB-017 100
same "refused" jf-serve -d 2026-11-22 V001 20
same "refused" jf-void -r 错 "$RD" "$LT"
same "refused" jf-review approve --reviewer sixuexia "$R1"
same "refused" jf-add -d 2026-12-28 XB-018 clean-yard

# what they write: the same steps in three copies of the book, one with
# its cache (warm, then made stale by hand edits, or cut short), one with
# no cache at all (no key) and one with --no-cache (its stale cache left
# alone); each step prints the same, and the ledgers end byte-identical,
# new ids aside
t_setup jf-balance
mkdir -p "$T/m/wc" "$T/m/wn" "$T/m/wf" || exit 99
for c in wc wn wf; do rm -rf "$T/$c" && cp -a . "$T/$c" || exit 99; done
rm -rf "$T/wn/.jf/cache"
# w CMD-LINE: CMD-LINE (evaluated in each copy) as a step; one test
w() {
	(cd "$T/wc" && eval "go wc $1")
	(cd "$T/wn" && XDG_CACHE_HOME=$T/nokey/none && eval "go wn $1")
	(cd "$T/wf" && eval "go wf nocache $1")
	_bad=
	differs wn wc && _bad=1
	differs wn wf && _bad=1
	n=$((n + 1)); read -r _rc <"$T/m/wn/rc"
	if [ -z "$_bad" ]; then echo "ok $n - written: $1 (cache, --no-cache, no key: exit $_rc)"
	else echo "not ok $n - written: $1 (cache, --no-cache, no key)"; nfail=$((nfail + 1)); fi
}
# each CMD...: CMD in each copy, as a setup
each() { for c in wc wn wf; do (cd "$T/$c" && t_setup "$@") || exit 99; done; }
# a cut-short tail set aside
each sh -c "printf -- '- id: 01JW0000000000000000CUT002\n  date: 2027-01-06\n  ki' >>$X7"
w 'jf-check --repair'
w 'jf-check'
w 'jf-add XB-018 litter'
w 'jf-add -d 2026-12-21 --format json XB-018 clean-yard'
w 'jf-add XB-017 clean-yard'
w 'jf-redeem -d 2026-12-30 XB-018 soap 2'
w 'jf-redeem XB-017 soap 1'
w 'jf-restock XB washing-powder 3'
w 'jf-void -r 错 "$(lastid ledger/2027/XB.yaml)"'
w 'jf-void -r 再次 "$RV"'
# a hand edit in each copy: the cache of the first is stale now
each t_edit ledger/2026/LQ.yaml '37s/hours: 0.75/hours: 0.50/'
each t_edit ledger/2026/XB.yaml '300s/2026-12-04/2026-12-02/'
w 'jf-review approve --reviewer shijuhua "$R6"'
w 'jf-review approve --reviewer sixuexia "$R2"'
w 'jf-review reject --format json --reviewer sixuexia -r 不实 "$R1"'
w 'jf-review object -n 村民王五 -r 有异议 "$R2"'
w 'jf-wish post --service haircut LQ-003 理发'
w 'jf-wish take --volunteer V002 "$(lastid ledger/2027/LQ.yaml)"'
w 'jf-wish done --serve V003:2 --serve V002:1 "$W3"'
w 'jf-wish drop -r 不需要了 "$W6"'
w 'jf-wish take --team xb-care "$W2"'
w 'jf-serve --activity sort-waste --wish "$W4" V001 1'
w 'jf-serve -d 2026-11-22 V001 20'
w 'jf-transfer -r 合户 XB-018 XB-017 1'
w 'jf-adjust -d 2026-12-31 -r 补录 XB-021 2'
# the copy with the cache: cut short inside its cached part, then whole again
cp "$T/wc/ledger/2026/XB.yaml" "$T/xb"
truncate -s 1000 "$T/wc/ledger/2026/XB.yaml"
(cd "$T/wc" && jf-balance >/dev/null 2>&1)
cat "$T/xb" >"$T/wc/ledger/2026/XB.yaml"
w 'jf-expire --format json'
w 'jf-expire'
w 'jf-check'
w 'jf-balance --format json'
# the ledgers, new ids aside
(cd "$T/wn" && find ledger -type f | sort) >"$T/files.wn"
for c in wc wf; do
	(cd "$T/$c" && find ledger -type f | sort) >"$T/files.$c"
	t_same "written ($c): the same ledger files" "$T/files.wn" "$T/files.$c"
	bad=
	while read -r f; do
		norm "$T/wn/$f" >"$T/fa" && norm "$T/$c/$f" >"$T/fb" || exit 99
		cmp -s "$T/fa" "$T/fb" || { echo "# $f:"; diff -u "$T/fa" "$T/fb" | sed 's/^/#  /'; bad=1; }
	done <"$T/files.wn"
	t_ok "written ($c): every ledger byte the same, new ids aside" [ -z "$bad" ]
done
t_ok "written: the steps wrote entries" [ "$(cat "$T/wn"/ledger/*/*.yaml | norm /dev/stdin | grep -c NEWID)" -gt 20 ]
