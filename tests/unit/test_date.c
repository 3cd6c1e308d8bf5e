/* test_date.c - civil dates, ISO weeks, periods, zones and JF_NOW.
 *
 * The C library's gmtime_r()/strftime() serve as an independent oracle
 * for the integer calendar arithmetic.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "date.h"

static jf_date D(const char *s)
{
	jf_date d = 0;
	const char *why = NULL;

	if (jf_date_parse(s, &d, &why) != 0)
		fail_msg("cannot parse %s: %s", s, why);
	return d;
}

static void assert_date(jf_date d, const char *want)
{
	char buf[JF_DATE_BUFSZ];

	assert_string_equal(jf_date_format(d, buf), want);
}

/* Seconds since the epoch of a UTC civil time (test oracle: timegm). */
static time_t utc(int y, int mo, int d, int h, int mi, int s)
{
	struct tm tm;

	memset(&tm, 0, sizeof tm);
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_sec = s;
	return timegm(&tm);
}

static void test_parse_format(void **state)
{
	jf_date d = 0;
	const char *why = NULL;

	(void)state;
	assert_int_equal(D("1970-01-01"), 0);
	assert_int_equal(D("1970-01-02"), 1);
	assert_int_equal(D("1969-12-31"), -1);
	assert_int_equal(D("2000-03-01") - D("2000-02-28"), 2);
	assert_int_equal(D("1900-03-01") - D("1900-02-28"), 1);
	assert_int_equal(D("2026-11-28"), 20785);
	assert_date(D("2026-11-28"), "2026-11-28");
	assert_date(D("1000-01-01"), "1000-01-01");
	assert_date(D("9999-12-31"), "9999-12-31");
	assert_date(D("2024-02-29"), "2024-02-29");
	assert_date(D("2000-02-29"), "2000-02-29");
	assert_date(0, "1970-01-01");
	assert_int_equal(jf_date_parse("2026-11-28", &d, &why), 0);
	assert_int_equal(d, jf_date_from_ymd(2026, 11, 28));
	/* Out of the writable range, JF_DATE_NONE included. */
	assert_date(JF_DATE_NONE, "\?\?\?\?-\?\?-\?\?");
	assert_date(jf_date_from_ymd(10000, 1, 1), "\?\?\?\?-\?\?-\?\?");
	assert_date(jf_date_from_ymd(0, 1, 1), "0000-01-01");
}

static void test_parse_refused(void **state)
{
	static const char *const bad[] = {
		"2026-02-29", "1900-02-29", "2026-1-5", "2026-01-5",
		"2026-1-05", "0999-12-31", "0000-01-01", "2026-13-01",
		"2026-00-10", "2026-04-31", "2026-01-00", "2026-01-32",
		"2026/01/05", "2026-01-05 ", " 2026-01-05", "20260105", "",
		"+2026-01-05", "-2026-01-05", "2026-01-05T00:00:00Z",
		"26-01-05", "12026-01-05", "2026-0a-05", "2026-01-0\xd9",
		"NO", "yesterday",
	};
	jf_date d = 4242;
	const char *why;

	(void)state;
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		why = NULL;
		if (jf_date_parse(bad[i], &d, &why) != -1)
			fail_msg("accepted \"%s\"", bad[i]);
		assert_non_null(why);
	}
	assert_int_equal(jf_date_parse(NULL, &d, &why), -1);
	assert_int_equal(d, 4242);
}

/* Every day of years 1000..9999 against gmtime_r, text round trip too. */
static void test_round_trip_wide(void **state)
{
	jf_date first = jf_date_from_ymd(1000, 1, 1);
	jf_date last = jf_date_from_ymd(9999, 12, 31);
	int py = 999, pm = 12, pd = 31;

	(void)state;
	for (jf_date d = first; d <= last; d++) {
		int y, m, day;
		struct tm tm;
		time_t t = (time_t)d * 86400;
		char buf[JF_DATE_BUFSZ];
		jf_date back;
		const char *why;

		jf_date_to_ymd(d, &y, &m, &day);
		assert_non_null(gmtime_r(&t, &tm));
		if (y != tm.tm_year + 1900 || m != tm.tm_mon + 1 ||
		    day != tm.tm_mday)
			fail_msg("day %d: %d-%d-%d", (int)d, y, m, day);
		assert_int_equal(jf_date_from_ymd(y, m, day), d);
		/* each day follows the previous one */
		if (day == 1) {
			assert_true((m == 1 && pm == 12 && y == py + 1) ||
				    (m == pm + 1 && y == py));
		} else {
			assert_true(day == pd + 1 && m == pm && y == py);
		}
		py = y;
		pm = m;
		pd = day;
		if (jf_date_weekday(d) != (tm.tm_wday == 0 ? 7 : tm.tm_wday))
			fail_msg("weekday of day %d", (int)d);
		if (d % 97 == 0 || m == 2) {
			assert_int_equal(jf_date_parse(jf_date_format(d, buf),
						       &back, &why), 0);
			assert_int_equal(back, d);
		}
	}
	assert_true(py == 9999 && pm == 12 && pd == 31);
}

