/* labels.c - the English and Chinese words of the reports. */
#include "kind.h"
#include "labels.h"

static const struct { const char *en, *zh; } labels[JF_NLABELS] = {
	[JF_L_REPORT] = { "points report", "积分报告" },
	[JF_L_TO] = { "to", "至" },
	[JF_L_TOTALS] = { "Totals", "总计" },
	[JF_L_FIGURE] = { "figure", "项目" },
	[JF_L_VALUE] = { "value", "数值" },
	[JF_L_ENTRIES] = { "entries", "记录条数" },
	[JF_L_EARNED] = { "earned", "获得积分" },
	[JF_L_DEDUCTED] = { "deducted", "扣除积分" },
	[JF_L_ADJUSTED] = { "adjusted", "调整积分" },
	[JF_L_REDEEMED] = { "redeemed", "兑换积分" },
	[JF_L_HOUSEHOLDS] = { "households active", "活跃户数" },
	[JF_L_OUTSTANDING] = { "outstanding", "积分结余" },
	[JF_L_BY_VILLAGE] = { "By village", "各村" },
	[JF_L_VILLAGE] = { "village", "村" },
	[JF_L_ACTIVE] = { "active", "活跃户" },
	[JF_L_TOTAL] = { "total", "合计" },
	[JF_L_BY_CATEGORY] = { "Points by category", "分类积分" },
	[JF_L_CATEGORY] = { "category", "类别" },
	[JF_L_TIMES] = { "times", "次数" },
	[JF_L_TOP_RULES] = { "Top rules", "常用积分规则" },
	[JF_L_RANK] = { "rank", "名次" },
	[JF_L_RULE] = { "rule", "规则" },
	[JF_L_NAME] = { "name", "名称" },
	[JF_L_POINTS] = { "points", "积分" },
	[JF_L_HONOR] = { "Honor roll", "光荣榜" },
	[JF_L_LOST] = { "Points lost", "扣分榜" },
	[JF_L_HOUSEHOLD] = { "household", "户号" },
	[JF_L_HEAD] = { "head", "户主" },
	[JF_L_GOODS] = { "Goods redeemed", "兑换商品" },
	[JF_L_ITEM] = { "item", "商品" },
	[JF_L_QTY] = { "qty", "数量" },
	[JF_L_UNIT] = { "unit", "单位" },
	[JF_L_STOCK] = { "Stock", "库存" },
	[JF_L_NOTE] = { "note", "备注" },
	[JF_L_LOW] = { "low", "库存不足" },
	[JF_L_TREND] = { "Weekly trend", "近8周趋势" },
	[JF_L_WEEK] = { "week", "周" },
	[JF_L_FROM] = { "from", "起" },
	[JF_L_UNTIL] = { "to", "止" },
	[JF_L_REVIEW] = { "Voids and adjustments", "作废与调整" },
	[JF_L_DATE] = { "date", "日期" },
	[JF_L_KIND] = { "kind", "类型" },
	[JF_L_WHAT] = { "what", "内容" },
	[JF_L_REASON] = { "reason", "原因" },
	[JF_L_BY] = { "by", "操作员" },
	[JF_L_ID] = { "id", "编号" },
	[JF_L_REF] = { "voids", "被作废记录" },
	[JF_L_NONE] = { "none", "无" },
	[JF_L_STOCK_AT] = { "Stock at the period's end", "期末库存" },
	[JF_L_NOTICE] = { "points notice", "积分公示" },
	[JF_L_INSTOCK] = { "stock", "库存" },
	/* printed pages */
	[JF_L_CONTACT] = { "Contact", "联系单位" },
	[JF_L_PHONE] = { "Phone", "电话" },
	[JF_L_PRINTED] = { "Printed", "打印日期" },
	[JF_L_PASSBOOK] = { "points passbook", "积分存折" },
	[JF_L_BROUGHT] = { "brought forward", "承上" },
	[JF_L_CAUSE] = { "particulars", "事由" },
	[JF_L_IN] = { "in", "存入" },
	[JF_L_OUT] = { "out", "支取" },
	[JF_L_BALANCE] = { "balance", "结余" },
	[JF_L_VOIDED] = { "voided", "作废" },
	[JF_L_EVERY_HH] = { "Every household", "各户积分" },
	[JF_L_NO_ENTRIES] = { "no entries", "本期无记录" },
	[JF_L_PERIOD] = { "period", "期间" },
	[JF_L_STARS] = { "Star-rated households", "星级文明户" },
	[JF_L_STAR_COUNT] = { "stars", "星级" },
	[JF_L_EXPIRED] = { "expired", "清零" },
	[JF_L_ON_NOTICE] = { "On notice", "公示中" },
	[JF_L_COUNTS_FROM] = { "counts from", "计入日" },
	[JF_L_REVIEW_ALL] = { "Voids, adjustments, objections and rejections", "作废、调整、异议与驳回" },
	[JF_L_PENDING] = { "pending review", "待审核" },
	[JF_L_NOTICE_ST] = { "on notice", "公示中" },
	[JF_L_REJECTED] = { "rejected", "未通过" },
	[JF_L_UNDER_REVIEW] = { "points under review", "积分审核公示" },
	[JF_L_APPROVED_BY] = { "approved by", "审核人" },
	[JF_L_STATE] = { "review", "审核与公示" },
	[JF_L_NOTICE_PERIOD] = { "on notice", "公示期" },
	[JF_L_PENDING_REVIEW] = { "pending review", "待审核" },
	[JF_L_AS_OF] = { "as of", "截至" },
	[JF_L_COMMITTEE] = { "the village committee", "村委会" },
	[JF_L_NONE_UNDER_REVIEW] = { "No points are under review.", "目前没有待审核或公示中的积分。" },
	[JF_L_WISH_WALL] = { "wish wall", "心愿墙" },
	[JF_L_POSTED] = { "posted", "发布日期" },
	[JF_L_DAYS_UP] = { "days", "天数" },
	[JF_L_WISH] = { "wish", "心愿" },
	[JF_L_TAKEN_BY] = { "taken by", "认领人" },
	[JF_L_WISH_STATE] = { "state", "状态" },
	[JF_L_WAITING] = { "waiting", "待认领" },
	[JF_L_TAKEN] = { "taken", "已认领" },
	[JF_L_DONE] = { "done", "已完成" },
	[JF_L_DROPPED] = { "dropped", "已撤下" },
	[JF_L_SERVICE] = { "service", "服务项目" },
	[JF_L_MENU] = { "Service menu (order on request)", "服务菜单（按需点单）" },
	[JF_L_CODE] = { "code", "代码" },
	[JF_L_NO_WISHES] = { "No wishes are on the wall.", "目前没有待认领或进行中的心愿。" },
	[JF_L_WALL_HINT] = { "To take a wish on or order a service from the menu, ask the village's "
			     "practice station.", "认领心愿或按需点单，请联系村新时代文明实践站。" },
	[JF_L_WISHES] = { "Wishes", "微心愿" },
	[JF_L_POSTED_N] = { "posted", "新发布" },
	[JF_L_TAKEN_N] = { "taken", "认领" },
	[JF_L_DONE_N] = { "done", "完成" },
	[JF_L_DROPPED_N] = { "dropped", "撤下" },
	[JF_L_OPEN_END] = { "open at the end", "期末未完成" },
	[JF_L_OLDEST_HH] = { "oldest open: household", "最久未完成：户号" },
	[JF_L_OLDEST_HEAD] = { "oldest open: head", "最久未完成：户主" },
	[JF_L_OLDEST_POSTED] = { "oldest open: posted", "最久未完成：发布日期" },
	[JF_L_OLDEST_AGE] = { "oldest open: days", "最久未完成：天数" },
	[JF_L_TEAM_HOURS] = { "Volunteer hours by team", "各志愿服务队服务时长" },
	[JF_L_TEAM] = { "team", "服务队" },
	[JF_L_VOLUNTEERS] = { "volunteers", "服务人数" },
	[JF_L_HOURS] = { "hours", "时长（小时）" },
	[JF_L_VOLUNTEER_HOURS] = { "Volunteer hours by volunteer", "志愿者服务时长" },
	[JF_L_VOLUNTEER] = { "volunteer", "志愿者" },
	[JF_L_TOTAL_HOURS] = { "total hours", "累计时长" },
	[JF_L_SERVICE_RECORD] = { "volunteer service record", "志愿服务记录" },
	[JF_L_BROUGHT_HOURS] = { "brought forward", "承上" },
};

const char *jf_label(enum jf_lang lang, enum jf_label l)
{
	if ((unsigned)l >= JF_NLABELS)
		return "";
	return lang == JF_LANG_ZH ? labels[l].zh : labels[l].en;
}

/* The kinds' Chinese names, from their lines in kinds.h. */
static const char *const kind_zh[JF_NKINDS] = {
#define JF_KIND_ZH(K, ops, zh) [JF_##K] = zh,
	JF_KIND_LIST(JF_KIND_ZH)
#undef JF_KIND_ZH
};

const char *jf_label_kind(enum jf_lang lang, enum jf_kind k)
{
	if ((unsigned)k >= JF_NKINDS)
		return "?";
	return lang == JF_LANG_ZH ? kind_zh[k] : jf_kind(k)->name;
}
