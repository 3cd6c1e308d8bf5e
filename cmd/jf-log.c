/* jf-log - a statement: entries in date order with running balances. */
#include <stdlib.h>

#include "alloc.h"
#include "balance.h"
#include "cli.h"
#include "stmt.h"

struct run {
	struct jf_stmt *s;
	struct jf_accts acc;   /* books with expiry: what expired */
	struct jf_diags *d;
};

static enum jf_status on_entry(void *ctx, const struct jf_entry *e)
{
	struct run *r = ctx;
	enum jf_status st = jf_stmt_add(r->s, e);
	if (st == JF_OK && r->acc.expiry)
		st = jf_accts_apply(&r->acc, e, r->d);
	return st;
}

int main(int argc, char **argv)
{
	struct jf_cli cli = {
		.prog = "jf-log",
		.usage = "jf-log [-C dir] [--village code] [--from date] [--to date] "
			 "[--as-of date] [--week week] [--month month] [--quarter quarter] "
			 "[--year year] [--format fmt] [household]",
		.groups = JF_CLI_VILLAGE | JF_CLI_ASOF | JF_CLI_PERIOD,
		.formats = JF_FMT_TEXT | JF_FMT_TSV | JF_FMT_CSV | JF_FMT_JSON,
	};
	struct jf_diags d = JF_DIAGS_INIT;
	struct jf_book b;
	struct jf_scan scan;
	struct jf_stmt *s = NULL;
	struct run r = { .d = &d };
	struct jf_buf out = JF_BUF_INIT;
	enum jf_status st;
	jf_date from, to;
	bool done;

	st = jf_cli_parse(&cli, argc, argv, NULL, NULL, NULL, &done, &d);
	if (st == JF_OK && !done && cli.argc > 1) {
		jf_error(&d, "expected at most one household");
		st = JF_USAGE;
	}
	if (st != JF_OK || done)
		return jf_cli_report(&cli, st, &d);
	if ((st = jf_cli_book(&cli, &b, &d)) != JF_OK)
		return jf_cli_report(&cli, st, &d);

	bool *want = jf_calloc(b.nhouseholds, sizeof *want);
	jf_scan_init(&scan);
	st = jf_cli_period(&cli, &b, &from, &to, &d);
	if (st == JF_OK)
		st = jf_select_households(&b, cli.village, cli.argv, cli.argc, want, &d);
	if (st == JF_OK) {
		s = jf_stmt_new(&b, want, cli.argc == 0,
				cli.village ? jf_book_village(&b, cli.village) : -1, from, to);
		r.s = s;
		jf_accts_init(&r.acc, &b, to);
		st = jf_ledger_read(&scan, &b, on_entry, &r, &d);
		if (st == JF_OK && r.acc.expiry && (st = jf_accts_expire(&r.acc, to, &d)) == JF_OK)
			jf_stmt_add_expired(s, r.acc.expiry);
		jf_accts_release(&r.acc);
	}
	if (st == JF_OK)
		st = jf_stmt_format(s, cli.format, cli.argc == 1, &out, &d);
	if (st == JF_OK)
		st = jf_cli_emit(&out, &d);
	jf_stmt_free(s);
	free(want);
	jf_buf_release(&out);
	jf_scan_release(&scan);
	jf_book_release(&b);
	return jf_cli_report(&cli, st, &d);
}