/* Far outside the parsers' range the arithmetic still round-trips. */
static void test_round_trip_extreme(void **state)
{
	static const jf_date ds[] = {
		INT32_MIN + 1, -1000000000, -719468, -719469, -1, 0,
		1000000000, INT32_MAX,
	};

	(void)state;
	for (size_t i = 0; i < sizeof ds / sizeof ds[0]; i++) {
		int y, m, d;

		jf_date_to_ymd(ds[i], &y, &m, &d);
		assert_true(m >= 1 && m <= 12 && d >= 1 && d <= 31);
		assert_int_equal(jf_date_from_ymd(y, m, d), ds[i]);
	}
}

static void test_weekday(void **state)
{
	(void)state;
	assert_int_equal(jf_date_weekday(D("1970-01-01")), 4);
	assert_int_equal(jf_date_weekday(D("1969-12-31")), 3);
	assert_int_equal(jf_date_weekday(D("1969-12-29")), 1);
	assert_int_equal(jf_date_weekday(D("2026-11-28")), 6);
	assert_int_equal(jf_date_weekday(D("2026-12-28")), 1);
	assert_int_equal(jf_date_weekday(D("2027-01-03")), 7);
	assert_int_equal(jf_date_weekday(D("2000-01-01")), 6);
	assert_int_equal(jf_date_weekday(D("1000-01-01")), 3);
}

static void assert_isoweek(const char *date, int want_y, int want_w)
{
	int y = 0, w = 0;

	jf_date_isoweek(D(date), &y, &w);
	if (y != want_y || w != want_w)
		fail_msg("%s: %d-W%02d, want %d-W%02d", date, y, w, want_y,
			 want_w);
}

static void test_isoweek(void **state)
{
	(void)state;
	assert_isoweek("2026-12-28", 2026, 53);
	assert_isoweek("2026-12-31", 2026, 53);
	assert_isoweek("2027-01-01", 2026, 53);
	assert_isoweek("2027-01-03", 2026, 53);
	assert_isoweek("2027-01-04", 2027, 1);
	assert_isoweek("2026-12-27", 2026, 52);
	assert_isoweek("2025-12-29", 2026, 1);
	assert_isoweek("2026-01-01", 2026, 1);
	assert_isoweek("2026-11-28", 2026, 48);
	assert_isoweek("2020-12-28", 2020, 53);
	assert_isoweek("2021-01-03", 2020, 53);
	assert_isoweek("2021-01-04", 2021, 1);
	assert_isoweek("2024-12-30", 2025, 1);
	assert_isoweek("2025-12-28", 2025, 52);
	assert_isoweek("2015-12-31", 2015, 53);
	assert_isoweek("2016-01-03", 2015, 53);
	assert_isoweek("1969-12-29", 1970, 1);
}

/* ISO weeks of every day 1900..2200 against strftime's %G and %V. */
static void test_isoweek_oracle(void **state)
{
	jf_date first = jf_date_from_ymd(1900, 1, 1);
	jf_date last = jf_date_from_ymd(2200, 12, 31);

	(void)state;
	for (jf_date d = first; d <= last; d++) {
		time_t t = (time_t)d * 86400;
		struct tm tm;
		char want[16], got[16];
		int y, w;
		jf_date mon;

		assert_non_null(gmtime_r(&t, &tm));
		assert_true(strftime(want, sizeof want, "%G-W%V", &tm) > 0);
		jf_date_isoweek(d, &y, &w);
		snprintf(got, sizeof got, "%d-W%02d", y, w);
		if (strcmp(want, got) != 0)
			fail_msg("day %d: %s, want %s", (int)d, got, want);
		assert_int_equal(jf_date_from_isoweek(y, w, &mon), 0);
		assert_true(mon <= d && d <= mon + 6);
		assert_int_equal(jf_date_weekday(mon), 1);
	}
}

