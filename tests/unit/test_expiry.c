/* test_expiry.c - points that expire (SPEC 4.4): the years of a household's
 * points, read from a scratch book through the accounts. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <errno.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "acct.h"
#include "book.h"
#include "buf.h"
#include "diag.h"
#include "expiry.h"
#include "kind.h"
#include "ledger.h"

static const char catalogue_yaml[] =
	"activities:\n"
	"  - {code: clean-yard, name: 庭院整洁, category: 环卫整治, points: 5}\n"
	"  - {code: litter, name: 乱扔垃圾, category: 环卫整治, points: -5}\n"
	"goods:\n"
	"  - {code: soap, name: 肥皂, unit: 块, points: 1}\n";
static const char households_yaml[] =
	"households:\n"
	"  - {id: A, head: 甲, village: XB}\n"
	"  - {id: B, head: 乙, village: XB}\n"
	"  - {id: C, head: 丙, village: XB}\n";
enum { A, B, C };

struct fix {
	char *dir;
	struct jf_buf led;
	int n;
};

static int rm_one(const char *p, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st; (void)flag; (void)ftw;
	return remove(p);
}

static void put(const char *dir, const char *rel, const char *text)
{
	struct jf_buf p = JF_BUF_INIT;
	jf_buf_addf(&p, "%s/%s", dir, rel);
	for (char *s = p.s + strlen(dir) + 1; (s = strchr(s, '/')); s++) {
		*s = '\0';
		if (mkdir(p.s, 0777) < 0)
			assert_int_equal(errno, EEXIST);
		*s = '/';
	}
	FILE *f = fopen(p.s, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(text, 1, strlen(text), f), strlen(text));
	assert_int_equal(fclose(f), 0);
	jf_buf_release(&p);
}

static int setup(void **state)
{
	struct fix *fx = calloc(1, sizeof *fx);
	if (!fx)
		return -1;
	fx->dir = strdup("/tmp/jf-test-expiry-XXXXXX");
	if (!fx->dir || !mkdtemp(fx->dir))
		return -1;
	put(fx->dir, "catalogue.yaml", catalogue_yaml);
	put(fx->dir, "households.yaml", households_yaml);
	jf_buf_init(&fx->led);
	*state = fx;
	return 0;
}

static int teardown(void **state)
{
	struct fix *fx = *state;
	jf_buf_release(&fx->led);
	int rc = nftw(fx->dir, rm_one, 16, FTW_DEPTH | FTW_PHYS);
	free(fx->dir);
	free(fx);
	return rc;
}

static void policy(struct fix *fx, const char *expiry)
{
	struct jf_buf b = JF_BUF_INIT;
	jf_buf_addf(&b, "township: 龙渠乡\ntimezone: Asia/Shanghai\n"
		    "villages:\n  - {code: XB, name: 下堡村}\nexpiry: %s\n", expiry);
	put(fx->dir, "jf.yaml", b.s);
	jf_buf_release(&b);
}

static jf_date day(const char *s)
{
	jf_date d;
	const char *why;
	assert_int_equal(jf_date_parse(s, &d, &why), 0);
	return d;
}

/* ---- ledger text: ids are E1, E2 ... in the order written ---- */

static const char *hid(int h)
{
	static const char *const ids[] = { "A", "B", "C" };
	return ids[h];
}

static void earn(struct fix *fx, const char *date, int h, int qty)
{
	jf_buf_addf(&fx->led, "- id: E%d\n  date: %s\n  kind: earn\n  household: %s\n"
		    "  activity: clean-yard\n  qty: %d\n  points: %d\n  by: b\n",
		    ++fx->n, date, hid(h), qty, 5 * qty);
}

static void deduct(struct fix *fx, const char *date, int h)
{
	jf_buf_addf(&fx->led, "- id: E%d\n  date: %s\n  kind: earn\n  household: %s\n"
		    "  activity: litter\n  qty: 1\n  points: -5\n  by: b\n", ++fx->n, date, hid(h));
}

