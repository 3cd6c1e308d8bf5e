/* test_strmap.c - the string to small-integer map. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "strmap.h"

static void test_empty(void **state)
{
	struct jf_strmap m = JF_STRMAP_INIT;

	(void)state;
	assert_int_equal(jf_strmap_gets(&m, "XB"), -1);
	assert_int_equal(jf_strmap_get(&m, "XB", 2), -1);
	assert_int_equal(jf_strmap_gets(&m, ""), -1);
	jf_strmap_release(&m);
	jf_strmap_release(&m);
	assert_int_equal(m.n, 0);
}

static void test_put_get(void **state)
{
	struct jf_strmap m = JF_STRMAP_INIT;

	(void)state;
	assert_int_equal(jf_strmap_put(&m, "XB", 0), -1);
	assert_int_equal(jf_strmap_put(&m, "LQ", 1), -1);
	assert_int_equal(jf_strmap_put(&m, "XB-017", 7), -1);
	assert_int_equal(m.n, 3);
	assert_int_equal(jf_strmap_gets(&m, "XB"), 0);
	assert_int_equal(jf_strmap_gets(&m, "LQ"), 1);
	assert_int_equal(jf_strmap_gets(&m, "XB-017"), 7);
	assert_int_equal(jf_strmap_gets(&m, "xb"), -1);
	assert_int_equal(jf_strmap_gets(&m, "XB-01"), -1);
	assert_int_equal(jf_strmap_gets(&m, "XB-0170"), -1);
	/* a duplicate returns the stored value and stores nothing */
	assert_int_equal(jf_strmap_put(&m, "XB", 99), 0);
	assert_int_equal(jf_strmap_gets(&m, "XB"), 0);
	assert_int_equal(m.n, 3);
	/* an equal key at another address is the same key */
	char copy[] = "LQ";
	assert_int_equal(jf_strmap_put(&m, copy, 5), 1);
	jf_strmap_release(&m);
	assert_int_equal(m.n, 0);
	assert_int_equal(m.cap, 0);
	/* reusable after release */
	assert_int_equal(jf_strmap_put(&m, "again", 3), -1);
	assert_int_equal(jf_strmap_gets(&m, "again"), 3);
	jf_strmap_release(&m);
}

static void test_get_len(void **state)
{
	struct jf_strmap m = JF_STRMAP_INIT;
	const char *line = "XB-017 clean-yard";

	(void)state;
	jf_strmap_put(&m, "XB-017", 4);
	jf_strmap_put(&m, "clean-yard", 5);
	assert_int_equal(jf_strmap_get(&m, line, 6), 4);
	assert_int_equal(jf_strmap_get(&m, line + 7, 10), 5);
	assert_int_equal(jf_strmap_get(&m, line, 5), -1);
	assert_int_equal(jf_strmap_get(&m, line, 7), -1);
	/* no NUL is needed after len bytes */
	char raw[6];
	memcpy(raw, "XB-017", 6);
	assert_int_equal(jf_strmap_get(&m, raw, 6), 4);
	jf_strmap_release(&m);
}

/* Keys of every length up to 20 that differ from one another in one
 * byte, at every place: each is found as itself, each one-byte change of
 * it as the key with that change, whatever the loads that read it. */
static void test_one_byte_apart(void **state)
{
	static char keys[21 * 21 * 2][24];
	struct jf_strmap m = JF_STRMAP_INIT;
	int n = 0;

	(void)state;
	for (size_t len = 1; len <= 20; len++) {
		for (size_t at = 0; at <= len; at++) {
			for (int v = 0; v < 2; v++) {
				memset(keys[n], 'k', len);
				keys[n][len] = '\0';
				if (at < len)
					keys[n][at] = v ? '\xe6' : 'K';
				else if (v)
					continue;
				int had = jf_strmap_put(&m, keys[n], n);
				if (had >= 0)
					assert_string_equal(keys[had], keys[n]);
				else
					n++;
			}
		}
	}
	assert_int_equal(m.n, (size_t)n);
	for (int i = 0; i < n; i++) {
		size_t len = strlen(keys[i]);
		char raw[24];
		memcpy(raw, keys[i], len); /* no NUL after it */
		raw[len] = 'k';
		assert_int_equal(jf_strmap_get(&m, raw, len), i);
		assert_int_equal(jf_strmap_gets(&m, keys[i]), i);
		for (size_t at = 0; at < len; at++) {
			char alt[24];
			memcpy(alt, keys[i], len + 1);
			alt[at] = 'x';
			assert_int_equal(jf_strmap_gets(&m, alt), -1);
		}
	}
	jf_strmap_release(&m);
}

