# A ledger pattern in jf.yaml whose files the readers would never read (a
# name starting with '.', not ending .yaml, outside ledger/, an empty name)
# is refused: the book is invalid (exit 3, jf.yaml:LINE:COL) and no writer
# appends where no reader looks.
. "$JF_TOP/tests/cmd/lib.sh"
# pat PATTERN: a new standard book at $T/b with that ledger pattern
pat() {
	cd "$T" && rm -rf b && t_book b && cd b || exit 99
	printf 'ledger: %s\n' "$1" >>jf.yaml
}
why_dot="a name starts with '.', and readers skip such files and directories"

pat 'ledger/{year}/.{village}.yaml'
t_invalid "hidden file" "jf.yaml:7:9: bad ledger pattern 'ledger/{year}/.{village}.yaml': $why_dot"
t_ok "hidden file: jf-add wrote no hidden ledger" [ ! -e ledger/2026/.XB.yaml ]
run jf-check
t_rc 3 "hidden file: jf-check exit 3"
pat 'ledger/.x/{year}/{village}.yaml'
t_invalid "hidden directory" "jf.yaml:7:9: bad ledger pattern 'ledger/.x/{year}/{village}.yaml': $why_dot"
pat 'ledger/{year}//{village}.yaml'
t_invalid "empty name" "jf.yaml:7:9: bad ledger pattern 'ledger/{year}//{village}.yaml': an empty directory name ('//')"
pat 'ledger/{year}/{village}.yml'
t_invalid "not .yaml" "jf.yaml:7:9: bad ledger pattern 'ledger/{year}/{village}.yml': the file name must end in '.yaml' (readers read no other files)"
pat 'books/{year}/{village}.yaml'
t_invalid "outside ledger/" "jf.yaml:7:9: bad ledger pattern 'books/{year}/{village}.yaml': it must start with 'ledger/'"

# a pattern the readers do read: what is written is counted
pat 'ledger/{village}/{year}.{village}.yaml'
run jf-adjust XB-017 10 --reason opening
t_rc 0 "readable pattern: jf-adjust exit 0"
t_ok "readable pattern: the file is where the pattern says" [ -f ledger/XB/2026.XB.yaml ]
run jf-redeem XB-017 soap 4
t_rc 1 "readable pattern: the 10 points are not spent 3 x 4 times"
t_errhas "readable pattern: balance short" "balance short: XB-017 has 10"
