/* test_points.c - exact decimal points and integer parsing. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "points.h"

static jf_points parse_ok(const char *s)
{
	jf_points p = 12345;
	const char *why = NULL;

	assert_int_equal(jf_points_parse(s, &p, &why), 0);
	return p;
}

static void parse_bad(const char *s)
{
	jf_points p = 777;
	const char *why = NULL;

	assert_int_equal(jf_points_parse(s, &p, &why), -1);
	assert_non_null(why);
	assert_true(strlen(why) > 0);
	assert_int_equal(p, 777); /* untouched */
}

static void test_parse_valid(void **state)
{
	(void)state;
	assert_int_equal(parse_ok("0"), 0);
	assert_int_equal(parse_ok("5"), 500);
	assert_int_equal(parse_ok("-5"), -500);
	assert_int_equal(parse_ok("6.5"), 650);
	assert_int_equal(parse_ok("6.50"), 650);
	assert_int_equal(parse_ok("0.25"), 25);
	assert_int_equal(parse_ok("0.05"), 5);
	assert_int_equal(parse_ok("0.5"), 50);
	assert_int_equal(parse_ok("-0.5"), -50);
	assert_int_equal(parse_ok("-0.01"), -1);
	assert_int_equal(parse_ok("10"), 1000);
	assert_int_equal(parse_ok("100.1"), 10010);
	assert_int_equal(parse_ok("-0"), 0);
	assert_int_equal(parse_ok("0.00"), 0);
	assert_int_equal(parse_ok("1234567.89"), 123456789);
}

static void test_parse_invalid(void **state)
{
	static const char *const bad[] = {
		"", "+5", "05", "00", "-05", "1.", ".5", "-.5", "1.234",
		"1e3", " 5", "5 ", "NO", "-", "--5", "1.2.3", "1,5", "0x10",
		"5-", "1.-5", "1.5 ", "\t5", "five", "٥", "1_000", "+0",
		"0.123", "1.a",
	};

	(void)state;
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		parse_bad(bad[i]);
	parse_bad(NULL);
}

static void test_parse_limits(void **state)
{
	(void)state;
	/* one value: at most 1,000,000,000 points either way */
	assert_true(parse_ok("1000000000") == JF_POINTS_MAX);
	assert_true(parse_ok("-1000000000") == -JF_POINTS_MAX);
	assert_true(parse_ok("999999999.99") == JF_POINTS_MAX - 1);
	assert_true(parse_ok("1000000000.00") == JF_POINTS_MAX);
	parse_bad("1000000000.01");
	parse_bad("-1000000000.01");
	parse_bad("1000000001");
	/* INT64_MAX and INT64_MIN hundredths: no longer values at all */
	parse_bad("92233720368547758.07");
	parse_bad("-92233720368547758.08");
	parse_bad("92233720368547758.08");
	parse_bad("-92233720368547758.09");
	parse_bad("92233720368547759");
	parse_bad("9223372036854775807");
	parse_bad("-9223372036854775808");
	parse_bad("99999999999999999999999999");
}

static void check_fmt(jf_points p, const char *plain, const char *sign)
{
	char buf[JF_POINTS_BUFSZ];

	assert_string_equal(jf_points_format(p, buf), plain);
	assert_string_equal(jf_points_format_signed(p, buf), sign);
}

static void test_format(void **state)
{
	(void)state;
	check_fmt(0, "0", "0");
	check_fmt(500, "5", "+5");
	check_fmt(-500, "-5", "-5");
	check_fmt(650, "6.5", "+6.5");
	check_fmt(25, "0.25", "+0.25");
	check_fmt(5, "0.05", "+0.05");
	check_fmt(-50, "-0.5", "-0.5");
	check_fmt(-1, "-0.01", "-0.01");
	check_fmt(1000, "10", "+10");
	check_fmt(10010, "100.1", "+100.1");
	check_fmt(123456789, "1234567.89", "+1234567.89");
	check_fmt(INT64_MAX, "92233720368547758.07", "+92233720368547758.07");
	check_fmt(INT64_MIN, "-92233720368547758.08", "-92233720368547758.08");
}

static void test_format_returns_buf(void **state)
{
	char buf[JF_POINTS_BUFSZ];

	(void)state;
	assert_ptr_equal(jf_points_format(650, buf), buf);
	assert_ptr_equal(jf_points_format_signed(650, buf), buf);
}

