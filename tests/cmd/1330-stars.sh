# 星级文明户 (SPEC 4.4): with stars: in jf.yaml, jf-report --year lists each
# village's households by stars, in every format (JSON stars); earn points
# of the year net of its voids plus base; adjustments and transfers do not
# count; a veto rule bars any star; only accounts open on 31 December.
. "$JF_TOP/tests/cmd/lib.sh"
JF_NOW=2026-12-31T10:15:02+08:00; export JF_NOW
t_book b; cd b || exit 99
cat >>jf.yaml <<'EOF'
stars:
  base: 10
  veto: [litter]
  levels:
    - {stars: 1, min: 12}
    - {stars: 2, min: 20}
EOF
t_setup jf-add -d 2026-03-02 XB-017 clean-yard
t_setup jf-add -d 2026-03-09 XB-017 clean-yard
t_setup jf-add -d 2026-03-16 XB-017 clean-yard
E3=$(lastid)
t_setup jf-void -d 2026-12-01 -r 录错 "$E3"
t_setup jf-add -d 2025-12-29 XB-017 clean-yard
t_setup jf-add -d 2026-03-09 XB-018 clean-yard
t_setup jf-add -d 2026-03-10 XB-018 sort-waste 4
t_setup jf-add -d 2026-04-09 XB-018 litter
t_setup jf-adjust -r 期初 LQ-003 100
t_setup jf-transfer -r 分户 XB-017 LQ-003 5
t_setup jf-add -d 2026-05-09 LQ-003 sort-waste 6

run jf-report --year 2026 --format json
t_rc 0 "json: exit 0"
python3 -c 'import json,sys; print(json.dumps(json.load(open(sys.argv[1]))["stars"], ensure_ascii=False))' "$T/out" >"$T/got" 2>&1 ||
	cp "$T/out" "$T/got"
cat >"$T/exp" <<'EOF'
[{"household": "XB-017", "head": "司学霞", "village": "XB", "points": 20, "stars": 2}, {"household": "XB-018", "head": "王建国", "village": "XB", "points": 12, "stars": 0}, {"household": "XB-021", "head": "赵新", "village": "XB", "points": 10, "stars": 0}, {"household": "LQ-003", "head": "李明", "village": "LQ", "points": 13, "stars": 1}]
EOF
t_same "json: stars, most first; the veto bars XB-018; XB-020 closed is not rated" "$T/exp" "$T/got"
run jf-report --year 2026
t_rc 0 "text: exit 0"
sed -n '/^Star-rated households/,$p' "$T/out" >"$T/got"
cat >"$T/exp" <<'EOF'
Star-rated households
---------------------
village  household  head    points  stars
下堡村   XB-017     司学霞      20      2
下堡村   XB-018     王建国      12      0
下堡村   XB-021     赵新        10      0
龙渠村   LQ-003     李明        13      1
EOF
t_same "text: the section" "$T/exp" "$T/got"
run jf-report --year 2026 --format csv
grep ',star,' "$T/out" | tr -d '\r' >"$T/got"
cat >"$T/exp" <<'EOF'
2026-01-01,2026-12-31,star,XB,XB-017,司学霞,,,2,,,,,20,,,,,,,,,,,,
2026-01-01,2026-12-31,star,XB,XB-018,王建国,,,0,,,,,12,,,,,,,,,,,,
2026-01-01,2026-12-31,star,XB,XB-021,赵新,,,0,,,,,10,,,,,,,,,,,,
2026-01-01,2026-12-31,star,LQ,LQ-003,李明,,,1,,,,,13,,,,,,,,,,,,
EOF
t_same "csv: star rows (qty: the stars)" "$T/exp" "$T/got"
run jf-report --year 2026 --format markdown
t_ok "markdown: the section" grep -qF '| 下堡村 | XB-017 | 司学霞 | 20 | 2 |' "$T/out"
run jf-report --year 2026 --format html
t_ok "html: a board per village" [ "$(grep -c '<h2>Star-rated households</h2>' "$T/out")" -eq 2 ]
run jf-report --month 2026-03 --format json
t_ok "not a calendar year: no stars" sh -c '! grep -q "\"stars\"" "$1"' - "$T/out"
run jf-report --from 2026-01-01 --to 2026-12-30 --format json
t_ok "a year cut short: no stars" sh -c '! grep -q "\"stars\"" "$1"' - "$T/out"
cd .. || exit 99
t_book plain; cd plain || exit 99
run jf-report --year 2026 --format json
t_ok "no stars: in jf.yaml: no stars" sh -c '! grep -q "\"stars\"" "$1"' - "$T/out"

# reviewed entries (SPEC 4.2): their points and a veto rule's use count in
# the year of their counting day; a rejected one, or one voided before it
# counts, never bars a star
t_book rv; cd rv || exit 99
cat >>jf.yaml <<'EOF'
review:
  reviewers: [sixuexia, shijuhua]
  notice_days: 3
stars:
  veto: [lavish]
  levels:
    - {stars: 1, min: 10}
EOF
sed -i 's/^goods:$/  - {code: lavish, name: 大操大办, category: 移风易俗, points: -10, review: true}\n  - {code: help, name: 帮扶, category: 志愿服务, points: 20, review: true}\ngoods:/' catalogue.yaml
JF_NOW=2026-12-28T10:00:00+08:00; export JF_NOW
t_setup jf-add -d 2026-03-02 XB-018 clean-yard
t_setup jf-add -d 2026-03-09 XB-018 clean-yard
t_setup jf-add XB-018 lavish
L=$(lastid)
t_setup jf-add -d 2026-12-20 XB-017 help
H=$(lastid)
JF_NOW=2026-12-30T10:00:00+08:00; export JF_NOW
t_setup jf-review approve --reviewer sixuexia "$L" "$H"
JF_NOW=2027-01-10T10:00:00+08:00; export JF_NOW
t_setup jf-add -d 2027-01-06 LQ-003 help
t_setup jf-review approve --reviewer sixuexia "$(lastid ledger/2027/LQ.yaml)"
JF_NOW=2027-03-01T10:00:00+08:00; export JF_NOW
t_setup jf-add -d 2027-01-04 XB-018 clean-yard
t_setup jf-add -d 2027-01-11 XB-018 clean-yard
t_setup jf-add -d 2027-01-05 LQ-003 lavish
t_setup jf-review reject --reviewer shijuhua -r 无此事 "$(lastid ledger/2027/LQ.yaml)"
t_setup jf-add -d 2027-02-01 LQ-003 lavish
V=$(lastid ledger/2027/LQ.yaml)
t_setup jf-review approve --reviewer sixuexia "$V"
t_setup jf-void -r 录错 "$V"
stars() {
	python3 -c 'import json,sys; print(" ".join("%s:%s:%s" % (s["household"], s["points"], s["stars"]) for s in json.load(open(sys.argv[1]))["stars"]))' "$T/out" >"$T/got" 2>&1
	echo "$1" >"$T/exp"
}
for c in "" --no-cache; do
	run jf-report $c --year 2026 --format json
	stars "XB-018:10:1 XB-017:0:0 XB-021:0:0 LQ-003:0:0"
	t_same "reviewed: 2026 $c: the veto counts in 2027, not here" "$T/exp" "$T/got"
	run jf-report $c --year 2027 --format json
	stars "XB-017:20:1 XB-018:0:0 XB-021:0:0 LQ-003:20:1"
	t_same "reviewed: 2027 $c: counted on its counting day; rejected and voided early bar nothing" "$T/exp" "$T/got"
done
cd .. || exit 99
