/* review_list.c - the entries under review as of a day, and the 公示 sheet
 * (review_list.h). */
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "i18n.h"
#include "json.h"
#include "labels.h"
#include "ledger.h"
#include "listout.h"
#include "review_list.h"
#include "review_read.h"
#include "table.h"

struct reader {
	struct jf_review_list *l;
	struct jf_diags *d;
	struct jf_etexts t;       /* the texts of an entry read again */
};

/* The id of entry e, a row of the list: an entry replayed from the cache
 * has it read again from its bytes (jf_entry_texts).  Its reviewers are
 * its follow-ups' records (who: an index), which need no texts. */
static enum jf_status entry_id(struct reader *rd, const struct jf_entry *e, char *id)
{
	struct jf_entry x;
	enum jf_status st = jf_entry_texts(rd->l->b, e, &x, &rd->t, rd->d);
	if (st != JF_OK)
		return st;
	if (!x.id) {
		/* replayed without its place: nothing to read it again from */
		jf_error_at(rd->d, e->file, e->line, e->col,
			    "the entry changed while the ledger was read; read it again");
		return JF_INVALID;
	}
	jf_id_copy(id, x.id);
	return JF_OK;
}

static enum jf_status on_entry(void *ctx, const struct jf_entry *e)
{
	struct reader *rd = ctx;
	struct jf_review_list *l = rd->l;
	struct jf_review_state st;
	if (!jf_kind_has(e->kind, JF_F_APPROVALS) || e->need <= 0 || e->activity < 0 || !e->self)
		return JF_OK;
	if (e->date > l->as_of || (l->village >= 0 && e->village != l->village))
		return JF_OK;
	jf_review_replay(e->self, e->fus, e->nfus, l->as_of, &st);
	if (st.st != JF_RV_PENDING && st.st != JF_RV_NOTICE)
		return JF_OK;
	char id[JF_ID_MAX + 1];
	enum jf_status rc = entry_id(rd, e, id);
	if (rc != JF_OK)
		return rc;
	l->v = jf_grow(l->v, l->n, &l->cap, 16, sizeof *l->v);
	struct jf_review_item *x = &l->v[l->n++];
	memset(x, 0, sizeof *x);
	memcpy(x->id, id, sizeof x->id);
	x->household = e->household;
	x->village = e->village;
	x->activity = e->activity;
	x->points = e->points;
	x->date = e->date;
	x->st = st.st;
	x->approvals = st.approvals;
	x->needed = e->need;
	x->notice_days = e->notice;
	x->approved = st.approved;
	x->notice_from = st.st == JF_RV_NOTICE ? st.notice_from : JF_DATE_NONE;
	x->counts_from = st.st == JF_RV_NOTICE ? st.counts_from : JF_DATE_NONE;
	return JF_OK;
}

static int cmp_item(const void *a, const void *b)
{
	const struct jf_review_item *x = a, *y = b;
	return jf_review_key_cmp((struct jf_review_key){ x->village, x->date, x->household, x->id },
				 (struct jf_review_key){ y->village, y->date, y->household, y->id });
}

enum jf_status jf_review_list_read(struct jf_review_list *l, const struct jf_book *b,
				   int village, jf_date as_of, bool use_cache, struct jf_diags *d)
{
	struct jf_scan scan;
	memset(l, 0, sizeof *l);
	l->b = b;
	l->village = village;
	l->as_of = as_of;
	struct reader rd = { .l = l, .d = d };
	jf_etexts_init(&rd.t);
	jf_scan_init(&scan);
	scan.use_cache = use_cache;
	scan.places = true; /* the ids of the rows are read again */
	enum jf_status st = jf_ledger_read(&scan, b, on_entry, &rd, d);
	jf_scan_release(&scan);
	jf_etexts_release(&rd.t);
	if (st == JF_OK && l->n > 1)
		qsort(l->v, l->n, sizeof *l->v, cmp_item);
	return st;
}

void jf_review_list_release(struct jf_review_list *l)
{
	free(l->v);
	l->v = NULL;
	l->n = l->cap = 0;
}

