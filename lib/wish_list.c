/* wish_list.c - the wishes on the wall as of a day, and the wall to print
 * (wish_list.h). */
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "cli.h"
#include "i18n.h"
#include "json.h"
#include "labels.h"
#include "ledger.h"
#include "listout.h"
#include "table.h"
#include "volunteers.h"
#include "wish_list.h"

/* A take: who it names (its record, wish.h). */
struct take {
	struct jf_idkey key;
	int team, volunteer;
};

/* A wish read, with its follow-ups (copied: the scanner's live only
 * during the scan). */
struct held {
	struct jf_fu *fus;
	size_t nfus;
};

/* The texts of the wishes of the files read again: id -> text. */
struct texts {
	char **files;             /* the files read */
	size_t nfiles;
	char **ids, **txt;        /* parallel; map ids -> index */
	size_t n, cap;
	struct jf_strmap map;
};

struct reader {
	struct jf_wish_list *l;
	struct jf_diags *d;
	struct take *takes;
	size_t ntakes, captakes;
	struct held *held;        /* parallel to l->v */
	struct texts t;           /* the wishes' texts of the files parsed */
	struct jf_etexts et;      /* a replayed entry's texts read again */
};

static void texts_release(struct texts *t)
{
	for (size_t i = 0; i < t->nfiles; i++)
		free(t->files[i]);
	for (size_t i = 0; i < t->n; i++) {
		free(t->ids[i]);
		free(t->txt[i]);
	}
	free(t->files);
	free(t->ids);
	free(t->txt);
	jf_strmap_release(&t->map);
}

static void texts_add(struct texts *t, const char *id, const char *text)
{
	if (t->n == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 16;
		t->ids = jf_reallocarray(t->ids, t->cap, sizeof *t->ids);
		t->txt = jf_reallocarray(t->txt, t->cap, sizeof *t->txt);
	}
	t->ids[t->n] = jf_strdup(id);
	t->txt[t->n] = jf_strdup(text);
	if (jf_strmap_put(&t->map, t->ids[t->n], (int)t->n) >= 0) {
		/* a duplicate id: the scan refuses the book; keep the first */
		free(t->ids[t->n]);
		free(t->txt[t->n]);
		return;
	}
	t->n++;
}

/* Move the problems of a re-read into d (an I/O error the scan did not
 * meet: the file went away, or could not be read). */
static void move_diags(struct jf_diags *from, struct jf_diags *d)
{
	for (size_t i = 0; i < from->n; i++) {
		const struct jf_diag *g = &from->v[i];
		jf_diag_add(d, g->sev, g->file, g->line, g->col, "%s", g->msg);
	}
	jf_diags_release(from);
}

/* Read ledger file `file` (relative to the book) again and note the id and
 * text of every wish in it.  The scan that delivers the wish holds the
 * reader's lock, so the file is as the scan read it, and every wish the
 * scan delivered parsed: a problem after them (a cut-short tail, an
 * invalid entry) is the scan's to report, not again here. */
