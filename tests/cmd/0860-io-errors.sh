#!/bin/sh
# I/O errors.  When a write, fsync or close of the ledger fails (ENOSPC, EIO
# from the failpoint build; EFBIG for real, from a file size limit), the
# writer exits 4 with a message, prints no result, and takes its entry back:
# the book is byte for byte as before (a file or directory it created is
# gone), and the reader cache stays right.  Then, with strace, the system
# calls behind these promises: one write, fsync of the file and of a
# directory that gains a name, before any result; on failure ftruncate +
# fsync.  The failpoint build comes from $JF_FP_BIN, else is built here.
. "$JF_TOP/tests/cmd/lib.sh"
t_failpoints

L=ledger/2026/XB.yaml
ENTRY_LEN=172   # of 'jf-add XB-017 litter', with its 26-character id
# appended DESC FILE DATE: FILE is as saved plus the entry of
# 'jf-add -d DATE XB-017 litter'
appended() {
	cat >"$T/entry" <<-EOF
	- id: ID
	  date: $3
	  at: 2026-11-28T10:15:02+08:00
	  kind: earn
	  household: XB-017
	  activity: litter
	  qty: 1
	  points: -5
	  by: baiyang
	EOF
	t_appended "$1" "$2" <"$T/entry"
}

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

t_book b; cd b || exit 99
t_setup jf-adjust -d 2026-11-01 -r 期初 XB-017 100
t_setup jf-restock -d 2026-11-01 XB washing-powder 10
t_setup jf-add -d 2026-11-02 XB-017 clean-yard
t_setup jf-add -d 2026-11-04 LQ-003 litter
t_setup jf-balance

# fails DESC STATUS CMD...: CMD exits STATUS, prints no result, says
# exactly what is on stdin, and leaves the book as it was.
fails() {
	t_refuse "$@"
	same "$1"
}

# every failing call, for a file that exists and for a new one in a new
# directory; after each, the next writer appends as usual
for e in ENOSPC EIO; do
	case $e in
	ENOSPC) msg="No space left on device" ;;
	EIO) msg="Input/output error" ;;
	esac
	for p in before-write partial-write before-fsync after-fsync; do
		case $p in
		*write) call=write ;;
		before-fsync) call=fsync ;;
		after-fsync) call=close ;;
		esac
		for d in 2026-11-28 2025-12-31; do
			f=ledger/${d%%-*}/XB.yaml
			fails "$p=error:$e, $f" 4 env JF_FAILPOINT="$p=error:$e" \
				"$FP/jf-add" -d $d XB-017 litter <<-EOF
			jf-add: cannot $call '$f': $msg; nothing was recorded
			EOF
		done
	done
	t_save .
	run jf-add XB-017 litter
	t_rc 0 "after the $e errors: jf-add works"
	appended "... and appends its whole entry" $L 2026-11-28
	same "after the $e errors and an append"
done

# every writer, and the JSON format: no result, no entry
fails "jf-add --format json" 4 env JF_FAILPOINT=before-fsync=error:EIO \
	"$FP/jf-add" --format json XB-017 litter <<'EOF'
jf-add: cannot fsync 'ledger/2026/XB.yaml': Input/output error; nothing was recorded
EOF
fails "jf-redeem" 4 env JF_FAILPOINT=partial-write=error:ENOSPC \
	"$FP/jf-redeem" XB-017 washing-powder 2 <<'EOF'
jf-redeem: cannot write 'ledger/2026/XB.yaml': No space left on device; nothing was recorded
EOF
fails "jf-adjust" 4 env JF_FAILPOINT=before-write=error:ENOSPC \
	"$FP/jf-adjust" -r 补录 LQ-003 20 <<'EOF'
jf-adjust: cannot write 'ledger/2026/LQ.yaml': No space left on device; nothing was recorded
EOF
fails "jf-restock" 4 env JF_FAILPOINT=partial-write=error:EIO \
	"$FP/jf-restock" XB washing-powder 5 <<'EOF'
jf-restock: cannot write 'ledger/2026/XB.yaml': Input/output error; nothing was recorded
EOF
fails "jf-void" 4 env JF_FAILPOINT=before-fsync=error:ENOSPC \
	"$FP/jf-void" -r 记错 "$(lastid)" <<'EOF'
