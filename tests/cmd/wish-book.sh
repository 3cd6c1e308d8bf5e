# tests/cmd/wish-book.sh - sourced by the tests 143x (after lib.sh).
# wish_book DIR: the standard book with volunteers, a service menu,
# wish_days 14, volunteer_stars, and wishes in every state (tests 143x).
# ent ID DATE KIND 'FIELD: VALUE'...: a ledger entry
ent() {
	printf -- '- id: %s\n  date: %s\n  kind: %s\n' "$1" "$2" "$3"; shift 3
	for f; do printf '  %s\n' "$f"; done
	printf '  by: baiyang\n'
}
wish_book() {
	t_book "$1" && cd "$1" || exit 99
	printf 'notice:\n  contact: 下堡村新时代文明实践站\n  phone: 0936-1234567\n' >>jf.yaml
	printf 'lang: zh\nwish_days: 14\nvolunteer_stars: [1, 3, 6, 10, 15]\n' >>jf.yaml
	cat >volunteers.yaml <<-'EOF2'
	teams:
	  - {code: xb-care, name: 下堡村孝老爱亲志愿服务队, village: XB}
	  - {code: lq-help, name: 龙渠村邻里互助志愿服务队, village: LQ}
	  - {code: town-med, name: 龙渠乡卫生院健康志愿服务队}
	volunteers:
	  - {id: V001, name: 白洋, team: xb-care, household: XB-017}
	  - {id: V002, name: 李娜, team: lq-help}
	  - {id: V003, name: 王强, team: town-med, household: LQ-003}
	EOF2
	cat >>catalogue.yaml <<-'EOF2'
	services:
	  - {code: haircut, name: 理发}
	  - {code: ride, name: 就医接送}
	  - {code: repair, name: 小家电维修}
	EOF2
	mkdir -p ledger/2026
	X=ledger/2026/XB.yaml L=ledger/2026/LQ.yaml
	{
	# W1: taken by a team, done
	ent 01JW000000000000000000W001 2026-11-01 wish 'household: XB-017' 'text: 给卧床的奶奶理发' 'service: haircut'
	ent 01JW000000000000000000T001 2026-11-03 take 'ref: 01JW000000000000000000W001' 'team: xb-care'
	# W2: never taken
	ent 01JW000000000000000000W002 2026-11-02 wish 'household: XB-018' 'text: 修一修堂屋的电灯' 'service: repair'
	ent 01JW000000000000000000D001 2026-11-10 done 'ref: 01JW000000000000000000W001'
	# W4: two takes merged from two clones: the 09:00 one stands
	ent 01JW000000000000000000W004 2026-11-15 wish 'household: XB-017' 'text: 帮老人写一副春联'
	ent 01JW000000000000000000T04A 2026-11-16 take 'ref: 01JW000000000000000000W004' 'team: xb-care' 'at: 2026-11-16T10:00:00+08:00'
	ent 01JW000000000000000000T04B 2026-11-16 take 'ref: 01JW000000000000000000W004' 'volunteer: V001' 'at: 2026-11-16T09:00:00+08:00'
	# W5: dropped
	ent 01JW000000000000000000W005 2026-11-18 wish 'household: XB-018' 'text: 代买降压药'
	ent 01JW000000000000000000R005 2026-11-19 drop 'ref: 01JW000000000000000000W005' 'reason: 家人已买回'
	# W6: open, young
	ent 01JW000000000000000000W006 2026-11-25 wish 'household: XB-017' 'text: 剪个头发' 'service: haircut'
	# service hours (hours only), one voided
	ent 01JW000000000000000000S001 2026-11-10 serve 'volunteer: V001' 'hours: 2.5' 'note: 上门理发'
	ent 01JW000000000000000000S002 2026-11-22 serve 'volunteer: V001' 'hours: 3'
	ent 01JW000000000000000000S003 2026-11-23 serve 'volunteer: V001' 'hours: 4'
	ent 01JW000000000000000000V003 2026-11-24 void 'ref: 01JW000000000000000000S003' 'reason: 记重了'
	} >$X
	{
	# W3: taken, the take voided (open again), taken again by a team and a volunteer
	ent 01JW000000000000000000W003 2026-11-05 wish 'household: LQ-003' 'text: 送我去乡卫生院复查' 'service: ride'
	ent 01JW000000000000000000T003 2026-11-06 take 'ref: 01JW000000000000000000W003' 'volunteer: V002'
	ent 01JW000000000000000000V001 2026-11-08 void 'ref: 01JW000000000000000000T003' 'reason: 李娜那天有事'
	ent 01JW000000000000000000T03B 2026-11-12 take 'ref: 01JW000000000000000000W003' 'team: town-med' 'volunteer: V003'
	ent 01JW000000000000000000S004 2026-11-13 serve 'volunteer: V003' 'hours: 1.25'
	ent 01JW000000000000000000S005 2026-11-20 serve 'volunteer: V002' 'hours: 0.75'
	} >$L
}
