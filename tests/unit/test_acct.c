/* test_acct.c - household accounts and shop stock from the entries. */
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
#include "kind.h"
#include "book.h"
#include "buf.h"
#include "diag.h"
#include "ledger.h"

/* ---- the scratch book ---- */

static const char jf_yaml[] =
	"township: 龙渠乡\ntimezone: Asia/Shanghai\nvillages:\n"
	"  - {code: XB, name: 下堡村}\n  - {code: LQ, name: 龙渠村}\n";
static const char catalogue_yaml[] =
	"activities:\n"
	"  - {code: clean-yard, name: 庭院整洁, category: 环卫整治, points: 5}\n"
	"  - {code: litter, name: 乱扔垃圾, category: 环卫整治, points: -5}\n"
	"goods:\n"
	"  - {code: washing-powder, name: 洗衣粉, unit: 袋, points: 10, stock: true}\n"
	"  - {code: soap, name: 肥皂, unit: 块, points: 3}\n";
static const char households_yaml[] =
	"households:\n"
	"  - {id: XB-017, head: 司学霞, village: XB}\n"
	"  - {id: LQ-001, head: 李明, village: LQ}\n";

enum { XB, LQ };                    /* villages */
enum { H_XB017, H_LQ001 };          /* households */
enum { WP, SOAP };                  /* goods */

struct fix {
	char *dir;
	struct jf_book book;
};

static int rm_one(const char *p, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st; (void)flag; (void)ftw;
	return remove(p);
}

static void put(const char *dir, const char *rel, const char *text)
{
	struct jf_buf p = JF_BUF_INIT;
	FILE *f;

	jf_buf_addf(&p, "%s/%s", dir, rel);
	for (char *s = p.s + strlen(dir) + 1; (s = strchr(s, '/')); s++) {
		*s = '\0';
		if (mkdir(p.s, 0777) < 0)
			assert_int_equal(errno, EEXIST);
		*s = '/';
	}
	f = fopen(p.s, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(text, 1, strlen(text), f), strlen(text));
	assert_int_equal(fclose(f), 0);
	jf_buf_release(&p);
}

static int setup(void **state)
{
	struct fix *fx = calloc(1, sizeof *fx);
	struct jf_diags d = JF_DIAGS_INIT;

	if (!fx)
		return -1;
	fx->dir = strdup("/tmp/jf-test-acct-XXXXXX");
	if (!fx->dir || !mkdtemp(fx->dir))
		return -1;
	put(fx->dir, "jf.yaml", jf_yaml);
	put(fx->dir, "catalogue.yaml", catalogue_yaml);
	put(fx->dir, "households.yaml", households_yaml);
	if (jf_book_open(&fx->book, fx->dir, &d) != JF_OK)
		return -1;
	jf_diags_release(&d);
	*state = fx;
	return 0;
}

static int teardown(void **state)
{
	struct fix *fx = *state;
	int rc;

	jf_book_release(&fx->book);
	rc = nftw(fx->dir, rm_one, 16, FTW_DEPTH | FTW_PHYS);
	free(fx->dir);
	free(fx);
	return rc;
}

static jf_date day(const char *s)
{
	jf_date d;
	const char *why;
	assert_int_equal(jf_date_parse(s, &d, &why), 0);
	return d;
}

/* ---- ledger text ---- */

static void earn(struct jf_buf *b, const char *id, const char *date, const char *hh,
		 const char *act, int qty, const char *pts)
{
	jf_buf_addf(b, "- id: %s\n  date: %s\n  kind: earn\n  household: %s\n  activity: %s\n"
		    "  qty: %d\n  points: %s\n  by: b\n", id, date, hh, act, qty, pts);
}

static void redeem(struct jf_buf *b, const char *id, const char *date, const char *hh,
		   const char *item, int qty, const char *pts)
{
	jf_buf_addf(b, "- id: %s\n  date: %s\n  kind: redeem\n  household: %s\n  item: %s\n"
		    "  qty: %d\n  points: %s\n  by: b\n", id, date, hh, item, qty, pts);
}

static void adjust(struct jf_buf *b, const char *id, const char *date, const char *hh,
		   const char *pts)
{
	jf_buf_addf(b, "- id: %s\n  date: %s\n  kind: adjust\n  household: %s\n  points: %s\n"
		    "  reason: 开户\n  by: b\n", id, date, hh, pts);
}

