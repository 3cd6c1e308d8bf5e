/* test_review.c - the state of a reviewed entry from its follow-ups
 * (review.h, state.h): every state, across notice-day, ISO-week and year
 * boundaries, in canonical order whatever order the records came in. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "kind.h"
#include "review.h"

static jf_date D(const char *s)
{
	jf_date d;
	const char *why;
	assert_int_equal(jf_date_parse(s, &d, &why), 0);
	return d;
}

static struct jf_effect target(const char *date, int need, int notice)
{
	struct jf_effect t;
	memset(&t, 0, sizeof t);
	t.kind = JF_EARN;
	t.date = D(date);
	t.need = (uint8_t)need;
	t.notice = (uint16_t)notice;
	t.who = -1;
	return t;
}

static struct jf_fu fu(const char *id, const char *date, const char *at, enum jf_kind k,
		       int who)
{
	struct jf_fu f;
	jf_fu_init(&f, id, D(date), at, k, who);
	return f;
}

/* the state as of day s */
static enum jf_review_st st_on(const struct jf_effect *t, struct jf_fu *f, size_t n,
			       const char *s)
{
	struct jf_review_state o;
	jf_review_replay(t, f, n, D(s), &o);
	return o.st;
}

/* two approvals across the year end: ISO week 2026-W53 and 2027-W01 */
static void test_year_end(void **state)
{
	(void)state;
	struct jf_effect t = target("2026-12-28", 2, 3);
	struct jf_fu f[] = {
		fu("A2", "2026-12-31", "2026-12-31T09:00:00+08:00", JF_APPROVE, 1),
		fu("A1", "2026-12-29", "2026-12-29T09:00:00+08:00", JF_APPROVE, 0),
	};
	jf_fu_sort(f, 2);
	assert_string_equal(f[0].id, "A1");
	assert_int_equal(st_on(&t, f, 2, "2026-12-28"), JF_RV_PENDING);
	assert_int_equal(st_on(&t, f, 2, "2026-12-30"), JF_RV_PENDING);
	assert_int_equal(st_on(&t, f, 2, "2026-12-31"), JF_RV_NOTICE);
	assert_int_equal(st_on(&t, f, 2, "2027-01-02"), JF_RV_NOTICE);
	assert_int_equal(st_on(&t, f, 2, "2027-01-03"), JF_RV_COUNTS); /* Sunday, W53 */
	assert_int_equal(st_on(&t, f, 2, "2027-01-04"), JF_RV_COUNTS); /* Monday, W01 */
	struct jf_review_state o;
	jf_review_replay(&t, f, 2, JF_DATE_NONE, &o);
	assert_int_equal(o.st, JF_RV_NOTICE); /* as the entries leave it, before the day */
	assert_int_equal(o.notice_from, D("2026-12-31"));
	assert_int_equal(o.counts_from, D("2027-01-03"));
	assert_int_equal(o.approvals, 2);
	assert_false(f[0].flags & JF_EFFECT_SUPERSEDED);
	assert_false(f[1].flags & JF_EFFECT_SUPERSEDED);
}

/* an objection on notice: the approvals start over */
static void test_objection(void **state)
{
	(void)state;
	struct jf_effect t = target("2026-12-28", 2, 3);
	struct jf_fu f[] = {
		fu("A1", "2026-12-29", NULL, JF_APPROVE, 0),
		fu("A2", "2026-12-31", NULL, JF_APPROVE, 1),
		fu("O1", "2027-01-01", NULL, JF_OBJECT, -1),
		fu("A3", "2027-01-05", NULL, JF_APPROVE, 0),
		fu("A4", "2027-01-06", NULL, JF_APPROVE, 2),
	};
	assert_int_equal(st_on(&t, f, 5, "2026-12-31"), JF_RV_NOTICE);
	assert_int_equal(st_on(&t, f, 5, "2027-01-01"), JF_RV_PENDING);
	assert_int_equal(st_on(&t, f, 5, "2027-01-05"), JF_RV_PENDING);
	assert_int_equal(st_on(&t, f, 5, "2027-01-06"), JF_RV_NOTICE);
	assert_int_equal(st_on(&t, f, 5, "2027-01-08"), JF_RV_NOTICE);
	assert_int_equal(st_on(&t, f, 5, "2027-01-09"), JF_RV_COUNTS);
	struct jf_review_state o;
	jf_review_replay(&t, f, 5, JF_DATE_NONE, &o);
	assert_int_equal(o.counts_from, D("2027-01-09"));
	for (int i = 0; i < 5; i++)
		assert_false(f[i].flags & JF_EFFECT_SUPERSEDED);
}

