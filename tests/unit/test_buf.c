/* test_buf.c - growable, always NUL-terminated buffers. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "buf.h"

/* The invariants buf.h promises after every operation. */
static void check_inv(const struct jf_buf *b)
{
	assert_non_null(b->s);
	assert_int_equal(b->s[b->len], '\0');
	if (b->cap)
		assert_true(b->len < b->cap);
	else
		assert_int_equal(b->len, 0);
}

static void test_init(void **state)
{
	struct jf_buf a = JF_BUF_INIT, b;

	(void)state;
	check_inv(&a);
	assert_string_equal(a.s, "");
	memset(&b, 0x55, sizeof b);
	jf_buf_init(&b);
	check_inv(&b);
	assert_int_equal(b.len, 0);
	assert_int_equal(b.cap, 0);
	assert_ptr_equal(b.s, jf_buf_empty);
	/* releasing an empty buffer is harmless, twice too */
	jf_buf_release(&a);
	jf_buf_release(&a);
	check_inv(&a);
	assert_int_equal(jf_buf_empty[0], '\0');
}

static void test_add(void **state)
{
	struct jf_buf b = JF_BUF_INIT;

	(void)state;
	jf_buf_add(&b, "abc", 3);
	check_inv(&b);
	assert_string_equal(b.s, "abc");
	assert_int_equal(b.len, 3);
	jf_buf_adds(&b, "def");
	jf_buf_addc(&b, 'g');
	check_inv(&b);
	assert_string_equal(b.s, "abcdefg");
	assert_int_equal(b.len, 7);
	/* adding nothing changes nothing */
	jf_buf_add(&b, "zzz", 0);
	jf_buf_adds(&b, "");
	assert_string_equal(b.s, "abcdefg");
	/* UTF-8 bytes are just bytes */
	jf_buf_adds(&b, "司学霞");
	assert_int_equal(b.len, 7 + 9);
	assert_string_equal(b.s, "abcdefg司学霞");
	jf_buf_release(&b);
	check_inv(&b);
	assert_int_equal(b.len, 0);
}

static void test_add_empty_keeps_shared(void **state)
{
	struct jf_buf b = JF_BUF_INIT;

	(void)state;
	jf_buf_add(&b, "x", 0);
	jf_buf_adds(&b, "");
	jf_buf_setlen(&b, 0);
	jf_buf_reset(&b);
	assert_int_equal(b.cap, 0);
	assert_ptr_equal(b.s, jf_buf_empty);
	assert_int_equal(jf_buf_empty[0], '\0');
	jf_buf_release(&b);
}

static void test_binary(void **state)
{
	struct jf_buf b = JF_BUF_INIT;
	static const char bytes[] = { 'a', '\0', 'b', '\0' };

	(void)state;
	jf_buf_add(&b, bytes, sizeof bytes);
	check_inv(&b);
	assert_int_equal(b.len, 4);
	assert_memory_equal(b.s, bytes, 4);
	jf_buf_addc(&b, '\0');
	assert_int_equal(b.len, 5);
	check_inv(&b);
	jf_buf_release(&b);
}

static void test_growth(void **state)
{
	struct jf_buf b = JF_BUF_INIT;
	char *want = malloc(100001);

	(void)state;
	assert_non_null(want);
	for (size_t i = 0; i < 100000; i++) {
		char c = (char)('a' + i % 26);
		jf_buf_addc(&b, c);
		want[i] = c;
		if (i % 9973 == 0)
			check_inv(&b);
	}
	want[100000] = '\0';
	check_inv(&b);
	assert_int_equal(b.len, 100000);
	assert_string_equal(b.s, want);
	free(want);
	jf_buf_release(&b);
	check_inv(&b);
}

static void test_grow(void **state)
{
	struct jf_buf b = JF_BUF_INIT;
	char *s;

	(void)state;
	jf_buf_grow(&b, 1000);
	check_inv(&b);
	assert_true(b.cap >= 1001);
	assert_int_equal(b.len, 0);
	assert_string_equal(b.s, "");
	/* room made is room: no reallocation while it lasts */
	s = b.s;
	for (int i = 0; i < 1000; i++)
		jf_buf_addc(&b, 'x');
	assert_ptr_equal(b.s, s);
	assert_int_equal(b.len, 1000);
	check_inv(&b);
	jf_buf_grow(&b, 0);
	check_inv(&b);
	jf_buf_release(&b);
}

