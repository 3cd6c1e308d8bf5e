/* jf-transfer - points from one household to another: 分户, 合户, moving away. */
#include "cli.h"
#include "txn.h"

int main(int argc, char **argv)
{
	struct jf_cli cli = {
		.prog = "jf-transfer",
		.usage = "jf-transfer [-C dir] [-d date] [-n note] [-b name] [--dry-run] "
			 "[--wait seconds] [--no-cache] [--format fmt] -r reason from to points",
		.groups = JF_CLI_WRITER | JF_CLI_REASON | JF_CLI_CACHE,
		.formats = JF_FMT_TEXT | JF_FMT_JSON,
	};
	struct jf_diags d = JF_DIAGS_INIT;
	struct jf_txn t = { .kind = JF_TRANSFER };
	enum jf_status st;
	bool done;

	st = jf_cli_parse(&cli, argc, argv, NULL, NULL, NULL, &done, &d);
	if (st == JF_OK && !done && cli.argc != 3) {
		jf_error(&d, "expected the household giving, the household receiving and the points");
		st = JF_USAGE;
	}
	if (st == JF_OK && !done && (st = jf_cli_points(cli.argv[2], &t.points, &d)) == JF_OK &&
	    t.points <= 0) {
		jf_error(&d, "bad points '%s': a transfer moves more than 0 points", cli.argv[2]);
		st = JF_USAGE;
	}
	if (st != JF_OK || done)
		return jf_cli_report(&cli, st, &d);
	t.household = cli.argv[0];
	t.to = cli.argv[1];
	t.reason = cli.reason;
	return jf_cli_write(&cli, &t, &d);
}
