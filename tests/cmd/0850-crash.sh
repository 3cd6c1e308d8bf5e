#!/bin/sh
# Crash safety.  A writer that dies (SIGKILL, or an immediate exit) at any
# failpoint leaves its ledger file as it was, or with the whole new entry, or
# with a cut-short tail that readers report and 'jf-check --repair' sets
# aside byte for byte; the reader cache stays right; a dead writer's lock
# never blocks the next.  The writers under test come from the failpoint
# build (make FAILPOINTS=1): $JF_FP_BIN, else built here.
. "$JF_TOP/tests/cmd/lib.sh"
t_failpoints

L=ledger/2026/XB.yaml
CUT="the last entry is cut short (an interrupted write?); 'jf-check --repair' sets it aside"
# cut halfway, the entry's lines so far are whole (its last is blank): the
# message says what the entry lacks
CUTK="the last entry is cut short (an interrupted write?): entry has no 'kind'; 'jf-check --repair' sets it aside"
# entry DATE: the bytes 'jf-add XB-017 litter' appends, its id written ID
entry() {
	cat <<-EOF
	- id: ID
	  date: $1
	  at: 2026-11-28T10:15:02+08:00
	  kind: earn
	  household: XB-017
	  activity: litter
	  qty: 1
	  points: -5
	  by: baiyang
	EOF
}
ENTRY_LEN=172   # with its 26-character id
# appended DESC FILE DATE: FILE is as saved plus that entry
appended() { entry "$3" >"$T/entry"; t_appended "$1" "$2" <"$T/entry"; }

# same DESC: jf-balance (text and json) prints, with the cache, exactly what
# it prints with --no-cache, with the same status
same() {
	for c in "" --no-cache; do
		for f in text json; do
			# shellcheck disable=SC2086
			jf-balance $c --format $f >>"$T/bal$c" 2>&1
			echo "status $?" >>"$T/bal$c"
		done
	done
	t_same "$1: jf-balance with the cache = jf-balance --no-cache" "$T/bal--no-cache" "$T/bal"
	rm -f "$T/bal" "$T/bal--no-cache"
}

# The book every case starts from: two ledger files, the cache warm.
t_book "$T/base"
(
	cd "$T/base" || exit 1
	jf-adjust -d 2026-11-01 -r 期初 XB-017 100 &&
	jf-restock -d 2026-11-01 XB washing-powder 10 &&
	jf-add -d 2026-11-02 XB-017 clean-yard &&
	jf-redeem -d 2026-11-03 XB-017 washing-powder &&
	jf-add -d 2026-11-04 LQ-003 litter
) >"$T/setup" 2>&1 || { echo "Bail out! setup failed"; sed 's/^/# /' "$T/setup"; exit 99; }

# fresh: a copy of the base book in $T/b, the cache warmed there (caches
# name files by device and inode), made the current directory.
fresh() {
	cd "$T" && rm -rf b && cp -R base b && cd b || exit 99
	t_setup jf-balance
}

# as_was DESC: the book is byte for byte as before the crash ($T/precrash),
# but for .cut side files and an empty file where there was none
as_was() {
	diff -r -N -x .jf -x '*.cut' "$T/precrash" . >"$T/diff" 2>&1 || sed 's/^/# /' "$T/diff"
	t_ok "$1" cmp -s /dev/null "$T/diff"
}
prefix_kept() { [ "$z" -eq 0 ] || head -c "$z" "$F" | cmp -s - "$T/precrash/$F"; }

# crash POINT ACTION OUTCOME [DATE]: jf-add XB-017 litter (of DATE, default
# today) from the failpoint build dies at POINT; OUTCOME is what its ledger
# file F must hold then: "as-was", "whole" (the whole entry appended), or
# "cut" (the part partial-write[-end] writes, $cutlen bytes, kept in
# $T/tail).  Sets F, and z, F's old size.
crash() {
	c="${4:+new file, }$1=$2" o=$3 d=${4:-2026-11-28}
	F=ledger/${d%%-*}/XB.yaml
	fresh
	t_save .
	rm -rf "$T/precrash" && cp -R "$T/saved" "$T/precrash"
	z=0
	[ -f "$F" ] && z=$(wc -c <"$F")
	run env JF_FAILPOINT="$1=$2" "$FP/jf-add" -d "$d" XB-017 litter
	case $2 in kill) want=137 ;; exit) want=99 ;; esac
	t_rc $want "$c: the writer died there"
	t_noout "$c: it reported nothing"
	case $o in
	as-was)
		if [ "$z" -eq 0 ] && [ -e "$F" ]; then
			# it had created the file: a valid, empty ledger
			t_ok "$c: the file it had created is empty" [ ! -s "$F" ]
			as_was "$c: the book is as it was, but for that empty file"
		else
			t_unchanged "$c: the book is as it was"
		fi ;;
	whole)
		appended "$c: the whole entry is appended" "$F" "$d" ;;
	cut)
		case $1 in
		partial-write) cutlen=$((ENTRY_LEN / 2)) ;;
		partial-write-end) cutlen=$((ENTRY_LEN - 3)) ;;
		esac
		t_ok "$c: the bytes before the entry are untouched" prefix_kept
		tail -c +"$((z + 1))" "$F" >"$T/tail"
		sed 's/^- id: [0-9A-HJKMNP-TV-Z]\{26\}$/- id: ID/' "$T/tail" >"$T/got"
		entry "$d" | head -c "$((cutlen - 24))" >"$T/exp"
		t_same "$c: the entry's first $cutlen bytes are there" "$T/exp" "$T/got" ;;
	esac
}