static enum jf_status texts_load(struct texts *t, const struct jf_book *b, const char *file,
				 struct jf_diags *d)
{
	struct jf_buf path = JF_BUF_INIT, id = JF_BUF_INIT, kind = JF_BUF_INIT, text = JF_BUF_INIT;
	struct jf_buf key = JF_BUF_INIT;
	struct jf_yread r;
	struct jf_yev ev;
	bool has_id = false, has_text = false;
	int depth = 0, rc;
	t->files = jf_reallocarray(t->files, t->nfiles + 1, sizeof *t->files);
	t->files[t->nfiles++] = jf_strdup(file);
	jf_buf_addf(&path, "%s/%s", b->root, file);
	struct jf_diags own = JF_DIAGS_INIT;
	enum jf_status st = jf_yread_open(&r, path.s, file, &jf_ledger_limits, &own);
	jf_buf_release(&path);
	if (st != JF_OK) {
		move_diags(&own, d);
		return st;
	}
	/* a list of flat mappings: depth 1 the list, 2 an entry */
	bool want_key = true;
	while ((rc = jf_yread_next(&r, &ev)) > 0) {
		switch (ev.type) {
		case JF_YEV_SEQ_START:
		case JF_YEV_MAP_START:
			if (depth >= 2) {
				/* a value that is no scalar (the scan refused it) */
				if (jf_yread_skip(&r) < 0)
					rc = -1;
				want_key = true;
				break;
			}
			depth++;
			if (depth == 2 && ev.type == JF_YEV_MAP_START) {
				has_id = has_text = false;
				jf_buf_reset(&kind);
				want_key = true;
			}
			break;
		case JF_YEV_SEQ_END:
		case JF_YEV_MAP_END:
			if (depth == 2 && has_id && has_text && !strcmp(kind.s ? kind.s : "", "wish"))
				texts_add(t, id.s, text.s);
			depth--;
			break;
		case JF_YEV_SCALAR:
			if (depth != 2)
				break;
			if (want_key) {
				jf_buf_reset(&key);
				jf_buf_add(&key, ev.value, ev.len);
				want_key = false;
				break;
			}
			want_key = true;
			if (!strcmp(key.s, "id")) {
				jf_buf_reset(&id);
				jf_buf_add(&id, ev.value, ev.len);
				has_id = true;
			} else if (!strcmp(key.s, "text")) {
				jf_buf_reset(&text);
				jf_buf_add(&text, ev.value, ev.len);
				has_text = true;
			} else if (!strcmp(key.s, "kind")) {
				jf_buf_reset(&kind);
				jf_buf_add(&kind, ev.value, ev.len);
			}
			break;
		default:
			break;
		}
		if (rc < 0)
			break;
	}
	/* a parse error: the wishes before it are noted; the scan says it */
	enum jf_status cst = jf_yread_close(&r);
	if (cst != JF_OK) {
		st = cst;
		move_diags(&own, d);
	}
	jf_diags_release(&own);
	jf_buf_release(&id);
	jf_buf_release(&kind);
	jf_buf_release(&text);
	jf_buf_release(&key);
	return st;
}

/* The text of wish e, its file read once (e parsed, not replayed: it has
 * its id, not its place). */
static enum jf_status wish_text(struct reader *rd, const struct jf_entry *e, const char **out)
{
	struct texts *t = &rd->t;
	bool loaded = false;
	for (size_t i = t->nfiles; i > 0 && !loaded; i--)
		loaded = !strcmp(t->files[i - 1], e->file);
	if (!loaded) {
		enum jf_status st = texts_load(t, rd->l->b, e->file, rd->d);
		if (st != JF_OK)
			return st;
	}
	int i = jf_strmap_gets(&t->map, e->id);
	if (i < 0) {
		jf_error_at(rd->d, e->file, e->line, e->col,
			    "the text of wish '%s' could not be read again: the file changed", e->id);
		return JF_SYSTEM;
	}
	*out = t->txt[i];
	return JF_OK;
}

/* The id and text of wish e, a row of the list: parsed, its id came with
 * it and its text is read again from its file; replayed from the cache,
 * both are read again from its bytes (jf_entry_texts).  Who took it is
 * the take's record (team, volunteer: indexes), which needs no texts. */
static enum jf_status wish_texts(struct reader *rd, const struct jf_entry *e, char *id,
				 const char **text)
{
	if (e->id) {
		jf_id_copy(id, e->id);
		return wish_text(rd, e, text);
	}
	struct jf_entry x;
	enum jf_status st = jf_entry_texts(rd->l->b, e, &x, &rd->et, rd->d);
	if (st != JF_OK)
		return st;
	if (!x.id || !(rd->et.has & JF_FB(JF_F_TEXT))) {
		/* replayed without its place, or not the wish it was */
		jf_error_at(rd->d, e->file, e->line, e->col,
			    "the entry changed while the ledger was read; read it again");
		return JF_INVALID;
	}
	jf_id_copy(id, x.id);
	*text = rd->et.v[JF_F_TEXT].s ? rd->et.v[JF_F_TEXT].s : "";
	return JF_OK;
}

