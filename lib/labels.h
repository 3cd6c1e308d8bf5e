/* labels.h - the words of the reports, in English and Chinese, in one table.
 *
 * A label is named by an enum jf_label and written in the book's language
 * (jf.yaml `lang:`): jf_label(JF_LANG_ZH, JF_L_HONOR) is "光荣榜".  To add a
 * word, add its name to the enum and its two translations to labels.c.
 * The keys of the machine formats (CSV header, JSON) are not labels: they
 * are always English and live beside their columns (report_view.c).
 */
#ifndef JF_LABELS_H
#define JF_LABELS_H

#include "book.h"
#include "index.h"

enum jf_label {
	JF_L_REPORT,
	JF_L_TO,
	JF_L_TOTALS,
	JF_L_FIGURE,
	JF_L_VALUE,
	JF_L_ENTRIES,
	JF_L_EARNED,
	JF_L_DEDUCTED,
	JF_L_ADJUSTED,
	JF_L_REDEEMED,
	JF_L_HOUSEHOLDS,
	JF_L_OUTSTANDING,
	JF_L_BY_VILLAGE,
	JF_L_VILLAGE,
	JF_L_ACTIVE,
	JF_L_TOTAL,
	JF_L_BY_CATEGORY,
	JF_L_CATEGORY,
	JF_L_TIMES,
	JF_L_TOP_RULES,
	JF_L_RANK,
	JF_L_RULE,
	JF_L_NAME,
	JF_L_POINTS,
	JF_L_HONOR,
	JF_L_LOST,
	JF_L_HOUSEHOLD,
	JF_L_HEAD,
	JF_L_GOODS,
	JF_L_ITEM,
	JF_L_QTY,
	JF_L_UNIT,
	JF_L_STOCK,
	JF_L_NOTE,
	JF_L_LOW,
	JF_L_TREND,
	JF_L_WEEK,
	JF_L_FROM,
	JF_L_UNTIL,
	JF_L_REVIEW,
	JF_L_DATE,
	JF_L_KIND,
	JF_L_WHAT,
	JF_L_REASON,
	JF_L_BY,
	JF_L_ID,
	JF_L_REF,
	JF_L_NONE,
	JF_L_STOCK_AT,
	JF_L_NOTICE,
	JF_L_INSTOCK,
	/* printed pages (print.c, passbook.c, report_notice.c) */
	JF_L_CONTACT,
	JF_L_PHONE,
	JF_L_PRINTED,
	JF_L_PASSBOOK,
	JF_L_BROUGHT,
	JF_L_CAUSE,
	JF_L_IN,
	JF_L_OUT,
	JF_L_BALANCE,
	JF_L_VOIDED,
	JF_L_EVERY_HH,
	JF_L_NO_ENTRIES,
	JF_L_PERIOD,
	/* 星级文明户 (report_view.c) */
	JF_L_STARS,
	JF_L_STAR_COUNT,
	JF_L_EXPIRED,
	JF_L_EXPIRING,         /* the notice board's reminder (到期提醒) */
	/* review and public notice (SPEC 4.2) */
	JF_L_ON_NOTICE,
	JF_L_COUNTS_FROM,
	JF_L_REVIEW_ALL,
	JF_L_PENDING,
	JF_L_NOTICE_ST,
	JF_L_REJECTED,
	/* the 公示 sheet of jf-review list (review_list.c) */
	JF_L_UNDER_REVIEW,
	JF_L_APPROVED_BY,
	JF_L_STATE,
	JF_L_NOTICE_PERIOD,
	JF_L_PENDING_REVIEW,
	JF_L_AS_OF,
	JF_L_COMMITTEE,         /* where objections go, when jf.yaml names none */
	JF_L_NONE_UNDER_REVIEW,
	/* the wish wall (wish_list.c) and the volunteers' service (SPEC 4.3) */
	JF_L_WISH_WALL,
	JF_L_POSTED,
	JF_L_DAYS_UP,
	JF_L_WISH,
	JF_L_TAKEN_BY,
	JF_L_WISH_STATE,
	JF_L_WAITING,
	JF_L_TAKEN,
	JF_L_DONE,
	JF_L_DROPPED,
	JF_L_SERVICE,
	JF_L_MENU,
	JF_L_CODE,
	JF_L_NO_WISHES,
	JF_L_WALL_HINT,
	JF_L_WISHES,
	JF_L_POSTED_N,
	JF_L_TAKEN_N,
	JF_L_DONE_N,
	JF_L_DROPPED_N,
	JF_L_OPEN_END,
	JF_L_OLDEST_HH,
	JF_L_OLDEST_HEAD,
	JF_L_OLDEST_POSTED,
	JF_L_OLDEST_AGE,
	JF_L_TEAM_HOURS,
	JF_L_TEAM,
	JF_L_VOLUNTEERS,
	JF_L_HOURS,
	JF_L_VOLUNTEER_HOURS,
	JF_L_VOLUNTEER,
	JF_L_TOTAL_HOURS,
	JF_L_SERVICE_RECORD,
	JF_L_BROUGHT_HOURS,
	JF_NLABELS
};

/* The label l in language lang. */
const char *jf_label(enum jf_lang lang, enum jf_label l);
/* The name of kind k in lang: "earn" / "积分". */
const char *jf_label_kind(enum jf_lang lang, enum jf_kind k);

#endif
