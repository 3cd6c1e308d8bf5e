/* test_wish.c - the wish family (SPEC 4.3): the state of a wish from its
 * follow-ups in canonical order (wish.h), merged sequences included, and
 * the kinds' reader hooks (kind_wish.c). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "book.h"
#include "buf.h"
#include "kind.h"
#include "wish.h"

static jf_date D(const char *s)
{
	jf_date d;
	const char *why;
	assert_int_equal(jf_date_parse(s, &d, &why), 0);
	return d;
}

static struct jf_effect wish(const char *date)
{
	struct jf_effect t;
	memset(&t, 0, sizeof t);
	t.kind = JF_WISH;
	t.date = D(date);
	t.who = -1;
	return t;
}

static struct jf_fu fu(const char *id, const char *date, const char *at, enum jf_kind k)
{
	struct jf_fu f;
	jf_fu_init(&f, id, D(date), at, k, -1);
	return f;
}

static struct jf_idkey key(const char *id)
{
	return jf_id_key(id, strlen(id));
}

static bool superseded(const struct jf_fu *f)
{
	return f->flags & JF_EFFECT_SUPERSEDED;
}

/* The index of id in f[0..n) (sorted), for superseded_by. */
static int at(const struct jf_fu *f, size_t n, const char *id)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(f[i].id, id))
			return (int)i;
	fail_msg("no follow-up %s", id);
	return -1;
}

static const struct jf_fu *get(const struct jf_fu *f, size_t n, const char *id)
{
	return &f[at(f, n, id)];
}

static enum jf_wish_st st_on(struct jf_fu *f, size_t n, const struct jf_idkey *v, const char *s)
{
	struct jf_effect w = wish("2026-11-01");
	struct jf_wish_state o;
	jf_wish_replay(&w, f, n, v, s ? D(s) : JF_DATE_NONE, &o);
	return o.st;
}

static void test_names(void **state)
{
	(void)state;
	assert_string_equal(jf_wish_st_name(JF_WS_OPEN), "open");
	assert_string_equal(jf_wish_st_name(JF_WS_TAKEN), "taken");
	assert_string_equal(jf_wish_st_name(JF_WS_DONE), "done");
	assert_string_equal(jf_wish_st_name(JF_WS_DROPPED), "dropped");
	assert_string_equal(jf_wish_st_name((enum jf_wish_st)9), "?");
	/* the kinds, numbered after expire (the numbers are in caches) */
	assert_int_equal(JF_WISH, JF_EXPIRE + 1);
	assert_int_equal(JF_TAKE, JF_EXPIRE + 2);
	assert_int_equal(JF_DONE, JF_EXPIRE + 3);
	assert_int_equal(JF_DROP, JF_EXPIRE + 4);
	assert_int_equal(JF_SERVE, JF_EXPIRE + 5);
	assert_int_equal(JF_NKINDS, JF_SERVE + 1);
	static const char *const names[] = { "wish", "take", "done", "drop", "serve" };
	for (int i = 0; i < 5; i++)
		assert_int_equal(jf_kind_parse(names[i]), JF_WISH + i);
	/* what jf-void may undo (SPEC 4.0): take and serve, not the others */
	assert_true(jf_kind(JF_TAKE)->flags & JF_KF_VOIDABLE);
	assert_true(jf_kind(JF_SERVE)->flags & JF_KF_VOIDABLE);
	assert_false(jf_kind(JF_WISH)->flags & JF_KF_VOIDABLE);
	assert_false(jf_kind(JF_DONE)->flags & JF_KF_VOIDABLE);
	assert_false(jf_kind(JF_DROP)->flags & JF_KF_VOIDABLE);
	for (int k = JF_TAKE; k <= JF_DROP; k++)
		assert_true(jf_kind((enum jf_kind)k)->flags & JF_KF_FOLLOW);
	assert_false(jf_kind(JF_SERVE)->flags & JF_KF_FOLLOW);
	/* the fields */
	assert_int_equal(jf_field_lookup("hours", 5), JF_F_HOURS);
	assert_int_equal(jf_field_lookup("volunteer", 9), JF_F_VOLUNTEER);
	assert_int_equal(jf_field_lookup("team", 4), JF_F_TEAM);
	assert_int_equal(jf_field_lookup("text", 4), JF_F_TEXT);
	assert_int_equal(jf_field_lookup("service", 7), JF_F_SERVICE);
	assert_int_equal(jf_field_lookup("wish", 4), JF_F_WISH);
	assert_true(jf_kind_has(JF_SERVE, JF_F_HOURS) && jf_kind_has(JF_SERVE, JF_F_WISH));
	assert_false(jf_kind_has(JF_EARN, JF_F_HOURS));
	assert_true(jf_kind_has(JF_TAKE, JF_F_TEAM) && jf_kind_has(JF_TAKE, JF_F_VOLUNTEER));
	assert_true(jf_kind_has(JF_DROP, JF_F_REASON));
	assert_false(jf_kind_has(JF_DONE, JF_F_REASON));
}

