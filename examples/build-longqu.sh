#!/bin/sh
# build-longqu.sh — 从零重建示例账本 examples/longqu/ledger/，只用 jf 命令写入。
# Rebuild the example book's ledger from scratch, writing only through the jf
# tools (jf-adjust, jf-restock, jf-add, jf-redeem, jf-void; jf-transfer and
# jf-expire at the year end).
#
# usage: sh examples/build-longqu.sh [BIN_DIR]
#        BIN_DIR holds the jf-* binaries (default: ../build/bin next to this script)
#
# The story runs from 2026-09-01 to 2026-11-27: opening balances carried over
# from the paper books, fortnightly sanitation checks, night patrols, Saturday shop
# days, a few township events, a wrong entry voided and re-recorded, a deduction
# voided on appeal, a returned purchase, a household that moved away.  The year
# end follows (its own block below): December and the first week of 2027, a
# split (分户) by jf-transfer, the year-end fair, late slips of December, and
# jf-expire after the December review (积分每年清零: expiry: in jf.yaml).
# Who does what is drawn from a fixed pseudo-random sequence (an LCG in awk),
# and every step runs with JF_NOW set to its recording time, so two runs write
# the same entries; only the ids (ULIDs, random in their last 16 characters)
# differ.  An awk planner keeps its own account of balances, stock and limits so
# that every step is valid; any refusal by a tool is a bug and stops the script.
#
# It reads the one-line flow mappings of longqu/catalogue.yaml and
# longqu/households.yaml: keep one rule, item or household per line there.
set -eu

prog=build-longqu.sh
here=$(cd "$(dirname "$0")" && pwd)
bin=${1:-$here/../build/bin}
book=$here/longqu
for t in jf-adjust jf-restock jf-add jf-redeem jf-void jf-transfer jf-expire jf-review jf-wish jf-serve; do
	if [ ! -x "$bin/$t" ]; then
		echo "$prog: no executable '$bin/$t' (run 'make' first?)" >&2
		exit 2
	fi
done
bin=$(cd "$bin" && pwd)

