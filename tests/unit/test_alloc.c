/* test_alloc.c - jf_grow and jf_strdup_or_null. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>

#include "alloc.h"

static void test_grow(void **state)
{
	(void)state;
	int *v = NULL;
	size_t n = 0, cap = 0;
	for (int i = 0; i < 100; i++) {
		v = jf_grow(v, n, &cap, 4, sizeof *v);
		assert_true(n < cap);
		v[n++] = i;
	}
	assert_int_equal(cap, 128); /* 4, 8, ... doubling */
	for (int i = 0; i < 100; i++)
		assert_int_equal(v[i], i);
	int *same = jf_grow(v, n, &cap, 4, sizeof *v); /* room left: unchanged */
	assert_ptr_equal(same, v);
	assert_int_equal(cap, 128);
	free(v);
}

static void test_strdup_or_null(void **state)
{
	(void)state;
	assert_null(jf_strdup_or_null(NULL));
	char *s = jf_strdup_or_null("户主");
	assert_string_equal(s, "户主");
	free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_grow),
		cmocka_unit_test(test_strdup_or_null),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