/* open, taken, done, day by day; its age */
static void test_life(void **state)
{
	(void)state;
	struct jf_fu f[] = {
		fu("D1", "2026-11-20", "2026-11-20T16:00:00+08:00", JF_DONE),
		fu("T1", "2026-11-05", "2026-11-05T09:00:00+08:00", JF_TAKE),
	};
	jf_fu_sort(f, 2);
	assert_string_equal(f[0].id, "T1");
	assert_int_equal(st_on(f, 2, NULL, "2026-11-04"), JF_WS_OPEN);
	assert_int_equal(st_on(f, 2, NULL, "2026-11-05"), JF_WS_TAKEN);
	assert_int_equal(st_on(f, 2, NULL, "2026-11-19"), JF_WS_TAKEN);
	assert_int_equal(st_on(f, 2, NULL, "2026-11-20"), JF_WS_DONE);
	struct jf_effect w = wish("2026-11-01");
	struct jf_wish_state o;
	jf_wish_replay(&w, f, 2, NULL, JF_DATE_NONE, &o);
	assert_int_equal(o.st, JF_WS_DONE);
	assert_int_equal(o.taken_by, 0);
	assert_int_equal(o.ended_by, 1);
	assert_int_equal(o.taken, D("2026-11-05"));
	assert_int_equal(o.ended, D("2026-11-20"));
	assert_int_equal(o.takes, 1);
	assert_false(superseded(&f[0]) || superseded(&f[1]));
	/* age: to the done day once done, else to the as-of day */
	assert_int_equal(jf_wish_age(w.date, &o, D("2026-12-31")), 19);
	jf_wish_replay(&w, f, 2, NULL, D("2026-11-10"), &o);
	assert_int_equal(jf_wish_age(w.date, &o, D("2026-11-10")), 9);
	assert_int_equal(o.ended, JF_DATE_NONE);
	/* the as-of day before it was posted */
	assert_int_equal(jf_wish_age(w.date, &o, D("2026-10-01")), 0);
	/* no follow-ups: open */
	jf_wish_replay(&w, f, 0, NULL, JF_DATE_NONE, &o);
	assert_int_equal(o.st, JF_WS_OPEN);
	assert_int_equal(o.taken_by, -1);
	assert_int_equal(o.ended_by, -1);
}

/* a drop of an open and of a taken wish */
static void test_drop(void **state)
{
	(void)state;
	struct jf_fu f[] = { fu("X1", "2026-11-03", NULL, JF_DROP) };
	assert_int_equal(st_on(f, 1, NULL, NULL), JF_WS_DROPPED);
	struct jf_fu g[] = {
		fu("T1", "2026-11-03", NULL, JF_TAKE),
		fu("X1", "2026-11-04", NULL, JF_DROP),
		fu("T2", "2026-11-05", NULL, JF_TAKE),
		fu("D1", "2026-11-06", NULL, JF_DONE),
	};
	jf_fu_sort(g, 4);
	assert_int_equal(st_on(g, 4, NULL, NULL), JF_WS_DROPPED);
	assert_false(superseded(get(g, 4, "T1")) || superseded(get(g, 4, "X1")));
	/* a take and a done after the drop have no effect: the drop stands */
	assert_true(superseded(get(g, 4, "T2")));
	assert_int_equal(get(g, 4, "T2")->superseded_by, at(g, 4, "X1"));
	assert_true(superseded(get(g, 4, "D1")));
	assert_int_equal(get(g, 4, "D1")->superseded_by, at(g, 4, "X1"));
}

