/* test_hash.c - the resumable hash the reader cache relies on. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <string.h>

#include "hash.h"

/* Hashing in pieces of any size gives the value of hashing at once. */
static void test_pieces(void **state)
{
	char buf[1000];
	(void)state;
	for (size_t i = 0; i < sizeof buf; i++)
		buf[i] = (char)(i * 7 + 3);
	for (size_t len = 0; len < 40; len++) {
		uint64_t whole = jf_hash_bytes(buf, len);
		for (size_t cut = 0; cut <= len; cut++) {
			struct jf_hash h;
			jf_hash_init(&h);
			jf_hash_update(&h, buf, cut);
			struct jf_hash saved = h; /* the state is plain data */
			jf_hash_update(&saved, buf + cut, len - cut);
			assert_true(jf_hash_value(&saved) == whole);
		}
	}
	struct jf_hash h;
	jf_hash_init(&h);
	for (size_t i = 0; i < sizeof buf; i++)
		jf_hash_update(&h, buf + i, 1);
	assert_true(jf_hash_value(&h) == jf_hash_bytes(buf, sizeof buf));
}

/* Any change of a byte, or of the length, changes the value. */
static void test_changes(void **state)
{
	char a[64] = "- id: 01JDZ3K4M5N6P7Q8R9S0T1U2V3\n  points: 5\n";
	char b[64];
	(void)state;
	uint64_t v = jf_hash_bytes(a, strlen(a));
	for (size_t i = 0; i < strlen(a); i++) {
		memcpy(b, a, sizeof a);
		b[i] ^= 1;
		assert_true(jf_hash_bytes(b, strlen(a)) != v);
	}
	assert_true(jf_hash_bytes(a, strlen(a) - 1) != v);
	assert_true(jf_hash_bytes("", 0) != jf_hash_bytes("\0", 1));
	/* the same on every machine and run */
	assert_true(jf_hash_bytes("jf", 2) == jf_hash_bytes("jf", 2));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pieces),
		cmocka_unit_test(test_changes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
