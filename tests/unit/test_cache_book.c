/* test_cache_book.c - the book record of the reader cache read a window
 * at a time (cache_book.c): what is saved is what the windows give back,
 * in any order and across windows; a record written again with a target
 * and a follow-up inserted; one changed after it was loaded is refused;
 * and the MAC made a piece at a time is the MAC of the whole. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cache.h"

#define SETTINGS 0x5eedULL
#define NVT 5000u   /* past one window of follow-ups' numbers (4096) */
#define NTG 1100u   /* past two windows of targets (512) */

static int rm_one(const char *p, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st; (void)flag; (void)ftw;
	return remove(p);
}

static int setup(void **state)
{
	char *dir = strdup("/tmp/jf-test-book-XXXXXX");
	char p[256];
	if (!dir || !mkdtemp(dir)) {
		free(dir);
		return -1;
	}
	/* this user's key, made under the test's directory on first use */
	snprintf(p, sizeof p, "%s/key", dir);
	if (mkdir(p, 0700) < 0 || setenv("XDG_CACHE_HOME", p, 1) < 0)
		return -1;
	snprintf(p, sizeof p, "%s/.jf", dir);
	if (mkdir(p, 0777) < 0)
		return -1;
	snprintf(p, sizeof p, "%s/.jf/cache", dir);
	if (mkdir(p, 0777) < 0)
		return -1;
	*state = dir;
	return 0;
}

static int teardown(void **state)
{
	char *dir = *state;
	int rc = nftw(dir, rm_one, 16, FTW_DEPTH | FTW_PHYS);
	free(dir);
	return rc;
}

/* Target x of the record made: file x % 2, record 3x (in place order). */
static struct jf_book_tgt tgt(size_t x)
{
	struct jf_book_tgt t;
	memset(&t, 0, sizeof t);
	t.nf = x < NTG / 2 ? 0 : 1;
	t.nk = (uint32_t)(3 * x);
	t.rec.key.w[0] = (uint32_t)x + 1;
	t.rec.points = (int64_t)x * 50;
	return t;
}

static uint32_t vt_of(size_t g)
{
	return (uint32_t)((g * 7919) % NTG);
}

static void make(struct jf_cache_book *bk)
{
	static char p0[] = "ledger/2025/XB.yaml", p1[] = "ledger/2026/XB.yaml";
	static char *paths[2] = { p0, p1 };
	memset(bk, 0, sizeof *bk);
	bk->nfiles = 2;
	bk->paths = paths;
	bk->pins = calloc(2, sizeof *bk->pins);
	bk->pins[0].nrecs = bk->pins[1].nrecs = 10 * NTG;
	bk->pins[0].nvoids = NVT / 2;
	bk->pins[1].nvoids = NVT - NVT / 2;
	bk->nvt = NVT;
	bk->vt = calloc(NVT, sizeof *bk->vt);
	for (size_t g = 0; g < NVT; g++)
		bk->vt[g] = vt_of(g);
	bk->ntg = NTG;
	bk->tg = calloc(NTG, sizeof *bk->tg);
	for (size_t x = 0; x < NTG; x++)
		bk->tg[x] = tgt(x);
}

static void unmake(struct jf_cache_book *bk)
{
	free(bk->pins);
	free(bk->vt);
	free(bk->tg);
}

static void test_windows(void **state)
{
	const char *dir = *state;
	struct jf_cache_book bk, got;
	make(&bk);
	assert_int_equal(jf_cache_book_save(dir, SETTINGS, &bk), 0);
	unmake(&bk);
	assert_false(jf_cache_book_load(dir, SETTINGS + 1, &got)); /* other settings */
	assert_true(jf_cache_book_load(dir, SETTINGS, &got));
	assert_null(got.vt);
	assert_null(got.tg);
	assert_int_equal(got.nvt, NVT);
	assert_int_equal(got.ntg, NTG);
	assert_string_equal(got.paths[1], "ledger/2026/XB.yaml");
	for (size_t g = 0; g < NVT; g++) {
		uint32_t x;
		assert_true(jf_cache_book_vt(&got, g, &x));
		assert_int_equal(x, vt_of(g));
		/* looked up at random (slot 1), as a follow-up's target */
		const struct jf_book_tgt *t = jf_cache_book_tg(&got, 1, x), want = tgt(x);
		assert_non_null(t);
		assert_memory_equal(t, &want, sizeof want);
	}
	uint32_t x;
	assert_false(jf_cache_book_vt(&got, NVT, &x));
	assert_null(jf_cache_book_tg(&got, 0, NTG));
	/* walked in place order (slot 0), backwards too */
	for (size_t i = NTG; i-- > 0;) {
		const struct jf_book_tgt *t = jf_cache_book_tg(&got, 0, i), want = tgt(i);
		assert_non_null(t);
		assert_memory_equal(t, &want, sizeof want);
	}
	jf_cache_book_release(&got);
}

