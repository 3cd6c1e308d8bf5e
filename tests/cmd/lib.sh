# tests/cmd/lib.sh - sourced by each command test; prints TAP.
# Run a test as: JF_BIN=build/bin JF_TOP=. sh tests/cmd/NNNN-name.sh
# The test runs in a scratch directory $T (removed on exit), with a fixed
# "now" and operator.  run CMD... keeps stdout, stderr and exit status in
# $T/out, $T/err and $rc; the t_* asserts compare them and print ok/not ok.
#
# What tests/run.sh counts (TAP): a line "ok N - DESC" passed, "not ok N -
# DESC" failed, and "ok N - DESC # SKIP REASON" (TAP's SKIP directive, any
# case) was skipped: not run here, counted apart, never as a pass.  Print
# skips with t_skip.  "Bail out! ..." (t_setup) ends the test early; a test
# that exits non-zero without a "not ok" line counts as one failure.

: "${JF_BIN:?}" "${JF_TOP:?}"
JF_BIN=$(cd "$JF_BIN" && pwd) JF_TOP=$(cd "$JF_TOP" && pwd) || exit 99
# the failpoint flavour's binaries (make FAILPOINTS=1), if given: t_failpoints
JF_FP_BIN=$(cd "${JF_FP_BIN:-/nonexistent}" 2>/dev/null && pwd)
PATH=$JF_BIN:$PATH
JF_NOW=2026-11-28T10:15:02+08:00 JF_OPERATOR=baiyang LC_ALL=C
export PATH JF_NOW JF_OPERATOR LC_ALL
unset JF_BOOK
T=$(mktemp -d) || exit 99
n=0 nfail=0
trap 'st=$?; t_release; echo "1..$n"; rm -rf "$T"; [ "$nfail" -eq 0 ] || st=1; exit $st' EXIT
cd "$T" || exit 99

run() { "$@" >"$T/out" 2>"$T/err"; rc=$?; }

# t_failpoints: FP= the directory of the failpoint flavour's binaries,
# $JF_FP_BIN or else built here (sanitized if this run is: 'make check
# SANITIZE=...' puts SANITIZE in the environment).
t_failpoints() {
	if [ ! -x "$JF_FP_BIN/jf-add" ]; then
		fpo=build${SANITIZE:+-san}-fp
		(unset MAKEFLAGS MFLAGS MAKELEVEL; make -C "$JF_TOP" FAILPOINTS=1 O="$fpo" all) >"$T/make" 2>&1 ||
			{ echo "Bail out! cannot build the failpoint flavour"; sed 's/^/# /' "$T/make"; exit 99; }
		JF_FP_BIN=$JF_TOP/$fpo/bin
	fi
	FP=$(cd "$JF_FP_BIN" && pwd) || exit 99
}