static void redeem(struct fix *fx, const char *date, int h, int pts)
{
	jf_buf_addf(&fx->led, "- id: E%d\n  date: %s\n  kind: redeem\n  household: %s\n"
		    "  item: soap\n  qty: %d\n  points: -%d\n  by: b\n", ++fx->n, date, hid(h), pts, pts);
}

static void adjust(struct fix *fx, const char *date, int h, const char *pts)
{
	jf_buf_addf(&fx->led, "- id: E%d\n  date: %s\n  kind: adjust\n  household: %s\n"
		    "  points: %s\n  reason: r\n  by: b\n", ++fx->n, date, hid(h), pts);
}

static void transfer(struct fix *fx, const char *date, int from, int to, int pts)
{
	jf_buf_addf(&fx->led, "- id: E%d\n  date: %s\n  kind: transfer\n  household: %s\n"
		    "  to: %s\n  points: %d\n  reason: 分户\n  by: b\n", ++fx->n, date, hid(from),
		    hid(to), pts);
}

static void voidof(struct fix *fx, const char *date, int ref)
{
	jf_buf_addf(&fx->led, "- id: E%d\n  date: %s\n  kind: void\n  ref: E%d\n  reason: r\n"
		    "  by: b\n", ++fx->n, date, ref);
}

/* ---- the figures as of a day ---- */

struct fig {
	jf_points balance[3], expired[3], expiring[3];
	struct jf_xlapse lapses[16];
	size_t nlapses;
};

static enum jf_status apply(void *ctx, const struct jf_entry *e)
{
	struct jf_accts *a = ctx;
	struct jf_diags d = JF_DIAGS_INIT;
	enum jf_status st = jf_accts_apply(a, e, &d);
	jf_diags_release(&d);
	return st;
}

static struct fig figures(struct fix *fx, const char *as_of)
{
	struct jf_book b;
	struct jf_diags d = JF_DIAGS_INIT;
	struct jf_accts a;
	struct jf_scan s;
	struct fig f;
	memset(&f, 0, sizeof f);
	put(fx->dir, "ledger/2026/XB.yaml", fx->led.s ? fx->led.s : "");
	assert_int_equal(jf_book_open(&b, fx->dir, &d), JF_OK);
	jf_date asof = day(as_of);
	jf_accts_init(&a, &b, asof);
	jf_scan_init(&s);
	s.use_cache = false;
	enum jf_status st = jf_ledger_read(&s, &b, apply, &a, &d);
	if (st != JF_OK)
		for (size_t i = 0; i < d.n; i++)
			fprintf(stderr, "%s\n", d.v[i].msg);
	assert_int_equal(st, JF_OK);
	assert_int_equal(jf_accts_expire(&a, asof, &d), JF_OK);
	for (int h = 0; h < 3; h++) {
		assert_true(jf_account_balance(&a.acct[h], &f.balance[h]));
		f.expired[h] = a.acct[h].expired;
		f.expiring[h] = a.acct[h].expiring;
	}
	f.nlapses = a.expiry->nlapses < 16 ? a.expiry->nlapses : 16;
	if (f.nlapses)
		memcpy(f.lapses, a.expiry->lapses, f.nlapses * sizeof *f.lapses);
	jf_scan_release(&s);
	jf_accts_release(&a);
	jf_book_release(&b);
	jf_diags_release(&d);
	return f;
}

#define PTS(n) ((jf_points)(n) * 100)

/* every: year-end: what is unspent on 31 December is gone on 1 January */
static void test_year_end(void **state)
{
	struct fix *fx = *state;
	policy(fx, "{every: year-end}");
	earn(fx, "2025-03-01", A, 4);       /* 20 */
	redeem(fx, "2025-06-01", A, 5);     /* 15 left */
	earn(fx, "2026-01-05", A, 2);       /* 10 of 2026 */
	struct fig f = figures(fx, "2025-12-31");
	assert_int_equal(f.balance[A], PTS(15));
	assert_int_equal(f.expired[A], 0);
	assert_int_equal(f.expiring[A], PTS(15)); /* its last day is today */
	f = figures(fx, "2026-01-01");
	assert_int_equal(f.expired[A], PTS(15));
	assert_int_equal(f.balance[A], 0);
	assert_int_equal(f.expiring[A], 0);
	f = figures(fx, "2026-06-30");
	assert_int_equal(f.balance[A], PTS(10));
	assert_int_equal(f.expired[A], PTS(15));
	assert_int_equal(f.nlapses, 1);
	assert_int_equal(f.lapses[0].household, A);
	assert_int_equal(f.lapses[0].until, day("2025-12-31"));
	assert_int_equal(f.lapses[0].points, PTS(15));
	/* 30 days: 2026-12-01 is within, 2026-11-30 is not */
	assert_int_equal(figures(fx, "2026-12-01").expiring[A], PTS(10));
	assert_int_equal(figures(fx, "2026-11-30").expiring[A], 0);
}

