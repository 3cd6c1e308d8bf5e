/* date.c - civil dates, ISO weeks, periods and time zones.
 *
 * Civil arithmetic is pure integer math on a proleptic Gregorian calendar
 * whose years are counted from March, so that the leap day falls at the end
 * of a year; mktime() and friends are never used for it.  Only the local
 * time of a zone needs the C library (TZ, tzset(), localtime_r()).
 */
#include <fcntl.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "bytes.h"
#include "date.h"
#include "fileio.h"

#define SECS_PER_DAY 86400
#define DAYS_PER_ERA 146097     /* days in 400 Gregorian years */
#define EPOCH_FROM_MAR0 719468  /* 1970-01-01 counted from 0000-03-01 */
#define TZ_NAME_MAX 200
#define TZ_DEFAULT_DIR "/usr/share/zoneinfo"

/* Floor division for a positive divisor. */
static int64_t floordiv(int64_t a, int64_t b)
{
	int64_t q = a / b;
	return (a % b != 0 && a < 0) ? q - 1 : q;
}

static bool is_leap(int64_t y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int days_in_month(int64_t y, int m)
{
	static const unsigned char dim[12] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};
	return m == 2 && is_leap(y) ? 29 : dim[m - 1];
}

/*
 * Days since 1970-01-01 of y-m-d.  The year is shifted to begin on March 1
 * (so January and February belong to the previous year); 400-year eras
 * then have a fixed length and the month lengths from March follow the
 * pattern (153 * month + 2) / 5.
 */
static int64_t days_from_civil(int64_t y, int m, int d)
{
	int64_t era, yoe, doy, doe;
	int mp;

	if (m <= 2)
		y--;
	era = floordiv(y, 400);
	yoe = y - era * 400;                     /* 0..399 */
	mp = m > 2 ? m - 3 : m + 9;              /* March = 0 */
	doy = (153 * mp + 2) / 5 + d - 1;        /* 0..365 */
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * DAYS_PER_ERA + doe - EPOCH_FROM_MAR0;
}

/* The inverse of days_from_civil(). */
static void civil_from_days(int64_t z, int64_t *y, int *m, int *d)
{
	int64_t era, doe, yoe, doy, mp;

	z += EPOCH_FROM_MAR0;
	era = floordiv(z, DAYS_PER_ERA);
	doe = z - era * DAYS_PER_ERA;            /* 0..146096 */
	/* Years of the era: remove the leap days before dividing by 365. */
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (yoe * 365 + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = yoe + era * 400 + (*m <= 2);
}

bool jf_digits(const char *s, int n, int *v)
{
	int r = 0;

	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		r = r * 10 + (s[i] - '0');
	}
	*v = r;
	return true;
}

#define BYTES8(c) (UINT64_C(0x0101010101010101) * (c))

/* Is every byte of w that `mask` has 0xFF in an ASCII digit?  A digit's
 * high nibble is 3, and stays 3 when 6 is added (0x3A..0x3F do not): no
 * byte that passes the first test carries into the next on the second. */
static bool digits_at(uint64_t w, uint64_t mask)
{
	uint64_t hi = BYTES8(0xF0) & mask, three = BYTES8(0x30) & mask;
	return (w & hi) == three && ((w + (BYTES8(0x06) & mask)) & hi) == three;
}

/* "YYYY-MM-": the digits, and the rest of the word */
#define YMD_DIGITS UINT64_C(0x00FFFF00FFFFFFFF)
#define YMD_DASHES ((uint64_t)'-' << 32 | (uint64_t)'-' << 56)
/* "HH:MM:SS" */
#define HMS_DIGITS UINT64_C(0xFFFF00FFFF00FFFF)
#define HMS_COLONS ((uint64_t)':' << 16 | (uint64_t)':' << 40)

static int digit(char c)
{
	return c - '0';
}

/* Parse "YYYY-MM-DD" at the start of s (no end check; s has at least 10
 * bytes) into *out (NULL: only check it).  The form in two loads. */
