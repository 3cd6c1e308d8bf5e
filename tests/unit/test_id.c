/* test_id.c - ULID generation, id validity and 96-bit keys. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "id.h"

static const char crockford[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

static void new_ok(time_t t, int ms, char out[JF_ID_LEN + 1])
{
	if (jf_id_new(t, ms, out) != 0)
		fail_msg("jf_id_new(%lld, %d) failed", (long long)t, ms);
}

/* The 48-bit time in the first ten characters. */
static uint64_t decode_time(const char *id)
{
	uint64_t v = 0;

	for (int i = 0; i < 10; i++) {
		const char *p = strchr(crockford, id[i]);
		assert_non_null(p);
		v = v << 5 | (uint64_t)(p - crockford);
	}
	return v;
}

static void test_shape(void **state)
{
	char id[JF_ID_LEN + 1];

	(void)state;
	for (int n = 0; n < 200; n++) {
		memset(id, '!', sizeof id);
		new_ok(1795832102 + n, n % 1000, id);
		assert_int_equal(strlen(id), 26);
		for (int i = 0; i < JF_ID_LEN; i++) {
			assert_non_null(memchr(crockford, id[i], 32));
			assert_null(strchr("ILOUilou", id[i]));
		}
		assert_true(jf_id_valid(id));
		assert_true(decode_time(id) ==
			    (uint64_t)(1795832102 + n) * 1000 + (unsigned)(n % 1000));
		/* 48 bits in 50: the first character is 0..7 */
		assert_true(id[0] >= '0' && id[0] <= '7');
	}
}

static void test_time_prefix(void **state)
{
	char id[JF_ID_LEN + 1];

	(void)state;
	new_ok(0, 0, id);
	assert_memory_equal(id, "0000000000", 10);
	new_ok(0, 1, id);
	assert_memory_equal(id, "0000000001", 10);
	new_ok(0, 32, id);
	assert_memory_equal(id, "0000000010", 10);
	/* the largest 48-bit millisecond time */
	new_ok(281474976710, 655, id);
	assert_memory_equal(id, "7ZZZZZZZZZ", 10);
	/* 2026-11-28T02:15:02.123Z */
	new_ok(1795832102, 123, id);
	assert_true(decode_time(id) == UINT64_C(1795832102123));
}

static void test_bad_time(void **state)
{
	char id[JF_ID_LEN + 1];

	(void)state;
	errno = 0;
	assert_int_equal(jf_id_new(-1, 0, id), -1);
	assert_int_equal(errno, EINVAL);
	errno = 0;
	assert_int_equal(jf_id_new(0, -1, id), -1);
	assert_int_equal(errno, EINVAL);
	errno = 0;
	assert_int_equal(jf_id_new(0, 1000, id), -1);
	assert_int_equal(errno, EINVAL);
	errno = 0;
	assert_int_equal(jf_id_new(281474976710, 656, id), -1);
	assert_int_equal(errno, EINVAL);
	errno = 0;
	assert_int_equal(jf_id_new(281474976711, 0, id), -1);
	assert_int_equal(errno, EINVAL);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(a, b);
}

/* Ids of the same millisecond still differ: the 80 random bits. */
static void test_unique(void **state)
{
	enum { N = 5000 };
	char (*ids)[JF_ID_LEN + 1] = calloc(N, sizeof *ids);
	int seen[16][32];

	(void)state;
	assert_non_null(ids);
	memset(seen, 0, sizeof seen);
	for (int i = 0; i < N; i++) {
		new_ok(1795832102, 500, ids[i]);
		for (int k = 0; k < 16; k++)
			seen[k][strchr(crockford, ids[i][10 + k]) - crockford]++;
	}
	qsort(ids, N, sizeof *ids, cmp_str);
	for (int i = 1; i < N; i++)
		assert_string_not_equal(ids[i - 1], ids[i]);
	/* every random position takes every symbol at least once */
	for (int k = 0; k < 16; k++)
		for (int c = 0; c < 32; c++)
			if (!seen[k][c])
				fail_msg("position %d never shows %c", 10 + k,
					 crockford[c]);
	free(ids);
}

