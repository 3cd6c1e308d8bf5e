/* test_cache.c - a ledger file's cache read a window at a time (cache.c):
 * each window of records and of places gives back what the scan saved, in
 * any order, the last one short; a window past the end is refused; a byte
 * changed in one window's records or places fails that window alone and
 * leaves nothing loaded; and the check of the file as a whole (its sorted
 * keys are its records') is made when the windows are read in order. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "book.h"
#include "buf.h"
#include "cache.h"
#include "diag.h"
#include "id.h"
#include "kinds.h"
#include "ledger.h"
#include "points.h"

/* Three windows of records, the last short; a void every VEVERY entries. */
#define NENT (2 * JF_CACHE_WIN + 808)
#define VEVERY 1000u
#define REL "ledger/2026/XB.yaml"

struct fix {
	char *dir;
	struct jf_book book;
	struct jf_buf text;
	uint32_t *line;          /* the line each entry starts at */
	uint32_t *off;           /* and its byte */
};

static int rm_one(const char *p, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st; (void)flag; (void)ftw;
	return remove(p);
}

static void put(const char *dir, const char *rel, const char *bytes, size_t n)
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
	assert_int_equal(fwrite(bytes, 1, n, f), n);
	assert_int_equal(fclose(f), 0);
	jf_buf_release(&p);
}

