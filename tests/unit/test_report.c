/* test_report.c - period reports: every figure on a small book, the SVG
 * charts, period names and atomic writes. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "atomic.h"
#include "report.h"
#include "svg.h"

static char dir[64];

static void put(const char *rel, const char *text)
{
	char path[256];
	snprintf(path, sizeof path, "%s/%s", dir, rel);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	assert_int_equal(fclose(f), 0);
}

#define E(id, date, rest) "- id: " id "\n  date: " date "\n" rest "  by: tester\n"

/* The book: two villages, four households; the ledger in W44 of 2026
 * (2026-10-26..2026-11-01, across a month's end) with entries before and
 * after it. */
static int setup(void **state)
{
	(void)state;
	snprintf(dir, sizeof dir, "/tmp/jf-test-report.XXXXXX");
	if (!mkdtemp(dir))
		return -1;
	char p[128];
	snprintf(p, sizeof p, "%s/ledger", dir);
	mkdir(p, 0777);
	put("jf.yaml", "township: 龙渠乡\ntimezone: UTC\nvillages:\n"
	    "  - {code: XB, name: 下堡村}\n  - {code: LQ, name: 龙渠村}\nlow_stock: 5\n");
	put("catalogue.yaml", "activities:\n"
	    "  - {code: clean-yard, name: 庭院整洁, category: 环卫整治, points: 5}\n"
	    "  - {code: litter, name: 乱扔垃圾, category: 环卫整治, points: -5}\n"
	    "  - {code: sort-waste, name: 垃圾分类, category: 环卫整治, points: 0.5}\n"
	    "  - {code: harvest-help, name: 秋收互助, category: 志愿服务, points: 8}\n"
	    "goods:\n"
	    "  - {code: washing-powder, name: 洗衣粉, unit: 袋, points: 10, stock: true}\n"
	    "  - {code: soap, name: 肥皂, unit: 块, points: 3}\n");
	put("households.yaml", "households:\n"
	    "  - {id: XB-018, head: 王建国, village: XB}\n"   /* not in id order */
	    "  - {id: XB-017, head: 司学霞, village: XB}\n"
	    "  - {id: LQ-003, head: 李明, village: LQ}\n"
	    "  - {id: XB-019, head: \"<b>&'\\\"\", village: XB}\n");
	put("ledger/a.yaml",
	    E("e01", "2026-10-01", "  kind: adjust\n  household: XB-017\n  points: 100\n  reason: opening\n")
	    E("e02", "2026-10-01", "  kind: restock\n  village: XB\n  item: washing-powder\n  qty: 10\n")
	    E("e03", "2026-10-26", "  kind: earn\n  household: XB-017\n  activity: clean-yard\n  qty: 1\n  points: 5\n")
	    E("e04", "2026-10-27", "  kind: earn\n  household: XB-018\n  activity: clean-yard\n  qty: 1\n  points: 5\n")
	    E("e05", "2026-10-28", "  kind: redeem\n  household: XB-017\n  item: washing-powder\n  qty: 2\n  points: -20\n")
	    E("e06", "2026-10-29", "  kind: earn\n  household: XB-018\n  activity: litter\n  qty: 1\n  points: -5\n")
	    E("e07", "2026-10-30", "  kind: earn\n  household: LQ-003\n  activity: harvest-help\n  qty: 2\n  points: 16\n")
	    E("e08", "2026-10-31", "  kind: earn\n  household: XB-019\n  activity: sort-waste\n  qty: 3\n  points: 1.5\n")
	    E("e10", "2026-11-01", "  kind: earn\n  household: XB-019\n  activity: clean-yard\n  qty: 1\n  points: 5\n")
	    E("e12", "2026-10-20", "  kind: earn\n  household: XB-019\n  activity: sort-waste\n  qty: 2\n  points: 1\n")
	    E("e14", "2026-10-31", "  kind: redeem\n  household: LQ-003\n  item: soap\n  qty: 1\n  points: -3\n")
	    E("e15", "2026-10-31", "  kind: adjust\n  household: LQ-003\n  points: -2\n  reason: correction\n")
	    E("e16", "2026-10-31", "  kind: redeem\n  household: XB-017\n  item: washing-powder\n  qty: 1\n  points: -10\n"));
	/* voids in another file, read before their targets (path order) */
	put("ledger/0-voids.yaml",
	    E("e09", "2026-11-01", "  kind: void\n  ref: e05\n  reason: mistake\n")
	    E("e11", "2026-11-02", "  kind: void\n  ref: e07\n  reason: not done\n")
	    E("e13", "2026-10-30", "  kind: void\n  ref: e12\n  reason: wrong household\n"));
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	return system(cmd) == 0 ? 0 : -1;
}

struct run {
	struct jf_report *r;
	struct jf_diags *d;
};

