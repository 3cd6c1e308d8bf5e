/* jf-void - undo entries by appending voids that name them (several ids:
 * one write, all or nothing). */
#include <stdlib.h>

#include "alloc.h"
#include "batch.h"
#include "cli.h"
#include "txn.h"

int main(int argc, char **argv)
{
	struct jf_cli cli = {
		.prog = "jf-void",
		.usage = "jf-void [-C dir] [-d date] [-n note] [-b name] [--dry-run] "
			 "[--wait seconds] [--no-cache] [--format fmt] -r reason id ...",
		.groups = JF_CLI_WRITER | JF_CLI_REASON | JF_CLI_CACHE,
		.formats = JF_FMT_TEXT | JF_FMT_JSON,
	};
	struct jf_diags d = JF_DIAGS_INIT;
	struct jf_txn t = { .kind = JF_VOID };
	enum jf_status st;
	bool done;

	st = jf_cli_parse(&cli, argc, argv, NULL, NULL, NULL, &done, &d);
	if (st == JF_OK && !done && cli.argc < 1) {
		jf_error(&d, "expected the id of the entry to void");
		st = JF_USAGE;
	}
	for (int i = 0; st == JF_OK && !done && i < cli.argc; i++)
		if (!jf_id_valid(cli.argv[i])) {
			jf_error(&d, "bad id '%s'", cli.argv[i]);
			st = JF_USAGE;
		}
	if (st != JF_OK || done)
		return jf_cli_report(&cli, st, &d);
	t.reason = cli.reason;
	if (cli.argc == 1) {
		t.ref = cli.argv[0];
		return jf_cli_write(&cli, &t, &d);
	}
	return jf_cli_void_many(&cli, &t, &d);
}