static void test_from_isoweek(void **state)
{
	jf_date mon = 1234;

	(void)state;
	assert_int_equal(jf_date_from_isoweek(2026, 53, &mon), 0);
	assert_date(mon, "2026-12-28");
	assert_int_equal(jf_date_from_isoweek(2027, 1, &mon), 0);
	assert_date(mon, "2027-01-04");
	assert_int_equal(jf_date_from_isoweek(2026, 1, &mon), 0);
	assert_date(mon, "2025-12-29");
	assert_int_equal(jf_date_from_isoweek(2020, 53, &mon), 0);
	assert_date(mon, "2020-12-28");
	mon = 1234;
	assert_int_equal(jf_date_from_isoweek(2025, 53, &mon), -1);
	assert_int_equal(jf_date_from_isoweek(2027, 53, &mon), -1);
	assert_int_equal(jf_date_from_isoweek(2026, 54, &mon), -1);
	assert_int_equal(jf_date_from_isoweek(2026, 0, &mon), -1);
	assert_int_equal(jf_date_from_isoweek(2026, -1, &mon), -1);
	assert_int_equal(mon, 1234);
}

static void check_week(const char *s, const char *from, const char *to)
{
	jf_date f = 0, t = 0;
	const char *why = NULL;

	if (jf_week_parse(s, &f, &t, &why) != 0)
		fail_msg("%s refused: %s", s, why);
	assert_date(f, from);
	assert_date(t, to);
}

static void test_week_parse(void **state)
{
	static const char *const bad[] = {
		"2025-W53", "2027-W53", "2026-W54", "2026-W00", "2026-W1",
		"2026W01", "2026-w01", "2026-W01 ", " 2026-W01", "2026-01",
		"0999-W01", "2026-W-1", "2026-Wab", "", "2026-W001",
		"2026-11-28", "this", "last",
	};
	jf_date f = 5, t = 6;
	const char *why;

	(void)state;
	check_week("2026-W53", "2026-12-28", "2027-01-03");
	check_week("2027-W01", "2027-01-04", "2027-01-10");
	check_week("2026-W01", "2025-12-29", "2026-01-04");
	check_week("2020-W53", "2020-12-28", "2021-01-03");
	check_week("2026-W48", "2026-11-23", "2026-11-29");
	check_week("2025-W01", "2024-12-30", "2025-01-05");
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		why = NULL;
		if (jf_week_parse(bad[i], &f, &t, &why) != -1)
			fail_msg("accepted \"%s\"", bad[i]);
		assert_non_null(why);
	}
	assert_int_equal(jf_week_parse(NULL, &f, &t, &why), -1);
	assert_int_equal(f, 5);
	assert_int_equal(t, 6);
}

static void check_month(const char *s, const char *from, const char *to)
{
	jf_date f = 0, t = 0;
	const char *why = NULL;

	if (jf_month_parse(s, &f, &t, &why) != 0)
		fail_msg("%s refused: %s", s, why);
	assert_date(f, from);
	assert_date(t, to);
}

static void test_month_parse(void **state)
{
	static const char *const bad[] = {
		"2026-13", "2026-00", "2026-1", "202601", "0999-01",
		"2026-01 ", "2026-01-01", "2026/01", "", "2026-W01",
	};
	jf_date f = 5, t = 6;
	const char *why;

	(void)state;
	check_month("2026-01", "2026-01-01", "2026-01-31");
	check_month("2026-02", "2026-02-01", "2026-02-28");
	check_month("2024-02", "2024-02-01", "2024-02-29");
	check_month("2000-02", "2000-02-01", "2000-02-29");
	check_month("1900-02", "1900-02-01", "1900-02-28");
	check_month("2026-04", "2026-04-01", "2026-04-30");
	check_month("2026-12", "2026-12-01", "2026-12-31");
	check_month("9999-12", "9999-12-01", "9999-12-31");
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		why = NULL;
		if (jf_month_parse(bad[i], &f, &t, &why) != -1)
			fail_msg("accepted \"%s\"", bad[i]);
		assert_non_null(why);
	}
	assert_int_equal(f, 5);
	assert_int_equal(t, 6);
}

