/* report.h - period reports: what a week (or month) of entries added up to.
 *
 * A report is built in one streaming pass over the ledger: jf_report_add()
 * is called from a jf_entry_fn for every entry, jf_report_finish() ranks
 * and sums, jf_report_format() writes text, Markdown, CSV, JSON or HTML.
 * Memory grows with households, the catalogue and villages x goods, plus
 * the voids and adjustments dated in the period (they are listed), never
 * with the ledger.
 *
 * Semantics (jf-report(1) is the user's word on them):
 * - An entry counts in the period [from, to] by its date.  A void counts on
 *   its own date and takes its target's effect back there, so the report of
 *   a past period never changes when later voids are recorded.
 * - earned: positive earn points; deducted: negative earn points, as a
 *   positive number; adjusted: adjustments (signed); redeemed: points spent
 *   (positive).  Each is net of the voids, dated in the period, of entries
 *   of its own kind.
 * - outstanding: the sum of the balances as of `to`, what the book owes;
 *   stock is taken as of `to` as well.
 * - trend: the 8 ISO weeks ending with the week that holds `to`, the last
 *   one counted up to `to`.
 * - A reviewed earn (SPEC 4.2) counts, its rule's use too, on its counting
 *   day, if that is by the period's end (and by today, opts.capped); a
 *   void of one takes back what counted by the void's date.  In books with
 *   review: the entries on notice on that day are listed (on_notice).
 * - With a village (not -1) every figure is that village's only; an
 *   entry's village is its household's, a restock's shop, a void's target's.
 */
#ifndef JF_REPORT_H
#define JF_REPORT_H

#include <stdbool.h>
#include <stdint.h>

#include "book.h"
#include "buf.h"
#include "format.h"
#include "ledger.h"

#define JF_REPORT_WEEKS 8
#define JF_REPORT_TOP_DEFAULT 10
#define JF_REPORT_TOP_MAX 1000

struct jf_report_opts {
	jf_date from, to;       /* both set */
	int village;            /* -1: every village */
	int top;                /* honor roll and rules: top N (ties at the cut kept) */
	bool deductions;        /* also list the households that lost points */
	jf_date printed;        /* HTML: the date printed at the foot (today) */
	bool notice;            /* HTML: the village's notice board (report_notice.c) */
	bool capped;            /* reviewed entries count, and are on notice, as of
				 * today at the latest (jf-report: SPEC 4.2) */
	jf_date today;          /* with capped */
};

/* Sums over a set of entries (the whole report, a village, a week). */
struct jf_report_sums {
	int64_t entries;        /* entries dated in the period */
	jf_points earned;       /* positive earn points */
	jf_points deducted;     /* negative earn points, as a positive number */
	jf_points adjusted;     /* adjustments, signed */
	jf_points redeemed;     /* points spent, positive */
	int64_t households;     /* distinct households with an entry */
	jf_points outstanding;  /* balances as of the period's end */
	jf_points expired;      /* books with expiry: points that expired in the period */
};

/* Per household, in the period. */
struct jf_report_hh {
	jf_points earned, deducted, adjusted, redeemed;
	jf_points balance;      /* as of the period's end */
	bool active;            /* had an entry in the period */
	/* books with expiry: (jf_report_expiry) */
	jf_points expired;      /* expired in the period */
	jf_points expiring;     /* valid points whose last day is within 30
				 * days of the period's last day (到期提醒) */
};

/* Per activity (rule) and per category, in the period. */
struct jf_report_rule {
	int64_t qty;            /* times applied, net of voids */
	jf_points points;       /* signed */
	bool used;              /* an entry (or a void) touched it */
};
struct jf_report_cat {
	int64_t qty;
	jf_points earned, deducted;
	bool used;
};

/* Per village x item: redeemed in the period, stock as of the end. */
struct jf_report_good {
	int64_t qty;            /* units redeemed, net of voids */
	jf_points points;       /* points spent on them, positive */
	bool used;
	int64_t stock;          /* stock-tracked items: as of the period's end */
};

/* A void or adjustment dated in the period, listed for review. */
struct jf_report_review {
	jf_date date;
	enum jf_kind kind;       /* JF_VOID or JF_ADJUST */
	enum jf_kind target_kind;/* void: the kind of the entry undone */
	int household;           /* -1: a void of a restock */
	int village;
	int what;                /* void: activity or item of the target, else -1 */
	int64_t qty;             /* void: the target's qty */
	int to;                  /* a transfer's receiver (also of one voided), or -1 */
	jf_points points;        /* effect on the household's points */
	char *id, *ref, *reason, *note, *by;
};

/* Books with review: (SPEC 4.2): a reviewed earn on notice on the
 * period's last day. */
struct jf_report_notice {
	jf_date date;            /* the entry's own */
	int household, village, activity;
	int64_t qty;
	jf_points points;        /* as recorded */
	jf_date notice_from;     /* the notice runs notice_from .. counts_from - 1 */
	jf_date counts_from;     /* the counting day */
	char *id;
};

/* A place in a ranked list (honor roll, deductions, rules). */
struct jf_report_rank {
	int index;               /* household or activity */
	int rank;                /* 1-based; equal figures share a rank */
};