/* Is household h's account closed on the list's day (past its until:)? */
static bool closed(const struct jf_wish_list *l, int h)
{
	const struct jf_household *hh = h >= 0 ? &l->b->households[h] : NULL;
	return hh && hh->until != JF_DATE_NONE && l->as_of > hh->until;
}

/* Whether the list shows a wish of household h in state st: open and
 * taken ones, not a closed account's (no one to serve; SPEC 4.0: closed
 * accounts), unless all. */
static bool shown(const struct jf_wish_list *l, int h, enum jf_wish_st st)
{
	return l->all || ((st == JF_WS_OPEN || st == JF_WS_TAKEN) && !closed(l, h));
}

static enum jf_status on_entry(void *ctx, const struct jf_entry *e)
{
	struct reader *rd = ctx;
	struct jf_wish_list *l = rd->l;
	if (e->kind == JF_TAKE && e->self) {
		rd->takes = jf_grow(rd->takes, rd->ntakes, &rd->captakes, 16, sizeof *rd->takes);
		rd->takes[rd->ntakes++] = (struct take){ e->self->key, jf_take_team(e->self),
							 jf_take_volunteer(e->self) };
		return JF_OK;
	}
	if (e->kind != JF_WISH || !e->self || !e->file)
		return JF_OK;
	if (e->date > l->as_of || (l->village >= 0 && e->village != l->village))
		return JF_OK;
	/* a stateful target comes with all its follow-ups: its state is
	 * known now, and only the wishes the list shows are read again */
	struct jf_wish_state ws;
	jf_wish_state_of(NULL, e->fus, e->nfus, l->as_of, &ws);
	if (!shown(l, e->household, ws.st))
		return JF_OK;
	char id[JF_ID_MAX + 1];
	const char *text;
	enum jf_status st = wish_texts(rd, e, id, &text);
	if (st != JF_OK)
		return st;
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 16;
		l->v = jf_reallocarray(l->v, l->cap, sizeof *l->v);
		rd->held = jf_reallocarray(rd->held, l->cap, sizeof *rd->held);
	}
	struct jf_wish_item *x = &l->v[l->n];
	struct held *h = &rd->held[l->n++];
	memset(x, 0, sizeof *x);
	memcpy(x->id, id, sizeof x->id);
	x->household = e->household;
	x->village = e->village;
	x->service = jf_wish_service(e->self);
	x->text = jf_strdup(text);
	x->posted = e->date;
	x->team = x->volunteer = -1;
	h->nfus = e->nfus;
	h->fus = jf_calloc(e->nfus ? e->nfus : 1, sizeof *h->fus);
	if (e->nfus)
		memcpy(h->fus, e->fus, e->nfus * sizeof *h->fus);
	return JF_OK;
}

static int cmp_take(const void *a, const void *b)
{
	const struct take *x = a, *y = b;
	return memcmp(&x->key, &y->key, sizeof x->key);
}

