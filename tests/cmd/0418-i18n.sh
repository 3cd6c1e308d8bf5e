#!/bin/sh
# 0418-i18n.sh - messages in Chinese (po/zh_CN.po, GNU gettext): under
# LANGUAGE=zh_CN in a UTF-8 locale a refusal, --help and the text headers of
# jf-balance and jf-log are Chinese (and a refusal still exits as SPEC
# says and writes nothing); a book with `lang: zh` has Chinese headers in
# any locale; tsv, csv and json stay English; without LANGUAGE (or in the C
# locale, where gettext ignores it) every output is byte for byte the
# English one; JF_LOCALEDIR chooses the catalogues.
. "$JF_TOP/tests/cmd/lib.sh"

# C.UTF-8 is in every Debian (libc-bin); lib.sh sets LC_ALL=C
if ! locale -a 2>/dev/null | grep -qix 'c\.utf-\{0,1\}8'; then
	t_skip "Chinese messages" "no C.UTF-8 locale here"
	exit 0
fi
zh() { LC_ALL=C.UTF-8 LANGUAGE=zh_CN "$@"; }
en() { LC_ALL=C.UTF-8 "$@"; }

t_book b; cd b || exit 99
t_setup jf-adjust -r 期初 XB-017 10 -d 2026-11-01
t_setup jf-restock XB washing-powder 20 -d 2026-11-01
t_setup jf-add XB-017 clean-yard -d 2026-11-20

# a refusal
t_refuse "zh: balance short" 1 zh jf-redeem XB-017 washing-powder 2 <<-'X'
	jf-redeem: 积分不足：XB-017 现有 15 分，2 x washing-powder 需要 20 分
	X
t_refuse "en (C.UTF-8, no LANGUAGE): balance short" 1 en jf-redeem XB-017 washing-powder 2 <<-'X'
	jf-redeem: balance short: XB-017 has 15, 2 x washing-powder costs 20
	X
t_refuse "C locale ignores LANGUAGE (gettext's rule)" 1 \
	env LANGUAGE=zh_CN jf-redeem XB-017 washing-powder 2 <<-'X'
	jf-redeem: balance short: XB-017 has 15, 2 x washing-powder costs 20
	X
# a usage error: the message and the usage line (its synopsis untranslated)
run jf-add --frob
{ echo "jf-add: 未知选项 '--frob'"; sed -n 's/^usage: /用法：/p' "$T/err"; } >"$T/want"
run zh jf-add --frob
t_rc 2 "zh: unknown option: exit 2"
t_same "zh: unknown option, then the usage line" "$T/want" "$T/err"
# a settings problem (the YAML reader's funnel) with FILE:LINE:COL kept
printf '\tlow_stock: 5\n' >>jf.yaml
run zh jf-balance
t_rc 3 "zh: a tab in jf.yaml: exit 3"
t_errhas "zh: a tab in jf.yaml, at its place" "jf-balance: jf.yaml:7:1: 制表符：YAML 不允许在这里用制表符（请用空格缩进）"
sed -i '$d' jf.yaml

# --help
run zh jf-balance --help
t_rc 0 "zh: --help: exit 0"
t_ok "zh: --help: the usage line" grep -qx '用法：jf-balance .*' "$T/out"
t_ok "zh: --help: --village translated" grep -qx '      --village CODE  只看这个村的户' "$T/out"
t_ok "zh: --help: --format lists the formats" \
	grep -qx '      --format FMT    输出格式 text|tsv|csv|json（默认 text）' "$T/out"
run zh jf --help
t_ok "zh: jf --help: the commands" grep -qx '    void      作废一条记录' "$T/out"
for c in jf jf-add jf-redeem jf-adjust jf-restock jf-void jf-balance jf-log jf-check jf-report jf-merge; do
	run "$c" --help
	cp "$T/out" "$T/c.help"
	run en "$c" --help
	t_same "$c --help: C.UTF-8 without LANGUAGE is the English" "$T/c.help" "$T/out"
done
run jf-check --help
t_ok "English --help as before" grep -qx '  -q, --quiet         print nothing when the book is valid' "$T/out"

# the headers of jf-balance and jf-log
run zh jf-balance
t_rc 0 "zh: jf-balance: exit 0"
t_out "zh: jf-balance: Chinese headers, aligned by display width" <<-'X'
	户号    户主    村  获得积分  已兑换  余额
	XB-017  司学霞  XB        15       0    15
	XB-018  王建国  XB         0       0     0
	LQ-003  李明    LQ         0       0     0
	XB-020  张秀英  XB         0       0     0
	XB-021  赵新    XB         0       0     0
	合计                      15       0    15
	X
cp "$T/out" "$T/zh.balance"
run jf-balance XB-017
t_out "jf-balance: English headers in C" <<-'X'
	household  head    village  earned  spent  balance
	XB-017     司学霞  XB           15      0       15
	X
run zh jf-log XB-017
cp "$T/out" "$T/zh.log"
t_ok "zh: jf-log: Chinese headers" grep -q '^日期  *类型  *内容  *数量  *积分  *余额  *编号  *备注$' "$T/out"
for f in tsv csv json; do
	run jf-balance --format $f
	cp "$T/out" "$T/c.$f"
	run zh jf-balance --format $f
	t_same "zh: jf-balance --format $f: English names, as in C" "$T/c.$f" "$T/out"
	run jf-log --format $f XB-017
	cp "$T/out" "$T/c.$f"
	run zh jf-log --format $f XB-017
	t_same "zh: jf-log --format $f: English names, as in C" "$T/c.$f" "$T/out"
done
head -n 1 "$T/c.tsv" >"$T/got"
printf 'date\thousehold\thead\tkind\twhat\tqty\tpoints\tbalance\tid\tnote\n' >"$T/exp"
t_same "jf-log --format tsv: the header line scripts read" "$T/exp" "$T/got"

# lang: zh: the same Chinese headers in the C locale (lib/i18n.c's table
# is po/zh_CN.po's words), and tsv still English
echo 'lang: zh' >>jf.yaml
run jf-balance
t_same "lang: zh: jf-balance headers Chinese in C, as the catalogue's" "$T/zh.balance" "$T/out"
run jf-log XB-017
t_same "lang: zh: jf-log headers Chinese in C, as the catalogue's" "$T/zh.log" "$T/out"
run jf-balance --format tsv
t_ok "lang: zh: tsv headers English" grep -q '^household	head	village	earned	spent	balance$' "$T/out"
sed -i '$d' jf.yaml

# JF_LOCALEDIR: where the catalogues are (none there: English)
run env JF_LOCALEDIR="$T/none" LC_ALL=C.UTF-8 LANGUAGE=zh_CN jf-add --frob
t_errhas "JF_LOCALEDIR without catalogues: English" "jf-add: unknown option '--frob'"
run env JF_LOCALEDIR="$(dirname "$JF_BIN")/locale" LC_ALL=C.UTF-8 LANGUAGE=zh_CN jf-add --frob
t_errhas "JF_LOCALEDIR: the catalogue there" "jf-add: 未知选项 '--frob'"