static enum jf_status on_entry(void *ctx, const struct jf_entry *e)
{
	struct run *run = ctx;
	return jf_report_add(run->r, e, run->d);
}

/* A finished report of the test book; release with done(). */
static struct jf_report *report(struct jf_book *b, const char *from, const char *to,
				const char *village, int top, bool deductions)
{
	struct jf_diags d = JF_DIAGS_INIT;
	struct jf_scan scan;
	const char *why;
	struct jf_report_opts o = { 0, 0, -1, top, deductions, 0, false, false, 0 };

	assert_int_equal(jf_book_open(b, dir, &d), JF_OK);
	assert_int_equal(jf_date_parse(from, &o.from, &why), 0);
	assert_int_equal(jf_date_parse(to, &o.to, &why), 0);
	if (village)
		o.village = jf_book_village(b, village);
	struct jf_report *r = jf_report_new(b, &o);
	struct run run = { r, &d };
	jf_scan_init(&scan);
	assert_int_equal(jf_ledger_scan(&scan, b, on_entry, &run, &d), JF_OK);
	assert_int_equal(jf_report_finish(r, &d), JF_OK);
	assert_int_equal(d.n, 0);
	jf_scan_release(&scan);
	jf_diags_release(&d);
	return r;
}

static void done(struct jf_report *r, struct jf_book *b)
{
	jf_report_free(r);
	jf_book_release(b);
}

#define P(x) ((jf_points)((x) * 100))   /* whole or .5 points, exact */

static void sums_are(const struct jf_report_sums *s, int64_t entries, jf_points earned,
		     jf_points deducted, jf_points adjusted, jf_points redeemed,
		     int64_t households, jf_points outstanding)
{
	assert_int_equal(s->entries, entries);
	assert_int_equal(s->earned, earned);
	assert_int_equal(s->deducted, deducted);
	assert_int_equal(s->adjusted, adjusted);
	assert_int_equal(s->redeemed, redeemed);
	assert_int_equal(s->households, households);
	assert_int_equal(s->outstanding, outstanding);
}

static void test_totals_and_villages(void **state)
{
	struct jf_book b;
	struct jf_report *r = report(&b, "2026-10-26", "2026-11-01", NULL, 10, true);
	(void)state;
	sums_are(&r->total, 12, 3150, P(5), P(-2), P(13), 4, 11250);
	sums_are(&r->villages[0], 9, 1550, P(5), 0, P(10), 3, 10150);
	sums_are(&r->villages[1], 3, P(16), 0, P(-2), P(3), 1, P(11));
	/* per household: earned, deducted, balance at the end */
	assert_int_equal(r->hh[1].earned, P(5));       /* XB-017 */
	assert_int_equal(r->hh[1].balance, P(95));
	assert_int_equal(r->hh[0].deducted, P(5));     /* XB-018 */
	assert_int_equal(r->hh[0].balance, 0);
	assert_int_equal(r->hh[3].earned, 550);
	assert_int_equal(r->hh[3].balance, 650);
	done(r, &b);
}

static void test_categories_and_rules(void **state)
{
	struct jf_book b;
	struct jf_report *r = report(&b, "2026-10-26", "2026-11-01", NULL, 10, false);
	(void)state;
	assert_int_equal(b.ncategories, 2);
	assert_int_equal(r->cats[0].qty, 5);
	assert_int_equal(r->cats[0].earned, 1550);
	assert_int_equal(r->cats[0].deducted, P(5));
	assert_int_equal(r->cats[1].qty, 2);
	assert_int_equal(r->cats[1].earned, P(16));
	assert_int_equal(r->cats[1].deducted, 0);
	/* by times, then points, then code */
	static const char *const want[] = { "clean-yard", "harvest-help", "sort-waste", "litter" };
	static const int64_t qty[] = { 3, 2, 1, 1 };
	static const jf_points pts[] = { P(15), P(16), 50, P(-5) };
	assert_int_equal(r->ntop_rules, 4);
	for (int i = 0; i < 4; i++) {
		int a = r->top_rules[i].index;
		assert_string_equal(b.activities[a].code, want[i]);
		assert_int_equal(r->top_rules[i].rank, i + 1);
		assert_int_equal(r->rules[a].qty, qty[i]);
		assert_int_equal(r->rules[a].points, pts[i]);
	}
	done(r, &b);
}

