/* jf-redeem - spend a household's points on goods. */
#include "batch.h"
#include "cli.h"
#include "i18n.h"

int main(int argc, char **argv)
{
	struct jf_cli cli = JF_CLI_WRITER_INIT("jf-redeem", JF_CLI_U_WRITER
					      " [--batch file [--encoding enc] [--again]] [household item [qty]]", 0);
	return jf_cli_sheet_writer(&cli, JF_REDEEM,
				   N_("expected a household, an item and an optional quantity"),
				   argc, argv);
}
