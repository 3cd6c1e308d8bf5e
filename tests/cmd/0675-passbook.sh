# The passbook (积分存折, SPEC 4.5): jf-log --format html, a page per
# household: 日期 · 事由 (names, not codes) · 存入 · 支取 · 结余, 承上 with a
# period; --paper a4|a5; --village without a household prints the village.
. "$JF_TOP/tests/cmd/lib.sh"
t_book b; cd b || exit 99
echo 'lang: zh' >>jf.yaml
t_setup jf-adjust -d 2026-10-20 XB-017 20 -r 期初余额
t_setup jf-add -d 2026-11-02 XB-017 clean-yard
t_setup jf-add -d 2026-11-03 XB-017 sort-waste 4
t_setup jf-restock -d 2026-11-01 XB washing-powder 5
t_setup jf-redeem -d 2026-11-05 XB-017 washing-powder 2
t_setup jf-add -d 2026-11-06 XB-017 litter
t_setup jf-void "$(lastid)" -r 记错了 -d 2026-11-07
t_setup jf-add -d 2026-11-06 LQ-003 clean-yard

run jf-log --month 2026-11 --format html XB-017
t_rc 0 "passbook: exit 0"
cp "$T/out" "$T/pb.html"
if command -v python3 >/dev/null 2>&1; then
	python3 "$JF_TOP/tests/html-check.py" "$T/pb.html" >"$T/check" 2>&1
	sed 's/^/# /' "$T/check"
	t_same "passbook: self-contained, well nested (html-check.py)" /dev/null "$T/check"
else
	t_skip "passbook: html-check.py" "python3 is not installed"
fi
sed -n '/<table class="passbook">/,/<\/table>/p' "$T/pb.html" | grep '<tr' >"$T/got"
cat >"$T/exp" <<'EOF2'
<thead><tr><th>日期</th><th>事由</th><th class="num">存入</th><th class="num">支取</th><th class="num">结余</th></tr></thead>
<tr class="carry"><td>2026-11-01</td><td>承上</td><td class="num"></td><td class="num"></td><td class="num">20</td></tr>
<tr><td>2026-11-02</td><td>庭院整洁</td><td class="num">5</td><td class="num"></td><td class="num">25</td></tr>
<tr><td>2026-11-03</td><td>垃圾分类 ×4</td><td class="num">2</td><td class="num"></td><td class="num">27</td></tr>
<tr><td>2026-11-05</td><td>洗衣粉 ×2袋</td><td class="num"></td><td class="num">20</td><td class="num">7</td></tr>
<tr><td>2026-11-06</td><td>乱扔垃圾</td><td class="num"></td><td class="num">5</td><td class="num">2</td></tr>
<tr><td>2026-11-07</td><td>作废：记错了</td><td class="num">5</td><td class="num"></td><td class="num">7</td></tr>
EOF2
t_same "passbook: brought forward, names, in and out, running balance" "$T/exp" "$T/got"
t_ok "passbook: the household in the header" grep -qF '<p class="sub">户号 XB-017　户主 司学霞</p>' "$T/pb.html"
t_ok "passbook: the period" grep -qF '<p class="period">期间：2026-11-01 至 2026-11-30</p>' "$T/pb.html"
t_ok "passbook: no codes" sh -c '! grep -qE "clean-yard|washing-powder|sort-waste" "$1"' - "$T/pb.html"
t_ok "passbook: A4 by default" grep -qF '@page{size:A4' "$T/pb.html"
t_ok "passbook: the date printed" grep -qF '<span>打印日期：2026-11-28</span>' "$T/pb.html"

run jf-log --format html --paper a5 XB-017
t_ok "--paper a5: A5" grep -qF '@page{size:A5' "$T/out"
t_ok "without a period: no 承上" sh -c '! grep -qF 承上 "$1"' - "$T/out"

run jf-log --month 2026-11 --format html --village XB
t_rc 0 "--village XB: exit 0"
grep -o '<p class="sub">户号 [A-Z0-9-]*' "$T/out" | sed 's/.*户号 //' >"$T/got"
printf '%s\n' XB-017 XB-018 XB-020 XB-021 >"$T/exp"
t_same "--village XB: a page for every household of the village, in register order" "$T/exp" "$T/got"
t_ok "--village XB: one page each" [ "$(grep -c '<article class="page">' "$T/out")" -eq 4 ]
t_ok "--village XB: a household without entries says so" grep -qF '<p class="none">本期无记录</p>' "$T/out"

# usage
t_save .
run jf-log --paper a3 --format html XB-017
t_rc 2 "--paper a3: exit 2"
t_errhas "--paper a3: named" "unknown --paper 'a3': a4 or a5"
run jf-log --paper a5 XB-017
t_rc 2 "--paper without html: exit 2"
t_errhas "--paper without html: says so" "--paper is for --format html"
t_unchanged "usage: the book is unchanged"
