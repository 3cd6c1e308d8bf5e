#!/bin/sh
# 1452-wish-closed-household.sh - a wish of a household whose account is
# closed on the as-of day (past its until:) is not on the wall: jf-wish
# list leaves it out (and the printed wall), with and without the cache;
# up to the until: day it is there; --all lists it with its state.
. "$JF_TOP/tests/cmd/lib.sh"
. "$JF_TOP/tests/cmd/wish-book.sh"
cd "$T" && wish_book b
sed -i 's/^\(  - {id: XB-018, head: 王建国, village: XB\)}/\1, until: 2026-11-20}/' households.yaml
grep -q 'XB-018.*until: 2026-11-20' households.yaml || { echo "Bail out! households.yaml"; exit 99; }
JF_NOW=2026-11-30T12:00:00+08:00; export JF_NOW
# pick: of the TSV list, the columns id, household and state
pick() {
	c=$(head -n 1 "$T/out" | tr '\t' '\n' | grep -nx state | cut -d: -f1)
	cut -f1,2,"${c:-1}" "$T/out"
}
t_save .
run jf-wish list --format tsv
t_rc 0 "list: exit 0"
t_noerr "... nothing on stderr"
pick >"$T/part"; mv "$T/part" "$T/out"
t_out "list: XB-018's open wish is off the wall once its account closed" <<'EOF'
id	household	state
01JW000000000000000000W003	LQ-003	taken
01JW000000000000000000W004	XB-017	taken
01JW000000000000000000W006	XB-017	open
EOF
run jf-wish list --format tsv --no-cache
pick >"$T/part"; mv "$T/part" "$T/out"
t_out "... the same without the cache" <<'EOF'
id	household	state
01JW000000000000000000W003	LQ-003	taken
01JW000000000000000000W004	XB-017	taken
01JW000000000000000000W006	XB-017	open
EOF
run jf-wish list --format tsv --as-of 2026-11-20
pick >"$T/part"; mv "$T/part" "$T/out"
t_out "--as-of its until: day: still on the wall" <<'EOF'
id	household	state
01JW000000000000000000W002	XB-018	open
01JW000000000000000000W003	LQ-003	taken
01JW000000000000000000W004	XB-017	taken
EOF
run jf-wish list --format tsv --all
pick >"$T/part"; mv "$T/part" "$T/out"
t_out "--all: listed with its state" <<'EOF'
id	household	state
01JW000000000000000000W001	XB-017	done
01JW000000000000000000W002	XB-018	open
01JW000000000000000000W003	LQ-003	taken
01JW000000000000000000W004	XB-017	taken
01JW000000000000000000W005	XB-018	dropped
01JW000000000000000000W006	XB-017	open
EOF
run jf-wish list --format html
t_rc 0 "the wall: exit 0"
t_ok "... without the closed household's wish" sh -c '! grep -q 修一修堂屋的电灯 "$1"' - "$T/out"
t_unchanged "reading appends nothing"
# jf-report's "open at the period's end" counts what the wall shows then:
# not the closed household's wish, nor is it the oldest open
wishes_json() {
	sed -n '/^  "wishes": {/,/^  }/p' "$T/out" | grep -E '"(open|oldest_household|oldest_posted)"'
}
for c in "" --no-cache; do
	run jf-report --month 2026-11 --format json $c
	t_rc 0 "report ${c:-with the cache}: exit 0"
	wishes_json >"$T/part"; mv "$T/part" "$T/out"
	t_out "... open at the end: not the closed account's wish" <<'EOF2'
    "open": 3,
    "oldest_household": "LQ-003",
    "oldest_posted": "2026-11-05",
EOF2
done
run jf-report --from 2026-11-01 --to 2026-11-20 --format json
wishes_json >"$T/part"; mv "$T/part" "$T/out"
t_out "report to its until: day: still open then" <<'EOF2'
    "open": 3,
    "oldest_household": "XB-018",
    "oldest_posted": "2026-11-02",
EOF2
run jf-report --month 2026-11
t_rc 0 "report, text: exit 0"
t_unchanged "reporting appends nothing"