/* a done of a wish that nobody took has no effect, and no one stands */
static void test_done_open(void **state)
{
	(void)state;
	struct jf_fu f[] = {
		fu("D1", "2026-11-03", NULL, JF_DONE),
		fu("T1", "2026-11-04", NULL, JF_TAKE),
	};
	jf_fu_sort(f, 2);
	struct jf_effect w = wish("2026-11-01");
	struct jf_wish_state o;
	jf_wish_replay(&w, f, 2, NULL, JF_DATE_NONE, &o);
	assert_int_equal(o.st, JF_WS_TAKEN);
	assert_true(superseded(&f[0]));
	assert_int_equal(f[0].superseded_by, -1);
	assert_int_equal(o.taken_by, 1);
}

/* Two clones each took the wish (merged): the first in canonical order
 * stands, whatever order the records came in. */
static void test_two_takes(void **state)
{
	(void)state;
	/* same day: by `at` as instants (+08:00 vs Z), not by text */
	struct jf_fu f[] = {
		fu("ZZZ", "2026-11-05", "2026-11-05T09:00:00+08:00", JF_TAKE), /* 01:00Z */
		fu("AAA", "2026-11-05", "2026-11-05T02:00:00Z", JF_TAKE),
	};
	for (int round = 0; round < 2; round++) {
		if (round) { /* the other merge direction */
			struct jf_fu t = f[0];
			f[0] = f[1];
			f[1] = t;
		}
		jf_fu_sort(f, 2);
		struct jf_effect w = wish("2026-11-01");
		struct jf_wish_state o;
		jf_wish_replay(&w, f, 2, NULL, JF_DATE_NONE, &o);
		assert_int_equal(o.st, JF_WS_TAKEN);
		assert_string_equal(f[o.taken_by].id, "ZZZ");
		assert_false(superseded(get(f, 2, "ZZZ")));
		assert_true(superseded(get(f, 2, "AAA")));
		assert_int_equal(get(f, 2, "AAA")->superseded_by, at(f, 2, "ZZZ"));
	}
	/* without `at`: first in its day; then by id */
	struct jf_fu g[] = {
		fu("B", "2026-11-05", "2026-11-05T00:00:01+08:00", JF_TAKE),
		fu("C", "2026-11-05", NULL, JF_TAKE),
		fu("A2", "2026-11-06", NULL, JF_TAKE),
		fu("A1", "2026-11-06", NULL, JF_TAKE),
	};
	jf_fu_sort(g, 4);
	struct jf_effect w = wish("2026-11-01");
	struct jf_wish_state o;
	jf_wish_replay(&w, g, 4, NULL, JF_DATE_NONE, &o);
	assert_string_equal(g[o.taken_by].id, "C");
	for (int i = 0; i < 4; i++)
		if (i != o.taken_by)
			assert_int_equal(g[i].superseded_by, o.taken_by);
}

/* A done on one clone, a drop on the other: the first stands. */
static void test_done_and_drop(void **state)
{
	(void)state;
	struct jf_fu f[] = {
		fu("T1", "2026-11-05", NULL, JF_TAKE),
		fu("X9", "2026-11-12", "2026-11-12T10:00:00+08:00", JF_DROP),
		fu("D9", "2026-11-12", "2026-11-12T10:00:01+08:00", JF_DONE),
	};
	jf_fu_sort(f, 3);
	struct jf_effect w = wish("2026-11-01");
	struct jf_wish_state o;
	jf_wish_replay(&w, f, 3, NULL, JF_DATE_NONE, &o);
	assert_int_equal(o.st, JF_WS_DROPPED);
	assert_true(superseded(get(f, 3, "D9")));
	assert_int_equal(get(f, 3, "D9")->superseded_by, at(f, 3, "X9"));
	/* the done a second earlier: done, the drop superseded */
	f[at(f, 3, "D9")].at_ns -= 2000000000;
	jf_fu_sort(f, 3);
	jf_wish_replay(&w, f, 3, NULL, JF_DATE_NONE, &o);
	assert_int_equal(o.st, JF_WS_DONE);
	assert_false(superseded(get(f, 3, "D9")));
	assert_true(superseded(get(f, 3, "X9")));
	assert_int_equal(get(f, 3, "X9")->superseded_by, at(f, 3, "D9"));
	/* two dones: the second is superseded by the first */
	struct jf_fu g[] = {
		fu("T1", "2026-11-05", NULL, JF_TAKE),
		fu("D2", "2026-11-13", NULL, JF_DONE),
		fu("D1", "2026-11-12", NULL, JF_DONE),
	};
	jf_fu_sort(g, 3);
	jf_wish_replay(&w, g, 3, NULL, JF_DATE_NONE, &o);
	assert_int_equal(o.ended, D("2026-11-12"));
	assert_int_equal(get(g, 3, "D2")->superseded_by, at(g, 3, "D1"));
}

