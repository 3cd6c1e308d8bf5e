/* merge.c - the ledger merge: prefix proof, entry split, strict reading. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "alloc.h"
#include "fileio.h"
#include "id.h"
#include "ledger.h"
#include "merge.h"
#include "width.h"
#include "strmap.h"
#include "yread.h"

/* ---- splitting text into entries ---- */

enum line_kind { L_DASH, L_QUIET, L_OTHER };

/* A line s[0..n) (without its newline): starts an entry, is blank or a
 * comment, or is something else. */
static enum line_kind line_kind(const char *s, size_t n)
{
	size_t i = 0;
	if (n && s[0] == '-')
		return L_DASH;
	while (i < n && (s[i] == ' ' || s[i] == '\t'))
		i++;
	return i == n || s[i] == '#' ? L_QUIET : L_OTHER;
}

void jf_msplit_release(struct jf_msplit *s)
{
	free(s->v);
	memset(s, 0, sizeof *s);
}

int jf_merge_split(const char *text, size_t from, size_t len, unsigned long line0,
		   struct jf_msplit *s, unsigned long *bad)
{
	size_t quiet = SIZE_MAX, cap = 0;   /* start of a run of quiet lines */
	unsigned long qline = 0, line = line0;

	memset(s, 0, sizeof *s);
	for (size_t ls = from; ls < len; line++) {
		const char *nl = memchr(text + ls, '\n', len - ls);
		size_t le = nl ? (size_t)(nl - text) : len;
		switch (line_kind(text + ls, le - ls)) {
		case L_DASH:
			if (s->n)
				s->v[s->n - 1].end = quiet != SIZE_MAX ? quiet : ls;
			s->v = jf_grow(s->v, s->n, &cap, 16, sizeof *s->v);
			s->v[s->n++] = (struct jf_mentry){
				.start = quiet != SIZE_MAX ? quiet : ls,
				.sline = quiet != SIZE_MAX ? qline : line,
				.body = ls, .line = line,
			};
			quiet = SIZE_MAX;
			break;
		case L_QUIET:
			if (quiet == SIZE_MAX) {
				quiet = ls;
				qline = line;
			}
			break;
		case L_OTHER:
			if (!s->n) {
				*bad = line;
				jf_msplit_release(s);
				return -1;
			}
			quiet = SIZE_MAX;
			break;
		}
		ls = nl ? le + 1 : len;
	}
	s->trail = quiet != SIZE_MAX ? quiet : len;
	if (s->n)
		s->v[s->n - 1].end = s->trail;
	return 0;
}

/* ---- reading entries strictly ---- */

void jf_mitems_release(struct jf_mitems *m)
{
	for (size_t i = 0; i < m->n; i++)
		jf_buf_release(&m->v[i].canon);
	free(m->v);
	memset(m, 0, sizeof *m);
}

/* Read one entry mapping, its MAP_START just read, into a new item.
 * Problems go to yd at the reader's own positions.  Returns 0 or -1. */
static int read_item(struct jf_yread *r, const struct jf_yev *start, const char *file,
		     struct jf_mitems *out, size_t *cap, struct jf_diags *yd)
{
	struct jf_strmap keys = JF_STRMAP_INIT;
	char **names = NULL;
	size_t nnames = 0, id_off = SIZE_MAX;
	struct jf_yev ev;
	int rc = -1;

