/* jf-redeem - spend a household's points on goods. */
#include "batch.h"
#include "cli.h"
#include "i18n.h"

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
	return jf_cli_sheet_writer(&cli, JF_REDEEM,
				   N_("expected a household, an item and an optional quantity"),
				   argc, argv);
}
