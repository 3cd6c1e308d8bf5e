# The notice board (公示栏): jf-report --village CODE --format html --notice
# is one printed page: 「X村积分公示」 with the period, the honor roll first,
# every household of the village (zeros for one without entries), goods by
# name, and the notice: foot of jf.yaml with the date printed.  The notice:
# block is read strictly.
. "$JF_TOP/tests/cmd/lib.sh"
t_book b; cd b || exit 99
echo 'lang: zh' >>jf.yaml
cat >>jf.yaml <<'EOF2'
notice:
  contact: 下堡村村委会
  phone: 0936-1234567
EOF2
t_setup jf-adjust -d 2026-11-16 XB-017 20 -r 期初余额
t_setup jf-add -d 2026-11-17 XB-017 clean-yard
t_setup jf-add -d 2026-11-18 XB-018 sort-waste 4
t_setup jf-add -d 2026-11-18 XB-018 litter
t_setup jf-restock -d 2026-11-16 XB washing-powder 5
t_setup jf-redeem -d 2026-11-19 XB-017 washing-powder 1
t_setup jf-add -d 2026-11-18 LQ-003 clean-yard

run jf-report --week 2026-W47 --village XB --format html --notice
t_rc 0 "notice: exit 0"
h=$T/notice.html
cp "$T/out" "$h"
if command -v python3 >/dev/null 2>&1; then
	python3 "$JF_TOP/tests/html-check.py" "$h" >"$T/check" 2>&1
	sed 's/^/# /' "$T/check"
	t_same "notice: self-contained, well nested (html-check.py)" /dev/null "$T/check"
else
	t_skip "notice: html-check.py" "python3 is not installed"
fi
t_ok "notice: the title 下堡村积分公示" grep -qF '<h1>下堡村积分公示</h1>' "$h"
t_ok "notice: the period" grep -qF '<p class="period">2026-W47：2026-11-16 至 2026-11-22</p>' "$h"
t_ok "notice: the township" grep -qF '<p class="place">龙渠乡</p>' "$h"
# the honor roll comes before the households' table
hon=$(grep -n '<h2>光荣榜</h2>' "$h" | cut -d: -f1)
all=$(grep -n '<h2>各户积分</h2>' "$h" | cut -d: -f1)
t_ok "notice: the honor roll first" [ -n "$hon" ] && [ -n "$all" ] && [ "$hon" -lt "$all" ]
sed -n '/<table class="households">/,/<\/table>/p' "$h" | grep '<tr' >"$T/got"
cat >"$T/exp" <<'EOF2'
<thead><tr><th>户号</th><th>户主</th><th class="num">获得积分</th><th class="num">扣除积分</th><th class="num">调整积分</th><th class="num">兑换积分</th><th class="num">结余</th></tr></thead>
<tr><td>XB-017</td><td>司学霞</td><td class="num">5</td><td class="num">0</td><td class="num">20</td><td class="num">10</td><td class="num">15</td></tr>
<tr><td>XB-018</td><td>王建国</td><td class="num">2</td><td class="num">5</td><td class="num">0</td><td class="num">0</td><td class="num">-3</td></tr>
<tr class="total"><td>合计</td><td></td><td class="num">7</td><td class="num">5</td><td class="num">20</td><td class="num">10</td><td class="num">12</td></tr>
EOF2
t_same "notice: every household open in the period, with its figures; not LQ's; not closed or future accounts" "$T/exp" "$T/got"
t_ok "notice: goods by name, not code" grep -qF '<tr><td>洗衣粉</td><td class="num">1</td><td>袋</td><td class="num">10</td></tr>' "$h"
t_ok "notice: no goods code" sh -c '! grep -q washing-powder "$1"' - "$h"
t_ok "notice: the foot" grep -qF '<footer class="foot"><span>联系单位：下堡村村委会</span><span>电话：0936-1234567</span><span>打印日期：2026-11-28</span></footer>' "$h"
t_ok "notice: 12 pt or more everywhere" sh -c '! grep -oE "font-size:[0-9.]+pt" "$1" | grep -qE ":([0-9]|1[01])(\.[0-9]+)?pt"' - "$h"
t_ok "notice: A4" grep -qF '@page{size:A4' "$h"

# a household without entries shows zeros
run jf-report --week 2026-W46 --village XB --format html --notice
sed -n '/<table class="households">/,/<\/table>/p' "$T/out" | grep -c '<td class="num">0</td><td class="num">0</td><td class="num">0</td>' >"$T/got"
echo 3 >"$T/exp"
t_same "notice: a week without entries: both households and the total, all zeros" "$T/exp" "$T/got"
t_ok "notice: a week without entries: no honor roll, said so" grep -qF '<p class="none">无</p>' "$T/out"

# usage
for a in "--notice --format html" "--notice --village XB" "--notice --village XB --format csv"; do
	run jf-report --week 2026-W47 $a
	t_rc 2 "$a: exit 2"
	t_errhas "$a: says what it needs" "--notice is a village's page: it needs --village CODE and --format html"
done
t_noout "usage: nothing on stdout"

# the notice: block is read strictly
cp jf.yaml "$T/jf.yaml"
bad() {
	bd=$1; shift
	{ grep -v '^notice:\|^  contact:\|^  phone:' "$T/jf.yaml"; printf '%s\n' "$@"; } >jf.yaml
	t_save .
	run jf-report --week 2026-W47 --village XB --format html --notice
	t_rc 3 "$bd: exit 3"
	t_unchanged "$bd: the book is unchanged"
}
bad "notice: an unknown key" 'notice:' '  contact: 村委会' '  fax: 1'
t_errhas "notice: an unknown key: named" "jf.yaml:10:3: unknown key 'fax' in 'notice'"
bad "notice: no contact" 'notice:' '  phone: 1'
t_errhas "notice: no contact: named" "jf.yaml:9:3: 'notice' has no 'contact'"
bad "notice: two lines" 'notice:' '  contact: |' '    a' '    b'
t_errhas "notice: two lines: refused" "jf.yaml:9:12: control character in a value"
long=$(printf '%0201d' 0)
bad "notice: too long" 'notice:' "  contact: $long"
t_errhas "notice: too long: refused" "jf.yaml:9:12: 'notice: contact' must be one line of at most 200 bytes"
bad "notice: not a mapping" 'notice: 村委会'
t_errhas "notice: not a mapping: named" "'notice' must be a mapping"
cp "$T/jf.yaml" jf.yaml
grep -v '^notice:\|^  contact:\|^  phone:' "$T/jf.yaml" >jf.yaml
run jf-report --week 2026-W47 --village XB --format html --notice
t_ok "no notice: block: the foot has the date only" grep -qF '<footer class="foot"><span>打印日期：2026-11-28</span></footer>' "$T/out"