/* The names of who approved x in this round, joined by sep. */
static void approvers(const struct jf_book *b, const struct jf_review_item *x, const char *sep,
		      struct jf_buf *out)
{
	bool first = true;
	for (size_t i = 0; i < b->review.nreviewers && i < 64; i++)
		if (x->approved >> i & 1) {
			jf_buf_adds(out, first ? "" : sep);
			jf_buf_adds(out, b->review.reviewers[i]);
			first = false;
		}
}

static void json_item(struct jf_json *j, const void *ctx, size_t k)
{
	const struct jf_review_list *l = ctx;
	const struct jf_book *b = l->b;
	const struct jf_review_item *x = &l->v[k];
	char db[JF_DATE_BUFSZ];
	jf_json_obj_open(j);
	jf_json_kstr(j, "id", x->id);
	jf_json_kstr(j, "household", b->households[x->household].id);
	jf_json_kstr(j, "head", b->households[x->household].head);
	jf_json_kstr(j, "village", b->villages[x->village].code);
	jf_json_kstr(j, "activity", b->activities[x->activity].code);
	jf_json_kpoints(j, "points", x->points);
	jf_json_kstr(j, "date", jf_date_format(x->date, db));
	jf_json_kstr(j, "state", jf_review_st_name(x->st));
	jf_json_kint(j, "approvals", x->approvals);
	jf_json_kint(j, "needed", x->needed);
	jf_json_key(j, "reviewers");
	jf_json_arr_open(j);
	for (size_t i = 0; i < b->review.nreviewers && i < 64; i++)
		if (x->approved >> i & 1)
			jf_json_str(j, b->review.reviewers[i]);
	jf_json_arr_close(j);
	jf_json_key(j, "counts_from");
	if (x->counts_from == JF_DATE_NONE)
		jf_json_null(j);
	else
		jf_json_str(j, jf_date_format(x->counts_from, db));
	jf_json_obj_close(j);
}

static void table_row(struct jf_table *t, const void *ctx, size_t i)
{
	const struct jf_review_list *l = ctx;
	const struct jf_book *b = l->b;
	const struct jf_review_item *x = &l->v[i];
	struct jf_buf who = JF_BUF_INIT;
	char pb[JF_POINTS_BUFSZ], db[JF_DATE_BUFSZ];
	jf_table_cell(t, 0, x->id);
	jf_table_cell(t, 1, b->households[x->household].id);
	jf_table_cell(t, 2, b->households[x->household].head);
	jf_table_cell(t, 3, b->villages[x->village].code);
	jf_table_cell(t, 4, b->activities[x->activity].code);
	jf_table_cell(t, 5, jf_points_format(x->points, pb));
	jf_table_cell(t, 6, jf_date_format(x->date, db));
	jf_table_cell(t, 7, jf_review_st_name(x->st));
	jf_table_cellf(t, 8, "%d", x->approvals);
	jf_table_cellf(t, 9, "%d", x->needed);
	approvers(b, x, ",", &who);
	jf_table_cell(t, 10, who.s);
	if (x->counts_from != JF_DATE_NONE)
		jf_table_cell(t, 11, jf_date_format(x->counts_from, db));
	jf_buf_release(&who);
}

void jf_review_list_format(const struct jf_review_list *l, enum jf_format f,
			   struct jf_buf *out)
{
	/* the JSON keys, in their order */
	static const char *const heads[] = {
		N_("id"), N_("household"), N_("head"), N_("village"), N_("activity"), N_("points"),
		N_("date"), N_("state"), N_("approvals"), N_("needed"), N_("reviewers"),
		N_("counts_from"),
	};
	static const struct jf_list_out o = {
		heads, sizeof heads / sizeof *heads, 1u << 5 | 1u << 8 | 1u << 9, json_item,
		table_row,
	};
	jf_list_format(&o, l->b, f, l->n, l, out);
}

/* ---- the 公示 sheet ---- */

/* "公示期 2026-11-28\n至 2026-11-30" (one day: "公示期 2026-11-28"), or
 * "待审核（已审 1 人，需 2 人）". */