	if (out->n == *cap) {
		*cap = *cap ? *cap * 2 : 16;
		out->v = jf_reallocarray(out->v, *cap, sizeof *out->v);
	}
	struct jf_mitem *it = &out->v[out->n++];
	memset(it, 0, sizeof *it);
	jf_buf_init(&it->canon);
	it->line = start->line;
	for (;;) {
		if (jf_yread_next(r, &ev) <= 0)
			goto done;
		if (ev.type == JF_YEV_MAP_END)
			break;
		if (ev.type != JF_YEV_SCALAR) {
			jf_error_at(yd, file, ev.line, ev.col, "a key must be plain text");
			goto done;
		}
		names = jf_reallocarray(names, nnames + 1, sizeof *names);
		names[nnames] = jf_strndup(ev.value, ev.len);
		const char *key = names[nnames++];
		unsigned long kl = ev.line, kc = ev.col;
		if (jf_strmap_put(&keys, key, 0) >= 0) {
			jf_error_at(yd, file, kl, kc, "duplicate key '%s'", key);
			goto done;
		}
		if (jf_yread_next(r, &ev) <= 0)
			goto done;
		if (ev.type != JF_YEV_SCALAR) {
			jf_error_at(yd, file, ev.line, ev.col,
				    "nesting inside an entry is not allowed: values are plain text");
			goto done;
		}
		jf_buf_adds(&it->canon, key);
		jf_buf_addc(&it->canon, '\0');
		if (!strcmp(key, "id")) {
			if (!jf_id_valid(ev.value)) {
				jf_error_at(yd, file, ev.line, ev.col,
					    "bad id '%s' (1-64 of A-Z a-z 0-9 - _)", ev.value);
				goto done;
			}
			id_off = it->canon.len;
		}
		jf_buf_add(&it->canon, ev.value, ev.len);
		jf_buf_addc(&it->canon, '\0');
	}
	if (id_off == SIZE_MAX) {
		jf_error_at(yd, file, start->line, start->col, "entry has no 'id'");
		goto done;
	}
	it->id = it->canon.s + id_off;
	rc = 0;
done:
	jf_strmap_release(&keys);
	for (size_t i = 0; i < nnames; i++)
		free(names[i]);
	free(names);
	return rc;
}

enum jf_status jf_merge_read(const char *text, size_t n, const char *file,
			     unsigned long line0, const char *what,
			     struct jf_mitems *out, struct jf_diags *d)
{
	struct jf_diags yd = JF_DIAGS_INIT;
	struct jf_yread r;
	struct jf_yev ev;
	size_t cap = 0;
	int docs = 0, rc;
	bool in_seq = false, seen_seq = false, bad = false;

	memset(out, 0, sizeof *out);
	jf_yread_mem(&r, text, n, file, &jf_ledger_limits, &yd);
	while ((rc = jf_yread_next(&r, &ev)) > 0) {
		if (ev.type == JF_YEV_DOC_START) {
			if (++docs > 1) {
				jf_error_at(&yd, file, ev.line, ev.col,
					    "only one document is allowed in a ledger file");
				bad = true;
				break;
			}
			continue;
		}
		if (!in_seq) {
			const char *why = jf_ledger_top_problem(&ev);
			if (!why && seen_seq && ev.type != JF_YEV_DOC_END)
				why = "a ledger file must be a list of entries, each starting '- '";
			if (why) {
				jf_error_at(&yd, file, ev.line, ev.col, "%s", why);
				bad = true;
				break;
			}
			if (ev.type == JF_YEV_SEQ_START)
				in_seq = seen_seq = true;
			continue; /* the end of the document, or an empty one */
		}
		if (ev.type == JF_YEV_SEQ_END) {
			in_seq = false;
			continue;
		}
		if (ev.type != JF_YEV_MAP_START) {
			jf_error_at(&yd, file, ev.line, ev.col, "an entry must be a mapping of fields");
			bad = true;
			break;
		}
		if (read_item(&r, &ev, file, out, &cap, &yd) < 0) {
			bad = true;
			break;
		}
	}
	if (rc < 0)
		bad = true;
	enum jf_status st = jf_yread_close(&r);
	for (size_t i = 0; i < yd.n; i++) {
		const struct jf_diag *g = &yd.v[i];
		jf_error_at(d, file, g->line ? g->line + line0 - 1 : 0, g->col, "%s%s%s",
			    what ? what : "", what ? ": " : "", g->msg);
	}
	jf_diags_release(&yd);
	for (size_t i = 0; i < out->n; i++)
		out->v[i].line += line0 - 1;
	if (st == JF_OK && bad)
		st = JF_INVALID;
	return st;
}

/* ---- the merge ---- */

struct side {
	const char *name;            /* "ours", "theirs", "the common base" */
	const struct jf_mtext *t;
	size_t from;                 /* where the part read starts */
	unsigned long line0;         /* the line number of t->s[from] */
	bool prefix;                 /* it begins with the base's bytes */
	size_t diff;                 /* else the first byte that differs */
	struct jf_msplit sp;
	struct jf_mitems items;
	struct jf_strmap ids;        /* id -> entry index */
};


/* The line of s holding s[off], quoted for a message: at most 60 bytes
 * (cut at a character boundary), control bytes shown as '?'. */
