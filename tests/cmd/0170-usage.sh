# Options every command shares: --help, --version, bad options.
. "$JF_TOP/tests/cmd/lib.sh"
t_book b; cd b || exit 99

for c in add redeem adjust restock void balance log report check merge; do
	run jf-$c --help
	u=$(sed -n 1p "$T/out")
	t_rc 0 "jf-$c --help: exit 0"
	t_noerr "jf-$c --help: nothing on stderr"
	sed -n '1{s/^usage: \(jf-[a-z]*\) .*/\1/p;}; $p' "$T/out" >"$T/got"
	printf 'jf-%s\nSee jf-%s(1).\n' $c $c >"$T/exp"
	t_same "jf-$c --help: usage line first, man page last, on stdout" "$T/exp" "$T/got"
	run jf-$c -h
	t_rc 0 "jf-$c -h: exit 0"
	run jf-$c --version
	t_rc 0 "jf-$c --version: exit 0"
	t_out "jf-$c --version: name and version" <<-EOF
	jf-$c (jf) 0.1.0
	EOF
	t_refuse "jf-$c --bogus" 2 jf-$c --bogus <<-EOF
	jf-$c: unknown option '--bogus'
	$u
	EOF
done
# --help and --version to a full stdout: exit 4 with a message, like any
# other output (they once exited 0, the text lost)
if [ -w /dev/full ]; then
	for c in jf jf-add jf-redeem jf-adjust jf-restock jf-void jf-balance jf-log jf-report \
		 jf-check jf-merge; do
		for o in --help --version; do
			run sh -c "$c $o >/dev/full"
			t_rc 4 "$c $o to a full stdout: exit 4"
			t_err "$c $o to a full stdout: says so" <<-EOF
			$c: write error on standard output: No space left on device
			EOF
		done
	done
else
	t_skip "--help to a full stdout" "/dev/full is not writable here"
fi

U=$(jf-add --help | sed -n 1p)
t_refuse "unknown short option" 2 jf-add -x XB-017 litter <<EOF
jf-add: unknown option '-x'
$U
EOF
t_refuse "--help after an unknown option" 2 jf-add --bogus --help <<EOF
jf-add: unknown option '--bogus'
$U
EOF
run jf-add XB-017 litter --help
t_rc 0 "--help after operands: exit 0"
t_unchanged "--help after operands: nothing written"

# an option missing its argument at the end of the line
# an option missing its argument at the end must not take the "--" that the
# operand permutation inserts (it once recorded note "--")
t_refuse "-n without its argument" 2 jf-add XB-017 litter -n <<EOF
jf-add: option '-n' needs an argument
$U
EOF
t_refuse "-r without its argument" 2 jf-adjust XB-017 5 -r <<EOF
jf-adjust: option '-r' needs an argument
$(jf-adjust --help | sed -n 1p)
EOF
t_refuse "--date without its argument" 2 jf-add XB-017 litter --date <<EOF
jf-add: option '--date' needs an argument
$U
EOF

# "--dry-run=yes" is named as given (it once printed the option's internal
# number as a byte)
t_save .
run jf-add XB-017 litter --dry-run=yes
t_rc 2 "--dry-run=yes: exit 2"
t_errhas "--dry-run=yes: the message names the option" "'--dry-run"
t_unchanged "--dry-run=yes: nothing written"

t_refuse "bad date 2026-02-30" 2 jf-add XB-017 litter -d 2026-02-30 <<EOF
jf-add: bad date '2026-02-30': no such day (YYYY-MM-DD)
$U
EOF
# (the message once read "date must be YYYY-MM-DD (YYYY-MM-DD)")
for d in 2026-2-3 20261128 2026-11-28T10:00 yesterday; do
	t_save .
	run jf-add XB-017 litter --date "$d"
	t_rc 2 "bad date '$d': exit 2"
	t_noout "bad date '$d': no result"
	t_err "bad date '$d': message" <<-EOF
	jf-add: bad date '$d': date must be YYYY-MM-DD
	$U
	EOF
	t_unchanged "bad date '$d': nothing written"
done
t_refuse "--wait -1" 2 jf-add --wait -1 XB-017 litter <<EOF
jf-add: bad --wait '-1': number out of range (whole seconds, 0..86400)
$U
EOF
t_refuse "--wait abc" 2 jf-add --wait abc XB-017 litter <<EOF
jf-add: bad --wait 'abc': not a number (whole seconds, 0..86400)
$U
EOF
t_refuse "operator name with a newline" 2 jf-add -b "a
b" XB-017 litter <<EOF
jf-add: the operator name contains a control character (tab, newline...)
$U
EOF
t_refuse "no operator name at all" 2 env -u JF_OPERATOR -u LOGNAME -u USER jf-add -b '' XB-017 litter <<EOF
jf-add: no operator name: use -b NAME or set JF_OPERATOR
$U
EOF
# "--" ends the options: what follows is an operand even if it looks like one
t_refuse "-- then an option-like operand" 1 jf-add -- XB-017 --bogus <<'EOF'
jf-add: unknown activity '--bogus'
EOF
