/* kind.c - the kind table, the field table and what they share. */
#include <stdint.h>
#include <string.h>

#include "kind.h"

#define JF_KIND_DECL(K, ops, zh) extern const struct jf_kind_ops ops;
JF_KIND_LIST(JF_KIND_DECL)
#undef JF_KIND_DECL

const struct jf_kind_ops *const jf_kinds[JF_NKINDS] = {
#define JF_KIND_ENTRY(K, ops, zh) [JF_##K] = &ops,
	JF_KIND_LIST(JF_KIND_ENTRY)
#undef JF_KIND_ENTRY
};

const struct jf_field_def jf_fields[JF_NFIELDS] = {
	[JF_F_ID] = { "id", JF_FT_ID },
	[JF_F_DATE] = { "date", JF_FT_DATE },
	[JF_F_AT] = { "at", JF_FT_TIME },
	[JF_F_KIND] = { "kind", JF_FT_KIND },
	[JF_F_HOUSEHOLD] = { "household", JF_FT_HOUSEHOLD },
	[JF_F_ACTIVITY] = { "activity", JF_FT_ACTIVITY },
	[JF_F_ITEM] = { "item", JF_FT_ITEM },
	[JF_F_VILLAGE] = { "village", JF_FT_VILLAGE },
	[JF_F_QTY] = { "qty", JF_FT_QTY },
	[JF_F_POINTS] = { "points", JF_FT_POINTS },
	[JF_F_BY] = { "by", JF_FT_TEXT },
	[JF_F_NOTE] = { "note", JF_FT_TEXT },
	[JF_F_REASON] = { "reason", JF_FT_TEXT },
	[JF_F_REF] = { "ref", JF_FT_ID },
	[JF_F_SHEET] = { "sheet", JF_FT_TEXT },
	[JF_F_APPROVALS] = { "approvals", JF_FT_COUNT },
	[JF_F_NOTICE_DAYS] = { "notice_days", JF_FT_COUNT },
	[JF_F_REVIEWER] = { "reviewer", JF_FT_TEXT },
	[JF_F_TO] = { "to", JF_FT_HOUSEHOLD },
	[JF_F_UNTIL] = { "until", JF_FT_DATE },
	[JF_F_TEXT] = { "text", JF_FT_TEXT },
	[JF_F_SERVICE] = { "service", JF_FT_SERVICE },
	[JF_F_TEAM] = { "team", JF_FT_TEAM },
	[JF_F_VOLUNTEER] = { "volunteer", JF_FT_VOLUNTEER },
	[JF_F_HOURS] = { "hours", JF_FT_HOURS },
	[JF_F_WISH] = { "wish", JF_FT_ID },
};

const enum jf_field jf_field_write_order[] = {
	JF_F_VILLAGE, JF_F_HOUSEHOLD, JF_F_TO, JF_F_VOLUNTEER, JF_F_TEAM, JF_F_HOURS,
	JF_F_ACTIVITY, JF_F_ITEM, JF_F_QTY, JF_F_POINTS,
	JF_F_APPROVALS, JF_F_NOTICE_DAYS, JF_F_UNTIL, JF_F_REF, JF_F_WISH, JF_F_SERVICE,
	JF_F_TEXT, JF_F_REVIEWER, JF_F_REASON, JF_F_NOTE, JF_F_SHEET, JF_NFIELDS
};

/* The fields by first letter, each list ending with -1, and by length
 * and first letter where that names one field alone (-1: none, -2: more
 * than one, look in the list): made from the field table on first use. */
#define FIELD_LEN_MAX 15 /* (same_short: at most 16) */
static signed char by_first[26][JF_NFIELDS + 1];
static signed char by_len_first[FIELD_LEN_MAX + 1][26];
static unsigned char field_len[JF_NFIELDS];

static void index_fields(void)
{
	size_t n[26] = { 0 };
	memset(by_len_first, -1, sizeof by_len_first);
	for (int i = 0; i < JF_NFIELDS; i++) {
		int c = jf_fields[i].name[0] - 'a';
		size_t len = strlen(jf_fields[i].name);
		field_len[i] = (unsigned char)len;
		by_first[c][n[c]++] = (signed char)i;
		if (len <= FIELD_LEN_MAX) {
			signed char *one = &by_len_first[len][c];
			*one = *one == -1 ? (signed char)i : -2;
		}
	}
	for (int c = 0; c < 26; c++)
		by_first[c][n[c]] = -1;
}