static void quote_line(const char *s, size_t len, size_t off, struct jf_buf *out)
{
	size_t ls = off, le = off, n;
	while (ls && s[ls - 1] != '\n')
		ls--;
	while (le < len && s[le] != '\n')
		le++;
	n = le - ls;
	if (n > 60) {
		n = 60;
		while (n && ((unsigned char)s[ls + n] & 0xC0) == 0x80)
			n--;
	}
	jf_buf_addc(out, '\'');
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[ls + i];
		jf_buf_addc(out, c < 0x20 && c != '\t' ? '?' : (char)c);
	}
	jf_buf_adds(out, n < le - ls ? "...'" : "'");
}

/* Does the side begin with the base's bytes?  Sets sd->prefix, sd->diff. */
static void find_prefix(const struct jf_mtext *base, struct side *sd)
{
	const struct jf_mtext *t = sd->t;
	size_t n = base->len < t->len ? base->len : t->len, i = 0;
	sd->prefix = t->len >= base->len && !memcmp(base->s, t->s, base->len);
	if (sd->prefix)
		return;
	while (i < n && base->s[i] == t->s[i])
		i++;
	sd->diff = i;
}

/* Report where a side stops beginning with the base's bytes. */
static void report_prefix(const char *name, const struct jf_mtext *base,
			  const struct side *sd, struct jf_diags *d)
{
	const struct jf_mtext *t = sd->t;
	size_t i = sd->diff;
	unsigned long line = jf_text_line(base->s, i), col = jf_text_col(base->s, i);
	if (i == t->len) {
		jf_error_at(d, name, line, col,
			    "%s removed entries: it ends here, inside the common base "
			    "(ledger files are append-only; history was edited)", sd->name);
		return;
	}
	struct jf_buf was = JF_BUF_INIT, now = JF_BUF_INIT;
	quote_line(base->s, base->len, i, &was);
	quote_line(t->s, t->len, i, &now);
	jf_error_at(d, name, line, col,
		    "%s edited history: line %lu differs from the common base "
		    "(base %s, %s %s); ledger files are append-only", sd->name, line,
		    was.s, sd->name, now.s);
	jf_buf_release(&was);
	jf_buf_release(&now);
}

static bool same_canon(const struct jf_mitem *a, const struct jf_mitem *b)
{
	return a->canon.len == b->canon.len && !memcmp(a->canon.s, b->canon.s, a->canon.len);
}

/* Split and read sd->t from sd->from (its tail, or with whole the whole
 * file) and prove that the split and the YAML reading agree.  Returns
 * JF_OK, JF_REFUSED or JF_SYSTEM. */
static enum jf_status read_side(const char *name, struct side *sd, bool whole,
				struct jf_diags *d)
{
	const struct jf_mtext *t = sd->t;
	struct jf_buf what = JF_BUF_INIT;
	unsigned long bad;
	enum jf_status st;

	if (t->len > sd->from && t->s[t->len - 1] != '\n') {
		if (whole)
			jf_error_at(d, name, jf_text_line(t->s, t->len - 1), 0,
				    "%s is cut short: the last line has no newline "
				    "(an interrupted write?)", sd->name);
		else
			jf_error_at(d, name, jf_text_line(t->s, t->len - 1), 0,
				    "the entries %s appended are cut short: the last line has no "
				    "newline (an interrupted write?)", sd->name);
		return JF_REFUSED;
	}
	if (jf_merge_split(t->s, sd->from, t->len, sd->line0, &sd->sp, &bad) < 0) {
		if (whole)
			jf_error_at(d, name, bad, 1,
				    "%s: this line neither starts an entry ('-' in column 1) "
				    "nor is a comment", sd->name);
		else
			jf_error_at(d, name, bad, 1,
				    "%s appended a line that neither starts an entry ('-' in "
				    "column 1) nor is a comment: it would change the entry before it",
				    sd->name);
		return JF_REFUSED;
	}
	jf_buf_addf(&what, whole ? "in %s" : "in the entries %s appended", sd->name);
	st = jf_merge_read(t->s + sd->from, t->len - sd->from, name, sd->line0, what.s,
			   &sd->items, d);
	jf_buf_release(&what);
	if (st != JF_OK)
		return st == JF_SYSTEM ? st : JF_REFUSED;

