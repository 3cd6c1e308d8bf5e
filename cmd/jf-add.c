/* jf-add - record an earning (or a deduction rule) for a household. */
#include "batch.h"
#include "cli.h"
#include "i18n.h"

int main(int argc, char **argv)
{
	struct jf_cli cli = {
		.prog = "jf-add",
		.usage = "jf-add [-C dir] [-d date] [-n note] [-b name] [--dry-run] "
			 "[--wait seconds] [--no-cache] [--format fmt] "
			 "[--batch file [--encoding enc] [--again]] [household activity [qty]]",
		.groups = JF_CLI_WRITER | JF_CLI_CACHE,
		.formats = JF_FMT_TEXT | JF_FMT_JSON,
	};
	return jf_cli_sheet_writer(&cli, JF_EARN,
				   N_("expected a household, an activity and an optional quantity"),
				   argc, argv);
}