static void test_empty_key(void **state)
{
	struct jf_strmap m = JF_STRMAP_INIT;

	(void)state;
	assert_int_equal(jf_strmap_put(&m, "", 11), -1);
	assert_int_equal(jf_strmap_gets(&m, ""), 11);
	assert_int_equal(jf_strmap_get(&m, "abc", 0), 11);
	assert_int_equal(jf_strmap_put(&m, "", 12), 11);
	jf_strmap_release(&m);
}

/* Keys that share their first 8 bytes, or are prefixes of each other, are
 * told apart (a slot keeps a key's first 8 bytes). */
static void test_shared_heads(void **state)
{
	static const char *const keys[] = {
		"washing-powder", "washing-powdex", "washing-", "washing", "washing-p",
		"washing-powder-2", "", "w", "wa\xe5\x8f\xb8",
	};
	struct jf_strmap m = JF_STRMAP_INIT;
	(void)state;
	for (int i = 0; i < (int)(sizeof keys / sizeof *keys); i++)
		assert_int_equal(jf_strmap_put(&m, keys[i], i), -1);
	for (int i = 0; i < (int)(sizeof keys / sizeof *keys); i++) {
		assert_int_equal(jf_strmap_gets(&m, keys[i]), i);
		assert_int_equal(jf_strmap_put(&m, keys[i], 99), i);
	}
	assert_int_equal(jf_strmap_get(&m, "washing-powder-2", 14), 0);
	assert_int_equal(jf_strmap_get(&m, "washing-powder-2", 9), 4);
	assert_int_equal(jf_strmap_get(&m, "washing-powdey", 14), -1);
	assert_int_equal(jf_strmap_get(&m, "washing-", 6), -1);
	assert_int_equal(jf_strmap_gets(&m, "washing-powder-3"), -1);
	jf_strmap_release(&m);
}

static void test_borrowed(void **state)
{
	struct jf_strmap m = JF_STRMAP_INIT;
	const char *key = "washing-powder";
	bool seen = false;

	(void)state;
	jf_strmap_put(&m, key, 2);
	for (size_t i = 0; i < m.cap; i++)
		if (m.slots[i].key == key)
			seen = true;
	assert_true(seen);
	jf_strmap_release(&m);
}

static void test_many(void **state)
{
	enum { N = 20000 };
	struct jf_strmap m = JF_STRMAP_INIT;
	char **keys = calloc(N, sizeof *keys);
	char probe[32];

	(void)state;
	assert_non_null(keys);
	for (int i = 0; i < N; i++) {
		keys[i] = malloc(16);
		assert_non_null(keys[i]);
		snprintf(keys[i], 16, "HH-%05d", i);
		assert_int_equal(jf_strmap_put(&m, keys[i], i), -1);
	}
	assert_int_equal(m.n, N);
	assert_true(m.cap >= 2 * (size_t)N);
	for (int i = 0; i < N; i++) {
		snprintf(probe, sizeof probe, "HH-%05d", i);
		assert_int_equal(jf_strmap_gets(&m, probe), i);
		assert_int_equal(jf_strmap_put(&m, keys[i], -7), i);
	}
	for (int i = N; i < N + 1000; i++) {
		snprintf(probe, sizeof probe, "HH-%05d", i);
		assert_int_equal(jf_strmap_gets(&m, probe), -1);
	}
	assert_int_equal(m.n, N);
	jf_strmap_release(&m);
	for (int i = 0; i < N; i++)
		free(keys[i]);
	free(keys);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_put_get),
		cmocka_unit_test(test_get_len),
		cmocka_unit_test(test_one_byte_apart),
		cmocka_unit_test(test_empty_key),
		cmocka_unit_test(test_shared_heads),
		cmocka_unit_test(test_borrowed),
		cmocka_unit_test(test_many),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