	size_t n = sd->sp.n > sd->items.n ? sd->sp.n : sd->items.n;
	for (size_t k = 0; k < n; k++) {
		const struct jf_mentry *e = k < sd->sp.n ? &sd->sp.v[k] : NULL;
		const struct jf_mitem *it = k < sd->items.n ? &sd->items.v[k] : NULL;
		unsigned long next = k + 1 < sd->sp.n ? sd->sp.v[k + 1].line : ULONG_MAX;
		if (!it) {
			jf_error_at(d, name, e->line, 1,
				    "%s: this line starts with '-' but does not start an entry "
				    "(inside a value?); cannot tell where entries begin", sd->name);
			return JF_REFUSED;
		}
		if (!e || it->line < e->line || it->line >= next) {
			jf_error_at(d, name, it->line, 0,
				    "%s: an entry that does not start with '-' in column 1 of its own "
				    "line; cannot tell where entries begin", sd->name);
			return JF_REFUSED;
		}
		int was = jf_strmap_put(&sd->ids, it->id, (int)k);
		if (was >= 0) {
			jf_error_at(d, name, e->line, 1, "%s %s entry '%s' twice (also at line %lu)",
				    sd->name, whole ? "has" : "appended", it->id,
				    sd->sp.v[was].line);
			return JF_REFUSED;
		}
	}
	return JF_OK;
}

/* Are entry i of a and entry j of b the same: the same bytes, and read
 * the same (a value may run on into the lines the split gave the next
 * entry)? */
static bool same_entry(const struct side *a, size_t i, const struct side *b, size_t j)
{
	const struct jf_mentry *x = &a->sp.v[i], *y = &b->sp.v[j];
	return x->end - x->body == y->end - y->body &&
	       !memcmp(a->t->s + x->body, b->t->s + y->body, x->end - x->body) &&
	       same_canon(&a->items.v[i], &b->items.v[j]);
}

/* The entry-level proof, for a side that does not begin with the base's
 * bytes (after a rebase, or when a merge brought the other side's entries
 * in before this side's): every entry of the base is in it, byte for byte
 * and in the same order, and taking its other entries out (with their
 * comment lines) leaves exactly the base.  Reports why not. */
static bool holds_base(const char *name, const struct side *b, const struct side *sd,
		       struct jf_diags *d)
{
	const char *bs = b->t->s, *ss = sd->t->s;
	int last = -1, order = -1;   /* order: the first base entry out of order */

	for (size_t i = 0; i < b->items.n; i++) {
		const char *id = b->items.v[i].id;
		const struct jf_mentry *be = &b->sp.v[i];
		int j = jf_strmap_gets(&sd->ids, id);
		if (j < 0) {
			jf_error_at(d, name, 0, 0,
				    "%s removed entry '%s' (line %lu of the common base); ledger "
				    "files are append-only", sd->name, id, be->line);
			return false;
		}
		const struct jf_mentry *se = &sd->sp.v[j];
		size_t bl = be->end - be->body, sl = se->end - se->body, k = 0;
		if (bl != sl || memcmp(bs + be->body, ss + se->body, bl)) {
			struct jf_buf was = JF_BUF_INIT, now = JF_BUF_INIT;
			while (k < bl && k < sl && bs[be->body + k] == ss[se->body + k])
				k++;
			size_t so = se->body + k, bo = be->body + k;
			quote_line(bs, b->t->len, bo, &was);
			quote_line(ss, sd->t->len, so, &now);
			jf_error_at(d, name, jf_text_line(ss, so), jf_text_col(ss, so),
				    "%s edited history: line %lu differs from line %lu of the common "
				    "base, in entry '%s' (base %s, %s %s); ledger files are append-only",
				    sd->name, jf_text_line(ss, so), jf_text_line(bs, bo), id, was.s, sd->name,
				    now.s);
			jf_buf_release(&was);
			jf_buf_release(&now);
			return false;
		}
		if (!same_canon(&b->items.v[i], &sd->items.v[j])) {
			jf_error_at(d, name, se->line, 1,
				    "%s changed what entry '%s' says (line %lu of the common base): "
				    "the lines after it changed; ledger files are append-only",
				    sd->name, id, be->line);
			return false;
		}
		if (j < last && order < 0)
			order = (int)i;
		last = j;
	}
	if (order >= 0) {
		/* Every entry of the base is there byte for byte, only the order
		 * differs.  No commit of a file that only grows reorders entries;
		 * but after a criss-cross merge (each side merged the other) the
		 * entries came together in another order on each side, and git's
		 * base is its own merge of several merge bases (ort, recursive),
		 * or in a rebase a commit of the other side.  It cannot be proved;
		 * say what happened. */
		const struct jf_mentry *se =
			&sd->sp.v[jf_strmap_gets(&sd->ids, b->items.v[order].id)];
		jf_error_at(d, name, se->line, 1,
			    "%s holds every entry of the common base byte for byte, but not in its "
			    "order: entry '%s' (line %lu of the base) comes before entry '%s' here. "
			    "Nothing was moved if each side had merged the other before (a criss-cross "
			    "history): the entries then came together in another order on each side, "
			    "and git's base is its own merge of the several merge bases (or, in a "
			    "rebase, a commit of the other side), which cannot be proved. Merge the "
			    "file against one real merge base instead (see CRISS-CROSS MERGES in "
			    "jf-merge(1)); if no side merged the other, the entries were reordered "
			    "by hand and history was edited",
			    sd->name, b->items.v[order].id, b->sp.v[order].line,
			    b->items.v[order - 1].id);
		return false;
	}
	struct jf_buf rest = JF_BUF_INIT;
	for (size_t j = 0; j < sd->sp.n; j++)
		if (jf_strmap_gets(&b->ids, sd->items.v[j].id) >= 0)
			jf_buf_add(&rest, ss + sd->sp.v[j].start, sd->sp.v[j].end - sd->sp.v[j].start);
	jf_buf_add(&rest, ss + sd->sp.trail, sd->t->len - sd->sp.trail);
	bool same = rest.len == b->t->len && !memcmp(rest.s, bs, rest.len);
	if (!same) {
		size_t k = 0;
		while (k < rest.len && k < b->t->len && rest.s[k] == bs[k])
			k++;
		jf_error_at(d, name, 0, 0,
			    "%s changed the comment or blank lines of the common base (at its "
			    "line %lu); ledger files are append-only", sd->name, jf_text_line(bs, k));
	}
	jf_buf_release(&rest);
	return same;
}