/* a[0..n) == b[0..n), n <= 16, neither read past its n bytes: two loads
 * of each, the second ending where the bytes end (they may overlap). */
static bool same_short(const char *a, const char *b, size_t n)
{
	if (n >= 8) {
		uint64_t x, y, u, v;
		memcpy(&x, a, 8), memcpy(&y, b, 8), memcpy(&u, a + n - 8, 8), memcpy(&v, b + n - 8, 8);
		return !((x ^ y) | (u ^ v));
	}
	if (n >= 4) {
		uint32_t x, y, u, v;
		memcpy(&x, a, 4), memcpy(&y, b, 4), memcpy(&u, a + n - 4, 4), memcpy(&v, b + n - 4, 4);
		return !((x ^ y) | (u ^ v));
	}
	if (n >= 2) {
		uint16_t x, y, u, v;
		memcpy(&x, a, 2), memcpy(&y, b, 2), memcpy(&u, a + n - 2, 2), memcpy(&v, b + n - 2, 2);
		return !((x ^ y) | (u ^ v));
	}
	return n == 0 || a[0] == b[0];
}

int jf_field_lookup(const char *k, size_t len)
{
	/* runs for every key of every entry: length and first letter, then
	 * the bytes */
	static bool indexed;
	if (!indexed) {
		index_fields();
		indexed = true;
	}
	if (k[0] < 'a' || k[0] > 'z')
		return -1;
	int one = len <= FIELD_LEN_MAX ? by_len_first[len][k[0] - 'a'] : -2;
	if (one >= 0)
		return same_short(jf_fields[one].name, k, len) ? one : -1;
	if (one == -1)
		return -1;
	for (const signed char *f = by_first[k[0] - 'a']; *f >= 0; f++)
		if (field_len[*f] == len && !memcmp(jf_fields[*f].name, k, len))
			return *f;
	return -1;
}

const struct jf_kind_ops *jf_kind(enum jf_kind k)
{
	return jf_kinds[k];
}

const char *jf_kind_name(enum jf_kind k)
{
	return (unsigned)k < JF_NKINDS ? jf_kinds[k]->name : "?";
}

int jf_kind_parse(const char *s)
{
	for (int i = 0; i < JF_NKINDS; i++)
		if (!strcmp(s, jf_kinds[i]->name))
			return i;
	return -1;
}

const char *jf_kind_names(void)
{
	static char names[JF_NKINDS * 16];
	if (!names[0])
		for (int i = 0; i < JF_NKINDS; i++) {
			if (i)
				strcat(names, ", ");
			strncat(names, jf_kinds[i]->name, 12);
		}
	return names;
}

size_t jf_entry_moves(const struct jf_book *b, const struct jf_entry *e,
		      struct jf_move *out)
{
	const struct jf_kind_ops *o = jf_kinds[e->kind];
	/* a follow-up superseded in canonical order has no effect (state.h) */
	if (!o->moves || !e->self || (e->self->flags & JF_EFFECT_SUPERSEDED))
		return 0;
	return o->moves(b, e->self, e->target, out);
}

bool jf_effect_stateful(const struct jf_effect *r)
{
	const struct jf_kind_ops *o = jf_kinds[r->kind];
	return o->stateful && o->stateful(r);
}

bool jf_moves_points(const struct jf_move *m, size_t n, int h, jf_points *out)
{
	jf_points p = 0;
	for (size_t i = 0; i < n; i++)
		if (m[i].household == h && !jf_points_add(p, m[i].points, &p))
			return false;
	*out = p;
	return true;
}

const char *jf_kcheck_text(struct jf_kcheck *kc, enum jf_field f)
{
	return kc->text ? kc->text(kc, f) : NULL;
}

void jf_kcheck_problem(struct jf_kcheck *kc, enum jf_field f, enum jf_severity sev,
		       const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	kc->problem(kc, f, sev, fmt, ap);
	va_end(ap);
}

enum jf_status jf_wrefuse(struct jf_wctx *w, enum jf_status st, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	jf_diag_vadd(w->d, JF_SEV_ERROR, NULL, 0, 0, fmt, ap);
	va_end(ap);
	return st;
}
