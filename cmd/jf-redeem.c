/* jf-redeem - spend a household's points on goods. */
#include "batch.h"
#include "cli.h"
#include "txn.h"

int main(int argc, char **argv)
{
	struct jf_cli cli = {
		.prog = "jf-redeem",
		.usage = "jf-redeem [-C dir] [-d date] [-n note] [-b name] [--dry-run] "
			 "[--wait seconds] [--no-cache] [--format fmt] "
			 "[--batch file [--encoding enc] [--again]] [household item [qty]]",
		.groups = JF_CLI_WRITER | JF_CLI_CACHE,
		.formats = JF_FMT_TEXT | JF_FMT_JSON,
	};
	struct jf_diags d = JF_DIAGS_INIT;
	struct jf_txn t = { .kind = JF_REDEEM, .qty = 1 };
	enum jf_status st;
	struct jf_batch bo = { .kind = JF_REDEEM };
	bool done;

	st = jf_cli_parse(&cli, argc, argv, jf_batch_opts, jf_batch_opt, &bo, &done, &d);
	if (st == JF_OK && !done && bo.file) {
		if (cli.argc) {
			jf_error(&d, "--batch takes no operands: the rows come from the sheet");
			return jf_cli_report(&cli, JF_USAGE, &d);
		}
		return jf_cli_batch(&cli, &bo, &d);
	}
	if (st == JF_OK && !done && (bo.enc_set || bo.again)) {
		jf_error(&d, "--encoding and --again go with --batch");
		st = JF_USAGE;
	}
	if (st == JF_OK && !done && (cli.argc < 2 || cli.argc > 3)) {
		jf_error(&d, "expected a household, an item and an optional quantity");
		st = JF_USAGE;
	}
	if (st == JF_OK && !done && cli.argc == 3)
		st = jf_cli_qty(cli.argv[2], 1, 1000000000, &t.qty, &d);
	if (st != JF_OK || done)
		return jf_cli_report(&cli, st, &d);
	t.household = cli.argv[0];
	t.code = cli.argv[1];
	return jf_cli_write(&cli, &t, &d);
}