/* A household rated for 星级文明户 (stars: in jf.yaml, a calendar year). */
struct jf_report_star {
	int household;
	jf_points points;        /* earn points of the year, net of its voids, plus base */
	int stars;               /* 0: none (below every level, or vetoed) */
};
/* The wish wall (SPEC 4.3): the wishes of a village (or all) in the period. */
struct jf_report_wishes {
	int64_t posted;          /* wishes dated in the period */
	int64_t taken, done, dropped; /* takes, dones, drops dated in it that had effect */
	int64_t open;            /* wishes up (open or taken) on the period's last day */
	int oldest;              /* the household of the oldest of them, -1: none */
	jf_date oldest_posted;   /* its day posted */
};

struct jf_report_week {
	jf_date from, to;        /* to is cut at the period's end */
	int iso_year, week;
	jf_points earned, deducted, redeemed;
};

struct jf_report {
	const struct jf_book *book;
	struct jf_report_opts o;
	struct jf_report_sums total;
	struct jf_report_sums *villages;   /* [nvillages] */
	struct jf_report_hh *hh;           /* [nhouseholds] */
	struct jf_report_rule *rules;      /* [nactivities] */
	struct jf_report_cat *cats;        /* [ncategories] */
	struct jf_report_good *goods;      /* [nvillages * ngoods] */
	struct jf_report_week weeks[JF_REPORT_WEEKS];
	jf_date trend_from;
	struct jf_report_review *reviews;
	size_t nreviews, capreviews;
	struct jf_report_notice *notices;  /* books with review: on notice at `to` */
	size_t nnotices, capnotices;
	jf_date review_day;                /* to, or today when capped and earlier */
	/* filled by jf_report_finish() */
	struct jf_report_rank *honor;      /* per village, in village order */
	size_t nhonor;
	size_t *honor_at, *honor_n;        /* [nvillages]: start and length */
	struct jf_report_rank *losers;     /* only with opts.deductions */
	size_t nlosers;
	size_t *losers_at, *losers_n;
	struct jf_report_rank *top_rules;
	size_t ntop_rules;
	bool expiry_on;                    /* jf_report_expiry() was called */
	/* stars: only when the book has stars: and the period is one calendar year */
	bool stars_on;
	jf_points *star_pts;               /* [nhouseholds]: earn points of the year */
	int64_t *star_veto;                /* [nhouseholds]: uses of veto rules */
	struct jf_report_star *stars;      /* per village, most stars first */
	size_t nstars;
	size_t *stars_at, *stars_n;        /* [nvillages] */
	/* the wish wall and volunteer hours (SPEC 4.3; report_wish.c): only
	 * in books with volunteers.yaml or entries of the wish family */
	bool wishes_on;
	struct jf_report_wishes wish_total;
	struct jf_report_wishes *wishes;   /* [nvillages] */
	jf_points *vol_hours;              /* [nvolunteers]: served in the period, net of voids */
	jf_points *vol_total;              /* [nvolunteers]: served by the period's end */
};

/* A new report of book b (borrowed, must outlive the report) for o.
 * Free with jf_report_free(). */
struct jf_report *jf_report_new(const struct jf_book *b, const struct jf_report_opts *o);
void jf_report_free(struct jf_report *r);
/* Count one entry (call from a jf_entry_fn; entries may come in any order).
 * JF_INVALID with a diagnostic at the entry if a sum overflows. */
enum jf_status jf_report_add(struct jf_report *r, const struct jf_entry *e,
			     struct jf_diags *d);
/* report_wish.c: the wish family's part of jf_report_add() (any entry;
 * false if a sum overflows), jf_report_finish() and jf_report_free(). */
bool jf_report_wish_add(struct jf_report *r, const struct jf_entry *e);
void jf_report_wish_finish(struct jf_report *r);
void jf_report_wish_free(struct jf_report *r);
/* Is volunteer i in the report (its team's village, or every village)? */
bool jf_report_has_volunteer(const struct jf_report *r, size_t i);
struct jf_expiry;
/* Books with expiry: before jf_report_finish(), take what expired (x, run
 * as of the period's end): out of the balances, and into `expired` where
 * it expired in the period. */
void jf_report_expiry(struct jf_report *r, const struct jf_expiry *x);
/* After the last entry: sums, balances, rankings; sorts the reviews by date
 * then id.  JF_INVALID with a diagnostic on overflow. */
enum jf_status jf_report_finish(struct jf_report *r, struct jf_diags *d);
/* Does village v take part (every village, or the one asked for)? */
bool jf_report_has_village(const struct jf_report *r, int v);

/* Append the finished report in fmt: JF_FMT_TEXT, JF_FMT_MARKDOWN,
 * JF_FMT_CSV, JF_FMT_TSV, JF_FMT_JSON or JF_FMT_HTML: one writer per format
 * family over the views of report_view.h (report_text.c, report_html.c,
 * report_csv.c, report_json.c). */
void jf_report_format(const struct jf_report *r, enum jf_format fmt, struct jf_buf *out);

/* "2026-W48" when [from, to] is exactly one ISO week, "2026-11" when it is
 * one calendar month, else "" (appended to out). */
void jf_report_period_name(jf_date from, jf_date to, struct jf_buf *out);

#endif
