/* report_json.c - a finished report as one JSON object.
 *
 * The period and the book's township, then one member per section: an
 * object for the totals, an array of objects for the others, members named
 * by the views' column keys in column order (a void's "what" is its
 * "activity" or "item" and its "qty").  Total rows are for tables only.
 */
#include <string.h>

#include "json.h"
#include "kind.h"
#include "report_view.h"

static void kv(struct jf_json *j, const char *k, const char *v)
{
	jf_json_kstr(j, k, v);
}

static void member(struct jf_json *j, const struct jf_view *v, size_t i, size_t c)
{
	const struct jf_cell *x = jf_view_at(v, i, c);
	const char *key = v->cols[c].key;
	struct jf_buf b = JF_BUF_INIT;

	if (!key || x->type == JF_CELL_NONE)
		return;
	if (x->type == JF_CELL_WHAT) {
		kv(j, jf_kind_has((enum jf_kind)x->m, JF_F_ACTIVITY) ? "activity" : "item", x->s);
		jf_json_kint(j, "qty", x->n);
		return;
	}
	jf_json_key(j, key);
	switch (x->type) {
	case JF_CELL_TEXT: jf_json_str(j, x->s); break;
	case JF_CELL_INT: jf_json_int(j, x->n); break;
	case JF_CELL_POINTS: jf_json_points(j, x->n); break;
	case JF_CELL_BOOL: jf_json_bool(j, x->n); break;
	case JF_CELL_KIND: jf_json_str(j, jf_kind_name((enum jf_kind)x->n)); break;
	default:
		jf_view_show(v, i, c, &b);
		jf_json_str(j, b.s);
		jf_buf_release(&b);
		break;
	}
}

static void object(struct jf_json *j, const struct jf_view *v, size_t i)
{
	jf_json_obj_open(j);
	for (size_t c = 0; c < v->ncols; c++)
		member(j, v, i, c);
	jf_json_obj_close(j);
}

/* The section as a member; the view is released.  The low-stock mark
 * comes before the stock. */
static void section(void *ctx, struct jf_view *v)
{
	struct jf_json *j = ctx;
	const struct jf_book *b = v->r->book;
	if (!strcmp(v->json, "stock")) {
		jf_json_key(j, "low_stock");
		if (b->low_stock >= 0)
			jf_json_int(j, b->low_stock);
		else
			jf_json_null(j);
	}
	jf_json_key(j, v->json);
	if (v->one) {
		object(j, v, 0);
	} else {
		jf_json_arr_open(j);
		for (size_t i = 0; i < v->nrows; i++)
			if (!(v->flags[i] & JF_ROW_TOTAL))
				object(j, v, i);
		jf_json_arr_close(j);
	}
	jf_view_release(v);
}

void jf_report_json(const struct jf_report *r, struct jf_buf *out)
{
	const struct jf_book *b = r->book;
	struct jf_json j;
	char d[JF_DATE_BUFSZ];
	struct jf_buf pn = JF_BUF_INIT;

	jf_json_init(&j, out, true);
	jf_json_obj_open(&j);
	kv(&j, "township", b->township);
	kv(&j, "from", jf_date_format(r->o.from, d));
	kv(&j, "to", jf_date_format(r->o.to, d));
	jf_report_period_name(r->o.from, r->o.to, &pn);
	kv(&j, "period", pn.len ? pn.s : NULL);
	jf_buf_release(&pn);
	kv(&j, "village", r->o.village >= 0 ? b->villages[r->o.village].code : NULL);
	jf_view_each(r, section, &j);
	jf_json_obj_close(&j);
	jf_buf_addc(out, '\n');
}