static int parse_ymd(const char *s, jf_date *out, const char **why)
{
	int y, m, d;
	uint64_t w = jf_le64(s), v = jf_le64(s + 2);

	if (!digits_at(w, YMD_DIGITS) || (w & ~YMD_DIGITS) != YMD_DASHES ||
	    !digits_at(v, UINT64_C(0xFFFF) << 48)) {
		*why = "date must be YYYY-MM-DD";
		return -1;
	}
	y = digit(s[0]) * 1000 + digit(s[1]) * 100 + digit(s[2]) * 10 + digit(s[3]);
	m = digit(s[5]) * 10 + digit(s[6]);
	d = digit(s[8]) * 10 + digit(s[9]);
	if (y < 1000) {
		*why = "year out of range (1000..9999)";
		return -1;
	}
	if (m < 1 || m > 12) {
		*why = "no such month";
		return -1;
	}
	if (d < 1 || d > days_in_month(y, m)) {
		*why = "no such day";
		return -1;
	}
	if (out) /* NULL: only checked */
		*out = jf_date_from_ymd(y, m, d);
	return 0;
}

int jf_date_parse(const char *s, jf_date *out, const char **why)
{
	if (!s || strlen(s) != 10) {
		*why = "date must be YYYY-MM-DD";
		return -1;
	}
	return parse_ymd(s, out, why);
}

/* Dates outside years 0000..9999 (JF_DATE_NONE among them) are written
 * with "?" for every digit: they cannot be written in ten characters. */
char *jf_date_format(jf_date d, char *buf)
{
	int64_t y;
	int m, day;

	civil_from_days(d, &y, &m, &day);
	if (y < 0 || y > 9999) {
		memcpy(buf, "\?\?\?\?-\?\?-\?\?", JF_DATE_BUFSZ);
		return buf;
	}
	buf[0] = (char)('0' + y / 1000);
	buf[1] = (char)('0' + y / 100 % 10);
	buf[2] = (char)('0' + y / 10 % 10);
	buf[3] = (char)('0' + y % 10);
	buf[4] = '-';
	buf[5] = (char)('0' + m / 10);
	buf[6] = (char)('0' + m % 10);
	buf[7] = '-';
	buf[8] = (char)('0' + day / 10);
	buf[9] = (char)('0' + day % 10);
	buf[10] = '\0';
	return buf;
}

jf_date jf_date_from_ymd(int y, int m, int d)
{
	return (jf_date)days_from_civil(y, m, d);
}

void jf_date_to_ymd(jf_date date, int *y, int *m, int *d)
{
	int64_t yy;

	civil_from_days(date, &yy, m, d);
	*y = (int)yy;
}

/* 1970-01-01 was a Thursday (4). */
int jf_date_weekday(jf_date d)
{
	return (int)(((int64_t)d + 3) - floordiv((int64_t)d + 3, 7) * 7) + 1;
}

/* The ISO year is the calendar year of the week's Thursday. */
void jf_date_isoweek(jf_date d, int *iso_year, int *week)
{
	int64_t thu = (int64_t)d - jf_date_weekday(d) + 4;
	int64_t y;
	int m, day;

	civil_from_days(thu, &y, &m, &day);
	*iso_year = (int)y;
	*week = (int)((thu - days_from_civil(y, 1, 1)) / 7 + 1);
}

/* Week 1 is the week that holds January 4. */
int jf_date_from_isoweek(int iso_year, int week, jf_date *monday)
{
	int64_t jan4, mon;
	int y, w;

	if (iso_year < 1 || iso_year > 9999 || week < 1 || week > 53)
		return -1;
	jan4 = days_from_civil(iso_year, 1, 4);
	mon = jan4 - (jf_date_weekday((jf_date)jan4) - 1) + 7 * (week - 1);
	jf_date_isoweek((jf_date)mon, &y, &w);
	if (y != iso_year || w != week)
		return -1;
	*monday = (jf_date)mon;
	return 0;
}