/* Every value parses back from its own text. */
static void test_round_trip(void **state)
{
	static const jf_points vals[] = {
		0, 1, -1, 9, 10, 11, 99, 100, 101, 150, -150, 999, 1001,
		123456, -123456, JF_POINTS_MAX, -JF_POINTS_MAX, JF_POINTS_MAX - 9,
		-JF_POINTS_MAX + 10,
	};
	char buf[JF_POINTS_BUFSZ];

	(void)state;
	for (size_t i = 0; i < sizeof vals / sizeof vals[0]; i++)
		assert_true(parse_ok(jf_points_format(vals[i], buf)) == vals[i]);
	for (jf_points p = -2500; p <= 2500; p += 7)
		assert_true(parse_ok(jf_points_format(p, buf)) == p);
}

static void test_arith(void **state)
{
	jf_points r = 0;
	char buf[JF_POINTS_BUFSZ];

	(void)state;
	/* 0.5 x 3 = 1.5 */
	assert_true(jf_points_mul(parse_ok("0.5"), 3, &r));
	assert_string_equal(jf_points_format(r, buf), "1.5");
	assert_true(jf_points_mul(650, -2, &r));
	assert_int_equal(r, -1300);
	assert_true(jf_points_mul(-500, 0, &r));
	assert_int_equal(r, 0);
	assert_true(jf_points_add(650, -1000, &r));
	assert_string_equal(jf_points_format(r, buf), "-3.5");
	assert_true(jf_points_sub(25, 75, &r));
	assert_string_equal(jf_points_format(r, buf), "-0.5");
	assert_true(jf_points_sub(-50, -50, &r));
	assert_int_equal(r, 0);
	/* 0.1 + 0.2 is 0.3 exactly */
	assert_true(jf_points_add(parse_ok("0.1"), parse_ok("0.2"), &r));
	assert_true(r == parse_ok("0.3"));
}

static void test_overflow(void **state)
{
	jf_points r = 42;
	const jf_points S = JF_POINTS_SUM_MAX, M = JF_POINTS_MAX;

	(void)state;
	assert_false(jf_points_add(INT64_MAX, 1, &r));
	assert_false(jf_points_add(INT64_MIN, -1, &r));
	assert_false(jf_points_sub(INT64_MIN, 1, &r));
	assert_false(jf_points_sub(0, INT64_MIN, &r));
	assert_false(jf_points_sub(INT64_MAX, -1, &r));
	assert_false(jf_points_mul(INT64_MAX, 2, &r));
	assert_false(jf_points_mul(INT64_MIN, -1, &r));
	assert_false(jf_points_mul(INT64_MAX / 2 + 1, 2, &r));
	assert_false(jf_points_mul(-(INT64_MAX / 3) - 1, 3, &r));
	/* sums: at most JF_POINTS_SUM_MAX either way */
	assert_false(jf_points_add(S, 1, &r));
	assert_false(jf_points_add(-S, -1, &r));
	assert_false(jf_points_sub(-S, 1, &r));
	assert_false(jf_points_sub(S, -1, &r));
	assert_false(jf_points_add(INT64_MAX, 0, &r));
	/* one entry's points: at most JF_POINTS_MAX */
	assert_false(jf_points_mul(M, 2, &r));
	assert_false(jf_points_mul(M / 2 + 1, 2, &r));
	assert_false(jf_points_mul(-M, 2, &r));
	assert_false(jf_points_mul(1, M + 1, &r));
	assert_false(jf_points_mul(INT64_MAX, 1, &r));
	assert_false(jf_points_mul(INT64_MIN, 1, &r));
	assert_int_equal(r, 42); /* untouched on overflow */
	assert_true(jf_points_add(S, 0, &r));
	assert_true(r == S);
	assert_true(jf_points_add(-S, 0, &r));
	assert_true(r == -S);
	assert_true(jf_points_add(S - 1, 1, &r));
	assert_true(r == S);
	assert_true(jf_points_sub(-S + 1, 1, &r));
	assert_true(r == -S);
	assert_true(jf_points_add(S, -S, &r));
	assert_true(r == 0);
	assert_true(jf_points_mul(M, 1, &r));
	assert_true(r == M);
	assert_true(jf_points_mul(M, -1, &r));
	assert_true(r == -M);
	assert_true(jf_points_mul(M / 2, 2, &r));
	assert_true(r == M);
	assert_true(jf_points_mul(1, M, &r));
	assert_true(r == M);
}

static void test_valid_neg(void **state)
{
	(void)state;
	assert_true(jf_points_valid(0));
	assert_true(jf_points_valid(JF_POINTS_MAX));
	assert_true(jf_points_valid(-JF_POINTS_MAX));
	assert_false(jf_points_valid(JF_POINTS_MAX + 1));
	assert_false(jf_points_valid(-JF_POINTS_MAX - 1));
	assert_false(jf_points_valid(INT64_MIN));
	assert_false(jf_points_valid(INT64_MAX));
	assert_true(jf_points_neg(650) == -650);
	assert_true(jf_points_neg(-JF_POINTS_MAX) == JF_POINTS_MAX);
	assert_true(jf_points_neg(INT64_MAX) == -INT64_MAX);
	/* no signed overflow: INT64_MIN stays out of every bound */
	assert_true(jf_points_neg(INT64_MIN) == INT64_MIN);
	assert_false(jf_points_valid(jf_points_neg(INT64_MIN)));
}

