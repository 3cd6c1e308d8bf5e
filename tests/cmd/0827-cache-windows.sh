#!/bin/sh
# 0827-cache-windows.sh - a cache file's records and places are read and
# checked a window of 4096 at a time (JF_CACHE_WIN, cache format 14; issue
# 14 item 4): a ledger file of 9,000 entries (three windows) whose voids
# undo entries in other windows and files, one void before its target in
# a later file (jf-check's late path) and reviewed entries held to the end
# of the replay (their records copied out of a window that is freed).
# Every command says with the cache what it says with --no-cache, after an
# entry appended by jf-add, after one appended by hand, and after a window's
# bytes or a window's tag were damaged (then the ledger is read, silently).
. "$JF_TOP/tests/cmd/lib.sh"
command -v python3 >/dev/null 2>&1 || { t_skip "cache windows" "python3 is not installed"; exit 0; }
t_book b; cd b || exit 99
printf 'review:\n  reviewers: [sixuexia, baiyang, shijuhua]\n  approvals: 1\n  notice_days: 0\n' >>jf.yaml
sed -i 's/^goods:/  - {code: good-deed, name: 好人好事, category: 公益活动, points: 10, review: true}\ngoods:/' catalogue.yaml
mkdir -p ledger/2026 || exit 99
python3 - <<'PY' || exit 99
hh = ['XB-017', 'XB-018', 'XB-017']
with open('ledger/2026/XB.yaml', 'w') as o:
    # the late void first: its target Z1 is in LQ.yaml, read after it
    o.write("- id: LATE1\n  date: 2026-11-03\n  kind: void\n  ref: Z1\n  reason: 重复\n  by: baiyang\n")
    for i in range(8900):
        o.write(f"- id: A{i:05d}\n  date: 2026-11-01\n  kind: adjust\n"
                f"  household: {hh[i % 3]}\n  points: {1 + i % 7}\n  reason: 期初\n  by: baiyang\n")
    # voids in the third window undoing entries of the first and second
    for i in (5, 4097, 4100, 8190):
        o.write(f"- id: VX{i:05d}\n  date: 2026-11-02\n  kind: void\n  ref: A{i:05d}\n"
                f"  reason: 录错了\n  by: baiyang\n")
with open('ledger/2026/LQ.yaml', 'w') as o:
    o.write("- id: Z1\n  date: 2026-11-01\n  kind: adjust\n  household: LQ-003\n"
            "  points: 2\n  reason: 期初\n  by: baiyang\n")
    # voids in another file undoing entries in each of XB's windows
    for i in (1, 4096, 8899):
        o.write(f"- id: VL{i:05d}\n  date: 2026-11-02\n  kind: void\n  ref: A{i:05d}\n"
                f"  reason: 录错了\n  by: baiyang\n")
    # 700 more, spread over XB's windows in no order: the book record's
    # targets (read from it 512 at a time) span two windows, met at random
    for j in range(700):
        i = (j * 4099 + 17) % 8880 + 10
        if i in (1, 4096, 8899, 5, 4097, 4100, 8190):
            continue
        o.write(f"- id: VM{j:04d}\n  date: 2026-11-02\n  kind: void\n  ref: A{i:05d}\n"
                f"  reason: 录错了\n  by: baiyang\n")
PY
# reviewed entries, held to the end of every replay: one approved, one not
t_setup jf-add XB-017 good-deed
R1=$(lastid)
t_setup jf-add XB-018 good-deed
t_setup jf-review approve --reviewer sixuexia "$R1"
X=$(sed -n 's/^- id: //p' ledger/2026/XB.yaml | wc -l)
t_ok "XB.yaml spans three windows ($X entries)" [ "$X" -gt 8192 ]