int jf_week_parse(const char *s, jf_date *from, jf_date *to, const char **why)
{
	int y, w;
	jf_date mon;

	if (!s || strlen(s) != 8 || !jf_digits(s, 4, &y) || s[4] != '-' ||
	    s[5] != 'W' || !jf_digits(s + 6, 2, &w)) {
		*why = "week must be YYYY-Www";
		return -1;
	}
	if (y < 1000) {
		*why = "year out of range (1000..9999)";
		return -1;
	}
	if (jf_date_from_isoweek(y, w, &mon) < 0) {
		*why = "no such ISO week";
		return -1;
	}
	if (mon < JF_DATE_FIRST || mon + 6 > JF_DATE_LAST) {
		*why = mon < JF_DATE_FIRST ? "the week starts before 1000-01-01, the first day jf takes"
					   : "the week ends after 9999-12-31, the last day jf takes";
		return -1;
	}
	*from = mon;
	*to = mon + 6;
	return 0;
}

int jf_month_parse(const char *s, jf_date *from, jf_date *to, const char **why)
{
	int y, m;

	if (!s || strlen(s) != 7 || !jf_digits(s, 4, &y) || s[4] != '-' ||
	    !jf_digits(s + 5, 2, &m)) {
		*why = "month must be YYYY-MM";
		return -1;
	}
	if (y < 1000) {
		*why = "year out of range (1000..9999)";
		return -1;
	}
	if (m < 1 || m > 12) {
		*why = "no such month";
		return -1;
	}
	*from = jf_date_from_ymd(y, m, 1);
	*to = jf_date_from_ymd(y, m, days_in_month(y, m));
	return 0;
}

int jf_quarter_parse(const char *s, jf_date *from, jf_date *to, const char **why)
{
	int y, q;

	if (!s || strlen(s) != 7 || !jf_digits(s, 4, &y) || s[4] != '-' || s[5] != 'Q' ||
	    s[6] < '1' || s[6] > '4') {
		*why = "quarter must be YYYY-Qn";
		return -1;
	}
	if (y < 1000) {
		*why = "year out of range (1000..9999)";
		return -1;
	}
	q = s[6] - '0';
	*from = jf_date_from_ymd(y, 3 * q - 2, 1);
	*to = jf_date_from_ymd(y, 3 * q, days_in_month(y, 3 * q));
	return 0;
}

int jf_year_parse(const char *s, jf_date *from, jf_date *to, const char **why)
{
	int y;

	if (!s || strlen(s) != 4 || !jf_digits(s, 4, &y)) {
		*why = "year must be YYYY";
		return -1;
	}
	if (y < 1000) {
		*why = "year out of range (1000..9999)";
		return -1;
	}
	*from = jf_date_from_ymd(y, 1, 1);
	*to = jf_date_from_ymd(y, 12, 31);
	return 0;
}

void jf_period_bounds(enum jf_period_unit u, jf_date d, jf_date *from, jf_date *to)
{
	int y, m, day;

	switch (u) {
	case JF_PER_WEEK:
		*from = d - (jf_date_weekday(d) - 1);
		*to = *from + 6;
		return;
	case JF_PER_MONTH:
		jf_date_to_ymd(d, &y, &m, &day);
		*from = jf_date_from_ymd(y, m, 1);
		*to = jf_date_from_ymd(y, m, days_in_month(y, m));
		return;
	case JF_PER_QUARTER:
		jf_date_to_ymd(d, &y, &m, &day);
		m = (m - 1) / 3 * 3 + 1;
		*from = jf_date_from_ymd(y, m, 1);
		*to = jf_date_from_ymd(y, m + 2, days_in_month(y, m + 2));
		return;
	case JF_PER_YEAR:
		jf_date_to_ymd(d, &y, &m, &day);
		*from = jf_date_from_ymd(y, 1, 1);
		*to = jf_date_from_ymd(y, 12, 31);
		return;
	case JF_PER_DAY:
	default:
		*from = d;
		*to = d;
		return;
	}
}

/* Does the name look like a zone name and not like a path trick? */
static bool tz_name_ok(const char *tz)
{
	size_t n;

	if (!tz)
		return false;
	n = strlen(tz);
	if (n == 0 || n > TZ_NAME_MAX || tz[0] == '/' || tz[n - 1] == '/')
		return false;
	if (strstr(tz, "..") || strstr(tz, "//"))
		return false;
	for (size_t i = 0; i < n; i++) {
		char c = tz[i];
		if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
		      (c >= '0' && c <= '9') || c == '/' || c == '_' ||
		      c == '+' || c == '-'))
			return false;
	}
	return true;
}