/* Two takes, a done and a drop merged from clones: every order the records
 * may come in gives one state and the same superseded ones. */
static void test_every_order(void **state)
{
	(void)state;
	const struct jf_fu base[] = {
		fu("T-a", "2026-11-05", "2026-11-05T09:00:00+08:00", JF_TAKE),
		fu("T-b", "2026-11-05", "2026-11-05T09:30:00+08:00", JF_TAKE),
		fu("D-a", "2026-11-09", "2026-11-09T15:00:00+08:00", JF_DONE),
		fu("X-b", "2026-11-09", "2026-11-09T15:00:00+08:00", JF_DROP),
	};
	int perm[4] = { 0, 1, 2, 3 }, count = 0;
	/* Heap's algorithm, iteratively */
	int c[4] = { 0 };
	for (int i = 0;;) {
		struct jf_fu f[4];
		for (int k = 0; k < 4; k++)
			f[k] = base[perm[k]];
		jf_fu_sort(f, 4);
		struct jf_effect w = wish("2026-11-01");
		struct jf_wish_state o;
		jf_wish_replay(&w, f, 4, NULL, JF_DATE_NONE, &o);
		count++;
		/* same instant: by id, "D-a" < "X-b" */
		assert_int_equal(o.st, JF_WS_DONE);
		assert_string_equal(f[o.taken_by].id, "T-a");
		assert_string_equal(f[o.ended_by].id, "D-a");
		assert_int_equal(get(f, 4, "T-b")->superseded_by, at(f, 4, "T-a"));
		assert_int_equal(get(f, 4, "X-b")->superseded_by, at(f, 4, "D-a"));
		assert_false(superseded(get(f, 4, "T-a")) || superseded(get(f, 4, "D-a")));
		while (i < 4 && c[i] >= i) {
			c[i] = 0;
			i++;
		}
		if (i >= 4)
			break;
		int j = i % 2 ? c[i] : 0, t = perm[j];
		perm[j] = perm[i];
		perm[i] = t;
		c[i]++;
		i = 0;
	}
	assert_int_equal(count, 24);
}

/* jf-void of the take that stands: open again, another may take it. */
static void test_void_take(void **state)
{
	(void)state;
	struct jf_fu f[] = {
		fu("T1", "2026-11-05", NULL, JF_TAKE),
		fu("V1", "2026-11-07", NULL, JF_VOID),
		fu("T2", "2026-11-08", NULL, JF_TAKE),
		fu("D1", "2026-11-09", NULL, JF_DONE),
	};
	struct jf_idkey v[4] = { { { 0 } }, key("T1"), { { 0 } }, { { 0 } } };
	assert_int_equal(st_on(f, 4, v, "2026-11-06"), JF_WS_TAKEN);
	assert_int_equal(st_on(f, 4, v, "2026-11-07"), JF_WS_OPEN);
	assert_int_equal(st_on(f, 4, v, "2026-11-08"), JF_WS_TAKEN);
	struct jf_effect w = wish("2026-11-01");
	struct jf_wish_state o;
	jf_wish_replay(&w, f, 4, v, JF_DATE_NONE, &o);
	assert_int_equal(o.st, JF_WS_DONE);
	assert_int_equal(o.taken_by, 2);
	assert_int_equal(o.takes, 2);
	for (int i = 0; i < 4; i++)
		assert_false(superseded(&f[i]));
	/* a void of a take that never stood changes nothing */
	struct jf_fu g[] = {
		fu("T1", "2026-11-05", NULL, JF_TAKE),
		fu("T2", "2026-11-06", NULL, JF_TAKE),
		fu("V2", "2026-11-07", NULL, JF_VOID),
	};
	struct jf_idkey gv[3] = { { { 0 } }, { { 0 } }, key("T2") };
	jf_wish_replay(&w, g, 3, gv, JF_DATE_NONE, &o);
	assert_int_equal(o.st, JF_WS_TAKEN);
	assert_int_equal(o.taken_by, 0);
	assert_false(superseded(&g[2]));
	/* the done came first: the void of its take has no effect */
	struct jf_fu h[] = {
		fu("T1", "2026-11-05", NULL, JF_TAKE),
		fu("D1", "2026-11-06", NULL, JF_DONE),
		fu("V1", "2026-11-07", NULL, JF_VOID),
	};
	struct jf_idkey hv[3] = { { { 0 } }, { { 0 } }, key("T1") };
	jf_wish_replay(&w, h, 3, hv, JF_DATE_NONE, &o);
	assert_int_equal(o.st, JF_WS_DONE);
	assert_true(superseded(&h[2]));
	assert_int_equal(h[2].superseded_by, 1);
	/* a void before its take in canonical order: the take never stands */
	struct jf_fu k[] = {
		fu("V1", "2026-11-05", NULL, JF_VOID),
		fu("T1", "2026-11-06", NULL, JF_TAKE),
		fu("T2", "2026-11-07", NULL, JF_TAKE),
	};
	struct jf_idkey kv[3] = { key("T1"), { { 0 } }, { { 0 } } };
	jf_wish_replay(&w, k, 3, kv, JF_DATE_NONE, &o);
	assert_int_equal(o.st, JF_WS_TAKEN);
	assert_int_equal(o.taken_by, 2);
	assert_false(superseded(&k[1]));
}