static const struct take *find_take(const struct reader *rd, struct jf_idkey k)
{
	size_t lo = 0, hi = rd->ntakes;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = memcmp(&rd->takes[mid].key, &k, sizeof k);
		if (!c)
			return &rd->takes[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

static int cmp_item(const void *a, const void *b)
{
	const struct jf_wish_item *x = a, *y = b;
	if (x->posted != y->posted)
		return x->posted < y->posted ? -1 : 1;
	return strcmp(x->id, y->id);
}

/* Each wish's state as of the day; keep those the list shows. */
static void settle(struct reader *rd)
{
	struct jf_wish_list *l = rd->l;
	const struct jf_book *b = l->b;
	size_t k = 0;
	if (rd->ntakes > 1)
		qsort(rd->takes, rd->ntakes, sizeof *rd->takes, cmp_take);
	for (size_t i = 0; i < l->n; i++) {
		struct jf_wish_item *x = &l->v[i];
		struct held *h = &rd->held[i];
		struct jf_wish_state ws;
		jf_wish_state_of(NULL, h->fus, h->nfus, l->as_of, &ws);
		x->st = ws.st;
		x->ended = ws.ended;
		if (ws.taken_by >= 0) {
			const struct take *t = find_take(rd, h->fus[ws.taken_by].key);
			x->taken = ws.taken;
			x->team = t ? t->team : -1;
			x->volunteer = t ? t->volunteer : -1;
		} else {
			x->taken = JF_DATE_NONE;
		}
		x->age = jf_wish_age(x->posted, &ws, l->as_of);
		bool up = x->st == JF_WS_OPEN || x->st == JF_WS_TAKEN;
		x->flagged = up && b->vol.wish_days > 0 && x->age > b->vol.wish_days;
		free(h->fus);
		if (!shown(l, x->household, x->st)) { /* cannot happen: on_entry took those shown */
			free(x->text);
			continue;
		}
		l->v[k++] = *x;
	}
	l->n = k;
	if (l->n > 1)
		qsort(l->v, l->n, sizeof *l->v, cmp_item);
}

enum jf_status jf_wish_list_read(struct jf_wish_list *l, const struct jf_book *b, int village,
				 jf_date as_of, bool all, bool use_cache, struct jf_diags *d)
{
	struct jf_scan scan;
	struct reader rd = { .l = l, .d = d };
	jf_etexts_init(&rd.et);
	memset(l, 0, sizeof *l);
	l->b = b;
	l->village = village;
	l->as_of = as_of;
	l->all = all;
	jf_scan_init(&scan);
	scan.use_cache = use_cache;
	scan.places = true; /* the ids and texts of the rows are read again */
	enum jf_status st = jf_ledger_read(&scan, b, on_entry, &rd, d);
	jf_scan_release(&scan);
	if (st == JF_OK) {
		settle(&rd);
	} else {
		for (size_t i = 0; i < l->n; i++)
			free(rd.held[i].fus);
	}
	free(rd.held);
	free(rd.takes);
	texts_release(&rd.t);
	jf_etexts_release(&rd.et);
	return st;
}

void jf_wish_list_release(struct jf_wish_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i].text);
	free(l->v);
	l->v = NULL;
	l->n = l->cap = 0;
}

/* ---- text, TSV, CSV, JSON ---- */

static const char *team_code(const struct jf_book *b, int t)
{
	return t >= 0 ? b->vol.teams[t].code : NULL;
}

static const char *vol_id(const struct jf_book *b, int v)
{
	return v >= 0 ? b->vol.volunteers[v].id : NULL;
}

static const char *date_or_null(jf_date d, char *buf)
{
	return d == JF_DATE_NONE ? NULL : jf_date_format(d, buf);
}

static void json_item(struct jf_json *j, const void *ctx, size_t i)
{
	const struct jf_wish_list *l = ctx;
	const struct jf_book *b = l->b;
	const struct jf_wish_item *x = &l->v[i];
	char db[JF_DATE_BUFSZ];
	const struct jf_household *hh = &b->households[x->household];
	jf_json_obj_open(j);
	jf_json_kstr(j, "id", x->id);
	jf_json_kstr(j, "household", hh->id);
	jf_json_kstr(j, "head", hh->head);
	jf_json_kstr(j, "village", b->villages[x->village].code);
	jf_json_kstr(j, "text", x->text);
	jf_json_kstr(j, "service", x->service >= 0 ? b->vol.services[x->service].code : NULL);
	jf_json_kstr(j, "state", jf_wish_st_name(x->st));
	jf_json_kstr(j, "team", team_code(b, x->team));
	jf_json_kstr(j, "team_name", x->team >= 0 ? b->vol.teams[x->team].name : NULL);
	jf_json_kstr(j, "volunteer", vol_id(b, x->volunteer));
	jf_json_kstr(j, "volunteer_name", x->volunteer >= 0 ? b->vol.volunteers[x->volunteer].name : NULL);
	jf_json_kstr(j, "posted", jf_date_format(x->posted, db));
	jf_json_kstr(j, "taken", date_or_null(x->taken, db));
	jf_json_kstr(j, "ended", date_or_null(x->ended, db));
	jf_json_kint(j, "age_days", x->age);
	jf_json_key(j, "flagged");
	jf_json_bool(j, x->flagged);
	jf_json_obj_close(j);
}

