/* book.c - reading jf.yaml, catalogue.yaml and households.yaml. */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "alloc.h"
#include "book.h"

const struct jf_ylimits jf_settings_limits = {
	.max_bytes = 64u << 20, .max_scalar = 4096, .max_depth = 4, .allow_cr = true,
	.max_line = 8192,
};

/* One settings file being read: its name and the diagnostics. */
struct ctx {
	const char *file;
	struct jf_diags *d;
	bool bad;
};

static void err(struct ctx *c, const struct jf_ynode *n, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void err(struct ctx *c, const struct jf_ynode *n, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	jf_diag_vadd(c->d, JF_SEV_ERROR, c->file, n ? n->line : 0, n ? n->col : 0, fmt, ap);
	va_end(ap);
	c->bad = true;
}

/* A mapping's fields, looked up by name. */
struct field {
	const char *key;
	bool required;
	const struct jf_ynode *val; /* filled in */
	const struct jf_ynode *keynode;
};

/* Match map n's keys against fields (NULL-key terminated); unknown keys not
 * starting "x-" are errors, as are missing required ones.  Returns false if
 * n is not a mapping. */
static bool fields(struct ctx *c, const struct jf_ynode *n, const char *what,
		   struct field *f)
{
	if (!n || n->type != JF_YN_MAP) {
		err(c, n, "%s must be a mapping", what);
		return false;
	}
	for (struct field *p = f; p->key; p++)
		p->val = p->keynode = NULL;
	for (size_t i = 0; i + 1 < n->nkids; i += 2) {
		const struct jf_ynode *k = n->kids[i];
		struct field *p;
		for (p = f; p->key; p++)
			if (!strcmp(p->key, k->value))
				break;
		if (p->key) {
			p->val = n->kids[i + 1];
			p->keynode = k;
		} else if (strncmp(k->value, "x-", 2)) {
			err(c, k, "unknown key '%s' in %s", k->value, what);
		}
	}
	for (struct field *p = f; p->key; p++)
		if (p->required && !p->val)
			err(c, n, "%s has no '%s'", what, p->key);
	return true;
}

/* The text of a scalar field, or NULL (with an error if it is not a
 * scalar or is empty). */
static const char *text(struct ctx *c, const struct field *f)
{
	if (!f->val)
		return NULL;
	if (f->val->type != JF_YN_SCALAR) {
		err(c, f->val, "'%s' must be a single value", f->key);
		return NULL;
	}
	if (!f->val->value[0]) {
		err(c, f->val, "'%s' is empty", f->key);
		return NULL;
	}
	return f->val->value;
}

static bool charset_ok(const char *s, const char *extra, bool upper)
{
	size_t n = strlen(s);
	if (n == 0 || n > 64)
		return false;
	for (; *s; s++) {
		char ch = *s;
		if ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') ||
		    (upper && ch >= 'A' && ch <= 'Z') || (ch && strchr(extra, ch)))
			continue;
		return false;
	}
	return true;
}

static jf_date date_field(struct ctx *c, const struct field *f)
{
	const char *s = text(c, f), *why;
	jf_date d;
	if (!s)
		return JF_DATE_NONE;
	if (jf_date_parse(s, &d, &why) < 0) {
		err(c, f->val, "bad '%s' date '%s': %s", f->key, s, why);
		return JF_DATE_NONE;
	}
	return d;
}

static bool points_field(struct ctx *c, const struct field *f, jf_points *out)
{
	const char *s = text(c, f), *why;
	if (!s)
		return false;
	if (jf_points_parse(s, out, &why) < 0) {
		err(c, f->val, "bad points '%s': %s", s, why);
		return false;
	}
	return true;
}

static void window(struct ctx *c, const struct field *since, const struct field *until,
		   jf_date *s, jf_date *u)
{
	*s = date_field(c, since);
	*u = date_field(c, until);
	if (*s != JF_DATE_NONE && *u != JF_DATE_NONE && *s > *u)
		err(c, until->val, "'until' is before 'since'");
}

/* The sequence under key of the top mapping; NULL (with error) otherwise. */
static const struct jf_ynode *seq(struct ctx *c, const struct field *f)
{
	if (!f->val)
		return NULL;
	if (f->val->type == JF_YN_SCALAR && !f->val->value[0])
		return NULL; /* "goods:" with nothing under it */
	if (f->val->type != JF_YN_SEQ) {
		err(c, f->val, "'%s' must be a list", f->key);
		return NULL;
	}
	return f->val;
}