/* A replay as of an earlier day, then of all: flags follow the last one. */
static void test_replay_again(void **state)
{
	(void)state;
	struct jf_fu f[] = {
		fu("T1", "2026-11-05", NULL, JF_TAKE),
		fu("T2", "2026-11-06", NULL, JF_TAKE),
	};
	assert_int_equal(st_on(f, 2, NULL, NULL), JF_WS_TAKEN);
	assert_true(superseded(&f[1]));
	assert_int_equal(st_on(f, 2, NULL, "2026-11-05"), JF_WS_TAKEN);
	assert_false(superseded(&f[1])); /* not yet on that day */
	assert_int_equal(f[1].superseded_by, -1);
	assert_int_equal(st_on(f, 2, NULL, "2026-11-04"), JF_WS_OPEN);
}

/* ---- the kinds' reader hooks, on a book with volunteers ---- */

static int rm_one(const char *p, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st; (void)flag; (void)ftw;
	return remove(p);
}

static void put(const char *dir, const char *rel, const char *text)
{
	struct jf_buf p = JF_BUF_INIT;
	jf_buf_addf(&p, "%s/%s", dir, rel);
	FILE *f = fopen(p.s, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(text, 1, strlen(text), f), strlen(text));
	assert_int_equal(fclose(f), 0);
	jf_buf_release(&p);
}

struct fixture {
	char *dir;
	struct jf_book b;
};

static int setup(void **state)
{
	struct fixture *x = calloc(1, sizeof *x);
	struct jf_diags d = JF_DIAGS_INIT;
	if (!x || !(x->dir = strdup("/tmp/jf-test-wish-XXXXXX")) || !mkdtemp(x->dir))
		return -1;
	put(x->dir, "jf.yaml", "township: T\ntimezone: Asia/Shanghai\n"
	    "villages:\n  - {code: XB, name: 下堡村}\n");
	put(x->dir, "catalogue.yaml", "activities:\n"
	    "  - {code: volunteer, name: 志愿服务, category: 志愿服务, points: 3.33}\n"
	    "services:\n  - {code: haircut, name: 理发}\n  - {code: lamp, name: 修灯}\n");
	put(x->dir, "households.yaml", "households:\n  - {id: XB-017, head: 司学霞, village: XB}\n");
	put(x->dir, "volunteers.yaml", "teams:\n"
	    "  - {code: xb-care, name: 孝老爱亲, village: XB}\n"
	    "  - {code: old, name: 旧队, until: 2025-12-31}\n"
	    "volunteers:\n"
	    "  - {id: V001, name: 白洋, team: xb-care, household: XB-017}\n"
	    "  - {id: V002, name: 石菊花, team: old, until: 2025-12-31}\n");
	if (jf_book_open(&x->b, x->dir, &d) != JF_OK)
		return -1;
	*state = x;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *x = *state;
	jf_book_release(&x->b);
	int rc = nftw(x->dir, rm_one, 16, FTW_DEPTH | FTW_PHYS);
	free(x->dir);
	free(x);
	return rc;
}