static void table_row(struct jf_table *t, const void *ctx, size_t i)
{
	const struct jf_wish_list *l = ctx;
	const struct jf_book *b = l->b;
	char db[JF_DATE_BUFSZ];
	const struct jf_wish_item *x = &l->v[i];
	const struct jf_household *hh = &b->households[x->household];
	jf_table_cell(t, 0, x->id);
	jf_table_cell(t, 1, hh->id);
	jf_table_cell(t, 2, hh->head);
	jf_table_cell(t, 3, b->villages[x->village].code);
	jf_table_cell(t, 4, x->text);
	if (x->service >= 0)
		jf_table_cell(t, 5, b->vol.services[x->service].code);
	jf_table_cell(t, 6, jf_wish_st_name(x->st));
	if (x->team >= 0) {
		jf_table_cell(t, 7, b->vol.teams[x->team].code);
		jf_table_cell(t, 8, b->vol.teams[x->team].name);
	}
	if (x->volunteer >= 0) {
		jf_table_cell(t, 9, b->vol.volunteers[x->volunteer].id);
		jf_table_cell(t, 10, b->vol.volunteers[x->volunteer].name);
	}
	jf_table_cell(t, 11, jf_date_format(x->posted, db));
	if (x->taken != JF_DATE_NONE)
		jf_table_cell(t, 12, jf_date_format(x->taken, db));
	if (x->ended != JF_DATE_NONE)
		jf_table_cell(t, 13, jf_date_format(x->ended, db));
	jf_table_cellf(t, 14, "%d", x->age);
	jf_table_cell(t, 15, x->flagged ? "yes" : "no");
}

void jf_wish_list_format(const struct jf_wish_list *l, enum jf_format f, struct jf_buf *out)
{
	/* the JSON keys, in their order */
	static const char *const heads[] = {
		N_("id"), N_("household"), N_("head"), N_("village"), N_("text"), N_("service"),
		N_("state"), N_("team"), N_("team_name"), N_("volunteer"), N_("volunteer_name"),
		N_("posted"), N_("taken"), N_("ended"), N_("age_days"), N_("flagged"),
	};
	static const struct jf_list_out o = {
		heads, sizeof heads / sizeof *heads, 1u << 14, json_item, table_row,
	};
	jf_list_format(&o, l->b, f, l->n, l, out);
}

/* ---- the wall ---- */

/* "已认领\n2026-11-20" and, flagged, "\n已超过 14 天" (dates on lines of
 * their own, so that none is broken). */
static void state_cell(const struct jf_book *b, const struct jf_wish_item *x, struct jf_buf *out)
{
	bool zh = b->lang == JF_LANG_ZH;
	char db[JF_DATE_BUFSZ];
	switch (x->st) {
	case JF_WS_OPEN:
		jf_buf_adds(out, jf_label(b->lang, JF_L_WAITING));
		break;
	case JF_WS_TAKEN:
		jf_buf_addf(out, "%s\n%s", jf_label(b->lang, JF_L_TAKEN),
			    jf_date_format(x->taken, db));
		break;
	case JF_WS_DONE:
	case JF_WS_DROPPED:
		jf_buf_addf(out, "%s\n%s",
			    jf_label(b->lang, x->st == JF_WS_DONE ? JF_L_DONE : JF_L_DROPPED),
			    jf_date_format(x->ended, db));
		break;
	}
	if (x->flagged)
		jf_buf_addf(out, zh ? "\n已超过 %d 天" : "\nup over %d days", b->vol.wish_days);
}

/* Who took x: the team's name and the volunteer's, a line each. */
static void who_cell(const struct jf_book *b, const struct jf_wish_item *x, struct jf_buf *out)
{
	if (x->team >= 0)
		jf_buf_adds(out, b->vol.teams[x->team].name);
	if (x->volunteer >= 0)
		jf_buf_addf(out, "%s%s", x->team >= 0 ? "\n" : "",
			    b->vol.volunteers[x->volunteer].name);
}