static void restock(struct jf_buf *b, const char *id, const char *date, const char *v,
		    const char *item, int qty)
{
	jf_buf_addf(b, "- id: %s\n  date: %s\n  kind: restock\n  village: %s\n  item: %s\n"
		    "  qty: %d\n  by: b\n", id, date, v, item, qty);
}

static void voidof(struct jf_buf *b, const char *id, const char *date, const char *ref)
{
	jf_buf_addf(b, "- id: %s\n  date: %s\n  kind: void\n  ref: %s\n  reason: r\n  by: b\n",
		    id, date, ref);
}

/* The standard history; with voids, a second act undoes most of it. */
static void history(struct fix *fx, bool voids)
{
	struct jf_buf b = JF_BUF_INIT;

	restock(&b, "S1", "2026-11-01", "XB", "washing-powder", 10);
	restock(&b, "S2", "2026-11-01", "LQ", "washing-powder", 3);
	restock(&b, "S3", "2026-11-01", "LQ", "soap", 50);   /* untracked */
	earn(&b, "E1", "2026-11-01", "XB-017", "clean-yard", 2, "10");
	earn(&b, "E2", "2026-11-02", "XB-017", "litter", 1, "-5");
	adjust(&b, "A1", "2026-11-03", "XB-017", "100");
	redeem(&b, "R1", "2026-11-04", "XB-017", "washing-powder", 2, "-20");
	redeem(&b, "R2", "2026-11-04", "XB-017", "soap", 1, "-3");
	adjust(&b, "A2", "2026-11-02", "LQ-001", "50.5");
	redeem(&b, "R3", "2026-11-05", "LQ-001", "washing-powder", 1, "-10");
	restock(&b, "S4", "2026-11-06", "LQ", "washing-powder", -1);  /* a write-off */
	if (voids) {
		voidof(&b, "V1", "2026-11-10", "E1");   /* an earning */
		voidof(&b, "V2", "2026-11-10", "E2");   /* a deduction */
		voidof(&b, "V3", "2026-11-11", "A1");   /* an adjustment */
		voidof(&b, "V4", "2026-11-12", "R1");   /* a redemption */
		voidof(&b, "V5", "2026-11-12", "S1");   /* a restock */
		voidof(&b, "V6", "2026-11-12", "S4");   /* a write-off */
	}
	put(fx->dir, "ledger/2026/XB.yaml", b.s);
	jf_buf_release(&b);
}

/* Accounts as of several days at once, filled by one scan. */
#define NASOF 6
static const char *const asof_days[NASOF] = {
	NULL, "2026-10-31", "2026-11-01", "2026-11-09", "2026-11-10", "2026-11-11",
};

struct multi {
	struct jf_accts a[NASOF];
	struct jf_diags *d;
};

static enum jf_status apply_all(void *ctx, const struct jf_entry *e)
{
	struct multi *m = ctx;
	for (int i = 0; i < NASOF; i++) {
		enum jf_status st = jf_accts_apply(&m->a[i], e, m->d);
		if (st != JF_OK)
			return st;
	}
	return JF_OK;
}

static void run(struct fix *fx, struct multi *m, struct jf_diags *d)
{
	struct jf_scan s;

	m->d = d;
	for (int i = 0; i < NASOF; i++)
		jf_accts_init(&m->a[i], &fx->book, asof_days[i] ? day(asof_days[i]) : JF_DATE_NONE);
	jf_scan_init(&s);
	assert_int_equal(jf_ledger_scan(&s, &fx->book, apply_all, m, d), JF_OK);
	assert_int_equal(d->n, 0);
	jf_scan_release(&s);
}

static void release(struct multi *m)
{
	for (int i = 0; i < NASOF; i++) {
		jf_accts_release(&m->a[i]);
		assert_null(m->a[i].acct);
		assert_null(m->a[i].stock);
	}
}

/* Points are given in hundredths. */
static void check(const struct jf_accts *a, int h, jf_points earned, jf_points gained,
		  jf_points deducted, jf_points adjusted, jf_points spent, jf_points balance,
		  int64_t entries)
{
	const struct jf_account *ac = &a->acct[h];
	jf_points bal = 12345;

	assert_true(ac->earned == earned);
	assert_true(ac->gained == gained);
	assert_true(ac->deducted == deducted);
	assert_true(ac->adjusted == adjusted);
	assert_true(ac->spent == spent);
	assert_true(jf_account_balance(ac, &bal));
	assert_true(bal == balance);
	assert_int_equal(ac->entries, entries);
}

