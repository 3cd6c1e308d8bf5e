# jf-report: shop stock after restocks, write-offs, redemptions and voids,
# low-stock warnings, --village; the HTML page (self-contained, well nested,
# names escaped, A4 print CSS, a page per village); Chinese labels.
. "$JF_TOP/tests/cmd/lib.sh"

t_book b; cd b || exit 99
echo '  - {id: LQ-009, head: "O'"'"'Brien <&> \"Li\" | x", village: LQ}' >>households.yaml
{
	jf-adjust XB-017 200 -r opening -d 2026-11-01
	jf-adjust LQ-003 100 -r opening -d 2026-11-01
	jf-restock XB washing-powder 10 -d 2026-11-02
	jf-restock LQ washing-powder 8 -d 2026-11-02
	jf-redeem XB-017 washing-powder 2 -d 2026-11-16      # XB 8
	redeem=$(lastid)
	jf-restock XB washing-powder -1 -d 2026-11-17 -n 破损  # XB 7
	jf-redeem LQ-003 washing-powder 3 -d 2026-11-18      # LQ 5: low
	jf-void "$redeem" -r 退货 -d 2026-11-19               # XB 9
	jf-restock XB washing-powder 5 -d 2026-11-20         # XB 14
	jf-void "$(lastid)" -r 重复入库 -d 2026-11-21          # XB 9
	jf-redeem XB-017 soap 4 -d 2026-11-21                # not tracked
	jf-add LQ-009 clean-yard -d 2026-11-20
	jf-redeem XB-017 washing-powder 1 -d 2026-11-24      # after W47
} >"$T/setup.log" 2>&1 || { sed 's/^/# /' "$T/setup.log"; exit 99; }

stock() { sed -n '/^Stock at/,/^$/p' "$T/out"; }
run jf-report --week 2026-W47
t_rc 0 "W47: exit 0"
stock >"$T/got"
cat >"$T/exp" <<'EOF'
Stock at the period's end
-------------------------
village  item            name    stock  unit  note
下堡村   washing-powder  洗衣粉      9  袋
龙渠村   washing-powder  洗衣粉      5  袋    low (<= 5)

EOF
t_same "W47: stock after restock, write-off, redeem, void of a redeem, void of a restock" "$T/exp" "$T/got"
sed -n '/^Goods redeemed/,/^$/p' "$T/out" >"$T/got"
cat >"$T/exp" <<'EOF'
Goods redeemed
--------------
village  item            name    qty  unit  points
下堡村   soap            肥皂      4  块        12
龙渠村   washing-powder  洗衣粉    3  袋        30

EOF
t_same "W47: goods redeemed, net of the voided redemption" "$T/exp" "$T/got"

run jf-report --week 2026-W46
stock >"$T/got"
cat >"$T/exp" <<'EOF'
Stock at the period's end
-------------------------
village  item            name    stock  unit  note
下堡村   washing-powder  洗衣粉     10  袋
龙渠村   washing-powder  洗衣粉      8  袋

EOF
t_same "W46: stock as of that week's end" "$T/exp" "$T/got"

run jf-report --week 2026-W47 --village LQ
t_rc 0 "--village LQ: exit 0"
stock >"$T/got"
cat >"$T/exp" <<'EOF'
Stock at the period's end
-------------------------
village  item            name    stock  unit  note
龙渠村   washing-powder  洗衣粉      5  袋    low (<= 5)

EOF
t_same "--village LQ: only that shop" "$T/exp" "$T/got"
sed -n '/^Voids and/,$p' "$T/out" >"$T/got"
cat >"$T/exp" <<'EOF'
Voids and adjustments
---------------------
(none)
EOF
t_same "--village LQ: the other village's voids are not listed" "$T/exp" "$T/got"

# the HTML page
run jf-report --week 2026-W47 --deductions --format html -o "$T/w47.html"
t_rc 0 "html: exit 0"
if command -v python3 >/dev/null 2>&1; then
	python3 "$JF_TOP/tests/html-check.py" "$T/w47.html" >"$T/check" 2>&1
	sed 's/^/# /' "$T/check"
	t_same "html: valid nesting, no script, no external reference (html-check.py)" /dev/null "$T/check"