/* twice in a round, on notice, after counting: superseded, naming who stands */
static void test_superseded(void **state)
{
	(void)state;
	struct jf_effect t = target("2026-11-20", 2, 3);
	struct jf_fu f[] = {
		fu("A1", "2026-11-21", NULL, JF_APPROVE, 0),
		fu("A1b", "2026-11-21", "2026-11-21T10:00:00+08:00", JF_APPROVE, 0),
		fu("A2", "2026-11-22", NULL, JF_APPROVE, 1),
		fu("A3", "2026-11-23", NULL, JF_APPROVE, 2),
		fu("O1", "2026-11-25", NULL, JF_OBJECT, -1),
		fu("R1", "2026-11-26", NULL, JF_REJECT, 2),
	};
	struct jf_review_state o;
	jf_review_replay(&t, f, 6, JF_DATE_NONE, &o);
	assert_int_equal(o.st, JF_RV_COUNTS);
	assert_int_equal(o.counts_from, D("2026-11-25"));
	assert_true(f[1].flags & JF_EFFECT_SUPERSEDED); /* twice in a round */
	assert_int_equal(f[1].superseded_by, 0);
	assert_true(f[3].flags & JF_EFFECT_SUPERSEDED); /* on notice */
	assert_int_equal(f[3].superseded_by, 2);
	assert_true(f[4].flags & JF_EFFECT_SUPERSEDED); /* objection after the notice */
	assert_int_equal(f[4].superseded_by, 2);
	assert_true(f[5].flags & JF_EFFECT_SUPERSEDED); /* rejection of a counting entry */
	/* as of the last notice day, the objection still stood */
	assert_int_equal(st_on(&t, f, 6, "2026-11-24"), JF_RV_NOTICE);
	assert_false(f[4].flags & JF_EFFECT_SUPERSEDED);
}

/* rejected: nothing after it has effect */
static void test_rejected(void **state)
{
	(void)state;
	struct jf_effect t = target("2026-11-20", 1, 3);
	struct jf_fu f[] = {
		fu("R1", "2026-11-21", NULL, JF_REJECT, 1),
		fu("A1", "2026-11-22", NULL, JF_APPROVE, 0),
		fu("O1", "2026-11-22", NULL, JF_OBJECT, -1),
	};
	jf_fu_sort(f, 3);
	struct jf_review_state o;
	jf_review_replay(&t, f, 3, JF_DATE_NONE, &o);
	assert_int_equal(o.st, JF_RV_REJECTED);
	assert_int_equal(o.counts_from, JF_DATE_NONE);
	assert_int_equal(o.ended, D("2026-11-21"));
	assert_true(f[1].flags & JF_EFFECT_SUPERSEDED);
	assert_true(f[2].flags & JF_EFFECT_SUPERSEDED);
	assert_int_equal(f[1].superseded_by, 0);
	assert_int_equal(st_on(&t, f, 3, "2026-11-20"), JF_RV_PENDING);
}

/* a void on notice takes nothing back; a void of a counting entry does */
static void test_voided(void **state)
{
	(void)state;
	struct jf_effect t = target("2026-11-20", 1, 3);
	struct jf_fu f[] = {
		fu("A1", "2026-11-21", NULL, JF_APPROVE, 0),
		fu("V1", "2026-11-23", NULL, JF_VOID, -1),
	};
	struct jf_review_state o;
	jf_review_replay(&t, f, 2, JF_DATE_NONE, &o);
	assert_int_equal(o.st, JF_RV_VOIDED);
	assert_int_equal(o.counts_from, JF_DATE_NONE);
	assert_int_equal(st_on(&t, f, 2, "2026-11-22"), JF_RV_NOTICE);
	struct jf_fu g[] = {
		fu("A1", "2026-11-21", NULL, JF_APPROVE, 0),
		fu("V1", "2026-11-24", NULL, JF_VOID, -1),
		fu("V2", "2026-11-25", NULL, JF_VOID, -1),
	};
	jf_review_replay(&t, g, 3, JF_DATE_NONE, &o);
	assert_int_equal(o.st, JF_RV_VOIDED);
	assert_int_equal(o.counts_from, D("2026-11-24")); /* it counted on the void's date */
	assert_true(g[2].flags & JF_EFFECT_SUPERSEDED);
	assert_int_equal(st_on(&t, g, 3, "2026-11-24"), JF_RV_VOIDED);
	assert_int_equal(st_on(&t, g, 3, "2026-11-23"), JF_RV_NOTICE);
}

