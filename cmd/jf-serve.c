/* jf-serve - record a volunteer's hours of service (SPEC 4.3), earning
 * points for the volunteer's household under an activity.  The checks are
 * the serve kind's own (kind_wish.c). */
#include "cli.h"
#include "i18n.h"
#include "wish_write.h"

enum { O_ACTIVITY = 300, O_WISH };

struct opts {
	const char *activity, *wish;
};

static enum jf_status on_opt(void *ctx, int val, const char *arg, struct jf_diags *d)
{
	struct opts *o = ctx;
	(void)d;
	if (val == O_ACTIVITY)
		o->activity = arg;
	else if (val == O_WISH)
		o->wish = arg;
	else
		return JF_USAGE;
	return JF_OK;
}

static const struct jf_cli_opt opts[] = {
	{ "activity", 0, "CODE", "the rule the hours earn points under (rule x hours)", O_ACTIVITY },
	{ "wish", 0, "ID", "the wish served (taken or done)", O_WISH },
	{ NULL, 0, NULL, NULL, 0 },
};

int main(int argc, char **argv)
{
	struct jf_cli cli = {
		.prog = "jf-serve",
		.usage = "jf-serve [-C dir] [-d date] [-n note] [-b name] [--activity code] "
			 "[--wish id] [--dry-run] [--wait seconds] [--no-cache] [--format fmt] "
			 "volunteer hours",
		.groups = JF_CLI_WRITER | JF_CLI_CACHE,
		.formats = JF_FMT_TEXT | JF_FMT_JSON,
	};
	struct jf_diags d = JF_DIAGS_INIT;
	struct opts o = { 0 };
	struct jf_txn t;
	bool done;

	jf_i18n_init();
	enum jf_status st = jf_cli_parse(&cli, argc, argv, opts, on_opt, &o, &done, &d);
	if (st == JF_OK && !done && cli.argc != 2) {
		jf_error(&d, "expected a volunteer and the hours served");
		st = JF_USAGE;
	}
	if (st == JF_OK && !done && o.wish && !jf_id_valid(o.wish)) {
		jf_error(&d, "bad wish id '%s'", o.wish);
		st = JF_USAGE;
	}
	if (st != JF_OK || done)
		return jf_cli_report(&cli, st, &d);
	jf_serve_request(&t, cli.argv[0], cli.argv[1], o.activity, o.wish);
	return jf_wish_write(&cli, &t, 1, &d);
}