/* Quarters and years; weeks reaching outside 1000..9999 are refused. */
static void test_quarter_year_parse(void **state)
{
	static const char *const badq[] = {
		"2026-Q0", "2026-Q5", "2026-q1", "2026Q1", "2026-Q", "0999-Q4", "2026-Q1 ", "",
	};
	static const char *const bady[] = { "26", "0999", "2026 ", "20266", "", "２０２６" };
	jf_date f = 0, t = 0;
	const char *why;

	(void)state;
	assert_int_equal(jf_quarter_parse("2026-Q1", &f, &t, &why), 0);
	assert_date(f, "2026-01-01");
	assert_date(t, "2026-03-31");
	assert_int_equal(jf_quarter_parse("2026-Q4", &f, &t, &why), 0);
	assert_date(f, "2026-10-01");
	assert_date(t, "2026-12-31");
	assert_int_equal(jf_quarter_parse("9999-Q4", &f, &t, &why), 0);
	assert_date(t, "9999-12-31");
	for (size_t i = 0; i < sizeof badq / sizeof badq[0]; i++)
		if (jf_quarter_parse(badq[i], &f, &t, &why) != -1)
			fail_msg("accepted \"%s\"", badq[i]);
	assert_int_equal(jf_year_parse("2024", &f, &t, &why), 0);
	assert_date(f, "2024-01-01");
	assert_date(t, "2024-12-31");
	assert_int_equal(jf_year_parse("1000", &f, &t, &why), 0);
	assert_date(f, "1000-01-01");
	assert_int_equal(f, JF_DATE_FIRST);
	assert_int_equal(jf_year_parse("9999", &f, &t, &why), 0);
	assert_int_equal(t, JF_DATE_LAST);
	for (size_t i = 0; i < sizeof bady / sizeof bady[0]; i++)
		if (jf_year_parse(bady[i], &f, &t, &why) != -1)
			fail_msg("accepted \"%s\"", bady[i]);
	/* 9999-W52 ends on 10000-01-02, 1000-W01 starts on 0999-12-30 */
	assert_int_equal(jf_week_parse("9999-W52", &f, &t, &why), -1);
	assert_string_equal(why, "the week ends after 9999-12-31, the last day jf takes");
	assert_int_equal(jf_week_parse("1000-W01", &f, &t, &why), -1);
	assert_string_equal(why, "the week starts before 1000-01-01, the first day jf takes");
	assert_int_equal(jf_week_parse("9999-W51", &f, &t, &why), 0);
	assert_int_equal(jf_week_parse("1000-W02", &f, &t, &why), 0);
}

static void check_bounds(enum jf_period_unit u, const char *d,
			 const char *from, const char *to)
{
	jf_date f = 0, t = 0;

	jf_period_bounds(u, D(d), &f, &t);
	assert_date(f, from);
	assert_date(t, to);
}

static void test_period_bounds(void **state)
{
	(void)state;
	check_bounds(JF_PER_DAY, "2026-11-28", "2026-11-28", "2026-11-28");
	check_bounds(JF_PER_WEEK, "2026-11-28", "2026-11-23", "2026-11-29");
	check_bounds(JF_PER_WEEK, "2026-11-23", "2026-11-23", "2026-11-29");
	check_bounds(JF_PER_WEEK, "2026-11-29", "2026-11-23", "2026-11-29");
	check_bounds(JF_PER_WEEK, "2027-01-03", "2026-12-28", "2027-01-03");
	check_bounds(JF_PER_WEEK, "2027-01-01", "2026-12-28", "2027-01-03");
	check_bounds(JF_PER_WEEK, "1970-01-01", "1969-12-29", "1970-01-04");
	check_bounds(JF_PER_MONTH, "2024-02-15", "2024-02-01", "2024-02-29");
	check_bounds(JF_PER_MONTH, "2026-02-28", "2026-02-01", "2026-02-28");
	check_bounds(JF_PER_MONTH, "2026-12-31", "2026-12-01", "2026-12-31");
	check_bounds(JF_PER_MONTH, "2026-01-01", "2026-01-01", "2026-01-31");
	/* calendar years, not ISO years */
	check_bounds(JF_PER_YEAR, "2027-01-02", "2027-01-01", "2027-12-31");
	check_bounds(JF_PER_QUARTER, "2026-11-28", "2026-10-01", "2026-12-31");
	check_bounds(JF_PER_QUARTER, "2026-01-01", "2026-01-01", "2026-03-31");
	check_bounds(JF_PER_QUARTER, "2024-06-30", "2024-04-01", "2024-06-30");
	check_bounds(JF_PER_QUARTER, "2026-09-30", "2026-07-01", "2026-09-30");
	check_bounds(JF_PER_YEAR, "2024-02-29", "2024-01-01", "2024-12-31");
}