# same WHAT: every command, cached, says what --no-cache says
same() {
	for c in "jf-balance" "jf-balance --format tsv" "jf-log XB-017" "jf-log LQ-003" \
		 "jf-check" "jf-report --week last" "jf-report --month last"; do
		# shellcheck disable=SC2086
		$c --no-cache >"$T/nc.out" 2>"$T/nc.err"; want=$?
		# shellcheck disable=SC2086
		run $c
		t_ok "$1: $c: stdout as --no-cache" cmp -s "$T/out" "$T/nc.out"
		t_ok "$1: $c: stderr as --no-cache" cmp -s "$T/err" "$T/nc.err"
		t_ok "$1: $c: status as --no-cache ($want)" [ "$rc" -eq "$want" ]
	done
}
# opens WHAT: does jf-balance open XB.yaml (read it) or only replay it?
# (with strace; else the figures alone are compared)
have_strace=
command -v strace >/dev/null 2>&1 && strace -o /dev/null true 2>/dev/null && have_strace=1
opens() {
	[ -n "$have_strace" ] || { t_skip "$1" "strace does not work here"; return; }
	ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" \
		strace -o "$T/strace" -e signal=none -e trace=open,openat jf-balance >"$T/so" 2>&1
	k=$(grep -c 'ledger/2026/XB.yaml"' "$T/strace")
	t_ok "$1 ($k)" [ "$k" "$2" 0 ]
	jf-balance --no-cache >"$T/so.nc" 2>&1
	t_ok "... and says what --no-cache says" cmp -s "$T/so" "$T/so.nc"
}
t_setup jf-check
t_setup jf-balance
t_setup jf-check
same "warm"
opens "warm: jf-balance replays XB.yaml's windows, does not open it" -eq
t_setup jf-add XB-018 clean-yard
same "after jf-add"
opens "after jf-add: XB.yaml is still replayed, not opened" -eq
# a void appended by jf-void: the book record gains its target, in place
t_setup jf-void -r 录错了 A00003
same "after jf-void"
opens "after jf-void: XB.yaml is still replayed, not opened" -eq
t_setup jf-void -r 录错了 A08000
same "after another jf-void"
printf -- '- id: HAND1\n  date: 2026-11-04\n  kind: adjust\n  household: XB-017\n  points: 3\n  reason: 补录\n  by: baiyang\n' >>ledger/2026/XB.yaml
same "after an entry appended by hand"
run jf-balance --format tsv XB-017 LQ-003
t_ok "the late void took Z1's points back" grep -q '^LQ-003	.*	0	0	0$' "$T/out"

# damage WHAT WINDOW: change a byte of XB.yaml's cache: in the records of
# window WINDOW (rec), its places (pos) or the window's tag (tag)
cat >"$T/damage.py" <<'PY'
import glob, struct, sys
what, w = sys.argv[1], int(sys.argv[2])
for path in glob.glob('.jf/cache/*'):
    b = bytearray(open(path, 'rb').read())
    if len(b) < 200 or b[:7] != b'JFCACHE':
        continue
    recsize, = struct.unpack_from('<I', b, 12)
    nrecs, nvoids = struct.unpack_from('<QQ', b, 112)
    pathlen, = struct.unpack_from('<I', b, 128)
    if bytes(b[200:200 + pathlen]) != b'ledger/2026/XB.yaml':
        continue
    nwin = (nrecs + 4095) // 4096
    pos_at = len(b) - nrecs * 16
    recs_at = pos_at - nrecs * recsize
    mac_at = recs_at - nrecs * 16 - 32
    for vsize in range(8, 4096, 8):
        wt_at = 200 + pathlen + nvoids * vsize
        wh_at = wt_at + 32 * nwin
        if wh_at + 64 <= mac_at and wh_at + 64 + struct.unpack_from('<Q', b, wh_at + 56)[0] == mac_at:
            break
    else:
        sys.exit('no layout')
    at = {'rec': recs_at + (w * 4096 + 7) * recsize + 16, 'pos': pos_at + (w * 4096 + 7) * 16,
          'tag': wt_at + 16 * w + 3}[what]
    b[at] ^= 1
    open(path, 'wb').write(b)
    sys.exit(0)
sys.exit('no cache of XB.yaml')
PY
# jf-add extends XB.yaml's cache a window at a time: a damaged window is
# not copied into the new writing (the reader before it read the file)
t_setup jf-check
t_setup jf-balance
python3 "$T/damage.py" rec 0 || exit 99
t_setup jf-add XB-017 sort-waste
same "rec 0 damaged, then jf-add"
t_setup jf-add XB-018 sort-waste
opens "... then jf-add again: XB.yaml's cache extended, replayed" -eq
for d in "rec 1" "rec 2" "pos 1" "tag 0" "tag 2"; do
	t_setup jf-check
	t_setup jf-balance
	# shellcheck disable=SC2086
	python3 "$T/damage.py" $d || exit 99
	opens "$d damaged: jf-balance reads XB.yaml, silently" -gt
	t_setup jf-check
	t_setup jf-balance
	# shellcheck disable=SC2086
	python3 "$T/damage.py" $d || exit 99
	same "$d damaged"
done
