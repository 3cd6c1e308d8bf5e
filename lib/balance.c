/* balance.c - household selection and the balance table. */
#include "balance.h"
#include "i18n.h"
#include "json.h"
#include "table.h"

enum jf_status jf_select_households(const struct jf_book *b, const char *village,
				    char *const *ids, int n, bool *want,
				    struct jf_diags *d)
{
	int v = -1;
	if (village && (v = jf_book_village(b, village)) < 0) {
		jf_error(d, "unknown village '%s'", village);
		return JF_REFUSED;
	}
	for (size_t h = 0; h < b->nhouseholds; h++)
		want[h] = n == 0;
	for (int i = 0; i < n; i++) {
		int h = jf_book_household(b, ids[i]);
		if (h < 0) {
			jf_error(d, "unknown household '%s'", ids[i]);
			return JF_REFUSED;
		}
		want[h] = true;
	}
	if (v >= 0)
		for (size_t h = 0; h < b->nhouseholds; h++)
			want[h] = want[h] && b->households[h].village == v;
	return JF_OK;
}

enum jf_status jf_balance_format(const struct jf_accts *a, const bool *want,
				 enum jf_format fmt, struct jf_buf *out,
				 struct jf_diags *d)
{
	const struct jf_book *b = a->book;
	bool x = a->expiry != NULL; /* books with `expiry:` add two columns */
	bool rv = b->review.set;    /* books with `review:` add `pending` */
	size_t pc = x ? 8 : 6;      /* its column */
	struct jf_table *t = jf_table_new(pc + rv);
	struct jf_json j;
	jf_points tot_e = 0, tot_s = 0, tot_b = 0, tot_x = 0, tot_g = 0, tot_p = 0;
	char p1[JF_POINTS_BUFSZ];
	enum jf_status st = JF_OK;
	static const char *const heads[] = { N_("household"), N_("head"), N_("village"),
					     N_("earned"), N_("spent"), N_("balance") };

	/* text headers in the reader's language; tsv/csv/json stay English */
	for (size_t i = 0; i < 6; i++)
		jf_table_column(t, i, fmt == JF_FMT_TEXT ? jf_tr_head(b->lang, heads[i]) : heads[i],
				i < 3 ? JF_LEFT : JF_RIGHT);
	if (x) {
		jf_table_column(t, 6, fmt == JF_FMT_TEXT ? jf_tr_head(b->lang, "expired") : "expired",
				JF_RIGHT);
		jf_table_column(t, 7, fmt == JF_FMT_TEXT ? jf_tr_head(b->lang, "expiring") : "expiring",
				JF_RIGHT);
	}
	if (rv)
		jf_table_column(t, pc, fmt == JF_FMT_TEXT ? jf_tr_head(b->lang, "pending") : "pending",
				JF_RIGHT);
	jf_json_init(&j, out, true);
	if (fmt == JF_FMT_JSON)
		jf_json_arr_open(&j);
	for (size_t h = 0; h < b->nhouseholds; h++) {
		const struct jf_household *hh = &b->households[h];
		const struct jf_account *ac = &a->acct[h];
		jf_points bal;
		if (!want[h])
			continue;
		if (!jf_account_balance(ac, &bal) || !jf_points_add(tot_e, ac->earned, &tot_e) ||
		    !jf_points_add(tot_s, ac->spent, &tot_s) || !jf_points_add(tot_b, bal, &tot_b) ||
		    !jf_points_add(tot_x, ac->expired, &tot_x) ||
		    !jf_points_add(tot_g, ac->expiring, &tot_g) ||
		    !jf_points_add(tot_p, ac->pending, &tot_p)) {
			jf_error(d, "sum of points overflows");
			st = JF_INVALID;
			break;
		}
		if (fmt == JF_FMT_JSON) {
			jf_json_obj_open(&j);
			jf_json_kstr(&j, "household", hh->id);
			jf_json_kstr(&j, "head", hh->head);
			jf_json_kstr(&j, "village", b->villages[hh->village].code);
			jf_json_kpoints(&j, "earned", ac->earned);
			jf_json_kpoints(&j, "spent", ac->spent);
			jf_json_kpoints(&j, "balance", bal);
			if (x) {
				jf_json_kpoints(&j, "expired", ac->expired);
				jf_json_kpoints(&j, "expiring", ac->expiring);
			}
			if (rv)
				jf_json_kpoints(&j, "pending", ac->pending);
			jf_json_obj_close(&j);
			continue;
		}
		jf_table_row(t);
		jf_table_cell(t, 0, hh->id);
		jf_table_cell(t, 1, hh->head);
		jf_table_cell(t, 2, b->villages[hh->village].code);
		jf_table_cell(t, 3, jf_points_format(ac->earned, p1));
		jf_table_cell(t, 4, jf_points_format(ac->spent, p1));
		jf_table_cell(t, 5, jf_points_format(bal, p1));
		if (x) {
			jf_table_cell(t, 6, jf_points_format(ac->expired, p1));
			jf_table_cell(t, 7, jf_points_format(ac->expiring, p1));
		}
		if (rv)
			jf_table_cell(t, pc, jf_points_format(ac->pending, p1));
	}
	if (st == JF_OK) {
		if (fmt == JF_FMT_JSON) {
			jf_json_arr_close(&j);
			jf_buf_addc(out, '\n');
		} else {
			if (fmt == JF_FMT_TEXT && jf_table_rows(t) > 1) {
				jf_table_row(t);
				jf_table_cell(t, 0, jf_tr_head(b->lang, "total"));
				jf_table_cell(t, 3, jf_points_format(tot_e, p1));
				jf_table_cell(t, 4, jf_points_format(tot_s, p1));
				jf_table_cell(t, 5, jf_points_format(tot_b, p1));
				if (x) {
					jf_table_cell(t, 6, jf_points_format(tot_x, p1));
					jf_table_cell(t, 7, jf_points_format(tot_g, p1));
				}
				if (rv)
					jf_table_cell(t, pc, jf_points_format(tot_p, p1));
			}
			jf_table_write(t, fmt, out);
		}
	}
	jf_table_free(t);
	return st;
}