static void unique(struct ctx *c, struct jf_strmap *m, const char *key, int idx,
		   const struct jf_ynode *n, const char *what)
{
	if (jf_strmap_put(m, key, idx) >= 0)
		err(c, n, "duplicate %s '%s'", what, key);
}

static enum jf_status load(const struct jf_book *b, const char *name,
			   struct jf_ynode **root, struct jf_diags *d)
{
	struct jf_buf path = JF_BUF_INIT;
	enum jf_status st;
	jf_buf_addf(&path, "%s/%s", b->root, name);
	struct stat lst;
	if (lstat(path.s, &lst) == 0 && !S_ISREG(lst.st_mode)) {
		/* a link could make jf read (and quote in messages) any file */
		jf_error_at(d, name, 0, 0, "not a regular file (symbolic links are not followed)");
		jf_buf_release(&path);
		*root = NULL;
		return JF_INVALID;
	}
	st = jf_yread_tree(path.s, name, &jf_settings_limits, root, d);
	jf_buf_release(&path);
	return st;
}

static bool pattern_ok(const char *p)
{
	if (strncmp(p, "ledger/", 7) || strstr(p, "..") || strstr(p, "//") ||
	    strlen(p) < 13 || strcmp(p + strlen(p) - 5, ".yaml"))
		return false;
	for (const char *s = p; *s; s++) {
		if (*s == '{') {
			if (!strncmp(s, "{year}", 6))
				s += 5;
			else if (!strncmp(s, "{village}", 9))
				s += 8;
			else
				return false;
		} else if (*s == '}' || *s == '\\' || (unsigned char)*s < 0x20) {
			return false;
		}
	}
	return true;
}

/* expiry: {every: year-end} or {years: N}, and since: (SPEC 4.4). */
static void read_expiry(struct jf_book *b, struct ctx *c, const struct field *top)
{
	struct field f[] = { { "every", false, 0, 0 }, { "years", false, 0, 0 },
			     { "since", false, 0, 0 }, { NULL, 0, 0, 0 } };
	const char *s, *why;
	b->expiry.since = JF_DATE_NONE;
	if (!fields(c, top->val, "'expiry'", f))
		return;
	if (f[0].val && f[1].val) {
		err(c, f[1].keynode, "'expiry' takes 'every' or 'years', not both");
		return;
	}
	if (!f[0].val && !f[1].val) {
		err(c, top->val, "'expiry' needs 'every: year-end' or 'years: N'");
		return;
	}
	if ((s = text(c, &f[0]))) {
		if (strcmp(s, "year-end"))
			err(c, f[0].val, "bad 'every' '%s' (year-end)", s);
		else
			b->expiry.years = 1;
	}
	if ((s = text(c, &f[1]))) {
		int64_t n;
		if (jf_int_parse(s, 1, 100, &n, &why) < 0)
			err(c, f[1].val, "bad 'years' '%s': %s (1 to 100)", s, why);
		else
			b->expiry.years = (int)n;
	}
	b->expiry.since = date_field(c, &f[2]);
	if (c->bad)
		b->expiry.years = 0;
}

