# Voiding a restock whose goods were redeemed since is refused (a shop
# never holds less than nothing); the man page says so and what to do: a
# write-off with jf-restock.  Voiding a write-off or a redemption is not.
. "$JF_TOP/tests/cmd/lib.sh"
L=ledger/2026/XB.yaml
t_book b; cd b || exit 99
t_setup jf-adjust XB-017 100 -r 期初
t_setup jf-restock XB washing-powder 10
restock=$(lastid)
t_setup jf-redeem XB-017 washing-powder 3

t_refuse "void of a restock whose goods were redeemed" 1 jf-void "$restock" -r 记错了 <<EOF
jf-void: cannot void the restock '$restock': the XB shop has only 7 of 'washing-powder' left; write off what is wrong instead (jf-restock XB washing-powder -QTY)
EOF
t_refuse "the same with --dry-run" 1 jf-void "$restock" -r 记错了 --dry-run <<EOF
jf-void: cannot void the restock '$restock': the XB shop has only 7 of 'washing-powder' left; write off what is wrong instead (jf-restock XB washing-powder -QTY)
EOF
run jf-report --week 2026-W48 --format json
t_ok "the stock is still 7" grep -q '"stock": 7,' "$T/out"

# what the man page says to do instead
run jf-restock XB washing-powder -7 -n 盘点
t_rc 0 "a write-off of what the shop holds: exit 0"
writeoff=$(lastid)
# a void that gives goods back is never refused for stock
run jf-void "$writeoff" -r 数错了
t_rc 0 "void of a write-off: exit 0"
t_noerr "void of a write-off: quiet"
t_setup jf-redeem XB-017 washing-powder 1
redeem=$(lastid)
run jf-void "$redeem" -r 退货
t_rc 0 "void of a redemption: exit 0"
# a restock whose goods are all still there can be voided
t_setup jf-restock XB washing-powder 5
run jf-void "$(lastid)" -r 重复
t_rc 0 "void of a restock still on the shelf: exit 0"

# the man page and the code agree
t_ok "jf-void(1) says a restock whose goods were redeemed cannot be voided" \
	grep -q 'voiding a restock is refused' "$JF_TOP/man/jf-void.1"
t_ok "jf-void(1) no longer says a void may take stock below zero" \
	sh -c "! grep -q 'stock below' '$JF_TOP/man/jf-void.1'"