else
	n=$((n + 1)); echo "ok $n - # SKIP python3 is not installed"
fi
h=$T/w47.html
t_ok "html: the head is escaped" grep -qF 'O&#39;Brien &lt;&amp;&gt; &quot;Li&quot; | x' "$h"
t_ok "html: the raw name appears nowhere" sh -c '! grep -qF "<&>" "$1"' - "$h"
t_ok "html: A4 print CSS" grep -qF '@page{size:A4' "$h"
t_ok "html: a page (a new sheet in print) for each village" [ "$(grep -c '<article class="page village">' "$h")" -eq 2 ]
t_ok "html: print CSS breaks before every page but the first" grep -qF '.page+.page{break-before:page' "$h"
t_ok "html: two SVG charts (categories, trend)" [ "$(grep -c '^<svg class="chart' "$h")" -eq 2 ]
t_ok "html: the low stock row is flagged" grep -qF '<tr class="low"><td>washing-powder</td><td>洗衣粉</td><td class="num">5</td>' "$h"
t_ok "html: English labels for a book without lang" grep -qF '<html lang="en">' "$h"
run jf-report --week 2026-W47 --village XB --format html
t_ok "html --village: no page of its own for the village" sh -c '! grep -q "article class=\"page village\"" "$1"' - "$T/out"
t_ok "html --village: one page" [ "$(grep -c '<article class="page' "$T/out")" -eq 1 ]
if [ -x /usr/bin/chromium ]; then
	mkdir -p "$JF_BIN/../report-sample"
	sh "$JF_TOP/tests/render-html.sh" "$h" "$JF_BIN/../report-sample/w47.png" >"$T/render" 2>&1
	rc=$?
	sed 's/^/# /' "$T/render"
	t_rc 0 "html: rendered to PNG by headless chromium"
	cp "$h" "$JF_BIN/../report-sample/w47.html"
else
	n=$((n + 1)); echo "ok $n - # SKIP /usr/bin/chromium is not installed: not rendered"
fi

# Markdown and CSV escape the same name
run jf-report --week 2026-W47 --format markdown
t_ok "markdown: | < & > escaped in a table cell" \
	grep -qF '| 龙渠村 | 1 | LQ-009 | O'"'"'Brien \<\&\> "Li" \| x | 5 |' "$T/out"
run jf-report --week 2026-W47 --format csv
t_ok "csv: quotes doubled, field quoted" grep -qF ',LQ-009,"O'"'"'Brien <&> ""Li"" | x",' "$T/out"

# Chinese labels, chosen in jf.yaml
echo 'lang: zh' >>jf.yaml
run jf-report --week 2026-W47 --village LQ
t_rc 0 "lang: zh: exit 0"
sed -n '1,16p' "$T/out" >"$T/got"
cat >"$T/exp" <<'EOF'
龙渠乡龙渠村积分报告
2026-W47：2026-11-16 至 2026-11-22

总计
----
项目      数值
记录条数     2
获得积分     5
扣除积分     0
调整积分     0
兑换积分    30
活跃户数     2
积分结余    75

各村
----
EOF
t_same "lang: zh: Chinese labels, aligned by display width" "$T/exp" "$T/got"
t_ok "lang: zh: the honor roll is 光荣榜" grep -q '^光荣榜$' "$T/out"
t_ok "lang: zh: low stock is 库存不足" grep -q '库存不足（≤5）$' "$T/out"
LC_ALL=C run jf-report --week 2026-W47 --village LQ
cp "$T/out" "$T/c.txt"
LC_ALL=C.UTF-8 run jf-report --week 2026-W47 --village LQ
t_ok "lang: zh: no dependence on the locale" cmp -s "$T/c.txt" "$T/out"
run jf-report --week 2026-W47 --format html
t_ok "lang: zh: html lang is zh-Hans" grep -qF '<html lang="zh-Hans">' "$T/out"
t_ok "lang: zh: a village's page is its 积分公示" grep -qF '<h1>龙渠乡下堡村积分公示</h1>' "$T/out"
run jf-report --week 2026-W47 --format json
t_ok "lang: zh: JSON keys stay English" grep -q '"honor_roll": \[' "$T/out"