# stopped PID: wait until the process is stopped, as a failpoint's
# SIGSTOP leaves it; true if it is.  It gives up when the process ends, or
# after 300 s: that bound only keeps a broken test from hanging, so it is
# far above anything a loaded machine or valgrind takes.
stopped() {
	i=0
	until [ "$(cut -d' ' -f3 "/proc/$1/stat" 2>/dev/null)" = T ] || [ $i -ge 3000 ] ||
		[ ! -e "/proc/$1" ]; do
		sleep 0.1; i=$((i + 1))
	done
	[ "$(cut -d' ' -f3 "/proc/$1/stat" 2>/dev/null)" = T ]
}
# opened PID FILE: wait until the process has FILE (the file now at that
# path, not one removed since) open, as a writer or reader waiting for a
# lock has; true if it has.  Gives up as stopped() does.  This is how a
# test knows that a process got as far as a lock, without guessing a
# time for it.
opened() {
	if [ -d "$2" ]; then _f=$(cd "$2" && pwd -P) || return 1
	else _f=$(cd "$(dirname "$2")" && pwd -P)/$(basename "$2") || return 1; fi
	i=0
	while [ -e "/proc/$1" ] && [ $i -lt 3000 ]; do
		for _l in /proc/"$1"/fd/*; do
			[ "$(readlink "$_l" 2>/dev/null)" = "$_f" ] && return 0
		done
		sleep 0.1; i=$((i + 1))
	done
	return 1
}
# t_hold OPT FILE: flock(1) OPT (-x or -s) on FILE (created if missing),
# held by a process in the background until t_release; returns once it is
# held (a fifo says so, no sleep guesses it), false if it could not be.
# One holder at a time; the test's end releases it too.
t_hold() {
	rm -f "$T/held" && mkfifo "$T/held" || return 1
	(exec 3>"$T/held" 9>>"$2" && flock "$1" 9 && echo held >&3 && exec 3>&- sleep 3600) &
	_held_pid=$!
	read -r _h <"$T/held" && [ "$_h" = held ]
}
t_release() {
	[ -n "${_held_pid:-}" ] || return 0
	kill "$_held_pid" 2>/dev/null
	wait "$_held_pid" 2>/dev/null
	_held_pid=
	return 0
}
# t_limit SECS: SECS as a limit on the wall clock (timeout(1)), stretched
# where every program runs slower: 20 times under valgrind (JF_VALGRIND),
# 5 times in a sanitized build (JF_SANITIZED).  A limit meant to catch a
# blow-up (a hang, quadratic work) proves as much stretched.
t_limit() {
	if [ -n "${JF_VALGRIND:-}" ]; then echo $(($1 * 20))
	elif [ -n "${JF_SANITIZED:-}" ]; then echo $(($1 * 5))
	else echo "$1"; fi
}
# t_setup CMD...: a step the tests build on (CMD's output is kept aside);
# if it fails, a failed test names it, its output follows as comments, and
# the test bails out.
t_setup() {
	"$@" >"$T/setup" 2>&1 && return 0
	_rc=$?; n=$((n + 1)); nfail=$((nfail + 1))
	echo "not ok $n - setup failed (exit $_rc): $*"
	sed 's/^/# /' "$T/setup"
	echo "Bail out! setup failed: $*"
	exit 99
}
# t_skip DESC REASON: a test not run here, and why.
t_skip() { n=$((n + 1)); echo "ok $n - $1 # SKIP $2"; }

# t_ok DESC CMD...: a passed or failed test, by CMD's status.
t_ok() {
	_d=$1; shift; n=$((n + 1))
	if "$@"; then echo "ok $n - $_d"; else echo "not ok $n - $_d"; nfail=$((nfail + 1)); fi
}
# t_same DESC EXPECTED GOT: files equal, else a diff as TAP comments.
t_same() {
	cmp -s "$2" "$3" || diff -u "$2" "$3" | sed 's/^/# /'
	t_ok "$1" cmp -s "$2" "$3"
}

# t_nocache_same DESC CMD...: each CMD (a command and its arguments, split
# at blanks) prints with the reader cache what it prints with --no-cache,
# and exits with the same status
t_nocache_same() {
	_d=$1; shift
	for _c in "$@"; do
		# shellcheck disable=SC2086 # a command and its arguments
		$_c >"$T/c.out" 2>&1; _rc=$?
		# shellcheck disable=SC2086
		$_c --no-cache >"$T/n.out" 2>&1; _nrc=$?
		t_same "$_d: $_c equals --no-cache" "$T/n.out" "$T/c.out"
		t_ok "$_d: $_c: same status ($_nrc)" [ "$_rc" -eq "$_nrc" ]
	done
}
t_rc() { [ "$rc" -eq "$1" ] || echo "# exit status: expected $1, got $rc"; t_ok "$2" [ "$rc" -eq "$1" ]; }
t_out() { cat >"$T/exp"; t_same "$1" "$T/exp" "$T/out"; }   # stdout is stdin
t_err() { cat >"$T/exp"; t_same "$1" "$T/exp" "$T/err"; }   # stderr is stdin
t_noout() { t_same "$1" /dev/null "$T/out"; }
t_noerr() { t_same "$1" /dev/null "$T/err"; }
# t_errhas DESC TEXT: stderr holds the fixed string TEXT.
t_errhas() {
	grep -aqF -- "$2" "$T/err" || { echo "# stderr lacks: $2"; sed 's/^/#   /' "$T/err"; }
	t_ok "$1" grep -aqF -- "$2" "$T/err"
}

# t_save BOOK, then t_unchanged DESC: no byte of BOOK (bar .jf/) changed.
t_save() { rm -rf "$T/saved"; cp -R "$1" "$T/saved"; rm -rf "$T/saved/.jf"; saved=$1; }
t_unchanged() {
	diff -r -x .jf "$T/saved" "$saved" >"$T/diff" 2>&1 || sed 's/^/# /' "$T/diff"
	t_ok "$1" cmp -s /dev/null "$T/diff"
}
# t_appended DESC FILE: FILE is its t_save copy plus the bytes on stdin,
# the ids ("- id: ...") written as ID.  FILE is relative to the saved book.
t_appended() {
	cat >"$T/exp"; f=$saved/$2; s=$T/saved/$2; z=0
	[ -f "$s" ] && z=$(wc -c <"$s")
	{ [ "$z" -eq 0 ] || head -c "$z" "$f" | cmp -s - "$s" || echo "(earlier bytes changed)"
	  tail -c +"$((z + 1))" "$f" | sed 's/^- id: [0-9A-HJKMNP-TV-Z]\{26\}$/- id: ID/'
	} >"$T/got"
	t_same "$1" "$T/exp" "$T/got"
}
# lastid [FILE]: the id of FILE's last entry (default ledger/2026/XB.yaml).
lastid() { sed -n 's/^- id: //p' "${1:-ledger/2026/XB.yaml}" | tail -n 1; }

# t_book DIR: write the standard book into DIR (created).
t_book() {
	mkdir -p "$1" && (cd "$1" && t_book_files) || exit 99
}
t_book_files() {
	cat >jf.yaml <<-'EOF'
	township: 龙渠乡
	timezone: Asia/Shanghai
	villages:
	  - {code: XB, name: 下堡村}
	  - {code: LQ, name: 龙渠村}
	low_stock: 5
	EOF
	cat >catalogue.yaml <<-'EOF'
	activities:
	  - code: clean-yard
	    name: 庭院整洁
	    category: 环卫整治
	    points: 5
	    limit: 1/week
	  - {code: litter, name: 乱扔垃圾, category: 环卫整治, points: -5}
	  - {code: sort-waste, name: 垃圾分类, category: 环卫整治, points: 0.5}
	  - {code: harvest-help, name: 秋收互助, category: 志愿服务, points: 8, since: 2026-09-01, until: 2026-10-31}
	goods:
	  - {code: washing-powder, name: 洗衣粉, unit: 袋, points: 10, stock: true}
	  - {code: soap, name: 肥皂, unit: 块, points: 3}
	EOF
	cat >households.yaml <<-'EOF'
	households:
	  - {id: XB-017, head: 司学霞, village: XB, since: 2023-01-01}
	  - {id: XB-018, head: 王建国, village: XB}
	  - {id: LQ-003, head: 李明, village: LQ}
	  - {id: XB-020, head: 张秀英, village: XB, until: 2026-06-30}
	  - {id: XB-021, head: 赵新, village: XB, since: 2026-12-01}
	EOF
}

# t_refuse DESC STATUS CMD...: CMD, run in the book at ., exits STATUS
# with no result, stderr exactly as on stdin, and no byte of the book changed.
t_refuse() {
	td=$1 ts=$2; shift 2; cat >"$T/want"; t_save .
	run "$@"
	t_rc "$ts" "$td: exit $ts"
	t_noout "$td: no result"
	t_err "$td: message" <"$T/want"
	t_unchanged "$td: nothing written"
}
# t_invalid DESC PROBLEM...: in the book at ., jf-balance and jf-add refuse
# it (exit 3) listing exactly these problems, and no byte of it changes;
# each run is limited to $tmo seconds (default 20, stretched: t_limit).
t_invalid() {
	ti=$1; shift
	for l; do echo "jf-balance: $l"; done >"$T/inv"
	t_refuse "$ti: jf-balance" 3 timeout "${tmo:-$(t_limit 20)}" jf-balance <"$T/inv"
	for l; do echo "jf-add: $l"; done >"$T/inv"
	echo "jf-add: the book is invalid; nothing was recorded (see 'jf-check')" >>"$T/inv"
	t_refuse "$ti: jf-add" 3 timeout "${tmo:-$(t_limit 20)}" jf-add XB-017 litter <"$T/inv"
}
# t_entry ID KIND 'FIELD: VALUE'...: print a ledger entry dated 2026-11-20;
# its lines: 1 id, 2 date, 3 kind, then the fields, then by.
t_entry() {
	printf -- '- id: %s\n  date: 2026-11-20\n  kind: %s\n' "$1" "$2"; shift 2
	for f; do printf '  %s\n' "$f"; done
	printf '  by: baiyang\n'
}
# t_edit FILE SED-SCRIPT: edit FILE by hand in place (same inode), keeping
# its size and its mtime, as an editor can; bails out if the size changed
# or nothing did.  Only the ctime shows the edit: on a file system whose
# clock is coarse the write is repeated until the ctime moved.
t_edit() {
	touch -r "$1" "$T/stamp" && _z=$(wc -c <"$1") && _c=$(stat -c %z "$1") &&
		sed "$2" "$1" >"$T/edit" || { echo "Bail out! t_edit $1 '$2' failed"; exit 99; }
	if cmp -s "$1" "$T/edit" || [ "$(wc -c <"$T/edit")" -ne "$_z" ]; then
		echo "Bail out! t_edit $1 '$2': nothing changed, or the size did"; exit 99
	fi
	_i=0
	while cat "$T/edit" >"$1" && touch -r "$T/stamp" "$1" || exit 99
		[ "$(stat -c %z "$1")" = "$_c" ] && [ $_i -lt 100 ]; do
		sleep 0.01; _i=$((_i + 1))
	done
	[ "$(stat -c %z "$1")" != "$_c" ] || { echo "Bail out! t_edit $1: the ctime did not move"; exit 99; }
}
