/* jf-serve - record a volunteer's hours of service (SPEC 4.3), earning
 * points for the volunteer's household under an activity.  The checks are
 * the serve kind's own (kind_wish.c). */
#include "cli.h"
#include "i18n.h"
#include "wish_write.h"

struct opts {
	const char *activity, *wish;
};

enum { O_ACTIVITY = JF_CLI_AT(struct opts, activity), O_WISH = JF_CLI_AT(struct opts, wish) };

static const struct jf_cli_opt opts[] = {
	{ "activity", 0, "CODE", "the rule the hours earn points under (rule x hours)", O_ACTIVITY },
	{ "wish", 0, "ID", "the wish served (taken or done)", O_WISH },
	{ NULL, 0, NULL, NULL, 0 },
};

int main(int argc, char **argv)
{
	struct jf_cli cli = JF_CLI_WRITER_INIT("jf-serve", JF_CLI_U_WHO " [--activity code] [--wish id] "
					      JF_CLI_U_WRITE " volunteer hours", 0);
	struct jf_diags d = JF_DIAGS_INIT;
	struct opts o = { 0 };
	struct jf_txn t;
	bool done;

	enum jf_status st = jf_cli_parse(&cli, argc, argv, opts, NULL, &o, &done, &d);
	if (st == JF_OK && !done)
		st = jf_cli_operands(&cli, 2, 2, N_("expected a volunteer and the hours served"), &d);
	if (st == JF_OK && !done && o.wish && !jf_id_valid(o.wish)) {
		jf_error(&d, "bad wish id '%s'", o.wish);
		st = JF_USAGE;
	}
	if (st != JF_OK || done)
		return jf_cli_report(&cli, st, &d);
	jf_serve_request(&t, cli.argv[0], cli.argv[1], o.activity, o.wish);
	return jf_wish_write(&cli, &t, 1, &d);
}