/* notice_days 0: it counts on the day of the completing approval */
static void test_no_notice(void **state)
{
	(void)state;
	struct jf_effect t = target("2026-11-20", 1, 0);
	struct jf_fu f[] = { fu("A1", "2026-11-21", NULL, JF_APPROVE, 0) };
	struct jf_review_state o;
	jf_review_replay(&t, f, 1, JF_DATE_NONE, &o);
	assert_int_equal(o.st, JF_RV_COUNTS);
	assert_int_equal(o.counts_from, D("2026-11-21"));
	assert_int_equal(st_on(&t, f, 1, "2026-11-20"), JF_RV_PENDING);
}

/* canonical order: date, then `at` as instants (none first), then id */
static void test_order(void **state)
{
	(void)state;
	struct jf_fu f[] = {
		fu("B", "2026-11-21", "2026-11-21T03:00:00Z", JF_APPROVE, 0),
		fu("Z", "2026-11-21", "2026-11-21T10:00:00+08:00", JF_OBJECT, -1), /* 02:00Z */
		fu("C", "2026-11-21", NULL, JF_APPROVE, 1),
		fu("A", "2026-11-21", "2026-11-21T03:00:00Z", JF_APPROVE, 2),
		fu("Y", "2026-11-20", "2026-11-22T00:00:00Z", JF_APPROVE, 2),
		fu("X", "2026-11-21", "2026-11-21T03:00:00.5Z", JF_APPROVE, 2),
	};
	jf_fu_sort(f, 6);
	const char *want[] = { "Y", "C", "Z", "A", "B", "X" };
	for (int i = 0; i < 6; i++)
		assert_string_equal(f[i].id, want[i]);
	/* the same whichever clone's order they came in */
	struct jf_fu g[6];
	for (int i = 0; i < 6; i++)
		g[i] = f[5 - i];
	jf_fu_sort(g, 6);
	for (int i = 0; i < 6; i++)
		assert_string_equal(g[i].id, want[i]);
	int64_t a, b;
	assert_int_equal(jf_instant_parse("2026-11-28T10:15:02+08:00", &a), 0);
	assert_int_equal(jf_instant_parse("2026-11-28T02:15:02Z", &b), 0);
	assert_true(a == b);
	assert_int_equal(jf_instant_parse("2026-11-28 10:15:02+08:00", &a), -1);
	assert_int_equal(jf_instant_parse("2026-11-28T10:15:02", &a), -1);
	assert_int_equal(jf_instant_parse("2026-02-30T10:15:02Z", &a), -1);
	/* past 2262 instants do not fit in ns: they saturate, no overflow */
	assert_int_equal(jf_instant_parse("9999-12-31T23:59:59+08:00", &a), 0);
	assert_true(a == INT64_MAX);
	assert_int_equal(jf_instant_parse("2262-04-12T00:00:00Z", &b), 0);
	assert_true(b == INT64_MAX);
	assert_int_equal(jf_instant_parse("2262-04-11T00:00:00Z", &b), 0);
	assert_true(b < INT64_MAX);
}

/* a void after a rejection has no effect: the entry never counted */
static void test_void_after_reject(void **state)
{
	(void)state;
	struct jf_effect t = target("2026-11-20", 1, 3);
	struct jf_fu f[] = {
		fu("R1", "2026-11-21", NULL, JF_REJECT, 1),
		fu("V1", "2026-11-22", NULL, JF_VOID, -1),
	};
	struct jf_review_state o;
	jf_review_replay(&t, f, 2, JF_DATE_NONE, &o);
	assert_int_equal(o.st, JF_RV_REJECTED);
	assert_true(f[1].flags & JF_EFFECT_SUPERSEDED);
	assert_int_equal(f[1].superseded_by, 0);
}