tmp=$(mktemp -d "${TMPDIR:-/tmp}/longqu.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM

# ---------------------------------------------------------------------------
# The planner: one line per step, fields separated by '|':
#   cmd|date|now|by|arg1|arg2|arg3|note|tag
# add: household activity qty; redeem: household item qty; restock: village
# item qty; adjust: household points reason; void: tag-of-target - reason;
# transfer: from to points (the note is its reason).
# A step with a tag saves its id for a later void.
cat >"$tmp/plan.awk" <<'EOF'
function field(s, k,    v) {
	if (!match(s, "[{,] *" k ": *[^,}]*"))
		return ""
	v = substr(s, RSTART, RLENGTH)
	sub(/^[{,] *[a-z-]+: */, "", v)
	sub(/ +$/, "", v)
	return v
}

# Points as integer hundredths, and back ("2.5", "-10", "37.25").
function cents(s,    neg, ip, fp, dot) {
	neg = sub(/^-/, "", s)
	ip = s; fp = ""
	if ((dot = index(s, "."))) {
		ip = substr(s, 1, dot - 1)
		fp = substr(s, dot + 1)
	}
	fp = substr(fp "00", 1, 2)
	return (neg ? -1 : 1) * (ip * 100 + fp)
}
function pts(c,    neg, s) {
	neg = c < 0
	if (neg)
		c = -c
	s = int(c / 100) ""
	if (c % 100) {
		s = s "." sprintf("%02d", c % 100)
		sub(/0$/, "", s)
	}
	return (neg ? "-" : "") s
}

# Park-Miller minimal standard LCG: exact in awk's doubles, same in every awk.
function rnd(n) {
	seed = (seed * 16807) % 2147483647
	return int(seed % n)
}
function pct(p) { return rnd(100) < p }
function pick(list,    a, n) {
	n = split(list, a, ";")
	return a[1 + rnd(n)]
}

function dnum(y, m, d) {
	if (m <= 2) { y--; m += 12 }
	return 365 * y + int(y / 4) - int(y / 100) + int(y / 400) + \
		int((153 * (m - 3) + 2) / 5) + d - 719469
}
function pkey(per, ds) {
	if (per == "day") return ds
	if (per == "week") return dnof[ds] - wday[ds]   # the ISO week's Monday
	if (per == "month") return substr(ds, 1, 7)
	return substr(ds, 1, 4)
}
function isopen(h, ds) {
	return (hsince[h] == "" || ds >= hsince[h]) && (huntil[h] == "" || ds <= huntil[h])
}

# The recording clock: moves forward only.
function at(ds, hour) {
	if (recday != ds || clk < hour * 3600) {
		recday = ds
		clk = hour * 3600 + rnd(300)
	}
}
function emit(cmd, ds, by, a1, a2, a3, note, tag) {
	printf "%s|%s|%sT%02d:%02d:%02d+08:00|%s|%s|%s|%s|%s|%s\n", cmd, ds, recday,
	       int(clk / 3600), int(clk / 60) % 60, clk % 60, by, a1, a2, a3, note, tag
	clk += 17 + rnd(60)
}

function can_add(h, a, q, ds) {
	if (!(h in hv) || !(a in apts) || !isopen(h, ds))
		return 0
	if ((asince[a] != "" && ds < asince[a]) || (auntil[a] != "" && ds > auntil[a]))
		return 0
	return !alim[a] || used[h, a, pkey(aper[a], ds)] + q <= alim[a]
}
function add(h, a, q, ds, note, tag) {
	if (!can_add(h, a, q, ds))
		return 0
	if (alim[a])
		used[h, a, pkey(aper[a], ds)] += q
	bal[h] += apts[a] * q
	if (tag != "") {
		tkind[tag] = "earn"; th[tag] = h; tw[tag] = a; tq[tag] = q; tds[tag] = ds
	}
	emit("add", ds, op[hv[h]], h, a, q, note, tag)
	return 1
}
function redeem(h, g, q, ds, note, tag,    v) {
	v = hv[h]
	if (!isopen(h, ds) || bal[h] < gpts[g] * q || (gstock[g] && stock[v, g] < q))
		return 0
	bal[h] -= gpts[g] * q
	if (gstock[g])
		stock[v, g] -= q
	if (tag != "") {
		tkind[tag] = "redeem"; th[tag] = h; tw[tag] = g; tq[tag] = q; tds[tag] = ds
	}
	emit("redeem", ds, op[v], h, g, q, note, tag)
	return 1
}
function restock(v, g, q, ds, note) {
	stock[v, g] += q
	emit("restock", ds, op[v], v, g, q, note, "")
}
function adjust(h, c, ds, reason, note) {
	if (!isopen(h, ds) || c == 0)
		return 0
	bal[h] += c
	emit("adjust", ds, township_op, h, pts(c), reason, note, "")
	return 1
}
function void(tag, ds, by, reason, note,    h, w, q) {
	h = th[tag]; w = tw[tag]; q = tq[tag]
	if (tkind[tag] == "earn") {
		bal[h] -= apts[w] * q
		if (alim[w])
			used[h, w, pkey(aper[w], tds[tag])] -= q
	} else {
		bal[h] += gpts[w] * q
		if (gstock[w])
			stock[hv[h], w] += q
	}
	emit("void", ds, by, tag, "", reason, note, "")
}

function anyone() { return hh[1 + rnd(nhh)] }
function someone(v) { return vh[v, 1 + rnd(nvh[v])] }

# A shopping trip: one or two goods within part of the balance, staples
# more often than not.
function shop(h, ds,    budget, n, g, q) {
	budget = int(bal[h] * (50 + rnd(50)) / 100)
	for (n = 1 + rnd(2); n > 0; n--) {
		g = rnd(2) ? pick("cooking-oil;rice;washing-powder;toilet-paper;towel") : goods[1 + rnd(ngoods)]
		q = rnd(3) ? 1 : 2 + rnd(2)
		if (gpts[g] * q <= budget && redeem(h, g, q, ds, "", ""))
			budget -= gpts[g] * q
	}
}

function day(ds, w, next_ds,    i, j, v, h, g, h1, h2, n, mon) {
	mon = substr(ds, 6, 2)

	# Opening: stock for every shop, balances carried over from paper.
	if (ds == first) {
		at(ds, 9)
		for (j = 1; j <= nvil; j++)
			for (i = 1; i <= ngoods; i++)
				if (gstock[goods[i]])
					restock(vil[j], goods[i], level[goods[i]], ds, "开业首批货品")
		for (i = 1; i <= nhh; i++) {
			h = hh[i]
			adjust(h, (10 + rnd(120)) * 100 + (rnd(4) ? 0 : 50), ds,
			       "期初余额：纸质台账结转", "2026年8月底台账余额")
		}
	}

	# Monday morning: the township's van refills what runs low.
	if (w == 0) {
		at(ds, 9)
		for (j = 1; j <= nvil; j++)
			for (i = 1; i <= ngoods; i++) {
				g = goods[i]
				if (gstock[g] && stock[vil[j], g] <= low && stock[vil[j], g] < level[g])
					restock(vil[j], g, level[g] - stock[vil[j], g], ds, "乡里统一配送")
			}
		if (ds == "2026-11-09" && stock["LQ", "rice"] >= 2)
			restock("LQ", "rice", -2, ds, "库房漏雨，大米受潮报损")
	}

	# Sunday's deeds are entered on Monday morning.
	if (w == 6)
		at(next_ds, 8.5)
	else
		at(ds, 18)

	# Sanitation check every other week: XB Tuesday, LQ Wednesday, SZ Thursday.
	for (j = 1; j <= nvil; j++) {
		v = vil[j]
		if (w != j || int((dnof[ds] - w) / 7) % 2)
			continue
		for (i = 1; i <= nvh[v]; i++) {
			h = vh[v, i]
			if (pct(30))
				add(h, "clean-yard", 1, ds, pick("院落整洁;;物品摆放整齐;;检查合格;"), "")
			if (pct(12))
				add(h, "clean-street", 1, ds, pick("门前无杂物;;;"), "")
			if (pct(15))
				add(h, "sort-waste", 1, ds, pick("分类投放正确;;"), "")
			if (pct(2))
				add(h, "litter", 1, ds, pick("路边乱扔塑料袋;河沟倾倒生活垃圾"), "")
			if (pct(2))
				add(h, "pile-road", 1, ds, "柴草堆放占道，限期清理", "")
		}
	}

	# Night patrols, every night.
	for (j = 1; j <= nvil; j++)
		if (pct(15))
			add(someone(vil[j]), "patrol", 1, ds, "夜间治安巡逻", "")

	# Sundays of the harvest: watching that no straw is burnt.
	if (w == 6)
		for (j = 1; j <= nvil; j++)
			if (pct(70))
				add(someone(vil[j]), "straw-patrol", 1, ds, "田间秸秆禁烧巡查", "")

	if (w != 6 && pct(25))
		add(anyone(), "station-duty", 1, ds, "新时代文明实践站值班", "")
	if (pct(10))
		add(anyone(), "elder-care", 1, ds, pick("帮独居老人挑水劈柴;陪护老人就医;为老人理发"), "")
	if (pct(6))
		add(anyone(), "good-deed", 1, ds,
		    pick("拾金不昧，归还失主钱包;帮邻居抢收玉米;雨夜帮助疏通排水沟;送迷路老人回家"), "")

	# Friday: the recycling cart, paid per kilogram.
	if (w == 4)
		for (i = 1; i <= nhh; i++)
			if (pct(4))
				add(hh[i], "recycle", 2 + rnd(14), ds, pick("废纸箱;塑料瓶;废纸箱、塑料瓶;废旧金属"), "")

	# Township events.
	if (ds == "2026-09-05")
		for (i = 1; i <= nhh; i++)
			if (pct(35))
				add(hh[i], "donate", 1, ds, "中华慈善日捐赠衣物", "")
	if (ds in ditch)
		for (i = 1; i <= nvh[ditch[ds]]; i++)
			if (pct(30))
				add(vh[ditch[ds], i], "clean-ditch", 1, ds, "清理村东排水渠", "")
	if (ds in lecture)
		for (i = 1; i <= nvh[lecture[ds]]; i++)
			if (pct(15))
				add(vh[lecture[ds], i], "lecture", 1, ds, topic[mon], "")
	if (ds == "2026-09-24")
		for (n = 0; n < 6; n++)
			add(anyone(), "blood", 1, ds, "乡卫生院献血活动", "")
	if (ds == "2026-10-01")
		add(someone("XB"), "fireworks", 1, ds, "国庆节在村道燃放烟花", "")
	if (ds == "2026-10-02")
		add(someone("XB"), "simple-wedding", 1, ds, "婚事新办，不收高价彩礼", "")
	if (ds == "2026-10-03")
		add(someone("LQ"), "fireworks", 1, ds, "婚礼燃放礼炮，未报备", "")
	if (ds == "2026-10-04")
		add(someone("LQ"), "simple-wedding", 1, ds, "集体婚礼", "")
	if (ds == "2026-10-05")
		add(someone("SZ"), "lavish-banquet", 1, ds, "升学宴超标准宴请，经红白理事会认定", "")
	if (ds == "2026-10-16")
		for (n = 0; n < 8; n++)
			add(someone("LQ"), "road-work", 1 + rnd(5), ds, "村东水泥路硬化（10月12日至16日）", "")
	if (ds == "2026-10-18")
		for (i = 1; i <= nhh; i++)
			if (pct(25))
				add(hh[i], "elder-care", 1, ds, "重阳节看望孤寡老人", "")
	if (ds == "2026-11-02")
		for (n = 0; n < 3; n++)
			adjust(anyone(), 1000, ds, "乡政府表彰：秋收互助先进户", "龙渠乡〔2026〕38号")
	if (ds == "2026-11-03")
		add(someone("SZ"), "simple-funeral", 1, ds, "丧事简办，不搭灵棚、不请乐队", "")
	if (ds == "2026-11-07")
		for (i = 1; i <= nhh; i++)
			if (hv[hh[i]] != "LQ" && pct(30))
				add(hh[i], "tree-plant", 1, ds, "村道两侧补植柳树", "")
	if (ds == "2026-11-20")
		for (j = 1; j <= nvil; j++)
			for (n = 0; n < 2; n++)
				add(someone(vil[j]), "model-family", 1, ds, "2026年度文明家庭", "")
	if (ds == "2026-09-30" || ds == "2026-10-30" || ds == "2026-11-27")
		for (j = 1; j <= nvil; j++)
			for (n = 0; n < 2; n++)
				add(someone(vil[j]), "filial", 1, ds, "村民评议：孝老爱亲", "")

	# A clean-yard entered under the wrong household, voided the next day.
	if (ds == "2026-09-08")
		for (i = 1; i < nvh["XB"]; i++) {
			h1 = vh["XB", i]; h2 = vh["XB", i + 1]
			if (can_add(h1, "clean-yard", 1, ds) && can_add(h2, "clean-yard", 1, ds)) {
				add(h1, "clean-yard", 1, ds, "院落整洁", "wrong")
				wrong_to = h2
				break
			}
		}
	if (ds == "2026-09-09") {
		void("wrong", ds, op["XB"], "录错户号：应记 " wrong_to " " hhead[wrong_to], "")
		add(wrong_to, "clean-yard", 1, tds["wrong"], "补记（9月8日误记在 " th["wrong"] " 名下）", "")
	}

	# A deduction withdrawn on appeal.
	if (ds == "2026-10-13")
		for (n = 0; n < 20; n++)
			if (add(someone("XB"), "litter", 1, ds, "垃圾箱旁乱倒垃圾", "appeal"))
				break
	if (ds == "2026-10-16")
		void("appeal", ds, township_op, "经村委会复核，非该户所为，撤销扣分", "")

	# Shop days: every Saturday, and Wednesday too in 下堡村.
	if (w == 5 || w == 2) {
		at(ds, 18)
		for (j = 1; j <= nvil; j++) {
			v = vil[j]
			if (w == 2 && v != "XB")
				continue
			if (ds == "2026-10-24" && v == "XB")
				for (i = 1; i <= nvh[v]; i++)
					if (redeem(vh[v, i], "cooking-oil", 1, ds, "", "returned"))
						break
			for (i = 1; i <= nvh[v]; i++) {
				h = vh[v, i]
				if (huntil[h] == ds) {
					# Moving away: spend what can be spent, close the rest.
					for (n = 0; n < 20 && bal[h] >= 200; n++)
						redeem(h, goods[1 + rnd(ngoods)], 1, ds, "迁出前兑换", "")
					adjust(h, -bal[h], ds, "户主迁往县城，销户，余额清零（村委会同意）", "")
				} else if (pct(18) && bal[h] >= 1000)
					shop(h, ds)
			}
		}
	}
	if (ds == "2026-10-28")
		void("returned", ds, op["XB"], "商品退回（未开封），撤销兑换", "")
	if (ds > autumn)
		yearend(ds, w)
}

# --- the year end (issue 13): December and the first week of 2027 --------
# jf.yaml says expiry: {every: year-end}: what a household has not spent by
# 31 December is gone on 1 January (a debt carries over).  The planner
# clears its own balances at the turn of the year and keeps what was left
# of 2026 (old[]) for the late slips of December entered in January.
function transfer(h1, h2, c, ds, reason) {
	if (!isopen(h1, ds) || !isopen(h2, ds) || c <= 0 || bal[h1] < c)
		return 0
	bal[h1] -= c
	bal[h2] += c
	emit("transfer", ds, op[hv[h1]], h1, h2, pts(c), reason, "")
	return 1
}
# Spend down before the year end: the dearest affordable goods first.
function spend_down(h, ds, floor,    i, g, best, n) {
	for (n = 0; n < 12; n++) {
		best = ""
		for (i = 1; i <= ngoods; i++) {
			g = goods[i]
			if (gpts[g] <= bal[h] - floor && (!gstock[g] || stock[hv[h], g] >= 1) &&
			    (best == "" || gpts[g] > gpts[best]))
				best = g
		}
		if (best == "" || !redeem(h, best, 1, ds, "年终兑换会", ""))
			break
	}
}
function yearend(ds, w,    i, j, h, v, g, n, c) {
	# 12-01: 司学霞's son 司小明 sets up his own household (households.yaml:
	# XB-019, since 2026-12-01); the village committee agreed to move a
	# third of her points to him.
	if (ds == "2026-12-01") {
		c = int(bal["XB-017"] / 300) * 100
		transfer("XB-017", "XB-019", c, ds, "分户：长子司小明另立户头，经村委会同意转入三分之一积分")
	}
	# Monday before the fair: the van brings double stock.
	if (ds == "2026-12-21") {
		at(ds, 9.5)
		for (j = 1; j <= nvil; j++)
			for (i = 1; i <= ngoods; i++) {
				g = goods[i]
				if (gstock[g] && stock[vil[j], g] < 2 * level[g])
					restock(vil[j], g, 2 * level[g] - stock[vil[j], g], ds, "年终兑换会备货")
			}
	}
	# Saturday 12-26, the year-end fair (年终兑换会) in every shop: most
	# households spend what would otherwise be cleared.
	if (ds == "2026-12-26") {
		at(ds, 14)
		for (j = 1; j <= nvil; j++)
			for (i = 1; i <= nvh[vil[j]]; i++) {
				h = vh[vil[j], i]
				if (isopen(h, ds) && pct(80))
					spend_down(h, ds, rnd(3) ? 0 : 1000)
			}
		spend_down("XB-019", ds, 0)
	}
	# New Year's Eve: the books of 2026 close.
	if (ds == "2026-12-31")
		for (i = 1; i <= nall; i++) {
			h = all[i]
			old[h] = bal[h]
			if (bal[h] > 0)
				bal[h] = 0
		}
	# The first days of 2027: snow on the 5th, the streets cleared.
	if (ds == "2027-01-05")
		for (i = 1; i <= nhh; i++)
			if (pct(40))
				add(hh[i], "clean-street", 1, ds, "门前积雪清扫", "")
	# Monday 2027-01-04: 下堡村's clerk finds paper slips of the Wednesday
	# shop of 30 December not entered: recorded now, with their date, and
	# paid from what was left of 2026 (why jf-expire runs after the
	# December review, not on 1 January).
	if (ds == "2027-01-04") {
		n = 0
		for (i = 1; i <= nvh["XB"] && n < 3; i++) {
			h = vh["XB", i]
			g = ""
			for (j = 1; j <= ngoods; j++)
				if (!gstock[goods[j]] && gpts[goods[j]] <= old[h] &&
				    (g == "" || gpts[goods[j]] > gpts[g]))
					g = goods[j]
			if (g != "" && gpts[g] >= 500) {
				old[h] -= gpts[g]
				emit("redeem", "2026-12-30", op["XB"], h, g, 1, "补录12月30日纸质兑换单", "")
				n++
			}
		}
	}
}
# --- end of the year end

BEGIN {
	seed = 20260901
	first = "2026-09-01"; autumn = "2026-11-27"; last = "2027-01-09"
	low = 5
	township_op = "wangfang"
	op["XB"] = "baiyang"; op["LQ"] = "lixia"; op["SZ"] = "zhaomin"
	nvil = split("XB LQ SZ", vil, " ")
	level["washing-powder"] = 30; level["cooking-oil"] = 12; level["soap"] = 30
	level["towel"] = 20; level["pot-set"] = 4; level["rice"] = 12
	level["toilet-paper"] = 20
	ditch["2026-09-12"] = "XB"; ditch["2026-09-19"] = "LQ"; ditch["2026-09-26"] = "SZ"
	ditch["2026-10-24"] = "XB"; ditch["2026-10-31"] = "LQ"; ditch["2026-11-21"] = "SZ"
	lecture["2026-09-15"] = "XB"; lecture["2026-09-16"] = "LQ"; lecture["2026-09-17"] = "SZ"
	lecture["2026-10-20"] = "XB"; lecture["2026-10-21"] = "LQ"; lecture["2026-10-22"] = "SZ"
	lecture["2026-11-17"] = "XB"; lecture["2026-11-18"] = "LQ"; lecture["2026-11-19"] = "SZ"
	topic["09"] = "垃圾分类知识讲座"; topic["10"] = "移风易俗宣讲：婚事新办"
	topic["11"] = "冬季防火与用电安全"
}

FNR == 1 { sect = "" }
/^[a-z]+:/ { sect = $0; sub(/:.*/, "", sect); next }
/^ *- *\{/ {
	sub(/\} *#.*$/, "}")
	if (sect == "activities") {
		a = field($0, "code")
		apts[a] = cents(field($0, "points"))
		if ((s = field($0, "limit")) != "") {
			split(s, lp, "/")
			alim[a] = lp[1] + 0
			aper[a] = lp[2]
		}
		asince[a] = field($0, "since")
		auntil[a] = field($0, "until")
	} else if (sect == "goods") {
		g = field($0, "code")
		goods[++ngoods] = g
		gpts[g] = cents(field($0, "points"))
		gstock[g] = field($0, "stock") == "true"
	} else if (sect == "households") {
		h = field($0, "id")
		hh[++nhh] = h
		hv[h] = field($0, "village")
		hhead[h] = field($0, "head")
		hsince[h] = field($0, "since")
		huntil[h] = field($0, "until")
		all[++nall] = h
		# a household that opens after the autumn joins by its own steps
		# only (the year end's), so the autumn's draws stay as they were
		if (hsince[h] > autumn) {
			nhh--
			next
		}
		vh[hv[h], ++nvh[hv[h]]] = h
	}
}

END {
	split("31 28 31 30 31 30 31 31 30 31 30 31", mlen, " ")
	for (y = 2026; y <= 2027; y++)
		for (m = (y == 2026 ? 9 : 1); m <= 12; m++)
			for (d = 1; d <= mlen[m]; d++) {
				ds = sprintf("%d-%02d-%02d", y, m, d)
				if (ds > last)
					break
				days[++ndays] = ds
				dnof[ds] = dnum(y, m, d)
				wday[ds] = (dnof[ds] + 3) % 7          # 0 = Monday
			}
	for (i = 1; i <= ndays; i++)
		day(days[i], wday[days[i]], days[i + 1])
}
EOF

awk -f "$tmp/plan.awk" "$book/catalogue.yaml" "$book/households.yaml" >"$tmp/plan"
# the autumn's steps, then (after the batch sheets of November) the year end's
awk -F'|' '$3 < "2026-11-28"' "$tmp/plan" >"$tmp/plan.autumn"
awk -F'|' '$3 >= "2026-11-28"' "$tmp/plan" >"$tmp/plan.yearend"

# ---------------------------------------------------------------------------
# Run the plan.  Village clerks sign through $JF_OPERATOR; township decisions
# (adjust) and voids name their operator with -b.
unset JF_BOOK
rm -rf "$book/ledger" "$book/.jf"
n=0
: >"$tmp/ids"
run_plan() { # run_plan FILE: its steps, one jf command each
while IFS='|' read -r cmd date now by a1 a2 a3 note tag; do
	n=$((n + 1))
	set -- -C "$book" -d "$date"
	[ -n "$note" ] && set -- "$@" -n "$note"
	case $cmd in
	add | redeem | restock)
		set -- "$@" "$a1" "$a2" "$a3" ;;
	adjust)
		set -- "$@" -b "$by" -r "$a3" "$a1" "$a2" ;;
	void)
		ref=$(awk -v tag="$a1" '$1 == tag { print $2 }' "$tmp/ids")
		if [ -z "$ref" ]; then
			echo "$prog: step $n: no entry was tagged '$a1'" >&2
			exit 1
		fi
		set -- "$@" -b "$by" -r "$a3" "$ref" ;;
	transfer)
		set -- -C "$book" -d "$date" -b "$by" -r "$note" "$a1" "$a2" "$a3" ;;
	esac
	if ! out=$(JF_NOW=$now JF_OPERATOR=$by "$bin/jf-$cmd" "$@" </dev/null); then
		echo "$prog: step $n failed: JF_NOW=$now jf-$cmd $*" >&2
		exit 1
	fi
	if [ -n "$tag" ]; then
		printf '%s %s\n' "$tag" "${out##* }" >>"$tmp/ids"   # "..., id ULID"
	fi
