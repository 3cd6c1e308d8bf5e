# jf init DIR [--households FILE]: a minimal valid book, the register from
# a sheet, and its refusals (FILE:ROW:, nothing written).
. "$JF_TOP/tests/cmd/lib.sh"
run jf init new
t_rc 0 "init: exit 0"
t_out "init: says what to do next" <<'EOF'
a new book in new: look over jf.yaml, catalogue.yaml and households.yaml, then 'git init'
EOF
t_ok "init: the files" [ "$(cd new && ls -A | tr '\n' ' ')" = ".gitattributes .gitignore catalogue.yaml households.yaml jf.yaml ledger " ]
t_ok "init: jf-merge for the ledger" grep -qx 'ledger/\*\* merge=jf' new/.gitattributes
t_ok "init: .jf/ ignored" grep -qx '.jf/' new/.gitignore
run jf-check -C new
t_rc 0 "init: the book checks"
run jf-add -C new V1-001 clean-yard
t_rc 0 "init: a writer can use it"
run jf init new
t_rc 2 "init into a book: usage"
t_err "init into a book: refused" <<'EOF'
jf-init: 'new' is not empty: a new book goes into a new or empty directory
EOF

printf '\357\273\277户号,户主,村,村名,开户\r\nXB-017,司学霞,XB,下堡村,2023/1/1\r\nLQ-003,李明,LQ,龙渠村,\r\nXB-018,王建国,XB,,\r\n' >h.csv
run jf init --households h.csv --township 龙渠乡 b
t_rc 0 "register sheet: exit 0"
cat >"$T/exp1" <<'EOF'
# jf.yaml - the book's settings (jf-book(5)).
township: 龙渠乡
timezone: Asia/Shanghai
villages:
  - code: XB
    name: 下堡村
  - code: LQ
    name: 龙渠村
EOF
t_same "register sheet: jf.yaml with the villages" "$T/exp1" b/jf.yaml
cat >"$T/exp2" <<'EOF'
# households.yaml - the register (jf-book(5)); ids best start with a letter.
households:
  - id: XB-017
    head: 司学霞
    village: XB
    since: 2023-01-01
  - id: LQ-003
    head: 李明
    village: LQ
  - id: XB-018
    head: 王建国
    village: XB
EOF
t_same "register sheet: households.yaml" "$T/exp2" b/households.yaml
run jf-check -C b
t_rc 0 "register sheet: the book checks"
tail -c +4 h.csv | iconv -f UTF-8 -t GB18030 >g.csv
run jf init --households g.csv --encoding gb18030 --township 龙渠乡 g
t_rc 0 "GB18030 register: exit 0"
t_ok "GB18030 register: the same register" cmp -s b/households.yaml g/households.yaml

printf 'id,head,village\nXB-017,司学霞,XB\n017,王,XB\nXB-017,李,XB\nXB 9,赵,XB\nXB-020,,XB\nXB-021,钱,X.B\nXB-022,孙,XB\n' >bad.csv
run jf init --households bad.csv bad
t_rc 2 "bad register: exit 2"
t_err "bad register: every bad row, FILE:ROW:" <<'EOF'
jf-init: bad.csv:3: household id '017' does not start with a letter (a spreadsheet turns 017 into 17 and 3-12 into a date): write it as XB-017
jf-init: bad.csv:4: household XB-017 twice (first on row 2)
jf-init: bad.csv:5: bad household id 'XB 9' (letters, digits and '-', as XB-017)
jf-init: bad.csv:6: the head of household is empty
jf-init: bad.csv:7: bad village code 'X.B' (letters, digits, '-', '_')
jf-init: no book was written
EOF
t_ok "bad register: no directory made" [ ! -e bad ]
# an account that closes before it opens: refused with the other bad rows
printf 'id,head,village,since,until\nXB-001,王,XB,2026-01-01,2025-01-01\nXB-002,李,XB,,\nXB-003,,XB,,\n' >dates.csv
run jf init --households dates.csv bad
t_rc 2 "until before since: exit 2"
t_err "until before since: listed with the other bad rows" <<'EOF'
jf-init: dates.csv:2: the account closes (2025-01-01) before it opens (2026-01-01)
jf-init: dates.csv:4: the head of household is empty
jf-init: no book was written
EOF
t_ok "until before since: no directory made" [ ! -e bad ]
printf 'id,head\nXB-017,司学霞\n' >nocol.csv
run jf init --households nocol.csv bad
t_rc 2 "register without a village column: exit 2"
t_errhas "register without a village column: says so" "jf-init: nocol.csv:1: no column 'village' (village|村) in the header"
printf 'id,head,village\nXB-017,司学霞\n' >ragged.csv
run jf init --households ragged.csv bad
t_rc 2 "ragged register: exit 2"
t_errhas "ragged register: FILE:ROW:" "jf-init: ragged.csv:2: 2 cells, but the header has 3"
t_ok "refused registers: no directory made" [ ! -e bad ]
run jf init
t_rc 2 "init without a directory: usage"