/* The moves of a reviewed earn and of a void of it, as the kind table
 * works them out once the scanner has replayed its state (earn_replay). */
static size_t moves_of(struct jf_effect *r, struct jf_fu *f, size_t n, struct jf_move *m)
{
	const struct jf_kind_ops *o = jf_kind(JF_EARN);
	jf_fu_sort(f, n);
	o->replay(r, f, n);
	return o->moves(NULL, r, NULL, m);
}

static void test_moves(void **state)
{
	(void)state;
	struct jf_move m[JF_MOVES_MAX];
	struct jf_effect t = target("2026-11-20", 2, 3);
	t.points = 500;
	t.qty = 1;
	t.what = 0;
	assert_true(jf_kind(JF_EARN)->stateful(&t));
	/* pending: the rule used on its day, the points never (yet) */
	struct jf_fu p[] = { fu("A1", "2026-11-21", NULL, JF_APPROVE, 0) };
	assert_int_equal(moves_of(&t, p, 1, m), 2);
	assert_int_equal(m[0].points, 0);
	assert_int_equal(m[0].qty, 1);
	assert_int_equal(m[0].from, D("2026-11-20"));
	assert_true(m[1].reviewed);
	assert_int_equal(m[1].points, 500);
	assert_int_equal(m[1].from, JF_DATE_NEVER);
	assert_int_equal(m[1].pend_end, JF_DATE_NONE);
	/* approved twice on 11-28 across the ISO week: counts from 12-01 */
	struct jf_fu c[] = {
		fu("A2", "2026-11-28", NULL, JF_APPROVE, 2),
		fu("A1", "2026-11-21", NULL, JF_APPROVE, 0),
	};
	assert_int_equal(moves_of(&t, c, 2, m), 2);
	assert_int_equal(m[1].from, D("2026-12-01"));
	assert_false(t.flags & JF_EFFECT_ENDED);
	/* a void on 11-30 (on notice) takes nothing back; on 12-01 it does */
	const struct jf_kind_ops *v = jf_kind(JF_VOID);
	struct jf_effect vr = target("2026-11-30", 0, 0);
	vr.kind = JF_VOID;
	struct jf_move vm[JF_MOVES_MAX];
	assert_int_equal(v->moves(NULL, &vr, &t, vm), 2);
	assert_int_equal(vm[0].qty, -1);
	assert_int_equal(vm[1].points, 0);
	vr.date = D("2026-12-01");
	assert_int_equal(v->moves(NULL, &vr, &t, vm), 2);
	assert_int_equal(vm[1].points, -500);
	assert_int_equal(vm[1].from, D("2026-12-01"));
	/* rejected: never counts; pending until the day of the rejection */
	struct jf_fu r[] = {
		fu("A1", "2026-11-21", NULL, JF_APPROVE, 0),
		fu("R1", "2026-11-23", NULL, JF_REJECT, 1),
	};
	assert_int_equal(moves_of(&t, r, 2, m), 2);
	assert_true(t.flags & JF_EFFECT_ENDED);
	assert_int_equal(m[1].from, JF_DATE_NEVER);
	assert_int_equal(m[1].pend_end, D("2026-11-23"));
	/* and a rejection gives the rule's use back on its day */
	struct jf_effect rr = target("2026-11-23", 0, 0);
	rr.kind = JF_REJECT;
	assert_int_equal(jf_kind(JF_REJECT)->moves(NULL, &rr, &t, vm), 1);
	assert_int_equal(vm[0].qty, -1);
	assert_int_equal(vm[0].points, 0);
	assert_int_equal(vm[0].from, D("2026-11-23"));
	assert_int_equal(vm[0].dated, D("2026-11-20"));
	/* a plain earn is not stateful and has one move */
	struct jf_effect e = target("2026-11-20", 0, 0);
	assert_false(jf_kind(JF_EARN)->stateful(&e));
	assert_int_equal(jf_kind(JF_EARN)->moves(NULL, &e, NULL, m), 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_year_end),
		cmocka_unit_test(test_objection),
		cmocka_unit_test(test_superseded),
		cmocka_unit_test(test_rejected),
		cmocka_unit_test(test_voided),
		cmocka_unit_test(test_no_notice),
		cmocka_unit_test(test_order),
		cmocka_unit_test(test_void_after_reject),
		cmocka_unit_test(test_moves),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
