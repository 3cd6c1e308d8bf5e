#!/bin/sh
# tests/fuzz/seeds.sh - (re)write the seed corpus in tests/fuzz/corpus/ from
# the inputs the command tests use: valid entries of every kind, voids (in
# one file, across files, before their target), every malformed case of
# tests/cmd/04*.sh, and the settings files with their malformed variants.
# Seeds are small; the corpus the fuzzers grow stays out of the repository
# (tests/fuzz/run.sh works on a copy).
#
# ledger seeds: FILE-A [\f FILE-B [\f BYTES-APPENDED-TO-A]]  (fuzz_ledger.c)
# settings seeds: one byte choosing the file (0 jf.yaml, 1 catalogue.yaml,
# 2 households.yaml; the byte is taken mod 3), then its text (fuzz_settings.c)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
L=$here/corpus/ledger S=$here/corpus/settings
rm -rf "$L" "$S"
mkdir -p "$L" "$S"

A=01JDZ3K4M5N6P7Q8R9S0T1U2VA B=01JDZ3K4M5N6P7Q8R9S0T1U2VB C=01JDZ3K4M5N6P7Q8R9S0T1U2VC
E='household: XB-017'
entry() { # as tests/cmd/lib.sh t_entry
	printf -- '- id: %s\n  date: 2026-11-20\n  kind: %s\n' "$1" "$2"; shift 2
	for f; do printf '  %s\n' "$f"; done
	printf '  by: baiyang\n'
}
earn() { entry "$1" earn "$E" 'activity: litter' 'qty: 1' 'points: -5'; }
ff() { printf '\f'; }
seed() { cat >"$L/$1"; }

# valid
{ printf -- '- id: %s\n  date: 2026-11-28\n  at: 2026-11-28T10:15:02+08:00\n' $A
  printf '  kind: earn\n  household: XB-017\n  activity: clean-yard\n  qty: 1\n'
  printf '  points: 5\n  by: baiyang\n  note: 打扫院落\n'; } | seed valid-earn
{ entry $A redeem "$E" 'item: washing-powder' 'qty: 2' 'points: -20'
  entry $B adjust "$E" 'points: 100' 'reason: "opening balance: 2025"'
  entry $C restock 'village: XB' 'item: washing-powder' 'qty: -3' 'note: 受潮'; } | seed valid-kinds
{ entry $A earn "$E" 'activity: sort-waste' 'qty: 3' "points: '1.5'" 'x-scan: yes'
  printf '\n# checked by 白杨\n\n'; } | seed valid-comments-x-key
{ earn $A; entry $B void "ref: $A" 'reason: wrong household'; } | seed void
{ entry $B void "ref: $A" 'reason: before its target'; earn $A; } | seed void-before-target
{ earn $A; ff; entry $B void "ref: $A" 'reason: x'; } | seed void-across-files
{ entry $B void "ref: $A" 'reason: x'; ff; earn $A; } | seed void-file-before-target
{ earn $A; ff; ff; entry $B void "ref: $A" 'reason: appended later'; } | seed cached-then-void
{ earn $A; ff; ff; earn $B; } | seed cached-then-append
{ earn $A; ff; ff; earn $B | head -c 60; } | seed cached-then-cut
{ earn $A; printf '# no newline'; ff; ff; earn $B; } | seed cached-comment-no-newline
{ earn $A; ff; ff; printf -- '---\n'; earn $B; } | seed cached-then-document

# malformed: YAML features
{ entry $A earn "$E" 'activity: &a litter' 'qty: 1' 'points: -5'; earn $B; } | seed anchor
{ entry $A earn "$E" 'activity: *a' 'qty: 1' 'points: -5'; } | seed alias
{ entry $A earn "$E" 'activity: !!str litter' 'qty: 1' 'points: -5'; } | seed tag
{ printf -- '- &e\n  id: %s\n  date: 2026-11-20\n  kind: earn\n  by: x\n- <<: *e\n  id: %s\n' $A $B; } | seed merge-key
{ printf '%%YAML 1.1\n---\n'; earn $A; } | seed directive
{ earn $A; printf -- '---\n'; earn $B; } | seed two-documents
{ printf '\357\273\277'; earn $A; } | seed bom
{ earn $A; printf '\357\273\277'; earn $B; } | seed bom-inside
{ entry $A earn "$E" 'activity: litter' 'qty: 1' 'points: -5' 'note: [[x]]'; } | seed nesting
{ entry $A earn "$E" 'activity: litter' 'qty: 1' 'points: -5' 'note: |' '    two' '    lines'; } | seed block-scalar
printf '[]\n' | seed flow-ledger
awk 'BEGIN { printf "- x-deep: "; for (i = 0; i < 200; i++) printf "["; print "" }' | seed deep

# malformed: encoding
earn $A | sed '8s/by: baiyang/by: bai\xffyang/' | seed utf8-ff
earn $A | sed '8s/by: baiyang/by: bai\xed\xa0\x80yang/' | seed utf8-surrogate
earn $A | sed '8s/by: baiyang/by: bai\x00yang/' | seed nul
earn $A | sed 's/$/\r/' | seed crlf
LS=$(printf '\342\200\250')
{ earn $B; printf '# a comment%s- id: %s%s  date: 2026-11-20%s  kind: adjust%s  household: XB-017%s  points: 1000%s  reason: x%s  by: baiyang\n' \
	"$LS" $A "$LS" "$LS" "$LS" "$LS" "$LS" "$LS"; } | seed line-separator

