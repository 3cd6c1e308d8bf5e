/* jf-expire - write the receipts of expiry (年度清零) that make it reviewable. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "acct.h"
#include "alloc.h"
#include "cli.h"
#include "failpoint.h"
#include "json.h"
#include "lock.h"
#include "txn.h"

static enum jf_status on_entry(void *ctx, const struct jf_entry *e)
{
	struct jf_accts *a = ctx;
	struct jf_diags d = JF_DIAGS_INIT;
	enum jf_status st = jf_accts_apply(a, e, &d);
	jf_diags_release(&d);
	return st;
}

/* Receipts in the order of the files they go to: the household's village,
 * then the last valid day (the receipt's year). */
static const struct jf_book *sort_book;
static int cmp_due(const void *x, const void *y)
{
	const struct jf_book *b = sort_book;
	const struct jf_xdue *p = x, *q = y;
	int vp = b->households[p->household].village, vq = b->households[q->household].village;
	if (vp != vq)
		return vp < vq ? -1 : 1;
	if (p->until != q->until)
		return p->until < q->until ? -1 : 1;
	return p->household < q->household ? -1 : p->household > q->household;
}

/* The receipts to write as of as_of: what expired beyond what receipts
 * record (only more: jf-check reports the rest), in file order, into
 * *out (caller frees).  Read under the shared lock, waited for at most
 * wait_ms (--wait, as the writes that follow), or, with locked, under the
 * writer's lock the caller holds. */
static enum jf_status plan(const struct jf_book *b, jf_date as_of, bool no_cache, bool locked,
			   long wait_ms, struct jf_xdue **out, size_t *nout, struct jf_diags *d)
{
	struct jf_accts acc;
	struct jf_scan scan;
	struct jf_xdue *due = NULL;
	size_t ndue = 0, n = 0;
	enum jf_status st;

	jf_accts_init(&acc, b, as_of);
	jf_scan_init(&scan);
	scan.use_cache = !no_cache;
	if (locked) {
		st = jf_ledger_scan(&scan, b, on_entry, &acc, d);
	} else {
		/* jf_ledger_read(), with --wait's time */
		struct jf_lock l;
		st = jf_lock_shared(&l, b->root, wait_ms, true, d);
		if (st == JF_OK)
			st = jf_ledger_scan(&scan, b, on_entry, &acc, d);
		jf_lock_release(&l);
	}
	if (st == JF_OK)
		st = jf_accts_expire(&acc, as_of, d);
	if (st == JF_OK && (ndue = jf_expiry_due(acc.expiry, &due)) == (size_t)-1) {
		jf_error(d, "sum of points overflows in the receipts of expiry");
		st = JF_INVALID;
		ndue = 0;
	}
	for (size_t i = 0; i < ndue; i++)
		if (due[i].computed > due[i].recorded)
			due[n++] = due[i];
	sort_book = b;
	if (n)
		qsort(due, n, sizeof *due, cmp_due);
	jf_scan_release(&scan);
	jf_accts_release(&acc);
	if (st != JF_OK) {
		free(due);
		due = NULL;
		n = 0;
	}
	*out = due;
	*nout = n;
	return st;
}

/* One file's receipts, checked again under the writer's lock before they
 * are appended: another jf-expire may have written some since they were
 * worked out (then stale, and the caller works them out again). */
struct guard {
	jf_date as_of;
	bool no_cache;
	const struct jf_xdue *want;
	size_t n;
	bool stale;
};

static bool same_file(const struct jf_book *b, const struct jf_xdue *p, const struct jf_xdue *q)
{
	return b->households[p->household].village == b->households[q->household].village &&
	       p->until == q->until;
}

static enum jf_status still_due(void *ctx, const struct jf_book *b, struct jf_diags *d)
{
	struct guard *g = ctx;
	struct jf_xdue *due;
	size_t n, i = 0, k;
	enum jf_status st = plan(b, g->as_of, g->no_cache, true, 0, &due, &n, d);
	if (st != JF_OK)
		return st;
	while (i < n && !same_file(b, &due[i], &g->want[0]))
		i++;
	for (k = 0; i + k < n && same_file(b, &due[i + k], &g->want[0]); k++)
		;
	g->stale = k != g->n;
	for (size_t q = 0; q < k && !g->stale; q++) {
		const struct jf_xdue *x = &due[i + q], *w = &g->want[q];
		g->stale = x->household != w->household ||
			   x->computed - x->recorded != w->computed - w->recorded;
	}
	free(due);
	return g->stale ? JF_REFUSED : JF_OK;
}

/* Rounds of working the receipts out again before jf-expire gives up. */
#define MAX_ROUNDS 20

static void result_line(const struct jf_book *b, const struct jf_txn_result *r,
			const struct jf_txn *t, enum jf_format fmt, struct jf_json *j,
			struct jf_buf *out)
{
	char d1[JF_DATE_BUFSZ], p1[JF_POINTS_BUFSZ];
	const struct jf_household *h = &b->households[r->household];
	if (fmt == JF_FMT_JSON) {
		jf_json_obj_open(j);
		jf_json_kstr(j, "id", r->id);
		jf_json_kstr(j, "kind", "expire");
		jf_json_kstr(j, "date", jf_date_format(r->date, d1));
		jf_json_kstr(j, "household", h->id);
		jf_json_kstr(j, "head", h->head);
		jf_json_kstr(j, "village", b->villages[h->village].code);
		jf_json_kpoints(j, "points", t->points);
		jf_json_kstr(j, "until", jf_date_format(t->until, d1));
		jf_json_kstr(j, "file", r->file.s);
		jf_json_key(j, "dry_run");
		jf_json_bool(j, r->dry_run);
		jf_json_obj_close(j);
		return;
	}
	if (r->dry_run)
		jf_buf_adds(out, "dry run, nothing written: ");
	jf_buf_addf(out, "expire %s %s %s", h->id, h->head, jf_points_format(t->points, p1));
	jf_buf_addf(out, " (valid through %s), id %s\n", jf_date_format(t->until, d1), r->id);
}