/* Ids made later sort later, whatever their random part. */
static void test_sorts_by_time(void **state)
{
	static const struct { time_t t; int ms; } when[] = {
		{ 0, 0 }, { 0, 1 }, { 0, 31 }, { 0, 32 }, { 0, 999 }, { 1, 0 },
		{ 1000000000, 0 }, { 1795832102, 0 }, { 1795832102, 1 },
		{ 1795832102, 998 }, { 1795832102, 999 }, { 1795832103, 0 },
		{ 1795832103, 1 }, { 4102444800, 0 }, { 281474976710, 654 },
		{ 281474976710, 655 },
	};
	size_t n = sizeof when / sizeof when[0];
	char prev[JF_ID_LEN + 1], cur[JF_ID_LEN + 1];

	(void)state;
	for (int round = 0; round < 50; round++) {
		new_ok(when[0].t, when[0].ms, prev);
		for (size_t i = 1; i < n; i++) {
			new_ok(when[i].t, when[i].ms, cur);
			if (strcmp(prev, cur) >= 0)
				fail_msg("%s does not sort before %s", prev, cur);
			memcpy(prev, cur, sizeof cur);
		}
	}
}

static void test_valid(void **state)
{
	static const char *const good[] = {
		"a", "Z", "0", "_", "-", "XB-017", "01JDZ3K4M5N6P7Q8R9S0T1U2V3",
		"manual_entry-2026", "ILOU", "lower-case-ok",
		"0123456789012345678901234567890123456789012345678901234567890123",
	};
	static const char *const bad[] = {
		"", "a b", "a.b", "a/b", "a\n", " a", "a:b", "\xc3\xa9",
		"id#1", "01JDZ3K4M5N6P7Q8R9S0T1U2V3 ", "a+b",
		"01234567890123456789012345678901234567890123456789012345678901234",
	};

	(void)state;
	for (size_t i = 0; i < sizeof good / sizeof good[0]; i++)
		if (!jf_id_valid(good[i]))
			fail_msg("refused \"%s\"", good[i]);
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		if (jf_id_valid(bad[i]))
			fail_msg("accepted \"%s\"", bad[i]);
	assert_false(jf_id_valid(NULL));
}

/* Every byte, alone and after a valid prefix: only A-Z a-z 0-9 - _ pass. */
static void test_valid_bytes(void **state)
{
	(void)state;
	for (int c = 1; c < 256; c++) {
		bool want = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
			    (c >= '0' && c <= '9') || c == '_' || c == '-';
		char one[2] = { (char)c, 0 }, more[5] = { 'a', 'B', '7', (char)c, 0 };
		if (jf_id_valid(one) != want || jf_id_valid(more) != want)
			fail_msg("byte 0x%02X: want %s", c, want ? "valid" : "invalid");
		/* the reader's form, given the length, at every place */
		if (jf_id_valid_n(one, 1) != want || jf_id_valid_n(more, 4) != want)
			fail_msg("byte 0x%02X (with its length): want %s", c,
				 want ? "valid" : "invalid");
		for (size_t at = 0; at < 64; at += 9) {
			char id[65];
			memset(id, 'Q', 64);
			id[at] = (char)c;
			if (jf_id_valid_n(id, 64) != want)
				fail_msg("byte 0x%02X at %zu: want %s", c, at, want ? "valid" : "invalid");
		}
	}
	/* 1..64 bytes; a NUL among them is not an id byte */
	char id[66];
	memset(id, 'z', sizeof id);
	assert_false(jf_id_valid_n(id, 0));
	assert_true(jf_id_valid_n(id, 1));
	assert_true(jf_id_valid_n(id, 64));
	assert_false(jf_id_valid_n(id, 65));
	id[64] = '\0';
	assert_true(jf_id_valid(id));
	id[64] = 'z';
	id[65] = '\0';
	assert_false(jf_id_valid(id));
	id[3] = '\0';
	assert_false(jf_id_valid_n(id, 8));
}

