/* date.h - civil dates, ISO weeks, periods and "now" in a book's time zone.
 *
 * A date is a jf_date: the number of days since 1970-01-01 (proleptic
 * Gregorian), so dates compare and subtract as integers.  Only years
 * 1000..9999 are accepted by the parsers, and a period (a week, a month, a
 * quarter, a year) only when every day of it lies in that range.
 */
#ifndef JF_DATE_H
#define JF_DATE_H

#include <stdbool.h>
#include <stdint.h>
#include <time.h>

typedef int32_t jf_date;

#define JF_DATE_NONE INT32_MIN /* "no date" (an open end of a window) */
#define JF_DATE_BUFSZ 11        /* "YYYY-MM-DD" and NUL */
#define JF_DATE_FIRST (-354285) /* 1000-01-01, the first day jf accepts */
#define JF_DATE_LAST 2932896    /* 9999-12-31, the last */

enum jf_period_unit { JF_PER_DAY, JF_PER_WEEK, JF_PER_MONTH, JF_PER_YEAR, JF_PER_QUARTER };

/* Parse exactly "YYYY-MM-DD" (a real day of year 1000..9999).
 * Returns 0 or -1 with *why set to a static message. */
int jf_date_parse(const char *s, jf_date *out, const char **why);
/* Write d as "YYYY-MM-DD" into buf (JF_DATE_BUFSZ bytes); returns buf.
 * A date outside years 0000..9999 (JF_DATE_NONE too) is written with a
 * "?" in place of every digit. */
char *jf_date_format(jf_date d, char *buf);
/* Days from civil year/month/day, and back. */
jf_date jf_date_from_ymd(int y, int m, int d);
void jf_date_to_ymd(jf_date date, int *y, int *m, int *d);
/* ISO 8601 weekday: 1 = Monday .. 7 = Sunday. */
int jf_date_weekday(jf_date d);
/* The ISO week-numbering year and week (1..53) of d. */
void jf_date_isoweek(jf_date d, int *iso_year, int *week);
/* The Monday of ISO week `week` of iso_year; -1 if that week does not exist
 * (week 53 of a 52-week year). */
int jf_date_from_isoweek(int iso_year, int week, jf_date *monday);
/* Parse "YYYY-Www" (e.g. "2026-W53"); sets the Monday and Sunday.  A week
 * that starts before JF_DATE_FIRST or ends after JF_DATE_LAST (1000-W01,
 * 9999-W52) is refused. */
int jf_week_parse(const char *s, jf_date *from, jf_date *to, const char **why);
/* Parse "YYYY-MM"; sets the first and last day of that month. */
int jf_month_parse(const char *s, jf_date *from, jf_date *to, const char **why);
/* Parse "YYYY-Qn" (n 1..4: January-March .. October-December). */
int jf_quarter_parse(const char *s, jf_date *from, jf_date *to, const char **why);
/* Parse "YYYY"; sets 1 January and 31 December. */
int jf_year_parse(const char *s, jf_date *from, jf_date *to, const char **why);
/* First and last day of the day/week/month/quarter/year that contains d. */
void jf_period_bounds(enum jf_period_unit u, jf_date d, jf_date *from, jf_date *to);

/* Is tz a usable IANA zone name ("Asia/Shanghai", "UTC")?  Names with ".."
 * or characters outside [A-Za-z0-9/_+-] are refused; a name other than
 * "UTC" must exist under $TZDIR or /usr/share/zoneinfo (the one the C
 * library reads: $TZDIR when set and not empty) as a TZif file. */
bool jf_tz_valid(const char *tz);
/* The current time: $JF_NOW if set (RFC 3339, e.g. 2026-11-28T10:15:02+08:00,
 * for tests and scripted rebuilds), else time(NULL).  Returns -1 and sets
 * *why when $JF_NOW is malformed (set but empty counts as malformed). */
int jf_now(time_t *out, const char **why);
/* The civil date of t in zone tz. Returns 0, or -1 if tz cannot be loaded. */
int jf_date_in_tz(time_t t, const char *tz, jf_date *out);
/* Write t as RFC 3339 local time in tz with its offset,
 * "2026-11-28T10:15:02+08:00", into buf (at least 32 bytes).  UTC is
 * written "+00:00", never "Z".  Returns 0, or -1 if tz cannot be loaded,
 * the year is outside 0000..9999 or buf is too small. */
int jf_time_format_tz(time_t t, const char *tz, char *buf, size_t n);
/* Read exactly n (0..9) decimal digits at s into *v; false, *v untouched,
 * if one of them is not a digit (a NUL ends the digits too). */
bool jf_digits(const char *s, int n, int *v);
/* Check an `at` value: "YYYY-MM-DDTHH:MM:SS" followed by "Z" or "+HH:MM" /
 * "-HH:MM".  Returns 0 or -1 with *why. */
int jf_timestamp_check(const char *s, const char **why);

#endif
