/* jf-void - undo an entry by appending a void that names it. */
#include "cli.h"
#include "txn.h"

int main(int argc, char **argv)
{
	struct jf_cli cli = {
		.prog = "jf-void",
		.usage = "jf-void [-C dir] [-d date] [-n note] [-b name] [--dry-run] "
			 "[--wait seconds] [--no-cache] [--format fmt] -r reason id",
		.groups = JF_CLI_WRITER | JF_CLI_REASON | JF_CLI_CACHE,
		.formats = JF_FMT_TEXT | JF_FMT_JSON,
	};
	struct jf_diags d = JF_DIAGS_INIT;
	struct jf_txn t = { .kind = JF_VOID };
	enum jf_status st;
	bool done;

	st = jf_cli_parse(&cli, argc, argv, NULL, NULL, NULL, &done, &d);
	if (st == JF_OK && !done && cli.argc != 1) {
		jf_error(&d, "expected the id of the entry to void");
		st = JF_USAGE;
	}
	if (st == JF_OK && !done && !jf_id_valid(cli.argv[0])) {
		jf_error(&d, "bad id '%s'", cli.argv[0]);
		st = JF_USAGE;
	}
	if (st != JF_OK || done)
		return jf_cli_report(&cli, st, &d);
	t.ref = cli.argv[0];
	t.reason = cli.reason;
	return jf_cli_write(&cli, &t, &d);
}