/*
 * Checks the file the C library would load: under $TZDIR when it is set
 * and not empty, else under /usr/share/zoneinfo.  It must be a regular
 * file that starts with the TZif magic (so "Asia" or "leapseconds" are
 * refused).
 */
bool jf_tz_valid(const char *tz)
{
	const char *dir;
	char path[4096];
	char magic[4];
	struct stat st;
	int fd, n;
	bool ok;

	if (!tz_name_ok(tz))
		return false;
	if (strcmp(tz, "UTC") == 0)
		return true;
	dir = getenv("TZDIR");
	if (!dir || !*dir)
		dir = TZ_DEFAULT_DIR;
	n = snprintf(path, sizeof path, "%s/%s", dir, tz);
	if (n < 0 || (size_t)n >= sizeof path)
		return false;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return false;
	ok = fstat(fd, &st) == 0 && S_ISREG(st.st_mode) &&
	     jf_read_all(fd, magic, sizeof magic) == (ssize_t)sizeof magic;
	if (close(fd) != 0)
		ok = false;
	return ok && memcmp(magic, "TZif", 4) == 0;
}

/*
 * Parse an RFC 3339 time "YYYY-MM-DDTHH:MM:SS" + "Z" | "+HH:MM" | "-HH:MM"
 * into seconds since the epoch (*out; NULL: only check it).  Years
 * 1000..9999; a leap second (:60) is accepted and counts as the next
 * second.
 */
static int parse_timestamp(const char *s, int64_t *out, const char **why)
{
	jf_date day = 0;
	int hh, mm, ss, oh = 0, om = 0, sign = 1;
	size_t n;

	if (!s) {
		*why = "timestamp must be YYYY-MM-DDTHH:MM:SS followed by Z or +HH:MM";
		return -1;
	}
	n = strlen(s);
	uint64_t w = n >= 20 ? jf_le64(s + 11) : 0;
	if (n < 20 || s[10] != 'T' || !digits_at(w, HMS_DIGITS) || (w & ~HMS_DIGITS) != HMS_COLONS) {
		*why = "timestamp must be YYYY-MM-DDTHH:MM:SS followed by Z or +HH:MM";
		return -1;
	}
	hh = digit(s[11]) * 10 + digit(s[12]);
	mm = digit(s[14]) * 10 + digit(s[15]);
	ss = digit(s[17]) * 10 + digit(s[18]);
	if (parse_ymd(s, out ? &day : NULL, why) < 0)
		return -1;
	if (hh > 23 || mm > 59 || ss > 60) {
		*why = "no such time of day";
		return -1;
	}
	if (n == 20 && s[19] == 'Z') {
		/* UTC */
	} else if (n == 25 && (s[19] == '+' || s[19] == '-') &&
		   jf_digits(s + 20, 2, &oh) && s[22] == ':' &&
		   jf_digits(s + 23, 2, &om)) {
		if (oh > 23 || om > 59) {
			*why = "no such UTC offset";
			return -1;
		}
		sign = s[19] == '-' ? -1 : 1;
	} else {
		*why = "timestamp must end in Z or +HH:MM / -HH:MM";
		return -1;
	}
	if (out)
		*out = (int64_t)day * SECS_PER_DAY + hh * 3600 + mm * 60 + ss -
		       sign * (oh * 3600 + om * 60);
	return 0;
}

int jf_timestamp_check(const char *s, const char **why)
{
	return parse_timestamp(s, NULL, why); /* the check alone, every entry's `at` */
}

int jf_now(time_t *out, const char **why)
{
	const char *env = getenv("JF_NOW");
	int64_t t;
	time_t now;

	if (env) {
		if (parse_timestamp(env, &t, why) < 0) {
			*why = "JF_NOW is not an RFC 3339 time "
			       "(YYYY-MM-DDTHH:MM:SSZ or with +HH:MM)";
			return -1;
		}
		*out = (time_t)t;
		return 0;
	}
	now = time(NULL);
	if (now == (time_t)-1) {
		*why = "cannot read the clock";
		return -1;
	}
	*out = now;
	return 0;
}