/* A reader's view for the hooks: the entry's texts, the problems said. */
struct fake {
	struct jf_kcheck kc;
	const char *texts[JF_NFIELDS];
	char said[8][200];
	enum jf_field at[8];
	enum jf_severity sev[8];
	int n;
};

static void fake_problem(struct jf_kcheck *kc, enum jf_field f, enum jf_severity sev,
			 const char *fmt, va_list ap)
{
	struct fake *k = (struct fake *)kc;
	if (k->n == 8)
		return;
	vsnprintf(k->said[k->n], sizeof k->said[k->n], fmt, ap);
	k->at[k->n] = f;
	k->sev[k->n] = sev;
	k->n++;
}

static const char *fake_text(struct jf_kcheck *kc, enum jf_field f)
{
	return ((struct fake *)kc)->texts[f];
}

static void fake_init(struct fake *k, const struct jf_book *b, bool texts)
{
	memset(k, 0, sizeof *k);
	k->kc.b = b;
	k->kc.warnings = true;
	k->kc.problem = fake_problem;
	k->kc.text = texts ? fake_text : NULL;
}

/* Set field f's text (and its present bit). */
static void set(struct fake *k, struct jf_entry *e, enum jf_field f, const char *v)
{
	k->texts[f] = v;
	e->present |= JF_FB(f);
}

static struct jf_entry entry(enum jf_kind kind, const char *date)
{
	struct jf_entry e = {
		.file = "ledger/2026/XB.yaml", .id = "E1", .kind = kind, .date = D(date),
		.household = -1, .activity = -1, .item = -1, .village = -1, .to = -1,
		.until = JF_DATE_NONE, .by = "baiyang",
	};
	e.present = JF_FB(JF_F_ID) | JF_FB(JF_F_DATE) | JF_FB(JF_F_KIND) | JF_FB(JF_F_BY);
	return e;
}

/* Run kind's check (and warn) hooks; the problems said, one per line. */
static const char *check(struct fake *k, const struct jf_entry *e)
{
	static char all[2048];
	const struct jf_kind_ops *o = jf_kind(e->kind);
	k->n = 0;
	if (o->check)
		o->check(&k->kc, e, e->present);
	if (o->warn)
		o->warn(&k->kc, e);
	all[0] = 0;
	for (int i = 0; i < k->n; i++) {
		strcat(all, k->sev[i] == JF_SEV_WARNING ? "W " : "E ");
		strcat(all, jf_fields[k->at[i]].name);
		strcat(all, ": ");
		strcat(all, k->said[i]);
		strcat(all, "\n");
	}
	return all;
}

static void test_wish_check(void **state)
{
	struct fixture *x = *state;
	struct fake k;
	fake_init(&k, &x->b, true);
	struct jf_entry e = entry(JF_WISH, "2026-11-01");
	e.household = 0;
	set(&k, &e, JF_F_HOUSEHOLD, "XB-017");
	set(&k, &e, JF_F_TEXT, "理发");
	assert_string_equal(check(&k, &e), "");
	set(&k, &e, JF_F_SERVICE, "lamp");
	assert_string_equal(check(&k, &e), "");
	struct jf_effect rec = { .kind = JF_WISH };
	jf_kind(JF_WISH)->record(&k.kc, &e, &rec);
	assert_int_equal(jf_wish_service(&rec), 1);
	set(&k, &e, JF_F_SERVICE, "massage");
	assert_string_equal(check(&k, &e), "E service: unknown service 'massage'\n");
	/* a reader that hands no texts refuses a service it cannot check */
	fake_init(&k, &x->b, false);
	assert_string_equal(check(&k, &e),
			    "E service: wish entries with 'service' are not supported yet by this reader\n");
	e.present &= ~JF_FB(JF_F_SERVICE);
	assert_string_equal(check(&k, &e), "");
	memset(&rec, 0, sizeof rec);
	jf_kind(JF_WISH)->record(&k.kc, &e, &rec);
	assert_int_equal(jf_wish_service(&rec), -1);
}