/* Read and prove both sides: their tails when both begin with the base
 * (whole false), else whole files at the entry level. */
static enum jf_status prove(const char *name, struct side *b, struct side *sd, bool whole,
			    struct jf_diags *d)
{
	const struct jf_mtext *base = b->t;
	struct jf_diags quiet = JF_DIAGS_INIT;
	enum jf_status st = JF_OK;

	if (!whole) {
		if (base->len && base->s[base->len - 1] != '\n' &&
		    (sd[0].t->len > base->len || sd[1].t->len > base->len)) {
			jf_error_at(d, name, sd[0].line0, 0,
				    "the common base ends inside a line (a cut-short entry?); what "
				    "was appended after it cannot be told apart from it");
			return JF_REFUSED;
		}
		for (int i = 0; i < 2 && st == JF_OK; i++)
			st = read_side(name, &sd[i], false, d);
		return st;
	}
	/* without a readable base the byte proof's word stands */
	st = read_side(name, b, true, &quiet);
	if (st == JF_SYSTEM)
		for (size_t i = 0; i < quiet.n; i++)
			jf_error(d, "%s", quiet.v[i].msg);
	jf_diags_release(&quiet);
	if (st == JF_SYSTEM)
		return st;
	if (st != JF_OK) {
		for (int i = 0; i < 2; i++)
			if (!sd[i].prefix)
				report_prefix(name, base, &sd[i], d);
		return JF_REFUSED;
	}
	for (int i = 0; i < 2; i++) {
		enum jf_status fst = read_side(name, &sd[i], true, d);
		if (fst == JF_SYSTEM)
			return fst;
		if (fst != JF_OK || !holds_base(name, b, &sd[i], d))
			st = JF_REFUSED;
	}
	return st;
}

enum jf_status jf_merge(const char *name, const struct jf_mtext *base,
			const struct jf_mtext *ours, const struct jf_mtext *theirs,
			struct jf_buf *out, struct jf_diags *d)
{
	struct side b = { .name = "the common base", .t = base, .line0 = 1 };
	struct side sd[2] = {
		{ .name = "ours", .t = ours },
		{ .name = "theirs", .t = theirs },
	};
	struct side *o = &sd[0], *t = &sd[1];
	struct jf_buf res = JF_BUF_INIT;
	struct jf_mitems back = { NULL, 0 };
	bool *keep = NULL, whole;
	size_t nkeep = 0;
	enum jf_status st;

