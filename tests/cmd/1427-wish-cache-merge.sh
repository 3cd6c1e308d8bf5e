#!/bin/sh
# 1427-wish-cache-merge.sh - two clones that each took the same wish,
# merged by jf-merge in either direction, give the same state (the first
# take in canonical order stands, SPEC 4.0), jf-check names the one it
# superseded, and the writers see the state so; the cache agrees with
# --no-cache after serves and their voids.
. "$JF_TOP/tests/cmd/lib.sh"
at() { JF_NOW=$1T$2+08:00; export JF_NOW; }
X=ledger/2026/XB.yaml
vols() {
	cat >volunteers.yaml <<-'EOF'
	teams:
	  - {code: xb-care, name: 下堡村孝老爱亲志愿服务队, village: XB}
	  - {code: town, name: 龙渠乡志愿服务总队}
	volunteers:
	  - {id: V001, name: 白洋, team: xb-care, household: XB-017}
	  - {id: V002, name: 石菊花, team: town, household: XB-018}
	EOF
	sed -i 's/^goods:/  - {code: vol-hour, name: 志愿服务, category: 志愿服务, points: 1, limit: 4\/day}\ngoods:/' catalogue.yaml
}

# ---- the cache and --no-cache after serves ----
t_book cb; cd cb || exit 99
vols
at 2026-11-20 09:00:00
t_setup jf-wish post XB-017 修灯
W=$(lastid)
t_setup jf-balance
t_setup jf-wish take "$W" --volunteer V001
t_setup jf-serve V001 2 --activity vol-hour --wish "$W"
S=$(lastid)
at 2026-11-20 10:00:00
t_setup jf-serve V002 1.5 --activity vol-hour
t_setup jf-void "$S" -r 记错
t_setup jf-serve V001 1.25 --activity vol-hour
at 2026-11-21 09:00:00
t_setup jf-wish done "$W" --serve V001:0.5 --serve V002:1 --activity vol-hour
for c in "" "--as-of 2026-11-20" "--format json"; do
	jf-balance $c >"$T/c" 2>&1
	jf-balance $c --no-cache >"$T/n" 2>&1
	t_same "jf-balance $c: the cache agrees with --no-cache" "$T/n" "$T/c"
done
run jf-balance --format tsv XB-017 XB-018
t_out "the serves' points, the voided one taken back" <<'EOF'
household	head	village	earned	spent	balance
XB-017	司学霞	XB	1.75	0	1.75
XB-018	王建国	XB	2.5	0	2.5
EOF
for c in "" --no-cache; do
	run jf-serve V001 2.76 --activity vol-hour -d 2026-11-20 --dry-run $c
	t_rc 1 "jf-serve $c: the limit counts the hours of the day, bar the voided ($c)"
	t_errhas "... the message ($c)" "and XB-017 has 1.25 in that day"
done

# ---- two clones take one wish ----
if ! command -v git >/dev/null 2>&1; then
	t_skip "merging two clones' takes" "git is not installed"
	exit 0
fi
cd "$T" && t_book m && cd m || exit 99
vols
at 2026-11-20 09:00:00
t_setup jf-wish post XB-017 给卧床的奶奶理发
W=$(lastid)
cp -R . "$T/A" && cp -R . "$T/B" && cp $X "$T/base" || exit 99
# clone A takes it at 10:00 (and serves), clone B at 09:30 on the same day
at 2026-11-20 10:00:00; (cd "$T/A" && t_setup jf-wish take "$W" --team xb-care)
TA=$(lastid "$T/A/$X")
(cd "$T/A" && t_setup jf-serve V001 1 --wish "$W")
at 2026-11-20 09:30:00; (cd "$T/B" && t_setup jf-wish take "$W" --team town)
TB=$(lastid "$T/B/$X")
for dir in AB BA; do
	o=${dir%?} t=${dir#?}
	cp "$T/$o/$X" "$T/ours" && cp "$T/$t/$X" "$T/theirs" || exit 99
	run jf-merge "$T/base" "$T/ours" "$T/theirs" $X
	t_rc 0 "jf-merge $o with $t"
	rm -rf "$T/M$dir" && cp -R . "$T/M$dir" && cp "$T/ours" "$T/M$dir/$X" || exit 99
done
t_ok "the two directions give different bytes" sh -c '! cmp -s "$1" "$2"' - "$T/MAB/$X" "$T/MBA/$X"
for dir in AB BA; do
	t_ok "merged $dir: both takes kept" [ "$(grep -c '^  kind: take$' "$T/M$dir/$X")" -eq 2 ]
	(cd "$T/M$dir" && jf-check) >"$T/out" 2>"$T/err"
	sed -i 's/:[0-9]*:[0-9]*:/:L:C:/' "$T/err"
	t_err "jf-check ($dir): A's later take is superseded by B's earlier one" <<EOF
jf-check: $X:L:C: warning: this take has no effect: superseded by $TB
EOF
done
at 2026-11-21 09:00:00
for c in "jf-wish take $W --volunteer V002 --dry-run" "jf-void $TA -r x --dry-run" \
	 "jf-wish take $W --volunteer V002 --dry-run --no-cache"; do
	(cd "$T/MAB" && $c) >"$T/ab" 2>&1
	(cd "$T/MBA" && $c) >"$T/ba" 2>&1
	t_same "merged either way: the same '$c'" "$T/ab" "$T/ba"
done
(cd "$T/MAB" && jf-wish take "$W" --volunteer V002) >"$T/out" 2>"$T/err"
t_err "merged: B's take stands" <<EOF
jf-wish: wish '$W' was taken on 2026-11-20 (take $TB); a wish is taken once
EOF
(cd "$T/MBA" && jf-void "$TA" -r x) >"$T/out" 2>"$T/err"
t_err "merged: A's take has no effect, so there is nothing to void" <<EOF
jf-void: take '$TA' has no effect (another take stands); there is nothing to undo
EOF
for dir in AB BA; do
	(cd "$T/M$dir" && jf-void "$TB" -r 换队 && jf-wish take "$W" --volunteer V002) >"$T/out" 2>"$T/err"
	t_noerr "merged $dir: B's take voided, the wish is taken again"
	(cd "$T/M$dir" && jf-check) >"$T/out" 2>"$T/err"
	t_ok "merged $dir: still valid" [ $? -eq 0 ]
done