static void test_honor_roll_ties(void **state)
{
	struct jf_book b;
	struct jf_report *r = report(&b, "2026-10-26", "2026-11-01", NULL, 2, true);
	(void)state;
	/* XB: XB-019 5.5 first; XB-017 and XB-018 tie at 5: both second,
	 * in id order (not the register's), both kept although --top is 2 */
	assert_int_equal(r->honor_n[0], 3);
	const struct jf_report_rank *h = r->honor + r->honor_at[0];
	assert_string_equal(b.households[h[0].index].id, "XB-019");
	assert_int_equal(h[0].rank, 1);
	assert_string_equal(b.households[h[1].index].id, "XB-017");
	assert_int_equal(h[1].rank, 2);
	assert_string_equal(b.households[h[2].index].id, "XB-018");
	assert_int_equal(h[2].rank, 2);
	assert_int_equal(r->honor_n[1], 1);
	assert_string_equal(b.households[r->honor[r->honor_at[1]].index].id, "LQ-003");
	/* points lost */
	assert_int_equal(r->losers_n[0], 1);
	assert_string_equal(b.households[r->losers[r->losers_at[0]].index].id, "XB-018");
	assert_int_equal(r->losers_n[1], 0);
	done(r, &b);

	/* --top 1 cuts below the tie */
	r = report(&b, "2026-10-26", "2026-11-01", NULL, 1, false);
	assert_int_equal(r->honor_n[0], 1);
	assert_int_equal(r->nlosers, 0);
	done(r, &b);
}

static void test_goods_stock_trend_reviews(void **state)
{
	struct jf_book b;
	struct jf_report *r = report(&b, "2026-10-26", "2026-11-01", NULL, 10, false);
	(void)state;
	/* XB washing-powder: 2 redeemed and voided, 1 redeemed; 10 - 1 in stock */
	assert_int_equal(r->goods[0].qty, 1);
	assert_int_equal(r->goods[0].points, P(10));
	assert_int_equal(r->goods[0].stock, 9);
	assert_int_equal(r->goods[1].qty, 0);     /* XB soap */
	assert_int_equal(r->goods[2].stock, 0);   /* LQ washing-powder */
	assert_int_equal(r->goods[3].qty, 1);     /* LQ soap */
	assert_int_equal(r->goods[3].points, P(3));
	/* trend: W37..W44, W43 has e12 */
	assert_int_equal(r->weeks[0].week, 37);
	assert_int_equal(r->weeks[7].week, 44);
	assert_int_equal(r->weeks[6].earned, P(1));
	assert_int_equal(r->weeks[7].earned, 3150);
	assert_int_equal(r->weeks[7].deducted, P(5));
	assert_int_equal(r->weeks[7].redeemed, P(13));
	for (int i = 0; i < 6; i++)
		assert_int_equal(r->weeks[i].earned | r->weeks[i].redeemed | r->weeks[i].deducted, 0);
	/* reviews by date: e13 (void), e15 (adjust), e09 (void) */
	assert_int_equal(r->nreviews, 3);
	assert_string_equal(r->reviews[0].id, "e13");
	assert_int_equal(r->reviews[0].kind, JF_VOID);
	assert_int_equal(r->reviews[0].target_kind, JF_EARN);
	assert_int_equal(r->reviews[0].points, P(-1));
	assert_string_equal(r->reviews[0].reason, "wrong household");
	assert_string_equal(r->reviews[1].id, "e15");
	assert_int_equal(r->reviews[1].points, P(-2));
	assert_string_equal(r->reviews[2].id, "e09");
	assert_int_equal(r->reviews[2].points, P(20));
	assert_string_equal(r->reviews[2].by, "tester");
	done(r, &b);
}

static void test_later_void_and_village(void **state)
{
	struct jf_book b;
	/* W45: the void of e07 (dated 11-02) takes 16 back there */
	struct jf_report *r = report(&b, "2026-11-02", "2026-11-08", NULL, 10, false);
	(void)state;
	sums_are(&r->total, 1, P(-16), 0, 0, 0, 1, 9650);
	assert_int_equal(r->weeks[6].earned, 3150);
	assert_int_equal(r->weeks[7].earned, P(-16));
	assert_int_equal(r->nhonor, 0);
	done(r, &b);

	r = report(&b, "2026-10-26", "2026-11-01", "LQ", 10, false);
	sums_are(&r->total, 3, P(16), 0, P(-2), P(3), 1, P(11));
	assert_int_equal(r->nreviews, 1);
	assert_int_equal(r->honor_n[0], 0);
	assert_int_equal(r->ntop_rules, 1);
	assert_int_equal(r->goods[0].stock, 0);   /* XB's shop is not counted */
	done(r, &b);
}