/* years: 2: spending takes the oldest year first */
static void test_oldest_first(void **state)
{
	struct fix *fx = *state;
	policy(fx, "{years: 2}");
	earn(fx, "2024-05-01", A, 2);       /* 10 of 2024 */
	earn(fx, "2025-05-01", A, 4);       /* 20 of 2025 */
	redeem(fx, "2025-07-01", A, 12);    /* 10 from 2024, 2 from 2025 */
	deduct(fx, "2025-08-01", A);        /* 5 more from 2025: 13 left */
	struct fig f = figures(fx, "2026-01-01");
	assert_int_equal(f.expired[A], 0);  /* 2024 was spent */
	assert_int_equal(f.balance[A], PTS(13));
	f = figures(fx, "2027-01-01");
	assert_int_equal(f.expired[A], PTS(13));
	assert_int_equal(f.balance[A], 0);
	/* unspent oldest year: without the redemption 2024's 10 would go */
}

static void test_oldest_year_expires(void **state)
{
	struct fix *fx = *state;
	policy(fx, "{years: 2}");
	earn(fx, "2024-05-01", A, 2);       /* 10 of 2024 */
	earn(fx, "2025-05-01", A, 4);       /* 20 of 2025 */
	redeem(fx, "2025-07-01", A, 4);     /* 4 from 2024 */
	struct fig f = figures(fx, "2025-12-31");
	assert_int_equal(f.expiring[A], PTS(6));
	assert_int_equal(f.balance[A], PTS(26));
	f = figures(fx, "2026-01-01");
	assert_int_equal(f.expired[A], PTS(6));
	assert_int_equal(f.balance[A], PTS(20));
	assert_int_equal(f.lapses[0].until, day("2025-12-31"));
}

/* a voided earning does not expire; a voided redemption gives back to the
 * oldest year still valid */
static void test_voids(void **state)
{
	struct fix *fx = *state;
	policy(fx, "{years: 2}");
	earn(fx, "2024-05-01", A, 2);       /* E1: 10 of 2024 */
	earn(fx, "2025-05-01", A, 4);       /* E2: 20 of 2025 */
	voidof(fx, "2026-02-01", 1);        /* E3: E1 had expired on 2026-01-01 */
	redeem(fx, "2026-03-01", A, 8);     /* E4: from 2025 */
	voidof(fx, "2026-04-01", 4);        /* E5: 8 back, to 2025 */
	struct fig f = figures(fx, "2026-01-31");
	assert_int_equal(f.expired[A], PTS(10));
	assert_int_equal(f.balance[A], PTS(20));
	f = figures(fx, "2026-02-01");
	/* E1 had expired: what expired stays, the void takes nothing back */
	assert_int_equal(f.expired[A], PTS(10));
	assert_int_equal(f.nlapses, 1);
	assert_int_equal(f.lapses[0].points, PTS(10));
	assert_int_equal(f.balance[A], PTS(20));
	f = figures(fx, "2026-04-01");
	assert_int_equal(f.balance[A], PTS(20));
	f = figures(fx, "2027-01-01");      /* 2025's 20 (8 given back) expire */
	assert_int_equal(f.expired[A], PTS(30));
	assert_int_equal(f.balance[A], 0);
}

/* a void after the year end that expired its earning: what expired stays
 * (and its receipt agrees), the void takes back only what the earning
 * still was: what it paid for, not what expired of it */