static void test_take_check(void **state)
{
	struct fixture *x = *state;
	struct fake k;
	fake_init(&k, &x->b, true);
	struct jf_entry e = entry(JF_TAKE, "2026-11-05");
	set(&k, &e, JF_F_REF, "W1");
	assert_string_equal(check(&k, &e), "E ref: a take names a team or a volunteer (or both)\n");
	set(&k, &e, JF_F_TEAM, "xb-care");
	assert_string_equal(check(&k, &e), "");
	struct jf_effect rec = { .kind = JF_TAKE };
	jf_kind(JF_TAKE)->record(&k.kc, &e, &rec);
	assert_int_equal(jf_take_team(&rec), 0);
	assert_int_equal(jf_take_volunteer(&rec), -1);
	set(&k, &e, JF_F_VOLUNTEER, "V001");
	assert_string_equal(check(&k, &e), "");
	jf_kind(JF_TAKE)->record(&k.kc, &e, &rec);
	assert_int_equal(jf_take_team(&rec), 0);
	assert_int_equal(jf_take_volunteer(&rec), 0);
	set(&k, &e, JF_F_TEAM, "nobody");
	set(&k, &e, JF_F_VOLUNTEER, "V999");
	assert_string_equal(check(&k, &e), "E team: unknown team 'nobody'\n"
			    "E volunteer: unknown volunteer 'V999'\n");
	set(&k, &e, JF_F_TEAM, "old");
	set(&k, &e, JF_F_VOLUNTEER, "V002");
	assert_string_equal(check(&k, &e), "E team: team 'old' is not active on 2026-11-05\n"
			    "E volunteer: volunteer 'V002' is not active on 2026-11-05\n");
	e.date = D("2025-12-31");
	assert_string_equal(check(&k, &e), "");
	fake_init(&k, &x->b, false);
	assert_string_equal(check(&k, &e),
			    "E team: take entries with 'team' are not supported yet by this reader\n");
}

static void test_follow(void **state)
{
	struct fixture *x = *state;
	struct fake k;
	fake_init(&k, &x->b, true);
	struct jf_effect w = wish("2026-11-01"), self = { .kind = JF_DONE, .household = -1 };
	w.household = 0;
	w.village = 0;
	struct jf_entry e = entry(JF_DONE, "2026-11-05");
	e.ref = "W1";
	self.date = e.date;
	for (int kind = JF_TAKE; kind <= JF_DROP; kind++) {
		e.kind = (enum jf_kind)kind;
		k.n = 0;
		w.flags = 0;
		assert_true(jf_kind(e.kind)->follow(&k.kc, &e, &self, &w));
		assert_int_equal(k.n, 0);
		assert_true(w.flags & JF_EFFECT_FOLLOWED);
		assert_int_equal(self.household, 0);
	}
	/* the same day as the wish is fine, a day before is not */
	self.date = w.date;
	assert_true(jf_kind(JF_DONE)->follow(&k.kc, &e, &self, &w));
	self.date = w.date - 1;
	assert_false(jf_kind(JF_TAKE)->follow(&k.kc, &e, &self, &w));
	assert_string_equal(k.said[0], "a drop dated before the wish 'W1' (posted 2026-11-01)");
	/* only a wish is taken, done or dropped */
	struct jf_effect earn = { .kind = JF_EARN, .date = D("2026-10-01") };
	self.date = e.date;
	k.n = 0;
	assert_false(jf_kind(JF_TAKE)->follow(&k.kc, &e, &self, &earn));
	assert_string_equal(k.said[0], "'W1' is not a wish but an entry of kind earn");
	assert_false(earn.flags & JF_EFFECT_FOLLOWED);
}

