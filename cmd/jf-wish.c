/* jf-wish - the wish wall (SPEC 4.3): post a wish, take it on, mark it
 * done (with the volunteers' hours, one write) or drop it; `list` is the
 * wall (wish_list.c).  The checks are the wish kinds' own (kind_wish.c). */
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "cli.h"
#include "i18n.h"
#include "wish_list.h"
#include "wish_write.h"

struct opts {
	const char *service, *team, *volunteer, *activity;
	const char **serves;
	size_t nserves;
	bool all;               /* list's: taken (and ignored) for --help */
	const char *paper;
};

enum {
	O_SERVICE = JF_CLI_AT(struct opts, service), O_TEAM = JF_CLI_AT(struct opts, team),
	O_VOLUNTEER = JF_CLI_AT(struct opts, volunteer),
	O_ACTIVITY = JF_CLI_AT(struct opts, activity), O_ALL = JF_CLI_AT(struct opts, all),
	O_PAPER = JF_CLI_AT(struct opts, paper), O_SERVE = 300,
};

/* --serve, the one option kept as a list */
static enum jf_status on_opt(void *ctx, int val, const char *arg, struct jf_diags *d)
{
	struct opts *o = ctx;
	(void)d;
	if (val != O_SERVE)
		return JF_USAGE;
	o->serves = jf_reallocarray(o->serves, o->nserves + 1, sizeof *o->serves);
	o->serves[o->nserves++] = arg;
	return JF_OK;
}

static const struct jf_cli_opt post_opts[] = {
	{ "service", 0, "CODE", "the service ordered from the menu (catalogue.yaml services:)", O_SERVICE },
	{ NULL, 0, NULL, NULL, 0 },
};
static const struct jf_cli_opt take_opts[] = {
	{ "team", 0, "CODE", "the team that takes the wish on", O_TEAM },
	{ "volunteer", 0, "ID", "the volunteer who takes the wish on", O_VOLUNTEER },
	{ NULL, 0, NULL, NULL, 0 },
};
static const struct jf_cli_opt done_opts[] = {
	{ "serve", 0, "V:HOURS", "volunteer V served HOURS for it (repeat for several)", O_SERVE },
	{ "activity", 0, "CODE", "the rule the serves earn points under", O_ACTIVITY },
	{ NULL, 0, NULL, NULL, 0 },
};

#define U_POST "jf-wish post " JF_CLI_U_WHO " [--service code] " JF_CLI_U_WRITE " household text"
#define U_TAKE "jf-wish take " JF_CLI_U_WHO " [--team code] [--volunteer id] " JF_CLI_U_WRITE " id"
#define U_DONE "jf-wish done " JF_CLI_U_WHO " [--serve volunteer:hours] ... [--activity code] " \
	JF_CLI_U_WRITE " id"
#define U_DROP "jf-wish drop " JF_CLI_U_WRITER " -r reason id"
#define U_LIST "jf-wish list [-C dir] [--all] [--village code] [--as-of date] [--no-cache] " \
	"[--format fmt] [--bom] [--encoding enc] [--paper size]"
static const struct jf_cli_opt all_opts[] = {
	{ "service", 0, "CODE", "post: the service ordered from the menu (catalogue.yaml services:)", O_SERVICE },
	{ "team", 0, "CODE", "take: the team that takes the wish on", O_TEAM },
	{ "volunteer", 0, "ID", "take: the volunteer who takes the wish on", O_VOLUNTEER },
	{ "serve", 0, "V:HOURS", "done: volunteer V served HOURS for it (repeat for several)", O_SERVE },
	{ "activity", 0, "CODE", "done: the rule the serves earn points under", O_ACTIVITY },
	{ "all", 0, NULL, "list: done and dropped wishes too", O_ALL },
	{ "paper", 0, "SIZE", "list, html: the wall on a4 (default) or a5 paper", O_PAPER },
	{ NULL, 0, NULL, NULL, 0 },
};