static void test_void_after_expiry(void **state)
{
	struct fix *fx = *state;
	policy(fx, "{every: year-end}");
	earn(fx, "2026-05-01", A, 20);      /* E1: 100 of 2026 */
	redeem(fx, "2026-06-01", A, 30);    /* E2: 70 left */
	earn(fx, "2027-01-10", A, 2);       /* E3: 10 of 2027 */
	voidof(fx, "2027-02-01", 1);        /* E4: 70 of E1 had expired */
	earn(fx, "2026-07-01", B, 4);       /* E5: 20 of 2026 for B */
	voidof(fx, "2026-12-01", 5);        /* E6: voided while valid: none expires */
	struct fig f = figures(fx, "2027-01-31");
	assert_int_equal(f.expired[A], PTS(70));
	assert_int_equal(f.balance[A], PTS(10));
	f = figures(fx, "2027-02-01");
	assert_int_equal(f.expired[A], PTS(70)); /* not taken back by the void */
	assert_int_equal(f.nlapses, 1);
	assert_int_equal(f.lapses[0].household, A);
	assert_int_equal(f.lapses[0].until, day("2026-12-31"));
	assert_int_equal(f.lapses[0].points, PTS(70));
	assert_int_equal(f.balance[A], -PTS(20)); /* the 30 it paid for, less E3's 10 */
	assert_int_equal(f.expired[B], 0);
	assert_int_equal(f.balance[B], 0);
	f = figures(fx, "2028-01-01");      /* the debt is never cleared */
	assert_int_equal(f.balance[A], -PTS(20));
	assert_int_equal(f.expired[A], PTS(70));
}

/* years: 2: a void of an earning of a year gone keeps what expired of it,
 * one void no more than that year's lapse for two */
static void test_voids_share_lapse(void **state)
{
	struct fix *fx = *state;
	policy(fx, "{years: 2}");
	earn(fx, "2024-05-01", A, 2);       /* E1: 10 of 2024 */
	earn(fx, "2024-06-01", A, 2);       /* E2: 10 of 2024 */
	redeem(fx, "2025-01-10", A, 12);    /* E3: 12 of 2024: 8 left */
	earn(fx, "2025-05-01", A, 4);       /* E4: 20 of 2025 */
	voidof(fx, "2026-02-01", 1);        /* E5: keeps 8, takes 2 from 2025 */
	voidof(fx, "2026-03-01", 2);        /* E6: keeps 0, takes 10 from 2025 */
	struct fig f = figures(fx, "2026-01-01");
	assert_int_equal(f.expired[A], PTS(8));
	assert_int_equal(f.balance[A], PTS(20));
	f = figures(fx, "2026-02-01");
	assert_int_equal(f.expired[A], PTS(8));
	assert_int_equal(f.balance[A], PTS(18));
	f = figures(fx, "2026-03-01");
	assert_int_equal(f.balance[A], PTS(8));
	f = figures(fx, "2027-01-01");
	assert_int_equal(f.expired[A], PTS(16));
	assert_int_equal(f.balance[A], 0);
}

/* a void of a transfer after what was moved expired with the receiver:
 * the giver gets back only what the receiver still had */
static void test_transfer_void_after_expiry(void **state)
{
	struct fix *fx = *state;
	policy(fx, "{every: year-end}");
	earn(fx, "2026-05-01", A, 4);       /* E1: 20 */
	transfer(fx, "2026-06-01", A, B, 15); /* E2: 5 left with A */
	redeem(fx, "2026-07-01", B, 6);     /* E3: B spends 6 of them */
	earn(fx, "2027-01-05", B, 2);       /* E4: 10 of 2027 for B */
	voidof(fx, "2027-02-01", 2);        /* E5: 9 expired with B */
	struct fig f = figures(fx, "2027-01-31");
	assert_int_equal(f.expired[A], PTS(5));
	assert_int_equal(f.expired[B], PTS(9));
	assert_int_equal(f.balance[B], PTS(10));
	f = figures(fx, "2027-02-01");
	assert_int_equal(f.expired[A], PTS(5));
	assert_int_equal(f.expired[B], PTS(9));
	assert_int_equal(f.balance[B], PTS(4)); /* gives back the 6 it spent */
	assert_int_equal(f.balance[A], PTS(6));
	f = figures(fx, "2028-01-01");      /* the 6 A got back are of 2027 */
	assert_int_equal(f.expired[A], PTS(11));
	assert_int_equal(f.balance[A], 0);
}