/* The local fields of one instant in a zone. */
struct local_time {
	int64_t y;
	int m, d, hh, mm, ss;
	long gmtoff; /* seconds east of UTC */
};

/* Break t down as UTC shifted by off seconds. */
static int breakdown(time_t t, long off, struct local_time *lt)
{
	int64_t s, days, rem;

	if (__builtin_add_overflow((int64_t)t, (int64_t)off, &s))
		return -1;
	days = floordiv(s, SECS_PER_DAY);
	rem = s - days * SECS_PER_DAY;
	civil_from_days(days, &lt->y, &lt->m, &lt->d);
	lt->hh = (int)(rem / 3600);
	lt->mm = (int)(rem / 60 % 60);
	lt->ss = (int)(rem % 60);
	lt->gmtoff = off;
	return 0;
}

/*
 * The local time of t in zone tz.  TZ is set to ":tz" (a file, never a
 * POSIX rule string), and put back as it was afterwards; not thread-safe.
 */
static int local_time(time_t t, const char *tz, struct local_time *lt)
{
	const char *old_env;
	char *old = NULL;
	char val[TZ_NAME_MAX + 2];
	struct tm tm;
	bool ok;
	int rc = 0;

	if (strcmp(tz, "UTC") == 0)
		return breakdown(t, 0, lt);
	if (!jf_tz_valid(tz))
		return -1;
	old_env = getenv("TZ");
	if (old_env) {
		old = strdup(old_env);
		if (!old)
			return -1;
	}
	val[0] = ':';
	memcpy(val + 1, tz, strlen(tz) + 1);
	if (setenv("TZ", val, 1) != 0) {
		free(old);
		return -1;
	}
	tzset();
	ok = localtime_r(&t, &tm) != NULL;
	if (old ? setenv("TZ", old, 1) != 0 : unsetenv("TZ") != 0)
		rc = -1;
	tzset();
	free(old);
	if (!ok || rc < 0)
		return -1;
	lt->y = (int64_t)tm.tm_year + 1900;
	lt->m = tm.tm_mon + 1;
	lt->d = tm.tm_mday;
	lt->hh = tm.tm_hour;
	lt->mm = tm.tm_min;
	lt->ss = tm.tm_sec;
	lt->gmtoff = tm.tm_gmtoff;
	return 0;
}

int jf_date_in_tz(time_t t, const char *tz, jf_date *out)
{
	struct local_time lt;
	int64_t d;

	if (!tz || local_time(t, tz, &lt) < 0)
		return -1;
	if (lt.y < -5000000 || lt.y > 5000000)
		return -1;
	d = days_from_civil(lt.y, lt.m, lt.d);
	if (d <= INT32_MIN || d > INT32_MAX)
		return -1;
	*out = (jf_date)d;
	return 0;
}

/*
 * RFC 3339 offsets have whole minutes: an offset with seconds (local mean
 * time before 1900) is cut to whole minutes and the local time recomputed,
 * so the text still names the instant t exactly.  UTC is "+00:00".
 * Returns 0, or -1 if tz cannot be loaded, the year is outside 0000..9999
 * or buf is too small.
 */
int jf_time_format_tz(time_t t, const char *tz, char *buf, size_t n)
{
	struct local_time lt;
	long off;
	int w;

	if (!tz || local_time(t, tz, &lt) < 0)
		return -1;
	if (lt.gmtoff % 60 != 0 &&
	    breakdown(t, lt.gmtoff / 60 * 60, &lt) < 0)
		return -1;
	if (lt.y < 0 || lt.y > 9999)
		return -1;
	off = lt.gmtoff < 0 ? -lt.gmtoff : lt.gmtoff;
	w = snprintf(buf, n, "%04d-%02d-%02dT%02d:%02d:%02d%c%02ld:%02ld",
		     (int)lt.y, lt.m, lt.d, lt.hh, lt.mm, lt.ss,
		     lt.gmtoff < 0 ? '-' : '+', off / 3600, off / 60 % 60);
	if (w < 0 || (size_t)w >= n)
		return -1;
	return 0;
}