int main(int argc, char **argv)
{
	struct jf_cli cli = {
		.prog = "jf-expire",
		.no_operands = true,
		.usage = "jf-expire [-C dir] [--as-of date] [-b name] [--dry-run] [--wait seconds] "
			 "[--no-cache] [--format fmt]",
		.groups = JF_CLI_ASOF | JF_CLI_CACHE | JF_CLI_OPERATOR,
		.formats = JF_FMT_TEXT | JF_FMT_JSON,
	};
	struct jf_diags d = JF_DIAGS_INIT;
	struct jf_book b;
	struct jf_accts acc;
	struct jf_buf out = JF_BUF_INIT;
	enum jf_status st;
	jf_date as_of = JF_DATE_NONE, today;
	bool done;

	st = jf_cli_parse(&cli, argc, argv, NULL, NULL, NULL, &done, &d);
	if (st == JF_OK && !done && cli.as_of)
		st = jf_cli_date(cli.as_of, "--as-of date", &as_of, &d);
	if (st != JF_OK || done)
		return jf_cli_report(&cli, st, &d);
	if ((st = jf_cli_book(&cli, &b, &d)) != JF_OK)
		return jf_cli_report(&cli, st, &d);
	const char *by = jf_cli_operator(&cli);
	jf_accts_init(&acc, &b, JF_DATE_NONE);
	if ((st = jf_accts_day(&acc, JF_DATE_NONE, &today, &d)) == JF_OK) {
		if (as_of == JF_DATE_NONE)
			as_of = today;
		if (as_of > today) {
			char d1[JF_DATE_BUFSZ], d2[JF_DATE_BUFSZ];
			jf_error(&d, "--as-of %s is in the future (today is %s in %s)",
				 jf_date_format(as_of, d1), jf_date_format(today, d2), b.timezone);
			st = JF_USAGE;
		} else if (!b.expiry.years) {
			jf_error(&d, "jf.yaml sets no 'expiry:': points never expire in this book");
			st = JF_REFUSED;
		}
	}
	jf_accts_release(&acc);
	struct jf_json j;
	jf_json_init(&j, &out, false);
	if (cli.format == JF_FMT_JSON)
		jf_json_arr_open(&j);
	/* worked out, then each file's checked again and appended under the
	 * lock; when another run got in between, worked out again */
	size_t shown = 0;
	bool stale = st == JF_OK;
	for (int round = 0; stale; round++) {
		struct jf_xdue *due = NULL;
		size_t n = 0;
		stale = false;
		if (round == MAX_ROUNDS) {
			jf_error(&d, "the receipts of expiry changed %d times while jf-expire ran "
				     "(other runs at the same time?); run it again", MAX_ROUNDS);
			st = JF_SYSTEM;
			break;
		}
		if ((st = plan(&b, as_of, cli.no_cache, false, cli.wait_ms, &due, &n, &d)) != JF_OK)
			break;
		if (!round)
			(void)jf_failpoint("expire-planned");
		struct jf_txn *t = jf_calloc(n ? n : 1, sizeof *t);
		struct jf_txn_result *res = jf_calloc(n ? n : 1, sizeof *res);
		struct guard g = { .as_of = as_of, .no_cache = cli.no_cache };
		for (size_t i = 0; i < n; i++) {
			t[i].kind = JF_EXPIRE;
			t[i].household = b.households[due[i].household].id;
			t[i].points = -(due[i].computed - due[i].recorded);
			t[i].until = due[i].until;
			t[i].date = due[i].until + 1;
			t[i].by = by;
			t[i].dry_run = cli.dry_run;
			t[i].no_cache = cli.no_cache;
			t[i].wait_ms = cli.wait_ms;
		}
		/* one write per file: a village's receipts of one year */
		size_t i = 0, ncommit = 0;
		while (i < n && st == JF_OK) {
			size_t k = i + 1;
			while (k < n && same_file(&b, &due[k], &due[i]))
				k++;
			g.want = &due[i];
			g.n = k - i;
			g.stale = false;
			t[i].locked = still_due;
			t[i].locked_ctx = &g;
			st = jf_txn_commit_many(&b, &t[i], k - i, &res[i], &d);
			ncommit = k;
			if (st != JF_OK && g.stale) {
				st = JF_OK;
				stale = true;
				break;
			}
			if (st == JF_OK)
				for (size_t q = i; q < k; q++)
					result_line(&b, &res[q], &t[q], cli.format, &j, &out), shown++;
			i = k;
		}
		for (size_t q = 0; q < ncommit; q++)
			jf_txn_result_release(&res[q]);
		free(t);
		free(res);
		free(due);
	}
	if (cli.format == JF_FMT_JSON) {
		jf_json_arr_close(&j);
		jf_buf_addc(&out, '\n');
	} else if (st == JF_OK && !shown) {
		char d1[JF_DATE_BUFSZ];
		jf_buf_addf(&out, "nothing to write: no points expired beyond the receipts as of %s\n",
			    jf_date_format(as_of, d1));
	}
	/* what was written stays written: print it, whatever came after */
	if (st == JF_OK || shown) {
		enum jf_status est = jf_cli_emit(&out, &d);
		st = st == JF_OK ? est : st;
	}
	jf_buf_release(&out);
	jf_book_release(&b);
	return jf_cli_report(&cli, st, &d);
}
