# Hand-written transfer and expire entries are read strictly: every bad one
# is refused with its place (exit 3, no byte changed); jf-void refuses to
# void a receipt of expiry.
. "$JF_TOP/tests/cmd/lib.sh"
t_book b; cd b || exit 99
echo 'expiry: {every: year-end}' >>jf.yaml
mkdir -p ledger/2026
bad() {
	d=$1; shift
	{ t_entry 01HANDYEAR0000000000000001 "$@"
	  t_entry 01HANDYEAR0000000000000009 adjust "household: XB-018" "points: 1" "reason: r"; } >ledger/2026/XB.yaml
	t_invalid "$d" "$(cat "$T/want1")"
}
printf '%s' "ledger/2026/XB.yaml:6:11: a transfer's points must be more than 0" >"$T/want1"
bad "transfer of 0" transfer "household: XB-017" "to: XB-018" "points: 0" "reason: r"
printf '%s' "ledger/2026/XB.yaml:5:7: a transfer to the household it comes from" >"$T/want1"
bad "transfer to itself" transfer "household: XB-017" "to: XB-017" "points: 5" "reason: r"
printf '%s' "ledger/2026/XB.yaml:5:7: unknown household 'XB-099'" >"$T/want1"
bad "transfer to an unknown household" transfer "household: XB-017" "to: XB-099" "points: 5" "reason: r"
printf '%s' "ledger/2026/XB.yaml:1:3: transfer entry has no 'reason'" >"$T/want1"
bad "transfer without a reason" transfer "household: XB-017" "to: XB-018" "points: 5"
printf '%s' "ledger/2026/XB.yaml:5:11: a receipt of expiry's points must be negative" >"$T/want1"
bad "expire of positive points" expire "household: XB-017" "points: 5" "until: 2026-11-19"
printf '%s' "ledger/2026/XB.yaml:2:9: a receipt of expiry is dated the day after its 'until' (2026-01-01)" >"$T/want1"
bad "expire not dated the day after until" expire "household: XB-017" "points: -5" "until: 2025-12-31"
printf '%s' "ledger/2026/XB.yaml:6:10: bad until '2025-12-32': no such day" >"$T/want1"
bad "expire with a bad until" expire "household: XB-017" "points: -5" "until: 2025-12-32"
printf '%s' "ledger/2026/XB.yaml:5:7: 'to' does not belong in an entry of kind expire" >"$T/want1"
bad "expire with a to" expire "household: XB-017" "to: XB-018" "points: -5" "until: 2026-11-19"

# a receipt cannot be voided
t_entry 01HANDYEAR0000000000000002 expire "household: XB-017" "points: -5" "until: 2026-11-19" >ledger/2026/XB.yaml
t_refuse "void of a receipt" 1 jf-void -r x 01HANDYEAR0000000000000002 <<'EOF'
jf-void: '01HANDYEAR0000000000000002' (kind expire) cannot be voided
EOF