static void test_resave(void **state)
{
	const char *dir = *state;
	struct jf_cache_book bk, got;
	make(&bk);
	assert_int_equal(jf_cache_book_save(dir, SETTINGS, &bk), 0);
	unmake(&bk);
	assert_true(jf_cache_book_load(dir, SETTINGS, &got));
	/* a new target between 600 and 601 (file 1, record 1801), and a new
	 * follow-up of it at 4096 (the second window's first) */
	struct jf_book_tgt nt = tgt(600);
	nt.nk = 1801;
	nt.rec.points = -7;
	struct jf_cache_pin pin = got.pins[1];
	pin.nvoids++;
	assert_int_equal(jf_cache_book_resave(dir, SETTINGS, &got, 1, &pin, true, 601, &nt, 4096,
					      601), 0);
	jf_cache_book_release(&got);
	assert_true(jf_cache_book_load(dir, SETTINGS, &got));
	assert_int_equal(got.nvt, NVT + 1);
	assert_int_equal(got.ntg, NTG + 1);
	for (size_t g = 0; g <= NVT; g++) {
		uint32_t x, want = g == 4096 ? 601 : vt_of(g < 4096 ? g : g - 1);
		if (g != 4096 && want >= 601)
			want++;
		assert_true(jf_cache_book_vt(&got, g, &x));
		assert_int_equal(x, want);
	}
	for (size_t i = 0; i <= NTG; i++) {
		const struct jf_book_tgt *t = jf_cache_book_tg(&got, 0, i);
		struct jf_book_tgt want = i == 601 ? nt : tgt(i < 601 ? i : i - 1);
		assert_non_null(t);
		assert_memory_equal(t, &want, sizeof want);
	}
	jf_cache_book_release(&got);
}

static void test_changed(void **state)
{
	const char *dir = *state;
	struct jf_cache_book bk, got;
	char p[256];
	make(&bk);
	assert_int_equal(jf_cache_book_save(dir, SETTINGS, &bk), 0);
	unmake(&bk);
	snprintf(p, sizeof p, "%s/.jf/cache/book", dir);
	/* a byte of a target changed: the MAC fails */
	int fd = open(p, O_RDWR);
	assert_true(fd >= 0);
	struct stat st;
	assert_int_equal(fstat(fd, &st), 0);
	char c;
	off_t at = st.st_size - 32 - 100;
	assert_int_equal(pread(fd, &c, 1, at), 1);
	c ^= 1;
	assert_int_equal(pwrite(fd, &c, 1, at), 1);
	assert_false(jf_cache_book_load(dir, SETTINGS, &got));
	c ^= 1;
	assert_int_equal(pwrite(fd, &c, 1, at), 1);
	/* put back: it loads; changed after, its windows are refused */
	assert_true(jf_cache_book_load(dir, SETTINGS, &got));
	assert_non_null(jf_cache_book_tg(&got, 0, 0));
	assert_int_equal(pwrite(fd, &c, 1, at), 1); /* same byte: still a write */
	struct timespec ts = { 0, 20 * 1000 * 1000 };
	nanosleep(&ts, NULL);
	assert_int_equal(pwrite(fd, &c, 1, at), 1);
	assert_null(jf_cache_book_tg(&got, 0, NTG - 1));
	uint32_t x;
	assert_false(jf_cache_book_vt(&got, NVT - 1, &x));
	close(fd);
	jf_cache_book_release(&got);
}

static void test_mac_pieces(void **state)
{
	unsigned char buf[3000], whole[32], pieces[32];
	(void)state;
	for (size_t i = 0; i < sizeof buf; i++)
		buf[i] = (unsigned char)(i * 31 + 7);
	assert_true(jf_cache_mac(buf, sizeof buf, whole));
	struct jf_cache_mac_state *m = jf_cache_mac_begin();
	assert_non_null(m);
	for (size_t at = 0, n = 1; at < sizeof buf; at += n, n = n * 3 + 1)
		jf_cache_mac_add(m, buf + at, at + n <= sizeof buf ? n : sizeof buf - at);
	jf_cache_mac_end(m, pieces);
	assert_memory_equal(whole, pieces, sizeof whole);
	buf[1234] ^= 1;
	assert_true(jf_cache_mac(buf, sizeof buf, pieces));
	assert_memory_not_equal(whole, pieces, sizeof whole);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_windows, setup, teardown),
		cmocka_unit_test_setup_teardown(test_resave, setup, teardown),
		cmocka_unit_test_setup_teardown(test_changed, setup, teardown),
		cmocka_unit_test_setup_teardown(test_mac_pieces, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