static struct jf_idkey key_of(const char *s)
{
	return jf_id_key(s, strlen(s));
}

/* Keys are pinned: the same on every machine, build and run. */
static void test_key_pinned(void **state)
{
	static const struct {
		const char *id;
		uint32_t w[3];
	} gold[] = {
		{ "", { 0x7f598b99u, 0x3b819571u, 0x5f652439u } },
		{ "a", { 0x6551bf84u, 0x02dba064u, 0x34ced80eu } },
		{ "XB-017", { 0x3341a1dfu, 0xc9dc0039u, 0xd30d356du } },
		{ "01JDZ3K4M5N6P7Q8R9S0T1U2V3",
		  { 0xc566f160u, 0x897388f1u, 0x9b23597cu } },
		{ "0123456789abcdef", { 0x7cace72du, 0x82e3f191u, 0x6e6ae458u } },
	};

	(void)state;
	for (size_t i = 0; i < sizeof gold / sizeof gold[0]; i++) {
		struct jf_idkey k = key_of(gold[i].id);
		for (int w = 0; w < 3; w++)
			if (k.w[w] != gold[i].w[w])
				fail_msg("key of \"%s\" word %d: %08x", gold[i].id,
					 w, k.w[w]);
	}
}

static void test_key_deterministic(void **state)
{
	char id[JF_ID_LEN + 1], copy[JF_ID_LEN + 1];

	(void)state;
	new_ok(1795832102, 7, id);
	memcpy(copy, id, sizeof id);
	assert_true(jf_idkey_eq(key_of(id), key_of(copy)));
	assert_true(jf_idkey_eq(key_of(id), key_of(id)));
	/* only the first n bytes count */
	assert_true(jf_idkey_eq(jf_id_key("abcdef", 3), key_of("abc")));
	assert_true(jf_idkey_eq(jf_id_key("XB-017 trailing", 6),
				key_of("XB-017")));
	assert_true(jf_idkey_eq(jf_id_key(NULL, 0), key_of("")));
}

static int cmp_key(const void *a, const void *b)
{
	const struct jf_idkey *x = a, *y = b;

	for (int i = 0; i < 3; i++)
		if (x->w[i] != y->w[i])
			return x->w[i] < y->w[i] ? -1 : 1;
	return 0;
}

/* Different ids, different keys: near misses and many generated ids. */
static void test_key_distinct(void **state)
{
	enum { N = 100000 };
	struct jf_idkey *keys = calloc(N, sizeof *keys);
	char id[JF_ID_MAX + 1];
	int n;

	(void)state;
	assert_non_null(keys);
	assert_false(jf_idkey_eq(key_of("a"), key_of("b")));
	assert_false(jf_idkey_eq(key_of("a"), key_of("A")));
	assert_false(jf_idkey_eq(key_of("ab"), key_of("ba")));
	assert_false(jf_idkey_eq(key_of(""), key_of("0")));
	assert_false(jf_idkey_eq(jf_id_key("a", 1), jf_id_key("a\0", 2)));
	assert_false(jf_idkey_eq(key_of("abcdefgh"), key_of("abcdefgh0")));
	assert_false(jf_idkey_eq(key_of("XB-017"), key_of("XB-018")));
	/* sequential ids, the kind hand-made books use */
	for (int i = 0; i < N / 2; i++) {
		n = snprintf(id, sizeof id, "XB-%d", i);
		keys[i] = jf_id_key(id, (size_t)n);
	}
	/* ULIDs of one millisecond, and one bit flips of one ULID */
	for (int i = N / 2; i < N - 26 * 5; i++) {
		new_ok(1795832102, 0, id);
		keys[i] = key_of(id);
	}
	new_ok(1795832102, 1, id);
	for (int i = 0; i < 26; i++)
		for (int b = 0; b < 5; b++) {
			char m[JF_ID_LEN + 1];
			memcpy(m, id, sizeof m);
			m[i] = (char)(m[i] ^ (1 << b));
			keys[N - 26 * 5 + i * 5 + b] = key_of(m);
		}
	qsort(keys, N, sizeof *keys, cmp_key);
	for (int i = 1; i < N; i++)
		if (jf_idkey_eq(keys[i - 1], keys[i]))
			fail_msg("two ids share a key");
	free(keys);
}