jf-void: cannot fsync 'ledger/2026/XB.yaml': No space left on device; nothing was recorded
EOF
run jf-check -q
t_rc 0 "after all the failed writes the book is valid"

# Real failures, from the release build: a file size limit (ulimit -f) with
# SIGXFSZ ignored makes write(2) fail with EFBIG; a limit inside the entry
# makes the write fall short first.
# limited BLOCKS CMD...: run CMD so.
limited() { (trap '' XFSZ; ulimit -f "$1" && shift && exec "$@"); }
# sig_limited BLOCKS CMD...: the same with SIGXFSZ at its default action,
# which ends the process; the writers ignore it while they write, so they
# fail with EFBIG all the same (they once died with status 153, leaving
# half an entry).
if env --default-signal=XFSZ true 2>/dev/null; then dflt="env --default-signal=XFSZ"; else dflt=; fi
sig_limited() { (ulimit -f "$1" && shift && exec $dflt "$@"); }
# the shell's unit for ulimit -f (512 bytes in dash, 1024 in bash)
limited 1 head -c 4096 /dev/zero >"$T/probe" 2>/dev/null
unit=$(wc -c <"$T/probe")
if [ "$unit" -eq 512 ] || [ "$unit" -eq 1024 ]; then
	s=$(wc -c <$L)
	blocks=$(((s + ENTRY_LEN / 2 + 4) / unit + 1))
	# comments fill the file up to half an entry before the limit
	t_setup sh -c "printf '# %0$((blocks * unit - s - ENTRY_LEN / 2 - 3))d\n' 0 >>$L"
	t_ok "the file now ends half an entry before the limit" \
		[ "$(($(wc -c <$L) + ENTRY_LEN / 2))" -eq "$((blocks * unit))" ]
	t_setup jf-balance
	fails "a write cut short by the file size limit" 4 limited $blocks jf-add XB-017 litter <<-EOF
	jf-add: cannot write '$L': File too large; nothing was recorded
	EOF
	fails "a write cut short by the file size limit, SIGXFSZ not ignored" 4 \
		sig_limited $blocks jf-add XB-017 litter <<-EOF
	jf-add: cannot write '$L': File too large; nothing was recorded
	EOF
	t_setup sh -c "printf '# %0$((ENTRY_LEN / 2 - 3))d\n' 0 >>$L"
	t_setup jf-balance
	fails "a write refused whole by the file size limit" 4 limited $blocks jf-add XB-017 litter <<-EOF
	jf-add: cannot write '$L': File too large; nothing was recorded
	EOF
	fails "a write refused whole by the file size limit, SIGXFSZ not ignored" 4 \
		sig_limited $blocks jf-add XB-017 litter <<-EOF
	jf-add: cannot write '$L': File too large; nothing was recorded
	EOF
	# the atomic writer too: jf-report -o past the limit leaves nothing
	t_save .
	run sig_limited 1 jf-report --week 2026-W48 --format html -o "$T/r.html"
	t_rc 4 "jf-report -o past the file size limit, SIGXFSZ not ignored: exit 4"
	t_err "jf-report -o past the file size limit: message" <<-EOF
	jf-report: cannot write '$T/r.html': File too large
	EOF
	t_ok "jf-report -o past the file size limit: no file, no temporary file" \
		[ -z "$(ls -A "$T" | grep 'r\.html')" ]
	t_unchanged "jf-report -o past the file size limit: the book is unchanged"
	t_save .
	run jf-add XB-017 litter
	t_rc 0 "without the limit jf-add works"
	appended "... and appends its whole entry" $L 2026-11-28
	same "after the limit is lifted"
else
	t_ok "ulimit -f does not work here # SKIP" true
fi

