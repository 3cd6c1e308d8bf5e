/* stocktake.c - a restock of the difference between counted and booked. */
#include <string.h>

#include "acct.h"
#include "json.h"
#include "ledger.h"
#include "stocktake.h"
#include "txn.h"

struct ctx {
	struct jf_accts acc;
	struct jf_diags *d;
};

static enum jf_status on_entry(void *p, const struct jf_entry *e)
{
	struct ctx *c = p;
	return jf_accts_apply(&c->acc, e, c->d);
}

int jf_cli_stocktake(struct jf_cli *cli, const char *village, const char *item,
		     int64_t counted, struct jf_diags *d)
{
	struct jf_book b;
	struct jf_buf out = JF_BUF_INIT, note = JF_BUF_INIT;
	jf_date date;
	enum jf_status st;

	if ((st = jf_cli_writer_book(cli, &b, &date, d)) != JF_OK)
		return jf_cli_report(cli, st, d);
	cli->usage = NULL;
	int v = jf_book_village(&b, village), g = jf_book_good(&b, item);
	if (v < 0)
		jf_error(d, "unknown village '%s'", village);
	if (g < 0)
		jf_error(d, "unknown item '%s'", item);
	else if (!b.goods[g].stock)
		jf_error(d, "the stock of '%s' is not tracked (stock: true in catalogue.yaml)", item);
	if (v < 0 || g < 0 || !b.goods[g].stock) {
		jf_book_release(&b);
		return jf_cli_report(cli, JF_REFUSED, d);
	}
	struct ctx c = { .d = d };
	struct jf_scan scan;
	jf_accts_init(&c.acc, &b, date);
	jf_scan_init(&scan);
	scan.use_cache = !cli->no_cache;
	st = jf_ledger_read(&scan, &b, on_entry, &c, d);
	int64_t have = jf_accts_stock(&c.acc, v, g);
	jf_scan_release(&scan);
	jf_accts_release(&c.acc);
	if (st != JF_OK) {
		if (st == JF_INVALID)
			jf_error(d, "the book is invalid; nothing was recorded (see 'jf-check')");
		jf_book_release(&b);
		return jf_cli_report(cli, st, d);
	}
	if (have == counted) {
		if (cli->format == JF_FMT_JSON) {
			struct jf_json j;
			jf_json_init(&j, &out, false);
			jf_json_obj_open(&j);
			jf_json_kstr(&j, "village", b.villages[v].code);
			jf_json_kstr(&j, "item", b.goods[g].code);
			jf_json_kint(&j, "counted", counted);
			jf_json_kint(&j, "stock", have);
			jf_json_key(&j, "written");
			jf_json_bool(&j, false);
			jf_json_obj_close(&j);
			jf_buf_addc(&out, '\n');
		} else {
			jf_buf_addf(&out, "stock-take %s %s: counted %lld, as the book has; nothing written\n",
				    b.villages[v].code, b.goods[g].code, (long long)counted);
		}
		st = jf_cli_emit(&out, d);
		jf_buf_release(&out);
		jf_book_release(&b);
		return jf_cli_report(cli, st, d);
	}
	if (cli->note && *cli->note)
		jf_buf_addf(&note, "%s; ", cli->note);
	jf_buf_addf(&note, "stock-take: counted %lld, the book had %lld", (long long)counted,
		    (long long)have);
	struct jf_txn t = {
		.kind = JF_RESTOCK, .village = village, .code = item, .qty = counted - have,
		.date = date, .note = note.s, .by = jf_cli_operator(cli), .dry_run = cli->dry_run,
		.no_cache = cli->no_cache, .wait_ms = cli->wait_ms,
	};
	struct jf_txn_result res;
	st = jf_txn_commit(&b, &t, &res, d);
	if (st == JF_OK) {
		if (res.has_stock && res.stock != counted)
			jf_diag_add(d, JF_SEV_WARNING, NULL, 0, 0,
				    "another entry changed the stock while counting: the book now has %lld, not %lld; count again",
				    (long long)res.stock, (long long)counted);
		st = jf_cli_result(cli, &b, &res, d);
	}
	jf_txn_result_release(&res);
	jf_buf_release(&out);
	jf_buf_release(&note);
	jf_book_release(&b);
	return jf_cli_report(cli, st, d);
}