/* a void of a gain still valid takes from the gain's own year, not the oldest */
static void test_void_own_year(void **state)
{
	struct fix *fx = *state;
	policy(fx, "{years: 2}");
	earn(fx, "2025-05-01", A, 2);       /* E1: 10 of 2025 */
	earn(fx, "2026-05-01", A, 2);       /* E2: 10 of 2026 */
	voidof(fx, "2026-06-01", 2);        /* E3: out of 2026 */
	struct fig f = figures(fx, "2027-01-01");
	assert_int_equal(f.expired[A], PTS(10)); /* 2025's ten */
	assert_int_equal(f.balance[A], 0);
}

/* a transfer moves years oldest first; the receiver keeps them; a void of
 * the transfer takes both sides back */
static void test_transfer_keeps_years(void **state)
{
	struct fix *fx = *state;
	policy(fx, "{years: 2}");
	earn(fx, "2024-05-01", A, 2);       /* E1: 10 of 2024 */
	earn(fx, "2025-05-01", A, 4);       /* E2: 20 of 2025 */
	transfer(fx, "2025-06-01", A, B, 15); /* E3: 10 of 2024, 5 of 2025 to B */
	struct fig f = figures(fx, "2025-12-31");
	assert_int_equal(f.balance[A], PTS(15));
	assert_int_equal(f.balance[B], PTS(15));
	assert_int_equal(f.expiring[A], 0);
	assert_int_equal(f.expiring[B], PTS(10));
	f = figures(fx, "2026-01-01");
	assert_int_equal(f.expired[B], PTS(10));
	assert_int_equal(f.expired[A], 0);
	assert_int_equal(f.balance[B], PTS(5));
	f = figures(fx, "2027-01-01");
	assert_int_equal(f.expired[B], PTS(15));
	assert_int_equal(f.expired[A], PTS(15));
}

static void test_transfer_void(void **state)
{
	struct fix *fx = *state;
	policy(fx, "{every: year-end}");
	earn(fx, "2026-05-01", A, 4);       /* E1: 20 */
	transfer(fx, "2026-06-01", A, B, 15); /* E2 */
	voidof(fx, "2026-07-01", 2);        /* E3: both sides back */
	struct fig f = figures(fx, "2026-06-30");
	assert_int_equal(f.balance[A], PTS(5));
	assert_int_equal(f.balance[B], PTS(15));
	f = figures(fx, "2026-07-01");
	assert_int_equal(f.balance[A], PTS(20));
	assert_int_equal(f.balance[B], 0);
	f = figures(fx, "2027-01-01");
	assert_int_equal(f.expired[A], PTS(20));
	assert_int_equal(f.expired[B], 0);
}

/* a negative balance is never cleared: the debt carries over and new
 * points pay it first */
static void test_debt_carries(void **state)
{
	struct fix *fx = *state;
	policy(fx, "{every: year-end}");
	adjust(fx, "2025-03-01", A, "-7");
	earn(fx, "2026-02-01", A, 2);       /* 10: pays 7 */
	struct fig f = figures(fx, "2026-01-01");
	assert_int_equal(f.balance[A], PTS(-7));
	assert_int_equal(f.expired[A], 0);
	f = figures(fx, "2027-01-01");
	assert_int_equal(f.expired[A], PTS(3));
	assert_int_equal(f.balance[A], 0);
}

