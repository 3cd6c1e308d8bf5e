/* jf-void - undo entries by appending voids that name them (several ids:
 * one write, all or nothing). */
#include "batch.h"
#include "cli.h"
#include "i18n.h"
#include "txn.h"

int main(int argc, char **argv)
{
	struct jf_cli cli = JF_CLI_WRITER_INIT("jf-void", JF_CLI_U_WRITER " -r reason id ...",
					      JF_CLI_REASON);
	struct jf_diags d = JF_DIAGS_INIT;
	struct jf_txn t = { .kind = JF_VOID };
	bool done;

	enum jf_status st = jf_cli_parse(&cli, argc, argv, NULL, NULL, NULL, &done, &d);
	if (st == JF_OK && !done)
		st = jf_cli_operands(&cli, 1, -1, N_("expected the id of the entry to void"), &d);
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
