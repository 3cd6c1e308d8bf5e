#!/bin/sh
# 1436-wish-wall-print.sh - the wish wall (jf-wish list --format html,
# 心愿墙): one self-contained page per village with wishes up, oldest first,
# with their age, the household, who took them (team and volunteer by
# name) and their state, those up longer than wish_days: marked, and the
# service menu; printed to PDF by headless Chromium, dates, ids and names
# never broken (PNG kept in build/print-sample/ for a person to look at).
# The render is skipped where chromium or poppler-utils is missing.
. "$JF_TOP/tests/cmd/lib.sh"
. "$JF_TOP/tests/cmd/wish-book.sh"
cd "$T" && wish_book b
JF_NOW=2026-11-30T12:00:00+08:00; export JF_NOW

run jf-wish list --format html
t_rc 0 "html: exit 0"
cp "$T/out" "$T/wall.html"
t_ok "one page per village with wishes (2)" [ "$(grep -c '<article class="page' "$T/wall.html")" -eq 2 ]
# a cell's lines (a date or a name on a line of its own) joined by '|'
tr '\n' '|' <"$T/wall.html" >"$T/wall1"
for h in 下堡村心愿墙 龙渠村心愿墙 "截至 2026-11-30" 服务菜单（按需点单） '<td>理发</td>' 就医接送 小家电维修 \
	 修一修堂屋的电灯 "（服务项目：小家电维修）" "已超过 14 天" 待认领 "已认领|2026-11-12" \
	 "龙渠乡卫生院健康志愿服务队|王强" '<td class="num">28</td>' "王建国|XB-018" \
	 "联系单位：下堡村新时代文明实践站" "电话：0936-1234567" "打印日期：2026-11-30"; do
	t_ok "html holds '$h'" grep -qF "$h" "$T/wall1"
done
t_ok "the three up over 14 days are marked" [ "$(grep -c '<tr class="late">' "$T/wall.html")" -eq 3 ]
t_ok "oldest first: W2 (28 days) before W4 (15) before W6 (5)" sh -c '
	grep -o "修一修堂屋的电灯\|帮老人写一副春联\|剪个头发" "$1" | tr "\n" " " | grep -q "^修一修堂屋的电灯 帮老人写一副春联 剪个头发 $"' - "$T/wall.html"
t_ok "done and dropped wishes are off the wall" sh -c '! grep -q "给卧床的奶奶理发\|代买降压药" "$1"' - "$T/wall.html"
t_ok "html: nothing fetched, no script" sh -c '! grep -qiE "<script|https?:|src=" "$1"' - "$T/wall.html"
t_ok "html: no type below 12pt" sh -c '! grep -oE "font-size:[0-9.]+pt" "$1" | grep -qE ":([0-9]|1[01])(\.[0-9]+)?pt"' - "$T/wall.html"
run jf-wish list --format html --village LQ --paper a5
t_ok "--village: that village's page only" [ "$(grep -c '<article class="page' "$T/out")" -eq 1 ]
t_ok "--paper a5: an A5 page" grep -qF '@page{size:A5' "$T/out"
run jf-wish list --format html --as-of 2026-10-31
t_ok "no wish up: a page saying so" grep -qF '目前没有待认领或进行中的心愿。' "$T/out"
t_ok "no wish up: the menu still there" grep -qF '服务菜单（按需点单）' "$T/out"
run jf-wish list --format html --village XB --as-of 2026-10-31
t_ok "--village, nothing up: that village's page" grep -qF '下堡村心愿墙' "$T/out"

# hostile texts: escaped on the wall, a formula defused in CSV
cp -R . "$T/h" && cd "$T/h" || exit 99
ent 01JW000000000000000000W009 2026-11-29 wish 'household: LQ-003' "text: '<script>x</script> & \"=1+1\"'" >>ledger/2026/LQ.yaml
run jf-wish list --format html --village LQ
t_ok "a hostile text: escaped" grep -qF '&lt;script&gt;x&lt;/script&gt; &amp; &quot;=1+1&quot;' "$T/out"
t_ok "a hostile text: no script" sh -c '! grep -qi "<script" "$1"' - "$T/out"
ent 01JW000000000000000000W00A 2026-11-29 wish 'household: LQ-003' "text: '=HYPERLINK(1)'" >>ledger/2026/LQ.yaml
run jf-wish list --format csv --village LQ
t_ok "csv: a formula is not one" grep -qF "'=HYPERLINK(1)" "$T/out"
cd "$T/b" || exit 99

if [ ! -x "${CHROMIUM:-/usr/bin/chromium}" ]; then
	t_skip "the printed wall" "chromium is not installed (apt-get install chromium fonts-noto-cjk)"
	exit 0
fi
if ! command -v pdftotext >/dev/null 2>&1 || ! command -v pdfinfo >/dev/null 2>&1; then
	t_skip "the printed wall" "pdftotext/pdfinfo are not installed (apt-get install poppler-utils)"
	exit 0
fi
out=$JF_BIN/../print-sample
mkdir -p "$out" && rm -f "$out"/wall*
cp "$T/wall.html" "$out/wall.html"
sh "$JF_TOP/tests/render-pdf.sh" "$out/wall.html" "$out/wall.pdf" "$out/wall" >"$T/r" 2>&1
rc=$?; sed 's/^/# /' "$T/r"
t_rc 0 "the wall: printed to PDF and PNG"
t_ok "one A4 sheet per village (2)" [ "$(pdfinfo "$out/wall.pdf" | sed -n 's/^Pages: *//p')" = 2 ]
pdftotext -layout "$out/wall.pdf" "$T/w.txt"
for h in 下堡村心愿墙 "2026-11-02 +28 +王建国" "2026-11-05 +25 +李明" 龙渠乡卫生院健康志愿服务队 \
	 "已超过 14 天" "XB-018" "LQ-003" 下堡村新时代文明实践站; do
	t_ok "PDF: holds '$h'" grep -qE "$h" "$T/w.txt"
done
t_ok "PDF: a date is never broken" sh -c '! grep -qE "2026-1?$|^ *1[12]-[0-9][0-9] " "$1"' - "$T/w.txt"
t_ok "PDF: a household id is never broken" sh -c '! grep -qE "(XB|LQ)-$|^ *0(03|17|18) " "$1"' - "$T/w.txt"

# the volunteer's service record prints too
run jf-log --volunteer V001 --format html --from 2026-11-20
cp "$T/out" "$out/service-record.html"
sh "$JF_TOP/tests/render-pdf.sh" "$out/service-record.html" "$out/service-record.pdf" \
	"$out/service-record" >"$T/r" 2>&1
rc=$?; sed 's/^/# /' "$T/r"
t_rc 0 "the service record: printed to PDF"
pdftotext -layout "$out/service-record.pdf" "$T/s.txt"
t_ok "PDF: the service record's running total" grep -qE "2026-11-24 +作废：记重了 +-4 +5.5" "$T/s.txt"