static void test_formats(void **state)
{
	struct jf_book b;
	struct jf_buf out = JF_BUF_INIT;
	struct jf_report *r = report(&b, "2026-10-26", "2026-11-01", NULL, 10, true);
	(void)state;
	jf_report_format(r, JF_FMT_HTML, &out);
	/* the household head "<b>&'\"" is escaped everywhere */
	assert_null(strstr(out.s, "<b>"));
	assert_non_null(strstr(out.s, "&lt;b&gt;&amp;&#39;&quot;"));
	assert_null(strstr(out.s, "<script"));
	jf_buf_reset(&out);
	jf_report_format(r, JF_FMT_MARKDOWN, &out);
	assert_non_null(strstr(out.s, "\\<b\\>\\&'\""));
	jf_buf_reset(&out);
	jf_report_format(r, JF_FMT_CSV, &out);
	assert_non_null(strstr(out.s, "\"<b>&'\"\"\""));
	assert_int_equal(strncmp(out.s, "from,to,section,", 16), 0);
	jf_buf_reset(&out);
	jf_report_format(r, JF_FMT_JSON, &out);
	assert_non_null(strstr(out.s, "\"period\": \"2026-W44\""));
	assert_non_null(strstr(out.s, "\"earned\": 31.5"));
	jf_buf_release(&out);
	done(r, &b);
}

static void test_period_name(void **state)
{
	struct jf_buf out = JF_BUF_INIT;
	(void)state;
	jf_report_period_name(jf_date_from_ymd(2026, 12, 28), jf_date_from_ymd(2027, 1, 3), &out);
	assert_string_equal(out.s, "2026-W53");
	jf_buf_reset(&out);
	jf_report_period_name(jf_date_from_ymd(2026, 2, 1), jf_date_from_ymd(2026, 2, 28), &out);
	assert_string_equal(out.s, "2026-02");
	jf_buf_reset(&out);
	jf_report_period_name(jf_date_from_ymd(2026, 2, 1), jf_date_from_ymd(2026, 2, 27), &out);
	assert_string_equal(out.s, "");
	jf_buf_release(&out);
}

static void test_svg(void **state)
{
	static const char *const labels[] = { "a<b", "长标签" };
	static const jf_points values[] = { 1000, 0, 250, -5 };
	static const struct jf_svg_series ser[] = { { "x", "#000" }, { "y&z", "#111" } };
	struct jf_svg_chart c = { "t\"", 2, labels, 2, ser, values };
	struct jf_buf out = JF_BUF_INIT;
	(void)state;
	jf_svg_hbars(&c, &out);
	assert_int_equal(strncmp(out.s, "<svg ", 5), 0);
	assert_non_null(strstr(out.s, "a&lt;b"));
	assert_non_null(strstr(out.s, "y&amp;z"));
	assert_non_null(strstr(out.s, "aria-label=\"t&quot;\""));
	/* the largest value spans the whole 320 px, 2.5 of 10 a quarter */
	assert_non_null(strstr(out.s, "width=\"320\" height=\"10\""));
	assert_non_null(strstr(out.s, "width=\"80\" height=\"10\""));
	assert_non_null(strstr(out.s, ">-0.05</text>"));
	jf_buf_reset(&out);
	jf_svg_columns(&c, &out);
	assert_non_null(strstr(out.s, "height=\"120\""));
	assert_non_null(strstr(out.s, "height=\"30\""));
	assert_non_null(strstr(out.s, "</svg>\n"));
	jf_buf_reset(&out);
	/* huge values do not overflow */
	static const jf_points big[] = { INT64_MAX, INT64_MAX / 2 };
	struct jf_svg_chart c2 = { "t", 2, labels, 1, ser, big };
	jf_svg_hbars(&c2, &out);
	assert_non_null(strstr(out.s, "width=\"320\" height=\"10\""));
	assert_non_null(strstr(out.s, "width=\"160\" height=\"10\""));
	jf_buf_release(&out);
}

static void test_atomic(void **state)
{
	struct jf_diags d = JF_DIAGS_INIT;
	char path[128], buf[32];
	(void)state;
	snprintf(path, sizeof path, "%s/out.txt", dir);
	assert_int_equal(jf_atomic_write(path, "one\n", 4, 0, &d), JF_OK);
	assert_int_equal(jf_atomic_write(path, "two\n", 4, 0, &d), JF_OK);
	FILE *f = fopen(path, "r");
	assert_non_null(f);
	assert_non_null(fgets(buf, sizeof buf, f));
	fclose(f);
	assert_string_equal(buf, "two\n");
	unlink(path);
	/* no temporary file is left behind, and a bad directory is an error */
	snprintf(path, sizeof path, "%s/no/such/out.txt", dir);
	assert_int_equal(jf_atomic_write(path, "x", 1, 0, &d), JF_SYSTEM);
	assert_int_equal(d.n, 1);
	assert_non_null(strstr(d.v[0].msg, "out.txt"));
	jf_diags_release(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_totals_and_villages),
		cmocka_unit_test(test_categories_and_rules),
		cmocka_unit_test(test_honor_roll_ties),
		cmocka_unit_test(test_goods_stock_trend_reviews),
		cmocka_unit_test(test_later_void_and_village),
		cmocka_unit_test(test_formats),
		cmocka_unit_test(test_period_name),
		cmocka_unit_test(test_svg),
		cmocka_unit_test(test_atomic),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