static void test_balances(void **state)
{
	struct fix *fx = *state;
	struct multi m;
	struct jf_diags d = JF_DIAGS_INIT;
	const struct jf_accts *all = &m.a[0];

	history(fx, false);
	run(fx, &m, &d);
	/* earned = 10 - 5 + 100 = 105; spent = 20 + 3 */
	check(all, H_XB017, 10500, 1000, -500, 10000, 2300, 8200, 5);
	/* 50.5 - 10 */
	check(all, H_LQ001, 5050, 0, 0, 5050, 1000, 4050, 2);
	/* stock per village shop: XB 10 - 2; LQ 3 - 1 - 1 written off */
	assert_int_equal(jf_accts_stock(all, XB, WP), 8);
	assert_int_equal(jf_accts_stock(all, LQ, WP), 1);
	/* soap is not tracked: neither the restock nor the redemption count */
	assert_int_equal(jf_accts_stock(all, XB, SOAP), 0);
	assert_int_equal(jf_accts_stock(all, LQ, SOAP), 0);

	/* as of a day before anything */
	check(&m.a[1], H_XB017, 0, 0, 0, 0, 0, 0, 0);
	assert_int_equal(jf_accts_stock(&m.a[1], XB, WP), 0);
	/* as of the first day: only E1 and the restocks */
	check(&m.a[2], H_XB017, 1000, 1000, 0, 0, 0, 1000, 1);
	check(&m.a[2], H_LQ001, 0, 0, 0, 0, 0, 0, 0);
	assert_int_equal(jf_accts_stock(&m.a[2], XB, WP), 10);
	assert_int_equal(jf_accts_stock(&m.a[2], LQ, WP), 3);
	release(&m);
	jf_diags_release(&d);
}

/* A void takes its target back on the void's own date. */
static void test_voids(void **state)
{
	struct fix *fx = *state;
	struct multi m;
	struct jf_diags d = JF_DIAGS_INIT;

	history(fx, true);
	run(fx, &m, &d);

	/* everything: E1, E2, A1 and R1 voided; R2 (3) stays spent */
	check(&m.a[0], H_XB017, 0, 0, 0, 0, 300, -300, 9);
	check(&m.a[0], H_LQ001, 5050, 0, 0, 5050, 1000, 4050, 2);
	/* XB: 10 - 2 + 2 (V4) - 10 (V5); LQ: 3 - 1 - 1 + 1 (V6) */
	assert_int_equal(jf_accts_stock(&m.a[0], XB, WP), 0);
	assert_int_equal(jf_accts_stock(&m.a[0], LQ, WP), 2);

	/* as of the day before the first void: as if none */
	check(&m.a[3], H_XB017, 10500, 1000, -500, 10000, 2300, 8200, 5);
	assert_int_equal(jf_accts_stock(&m.a[3], XB, WP), 8);
	assert_int_equal(jf_accts_stock(&m.a[3], LQ, WP), 1);
	/* as of 11-10: the earning and the deduction are voided */
	check(&m.a[4], H_XB017, 10000, 0, 0, 10000, 2300, 7700, 7);
	/* as of 11-11: the adjustment too */
	check(&m.a[5], H_XB017, 0, 0, 0, 0, 2300, -2300, 8);
	assert_int_equal(jf_accts_stock(&m.a[5], XB, WP), 8);
	release(&m);
	jf_diags_release(&d);
}

/* What entries do, as their kinds say (kind.h): a void takes back its
 * target's moves, in the target's bucket, on its own date. */