static void test_tz_valid(void **state)
{
	static const char *const bad[] = {
		"", "../etc/passwd", "Asia/../Asia/Shanghai", "/etc/localtime",
		"Asia/Shanghai/", "Asia//Shanghai", "Asia/Shang hai",
		"Asia/Shanghai\n", "Asia.Shanghai", "Asia/Shanghai;rm",
		":Asia/Shanghai", "No/Such_Zone", "Asia", "leapseconds",
		"zone.tab", "Asia/Shanghai ",
	};

	(void)state;
	assert_true(jf_tz_valid("UTC"));
	assert_false(jf_tz_valid(NULL));
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		if (jf_tz_valid(bad[i]))
			fail_msg("accepted \"%s\"", bad[i]);
	if (!jf_tz_valid("Asia/Shanghai"))
		skip(); /* no tzdata installed */
	assert_true(jf_tz_valid("Etc/GMT+8"));
	assert_true(jf_tz_valid("America/Port-au-Prince"));
	assert_true(jf_tz_valid("America/Argentina/Buenos_Aires"));
}

/* Copy the file at from to to; true on success. */
static int copy_file(const char *from, const char *to)
{
	char buf[4096];
	int in, out, ok = 1;
	ssize_t n;

	in = open(from, O_RDONLY);
	if (in < 0)
		return 0;
	out = open(to, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (out < 0) {
		close(in);
		return 0;
	}
	while ((n = read(in, buf, sizeof buf)) > 0)
		if (write(out, buf, (size_t)n) != n)
			ok = 0;
	if (n < 0)
		ok = 0;
	if (close(out) != 0)
		ok = 0;
	close(in);
	return ok;
}

/* $TZDIR, when set, is where zones are looked up (as the C library does). */
static void test_tz_dir(void **state)
{
	char dir[] = "/tmp/jf-tzdir-XXXXXX";
	char sub[64], zone[96];
	jf_date d = 0;

	(void)state;
	if (!jf_tz_valid("Asia/Shanghai"))
		skip();
	assert_non_null(mkdtemp(dir));
	snprintf(sub, sizeof sub, "%s/Test", dir);
	snprintf(zone, sizeof zone, "%s/Test/Eight", dir);
	assert_int_equal(mkdir(sub, 0755), 0);
	assert_true(copy_file("/usr/share/zoneinfo/Asia/Shanghai", zone));
	assert_int_equal(setenv("TZDIR", dir, 1), 0);
	assert_true(jf_tz_valid("Test/Eight"));
	assert_false(jf_tz_valid("Asia/Shanghai"));
	assert_true(jf_tz_valid("UTC"));
	assert_int_equal(jf_date_in_tz(utc(2026, 11, 28, 16, 0, 0),
				       "Test/Eight", &d), 0);
	assert_date(d, "2026-11-29");
	assert_int_equal(setenv("TZDIR", "", 1), 0);
	assert_true(jf_tz_valid("Asia/Shanghai"));
	assert_false(jf_tz_valid("Test/Eight"));
	assert_int_equal(unsetenv("TZDIR"), 0);
	assert_int_equal(unlink(zone), 0);
	assert_int_equal(rmdir(sub), 0);
	assert_int_equal(rmdir(dir), 0);
}

static void test_date_in_tz(void **state)
{
	jf_date d = 0;

	(void)state;
	assert_int_equal(jf_date_in_tz(utc(2026, 11, 28, 15, 59, 59), "UTC",
				       &d), 0);
	assert_date(d, "2026-11-28");
	assert_int_equal(jf_date_in_tz(utc(2026, 11, 28, 23, 59, 59), "UTC",
				       &d), 0);
	assert_date(d, "2026-11-28");
	assert_int_equal(jf_date_in_tz(utc(2026, 11, 29, 0, 0, 0), "UTC",
				       &d), 0);
	assert_date(d, "2026-11-29");
	assert_int_equal(jf_date_in_tz(-1, "UTC", &d), 0);
	assert_date(d, "1969-12-31");
	d = 77;
	assert_int_equal(jf_date_in_tz(0, "No/Such_Zone", &d), -1);
	assert_int_equal(jf_date_in_tz(0, "../../etc/passwd", &d), -1);
	assert_int_equal(jf_date_in_tz(0, NULL, &d), -1);
	assert_int_equal(d, 77);
	if (!jf_tz_valid("Asia/Shanghai"))
		skip();
	/* 16:00 UTC is midnight in Shanghai (+08:00, no DST). */
	assert_int_equal(jf_date_in_tz(utc(2026, 11, 28, 15, 59, 59),
				       "Asia/Shanghai", &d), 0);
	assert_date(d, "2026-11-28");
	assert_int_equal(jf_date_in_tz(utc(2026, 11, 28, 16, 0, 0),
				       "Asia/Shanghai", &d), 0);
	assert_date(d, "2026-11-29");
	/* New Year's Eve: already 2027 in Shanghai, still 2026 in UTC. */
	assert_int_equal(jf_date_in_tz(utc(2026, 12, 31, 17, 30, 0),
				       "Asia/Shanghai", &d), 0);
	assert_date(d, "2027-01-01");
	assert_int_equal(jf_date_in_tz(utc(2026, 12, 31, 17, 30, 0), "UTC",
				       &d), 0);
	assert_date(d, "2026-12-31");
	/* West of Greenwich the date lags. */
	assert_int_equal(jf_date_in_tz(utc(2026, 7, 1, 3, 0, 0),
				       "America/New_York", &d), 0);
	assert_date(d, "2026-06-30");
}

/* The caller's TZ is put back, whether it was set or not. */
static void test_tz_restored(void **state)
{
	jf_date d;
	char buf[32];
	struct tm tm;
	time_t t = utc(2026, 7, 1, 12, 0, 0);

	(void)state;
	if (!jf_tz_valid("Asia/Shanghai"))
		skip();
	assert_int_equal(setenv("TZ", "America/New_York", 1), 0);
	tzset();
	assert_int_equal(jf_date_in_tz(t, "Asia/Shanghai", &d), 0);
	assert_int_equal(jf_time_format_tz(t, "Asia/Shanghai", buf,
					   sizeof buf), 0);
	assert_string_equal(getenv("TZ"), "America/New_York");
	assert_non_null(localtime_r(&t, &tm));
	assert_int_equal(tm.tm_hour, 8); /* EDT, -04:00 */
	assert_int_equal(unsetenv("TZ"), 0);
	tzset();
	assert_int_equal(jf_date_in_tz(t, "Asia/Shanghai", &d), 0);
	assert_null(getenv("TZ"));
}

static void check_fmt(time_t t, const char *tz, const char *want)
{
	char buf[32];
	time_t back = 0;
	const char *why = NULL;

	memset(buf, 'x', sizeof buf);
	if (jf_time_format_tz(t, tz, buf, sizeof buf) != 0)
		fail_msg("cannot format %lld in %s", (long long)t, tz);
	assert_string_equal(buf, want);
	assert_int_equal(jf_timestamp_check(buf, &why), 0);
	/* The text names the same instant. */
	assert_int_equal(setenv("JF_NOW", buf, 1), 0);
	assert_int_equal(jf_now(&back, &why), 0);
	assert_int_equal(unsetenv("JF_NOW"), 0);
	assert_true(back == t);
}

static void test_time_format(void **state)
{
	time_t t = utc(2026, 11, 28, 2, 15, 2);
	char small[26];

	(void)state;
	/* UTC is written "+00:00", never "Z". */
	check_fmt(t, "UTC", "2026-11-28T02:15:02+00:00");
	check_fmt(0, "UTC", "1970-01-01T00:00:00+00:00");
	check_fmt(-1, "UTC", "1969-12-31T23:59:59+00:00");
	/* 25 characters and the NUL: one byte less is refused. */
	assert_int_equal(jf_time_format_tz(t, "UTC", small, 25), -1);
	assert_int_equal(jf_time_format_tz(t, "UTC", small, sizeof small), 0);
	assert_string_equal(small, "2026-11-28T02:15:02+00:00");
	assert_int_equal(jf_time_format_tz(t, "No/Such_Zone", small,
					   sizeof small), -1);
	assert_int_equal(jf_time_format_tz(t, NULL, small, sizeof small), -1);
	if (!jf_tz_valid("Asia/Shanghai"))
		skip();
	check_fmt(t, "Asia/Shanghai", "2026-11-28T10:15:02+08:00");
	check_fmt(utc(2026, 11, 28, 16, 0, 0), "Asia/Shanghai",
		  "2026-11-29T00:00:00+08:00");
	check_fmt(t, "Etc/UTC", "2026-11-28T02:15:02+00:00");
	check_fmt(utc(2026, 1, 15, 12, 0, 0), "America/St_Johns",
		  "2026-01-15T08:30:00-03:30");
	check_fmt(utc(2026, 7, 15, 12, 0, 0), "America/St_Johns",
		  "2026-07-15T09:30:00-02:30");
	check_fmt(utc(2026, 1, 15, 12, 0, 0), "Asia/Kolkata",
		  "2026-01-15T17:30:00+05:30");
	check_fmt(utc(2026, 1, 15, 12, 0, 0), "Asia/Kathmandu",
		  "2026-01-15T17:45:00+05:45");
	/* Local mean time +08:05:43 is cut to whole minutes: still exact. */
	check_fmt(utc(1900, 1, 1, 0, 0, 0), "Asia/Shanghai",
		  "1900-01-01T08:05:00+08:05");
}

static void test_digits(void **state)
{
	int v = 77;
	(void)state;
	assert_true(jf_digits("2026-", 4, &v));
	assert_int_equal(v, 2026);
	assert_true(jf_digits("0007", 4, &v));
	assert_int_equal(v, 7);
	assert_true(jf_digits("x", 0, &v));
	assert_int_equal(v, 0);
	assert_true(jf_digits("999999999", 9, &v));
	assert_int_equal(v, 999999999);
	v = 77;
	assert_false(jf_digits("20a6", 4, &v));
	assert_false(jf_digits("12", 3, &v));   /* the NUL is not a digit */
	assert_false(jf_digits("-1", 2, &v));
	assert_false(jf_digits(" 1", 2, &v));
	assert_int_equal(v, 77);
}

static void test_timestamp_check(void **state)
{
	static const char *const good[] = {
		"2026-11-28T10:15:02+08:00", "2026-11-28T02:15:02Z",
		"2026-11-28T02:15:02+00:00", "2026-11-28T02:15:02-00:00",
		"2026-01-15T08:30:00-03:30", "2024-02-29T23:59:59Z",
		"2016-12-31T23:59:60Z", "1000-01-01T00:00:00+23:59",
	};
	static const char *const bad[] = {
		"", "2026-11-28", "2026-11-28T10:15:02", "2026-11-28 10:15:02Z",
		"2026-11-28t10:15:02Z", "2026-11-28T10:15:02z",
		"2026-11-28T24:00:00Z", "2026-11-28T10:60:00Z",
		"2026-11-28T10:15:61Z", "2026-02-29T00:00:00Z",
		"2026-11-28T10:15:02+0800", "2026-11-28T10:15:02+08",
		"2026-11-28T10:15:02+24:00", "2026-11-28T10:15:02+08:60",
		"2026-11-28T10:15:02.5Z", "2026-11-28T10:15:02Z ",
		" 2026-11-28T10:15:02Z", "2026-11-28T10:15Z",
		"2026-11-28T1:15:02Z", "0999-11-28T10:15:02Z",
		"2026-11-28T10:15:02+08:00x", "2026-11-28T10:15:02 +08:00",
		"now", "NO",
	};
	const char *why;

	(void)state;
	for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
		why = NULL;
		if (jf_timestamp_check(good[i], &why) != 0)
			fail_msg("refused \"%s\": %s", good[i], why);
	}
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		why = NULL;
		if (jf_timestamp_check(bad[i], &why) != -1)
			fail_msg("accepted \"%s\"", bad[i]);
		assert_non_null(why);
	}
	why = NULL;
	assert_int_equal(jf_timestamp_check(NULL, &why), -1);
	assert_non_null(why);
}

