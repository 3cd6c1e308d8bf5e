#!/bin/sh
# 0682-review-sheet.sh - the 公示 sheet (jf-review list --format html): one
# self-contained page per village from the print writer, with household,
# head, deed by name, points, who approved, 公示期 A 至 A+D-1 or 待审核, and
# the notice: foot; printed to PDF by headless Chromium (PNG kept in
# build/print-sample/ for a person to look at).  The render is skipped
# where chromium or poppler-utils is missing.
. "$JF_TOP/tests/cmd/lib.sh"
at() { JF_NOW=$1T$2+08:00; export JF_NOW; }
t_book b; cd b || exit 99
echo 'lang: zh' >>jf.yaml
printf 'review:\n  reviewers: [sixuexia, baiyang, shijuhua]\n  approvals: 2\n  notice_days: 3\n' >>jf.yaml
printf 'notice:\n  contact: 下堡村村委会\n  phone: 0936-1234567\n' >>jf.yaml
sed -i 's/^goods:/  - {code: good-deed, name: 好人好事, category: 公益活动, points: 10, review: true}\n  - {code: burn-straw, name: 焚烧秸秆, category: 环卫整治, points: -5, review: true}\ngoods:/' catalogue.yaml
at 2026-11-26 09:00:00
t_setup jf-add XB-017 good-deed
E=$(lastid)
t_setup jf-add XB-018 burn-straw
t_setup jf-add LQ-003 good-deed
at 2026-11-27 09:00:00
t_setup jf-review approve -b clerk --reviewer sixuexia --reviewer shijuhua "$E"
at 2026-11-28 09:00:00

run jf-review list --format html
t_rc 0 "html: exit 0"
cp "$T/out" "$T/sheet.html"
t_ok "one page per village with entries (2)" [ "$(grep -c '<article class="page' "$T/sheet.html")" -eq 2 ]
for h in 下堡村积分审核公示 龙渠村积分审核公示 "截至 2026-11-28" 好人好事 焚烧秸秆 '<td class="num">+10</td>' \
	 '<td class="num">-5</td>' "sixuexia、shijuhua" "公示期 2026-11-27" "至 2026-11-29" "待审核（需 2 人审核）" \
	 "请在公示期内向下堡村村委会提出" "联系单位：下堡村村委会" "电话：0936-1234567" "打印日期：2026-11-28" 司学霞 王建国 李明; do
	t_ok "html holds '$h'" grep -qF "$h" "$T/sheet.html"
done
t_ok "html: nothing fetched, no script" sh -c '! grep -qiE "<script|https?:|src=" "$1"' - "$T/sheet.html"
t_ok "html: no type below 12pt" sh -c '! grep -oE "font-size:[0-9.]+pt" "$1" | grep -qE ":([0-9]|1[01])(\.[0-9]+)?pt"' - "$T/sheet.html"
run jf-review list --format html --village LQ --paper a5
t_ok "--village: that village's page only" [ "$(grep -c '<article class="page' "$T/out")" -eq 1 ]
t_ok "--paper a5: an A5 page" grep -qF '@page{size:A5' "$T/out"
run jf-review list --format html --as-of 2026-11-25
t_ok "nothing under review: a page saying so" grep -qF '目前没有待审核或公示中的积分。' "$T/out"
run jf-review list --paper a5
t_rc 2 "--paper without --format html: usage"

if [ ! -x "${CHROMIUM:-/usr/bin/chromium}" ]; then
	t_skip "the printed sheet" "chromium is not installed (apt-get install chromium fonts-noto-cjk)"
	exit 0
fi
if ! command -v pdftotext >/dev/null 2>&1 || ! command -v pdfinfo >/dev/null 2>&1; then
	t_skip "the printed sheet" "pdftotext/pdfinfo are not installed (apt-get install poppler-utils)"
	exit 0
fi
out=$JF_BIN/../print-sample
mkdir -p "$out" && rm -f "$out"/review*
cp "$T/sheet.html" "$out/review.html"
sh "$JF_TOP/tests/render-pdf.sh" "$out/review.html" "$out/review.pdf" "$out/review" >"$T/r" 2>&1
rc=$?; sed 's/^/# /' "$T/r"
t_rc 0 "the sheet: printed to PDF and PNG"
t_ok "one A4 sheet per village (2)" [ "$(pdfinfo "$out/review.pdf" | sed -n 's/^Pages: *//p')" = 2 ]
pdftotext -layout "$out/review.pdf" "$T/s.txt"
for h in 下堡村积分审核公示 "XB-017 +司学霞" "XB-018 +王建国" "公示期 2026-11-27" "至 2026-11-29" 下堡村村委会; do
	t_ok "PDF: holds '$h'" grep -qE "$h" "$T/s.txt"
done
t_ok "PDF: a household id is never broken" sh -c '! grep -qE "XB-$|^ *0(17|18) " "$1"' - "$T/s.txt"