	for (int i = 0; i < 2; i++)
		find_prefix(base, &sd[i]);
	whole = !o->prefix || !t->prefix;
	for (int i = 0; i < 2; i++) {
		sd[i].from = whole ? 0 : base->len;
		sd[i].line0 = whole ? 1 : jf_text_line(base->s, base->len);
	}
	st = prove(name, &b, sd, whole, d);
	if (st != JF_OK)
		goto done;

	/* the entries of theirs that neither the base nor ours has; conflicts */
	keep = jf_calloc(t->items.n + 1, sizeof *keep);
	for (size_t k = 0; k < t->items.n; k++) {
		const struct jf_mitem *it = &t->items.v[k];
		if (whole && jf_strmap_gets(&b.ids, it->id) >= 0)
			continue; /* the base's, and ours has it byte for byte */
		int j = jf_strmap_gets(&o->ids, it->id);
		if (j < 0) {
			keep[k] = true;
			nkeep++;
		} else if (!same_entry(o, (size_t)j, t, k)) {
			jf_error_at(d, name, 0, 0,
				    "entry '%s' was appended on both sides with different bytes "
				    "(ours at line %lu, theirs at line %lu); an id names one entry",
				    it->id, o->sp.v[j].line, t->sp.v[k].line);
			st = JF_REFUSED;
		}
	}
	if (st != JF_OK)
		goto done;

	jf_buf_add(&res, ours->s, ours->len);
	for (size_t k = 0; k < t->sp.n; k++)
		if (keep[k])
			jf_buf_add(&res, theirs->s + t->sp.v[k].start,
				   t->sp.v[k].end - t->sp.v[k].start);
	if (!whole) {
		/* comments after theirs's last entry go along, unless ours ends alike */
		size_t tt = theirs->len - t->sp.trail, ot = ours->len - o->sp.trail;
		if (tt && (nkeep || tt != ot ||
			   memcmp(theirs->s + t->sp.trail, ours->s + o->sp.trail, tt)))
			jf_buf_add(&res, theirs->s + t->sp.trail, tt);
	}

	/* read what was merged back: it must say exactly what both sides said */
	st = jf_merge_read(res.s + o->from, res.len - o->from, name, o->line0,
			   "in the merged entries", &back, d);
	if (st == JF_SYSTEM)
		goto done;
	bool ok = st == JF_OK && back.n == o->items.n + nkeep;
	for (size_t k = 0; ok && k < o->items.n; k++)
		ok = same_canon(&back.v[k], &o->items.v[k]);
	for (size_t k = 0, j = o->items.n; ok && k < t->items.n; k++)
		if (keep[k])
			ok = same_canon(&back.v[j++], &t->items.v[k]);
	if (!ok) {
		jf_error_at(d, name, 0, 0, "the merged entries do not read back as the "
			    "entries of both sides");
		st = JF_REFUSED;
		goto done;
	}
	jf_buf_add(out, res.s, res.len);
done:
	jf_msplit_release(&b.sp);
	jf_mitems_release(&b.items);
	jf_strmap_release(&b.ids);
	for (int i = 0; i < 2; i++) {
		jf_msplit_release(&sd[i].sp);
		jf_mitems_release(&sd[i].items);
		jf_strmap_release(&sd[i].ids);
	}
	jf_mitems_release(&back);
	jf_buf_release(&res);
	free(keep);
	return st;
}

/* ---- files ---- */

enum jf_status jf_merge_load(const char *path, const char *what, struct jf_buf *out,
			     struct jf_diags *d)
{
	int fd = jf_open(path, O_RDONLY | O_CLOEXEC, 0);
	if (fd < 0) {
		jf_error(d, "cannot open %s '%s': %s", what, path, strerror(errno));
		return JF_SYSTEM;
	}
	int r = jf_read_rest(fd, out, JF_LEDGER_MAX_BYTES);
	if (r > 0) {
		jf_error(d, "%s '%s' is larger than a ledger file may be (%llu bytes)", what,
			 path, (unsigned long long)JF_LEDGER_MAX_BYTES);
		close(fd);
		return JF_SYSTEM;
	}
	if (r < 0) {
		jf_error(d, "cannot read %s '%s': %s", what, path, strerror(errno));
		close(fd);
		return JF_SYSTEM;
	}
	close(fd);
	return JF_OK;
}
