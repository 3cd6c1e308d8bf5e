/* jf-balance - households' points: earned, spent and balance. */
#include <stdlib.h>

#include "alloc.h"
#include "balance.h"
#include "cli.h"

struct run {
	struct jf_accts acc;
	struct jf_diags *d;
};

static enum jf_status on_entry(void *ctx, const struct jf_entry *e)
{
	struct run *r = ctx;
	return jf_accts_apply(&r->acc, e, r->d);
}

int main(int argc, char **argv)
{
	struct jf_cli cli = {
		.prog = "jf-balance",
		.usage = "jf-balance [-C dir] [--village code] [--as-of date] [--week week] "
			 "[--month month] [--quarter quarter] [--year year] [--no-cache] "
			 "[--format fmt] [--bom] [--encoding enc] [household ...]",
		.groups = JF_CLI_VILLAGE | JF_CLI_ASOF | JF_CLI_NAMED | JF_CLI_CACHE | JF_CLI_SHEET,
		.formats = JF_FMT_TEXT | JF_FMT_TSV | JF_FMT_CSV | JF_FMT_JSON,
	};
	struct jf_diags d = JF_DIAGS_INIT;
	struct jf_book b;
	struct jf_scan scan;
	struct run r = { .d = &d };
	struct jf_buf out = JF_BUF_INIT;
	enum jf_status st;
	jf_date from, as_of;
	bool done;

	st = jf_cli_parse(&cli, argc, argv, NULL, NULL, NULL, &done, &d);
	if (st == JF_OK && !done)
		st = jf_cli_date(cli.as_of, "--as-of date", &as_of, &d);
	if (st != JF_OK || done)
		return jf_cli_report(&cli, st, &d);
	if ((st = jf_cli_book(&cli, &b, &d)) != JF_OK)
		return jf_cli_report(&cli, st, &d);
	/* a period means its last day (or --as-of, if earlier) */
	if ((st = jf_cli_period(&cli, &b, &from, &as_of, &d)) != JF_OK) {
		jf_book_release(&b);
		return jf_cli_report(&cli, st, &d);
	}

	bool *want = jf_calloc(b.nhouseholds, sizeof *want);
	jf_accts_init(&r.acc, &b, as_of);
	jf_scan_init(&scan);
	scan.use_cache = !cli.no_cache;
	st = jf_select_households(&b, cli.village, cli.argv, cli.argc, want, &d);
	if (st == JF_OK)
		st = jf_ledger_read(&scan, &b, on_entry, &r, &d);
	if (st == JF_OK)
		st = jf_accts_expire(&r.acc, JF_DATE_NONE, &d);
	if (st == JF_OK)
		st = jf_balance_format(&r.acc, want, cli.format, &out, &d);
	if (st == JF_OK)
		st = jf_cli_encode(&cli, &out, &d);
	if (st == JF_OK)
		st = jf_cli_emit(&out, &d);
	free(want);
	jf_buf_release(&out);
	jf_scan_release(&scan);
	jf_accts_release(&r.acc);
	jf_book_release(&b);
	return jf_cli_report(&cli, st, &d);
}
