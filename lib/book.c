/* book.c - reading jf.yaml, catalogue.yaml and households.yaml. */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "alloc.h"
#include "book.h"
#include "cache.h"
#include "width.h"
#include "settings.h"
#include "volunteers.h"
#include "yemit.h"

const struct jf_ylimits jf_settings_limits = {
	.max_bytes = 64u << 20, .max_scalar = 4096, .max_depth = 4, .allow_cr = true,
	.max_line = 8192,
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
	if (jf_utf8_has_bidi(f->val->value, strlen(f->val->value))) {
		/* it would print reversed on every page */
		err(c, f->val, "'%s' contains a bidirectional control character "
			       "(U+202A-U+202E, U+2066-U+2069)", f->key);
		return NULL;
	}
	return f->val->value;
}

/* Item n of a list, `what` (a mapping), matched against f: the texts of
 * its first fields into the const char ** that follow, one per field,
 * NULL-terminated (NULL where a field is absent).  False when n is no
 * mapping, or one of those fields is required and absent or present and
 * no good scalar (each said). */
static bool vitem(struct ctx *c, const struct jf_ynode *n, const char *what, struct field *f,
		  va_list ap)
{
	if (!fields(c, n, what, f))
		return false;
	bool ok = true;
	for (const char **t; (t = va_arg(ap, const char **)); f++)
		if (!(*t = text(c, f)) && (f->required || f->val))
			ok = false;
	return ok;
}