static void menu(struct jf_print *p, const struct jf_book *b)
{
	if (!b->vol.nservices)
		return;
	jf_print_section(p, "menu", jf_label(b->lang, JF_L_MENU), true);
	struct jf_print_col cols[2] = {
		{ jf_label(b->lang, JF_L_SERVICE), false }, { jf_label(b->lang, JF_L_CODE), false },
	};
	jf_print_table(p, "menu", cols, 2);
	for (size_t i = 0; i < b->vol.nservices; i++) {
		const char *c[2] = { b->vol.services[i].name, b->vol.services[i].code };
		jf_print_row(p, NULL, c);
	}
}

/* The wall's list in its order: l->v[ix[0..n)]. */
struct wall {
	const struct jf_wish_list *l;
	const size_t *ix;
};

static int wall_village(const void *ctx, size_t i)
{
	const struct wall *w = ctx;
	return w->l->v[w->ix[i]].village;
}

/* The page of village v (-1: the township, nothing anywhere): its wishes
 * ix[from..to) of the wall. */
static void village_page(struct jf_print *p, const void *ctx, int v, size_t from, size_t to)
{
	const struct wall *wl = ctx;
	const struct jf_wish_list *l = wl->l;
	const size_t *ix = wl->ix;
	const struct jf_book *b = l->b;
	bool zh = b->lang == JF_LANG_ZH;
	struct jf_buf wish = JF_BUF_INIT, who = JF_BUF_INIT, state = JF_BUF_INIT,
		      age = JF_BUF_INIT, whose = JF_BUF_INIT;
	char db[JF_DATE_BUFSZ];
	static const struct jf_list_col cols[] = {
		{ JF_L_POSTED, false }, { JF_L_DAYS_UP, true }, { JF_L_HEAD, false },
		{ JF_L_WISH, false }, { JF_L_TAKEN_BY, false }, { JF_L_WISH_STATE, false },
	};
	jf_print_village_page(p, "village", v, JF_L_WISH_WALL, l->as_of);
	if (jf_list_table(p, b, "wishes", from < to, JF_L_NO_WISHES, cols, 6)) {
		for (size_t i = from; i < to; i++) {
			const struct jf_wish_item *x = &l->v[ix[i]];
			const struct jf_household *hh = &b->households[x->household];
			jf_buf_reset(&whose);
			jf_buf_addf(&whose, "%s\n%s", hh->head, hh->id);
			jf_buf_reset(&wish);
			jf_buf_adds(&wish, x->text);
			if (x->service >= 0)
				jf_buf_addf(&wish, zh ? "\n（%s：%s）" : "\n(%s: %s)",
					    jf_label(b->lang, JF_L_SERVICE),
					    b->vol.services[x->service].name);
			jf_buf_reset(&who);
			who_cell(b, x, &who);
			jf_buf_reset(&state);
			state_cell(b, x, &state);
			jf_buf_reset(&age);
			jf_buf_addf(&age, "%d", x->age);
			const char *c[6] = { jf_date_format(x->posted, db), age.s, whose.s, wish.s,
					     who.s, state.s };
			jf_print_row(p, x->flagged ? "late" : x->st == JF_WS_OPEN ? "open" : NULL, c);
		}
	}
	jf_print_text(p, "hint", jf_label(b->lang, JF_L_WALL_HINT));
	menu(p, b);
	jf_buf_release(&wish);
	jf_buf_release(&who);
	jf_buf_release(&state);
	jf_buf_release(&age);
	jf_buf_release(&whose);
}

static const struct jf_wish_list *sort_list;

/* The wall's order: village (the book's), then the list's (oldest first). */
static int cmp_ix(const void *a, const void *b)
{
	size_t i = *(const size_t *)a, k = *(const size_t *)b;
	const struct jf_wish_item *x = &sort_list->v[i], *y = &sort_list->v[k];
	if (x->village != y->village)
		return x->village < y->village ? -1 : 1;
	return i < k ? -1 : i > k;
}