static void state_cell(const struct jf_book *b, const struct jf_review_item *x,
		       struct jf_buf *out)
{
	bool zh = b->lang == JF_LANG_ZH;
	char d1[JF_DATE_BUFSZ], d2[JF_DATE_BUFSZ];
	if (x->st == JF_RV_NOTICE) {
		jf_buf_addf(out, "%s %s", jf_label(b->lang, JF_L_NOTICE_PERIOD),
			    jf_date_format(x->notice_from, d1));
		/* on two lines, so that a date is never broken (print.c) */
		if (x->counts_from - 1 > x->notice_from)
			jf_buf_addf(out, "\n%s %s", jf_label(b->lang, JF_L_TO),
				    jf_date_format(x->counts_from - 1, d2));
		return;
	}
	jf_buf_adds(out, jf_label(b->lang, JF_L_PENDING_REVIEW));
	if (zh && x->approvals)
		jf_buf_addf(out, "（已审 %d 人，需 %d 人）", x->approvals, x->needed);
	else if (zh)
		jf_buf_addf(out, "（需 %d 人审核）", x->needed);
	else
		jf_buf_addf(out, " (%d of %d approvals)", x->approvals, x->needed);
}

/* The page of village v: its entries under review l->v[from..to). */
static void village_page(struct jf_print *p, const void *ctx, int v, size_t from, size_t to)
{
	const struct jf_review_list *l = ctx;
	const struct jf_book *b = l->b;
	bool zh = b->lang == JF_LANG_ZH;
	struct jf_buf deed = JF_BUF_INIT, who = JF_BUF_INIT, state = JF_BUF_INIT;
	char db[JF_DATE_BUFSZ], pb[JF_POINTS_BUFSZ];
	static const struct jf_list_col cols[] = {
		{ JF_L_HOUSEHOLD, false }, { JF_L_HEAD, false }, { JF_L_DATE, false },
		{ JF_L_CAUSE, false }, { JF_L_POINTS, true }, { JF_L_APPROVED_BY, false },
		{ JF_L_STATE, false },
	};
	jf_print_village_page(p, NULL, v, JF_L_UNDER_REVIEW, l->as_of);
	if (jf_list_table(p, b, "under-review", from < to, JF_L_NONE_UNDER_REVIEW, cols, 7)) {
		for (size_t i = from; i < to; i++) {
			const struct jf_review_item *x = &l->v[i];
			const struct jf_household *hh = &b->households[x->household];
			jf_buf_reset(&deed);
			jf_buf_adds(&deed, b->activities[x->activity].name);
			jf_buf_reset(&who);
			approvers(b, x, zh ? "、" : ", ", &who);
			jf_buf_reset(&state);
			state_cell(b, x, &state);
			const char *c[7] = { hh->id, hh->head, jf_date_format(x->date, db), deed.s,
					     jf_points_format_signed(x->points, pb), who.s, state.s };
			jf_print_row(p, x->st == JF_RV_PENDING ? "pending" : NULL, c);
		}
		/* the office the notice: block names, else the committee */
		const char *office = b->notice_contact ? b->notice_contact
						       : jf_label(b->lang, JF_L_COMMITTEE);
		struct jf_buf hint = JF_BUF_INIT;
		if (b->lang == JF_LANG_ZH)
			jf_buf_addf(&hint, "对以上积分如有异议，请在公示期内向%s提出。", office);
		else
			jf_buf_addf(&hint, "Anyone who objects to these points may say so to %s "
				    "while they are on notice.", office);
		jf_print_text(p, "hint", hint.s);
		jf_buf_release(&hint);
	}
	jf_buf_release(&deed);
	jf_buf_release(&who);
	jf_buf_release(&state);
}

static int village_of(const void *ctx, size_t i)
{
	const struct jf_review_list *l = ctx;
	return l->v[i].village;
}

void jf_review_sheet(const struct jf_review_list *l, enum jf_paper paper, jf_date printed,
		     struct jf_buf *out)
{
	/* the list is sorted by village: one page for each run */
	jf_list_sheet(l->b, paper, printed, "review-sheet", JF_L_UNDER_REVIEW, l->n, l->village,
		      village_of, village_page, l, out);
}
