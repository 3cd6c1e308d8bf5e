/* jf-restock - goods into (or, qty < 0, written off from) a village shop;
 * with --count, the stock-take that brings the shop's stock to a count. */
#include "cli.h"
#include "stocktake.h"
#include "txn.h"

static enum jf_status extra(void *ctx, int val, const char *arg, struct jf_diags *d)
{
	(void)val;
	(void)arg;
	(void)d;
	*(bool *)ctx = true;
	return JF_OK;
}

int main(int argc, char **argv)
{
	static const struct jf_cli_opt opts[] = {
		{ "count", 0, NULL, "stock-take: QTY is the stock counted; append the difference", 256 },
		{ NULL, 0, NULL, NULL, 0 },
	};
	struct jf_cli cli = {
		.prog = "jf-restock",
		.usage = "jf-restock [-C dir] [-d date] [-n note] [-b name] [--dry-run] "
			 "[--wait seconds] [--no-cache] [--format fmt] [--count] village item qty",
		.groups = JF_CLI_WRITER | JF_CLI_CACHE,
		.formats = JF_FMT_TEXT | JF_FMT_JSON,
	};
	struct jf_diags d = JF_DIAGS_INIT;
	struct jf_txn t = { .kind = JF_RESTOCK };
	enum jf_status st;
	bool done, count = false;

	st = jf_cli_parse(&cli, argc, argv, opts, extra, &count, &done, &d);
	if (st == JF_OK && !done && cli.argc != 3) {
		jf_error(&d, count ? "expected a village, an item and the stock counted"
				   : "expected a village, an item and a quantity");
		st = JF_USAGE;
	}
	if (st == JF_OK && !done && count) {
		int64_t counted;
		/* 0 is a count like any other */
		if (cli.argv[2][0] == '0' && !cli.argv[2][1])
			counted = 0;
		else
			st = jf_cli_qty(cli.argv[2], 0, 1000000000, &counted, &d);
		if (st == JF_OK)
			return jf_cli_stocktake(&cli, cli.argv[0], cli.argv[1], counted, &d);
	} else if (st == JF_OK && !done) {
		st = jf_cli_qty(cli.argv[2], -1000000000, 1000000000, &t.qty, &d);
	}
	if (st != JF_OK || done)
		return jf_cli_report(&cli, st, &d);
	t.village = cli.argv[0];
	t.code = cli.argv[1];
	return jf_cli_write(&cli, &t, &d);
}