# malformed: structure, values, references
{ entry $A earn "$E" 'activity: litter' 'qty: 1' 'qty: 2' 'points: -5'; earn $B; } | seed duplicate-key
{ entry $A earn "$E" 'activity: litter' 'qty: 1' 'points: -5' 'colour: red'; } | seed unknown-key
{ entry $A earn 'household: XB-099' 'activity: dance' 'qty: 1' 'points: -5'; } | seed unknown-codes
{ entry $A earn "$E" 'activity: litter' 'qty: 012' 'points: 5.123'; } | seed bad-numbers
printf -- '- id: %s\n  date: 2026-02-30\n  at: 2026-13-01T25:00:00+08:00\n  kind: adjust\n  household: XB-017\n  points: 0\n  reason: x\n  by: baiyang\n' $A | seed bad-dates
{ earn $A | sed '/by:/d'; earn $B; } | seed missing-by
{ entry $A void "ref: $C" 'reason: x'; } | seed void-unknown
{ earn $A; entry $B void "ref: $A" 'reason: x'; entry $C void "ref: $B" 'reason: x'; } | seed void-of-void
{ entry $A void "ref: $A" 'reason: x'; } | seed void-self
{ earn $A; ff; earn $A; } | seed duplicate-id-across-files

# cut-short tails
{ earn $A; earn $B | head -c -1; } | seed cut-no-newline
{ earn $A; printf -- '- '; } | seed cut-dash
{ earn $A; printf '\0\0\0\0'; } | seed cut-nul-tail

# settings
jf() {
	cat <<-'EOF'
	township: 龙渠乡
	timezone: Asia/Shanghai
	villages:
	  - {code: XB, name: 下堡村}
	  - {code: LQ, name: 龙渠村}
	ledger: ledger/{year}/{village}.yaml
	low_stock: 5
	lang: zh
	EOF
}
cat_() {
	cat <<-'EOF'
	activities:
	  - code: clean-yard
	    name: 庭院整洁
	    category: 环卫整治
	    points: 5
	    limit: 1/week
	  - {code: litter, name: 乱扔垃圾, category: 环卫整治, points: -5}
	  - {code: harvest-help, name: 秋收互助, category: 志愿服务, points: 8, since: 2026-09-01, until: 2026-10-31}
	goods:
	  - {code: washing-powder, name: 洗衣粉, unit: 袋, points: 10, stock: true}
	  - {code: soap, name: 肥皂, unit: 块, points: 3}
	EOF
}
hh() {
	cat <<-'EOF'
	households:
	  - {id: XB-017, head: 司学霞, village: XB, since: 2023-01-01}
	  - {id: LQ-003, head: 李明, village: LQ}
	  - id: XB-020
	    head: 张秀英
	    village: XB
	    until: 2026-06-30
	EOF
}
s() { { printf "\\$(printf %03o "$1")"; cat; } >"$S/$2"; }
jf | s 0 jf
cat_ | s 1 catalogue
hh | s 2 households
jf | sed 's/$/\r/' | s 0 jf-crlf
{ printf '\357\273\277'; jf; } | s 0 jf-bom
jf | sed 's/name: 下堡村/name: \&v 下堡村/' | s 0 jf-anchor
{ jf; printf 'x-base: &b {code: ZZ, name: z}\nx-more: [*b]\n'; } | s 0 jf-alias
{ cat_; printf '  - <<: {code: towel, name: 毛巾, unit: 条}\n    points: 4\n'; } | s 1 catalogue-merge-key
cat_ | sed 's/points: 5$/points: !!float 5/' | s 1 catalogue-tag
jf | sed 's/Asia\/Shanghai/..\/..\/etc\/passwd/' | s 0 jf-bad-timezone
jf | sed 's/ledger: .*/ledger: ledger\/{year}\/..\/{nope}.yaml/' | s 0 jf-bad-pattern
cat_ | sed 's/limit: 1\/week/limit: 0\/fortnight/; s/points: 3}/points: 3.555}/' | s 1 catalogue-bad-values
hh | sed 's/village: LQ/village: ZZ/; s/XB-020/XB-017/' | s 2 households-bad
{ hh; printf '  - {id: XB-030, head: x, village: XB}\n  - [nested, [deeper, [deepest]]]\n'; } | s 2 households-nested
awk 'BEGIN { printf "households: "; for (i = 0; i < 200; i++) printf "["; print "" }' | s 2 households-deep
printf 'township: "a\\x01b"\ntimezone: UTC\nvillages: []\n' | s 0 jf-control
printf '%%TAG ! tag:x,2024:\n---\ntownship: t\n' | s 0 jf-directive
printf -- '--- \n...\n---\nactivities: []\n' | s 1 catalogue-two-documents
echo "corpus: $(ls "$L" | wc -l) ledger seeds, $(ls "$S" | wc -l) settings seeds"
