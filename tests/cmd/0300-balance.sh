# jf-balance: earned, spent and balance per household, in every format.
. "$JF_TOP/tests/cmd/lib.sh"
t_book b; cd b || exit 99
echo "  - {id: LQ-010, head: '欧阳, \"小明\"', village: LQ}" >>households.yaml
t_setup jf-adjust XB-017 100 -r 期初 -d 2026-01-10
t_setup jf-add XB-017 clean-yard -d 2026-11-02
t_setup jf-add XB-017 sort-waste 3 -d 2026-11-20
t_setup jf-add XB-017 litter -d 2026-11-21
t_setup jf-restock XB washing-powder 20 -d 2026-11-01
t_setup jf-redeem XB-017 washing-powder 2 -d 2026-11-25
t_setup jf-redeem XB-017 soap 1
t_setup jf-void "$(lastid)" -r 退货
t_setup jf-adjust XB-018 12.25 -r 期初 -d 2026-11-01
t_setup jf-redeem XB-018 soap 4 -d 2026-11-26
t_setup jf-add XB-018 clean-yard -d 2026-11-02
t_setup jf-void "$(lastid)" -r 录错     # takes effect on its own date, today
t_setup jf-add LQ-003 litter -d 2026-11-27
t_setup jf-adjust LQ-010 1000 -r x
t_setup jf-add XB-020 litter -d 2026-06-01
t_save .

run jf-balance
t_rc 0 "all households: exit 0"
t_noerr "all households: quiet on stderr"
t_out "text: columns aligned by display width (CJK = 2), register order, total" <<'EOF'
household  head          village   earned  spent  balance
XB-017     司学霞        XB         101.5     20     81.5
XB-018     王建国        XB         12.25     12     0.25
LQ-003     李明          LQ            -5      0       -5
XB-020     张秀英        XB            -5      0       -5
XB-021     赵新          XB             0      0        0
LQ-010     欧阳, "小明"  LQ          1000      0     1000
total                             1103.75     32  1071.75
EOF
run jf-balance --as-of 2026-11-27
t_out "--as-of: later entries (and the later void) not counted" <<'EOF'
household  head          village  earned  spent  balance
XB-017     司学霞        XB        101.5     20     81.5
XB-018     王建国        XB        17.25     12     5.25
LQ-003     李明          LQ           -5      0       -5
XB-020     张秀英        XB           -5      0       -5
XB-021     赵新          XB            0      0        0
LQ-010     欧阳, "小明"  LQ            0      0        0
total                             108.75     32    76.75
EOF
run jf-balance --as-of 2026-11-01 XB-017 XB-018
t_out "--as-of with households: entries of that day count" <<'EOF'
household  head    village  earned  spent  balance
XB-017     司学霞  XB          100      0      100
XB-018     王建国  XB        12.25      0    12.25
total                       112.25      0   112.25
EOF
run jf-balance --village LQ
t_out "--village: only its households, its own total" <<'EOF'
household  head          village  earned  spent  balance
LQ-003     李明          LQ           -5      0       -5
LQ-010     欧阳, "小明"  LQ         1000      0     1000
total                                995      0      995
EOF
run jf-balance XB-018
t_out "one household: no total line" <<'EOF'
household  head    village  earned  spent  balance
XB-018     王建国  XB        12.25     12     0.25
EOF
run jf-balance --format tsv
t_out "--format tsv" <<'EOF'
household	head	village	earned	spent	balance
XB-017	司学霞	XB	101.5	20	81.5
XB-018	王建国	XB	12.25	12	0.25
LQ-003	李明	LQ	-5	0	-5
XB-020	张秀英	XB	-5	0	-5
XB-021	赵新	XB	0	0	0
LQ-010	欧阳, "小明"	LQ	1000	0	1000
EOF
run jf-balance --format csv --village LQ
sed 's/$/\r/' >"$T/exp" <<'EOF'
household,head,village,earned,spent,balance
LQ-003,李明,LQ,-5,0,-5
LQ-010,"欧阳, ""小明""",LQ,1000,0,1000
EOF
t_same "--format csv: CRLF, quoted where needed" "$T/exp" "$T/out"
run jf-balance --format json XB-017 LQ-010
t_out "--format json: exact numbers, escaped strings" <<'EOF'
[
  {
    "household": "XB-017",
    "head": "司学霞",
    "village": "XB",
    "earned": 101.5,
    "spent": 20,
    "balance": 81.5
  },
  {
    "household": "LQ-010",
    "head": "欧阳, \"小明\"",
    "village": "LQ",
    "earned": 1000,
    "spent": 0,
    "balance": 1000
  }
]
EOF
run jf-balance --format json --as-of 2020-01-01 XB-021
t_out "--format json: a household with nothing" <<'EOF'
[
  {
    "household": "XB-021",
    "head": "赵新",
    "village": "XB",
    "earned": 0,
    "spent": 0,
    "balance": 0
  }
]
EOF
t_unchanged "jf-balance writes nothing"

U='usage: jf-balance [-C dir] [--village code] [--as-of date] [--week week] [--month month] [--quarter quarter] [--year year] [--no-cache] [--format fmt] [--bom] [--encoding enc] [household ...]'
t_refuse "unknown household operand" 1 jf-balance XB-017 XB-099 <<'EOF'
jf-balance: unknown household 'XB-099'
EOF
t_refuse "unknown --village" 1 jf-balance --village ZZ <<'EOF'
jf-balance: unknown village 'ZZ'
EOF
t_refuse "bad --as-of" 2 jf-balance --as-of 2026-02-30 <<EOF
jf-balance: bad --as-of date '2026-02-30': no such day (YYYY-MM-DD)
$U
EOF
t_refuse "--format markdown is jf-report's" 2 jf-balance --format markdown <<EOF
jf-balance: unknown --format 'markdown': jf-balance writes text, tsv, csv or json
$U
EOF
t_refuse "writer options are not reader options" 2 jf-balance --dry-run <<EOF
jf-balance: unknown option '--dry-run'
$U
EOF
