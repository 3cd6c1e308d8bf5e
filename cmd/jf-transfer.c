/* jf-transfer - points from one household to another: 分户, 合户, moving away. */
#include "cli.h"
#include "i18n.h"
#include "txn.h"

int main(int argc, char **argv)
{
	struct jf_cli cli = JF_CLI_WRITER_INIT("jf-transfer", JF_CLI_U_WRITER " -r reason from to points",
					      JF_CLI_REASON);
	struct jf_diags d = JF_DIAGS_INIT;
	struct jf_txn t = { .kind = JF_TRANSFER };
	bool done;

	enum jf_status st = jf_cli_parse(&cli, argc, argv, NULL, NULL, NULL, &done, &d);
	if (st == JF_OK && !done)
		st = jf_cli_operands(&cli, 3, 3, N_("expected the household giving, the household "
						    "receiving and the points"), &d);
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