/* Entry i's id: a ULID whose last characters count i. */
static void id_of(size_t i, char out[JF_ID_MAX + 1])
{
	static const char b32[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
	memcpy(out, "01JZ8Q3W5V0000000000000000", 27);
	for (size_t k = 0, v = i; k < 6; k++, v /= 32)
		out[25 - k] = b32[v % 32];
}

static bool is_void(size_t i)
{
	return i % VEVERY == VEVERY - 1;
}

/* The target of void i: an entry a window or more back where there is
 * one (so that a window's voids name records of others), else the one
 * before. */
static size_t target_of(size_t i)
{
	return i >= JF_CACHE_WIN + 1 ? i - JF_CACHE_WIN - 1 : i - 1;
}

static int setup(void **state)
{
	struct fix *fx = calloc(1, sizeof *fx);
	struct jf_diags d = JF_DIAGS_INIT;
	char p[256], id[JF_ID_MAX + 1], ref[JF_ID_MAX + 1];

	if (!fx)
		return -1;
	fx->dir = strdup("/tmp/jf-test-cache-XXXXXX");
	if (!fx->dir || !mkdtemp(fx->dir))
		return -1;
	/* this user's key, made under the test's directory on first use */
	snprintf(p, sizeof p, "%s/key", fx->dir);
	if (mkdir(p, 0700) < 0 || setenv("XDG_CACHE_HOME", p, 1) < 0)
		return -1;
	static const char jf_yaml[] = "township: 龙渠乡\ntimezone: Asia/Shanghai\n"
				      "villages:\n  - {code: XB, name: 下堡村}\n";
	static const char catalogue_yaml[] =
		"activities:\n  - {code: clean-yard, name: 庭院整洁, category: 环卫整治, points: 5}\n"
		"goods:\n  - {code: soap, name: 肥皂, unit: 块, points: 3}\n";
	static const char households_yaml[] =
		"households:\n  - {id: XB-017, head: 司学霞, village: XB}\n"
		"  - {id: XB-018, head: 白杨, village: XB}\n";
	put(fx->dir, "jf.yaml", jf_yaml, strlen(jf_yaml));
	put(fx->dir, "catalogue.yaml", catalogue_yaml, strlen(catalogue_yaml));
	put(fx->dir, "households.yaml", households_yaml, strlen(households_yaml));
	if (jf_book_open(&fx->book, fx->dir, &d) != JF_OK)
		return -1;
	jf_diags_release(&d);

	fx->line = calloc(NENT, sizeof *fx->line);
	fx->off = calloc(NENT, sizeof *fx->off);
	if (!fx->line || !fx->off)
		return -1;
	uint32_t line = 1;
	for (size_t i = 0; i < NENT; i++) {
		fx->line[i] = line;
		fx->off[i] = (uint32_t)fx->text.len;
		id_of(i, id);
		if (is_void(i)) {
			id_of(target_of(i), ref);
			jf_buf_addf(&fx->text, "- id: %s\n  date: 2026-03-02\n  kind: void\n"
				    "  ref: %s\n  reason: 录错了\n  by: baiyang\n", id, ref);
			line += 6;
		} else {
			jf_buf_addf(&fx->text, "- id: %s\n  date: 2026-03-01\n"
				    "  at: 2026-03-01T10:15:02+08:00\n  kind: earn\n"
				    "  household: XB-%s\n  activity: clean-yard\n  qty: %zu\n"
				    "  points: %zu\n  by: baiyang\n",
				    id, i % 2 ? "018" : "017", i % 7 + 1, 5 * (i % 7 + 1));
			line += 9;
		}
	}
	put(fx->dir, REL, fx->text.s, fx->text.len);
	*state = fx;
	return 0;
}

static int teardown(void **state)
{
	struct fix *fx = *state;
	jf_book_release(&fx->book);
	int rc = nftw(fx->dir, rm_one, 16, FTW_DEPTH | FTW_PHYS);
	jf_buf_release(&fx->text);
	free(fx->line);
	free(fx->off);
	free(fx->dir);
	free(fx);
	return rc;
}

/* Read the book with the cache, which saves REL's; then load its head. */
static void scan_and_load(struct fix *fx, struct jf_fcache *c)
{
	struct jf_scan s;
	struct jf_diags d = JF_DIAGS_INIT;
	jf_scan_init(&s);
	s.use_cache = true;
	assert_int_equal(jf_ledger_scan(&s, &fx->book, NULL, NULL, &d), JF_OK);
	assert_int_equal(d.errors, 0);
	jf_scan_release(&s);
	jf_diags_release(&d);
	memset(c, 0, sizeof *c);
	assert_true(jf_cache_load(fx->dir, REL, jf_cache_settings(&fx->book), &fx->book,
				  false, false, c));
	assert_int_equal(c->nrecs, NENT);
	assert_int_equal(c->nwin, 3);
	assert_int_equal(c->nvoids, NENT / VEVERY);
	assert_null(c->recs);
	assert_null(c->pos);
}

static void check_recs(const struct jf_fcache *c, size_t w)
{
	char id[JF_ID_MAX + 1];
	size_t first = w * JF_CACHE_WIN, n = w == 2 ? NENT - first : JF_CACHE_WIN;
	assert_non_null(c->recs);
	assert_int_equal(c->recs_first, first);
	for (size_t i = 0; i < n; i++) {
		size_t e = first + i;
		const struct jf_effect *r = &c->recs[i];
		id_of(e, id);
		struct jf_idkey k = jf_id_key(id, strlen(id));
		assert_memory_equal(&r->key, &k, sizeof k);
		if (is_void(e)) {
			assert_int_equal(r->kind, JF_VOID);
		} else {
			assert_int_equal(r->kind, JF_EARN);
			assert_int_equal(r->qty, (int32_t)(e % 7 + 1));
			assert_true(r->points == (jf_points)(5 * (e % 7 + 1)) * JF_POINTS_SCALE);
			assert_int_equal(r->household, (int32_t)(e % 2));
			/* the voided ones were saved as voided */
			bool voided = false;
			for (size_t v = VEVERY - 1; v < NENT; v += VEVERY)
				voided = voided || target_of(v) == e;
			assert_int_equal(!!(r->flags & JF_EFFECT_VOIDED), voided);
		}
	}
}

static void check_pos(const struct fix *fx, const struct jf_fcache *c, size_t w)
{
	size_t first = w * JF_CACHE_WIN, n = w == 2 ? NENT - first : JF_CACHE_WIN;
	assert_non_null(c->pos);
	assert_int_equal(c->pos_first, first);
	for (size_t i = 0; i < n; i++) {
		size_t e = first + i;
		uint32_t end = e + 1 < NENT ? fx->off[e + 1] : (uint32_t)fx->text.len;
		assert_int_equal(c->pos[i].off, fx->off[e]);
		assert_int_equal(c->pos[i].len, end - fx->off[e]);
		assert_int_equal(c->pos[i].line, fx->line[e]);
		assert_int_equal(c->pos[i].col, 3); /* the mapping after "- " */
	}
}

/* Every window, out of order and again, gives back what was saved. */
static void test_windows(void **state)
{
	struct fix *fx = *state;
	struct jf_fcache c;
	scan_and_load(fx, &c);
	static const size_t order[] = { 2, 0, 1, 1, 0, 2 };
	for (size_t k = 0; k < sizeof order / sizeof *order; k++) {
		assert_true(jf_cache_win_recs(fx->dir, REL, &fx->book, &c, order[k]));
		check_recs(&c, order[k]);
		assert_true(jf_cache_win_pos(fx->dir, REL, &c, order[k]));
		check_pos(fx, &c, order[k]);
	}
	/* past the end: refused, nothing left loaded */
	assert_false(jf_cache_win_recs(fx->dir, REL, &fx->book, &c, 3));
	assert_null(c.recs);
	assert_false(jf_cache_win_pos(fx->dir, REL, &c, 3));
	assert_null(c.pos);
	/* and all of them at once are the windows end to end */
	assert_true(jf_cache_load_recs(fx->dir, REL, &fx->book, &c));
	assert_true(c.recs_all);
	jf_fcache_release(&c);
}

/* The cache file of REL: the one file in .jf/cache but the book record. */
static void cache_file(const struct fix *fx, struct jf_buf *out)
{
	struct jf_buf dir = JF_BUF_INIT;
	jf_buf_addf(&dir, "%s/.jf/cache", fx->dir);
	DIR *dp = opendir(dir.s);
	assert_non_null(dp);
	int n = 0;
	for (struct dirent *de; (de = readdir(dp));) {
		if (de->d_name[0] == '.' || !strcmp(de->d_name, "book"))
			continue;
		jf_buf_reset(out);
		jf_buf_addf(out, "%s/%s", dir.s, de->d_name);
		n++;
	}
	closedir(dp);
	assert_int_equal(n, 1);
	jf_buf_release(&dir);
}

/* Flip one byte of the cache file in place (the same file, as a hand
 * edit or a bad disk would). */
static void flip(const char *path, uint64_t at)
{
	int fd = open(path, O_RDWR);
	unsigned char ch;
	assert_true(fd >= 0);
	assert_int_equal(pread(fd, &ch, 1, (off_t)at), 1);
	ch ^= 0x20;
	assert_int_equal(pwrite(fd, &ch, 1, (off_t)at), 1);
	assert_int_equal(close(fd), 0);
}

/* A byte changed in window 1's records fails that window only. */
static void test_window_changed(void **state)
{
	struct fix *fx = *state;
	struct jf_fcache c;
	struct jf_buf path = JF_BUF_INIT;
	scan_and_load(fx, &c);
	cache_file(fx, &path);
	/* the points of window 1's tenth record */
	flip(path.s, c.recs_at + (uint64_t)(JF_CACHE_WIN + 10) * sizeof(struct jf_effect) +
			     offsetof(struct jf_effect, points));
	assert_true(jf_cache_win_recs(fx->dir, REL, &fx->book, &c, 0));
	check_recs(&c, 0);
	assert_false(jf_cache_win_recs(fx->dir, REL, &fx->book, &c, 1));
	assert_null(c.recs);
	assert_true(jf_cache_win_recs(fx->dir, REL, &fx->book, &c, 2));
	check_recs(&c, 2);
	assert_false(jf_cache_load_recs(fx->dir, REL, &fx->book, &c));
	assert_null(c.recs);
	/* the places are apart: all still read */
	for (size_t w = 0; w < 3; w++) {
		assert_true(jf_cache_win_pos(fx->dir, REL, &c, w));
		check_pos(fx, &c, w);
	}
	/* a place of window 2 changed: that window fails */
	flip(path.s, c.pos_at + (uint64_t)(2 * JF_CACHE_WIN + 5) * sizeof(struct jf_cache_pos) +
			     offsetof(struct jf_cache_pos, line));
	assert_true(jf_cache_win_pos(fx->dir, REL, &c, 1));
	assert_false(jf_cache_win_pos(fx->dir, REL, &c, 2));
	assert_null(c.pos);
	assert_false(jf_cache_load_pos(fx->dir, REL, &c));
	jf_fcache_release(&c);
	jf_buf_release(&path);
}

/* Read c's sorted keys, all of them, as a replay merges them first. */
static void read_keys(const struct fix *fx, struct jf_fcache *c)
{
	struct jf_cache_keys k;
	size_t n = 0;
	jf_cache_keys_open(&k, fx->dir, REL, c);
	while (jf_cache_keys_next(&k))
		n++;
	assert_true(k.ok);
	jf_cache_keys_close(&k);
	assert_int_equal(n, NENT);
}

/* The cache as saved checks as a whole when its windows are read in
 * order (the sorted keys, read first, are the records'); out of order
 * each window still checks alone, the whole is not vouched for. */
static void test_walk_in_order(void **state)
{
	struct fix *fx = *state;
	struct jf_fcache c;
	scan_and_load(fx, &c);
	read_keys(fx, &c);
	assert_true(c.keys_mix != 0);
	assert_false(c.recs_ok);
	/* out of order: no check of the whole */
	assert_true(jf_cache_win_recs(fx->dir, REL, &fx->book, &c, 1));
	assert_true(jf_cache_win_recs(fx->dir, REL, &fx->book, &c, 2));
	assert_false(c.recs_ok);
	/* in order: at the last window */
	for (size_t w = 0; w < 3; w++) {
		assert_false(c.recs_ok);
		assert_true(jf_cache_win_recs(fx->dir, REL, &fx->book, &c, w));
	}
	assert_true(c.recs_ok);
	jf_fcache_release(&c);
}

/* Keys that are not the records': a sum that does not match fails the
 * last window of an in-order walk. */
static void test_walk_keys_differ(void **state)
{
	struct fix *fx = *state;
	struct jf_fcache c;
	scan_and_load(fx, &c);
	read_keys(fx, &c);
	c.keys_mix ^= 1; /* as if the keys were another file's */
	assert_true(jf_cache_win_recs(fx->dir, REL, &fx->book, &c, 0));
	assert_true(jf_cache_win_recs(fx->dir, REL, &fx->book, &c, 1));
	assert_false(jf_cache_win_recs(fx->dir, REL, &fx->book, &c, 2));
	assert_null(c.recs);
	assert_false(c.recs_ok);
	jf_fcache_release(&c);
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_windows),
		T(test_window_changed),
		T(test_walk_in_order),
		T(test_walk_keys_differ),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
