/* jf-add - record an earning (or a deduction rule) for a household. */
#include "batch.h"
#include "cli.h"
#include "i18n.h"

int main(int argc, char **argv)
{
	struct jf_cli cli = JF_CLI_WRITER_INIT("jf-add", JF_CLI_U_WRITER
					      " [--batch file [--encoding enc] [--again]] [household activity [qty]]", 0);
	return jf_cli_sheet_writer(&cli, JF_EARN,
				   N_("expected a household, an activity and an optional quantity"),
				   argc, argv);
}