static void test_serve_check(void **state)
{
	struct fixture *x = *state;
	struct fake k;
	fake_init(&k, &x->b, true);
	struct jf_entry e = entry(JF_SERVE, "2026-11-05");
	set(&k, &e, JF_F_VOLUNTEER, "V001");
	set(&k, &e, JF_F_HOURS, "1.5");
	assert_string_equal(check(&k, &e), "");
	struct jf_effect rec = { .kind = JF_SERVE, .household = -1 };
	jf_kind(JF_SERVE)->record(&k.kc, &e, &rec);
	assert_true(jf_serve_hours(&rec) == 150);
	/* hours only: no moves */
	struct jf_move m[JF_MOVES_MAX];
	assert_int_equal(jf_kind(JF_SERVE)->moves(&x->b, &rec, NULL, m), 0);
	static const struct { const char *hours, *said; } bad[] = {
		{ "0", "E hours: bad hours '0': hours must be more than 0\n" },
		{ "24.5", "E hours: bad hours '24.5': more than 24 hours\n" },
		{ "1.555", "E hours: bad hours '1.555': " },
		{ "1,5", "E hours: bad hours '1,5': " },
		{ "-2", "E hours: bad hours '-2': hours must be more than 0\n" },
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		set(&k, &e, JF_F_HOURS, bad[i].hours);
		assert_non_null(strstr(check(&k, &e), bad[i].said));
	}
	set(&k, &e, JF_F_HOURS, "24");
	set(&k, &e, JF_F_VOLUNTEER, "V404");
	assert_string_equal(check(&k, &e), "E volunteer: unknown volunteer 'V404'\n");
	/* out of the volunteer's window: jf-check warns */
	set(&k, &e, JF_F_VOLUNTEER, "V002");
	assert_string_equal(check(&k, &e),
			    "W volunteer: volunteer 'V002' is not active on 2026-11-05\n");
	set(&k, &e, JF_F_VOLUNTEER, "V001");
	/* a serve of a wish: readers check the id's form only (jf-book(5)) */
	set(&k, &e, JF_F_WISH, "W1");
	assert_string_equal(check(&k, &e), "");
	set(&k, &e, JF_F_WISH, "W 1");
	assert_string_equal(check(&k, &e), "E wish: bad wish 'W 1'\n");
	e.present &= ~JF_FB(JF_F_WISH);
	/* earning: all three of activity, household, points */
	e.activity = 0;
	e.present |= JF_FB(JF_F_ACTIVITY);
	assert_non_null(strstr(check(&k, &e), "E activity: a serve that earns points names its "
				       "activity, household and points\n"));
	e.household = 0;
	e.points = 7992; /* 3.33 x 24 = 79.92 */
	e.present |= JF_FB(JF_F_HOUSEHOLD) | JF_FB(JF_F_POINTS);
	assert_string_equal(check(&k, &e), "");
	set(&k, &e, JF_F_HOURS, "0.5"); /* 1.665 -> 1.67 */
	e.points = 166;
	assert_string_equal(check(&k, &e),
			    "W points: recorded points 1.66 differ from the rule's 1.67 (volunteer x 0.5 hours)\n");
	/* reviewed: both approvals and notice_days, and only if it earns */
	e.need = 1;
	e.present |= JF_FB(JF_F_APPROVALS);
	assert_non_null(strstr(check(&k, &e), "E approvals: a reviewed serve carries both "
				       "'approvals' and 'notice_days'\n"));
	e.present |= JF_FB(JF_F_NOTICE_DAYS);
	e.points = 167;
	assert_string_equal(check(&k, &e), "");
	e.present &= ~(JF_FB(JF_F_APPROVALS) | JF_FB(JF_F_NOTICE_DAYS));
	e.need = 0;
	/* its moves, once counted: the points to the household */
	rec.household = 0;
	rec.points = 167;
	rec.what = 0;
	assert_int_equal(jf_kind(JF_SERVE)->moves(&x->b, &rec, NULL, m), 1);
	assert_int_equal(m[0].household, 0);
	assert_int_equal(m[0].bucket, JF_BUCKET_EARN);
	assert_true(m[0].points == 167);
	assert_int_equal(m[0].rule, 0);
	/* the rule's use is its hours (limits count them) */
	assert_true(m[0].hours);
	assert_true(m[0].qty == 150);
	/* a reader that hands no texts refuses every serve */
	fake_init(&k, &x->b, false);
	e = entry(JF_SERVE, "2026-11-05");
	e.present |= JF_FB(JF_F_VOLUNTEER) | JF_FB(JF_F_HOURS);
	assert_string_equal(check(&k, &e),
			    "E volunteer: serve entries with 'volunteer' are not supported yet by this reader\n");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_life),
		cmocka_unit_test(test_drop),
		cmocka_unit_test(test_done_open),
		cmocka_unit_test(test_two_takes),
		cmocka_unit_test(test_done_and_drop),
		cmocka_unit_test(test_every_order),
		cmocka_unit_test(test_void_take),
		cmocka_unit_test(test_replay_again),
		cmocka_unit_test_setup_teardown(test_wish_check, setup, teardown),
		cmocka_unit_test_setup_teardown(test_take_check, setup, teardown),
		cmocka_unit_test_setup_teardown(test_follow, setup, teardown),
		cmocka_unit_test_setup_teardown(test_serve_check, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
