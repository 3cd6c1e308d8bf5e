#!/bin/sh
# 1437-wish-wall-long-text.sh - a wish whose text has a long run with no
# place to break (a web address, a row of digits, a careless paste) still
# leaves the wall on the sheet: the text is broken where it must be, and
# the columns after it (认领人, 状态) are printed, not pushed off the page.
# The render is skipped where chromium or poppler-utils is missing.
. "$JF_TOP/tests/cmd/lib.sh"
t_book b; cd b || exit 99
echo "lang: zh" >>jf.yaml
A=$(printf "%0300d" 0 | tr 0 a)
run jf-wish post XB-017 "http://example.com/$A"
t_rc 0 "a wish with a 319-byte unbreakable text: exit 0"
run jf-wish post XB-018 修一修堂屋的电灯
t_rc 0 "a short wish: exit 0"
run jf-wish list --format html --village XB
t_rc 0 "html: exit 0"
cp "$T/out" "$T/wall.html"
t_ok "html: the text cell may break a long run" \
	grep -qF 'table.wishes td:nth-child(4){white-space:pre-line;overflow-wrap:anywhere;' "$T/wall.html"

if [ ! -x "${CHROMIUM:-/usr/bin/chromium}" ]; then
	t_skip "the printed wall" "chromium is not installed (apt-get install chromium fonts-noto-cjk)"
	exit 0
fi
if ! command -v pdftotext >/dev/null 2>&1; then
	t_skip "the printed wall" "pdftotext is not installed (apt-get install poppler-utils)"
	exit 0
fi
sh "$JF_TOP/tests/render-pdf.sh" "$T/wall.html" "$T/wall.pdf" >"$T/r" 2>&1
rc=$?; sed 's/^/# /' "$T/r"
t_rc 0 "the wall: printed to PDF"
pdftotext -layout "$T/wall.pdf" "$T/w.txt"
t_ok "PDF: the 认领人 column is on the sheet" grep -qF 认领人 "$T/w.txt"
t_ok "PDF: the 状态 column is on the sheet" grep -qF 状态 "$T/w.txt"
t_ok "PDF: both wishes' state (待认领) are on the sheet" [ "$(grep -o 待认领 "$T/w.txt" | wc -l)" -eq 2 ]
t_ok "PDF: the whole address is printed (its 300 a's)" [ "$(grep -o a "$T/w.txt" | wc -l)" -ge 300 ]