/* a leap day: points of 29 February count in their year like any other */
static void test_leap_day(void **state)
{
	struct fix *fx = *state;
	policy(fx, "{every: year-end}");
	earn(fx, "2028-02-29", A, 1);
	earn(fx, "2028-12-31", A, 1);
	earn(fx, "2029-01-01", A, 1);
	struct fig f = figures(fx, "2028-12-31");
	assert_int_equal(f.balance[A], PTS(10));
	assert_int_equal(f.expiring[A], PTS(10));
	f = figures(fx, "2029-01-01");
	assert_int_equal(f.expired[A], PTS(10));
	assert_int_equal(f.balance[A], PTS(5));
	/* 2028 has 366 days: 2028-12-01 is 30 days before its end */
	assert_int_equal(figures(fx, "2028-12-01").expiring[A], PTS(5));
	assert_int_equal(figures(fx, "2028-11-30").expiring[A], 0);
}

/* points counting before `since` count on it */
static void test_since(void **state)
{
	struct fix *fx = *state;
	policy(fx, "{every: year-end, since: 2027-01-01}");
	earn(fx, "2025-03-01", A, 2);       /* 10: counts as of 2027 */
	earn(fx, "2026-03-01", A, 2);       /* 10: likewise */
	redeem(fx, "2026-04-01", A, 3);
	earn(fx, "2027-03-01", A, 1);
	struct fig f = figures(fx, "2027-01-01");
	assert_int_equal(f.expired[A], 0);
	assert_int_equal(f.balance[A], PTS(17));
	assert_int_equal(figures(fx, "2026-12-31").expiring[A], 0);
	f = figures(fx, "2028-01-01");
	assert_int_equal(f.expired[A], PTS(22));
	assert_int_equal(f.lapses[0].until, day("2027-12-31"));
}

/* the order entries are written in does not matter: only dates do */
static void test_file_order(void **state)
{
	struct fix *fx = *state;
	policy(fx, "{years: 2}");
	redeem(fx, "2025-07-01", A, 12);
	earn(fx, "2025-05-01", A, 4);
	earn(fx, "2024-05-01", A, 2);
	struct fig f = figures(fx, "2026-01-01");
	assert_int_equal(f.expired[A], 0);
	assert_int_equal(f.balance[A], PTS(18));
}

/* no `expiry:`: nothing expires */
static void test_no_policy(void **state)
{
	struct fix *fx = *state;
	put(fx->dir, "jf.yaml", "township: 龙渠乡\ntimezone: Asia/Shanghai\n"
	    "villages:\n  - {code: XB, name: 下堡村}\n");
	earn(fx, "2020-05-01", A, 2);
	struct jf_book b;
	struct jf_diags d = JF_DIAGS_INIT;
	put(fx->dir, "ledger/2026/XB.yaml", fx->led.s);
	assert_int_equal(jf_book_open(&b, fx->dir, &d), JF_OK);
	assert_int_equal(b.expiry.years, 0);
	struct jf_accts a;
	jf_accts_init(&a, &b, JF_DATE_NONE);
	assert_null(a.expiry);
	assert_int_equal(jf_accts_expire(&a, day("2030-01-01"), &d), JF_OK);
	jf_accts_release(&a);
	jf_book_release(&b);
	jf_diags_release(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_year_end, setup, teardown),
		cmocka_unit_test_setup_teardown(test_oldest_first, setup, teardown),
		cmocka_unit_test_setup_teardown(test_oldest_year_expires, setup, teardown),
		cmocka_unit_test_setup_teardown(test_voids, setup, teardown),
		cmocka_unit_test_setup_teardown(test_void_own_year, setup, teardown),
		cmocka_unit_test_setup_teardown(test_void_after_expiry, setup, teardown),
		cmocka_unit_test_setup_teardown(test_voids_share_lapse, setup, teardown),
		cmocka_unit_test_setup_teardown(test_transfer_void_after_expiry, setup, teardown),
		cmocka_unit_test_setup_teardown(test_transfer_keeps_years, setup, teardown),
		cmocka_unit_test_setup_teardown(test_transfer_void, setup, teardown),
		cmocka_unit_test_setup_teardown(test_debt_carries, setup, teardown),
		cmocka_unit_test_setup_teardown(test_leap_day, setup, teardown),
		cmocka_unit_test_setup_teardown(test_since, setup, teardown),
		cmocka_unit_test_setup_teardown(test_file_order, setup, teardown),
		cmocka_unit_test_setup_teardown(test_no_policy, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
