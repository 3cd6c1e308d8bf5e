/* state.c - follow-up records and canonical order (state.h). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "state.h"

int jf_instant_parse(const char *s, int64_t *ns)
{
	int y, mo, d, h, mi, se, oh = 0, om = 0;
	jf_date day;
	const char *why;
	char ymd[11];
	if (!s || strlen(s) < 20 || s[10] != 'T' || s[13] != ':' || s[16] != ':')
		return -1;
	memcpy(ymd, s, 10);
	ymd[10] = 0;
	if (jf_date_parse(ymd, &day, &why) < 0 || !jf_digits(s, 4, &y) || !jf_digits(s + 5, 2, &mo) ||
	    !jf_digits(s + 8, 2, &d) || !jf_digits(s + 11, 2, &h) || !jf_digits(s + 14, 2, &mi) ||
	    !jf_digits(s + 17, 2, &se) || h > 23 || mi > 59 || se > 60)
		return -1;
	const char *p = s + 19;
	int64_t frac = 0;
	if (*p == '.') {
		int nd = 0;
		for (p++; *p >= '0' && *p <= '9'; p++, nd++)
			if (nd < 9)
				frac = frac * 10 + (*p - '0');
		if (!nd)
			return -1;
		for (; nd < 9; nd++)
			frac *= 10;
	}
	int sign = 0;
	if (*p == 'Z' || *p == 'z') {
		p++;
	} else if (*p == '+' || *p == '-') {
		sign = *p == '+' ? 1 : -1;
		if (strlen(p) < 6 || p[3] != ':' || !jf_digits(p + 1, 2, &oh) || !jf_digits(p + 4, 2, &om) ||
		    oh > 23 || om > 59)
			return -1;
		p += 6;
	} else {
		return -1;
	}
	if (*p)
		return -1;
	int64_t secs = (int64_t)day * 86400 + h * 3600 + mi * 60 + se -
		       (int64_t)sign * (oh * 3600 + om * 60);
	/* past 2262 an instant in ns does not fit: such instants are equal,
	 * ordered by id (no signed overflow) */
	if (secs > (INT64_MAX - 999999999) / 1000000000)
		*ns = INT64_MAX;
	else if (secs < (INT64_MIN + 999999999) / 1000000000)
		*ns = INT64_MIN;
	else
		*ns = secs * 1000000000 + frac;
	return 0;
}

void jf_fu_init(struct jf_fu *f, const char *id, jf_date date, const char *at,
		enum jf_kind kind, int who)
{
	memset(f, 0, sizeof *f);
	size_t n = id ? strlen(id) : 0;
	if (n > JF_ID_MAX)
		n = JF_ID_MAX; /* ids are checked to be at most JF_ID_MAX long */
	if (n)
		memcpy(f->id, id, n);
	f->key = jf_id_key(f->id, n);
	f->date = date;
	f->has_at = at && jf_instant_parse(at, &f->at_ns) == 0;
	f->kind = (uint8_t)kind;
	f->who = (int8_t)who;
	f->superseded_by = -1;
}

int jf_fu_cmp(const struct jf_fu *a, const struct jf_fu *b)
{
	if (a->date != b->date)
		return a->date < b->date ? -1 : 1;
	if (a->has_at != b->has_at)
		return a->has_at ? 1 : -1; /* without `at`: first in its day */
	if (a->has_at && a->at_ns != b->at_ns)
		return a->at_ns < b->at_ns ? -1 : 1;
	return strcmp(a->id, b->id);
}

static int cmp(const void *a, const void *b)
{
	return jf_fu_cmp(a, b);
}

void jf_fu_sort(struct jf_fu *f, size_t n)
{
	if (n > 1)
		qsort(f, n, sizeof *f, cmp);
}
