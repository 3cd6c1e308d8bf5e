/* test_lock.c - the book's lock: what a wait that ran out says. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "diag.h"
#include "lock.h"

/* A scratch book directory with .jf/lock, and that lock held exclusively
 * (as a writer holds it) on *held. */
static void book_held(char *root, size_t size, int *held)
{
	const char *t = getenv("TMPDIR");
	char path[512];
	snprintf(root, size, "%s/jf-lock-XXXXXX", t && *t ? t : "/tmp");
	assert_non_null(mkdtemp(root));
	snprintf(path, sizeof path, "%s/.jf", root);
	assert_int_equal(mkdir(path, 0700), 0);
	snprintf(path, sizeof path, "%s/.jf/lock", root);
	*held = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	assert_true(*held >= 0);
	assert_int_equal(flock(*held, LOCK_EX | LOCK_NB), 0);
}

static void book_remove(const char *root, int held)
{
	char path[512];
	close(held);
	snprintf(path, sizeof path, "%s/.jf/lock", root);
	assert_int_equal(unlink(path), 0);
	snprintf(path, sizeof path, "%s/.jf", root);
	assert_int_equal(rmdir(path), 0);
	assert_int_equal(rmdir(root), 0);
}

/* A reader's wait that ran out names --wait only when the command's
 * --wait set it: jf-balance has no --wait, jf-check has. */
static void test_shared_gave_up(void **state)
{
	static const struct {
		bool by_option;
		const char *msg;
	} cases[] = {
		{ false, "a writer holds the book's lock; gave up after 0.000 s" },
		{ true, "a writer holds the book's lock; gave up after 0.000 s (--wait)" },
	};
	char root[256];
	int held;

	(void)state;
	book_held(root, sizeof root, &held);
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		struct jf_lock l = JF_LOCK_INIT;
		struct jf_diags d = JF_DIAGS_INIT;
		assert_int_equal(jf_lock_shared(&l, root, 0, cases[i].by_option, &d), JF_SYSTEM);
		assert_int_equal(d.errors, 1);
		assert_string_equal(d.v[d.n - 1].msg, cases[i].msg);
		jf_lock_release(&l);
		jf_diags_release(&d);
	}
	book_remove(root, held);
}

/* Without a writer the lock is shared at once, whatever the wait. */
static void test_shared_free(void **state)
{
	char root[256];
	int held;

	(void)state;
	book_held(root, sizeof root, &held);
	assert_int_equal(flock(held, LOCK_UN), 0);
	struct jf_lock l = JF_LOCK_INIT;
	struct jf_diags d = JF_DIAGS_INIT;
	assert_int_equal(jf_lock_shared(&l, root, 0, false, &d), JF_OK);
	assert_int_equal(d.n, 0);
	jf_lock_release(&l);
	jf_diags_release(&d);
	book_remove(root, held);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_shared_gave_up),
		cmocka_unit_test(test_shared_free),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