/* Flipping one input bit flips about half of the 96 key bits. */
static void test_key_avalanche(void **state)
{
	char id[JF_ID_LEN + 1];
	long flipped = 0, trials = 0;

	(void)state;
	for (int r = 0; r < 200; r++) {
		new_ok(1795832102 + r, r, id);
		struct jf_idkey k = key_of(id);
		for (int i = 0; i < JF_ID_LEN; i++)
			for (int b = 0; b < 8; b++) {
				char m[JF_ID_LEN + 1];
				struct jf_idkey k2;
				memcpy(m, id, sizeof m);
				m[i] = (char)(m[i] ^ (1 << b));
				k2 = key_of(m);
				for (int w = 0; w < 3; w++)
					flipped += __builtin_popcount(k.w[w] ^ k2.w[w]);
				trials++;
			}
	}
	/* expected 48 per trial; allow a generous margin */
	assert_true(flipped > trials * 46 && flipped < trials * 50);
}

/* jf_id_after: the next id in byte order, a ULID for a ULID */
static void test_after(void **state)
{
	(void)state;
	char out[JF_ID_LEN + 1];
	assert_int_equal(jf_id_after("01M7XSW1M0ZMV9TFJBNXFFRJZA", out), 0);
	assert_string_equal(out, "01M7XSW1M0ZMV9TFJBNXFFRJZB");
	assert_int_equal(jf_id_after("01M7XSW1M0ZMV9TFJBNXFFRJZZ", out), 0);
	assert_string_equal(out, "01M7XSW1M0ZMV9TFJBNXFFRK00");
	assert_int_equal(jf_id_after("01M7XSW1M0ZZZZZZZZZZZZZZZZ", out), -1);
	assert_int_equal(jf_id_after("A1", out), 0);
	assert_string_equal(out, "A1-0");
	assert_true(strcmp(out, "A1") > 0);
	assert_int_equal(jf_id_after("01m7xsw1m0zmv9tfjbnxffrjza", out), -1); /* not a ULID, 26 long */
	for (int i = 0; i < 200; i++) {
		char a[JF_ID_LEN + 1], b[JF_ID_LEN + 1];
		assert_int_equal(jf_id_new(1764000000, 0, a), 0);
		assert_int_equal(jf_id_after(a, b), 0);
		assert_true(strcmp(b, a) > 0);
		assert_true(jf_id_valid(b));
		assert_int_equal(memcmp(a, b, 10), 0); /* the same millisecond */
	}
}

/* jf_id_copy: whole, or cut at JF_ID_MAX, always terminated. */
static void test_id_copy(void **state)
{
	(void)state;
	char out[JF_ID_MAX + 1], longer[JF_ID_MAX + 10];
	memset(out, 'x', sizeof out);
	jf_id_copy(out, "01MC18E33G");
	assert_string_equal(out, "01MC18E33G");
	memset(longer, 'a', sizeof longer - 1);
	longer[sizeof longer - 1] = '\0';
	jf_id_copy(out, longer);
	assert_int_equal(strlen(out), JF_ID_MAX);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_id_copy),
		cmocka_unit_test(test_shape),
		cmocka_unit_test(test_after),
		cmocka_unit_test(test_time_prefix),
		cmocka_unit_test(test_bad_time),
		cmocka_unit_test(test_unique),
		cmocka_unit_test(test_sorts_by_time),
		cmocka_unit_test(test_valid),
		cmocka_unit_test(test_valid_bytes),
		cmocka_unit_test(test_key_pinned),
		cmocka_unit_test(test_key_deterministic),
		cmocka_unit_test(test_key_distinct),
		cmocka_unit_test(test_key_avalanche),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