void jf_wish_wall(const struct jf_wish_list *l, enum jf_paper paper, jf_date printed,
		  struct jf_buf *out)
{
	size_t *ix = jf_calloc(l->n ? l->n : 1, sizeof *ix);
	for (size_t i = 0; i < l->n; i++)
		ix[i] = i;
	sort_list = l;
	if (l->n > 1)
		qsort(ix, l->n, sizeof *ix, cmp_ix);
	struct wall w = { l, ix };
	jf_list_sheet(l->b, paper, printed, "wish-wall", JF_L_WISH_WALL, l->n, l->village,
		      wall_village, village_page, &w, out);
	free(ix);
}

/* ---- jf-wish list ---- */

enum { O_ALL = 300, O_PAPER };

struct opts {
	bool all;
	enum jf_paper paper;
	bool paper_set;
};

static enum jf_status on_opt(void *ctx, int val, const char *arg, struct jf_diags *d)
{
	struct opts *o = ctx;
	switch (val) {
	case O_ALL:
		o->all = true;
		return JF_OK;
	case O_PAPER:
		if (jf_paper_parse(arg, &o->paper)) {
			o->paper_set = true;
			return JF_OK;
		}
		jf_error(d, "unknown --paper '%s': a4 or a5", arg);
		return JF_USAGE;
	}
	return JF_USAGE;
}

#define U_LIST "jf-wish list [-C dir] [--all] [--village code] [--as-of date] [--no-cache] " \
	"[--format fmt] [--bom] [--encoding enc] [--paper size]"

int jf_wish_list_main(int argc, char **argv)
{
	static const struct jf_cli_opt list_opts[] = {
		{ "all", 0, NULL, "every wish posted by the day: done and dropped too", O_ALL },
		{ "paper", 0, "SIZE", "html: the wall on a4 (default) or a5 paper", O_PAPER },
		{ NULL, 0, NULL, NULL, 0 },
	};
	struct jf_cli cli = {
		.prog = "jf-wish", .usage = U_LIST, .no_operands = true,
		.groups = JF_CLI_VILLAGE | JF_CLI_ASOF | JF_CLI_CACHE | JF_CLI_SHEET,
		.formats = JF_FMT_TEXT | JF_FMT_TSV | JF_FMT_CSV | JF_FMT_JSON | JF_FMT_HTML,
	};
	struct jf_diags d = JF_DIAGS_INIT;
	struct opts o = { .paper = JF_PAPER_A4 };
	struct jf_book b;
	struct jf_wish_list l = { 0 };
	struct jf_buf out = JF_BUF_INIT;
	jf_date as_of, today;
	bool done;
	int v = -1;
	enum jf_status st = jf_cli_parse(&cli, argc, argv, list_opts, on_opt, &o, &done, &d);
	if (st != JF_OK || done)
		return jf_cli_report(&cli, st, &d);
	st = jf_cli_date(cli.as_of, "--as-of date", &as_of, &d);
	if (st == JF_OK && o.paper_set && cli.format != JF_FMT_HTML) {
		jf_error(&d, "--paper is for --format html");
		st = JF_USAGE;
	}
	if (st != JF_OK)
		return jf_cli_report(&cli, st, &d);
	if ((st = jf_cli_book(&cli, &b, &d)) != JF_OK)
		return jf_cli_report(&cli, st, &d);
	st = jf_cli_today(&b, &today, &d);
	if (st == JF_OK && as_of == JF_DATE_NONE)
		as_of = today;
	if (st == JF_OK && cli.village && (v = jf_book_village(&b, cli.village)) < 0) {
		jf_error(&d, "unknown village '%s'", cli.village);
		st = JF_REFUSED;
	}
	if (st == JF_OK)
		st = jf_wish_list_read(&l, &b, v, as_of, o.all, !cli.no_cache, &d);
	if (st == JF_OK) {
		if (cli.format == JF_FMT_HTML)
			jf_wish_wall(&l, o.paper_set ? o.paper : JF_PAPER_A4, today, &out);
		else
			jf_wish_list_format(&l, cli.format, &out);
		st = jf_cli_encode(&cli, &out, &d);
	}
	if (st == JF_OK)
		st = jf_cli_emit(&out, &d);
	jf_buf_release(&out);
	jf_wish_list_release(&l);
	jf_book_release(&b);
	return jf_cli_report(&cli, st, &d);
}
