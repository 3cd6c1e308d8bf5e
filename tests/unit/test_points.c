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
	/* INT64_MAX hundredths and INT64_MIN hundredths exactly. */
	assert_true(parse_ok("92233720368547758.07") == INT64_MAX);
	assert_true(parse_ok("-92233720368547758.08") == INT64_MIN);
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
		123456, -123456, INT64_MAX, INT64_MIN, INT64_MAX - 9,
		INT64_MIN + 10,
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
	assert_int_equal(r, 42); /* untouched on overflow */
	assert_true(jf_points_add(INT64_MAX, 0, &r));
	assert_true(r == INT64_MAX);
	assert_true(jf_points_add(INT64_MAX, INT64_MIN, &r));
	assert_true(r == -1);
	assert_true(jf_points_mul(INT64_MAX, 1, &r));
	assert_true(r == INT64_MAX);
	assert_true(jf_points_mul(INT64_MIN, 1, &r));
	assert_true(r == INT64_MIN);
	assert_true(jf_points_mul(INT64_MAX, -1, &r));
	assert_true(r == -INT64_MAX);
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
		cmocka_unit_test(test_int_parse),
		cmocka_unit_test(test_int_parse_bad),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