static bool item(struct ctx *c, const struct jf_ynode *n, const char *what, struct field *f,
		 ...)
{
	va_list ap;
	va_start(ap, f);
	bool ok = vitem(c, n, what, f, ap);
	va_end(ap);
	return ok;
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

/* ---- the book's strings: blocks that never move ---- */

struct jf_strblock {
	struct jf_strblock *next;
	size_t used, cap;
	char s[];
};

#define STRBLOCK 65536

/* A copy of s[0..n) with a NUL, owned by the book. */
static char *bstrn(struct jf_book *b, const char *s, size_t n)
{
	struct jf_strblock *k = b->strings;
	if (!k || k->cap - k->used < n + 1) {
		size_t cap = n + 1 > STRBLOCK ? n + 1 : STRBLOCK;
		k = jf_malloc(sizeof *k + cap);
		k->used = 0;
		k->cap = cap;
		if (b->strings && cap > STRBLOCK) {
			/* a large string has a block of its own; the current one stays */
			k->next = b->strings->next;
			b->strings->next = k;
		} else {
			k->next = b->strings;
			b->strings = k;
		}
	}
	char *r = k->s + k->used;
	memcpy(r, s, n);
	r[n] = '\0';
	k->used += n + 1;
	return r;
}

static char *bstr(struct jf_book *b, const char *s)
{
	return bstrn(b, s, strlen(s));
}

/* ---- reading a settings file as its events arrive ----
 *
 * A settings file is one mapping.  Its lists of villages, activities,
 * goods and households are read one item at a time, each item as a small
 * tree of its own (its values, a collection under a key only as an empty
 * placeholder), handed to a function and freed: memory grows with what the
 * book keeps, never with the file.  Every other value of the top mapping
 * is kept the same way, so that the checks of fields() and text() apply.
 */

/* Beside its lists, a settings file holds at most this many values. */
#define BLOCK_NODES 10000

/* One item of a list, whose first event is ev: a mapping of flat values,
 * or a flat value (which the item's reader refuses).  NULL after an error. */
static struct jf_ynode *flat_item(struct jf_yread *r, const struct jf_yev *ev, bool *bad)
{
	return jf_yread_value(r, ev, bad, ev->type == JF_YEV_MAP_START ? 1 : 0, NULL);
}

/* Read the items of list l, whose SEQ_START was just read. */
static bool read_list(struct jf_book *b, struct ctx *c, struct jf_yread *r, struct list *l,
		      bool *bad)
{
	struct jf_yev ev;
	for (;;) {
		if (jf_yread_next(r, &ev) <= 0)
			return false;
		if (ev.type == JF_YEV_SEQ_END)
			return true;
		if (l->n == l->max) {
			c->bad = true;
			jf_error_at(c->d, c->file, ev.line, ev.col,
				    "more than %zu %s (the most a township's book holds)", l->max,
				    l->key);
			return false;
		}
		struct jf_ynode *it = flat_item(r, &ev, bad);
		if (!it)
			return false;
		l->n++;
		l->item(b, c, it);
		jf_ynode_free(it);
	}
}

/*
 * Read settings file name of book b: the lists in lists (NULL-key
 * terminated) item by item, through their functions; the rest of its top
 * mapping into *top (NULL for an empty file), a list's value there an empty
 * node of its type.  Returns JF_OK, or JF_INVALID / JF_SYSTEM with
 * diagnostics (*top is then NULL).
 */
static enum jf_status read_file(struct jf_book *b, struct ctx *c, struct list *lists,
				struct jf_ynode **top)
{
	struct jf_buf path = JF_BUF_INIT;
	struct jf_yread r;
	struct jf_yev ev;
	struct jf_ynode *t = NULL;
	struct jf_ykeys k = JF_YKEYS_INIT;
	bool bad = false, fail = false;
	int docs = 0, rc = 0;
	enum jf_status st;
	struct jf_ybudget budget = { BLOCK_NODES, false, 0, 0 }; /* the whole file's */

	*top = NULL;
	jf_buf_addf(&path, "%s/%s", b->root, c->file);
	struct stat lst;
	if (lstat(path.s, &lst) == 0 && !S_ISREG(lst.st_mode)) {
		/* a link could make jf read (and quote in messages) any file */
		jf_error_at(c->d, c->file, 0, 0, "not a regular file (symbolic links are not followed)");
		jf_buf_release(&path);
		return JF_INVALID;
	}
	st = jf_yread_open(&r, path.s, c->file, &jf_settings_limits, c->d);
	jf_buf_release(&path);
	if (st != JF_OK)
		return st;
	while (!fail && (rc = jf_yread_next(&r, &ev)) > 0) {
		if (ev.type == JF_YEV_DOC_START) {
			if (++docs > 1) {
				jf_error_at(c->d, c->file, ev.line, ev.col, "only one document is allowed");
				fail = true;
			}
			continue;
		}
		if (ev.type == JF_YEV_DOC_END)
			continue;
		if (ev.type != JF_YEV_MAP_START) {
			/* not a mapping: fields() says so */
			if (!(t = jf_yread_value(&r, &ev, &bad, 0, NULL)))
				fail = true;
			continue;
		}
		t = jf_ynode_new(JF_YN_MAP, &ev);
		while (!fail) {
			if (jf_yread_next(&r, &ev) <= 0) {
				fail = true;
				break;
			}
			if (ev.type == JF_YEV_MAP_END)
				break;
			if (!jf_ykey_ok(&r, &k, &ev, &bad)) {
				fail = true;
				break;
			}
			struct jf_ynode *key = jf_ynode_new(JF_YN_SCALAR, &ev);
			jf_ynode_push(t, key);
			if (jf_yread_next(&r, &ev) <= 0) {
				fail = true;
				break;
			}
			struct list *l = lists;
			while (l->key && strcmp(l->key, key->value))
				l++;
			struct jf_ynode *v;
			if (l->key && ev.type == JF_YEV_SEQ_START) {
				v = jf_ynode_new(JF_YN_SEQ, &ev);
				if (!read_list(b, c, &r, l, &bad))
					fail = true;
			} else {
				/* blocks of settings are kept whole, bounded */
				v = jf_yread_value(&r, &ev, &bad, 64, &budget);
			}
			if (!v) {
				if (budget.over)
					jf_error_at(c->d, c->file, budget.line, budget.col,
						    "the settings outside the lists are too large (more "
						    "than %d values)", BLOCK_NODES);
				fail = true;
				break;
			}
			jf_ynode_push(t, v);
		}
	}
	if (rc < 0)
		fail = true;
	jf_ykeys_release(&k);
	st = jf_yread_close(&r);
	if (st == JF_OK && (bad || fail || r.failed))
		st = JF_INVALID;
	if (st != JF_OK) {
		jf_ynode_free(t);
		return st;
	}
	*top = t;
	return JF_OK;
}

/*
 * Why pattern p is refused, or NULL.  Every file it can expand to must be
 * one the readers read: they walk ledger/ (at most 16 directories deep),
 * skip every name that starts with '.', follow no links and read only
 * names ending ".yaml" (see lib/ledger.c).  A village code (at most 64
 * bytes of letters, digits, '-', '_') and a year (4 digits) never start
 * with '.' nor hold '/', so the literal text decides.
 */
static const char *pattern_why(const char *p)
{
	size_t ncomp = 0, total = 0;

	if (strncmp(p, "ledger/", 7))
		return "it must start with 'ledger/'";
	for (const char *s = p + 7;; ncomp++) {
		const char *e = strchr(s, '/');
		size_t len = e ? (size_t)(e - s) : strlen(s), room = 0;
		if (len == 0)
			return e ? "an empty directory name ('//')" : "it ends with '/'";
		if (s[0] == '.')
			return "a name starts with '.', and readers skip such files and directories";
		for (const char *q = s; q < s + len; q++) {
			if (*q == '{') {
				if (!strncmp(q, "{year}", 6)) {
					q += 5;
					room += 4;
				} else if (!strncmp(q, "{village}", 9)) {
					q += 8;
					room += 64;
				} else {
					return "only {year} and {village} may stand in braces";
				}
			} else if (*q == '}' || *q == '\\' || (unsigned char)*q < 0x20 || *q == 0x7f) {
				return "a brace, backslash or control character";
			} else {
				room++;
			}
		}
		if (room > 255)
			return "a name longer than 255 bytes";
		total += room + 1;
		if (!e) {
			if (len <= 5 || strcmp(s + len - 5, ".yaml"))
				return "the file name must end in '.yaml' (readers read no other files)";
			break;
		}
		s = e + 1;
	}
	if (ncomp > 16)
		return "more than 16 directories under ledger/ (readers go no deeper)";
	if (total > 1024)
		return "the file names can be longer than 1024 bytes";
	return NULL;
}

/* The most of each a book holds: a township's size, and what the 16-bit
 * fields of a struct jf_effect (index.h) can number. */
#define MAX_VILLAGES 1000
#define MAX_ACTIVITIES 10000
#define MAX_GOODS 10000
#define MAX_HOUSEHOLDS 100000

/* Item x (sz bytes) appended to the *n items of array v (room for *cap),
 * indexed by key in m ("duplicate WHAT 'KEY'" at node at when key was
 * there already).  Returns the array, moved when it grew. */
static void *add(struct ctx *c, void *v, size_t *n, size_t *cap, const void *x, size_t sz,
		 struct jf_strmap *m, const char *key, const struct jf_ynode *at, const char *what)
{
	v = jf_grow(v, *n, cap, 16, sz);
	memcpy((char *)v + *n * sz, x, sz);
	unique(c, m, key, (int)*n, at, what);
	(*n)++;
	return v;
}

static void village_item(struct jf_book *b, struct ctx *c, const struct jf_ynode *n)
{
	struct field vf[] = { { "code", true, 0, 0 }, { "name", true, 0, 0 },
			      { NULL, 0, 0, 0 } };
	const char *code, *name;
	if (!item(c, n, "a village", vf, &code, &name, (const char **)NULL))
		return;
	if (!charset_ok(code, "_-", true)) {
		err(c, vf[0].val, "bad village code '%s' (letters, digits, '-', '_')", code);
		return;
	}
	struct jf_village vv = { .code = bstr(b, code), .name = bstr(b, name) };
	b->villages = add(c, b->villages, &b->nvillages, &b->cap_villages, &vv, sizeof vv,
			  &b->village_ix, vv.code, vf[0].val, "village");
}

/* One line of the notice: foot: a scalar of at most 200 bytes, no line
 * break (it is printed as one line at the foot of every page). */
static char *notice_line(struct jf_book *b, struct ctx *c, const struct field *f)
{
	const char *s = text(c, f);
	if (!s)
		return NULL;
	if (strlen(s) > 200 || s[strcspn(s, "\r\n")]) {
		err(c, f->val, "'notice: %s' must be one line of at most 200 bytes", f->key);
		return NULL;
	}
	return bstr(b, s);
}

/* notice: {contact, phone} (SPEC 4.2): printed at the foot of every printed
 * page; contact is required in the block, phone optional. */
static void read_notice(struct jf_book *b, struct ctx *c, const struct field *nf)
{
	struct field f[] = { { "contact", true, 0, 0 }, { "phone", false, 0, 0 },
			     { NULL, 0, 0, 0 } };
	if (!nf->val)
		return;
	if (!fields(c, nf->val, "'notice'", f))
		return;
	b->notice_contact = notice_line(b, c, &f[0]);
	b->notice_phone = notice_line(b, c, &f[1]);
}

/* A name that goes into entries as text (a reviewer). */
static bool name_ok(struct ctx *c, const struct jf_ynode *n, const char *what)
{
	const char *why;
	if (!n || n->type != JF_YN_SCALAR) {
		err(c, n, "a %s must be a single value", what);
		return false;
	}
	if (!n->value[0] || strlen(n->value) > 64) {
		err(c, n, "a %s must be 1 to 64 bytes", what);
		return false;
	}
	if ((why = jf_text_check(n->value))) {
		err(c, n, "the %s '%s' %s", what, n->value, why);
		return false;
	}
	return true;
}

/* review: {reviewers: [...], approvals: N, notice_days: D} (SPEC 4.2) */
static void read_review(struct jf_book *b, struct ctx *c, const struct field *top)
{
	struct field f[] = {
		{ "reviewers", true, 0, 0 }, { "approvals", false, 0, 0 },
		{ "notice_days", false, 0, 0 }, { NULL, 0, 0, 0 },
	};
	struct jf_review_settings *r = &b->review;
	const char *s, *why;
	int64_t v;
	if (!top->val)
		return;
	if (!fields(c, top->val, "'review'", f))
		return;
	r->set = true;
	r->approvals = 1;
	r->notice_days = 3;
	const struct jf_ynode *l = f[0].val;
	if (l && (l->type != JF_YN_SEQ || !l->nkids)) {
		err(c, l, "'reviewers' must be a list of at least one name");
		l = NULL;
	}
	if (l && l->nkids > JF_REVIEWERS_MAX) {
		err(c, l, "more than %d reviewers", JF_REVIEWERS_MAX);
		l = NULL;
	}
	if (l) {
		r->reviewers = jf_calloc(l->nkids, sizeof *r->reviewers);
		for (size_t i = 0; i < l->nkids; i++) {
			const struct jf_ynode *n = l->kids[i];
			if (!name_ok(c, n, "reviewer"))
				continue;
			if (jf_book_reviewer(b, n->value) >= 0) {
				err(c, n, "duplicate reviewer '%s'", n->value);
				continue;
			}
			r->reviewers[r->nreviewers++] = bstr(b, n->value);
		}
	}
	if ((s = text(c, &f[1]))) {
		if (jf_int_parse(s, 1, JF_REVIEWERS_MAX, &v, &why) < 0)
			err(c, f[1].val, "bad approvals '%s': %s (1 to %d)", s, why,
			    JF_REVIEWERS_MAX);
		else if (l && (size_t)v > l->nkids)
			err(c, f[1].val, "approvals %lld, but there are only %zu reviewers",
			    (long long)v, l->nkids);
		else
			r->approvals = (int)v;
	}
	if ((s = text(c, &f[2]))) {
		if (jf_int_parse(s, 0, JF_NOTICE_DAYS_MAX, &v, &why) < 0)
			err(c, f[2].val, "bad notice_days '%s': %s (0 to %d)", s, why,
			    JF_NOTICE_DAYS_MAX);
		else
			r->notice_days = (int)v;
	}
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

static void read_settings(struct jf_book *b, struct ctx *c, const struct jf_ynode *root,
			  const struct list *villages)
{
	struct field f[] = {
		{ "township", true, 0, 0 }, { "timezone", true, 0, 0 },
		{ "villages", true, 0, 0 }, { "ledger", false, 0, 0 },
		{ "low_stock", false, 0, 0 }, { "lang", false, 0, 0 },
		{ "notice", false, 0, 0 }, { "review", false, 0, 0 },
		{ "expiry", false, 0, 0 }, { "stars", false, 0, 0 },
		{ "wish_days", false, 0, 0 }, { "volunteer_stars", false, 0, 0 },
		{ NULL, 0, 0, 0 },
	};
	const char *s;
	b->ledger_pattern = bstr(b, "ledger/{year}/{village}.yaml");
	b->low_stock = -1;
	if (!fields(c, root, "jf.yaml", f))
		return;
	read_notice(b, c, &f[6]);
	read_review(b, c, &f[7]);
	if ((s = text(c, &f[0])))
		b->township = bstr(b, s);
	if ((s = text(c, &f[1]))) {
		if (!jf_tz_valid(s))
			err(c, f[1].val, "unknown time zone '%s' (is tzdata installed?)", s);
		else
			b->timezone = bstr(b, s);
	}
	const struct jf_ynode *v = seq(c, &f[2]);
	if (f[2].val && (!v || !villages->n) && !c->bad)
		err(c, f[2].val, "'villages' is empty");
	if ((s = text(c, &f[3]))) {
		const char *why = pattern_why(s);
		if (why)
			err(c, f[3].val, "bad ledger pattern '%s': %s", s, why);
		else
			b->ledger_pattern = bstr(b, s);
	}
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
	if (f[8].val)
		read_expiry(b, c, &f[8]);
	if (f[9].val)
		read_stars(b, c, &f[9]);
	jf_vol_settings(b, c, &f[10], &f[11]);
}

static void read_limit(struct ctx *c, const struct field *f, struct jf_activity *a)
{
	const char *s = text(c, f), *why, *slash;
	static const char *const units[] = { "day", "week", "month", "year", "quarter" };
	if (!s)
		return;
	slash = strchr(s, '/');
	if (slash) {
		char *num = jf_strndup(s, (size_t)(slash - s));
		int rc = jf_int_parse(num, 1, 1000000, &a->limit, &why);
		free(num);
		if (rc == 0)
			for (int i = 0; i < 5; i++)
				if (!strcmp(slash + 1, units[i])) {
					a->limit_per = (enum jf_period_unit)i;
					return;
				}
	}
	a->limit = 0;
	err(c, f->val, "bad limit '%s' (N/day, N/week, N/month, N/quarter or N/year)", s);
}

/* an activity's review: true|false; true needs jf.yaml's review: block */
static void read_activity_review(const struct jf_book *b, struct ctx *c,
				 const struct field *f, struct jf_activity *a)
{
	const char *s = text(c, f);
	if (!s)
		return;
	if (!strcmp(s, "true"))
		a->review = true;
	else if (strcmp(s, "false"))
		err(c, f->val, "'review' must be true or false, not '%s'", s);
	if (a->review && !b->review.set) {
		err(c, f->val, "'review: true' needs a 'review:' block in jf.yaml");
		a->review = false;
	}
}

static void activity_item(struct jf_book *b, struct ctx *c, const struct jf_ynode *n)
{
	struct field af[] = {
		{ "code", true, 0, 0 }, { "name", true, 0, 0 },
		{ "category", true, 0, 0 }, { "points", true, 0, 0 },
		{ "limit", false, 0, 0 }, { "since", false, 0, 0 },
		{ "until", false, 0, 0 }, { "review", false, 0, 0 },
		{ NULL, 0, 0, 0 },
	};
	const char *code, *name, *cat;
	bool ok = item(c, n, "an activity", af, &code, &name, &cat, (const char **)NULL);
	struct jf_activity a = { 0 };
	if (!points_field(c, &af[3], &a.points) || !ok)
		return;
	if (!charset_ok(code, "-", false)) {
		err(c, af[0].val, "bad activity code '%s' (a-z, 0-9, '-')", code);
		return;
	}
	if (a.points == 0)
		err(c, af[3].val, "an activity's points must not be 0");
	read_limit(c, &af[4], &a);
	window(c, &af[5], &af[6], &a.since, &a.until);
	read_activity_review(b, c, &af[7], &a);
	a.code = bstr(b, code);
	a.name = bstr(b, name);
	int k = jf_strmap_gets(&b->category_ix, cat);
	if (k < 0) {
		k = (int)b->ncategories;
		b->categories = jf_reallocarray(b->categories, b->ncategories + 1,
						sizeof *b->categories);
		b->categories[b->ncategories++] = bstr(b, cat);
		jf_strmap_put(&b->category_ix, b->categories[k], k);
	}
	a.category = b->categories[k];
	a.cat = k;
	b->activities = add(c, b->activities, &b->nactivities, &b->cap_activities, &a, sizeof a,
			    &b->activity_ix, a.code, af[0].val, "activity");
}

static void good_item(struct jf_book *b, struct ctx *c, const struct jf_ynode *n)
{
	struct field gf[] = {
		{ "code", true, 0, 0 }, { "name", true, 0, 0 },
		{ "unit", true, 0, 0 }, { "points", true, 0, 0 },
		{ "stock", false, 0, 0 }, { NULL, 0, 0, 0 },
	};
	const char *code, *name, *unit;
	bool ok = item(c, n, "a good", gf, &code, &name, &unit, (const char **)NULL);
	const char *st = text(c, &gf[4]);
	struct jf_good g = { 0 };
	if (!points_field(c, &gf[3], &g.points) || !ok)
		return;
	if (!charset_ok(code, "-", false)) {
		err(c, gf[0].val, "bad item code '%s' (a-z, 0-9, '-')", code);
		return;
	}
	if (g.points <= 0)
		err(c, gf[3].val, "a price must be more than 0");
	if (st && !strcmp(st, "true"))
		g.stock = true;
	else if (st && strcmp(st, "false"))
		err(c, gf[4].val, "'stock' must be true or false, not '%s'", st);
	g.code = bstr(b, code);
	g.name = bstr(b, name);
	g.unit = bstr(b, unit);
	b->goods = add(c, b->goods, &b->ngoods, &b->cap_goods, &g, sizeof g, &b->good_ix, g.code,
		       gf[0].val, "item");
}

static void read_catalogue(struct ctx *c, const struct jf_ynode *root)
{
	struct field f[] = { { "activities", true, 0, 0 }, { "goods", false, 0, 0 },
			     { "services", false, 0, 0 }, { NULL, 0, 0, 0 } };
	if (!root) {
		err(c, NULL, "the catalogue is empty");
		return;
	}
	if (!fields(c, root, "catalogue.yaml", f))
		return;
	seq(c, &f[0]);
	seq(c, &f[1]);
	seq(c, &f[2]);
}

/* The village whose code s (field f's text) is, or -1 ("unknown village"). */
static int village_of(const struct jf_book *b, struct ctx *c, const struct field *f,
		      const char *s)
{
	int v = jf_book_village(b, s);
	if (v < 0)
		err(c, f->val, "unknown village '%s'", s);
	return v;
}

static void household_item(struct jf_book *b, struct ctx *c, const struct jf_ynode *n)
{
	struct field hf[] = {
		{ "id", true, 0, 0 }, { "head", true, 0, 0 },
		{ "village", true, 0, 0 }, { "since", false, 0, 0 },
		{ "until", false, 0, 0 }, { NULL, 0, 0, 0 },
	};
	const char *id, *head, *vil;
	if (!item(c, n, "a household", hf, &id, &head, &vil, (const char **)NULL))
		return;
	if (!charset_ok(id, "-", true)) {
		err(c, hf[0].val, "bad household id '%s' (letters, digits, '-')", id);
		return;
	}
	struct jf_household h = { .village = village_of(b, c, &hf[2], vil) };
	if (h.village < 0)
		return;
	window(c, &hf[3], &hf[4], &h.since, &h.until);
	h.id = bstr(b, id);
	h.head = bstr(b, head);
	b->households = add(c, b->households, &b->nhouseholds, &b->cap_households, &h, sizeof h,
			    &b->household_ix, h.id, hf[0].val, "household");
}

static void read_households(struct ctx *c, const struct jf_ynode *root)
{
	struct field f[] = { { "households", true, 0, 0 }, { NULL, 0, 0, 0 } };
	if (!root) {
		err(c, NULL, "the household register is empty");
		return;
	}
	if (!fields(c, root, "households.yaml", f))
		return;
	seq(c, &f[0]);
}

enum jf_status jf_book_open(struct jf_book *b, const char *root, struct jf_diags *d)
{
	static const char *const names[] = { "jf.yaml", "catalogue.yaml", "households.yaml" };
	struct list lists[3][4] = {
		{ { "villages", MAX_VILLAGES, village_item, 0 }, { NULL, 0, NULL, 0 } },
		{ { "activities", MAX_ACTIVITIES, activity_item, 0 },
		  { "goods", MAX_GOODS, good_item, 0 },
		  { "services", JF_SERVICES_MAX, jf_service_item, 0 }, { NULL, 0, NULL, 0 } },
		{ { "households", MAX_HOUSEHOLDS, household_item, 0 }, { NULL, 0, NULL, 0 } },
	};
	enum jf_status st = JF_OK;
	struct jf_settings_ident id0, id1;

	memset(b, 0, sizeof *b);
	b->root = jf_strdup(root);
	/* the caches hold indexes into what is read here: they are kept
	 * under the hash of these bytes, which no file changed meanwhile */
	jf_cache_settings_ident(root, &id0);
	unsigned char digest[32];
	bool digest_ok = jf_cache_settings_digest(root, digest);
	for (int i = 0; i < 3; i++) {
		struct jf_ynode *tree = NULL;
		struct ctx c = { names[i], d, false };
		enum jf_status s = read_file(b, &c, lists[i], &tree);
		if (s != JF_OK) {
			st = jf_status_worst(st, s == JF_SYSTEM ? JF_INVALID : s);
			if (i == 0)
				break; /* without villages the rest cannot be checked */
			continue;
		}
		if (i == 0)
			read_settings(b, &c, tree, &lists[0][0]);
		else if (i == 1) {
			read_catalogue(&c, tree);
			struct ctx sc = { names[0], d, false };
			resolve_stars(b, &sc);
			if (sc.bad)
				st = jf_status_worst(st, JF_INVALID);
		}
		else
			read_households(&c, tree);
		jf_ynode_free(tree);
		if (c.bad)
			st = jf_status_worst(st, JF_INVALID);
	}
	if (st == JF_OK)
		st = jf_vol_open(b, d);
	if (st == JF_OK) {
		jf_cache_settings_ident(root, &id1);
		b->settings_ok = digest_ok && !memcmp(&id0, &id1, sizeof id0);
		memcpy(b->settings_digest, digest, sizeof digest);
	}
	if (st != JF_OK)
		jf_book_release(b);
	return st;
}

void jf_book_release(struct jf_book *b)
{
	for (struct jf_strblock *k = b->strings, *next; k; k = next) {
		next = k->next;
		free(k);
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
	free(b->review.reviewers);
	free(b->root);
	jf_strmap_release(&b->village_ix);
	jf_strmap_release(&b->activity_ix);
	jf_strmap_release(&b->good_ix);
	jf_strmap_release(&b->household_ix);
	jf_strmap_release(&b->category_ix);
	jf_vol_release(&b->vol);
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

int jf_book_reviewer(const struct jf_book *b, const char *name)
{
	for (size_t i = 0; i < b->review.nreviewers; i++)
		if (!strcmp(b->review.reviewers[i], name))
			return (int)i;
	return -1;
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

/* ---- for the other settings readers (settings.h) ---- */

void jf_settings_err(struct ctx *c, const struct jf_ynode *n, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	jf_diag_vadd(c->d, JF_SEV_ERROR, c->file, n ? n->line : 0, n ? n->col : 0, fmt, ap);
	va_end(ap);
	c->bad = true;
}

bool jf_settings_fields(struct ctx *c, const struct jf_ynode *n, const char *what,
			struct field *f)
{
	return fields(c, n, what, f);
}

bool jf_settings_item(struct ctx *c, const struct jf_ynode *n, const char *what,
		      struct field *f, ...)
{
	va_list ap;
	va_start(ap, f);
	bool ok = vitem(c, n, what, f, ap);
	va_end(ap);
	return ok;
}

const char *jf_settings_text(struct ctx *c, const struct field *f)
{
	return text(c, f);
}

bool jf_settings_code_ok(const char *s, const char *extra, bool upper)
{
	return charset_ok(s, extra, upper);
}

void jf_settings_window(struct ctx *c, const struct field *since, const struct field *until,
			jf_date *s, jf_date *u)
{
	window(c, since, until, s, u);
}

const struct jf_ynode *jf_settings_seq(struct ctx *c, const struct field *f)
{
	return seq(c, f);
}

char *jf_settings_str(struct jf_book *b, const char *s)
{
	return bstr(b, s);
}

int jf_settings_village(const struct jf_book *b, struct ctx *c, const struct field *f,
			const char *s)
{
	return village_of(b, c, f, s);
}

void *jf_settings_add(struct ctx *c, void *v, size_t *n, size_t *cap, const void *x, size_t sz,
		      struct jf_strmap *m, const char *key, const struct jf_ynode *at,
		      const char *what)
{
	return add(c, v, n, cap, x, sz, m, key, at, what);
}

enum jf_status jf_settings_read(struct jf_book *b, struct ctx *c, struct list *lists,
				struct jf_ynode **top)
{
	return read_file(b, c, lists, top);
}
