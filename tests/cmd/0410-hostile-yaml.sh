# Hostile YAML: anchors, aliases, tags, bad bytes, CR, several documents,
# deep nesting, big values.  Refused fast, with FILE:LINE:COL, exit 3.
. "$JF_TOP/tests/cmd/lib.sh"
t_book b; cd b || exit 99
A=01JDZ3K4M5N6P7Q8R9S0T1U2VA B=01JDZ3K4M5N6P7Q8R9S0T1U2VB
L=ledger/2026/XB.yaml
ledger() { rm -rf ledger; mkdir -p ledger/2026; cat >$L; }
E='household: XB-017'
good() { t_entry $B earn "$E" 'activity: litter' 'qty: 1' 'points: -5'; }

# A YAML-level refusal (anchor, alias, tag, too deep, too long) inside an
# entry followed by complete entries is that error at its place, never "the
# last entry is cut short" (which 'jf-check --repair' would set aside).
{ t_entry $A earn "$E" 'activity: &a litter' 'qty: 1' 'points: -5'; good; } | ledger
t_invalid "anchor" "$L:5:13: anchors are not allowed"
{ t_entry $A earn "$E" 'activity: *a' 'qty: 1' 'points: -5'; good; } | ledger
t_invalid "alias" "$L:5:13: aliases are not allowed"
{ t_entry $A earn "$E" 'activity: !!str litter' 'qty: 1' 'points: -5'; good; } | ledger
t_invalid "tag !!str" "$L:5:13: tags are not allowed"
{ t_entry $A earn "$E" 'activity: litter' 'qty: 1' 'points: -5' 'note: [[x]]'; good; } | ledger
t_invalid "nesting two deep" \
	"$L:8:9: nesting inside an entry is not allowed: values are plain text" \
	"$L:8:10: nesting deeper than this file allows"
{ t_entry $A earn "$E" 'activity: litter' 'qty: 1' 'points: -5' \
	"note: $(head -c 65537 /dev/zero | tr '\0' x)"; good; } | ledger
t_invalid "a value over 64 KiB" "$L:8:9: value longer than the limit of 65536 bytes"

{ printf '%%YAML 1.1\n---\n'; good; } | ledger
t_invalid "a %YAML directive" "$L:1:1: directives (%YAML, %TAG) are not allowed"
{ t_entry $A earn "$E" 'activity: litter' 'qty: 1' 'points: -5'; good; } |
	sed '8s/by: baiyang/by: bai\xffyang/' | ledger
t_invalid "invalid UTF-8 byte" "$L:8:10: invalid UTF-8 (byte 0xFF)"
{ t_entry $A earn "$E" 'activity: litter' 'qty: 1' 'points: -5'; good; } |
	sed '8s/by: baiyang/by: bai\xe9\x99yang/' | ledger
t_invalid "truncated UTF-8 sequence" "$L:8:10: invalid UTF-8 (byte 0x79)"
{ t_entry $A earn "$E" 'activity: litter' 'qty: 1' 'points: -5'; good; } |
	sed '8s/by: baiyang/by: bai\x00yang/' | ledger
t_invalid "NUL byte" "$L:8:10: control character U+0000 is not allowed"
{ t_entry $A earn "$E" 'activity: litter' 'qty: 1' 'points: -5' "note: $(printf 'a\033b')"; good; } | ledger
t_invalid "ESC in a value" "$L:8:10: control character U+001B is not allowed"
{ t_entry $A earn "$E" 'activity: litter' 'qty: 1' 'points: -5'; good; } | sed 's/$/\r/' | ledger
t_invalid "CRLF ledger" "$L:1:33: CR line ends are not allowed; convert the file to LF"
printf '[]\n' | ledger
t_invalid "flow-style ledger []" "$L:1:1: a ledger file must be a list of entries, each starting '- '"
printf 'id: %s\n' $A | ledger
t_invalid "a mapping, not a list" "$L:1:1: a ledger file must be a list of entries, each starting '- '"
{ t_entry $A earn "$E" 'activity: litter' 'qty: 1' 'points: -5'; echo ---; good; } | ledger
t_invalid "two documents" "$L:9:1: only one document is allowed in a ledger file"

# 50,000 '[' must fail at once, not recurse or allocate per level
awk 'BEGIN { for (i = 0; i < 50000; i++) printf "["; print "" }' | ledger
tmo=$(t_limit 5) t_invalid "50,000 nested '[', within 5 s" "$L:1:1: a ledger file must be a list of entries, each starting '- '"
{ printf -- '- x-deep: '
  awk 'BEGIN { for (i = 0; i < 50000; i++) printf "["; for (i = 0; i < 50000; i++) printf "]"; print "" }'
  good; } | ledger
t_save .
for p in jf-balance jf-add; do
	case $p in
	jf-add) run timeout "$(t_limit 5)" jf-add XB-017 litter ;;
	*) run timeout "$(t_limit 5)" jf-balance XB-017 ;;
	esac
	t_rc 3 "50,000 '[' inside an entry: $p exits 3 within 5 s"
	t_noout "50,000 '[' inside an entry: $p prints no result"
	t_errhas "50,000 '[' inside an entry: $p says why" "nesting deeper than this file allows"
done
t_unchanged "50,000 '[' inside an entry: nothing appended"

# Settings files are read as strictly
rm -rf ledger
sed -i 's/name: 下堡村/name: \&v 下堡村/' jf.yaml
t_save .
run jf-balance
t_rc 3 "anchor in jf.yaml: exit 3"
t_err "anchor in jf.yaml: named with line and column" <<'EOF'
jf-balance: jf.yaml:4:22: anchors are not allowed
EOF