#define WRITER .groups = JF_CLI_WRITER | JF_CLI_CACHE, .formats = JF_FMT_TEXT | JF_FMT_JSON
static const struct jf_cli_sub subs[] = {
	{ .name = "post", .usage = U_POST, .opts = post_opts, .id = JF_WISH, WRITER },
	{ .name = "take", .usage = U_TAKE, .opts = take_opts, .id = JF_TAKE, WRITER },
	{ .name = "done", .usage = U_DONE, .opts = done_opts, .id = JF_DONE, WRITER },
	{ .name = "drop", .usage = U_DROP, .id = JF_DROP, .groups = JF_CLI_WRITER | JF_CLI_CACHE |
	  JF_CLI_REASON, .formats = JF_FMT_TEXT | JF_FMT_JSON },
	/* its own command (wish_list.c): here for --help without a subcommand */
	{ .name = "list", .usage = U_LIST, .main = jf_wish_list_main,
	  .groups = JF_CLI_VILLAGE | JF_CLI_ASOF | JF_CLI_CACHE | JF_CLI_SHEET,
	  .formats = JF_FMT_TEXT | JF_FMT_TSV | JF_FMT_CSV | JF_FMT_JSON | JF_FMT_HTML },
	{ .name = NULL },
};

/* The entries of the subcommand: JF_OK with t[0..*n) filled, or JF_USAGE. */
static enum jf_status requests(const struct jf_cli_sub *sub, struct jf_cli *cli,
			       const struct opts *o, struct jf_txn *t, size_t *n, char **vols,
			       struct jf_diags *d)
{
	int want = sub->id == JF_WISH ? 2 : 1;
	if (cli->argc != want) {
		if (want == 2)
			jf_error(d, "expected a household and the text of the wish");
		else if (cli->argc)
			jf_error(d, "%s takes one id", sub->name);
		else
			jf_error(d, "expected the id of the wish");
		return JF_USAGE;
	}
	if (want == 1 && !jf_id_valid(cli->argv[0])) {
		jf_error(d, "bad id '%s'", cli->argv[0]);
		return JF_USAGE;
	}
	*n = 1;
	t[0] = (struct jf_txn){ .kind = (enum jf_kind)sub->id, .date = JF_DATE_NONE, .reason = cli->reason };
	if (sub->id == JF_WISH) {
		t[0].household = cli->argv[0];
		t[0].val[JF_F_TEXT] = cli->argv[1];
		t[0].val[JF_F_SERVICE] = o->service;
		return JF_OK;
	}
	t[0].ref = cli->argv[0];
	if (sub->id == JF_TAKE) {
		t[0].val[JF_F_TEAM] = o->team;
		t[0].val[JF_F_VOLUNTEER] = o->volunteer;
		if (!o->team && !o->volunteer) {
			jf_error(d, "a wish is taken by a team (--team) or a volunteer (--volunteer)");
			return JF_USAGE;
		}
		return JF_OK;
	}
	if (sub->id == JF_DROP)
		return JF_OK;
	if (o->activity && !o->nserves) {
		jf_error(d, "--activity goes with --serve");
		return JF_USAGE;
	}
	for (size_t i = 0; i < o->nserves; i++) {
		const char *hours;
		if (jf_serve_split(o->serves[i], &vols[i], &hours, d) != JF_OK)
			return JF_USAGE;
		for (size_t k = 0; k < i; k++)
			if (!strcmp(vols[k], vols[i])) {
				jf_error(d, "--serve names volunteer '%s' twice", vols[i]);
				return JF_USAGE;
			}
		jf_serve_request(&t[1 + i], vols[i], hours, o->activity, cli->argv[0]);
	}
	*n = 1 + o->nserves;
	return JF_OK;
}

/* After the options: the subcommand's entries, one write. */
static int run(struct jf_cli *cli, const struct jf_cli_sub *sub, void *ctx, struct jf_diags *d)
{
	const struct opts *o = ctx;
	struct jf_txn *t = jf_calloc(1 + o->nserves, sizeof *t);
	char **vols = jf_calloc(1 + o->nserves, sizeof *vols);
	size_t n = 0;
	enum jf_status st = requests(sub, cli, o, t, &n, vols, d);
	int rc = st == JF_OK ? jf_wish_write(cli, t, n, d) : jf_cli_report(cli, st, d);
	for (size_t i = 0; i < o->nserves; i++)
		free(vols[i]);
	free(vols);
	free(t);
	return rc;
}

int main(int argc, char **argv)
{
	static const struct jf_cli_subs all = {
		subs, all_opts, N_("post, take, done, drop or list"),
	};
	struct jf_cli cli = {
		.prog = "jf-wish",
		.usage = "jf-wish post|take|done|drop|list [option ...] [operand ...]",
	};
	struct opts o = { 0 };

	int rc = jf_cli_run_sub(&cli, &all, argc, argv, on_opt, &o, run);
	free(o.serves);
	return rc;
}