static void test_addf(void **state)
{
	struct jf_buf b = JF_BUF_INIT;
	char big[5000];

	(void)state;
	jf_buf_addf(&b, "%s:%lu:%lu: %s", "ledger/2026/XB.yaml", 12ul, 5ul, "unknown item 'tv'");
	check_inv(&b);
	assert_string_equal(b.s, "ledger/2026/XB.yaml:12:5: unknown item 'tv'");
	/* appends, and an empty format adds nothing */
	jf_buf_addf(&b, "%s", "");
	assert_string_equal(b.s, "ledger/2026/XB.yaml:12:5: unknown item 'tv'");
	jf_buf_reset(&b);
	jf_buf_addf(&b, "%d|%s", -42, "x");
	assert_string_equal(b.s, "-42|x");
	/* longer than any fixed buffer: no truncation */
	memset(big, 'n', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	jf_buf_addf(&b, "[%s]", big);
	check_inv(&b);
	assert_int_equal(b.len, 5 + 1 + 4999 + 1);
	assert_int_equal(b.s[5], '[');
	assert_int_equal(b.s[b.len - 1], ']');
	assert_int_equal(strspn(b.s + 6, "n"), 4999);
	jf_buf_release(&b);
}

/* addf exactly at the capacity boundary: the first vsnprintf just fits
 * or just misses. */
static void test_addf_boundary(void **state)
{
	(void)state;
	for (size_t pre = 0; pre < 70; pre++) {
		for (size_t n = 0; n < 70; n++) {
			struct jf_buf b = JF_BUF_INIT;
			char want[200];
			for (size_t i = 0; i < pre; i++)
				jf_buf_addc(&b, 'p');
			jf_buf_addf(&b, "%*s", (int)n, "");
			check_inv(&b);
			assert_int_equal(b.len, pre + n);
			memset(want, 'p', pre);
			memset(want + pre, ' ', n);
			want[pre + n] = '\0';
			assert_string_equal(b.s, want);
			jf_buf_release(&b);
		}
	}
}

static void vadd(struct jf_buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static void vadd(struct jf_buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	jf_buf_vaddf(b, fmt, ap);
	va_end(ap);
}

static void test_vaddf(void **state)
{
	struct jf_buf b = JF_BUF_INIT;
	char big[300];

	(void)state;
	memset(big, 'q', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	vadd(&b, "%s=%d;", "qty", 3);
	vadd(&b, "%s", big); /* needs a second pass with the va_list */
	check_inv(&b);
	assert_int_equal(b.len, 6 + 299);
	assert_memory_equal(b.s, "qty=3;", 6);
	assert_int_equal(strspn(b.s + 6, "q"), 299);
	jf_buf_release(&b);
}

static void test_reset_keeps_storage(void **state)
{
	struct jf_buf b = JF_BUF_INIT;
	char *s;
	size_t cap;

	(void)state;
	jf_buf_adds(&b, "some text that is here");
	s = b.s;
	cap = b.cap;
	jf_buf_reset(&b);
	check_inv(&b);
	assert_int_equal(b.len, 0);
	assert_string_equal(b.s, "");
	assert_ptr_equal(b.s, s);
	assert_int_equal(b.cap, cap);
	jf_buf_adds(&b, "again");
	assert_string_equal(b.s, "again");
	jf_buf_release(&b);
}

static void test_setlen(void **state)
{
	struct jf_buf b = JF_BUF_INIT;

	(void)state;
	jf_buf_adds(&b, "abcdef");
	jf_buf_setlen(&b, 3);
	check_inv(&b);
	assert_string_equal(b.s, "abc");
	assert_int_equal(b.len, 3);
	jf_buf_setlen(&b, 3);
	assert_string_equal(b.s, "abc");
	jf_buf_setlen(&b, 0);
	check_inv(&b);
	assert_string_equal(b.s, "");
	jf_buf_adds(&b, "xy");
	assert_string_equal(b.s, "xy");
	jf_buf_release(&b);
}

static void test_detach(void **state)
{
	struct jf_buf b = JF_BUF_INIT;
	char *s;

	(void)state;
	jf_buf_adds(&b, "owned");
	s = jf_buf_detach(&b);
	assert_string_equal(s, "owned");
	check_inv(&b);
	assert_int_equal(b.len, 0);
	assert_int_equal(b.cap, 0);
	free(s);
	/* an empty buffer detaches to a string the caller can free too */
	s = jf_buf_detach(&b);
	assert_non_null(s);
	assert_string_equal(s, "");
	assert_ptr_not_equal(s, jf_buf_empty);
	free(s);
	/* and the buffer is reusable */
	jf_buf_adds(&b, "more");
	assert_string_equal(b.s, "more");
	s = jf_buf_detach(&b);
	free(s);
	/* detach after reset: an empty string, storage handed over */
	jf_buf_adds(&b, "xyz");
	jf_buf_reset(&b);
	s = jf_buf_detach(&b);
	assert_string_equal(s, "");
	free(s);
	check_inv(&b);
}

static void test_release_reuse(void **state)
{
	struct jf_buf b;

	(void)state;
	jf_buf_init(&b);
	for (int round = 0; round < 3; round++) {
		jf_buf_addf(&b, "round %d", round);
		check_inv(&b);
		jf_buf_release(&b);
		check_inv(&b);
		assert_int_equal(b.len, 0);
		assert_int_equal(b.cap, 0);
		assert_string_equal(b.s, "");
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_init),
		cmocka_unit_test(test_add),
		cmocka_unit_test(test_add_empty_keeps_shared),
		cmocka_unit_test(test_binary),
		cmocka_unit_test(test_growth),
		cmocka_unit_test(test_grow),
		cmocka_unit_test(test_addf),
		cmocka_unit_test(test_addf_boundary),
		cmocka_unit_test(test_vaddf),
		cmocka_unit_test(test_reset_keeps_storage),
		cmocka_unit_test(test_setlen),
		cmocka_unit_test(test_detach),
		cmocka_unit_test(test_release_reuse),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
