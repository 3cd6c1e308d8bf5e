/* jf-adjust - an opening balance or a township decision, with its reason. */
#include "cli.h"
#include "i18n.h"
#include "txn.h"

int main(int argc, char **argv)
{
	struct jf_cli cli = JF_CLI_WRITER_INIT("jf-adjust", JF_CLI_U_WRITER " -r reason household points",
					      JF_CLI_REASON);
	struct jf_diags d = JF_DIAGS_INIT;
	struct jf_txn t = { .kind = JF_ADJUST };
	bool done;

	enum jf_status st = jf_cli_parse(&cli, argc, argv, NULL, NULL, NULL, &done, &d);
	if (st == JF_OK && !done)
		st = jf_cli_operands(&cli, 2, 2, N_("expected a household and the points"), &d);
	if (st == JF_OK && !done && (st = jf_cli_points(cli.argv[1], &t.points, &d)) == JF_OK &&
	    t.points == 0) {
		jf_error(&d, "an adjustment of 0 points does nothing");
		st = JF_USAGE;
	}
	if (st != JF_OK || done)
		return jf_cli_report(&cli, st, &d);
	t.household = cli.argv[0];
	t.reason = cli.reason;
	return jf_cli_write(&cli, &t, &d);
}