static void test_entry_moves(void **state)
{
	struct fix *fx = *state;
	struct jf_effect t, self;
	struct jf_entry e;
	struct jf_move m[JF_MOVES_MAX];

	memset(&t, 0, sizeof t);
	memset(&self, 0, sizeof self);
	memset(&e, 0, sizeof e);
	e.self = &self;
	self.kind = JF_EARN;
	self.points = 650;
	self.qty = 2;
	self.date = 100;
	assert_int_equal(jf_entry_moves(&fx->book, &e, m), 1);
	assert_true(m[0].points == 650 && m[0].bucket == JF_BUCKET_EARN && !m[0].deduction);
	assert_true(m[0].qty == 2 && m[0].from == 100 && m[0].stock == 0);
	e.kind = self.kind = JF_REDEEM;
	self.points = -2000;
	assert_int_equal(jf_entry_moves(&fx->book, &e, m), 1);
	assert_true(m[0].points == -2000 && m[0].bucket == JF_BUCKET_SPEND && m[0].stock == -2);
	/* a void: minus its target's points, in its target's bucket */
	e.kind = self.kind = JF_VOID;
	self.points = 0;
	self.qty = 0;
	self.date = 105;
	e.target = &t;
	t.kind = JF_REDEEM;
	t.points = -2000;
	t.qty = 3;
	t.date = 90;
	assert_int_equal(jf_entry_moves(&fx->book, &e, m), 1);
	assert_true(m[0].points == 2000 && m[0].bucket == JF_BUCKET_SPEND && m[0].stock == 3);
	assert_true(m[0].from == 105 && m[0].dated == 90 && m[0].qty == -3);
	t.kind = JF_EARN;
	t.points = -500;
	assert_int_equal(jf_entry_moves(&fx->book, &e, m), 1);
	assert_true(m[0].points == 500 && m[0].bucket == JF_BUCKET_EARN && m[0].deduction);
	t.kind = JF_RESTOCK;
	t.points = 0;
	t.household = -1;
	assert_int_equal(jf_entry_moves(&fx->book, &e, m), 1);
	assert_true(m[0].points == 0 && m[0].household == -1 && m[0].stock == -3);
	/* a void without a target counts nothing */
	e.target = NULL;
	assert_int_equal(jf_entry_moves(&fx->book, &e, m), 0);
}

/* Entries made by hand, to reach the overflow checks. */
static void test_overflow(void **state)
{
	struct fix *fx = *state;
	struct jf_accts a;
	struct jf_diags d = JF_DIAGS_INIT;
	struct jf_entry e;
	struct jf_effect self;

	memset(&self, 0, sizeof self);
	memset(&e, 0, sizeof e);
	e.file = "ledger/2026/XB.yaml";
	e.line = 12;
	e.col = 3;
	e.id = "X";
	e.date = day("2026-11-01");
	e.kind = JF_ADJUST;
	e.household = H_XB017;
	e.village = XB;
	e.activity = e.item = -1;
	e.points = JF_POINTS_MAX;
	e.self = &self;
	/* what an entry does comes from its record (kind.h), as the cache
	 * replays it: the record says the same as the entry */
	self.kind = JF_ADJUST;
	self.date = e.date;
	self.household = H_XB017;
	self.village = XB;
	self.points = e.points;
	jf_accts_init(&a, &fx->book, JF_DATE_NONE);
	/* the book's tally reaches JF_POINTS_SUM_MAX exactly: accepted */
	for (jf_points i = 0; i < JF_POINTS_SUM_MAX / JF_POINTS_MAX - 1; i++)
		assert_int_equal(jf_accts_apply(&a, &e, &d), JF_OK);
	e.points = self.points = JF_POINTS_MAX - 5;
	assert_int_equal(jf_accts_apply(&a, &e, &d), JF_OK);
	e.points = self.points = 5;
	assert_int_equal(jf_accts_apply(&a, &e, &d), JF_OK);
	assert_int_equal(d.n, 0);
	assert_true(a.acct[H_XB017].earned == JF_POINTS_SUM_MAX);
	assert_true(a.tally == JF_POINTS_SUM_MAX);
	/* one more hundredth, of either sign: the tally passes the bound */
	e.line = 20;
	e.points = self.points = -1;
	assert_int_equal(jf_accts_apply(&a, &e, &d), JF_INVALID);
	assert_int_equal(d.n, 1);
	assert_string_equal(d.v[0].file, "ledger/2026/XB.yaml");
	assert_int_equal(d.v[0].line, 20);
	assert_int_equal(d.v[0].col, 3);
	assert_string_equal(d.v[0].msg, JF_POINTS_TALLY_MSG);
	jf_diags_release(&d);
	/* counted whatever as_of is: a reader of an earlier day refuses too */
	a.as_of = day("2026-10-01");
	assert_int_equal(jf_accts_apply(&a, &e, &d), JF_INVALID);
	assert_int_equal(d.n, 1);
	jf_diags_release(&d);
	a.as_of = JF_DATE_NONE;
	/* a value no reader accepts (from a forged cache, say): refused, and
	 * a void of it does not negate INT64_MIN */
	jf_accts_release(&a);
	jf_accts_init(&a, &fx->book, JF_DATE_NONE);
	e.points = self.points = INT64_MIN;
	assert_int_equal(jf_accts_apply(&a, &e, &d), JF_INVALID);
	jf_diags_release(&d);
	struct jf_entry v = e;
	struct jf_effect vself = self;
	struct jf_move mv[JF_MOVES_MAX];
	self.points = INT64_MIN;
	self.kind = JF_ADJUST;
	vself.kind = JF_VOID;
	vself.points = 0;
	v.kind = JF_VOID;
	v.self = &vself;
	v.target = &self;
	assert_int_equal(jf_entry_moves(&fx->book, &v, mv), 1);
	assert_true(mv[0].points == INT64_MIN);
	assert_int_equal(jf_accts_apply(&a, &v, &d), JF_INVALID);
	assert_string_equal(d.v[0].msg, JF_POINTS_TALLY_MSG);
	jf_diags_release(&d);
	memset(&self, 0, sizeof self);
	jf_accts_release(&a);
	jf_accts_init(&a, &fx->book, JF_DATE_NONE);

	/* stock overflows too (a record's qty is 32 bits: the shop's stock
	 * is brought to the edge by hand) */
	e.kind = self.kind = JF_RESTOCK;
	e.household = self.household = -1;
	e.item = self.what = WP;
	e.points = self.points = 0;
	e.qty = self.qty = 1;
	a.stock[(size_t)XB * fx->book.ngoods + WP] = INT64_MAX - 1;
	assert_int_equal(jf_accts_apply(&a, &e, &d), JF_OK);
	e.qty = 1;
	assert_int_equal(jf_accts_apply(&a, &e, &d), JF_INVALID);
	assert_int_equal(d.n, 1);
	jf_diags_release(&d);
	jf_accts_release(&a);

	/* the balance itself: earned - spent */
	struct jf_account ac;
	jf_points bal = 42;
	memset(&ac, 0, sizeof ac);
	ac.earned = INT64_MIN;
	ac.spent = 1;
	assert_false(jf_account_balance(&ac, &bal));
	assert_true(bal == 42);
	ac.earned = -5;
	ac.spent = INT64_MAX;
	assert_false(jf_account_balance(&ac, &bal));
	ac.earned = 650;
	ac.spent = 1000;
	assert_true(jf_account_balance(&ac, &bal));
	assert_true(bal == -350);
}

