#!/bin/sh
# seed4.sh - give a generated bench book the kinds of SPEC section 4 that
# bench/gen.c does not write: volunteers, served hours, wishes and reviewed
# earns, appended with the jf commands themselves.
#
# usage: sh bench/seed4.sh BIN BOOK
#
#   BIN   the directory of the jf-* binaries
#   BOOK  a copy of a book of bench/gen (it is changed)
#
# Adds two volunteer teams and 8 volunteers of village XB (volunteers.yaml),
# a review: block (jf.yaml), the rules volunteer-hour and brave-deed (review: true) and a service menu
# (catalogue.yaml), then appends, on 2026-06-01 (JF_NOW must be set): 8
# served hours, 8 wishes (4 taken), 4 reviewed earns of brave-deed (2 of
# them approved).  A few dozen entries beside the book's own: the readers
# then have something to list, and the cache something of each kind to keep.
# Used by bench/run.sh; prints nothing, exits non-zero when a command fails.
set -eu
bin=$1 b=$2
if [ ! -f "$b/catalogue.yaml" ] || [ -f "$b/volunteers.yaml" ]; then
	echo "seed4.sh: $b is not a generated book, or is seeded already" >&2
	exit 1
fi
cat >"$b/volunteers.yaml" <<'Y'
# Volunteer teams of the bench book (bench/seed4.sh).
teams:
  - {code: town,    name: 龙渠乡新时代文明实践志愿服务队}
  - {code: xb-care, name: 下堡村孝老爱亲志愿服务队, village: XB}
volunteers:
  - {id: V01, name: 马文军, team: town}
  - {id: V02, name: 赵丽,   team: town}
  - {id: V03, name: 王志刚, team: xb-care, household: XB-001}
  - {id: V04, name: 张玉梅, team: xb-care, household: XB-002}
  - {id: V05, name: 司红军, team: xb-care, household: XB-003}
  - {id: V06, name: 刘宝山, team: xb-care, household: XB-004}
  - {id: V07, name: 刘满仓, team: xb-care, household: XB-005}
  - {id: V08, name: 马正义, team: xb-care, household: XB-007}
Y
cat >>"$b/jf.yaml" <<'Y'
review:
  reviewers: [张红, 刘强, 陈梅]
  approvals: 2
  notice_days: 5
wish_days: 14
Y
tmp=$b/catalogue.yaml.seed
awk '/^goods:/ {
	print "  - {code: volunteer-hour, name: 志愿服务时长, category: 志愿服务, points: 1}"
	print "  - {code: brave-deed,     name: 见义勇为,     category: 文明实践, points: 50, review: true}"
	print ""
}
{ print }
END {
	print ""
	print "services:"
	print "  - {code: haircut, name: 上门理发}"
	print "  - {code: repair,  name: 家电维修}"
}' "$b/catalogue.yaml" >"$tmp"
mv "$tmp" "$b/catalogue.yaml"

for v in V03 V04 V05 V06 V07 V08 V01 V02; do
	"$bin/jf-serve" -C "$b" --activity volunteer-hour "$v" 2 >/dev/null
done
n=0
for h in XB-001 XB-002 XB-003 XB-004 XB-005 XB-007 XB-008 XB-009; do
	n=$((n + 1))
	out=$("$bin/jf-wish" post -C "$b" --service haircut --format json "$h" "上门理发 $n")
	id=$(printf '%s\n' "$out" | sed -n 's/.*"id": *"\([0-9A-Z]*\)".*/\1/p' | head -1)
	[ -n "$id" ] || { echo "seed4.sh: no id in jf-wish post's answer: $out" >&2; exit 1; }
	if [ $((n % 2)) = 0 ]; then
		"$bin/jf-wish" take -C "$b" --team xb-care "$id" >/dev/null
	fi
done
n=0
for h in XB-010 XB-011 XB-012 XB-013; do
	n=$((n + 1))
	out=$("$bin/jf-add" -C "$b" --format json "$h" brave-deed)
	id=$(printf '%s\n' "$out" | sed -n 's/.*"id": *"\([0-9A-Z]*\)".*/\1/p' | head -1)
	[ -n "$id" ] || { echo "seed4.sh: no id in jf-add's answer: $out" >&2; exit 1; }
	if [ $((n % 2)) = 0 ]; then
		"$bin/jf-review" approve -C "$b" --reviewer 张红 --reviewer 刘强 "$id" >/dev/null
	fi
done