/* stars: {base, veto: [rule...], levels: [{stars, min}...]} (SPEC 4.4). */
static void read_stars(struct jf_book *b, struct ctx *c, const struct field *top)
{
	struct field f[] = { { "base", false, 0, 0 }, { "veto", false, 0, 0 },
			     { "levels", true, 0, 0 }, { NULL, 0, 0, 0 } };
	struct jf_stars *st = &b->stars;
	if (!fields(c, top->val, "'stars'", f))
		return;
	st->set = true;
	if (f[0].val && !points_field(c, &f[0], &st->base))
		st->base = 0;
	const struct jf_ynode *v = seq(c, &f[1]);
	if (v) {
		st->veto_codes = jf_calloc(v->nkids ? v->nkids : 1, sizeof *st->veto_codes);
		st->veto_pos = jf_calloc(v->nkids ? 2 * v->nkids : 2, sizeof *st->veto_pos);
		for (size_t i = 0; i < v->nkids; i++) {
			const struct jf_ynode *k = v->kids[i];
			if (k->type != JF_YN_SCALAR || !k->value[0]) {
				err(c, k, "a 'veto' rule must be an activity code");
				continue;
			}
			for (size_t j = 0; j < st->nveto; j++)
				if (!strcmp(st->veto_codes[j], k->value))
					err(c, k, "duplicate veto rule '%s'", k->value);
			st->veto_pos[2 * st->nveto] = k->line;
			st->veto_pos[2 * st->nveto + 1] = k->col;
			st->veto_codes[st->nveto++] = jf_strdup(k->value);
		}
	}
	const struct jf_ynode *l = seq(c, &f[2]);
	if (f[2].val && (!l || !l->nkids)) {
		if (!c->bad)
			err(c, f[2].val, "'levels' is empty");
		return;
	}
	if (!l)
		return;
	st->levels = jf_calloc(l->nkids, sizeof *st->levels);
	for (size_t i = 0; i < l->nkids; i++) {
		struct field lf[] = { { "stars", true, 0, 0 }, { "min", true, 0, 0 },
				      { NULL, 0, 0, 0 } };
		const char *s, *why;
		int64_t n;
		jf_points min;
		if (!fields(c, l->kids[i], "a star level", lf))
			continue;
		if (!(s = text(c, &lf[0])))
			continue;
		if (jf_int_parse(s, 1, 10, &n, &why) < 0) {
			err(c, lf[0].val, "bad 'stars' '%s': %s (1 to 10)", s, why);
			continue;
		}
		if (!points_field(c, &lf[1], &min))
			continue;
		bool bad = false;
		for (size_t j = 0; j < st->nlevels; j++) {
			const struct jf_star_level *p = &st->levels[j];
			if (p->stars == n) {
				err(c, lf[0].val, "duplicate star level %lld", (long long)n);
				bad = true;
			} else if ((p->stars > n) != (p->min > min) || p->min == min) {
				err(c, lf[1].val, "star levels must ask more points for more stars");
				bad = true;
			}
		}
		if (bad)
			continue;
		st->levels[st->nlevels].stars = (int)n;
		st->levels[st->nlevels].min = min;
		st->nlevels++;
	}
	/* most stars first */
	for (size_t i = 1; i < st->nlevels; i++)
		for (size_t j = i; j > 0 && st->levels[j].stars > st->levels[j - 1].stars; j--) {
			struct jf_star_level t = st->levels[j];
			st->levels[j] = st->levels[j - 1];
			st->levels[j - 1] = t;
		}
}

/* The veto rules of stars: named activities of the catalogue. */
static void resolve_stars(struct jf_book *b, struct ctx *c)
{
	struct jf_stars *st = &b->stars;
	if (!st->nveto)
		return;
	st->veto = jf_calloc(st->nveto, sizeof *st->veto);
	for (size_t i = 0; i < st->nveto; i++)
		if ((st->veto[i] = jf_book_activity(b, st->veto_codes[i])) < 0) {
			struct jf_ynode at = { .line = st->veto_pos[2 * i], .col = st->veto_pos[2 * i + 1] };
			err(c, &at, "'stars' vetoes unknown activity '%s'", st->veto_codes[i]);
		}
}

static void read_settings(struct jf_book *b, struct ctx *c, const struct jf_ynode *root)
{
	struct field f[] = {
		{ "township", true, 0, 0 }, { "timezone", true, 0, 0 },
		{ "villages", true, 0, 0 }, { "ledger", false, 0, 0 },
		{ "low_stock", false, 0, 0 }, { "lang", false, 0, 0 },
		{ "expiry", false, 0, 0 }, { "stars", false, 0, 0 },
		{ NULL, 0, 0, 0 },
	};
	const char *s;
	if (!fields(c, root, "jf.yaml", f))
		return;
	if ((s = text(c, &f[0])))
		b->township = jf_strdup(s);
	if ((s = text(c, &f[1]))) {
		if (!jf_tz_valid(s))
			err(c, f[1].val, "unknown time zone '%s' (is tzdata installed?)", s);
		else
			b->timezone = jf_strdup(s);
	}
	const struct jf_ynode *v = seq(c, &f[2]);
	if (f[2].val && (!v || !v->nkids) && !c->bad)
		err(c, f[2].val, "'villages' is empty");
	if (v) {
		b->villages = jf_calloc(v->nkids, sizeof *b->villages);
		for (size_t i = 0; i < v->nkids; i++) {
			struct field vf[] = { { "code", true, 0, 0 }, { "name", true, 0, 0 },
					      { NULL, 0, 0, 0 } };
			if (!fields(c, v->kids[i], "a village", vf))
				continue;
			const char *code = text(c, &vf[0]), *name = text(c, &vf[1]);
			if (!code || !name)
				continue;
			if (!charset_ok(code, "_-", true)) {
				err(c, vf[0].val, "bad village code '%s' (letters, digits, '-', '_')", code);
				continue;
			}
			struct jf_village *vv = &b->villages[b->nvillages];
			vv->code = jf_strdup(code);
			vv->name = jf_strdup(name);
			unique(c, &b->village_ix, vv->code, (int)b->nvillages, vf[0].val, "village");
			b->nvillages++;
		}
	}
	b->ledger_pattern = jf_strdup("ledger/{year}/{village}.yaml");
	if ((s = text(c, &f[3]))) {
		if (!pattern_ok(s)) {
			err(c, f[3].val, "bad ledger pattern '%s' (ledger/...yaml with {year} and {village})", s);
		} else {
			free(b->ledger_pattern);
			b->ledger_pattern = jf_strdup(s);
		}
	}
	b->low_stock = -1;
	if ((s = text(c, &f[4]))) {
		const char *why;
		if (jf_int_parse(s, 0, 1000000000, &b->low_stock, &why) < 0)
			err(c, f[4].val, "bad low_stock '%s': %s", s, why);
	}
	if ((s = text(c, &f[5]))) {
		if (!strcmp(s, "zh"))
			b->lang = JF_LANG_ZH;
		else if (strcmp(s, "en"))
			err(c, f[5].val, "unknown lang '%s' (en or zh)", s);
	}
	if (f[6].val)
		read_expiry(b, c, &f[6]);
	if (f[7].val)
		read_stars(b, c, &f[7]);
}