static void check_now(const char *env, time_t want)
{
	time_t t = 0;
	const char *why = NULL;

	assert_int_equal(setenv("JF_NOW", env, 1), 0);
	if (jf_now(&t, &why) != 0)
		fail_msg("JF_NOW=%s refused: %s", env, why);
	assert_true(t == want);
}

/* Every byte of a good date and time replaced by every other byte: the
 * word-at-a-time form checks take exactly what a byte-by-byte reading of
 * the forms takes (digits where digits go, '-', 'T', ':' where they go),
 * and read the same figures. */
static bool ref_digit(char c)
{
	return c >= '0' && c <= '9';
}

static int ref_num(const char *s, int n)
{
	int v = 0;
	for (int i = 0; i < n; i++)
		v = v * 10 + s[i] - '0';
	return v;
}

static bool ref_date(const char *s)
{
	static const int dim[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	for (int i = 0; i < 10; i++)
		if (i == 4 || i == 7 ? s[i] != '-' : !ref_digit(s[i]))
			return false;
	int y = ref_num(s, 4), m = ref_num(s + 5, 2), d = ref_num(s + 8, 2);
	bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return y >= 1000 && m >= 1 && m <= 12 && d >= 1 && d <= dim[m - 1] + (m == 2 && leap);
}

static bool ref_time(const char *s)
{
	if (!ref_date(s) || s[10] != 'T')
		return false;
	for (int i = 11; i < 19; i++)
		if (i == 13 || i == 16 ? s[i] != ':' : !ref_digit(s[i]))
			return false;
	if (ref_num(s + 11, 2) > 23 || ref_num(s + 14, 2) > 59 || ref_num(s + 17, 2) > 60)
		return false;
	if (s[19] == 'Z')
		return s[20] == '\0';
	if ((s[19] != '+' && s[19] != '-') || !ref_digit(s[20]) || !ref_digit(s[21]) ||
	    s[22] != ':' || !ref_digit(s[23]) || !ref_digit(s[24]) || s[25])
		return false;
	return ref_num(s + 20, 2) <= 23 && ref_num(s + 23, 2) <= 59;
}

static void test_forms_every_byte(void **state)
{
	static const char *const dates[] = { "2026-12-01", "2024-02-29", "1000-01-01", "9999-12-31" };
	static const char *const times[] = {
		"2026-12-01T09:08:06+08:00", "2024-02-29T23:59:60Z", "1999-12-31T00:00:00-11:30",
	};
	const char *why;
	(void)state;
	for (size_t k = 0; k < sizeof dates / sizeof *dates; k++)
		for (size_t i = 0; i < 10; i++)
			for (int c = 1; c < 256; c++) {
				char b[11];
				jf_date d;
				memcpy(b, dates[k], 11);
				b[i] = (char)c;
				bool want = ref_date(b);
				if ((jf_date_parse(b, &d, &why) == 0) != want)
					fail_msg("'%s' (byte %zu = 0x%02X): want %s", b, i, c,
						 want ? "taken" : "refused");
				if (want) {
					int y, m, dd;
					jf_date_to_ymd(d, &y, &m, &dd);
					assert_int_equal(y, ref_num(b, 4));
					assert_int_equal(m, ref_num(b + 5, 2));
					assert_int_equal(dd, ref_num(b + 8, 2));
				}
			}
	for (size_t k = 0; k < sizeof times / sizeof *times; k++) {
		size_t n = strlen(times[k]);
		for (size_t i = 0; i < n; i++)
			for (int c = 1; c < 256; c++) {
				char b[32];
				memcpy(b, times[k], n + 1);
				b[i] = (char)c;
				bool want = ref_time(b);
				if ((jf_timestamp_check(b, &why) == 0) != want)
					fail_msg("'%s' (byte %zu = 0x%02X): want %s", b, i, c,
						 want ? "taken" : "refused");
			}
	}
}

static void test_now(void **state)
{
	static const char *const bad[] = {
		"", "now", "2026-11-28", "2026-11-28T10:15:02",
		"2026-11-28T10:15:02+8:00", "2026-13-01T00:00:00Z",
		"1795832102", "2026-11-28T10:15:02.000Z",
	};
	time_t t = 0, before, after;
	const char *why;

	(void)state;
	check_now("2026-11-28T10:15:02+08:00", utc(2026, 11, 28, 2, 15, 2));
	check_now("2026-11-28T02:15:02Z", utc(2026, 11, 28, 2, 15, 2));
	check_now("2026-11-28T02:15:02Z", 1795832102);
	check_now("2026-11-27T22:45:02-03:30", utc(2026, 11, 28, 2, 15, 2));
	check_now("2026-01-01T07:59:59+08:00", utc(2025, 12, 31, 23, 59, 59));
	check_now("1970-01-01T00:00:00Z", 0);
	check_now("1969-12-31T23:59:59Z", -1);
	check_now("1000-01-01T00:00:00Z", utc(1000, 1, 1, 0, 0, 0));
	check_now("9999-12-31T23:59:59Z", utc(9999, 12, 31, 23, 59, 59));
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		t = 99;
		why = NULL;
		assert_int_equal(setenv("JF_NOW", bad[i], 1), 0);
		if (jf_now(&t, &why) != -1)
			fail_msg("accepted JF_NOW=\"%s\"", bad[i]);
		assert_non_null(why);
		assert_true(t == 99);
	}
	assert_int_equal(unsetenv("JF_NOW"), 0);
	before = time(NULL);
	assert_int_equal(jf_now(&t, &why), 0);
	after = time(NULL);
	assert_true(before <= t && t <= after);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_format),
		cmocka_unit_test(test_parse_refused),
		cmocka_unit_test(test_round_trip_wide),
		cmocka_unit_test(test_round_trip_extreme),
		cmocka_unit_test(test_weekday),
		cmocka_unit_test(test_isoweek),
		cmocka_unit_test(test_isoweek_oracle),
		cmocka_unit_test(test_from_isoweek),
		cmocka_unit_test(test_week_parse),
		cmocka_unit_test(test_month_parse),
		cmocka_unit_test(test_quarter_year_parse),
		cmocka_unit_test(test_period_bounds),
		cmocka_unit_test(test_tz_valid),
		cmocka_unit_test(test_tz_dir),
		cmocka_unit_test(test_date_in_tz),
		cmocka_unit_test(test_tz_restored),
		cmocka_unit_test(test_time_format),
		cmocka_unit_test(test_digits),
		cmocka_unit_test(test_timestamp_check),
		cmocka_unit_test(test_forms_every_byte),
		cmocka_unit_test(test_now),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
