/* jf-restock - goods into (or, qty < 0, written off from) a village shop;
 * with --count, the stock-take that brings the shop's stock to a count. */
#include "cli.h"
#include "i18n.h"
#include "stocktake.h"
#include "txn.h"

struct opts {
	bool count;
};

enum { O_COUNT = JF_CLI_AT(struct opts, count) };

int main(int argc, char **argv)
{
	static const struct jf_cli_opt opts[] = {
		{ "count", 0, NULL, "stock-take: QTY is the stock counted; append the difference", O_COUNT },
		{ NULL, 0, NULL, NULL, 0 },
	};
	struct jf_cli cli =
		JF_CLI_WRITER_INIT("jf-restock", JF_CLI_U_WRITER " [--count] village item qty", 0);
	struct jf_diags d = JF_DIAGS_INIT;
	struct jf_txn t = { .kind = JF_RESTOCK };
	enum jf_status st;
	struct opts o = { false };
	bool done;

	st = jf_cli_parse(&cli, argc, argv, opts, NULL, &o, &done, &d);
	if (st == JF_OK && !done)
		st = jf_cli_operands(&cli, 3, 3,
				     o.count ? N_("expected a village, an item and the stock counted")
					     : N_("expected a village, an item and a quantity"),
				     &d);
	if (st == JF_OK && !done && o.count) {
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