# after_cut DESC [MSG]: the book holds a cut-short tail ($T/tail at the end
# of $F, from line $line); readers and writers report it (MSG, else $CUT),
# --repair moves it into $F.cut, and all is well again.
after_cut() {
	cut=${2:-$CUT}
	t_invalid "$1" "$F:$line:1: $cut"
	same "$1: cut short"
	run jf-check
	t_rc 3 "$1: jf-check exit 3"
	t_errhas "$1: jf-check names the cut entry" "jf-check: $F:$line:1: $cut"
	run jf-check --repair
	t_rc 0 "$1: jf-check --repair exit 0"
	t_out "$1: --repair says what it moved" <<-EOF
	repaired $F: moved the cut-short entry at line $line ($cutlen bytes) to $F.cut
	ok: $nfiles files, $nentries entries, 5 households
	EOF
	t_same "$1: the side file holds exactly the cut bytes" "$T/tail" "$F.cut"
	if [ "$z" -eq 0 ]; then
		t_ok "$1: the new file is empty again" [ -f "$F" -a ! -s "$F" ]
	fi
	as_was "$1: otherwise the book is byte for byte as before the crash"
	run jf-check -q
	t_rc 0 "$1: jf-check passes after --repair"
	same "$1: repaired"
	t_save .
	run jf-add --wait 1 XB-017 litter
	t_rc 0 "$1: then jf-add works"
	appended "$1: ... and appends its whole entry" $L 2026-11-28
	same "$1: repaired, then appended"
}

# after_ok DESC: the book is valid; the lock is free at once (--wait 0).
after_ok() {
	same "$1"
	run jf-check -q
	t_rc 0 "$1: jf-check passes"
	t_save .
	run jf-add --wait 0 XB-017 litter
	t_rc 0 "$1: the next writer gets the lock at once (--wait 0)"
	appended "$1: ... and appends its whole entry" $L 2026-11-28
	same "$1: after the next append"
}

nfiles=2 nentries=5
for a in kill exit; do
	for p in after-lock after-scan before-write; do
		crash $p $a as-was
		after_ok "$p=$a"
	done
	crash partial-write $a cut
	line=$(($(wc -l <"$T/saved/$F") + 1))
	after_cut "partial-write=$a" "$CUTK"
	for p in before-fsync after-fsync after-append; do
		crash $p $a whole
		after_ok "$p=$a"
	done
done

# cut inside the last line, `by`: the entry has all its fields, only the
# missing end of the line shows it is cut short
crash partial-write-end kill cut
line=$(($(wc -l <"$T/saved/$F") + 1))
rm -rf .jf/cache
after_cut "partial-write-end=kill, the cache cold"
# with the reader cache warm, the cut lies right where the cache ends:
# readers still name it (they once missed it), and no writer appends
crash partial-write-end kill cut
after_cut "partial-write-end=kill, the cache warm"
crash partial-write-end kill cut
t_refuse "partial-write-end=kill, the cache warm, a writer first" 3 jf-add XB-018 litter <<-EOF
jf-add: $F:$line:1: $CUT
jf-add: the book is invalid; nothing was recorded (see 'jf-check')
EOF

# a new file, in a new directory (the first entry of 2025)
crash before-write kill as-was 2025-12-31
after_ok "new file, before-write=kill"
crash partial-write kill cut 2025-12-31
line=1 nfiles=3
after_cut "new file, partial-write=kill" "$CUTK"
nfiles=2
crash after-fsync kill whole 2025-12-31
after_ok "new file, after-fsync=kill"

# the spec's words: after a writer killed holding the lock, a normal
# 'jf-add --wait 1' succeeds (at once, as --wait 0 above shows)
crash after-lock kill as-was
run jf-add --wait 1 XB-017 litter
t_rc 0 "killed at after-lock: jf-add --wait 1 succeeds"

# a writer killed while another one waits for its lock: the waiting one goes on
fresh
t_save .
JF_FAILPOINT=after-lock=stop "$FP/jf-add" XB-017 litter >"$T/a.out" 2>&1 &
a=$!
t_ok "a writer stopped holding the lock" stopped "$a"
jf-redeem --wait 600 XB-017 soap >"$T/b.out" 2>&1 &
b=$!
# it got as far as the lock (then half a second for it to go wrong)
opened "$b" .jf/lock
sleep 0.5
t_ok "... a second writer waits for it" kill -0 "$b"
kill -KILL "$a"
wait "$a"
t_ok "the first is killed (SIGKILL)" [ $? -eq 137 ]
wait "$b"
t_ok "... the second gets the lock and writes" [ $? -eq 0 ]
sed 's/id [0-9A-Z]*$/id ID/' "$T/b.out" >"$T/out"
t_out "... its result" <<'EOF'
redeem XB-017 司学霞 soap x1 -3, balance 92, id ID
EOF
t_ok "... only its entry is appended" [ "$(grep -c '^- id: ' $L)" -eq "$(($(grep -c '^- id: ' "$T/saved/$L") + 1))" ]
same "killed while another waited"