static void read_limit(struct ctx *c, const struct field *f, struct jf_activity *a)
{
	const char *s = text(c, f), *why, *slash;
	static const char *const units[] = { "day", "week", "month", "year" };
	if (!s)
		return;
	slash = strchr(s, '/');
	if (slash) {
		char *num = jf_strndup(s, (size_t)(slash - s));
		int rc = jf_int_parse(num, 1, 1000000, &a->limit, &why);
		free(num);
		if (rc == 0)
			for (int i = 0; i < 4; i++)
				if (!strcmp(slash + 1, units[i])) {
					a->limit_per = (enum jf_period_unit)i;
					return;
				}
	}
	a->limit = 0;
	err(c, f->val, "bad limit '%s' (N/day, N/week, N/month or N/year)", s);
}

static void read_catalogue(struct jf_book *b, struct ctx *c, const struct jf_ynode *root)
{
	struct field f[] = { { "activities", true, 0, 0 }, { "goods", false, 0, 0 },
			     { NULL, 0, 0, 0 } };
	if (!root) {
		err(c, NULL, "the catalogue is empty");
		return;
	}
	if (!fields(c, root, "catalogue.yaml", f))
		return;
	const struct jf_ynode *v = seq(c, &f[0]);
	if (v) {
		b->activities = jf_calloc(v->nkids, sizeof *b->activities);
		for (size_t i = 0; i < v->nkids; i++) {
			struct field af[] = {
				{ "code", true, 0, 0 }, { "name", true, 0, 0 },
				{ "category", true, 0, 0 }, { "points", true, 0, 0 },
				{ "limit", false, 0, 0 }, { "since", false, 0, 0 },
				{ "until", false, 0, 0 }, { NULL, 0, 0, 0 },
			};
			if (!fields(c, v->kids[i], "an activity", af))
				continue;
			const char *code = text(c, &af[0]), *name = text(c, &af[1]),
				   *cat = text(c, &af[2]);
			struct jf_activity a = { 0 };
			if (!points_field(c, &af[3], &a.points) || !code || !name || !cat)
				continue;
			if (!charset_ok(code, "-", false)) {
				err(c, af[0].val, "bad activity code '%s' (a-z, 0-9, '-')", code);
				continue;
			}
			if (a.points == 0)
				err(c, af[3].val, "an activity's points must not be 0");
			read_limit(c, &af[4], &a);
			window(c, &af[5], &af[6], &a.since, &a.until);
			a.code = jf_strdup(code);
			a.name = jf_strdup(name);
			a.category = jf_strdup(cat);
			int k = jf_strmap_gets(&b->category_ix, a.category);
			if (k < 0) {
				k = (int)b->ncategories;
				b->categories = jf_reallocarray(b->categories, b->ncategories + 1,
								sizeof *b->categories);
				b->categories[b->ncategories++] = a.category;
				jf_strmap_put(&b->category_ix, a.category, k);
			}
			a.cat = k;
			b->activities[b->nactivities] = a;
			unique(c, &b->activity_ix, a.code, (int)b->nactivities, af[0].val, "activity");
			b->nactivities++;
		}
	}
	v = seq(c, &f[1]);
	if (v) {
		b->goods = jf_calloc(v->nkids, sizeof *b->goods);
		for (size_t i = 0; i < v->nkids; i++) {
			struct field gf[] = {
				{ "code", true, 0, 0 }, { "name", true, 0, 0 },
				{ "unit", true, 0, 0 }, { "points", true, 0, 0 },
				{ "stock", false, 0, 0 }, { NULL, 0, 0, 0 },
			};
			if (!fields(c, v->kids[i], "a good", gf))
				continue;
			const char *code = text(c, &gf[0]), *name = text(c, &gf[1]),
				   *unit = text(c, &gf[2]), *st = text(c, &gf[4]);
			struct jf_good g = { 0 };
			if (!points_field(c, &gf[3], &g.points) || !code || !name || !unit)
				continue;
			if (!charset_ok(code, "-", false)) {
				err(c, gf[0].val, "bad item code '%s' (a-z, 0-9, '-')", code);
				continue;
			}
			if (g.points <= 0)
				err(c, gf[3].val, "a price must be more than 0");
			if (st && !strcmp(st, "true"))
				g.stock = true;
			else if (st && strcmp(st, "false"))
				err(c, gf[4].val, "'stock' must be true or false, not '%s'", st);
			g.code = jf_strdup(code);
			g.name = jf_strdup(name);
			g.unit = jf_strdup(unit);
			b->goods[b->ngoods] = g;
			unique(c, &b->good_ix, g.code, (int)b->ngoods, gf[0].val, "item");
			b->ngoods++;
		}
	}
}