/* The tally of a book: |points| summed, at most JF_POINTS_SUM_MAX. */
static void test_tally(void **state)
{
	const jf_points S = JF_POINTS_SUM_MAX, M = JF_POINTS_MAX;
	jf_points t = 0;

	(void)state;
	assert_true(jf_points_tally(&t, 650));
	assert_true(jf_points_tally(&t, -650));
	assert_true(t == 1300);
	assert_true(jf_points_tally(&t, 0));
	assert_true(t == 1300);
	/* values beyond one entry's bound are refused, the tally untouched */
	assert_false(jf_points_tally(&t, M + 1));
	assert_false(jf_points_tally(&t, -M - 1));
	assert_false(jf_points_tally(&t, INT64_MIN));
	assert_false(jf_points_tally(&t, INT64_MAX));
	assert_true(t == 1300);
	/* up to the bound exactly: S / M entries of M, either sign */
	t = 0;
	for (jf_points i = 0; i < S / M; i++)
		assert_true(jf_points_tally(&t, i % 2 ? M : -M));
	assert_true(t == S);
	assert_false(jf_points_tally(&t, 1));
	assert_false(jf_points_tally(&t, -1));
	assert_true(t == S);
	assert_true(jf_points_tally(&t, 0));
	/* a tally already out of range stays refused */
	t = INT64_MAX;
	assert_false(jf_points_tally(&t, 1));
	assert_true(t == INT64_MAX);
}

static void test_int_parse(void **state)
{
	int64_t v = 0;
	const char *why = NULL;

	(void)state;
	assert_int_equal(jf_int_parse("0", 0, 10, &v, &why), 0);
	assert_int_equal(v, 0);
	assert_int_equal(jf_int_parse("7", 1, 10, &v, &why), 0);
	assert_int_equal(v, 7);
	assert_int_equal(jf_int_parse("-3", -5, 5, &v, &why), 0);
	assert_int_equal(v, -3);
	assert_int_equal(jf_int_parse("9223372036854775807", INT64_MIN,
				      INT64_MAX, &v, &why), 0);
	assert_true(v == INT64_MAX);
	assert_int_equal(jf_int_parse("-9223372036854775808", INT64_MIN,
				      INT64_MAX, &v, &why), 0);
	assert_true(v == INT64_MIN);
	assert_int_equal(jf_int_parse("10", 1, 10, &v, &why), 0);
	assert_int_equal(v, 10);
}

static void test_int_parse_bad(void **state)
{
	static const char *const bad[] = {
		"", "+5", "05", "00", "-05", "1.", ".5", "1.5", "1e3", " 5",
		"5 ", "NO", "-", "0x1", "12a",
	};
	int64_t v = 99;
	const char *why;

	(void)state;
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		why = NULL;
		assert_int_equal(jf_int_parse(bad[i], INT64_MIN, INT64_MAX,
					      &v, &why), -1);
		assert_non_null(why);
	}
	why = NULL;
	assert_int_equal(jf_int_parse(NULL, 0, 1, &v, &why), -1);
	assert_non_null(why);
	/* range */
	assert_int_equal(jf_int_parse("11", 1, 10, &v, &why), -1);
	assert_int_equal(jf_int_parse("0", 1, 10, &v, &why), -1);
	assert_int_equal(jf_int_parse("-6", -5, 5, &v, &why), -1);
	assert_int_equal(jf_int_parse("9223372036854775808", INT64_MIN,
				      INT64_MAX, &v, &why), -1);
	assert_int_equal(jf_int_parse("-9223372036854775809", INT64_MIN,
				      INT64_MAX, &v, &why), -1);
	assert_int_equal(jf_int_parse("99999999999999999999", INT64_MIN,
				      INT64_MAX, &v, &why), -1);
	assert_int_equal(v, 99); /* untouched */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_valid),
		cmocka_unit_test(test_parse_invalid),
		cmocka_unit_test(test_parse_limits),
		cmocka_unit_test(test_format),
		cmocka_unit_test(test_format_returns_buf),
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_arith),
		cmocka_unit_test(test_overflow),
		cmocka_unit_test(test_valid_neg),
		cmocka_unit_test(test_tally),
		cmocka_unit_test(test_int_parse),
		cmocka_unit_test(test_int_parse_bad),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
