# The printed pages as paper: the passbooks of a village and its notice
# board, printed to PDF by headless Chromium (tests/render-pdf.sh) and to
# PNG (kept in build/print-sample/ for a person to look at): the number of
# sheets, and the PDF's text (pdftotext) holds every household.  Skipped
# where chromium or poppler-utils is missing; CI installs them.
. "$JF_TOP/tests/cmd/lib.sh"
if [ ! -x "${CHROMIUM:-/usr/bin/chromium}" ]; then
	t_skip "printed pages" "chromium is not installed (apt-get install chromium fonts-noto-cjk)"
	exit 0
fi
if ! command -v pdftotext >/dev/null 2>&1 || ! command -v pdfinfo >/dev/null 2>&1; then
	t_skip "printed pages" "pdftotext/pdfinfo are not installed (apt-get install poppler-utils)"
	exit 0
fi
t_book b; cd b || exit 99
echo 'lang: zh' >>jf.yaml
printf 'notice:\n  contact: 下堡村村委会\n  phone: 0936-1234567\n' >>jf.yaml
cat >households.yaml <<'EOF2'
households:
  - {id: XB-017, head: 司学霞, village: XB}
  - {id: XB-018, head: 王建国, village: XB}
  - {id: XB-019, head: 李桂兰, village: XB}
  - {id: LQ-003, head: 李明, village: LQ}
EOF2
t_setup jf-adjust -d 2026-10-20 XB-017 20 -r 期初余额
t_setup jf-add -d 2026-11-02 XB-017 clean-yard
t_setup jf-add -d 2026-11-03 XB-018 sort-waste 4
t_setup jf-restock -d 2026-11-01 XB washing-powder 5
t_setup jf-redeem -d 2026-11-05 XB-017 washing-powder 2

out=$JF_BIN/../print-sample
mkdir -p "$out" && rm -f "$out"/*.png "$out"/*.pdf
pages() { pdfinfo "$1" | sed -n 's/^Pages: *//p'; }

run jf-log --village XB --month 2026-11 --format html
cp "$T/out" "$out/passbook.html"
sh "$JF_TOP/tests/render-pdf.sh" "$out/passbook.html" "$out/passbook.pdf" "$out/passbook" >"$T/r" 2>&1
rc=$?; sed 's/^/# /' "$T/r"
t_rc 0 "passbook: printed to PDF and PNG"
t_ok "passbook: one A4 sheet per household (3)" [ "$(pages "$out/passbook.pdf")" = 3 ]
pdfinfo "$out/passbook.pdf" | grep -q 'Page size:.*(A4)' ; rc=$?
t_rc 0 "passbook: A4 sheets"
pdftotext -layout "$out/passbook.pdf" "$T/pb.txt"
for h in "XB-017 户主 司学霞" "XB-018 户主 王建国" "XB-019 户主 李桂兰" 承上 洗衣粉 下堡村村委会 0936-1234567; do
	t_ok "passbook PDF: holds '$h'" grep -qF "$h" "$T/pb.txt"
done
t_ok "passbook PDF: no other village" sh -c '! grep -qF LQ-003 "$1"' - "$T/pb.txt"

run jf-log --format html --paper a5 --month 2026-11 XB-017
cp "$T/out" "$out/passbook-a5.html"
sh "$JF_TOP/tests/render-pdf.sh" "$out/passbook-a5.html" "$out/passbook-a5.pdf" "$out/passbook-a5" >"$T/r" 2>&1
rc=$?; sed 's/^/# /' "$T/r"
t_rc 0 "passbook a5: printed"
pdfinfo "$out/passbook-a5.pdf" | grep -q 'Page size:.*(A5)' ; rc=$?
t_rc 0 "passbook a5: an A5 sheet"

run jf-report --village XB --month 2026-11 --format html --notice
cp "$T/out" "$out/notice.html"
sh "$JF_TOP/tests/render-pdf.sh" "$out/notice.html" "$out/notice.pdf" "$out/notice" >"$T/r" 2>&1
rc=$?; sed 's/^/# /' "$T/r"
t_rc 0 "notice: printed to PDF and PNG"
t_ok "notice: one A4 sheet" [ "$(pages "$out/notice.pdf")" = 1 ]
pdftotext -layout "$out/notice.pdf" "$T/n.txt"
for h in 下堡村积分公示 光荣榜 各户积分 洗衣粉 \
	 "打印日期：2026-11-28"; do
	t_ok "notice PDF: holds '$h'" grep -qF "$h" "$T/n.txt"
done
for h in "XB-017 +司学霞" "XB-018 +王建国" "XB-019 +李桂兰"; do
	t_ok "notice PDF: holds '$h'" grep -qE "$h" "$T/n.txt"
done
t_ok "notice PDF: the household without entries, with zeros" grep -qE 'XB-019 +李桂兰 +0 +0 +0 +0' "$T/n.txt"
t_ok "notice PDF: the honor roll above the households" \
	[ "$(grep -n 光荣榜 "$T/n.txt" | head -1 | cut -d: -f1)" -lt "$(grep -n 各户积分 "$T/n.txt" | head -1 | cut -d: -f1)" ]