/* An entry dated after as_of changes nothing, not even the entry count. */
static void test_as_of_ignores_later(void **state)
{
	struct fix *fx = *state;
	struct jf_accts a;
	struct jf_diags d = JF_DIAGS_INIT;
	struct jf_entry e;
	struct jf_effect self;

	memset(&e, 0, sizeof e);
	memset(&self, 0, sizeof self);
	e.file = "f";
	e.kind = JF_EARN;
	e.household = H_LQ001;
	e.village = LQ;
	e.activity = 0;
	e.item = -1;
	e.qty = 1;
	e.points = 500;
	/* what it does comes from its record (kind.h) */
	e.self = &self;
	self.kind = JF_EARN;
	self.household = H_LQ001;
	self.village = LQ;
	self.qty = 1;
	self.points = 500;
	jf_accts_init(&a, &fx->book, day("2026-11-28"));
	assert_true(a.as_of == day("2026-11-28"));
	e.date = self.date = day("2026-11-29");
	assert_int_equal(jf_accts_apply(&a, &e, &d), JF_OK);
	check(&a, H_LQ001, 0, 0, 0, 0, 0, 0, 0);
	e.date = self.date = day("2026-11-28");
	assert_int_equal(jf_accts_apply(&a, &e, &d), JF_OK);
	check(&a, H_LQ001, 500, 500, 0, 0, 0, 500, 1);
	jf_accts_release(&a);
	assert_int_equal(d.n, 0);
}

/* A book without goods still has room for its (empty) stock table. */
static void test_no_goods(void **state)
{
	struct fix *fx = *state;
	struct jf_book b;
	struct jf_accts a;
	struct jf_diags d = JF_DIAGS_INIT;

	put(fx->dir, "catalogue.yaml",
	    "activities:\n  - {code: a, name: A, category: C, points: 1}\n");
	assert_int_equal(jf_book_open(&b, fx->dir, &d), JF_OK);
	assert_int_equal(b.ngoods, 0);
	jf_accts_init(&a, &b, JF_DATE_NONE);
	assert_non_null(a.acct);
	assert_non_null(a.stock);
	assert_true(a.acct[1].earned == 0);
	jf_accts_release(&a);
	jf_book_release(&b);
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_balances),
		T(test_voids),
		cmocka_unit_test_setup_teardown(test_entry_moves, setup, teardown),
		T(test_overflow),
		T(test_as_of_ignores_later),
		T(test_no_goods),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