static void read_households(struct jf_book *b, struct ctx *c, const struct jf_ynode *root)
{
	struct field f[] = { { "households", true, 0, 0 }, { NULL, 0, 0, 0 } };
	if (!root) {
		err(c, NULL, "the household register is empty");
		return;
	}
	if (!fields(c, root, "households.yaml", f))
		return;
	const struct jf_ynode *v = seq(c, &f[0]);
	if (!v)
		return;
	b->households = jf_calloc(v->nkids, sizeof *b->households);
	for (size_t i = 0; i < v->nkids; i++) {
		struct field hf[] = {
			{ "id", true, 0, 0 }, { "head", true, 0, 0 },
			{ "village", true, 0, 0 }, { "since", false, 0, 0 },
			{ "until", false, 0, 0 }, { NULL, 0, 0, 0 },
		};
		if (!fields(c, v->kids[i], "a household", hf))
			continue;
		const char *id = text(c, &hf[0]), *head = text(c, &hf[1]),
			   *vil = text(c, &hf[2]);
		if (!id || !head || !vil)
			continue;
		if (!charset_ok(id, "-", true)) {
			err(c, hf[0].val, "bad household id '%s' (letters, digits, '-')", id);
			continue;
		}
		struct jf_household h = { 0 };
		h.village = jf_book_village(b, vil);
		if (h.village < 0) {
			err(c, hf[2].val, "unknown village '%s'", vil);
			continue;
		}
		window(c, &hf[3], &hf[4], &h.since, &h.until);
		h.id = jf_strdup(id);
		h.head = jf_strdup(head);
		b->households[b->nhouseholds] = h;
		unique(c, &b->household_ix, h.id, (int)b->nhouseholds, hf[0].val, "household");
		b->nhouseholds++;
	}
}

enum jf_status jf_book_open(struct jf_book *b, const char *root, struct jf_diags *d)
{
	static const char *const names[] = { "jf.yaml", "catalogue.yaml", "households.yaml" };
	enum jf_status st = JF_OK;

	memset(b, 0, sizeof *b);
	b->root = jf_strdup(root);
	for (int i = 0; i < 3; i++) {
		struct jf_ynode *tree = NULL;
		struct ctx c = { names[i], d, false };
		enum jf_status s = load(b, names[i], &tree, d);
		if (s != JF_OK) {
			st = jf_status_worst(st, s == JF_SYSTEM ? JF_INVALID : s);
			if (i == 0)
				break; /* without villages the rest cannot be checked */
			continue;
		}
		if (i == 0)
			read_settings(b, &c, tree);
		else if (i == 1) {
			read_catalogue(b, &c, tree);
			struct ctx sc = { names[0], d, false };
			resolve_stars(b, &sc);
			if (sc.bad)
				st = jf_status_worst(st, JF_INVALID);
		}
		else
			read_households(b, &c, tree);
		jf_ynode_free(tree);
		if (c.bad)
			st = jf_status_worst(st, JF_INVALID);
	}
	if (st != JF_OK)
		jf_book_release(b);
	return st;
}