# The system calls (strace): an append is one write, then fsync of the
# file, and of the directory that gains a name, before the result; a failed
# one cuts the file back and fsyncs it, or removes what it created.
# syscalls CMD...: CMD's calls on the book's ledger files, one per line.
syscalls() {
	ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" \
		strace -o "$T/strace" -e signal=none -e trace=%file,%desc "$@" >/dev/null 2>&1
	awk -v book="$PWD" '
	function qpath(  s) {
		s = $0; sub(/^[^"]*"/, "", s); sub(/".*/, "", s)
		if (s == book) return "."
		return index(s, book "/") == 1 ? substr(s, length(book) + 2) : ""
	}
	function fd(  s) { s = $0; sub(/^[a-z0-9_]*\(/, "", s); sub(/[,)].*/, "", s); return s }
	function ret(  s) { s = $0; sub(/.*\) *= /, "", s); sub(/ .*/, "", s); return s }
	function ours(p) { return p == "." || p ~ /^ledger/ }
	{ call = $0; sub(/\(.*/, "", call) }
	call ~ /^open/ {
		p = qpath(); r = ret()
		if (r !~ /^-/) name[r] = p
		if (r !~ /^-/ && p ~ /^ledger\// && /O_APPEND/)
			print "open " p (/O_CREAT/ ? " (new)" : "")
		next
	}
	call == "close" { delete name[fd()]; next }
	call ~ /^(write|writev|pwrite)/ {
		f = fd()
		if (f == 1) print "stdout"
		else if (ours(name[f])) print call " " name[f] " " ret()
		next
	}
	call ~ /^(fsync|fdatasync|sync_file_range|ftruncate)$/ {
		f = fd()
		if (ours(name[f])) {
			s = $0; sub(/^[^,)]*/, "", s); sub(/\).*/, "", s)
			print call " " name[f] s
		}
		next
	}
	call ~ /^(mkdir|unlink|rmdir|rename|link|truncate)(at2?)?$/ {
		p = qpath(); sub(/at2?$/, "", call)
		if (ours(p) && ret() == 0) print call " " p
	}
	' "$T/strace"
}
if command -v strace >/dev/null 2>&1 && strace -o /dev/null true 2>/dev/null; then
	s=$(wc -c <$L)
	syscalls jf-add XB-017 litter >"$T/out"
	t_out "strace: an append is one write, then fsync, then the result" <<-EOF
	open $L
	write $L $ENTRY_LEN
	fsync $L
	stdout
	EOF
	syscalls jf-add -d 2025-12-31 XB-017 litter >"$T/out"
	t_out "strace: a new file's directory and name are fsync'd too" <<-EOF
	mkdir ledger/2025
	fsync ledger
	open ledger/2025/XB.yaml (new)
	write ledger/2025/XB.yaml $ENTRY_LEN
	fsync ledger/2025/XB.yaml
	fsync ledger/2025
	stdout
	EOF
	s=$(wc -c <$L)
	syscalls env JF_FAILPOINT=partial-write=error:ENOSPC "$FP/jf-add" XB-017 litter >"$T/out"
	t_out "strace: a write that fails half way is cut back, durably" <<-EOF
	open $L
	write $L $((ENTRY_LEN / 2))
	ftruncate $L, $s
	fsync $L
	EOF
	syscalls env JF_FAILPOINT=before-fsync=error:EIO "$FP/jf-add" -d 2024-12-30 XB-017 litter >"$T/out"
	t_out "strace: a failed append to a new file removes it and its new directory" <<-EOF
	mkdir ledger/2024
	fsync ledger
	open ledger/2024/XB.yaml (new)
	write ledger/2024/XB.yaml $ENTRY_LEN
	ftruncate ledger/2024/XB.yaml, 0
	fsync ledger/2024/XB.yaml
	unlink ledger/2024/XB.yaml
	fsync ledger/2024
	rmdir ledger/2024
	fsync ledger
	EOF
	same "after the traced writes"
	# --repair: the side file, its name (the directory), then the cut
	t_setup sh -c "JF_FAILPOINT=partial-write=kill '$FP/jf-add' XB-017 litter; [ \$? -eq 137 ]"
	s=$(wc -c <$L)
	syscalls jf-check --repair | grep -v '^stdout$' >"$T/out"
	t_out "strace: --repair makes the side file and its name durable before it cuts" <<-EOF
	write $L.cut $((ENTRY_LEN / 2))
	fsync $L.cut
	fsync ${L%/*}
	ftruncate $L, $((s - ENTRY_LEN / 2))
	fsync $L
	EOF
	run jf-check -q
	t_rc 0 "after --repair the book is valid"
	rm -f $L.cut
	same "after the traced repair"
else
	t_ok "strace is not installed or cannot trace here # SKIP" true
fi