done <"$1"
}
run_plan "$tmp/plan.autumn"

# --- batch sheets (issue 10): the monthly scoring sheet of 龙渠村, as Excel
# saves "CSV UTF-8" (BOM, CRLF, quoted cells), imported at once by its clerk.
for sheet in "$here/longqu/sheets"/*.csv; do
	[ -f "$sheet" ] || continue
	if ! out=$(JF_NOW=2026-11-27T19:30:00+08:00 JF_OPERATOR=lixia \
		"$bin/jf-add" -C "$book" -d 2026-11-27 --batch "$sheet" </dev/null); then
		echo "$prog: the batch $sheet failed" >&2
		exit 1
	fi
	n=$((n + $(printf '%s\n' "$out" | wc -l)))
done
# --- end of batch sheets

# --- the year end (issue 13): December 2026 and the first week of 2027 (the
# planner's yearend()), then on Sunday 10 January, after the December review
# has closed, the township's cron job writes the receipts of expiry
# (examples/cron/yearend.sh: jf-expire).
run_plan "$tmp/plan.yearend"

# --- review and public notice (issue 11): from December the 评议组 reviews
# the 评选 rules (review: true in the catalogue).  A clerk declares the deed
# (申报: jf-add), the group signs on paper and the township clerk records the
# signatures (审核: jf-review approve --reviewer ...), the entry stays on the
# notice board for notice_days (公示) and counts after; an objection starts the
# round over, a rejection ends it.  On 11 January there are entries in every
# state: counting, rejected, voided, objected and counting, on notice, pending.
rv() { # rv NOW OPERATOR CMD ARGS...: one command; its output's last word in $id
	now=$1 op=$2 c=$3
	shift 3
	if ! out=$(JF_NOW=$now JF_OPERATOR=$op "$bin/jf-$c" -C "$book" "$@" </dev/null); then
		echo "$prog: failed: JF_NOW=$now jf-$c $*" >&2
		exit 1
	fi
	n=$((n + $(printf '%s\n' "$out" | grep -c .)))
	id=${out##* }
}
rv 2026-12-03T09:10:00+08:00 baiyang add -n "跳入水渠救起落水儿童" XB-011 brave-deed
b1=$id
rv 2026-12-04T19:30:00+08:00 wangfang review approve --reviewer 张红 --reviewer 刘强 "$b1"
rv 2026-12-10T10:05:00+08:00 lixia add -n "协助扑灭邻居家火情" LQ-005 brave-deed
b2=$id
rv 2026-12-11T19:40:00+08:00 wangfang review reject --reviewer 陈梅 "$b2" \
	--reason "经核实，火情由本户引起，不属见义勇为"
rv 2026-12-15T15:20:00+08:00 zhaomin add -n "院落整洁，种花种菜" SZ-003 best-yard
rv 2026-12-15T15:25:00+08:00 zhaomin void --reason "户号录错，应为 SZ-004" "$id"
rv 2026-12-15T15:26:00+08:00 zhaomin add -n "院落整洁，种花种菜" SZ-004 best-yard
y2=$id
rv 2026-12-16T19:30:00+08:00 wangfang review approve --reviewer 张红 --reviewer 陈梅 "$y2"
rv 2026-12-20T09:30:00+08:00 baiyang add -n "庭院硬化，柴草归垛" XB-007 best-yard
y3=$id
rv 2026-12-21T19:30:00+08:00 wangfang review approve --reviewer 张红 --reviewer 刘强 "$y3"
rv 2026-12-23T11:00:00+08:00 baiyang review object "$y3" -n "村民王志强当面提出" \
	--reason "院外仍堆放柴草"
rv 2026-12-28T19:30:00+08:00 wangfang review approve --reviewer 张红 --reviewer 陈梅 "$y3"
rv 2026-12-28T10:00:00+08:00 lixia add -n "照顾瘫痪婆婆十年如一日" LQ-007 good-inlaw
g1=$id
rv 2026-12-30T19:30:00+08:00 wangfang review approve --reviewer 刘强 --reviewer 陈梅 "$g1"
rv 2027-01-06T09:40:00+08:00 zhaomin add -n "婆媳和睦，邻里称道" SZ-010 good-inlaw
g2=$id
rv 2027-01-07T19:30:00+08:00 wangfang review approve --reviewer 张红 --reviewer 刘强 "$g2"
rv 2027-01-08T10:10:00+08:00 baiyang add -n "房前屋后整洁，自建小菜园" XB-002 best-yard
y4=$id
rv 2027-01-09T19:30:00+08:00 wangfang review approve --reviewer 刘强 "$y4"
rv 2027-01-09T16:00:00+08:00 lixia add -n "冰面救起滑倒老人" LQ-012 brave-deed
# --- end of review and public notice

# --- the wish wall and the volunteer teams (issue 12): volunteers.yaml names
# the township's team and one team per village (实践所, 实践站); grid workers
# post the villagers' small wishes (微心愿) on the wall, a team or a volunteer
# takes one on, serves at the door and marks it done with every volunteer's
# hours in one write (1 point an hour: volunteer-hour), or it is dropped.
# On 11 January there are wishes done, dropped, taken, open (one for more
# than wish_days), a take voided and taken again, and hours served without a
# wish (station duty).
wp() { # wp NOW OPERATOR HOUSEHOLD TEXT [SERVICE]: post a wish; its id in $id
	if [ -n "${5:-}" ]; then
		rv "$1" "$2" wish post --service "$5" "$3" "$4"
	else
		rv "$1" "$2" wish post "$3" "$4"
	fi
}
wp 2026-10-12T09:00:00+08:00 baiyang XB-004 "老伴卧床，想请人上门理发" haircut
w1=$id
rv 2026-10-12T15:00:00+08:00 baiyang wish take --team xb-care "$w1"
rv 2026-10-14T17:30:00+08:00 baiyang wish done --serve V04:1.5 --serve V05:1.5 \
	--activity volunteer-hour "$w1"
wp 2026-10-20T10:00:00+08:00 lixia LQ-008 "电视机没有图像，想请人看看" repair
w2=$id
rv 2026-10-21T09:00:00+08:00 lixia wish take --volunteer V08 "$w2"
rv 2026-10-21T16:00:00+08:00 lixia wish done --serve V08:2 --activity volunteer-hour "$w2"
wp 2026-11-03T09:30:00+08:00 zhaomin SZ-006 "想请人帮忙清理院里的杂物" clean
w3=$id
rv 2026-11-03T14:00:00+08:00 zhaomin wish take --team sz-env "$w3"
rv 2026-11-07T16:40:00+08:00 zhaomin wish done --serve V10:3 --serve V11:3 --serve V12:2.5 \
	--activity volunteer-hour "$w3"
wp 2026-11-10T10:00:00+08:00 lixia LQ-013 "腿脚不便，想请人每周代买一次菜" errand
rv 2026-11-11T09:00:00+08:00 lixia wish drop --reason "女儿已接到县城同住" "$id"
wp 2026-12-02T09:00:00+08:00 baiyang XB-013 "复查眼睛，想请人送到县医院" ride
w5=$id
rv 2026-12-02T11:00:00+08:00 baiyang wish take --volunteer V03 "$w5"
rv 2026-12-02T11:20:00+08:00 baiyang void --reason "王志刚那天要去乡里开会" "$id"
rv 2026-12-02T11:30:00+08:00 wangfang wish take --volunteer V01 "$w5"
rv 2026-12-04T18:00:00+08:00 wangfang wish done --serve V01:4 --activity volunteer-hour "$w5"
wp 2026-12-10T09:00:00+08:00 zhaomin SZ-013 "家里水管冻裂了，想请人帮忙修一下"
w6=$id
rv 2026-12-10T10:00:00+08:00 zhaomin wish take --team sz-env "$w6"
wp 2026-12-21T10:00:00+08:00 lixia LQ-002 "想请人帮忙写春联" 
wp 2027-01-05T09:00:00+08:00 baiyang XB-016 "想学用智能手机和孙子视频" errand
rv 2027-01-05T15:00:00+08:00 wangfang wish take --team town "$id"
wp 2027-01-08T09:30:00+08:00 baiyang XB-002 "想请人上门理发" haircut
for d in 2026-12-05 2026-12-12 2026-12-19 2027-01-02 2027-01-09; do
	rv ${d}T17:00:00+08:00 wangfang serve -n "新时代文明实践站值守" V02 3 --activity volunteer-hour
done
# --- end of the wish wall
if ! out=$(JF_NOW=2027-01-10T06:30:00+08:00 JF_OPERATOR=wangfang \
	"$bin/jf-expire" -C "$book" </dev/null); then
	echo "$prog: jf-expire failed" >&2
	exit 1
fi
n=$((n + $(printf '%s\n' "$out" | grep -c '^expire ')))
# --- end of the year end

echo "$prog: $n entries written under $book/ledger"