void jf_book_release(struct jf_book *b)
{
	for (size_t i = 0; i < b->nvillages; i++) {
		free(b->villages[i].code);
		free(b->villages[i].name);
	}
	for (size_t i = 0; i < b->nactivities; i++) {
		free(b->activities[i].code);
		free(b->activities[i].name);
		free(b->activities[i].category);
	}
	for (size_t i = 0; i < b->ngoods; i++) {
		free(b->goods[i].code);
		free(b->goods[i].name);
		free(b->goods[i].unit);
	}
	for (size_t i = 0; i < b->nhouseholds; i++) {
		free(b->households[i].id);
		free(b->households[i].head);
	}
	for (size_t i = 0; i < b->stars.nveto; i++)
		free(b->stars.veto_codes[i]);
	free(b->stars.veto_codes);
	free(b->stars.veto_pos);
	free(b->stars.veto);
	free(b->stars.levels);
	free(b->villages);
	free(b->activities);
	free(b->categories);
	free(b->goods);
	free(b->households);
	free(b->root);
	free(b->township);
	free(b->timezone);
	free(b->ledger_pattern);
	jf_strmap_release(&b->village_ix);
	jf_strmap_release(&b->activity_ix);
	jf_strmap_release(&b->good_ix);
	jf_strmap_release(&b->household_ix);
	jf_strmap_release(&b->category_ix);
	memset(b, 0, sizeof *b);
}

int jf_book_village(const struct jf_book *b, const char *code)
{
	return jf_strmap_gets(&b->village_ix, code);
}

int jf_book_activity(const struct jf_book *b, const char *code)
{
	return jf_strmap_gets(&b->activity_ix, code);
}

int jf_book_good(const struct jf_book *b, const char *code)
{
	return jf_strmap_gets(&b->good_ix, code);
}

int jf_book_household(const struct jf_book *b, const char *id)
{
	return jf_strmap_gets(&b->household_ix, id);
}

bool jf_date_within(jf_date d, jf_date since, jf_date until)
{
	return (since == JF_DATE_NONE || d >= since) && (until == JF_DATE_NONE || d <= until);
}

void jf_book_ledger_path(const struct jf_book *b, int village, jf_date d,
			 struct jf_buf *out)
{
	int y, m, dd;
	jf_date_to_ymd(d, &y, &m, &dd);
	for (const char *s = b->ledger_pattern; *s; s++) {
		if (!strncmp(s, "{year}", 6)) {
			jf_buf_addf(out, "%04d", y);
			s += 5;
		} else if (!strncmp(s, "{village}", 9)) {
			jf_buf_adds(out, b->villages[village].code);
			s += 8;
		} else {
			jf_buf_addc(out, *s);
		}
	}
}

static bool is_book(const char *dir)
{
	struct jf_buf p = JF_BUF_INIT;
	struct stat st;
	jf_buf_addf(&p, "%s/jf.yaml", dir);
	bool ok = stat(p.s, &st) == 0 && S_ISREG(st.st_mode);
	jf_buf_release(&p);
	return ok;
}

enum jf_status jf_book_find(const char *dir, char **root, struct jf_diags *d)
{
	*root = NULL;
	if (!dir || !*dir)
		dir = getenv("JF_BOOK");
	if (dir && *dir) {
		if (!is_book(dir)) {
			jf_error(d, "'%s' is not a jf book (no jf.yaml there)", dir);
			return JF_USAGE;
		}
		*root = jf_strdup(dir);
		return JF_OK;
	}
	char *cwd = getcwd(NULL, 0);
	if (!cwd) {
		jf_error(d, "cannot get the working directory: %s", strerror(errno));
		return JF_SYSTEM;
	}
	for (;;) {
		if (is_book(cwd)) {
			*root = cwd;
			return JF_OK;
		}
		char *slash = strrchr(cwd, '/');
		if (!slash || slash == cwd) {
			if (slash && cwd[1]) {
				cwd[1] = '\0';
				continue;
			}
			break;
		}
		*slash = '\0';
	}
	free(cwd);
	jf_error(d, "not in a jf book (no jf.yaml here or in any parent directory); use -C DIR or set JF_BOOK");
	return JF_USAGE;
}
