/* jf-review - review and public notice (SPEC 4.2): approve, object to or
 * reject reviewed entries, and list those pending and on notice (the 公示
 * sheet with --format html).  The checks are the review kinds' own
 * (kind_review.c); the list is review_list.c's. */
#include <stdlib.h>

#include "alloc.h"
#include "batch.h"
#include "cli.h"
#include "i18n.h"
#include "review_list.h"
#include "txn.h"

struct opts {
	const char **reviewers;
	size_t nreviewers;
	const char *note;
	bool date;              /* -d/--date given: refused */
	enum jf_paper paper;
	bool paper_set;
};

enum {
	O_NOTE = JF_CLI_AT(struct opts, note), O_DATE = JF_CLI_AT(struct opts, date),
	O_REVIEWER = 300, O_PAPER,
};

/* --reviewer (a list) and --paper (checked) */
static enum jf_status on_opt(void *ctx, int val, const char *arg, struct jf_diags *d)
{
	struct opts *o = ctx;
	if (val == O_REVIEWER) {
		o->reviewers = jf_reallocarray(o->reviewers, o->nreviewers + 1, sizeof *o->reviewers);
		o->reviewers[o->nreviewers++] = arg;
		return JF_OK;
	}
	if (val != O_PAPER)
		return JF_USAGE;
	if (!jf_paper_parse(arg, &o->paper)) {
		jf_error(d, "unknown --paper '%s': a4 or a5", arg);
		return JF_USAGE;
	}
	o->paper_set = true;
	return JF_OK;
}

static const struct jf_cli_opt approve_opts[] = {
	{ "reviewer", 0, "NAME", "who approves (default: the operator); repeat for several", O_REVIEWER },
	{ "note", 'n', "TEXT", "a note kept with the entry", O_NOTE },
	{ "date", 'd', "DATE", "not taken: a review is dated today", O_DATE },
	{ NULL, 0, NULL, NULL, 0 },
};
static const struct jf_cli_opt reject_opts[] = {
	{ "reviewer", 0, "NAME", "who rejects (default: the operator)", O_REVIEWER },
	{ "note", 'n', "TEXT", "a note kept with the entry", O_NOTE },
	{ "date", 'd', "DATE", "not taken: a review is dated today", O_DATE },
	{ NULL, 0, NULL, NULL, 0 },
};
static const struct jf_cli_opt object_opts[] = {
	{ "note", 'n', "TEXT", "a note kept with the entry (say who objected)", O_NOTE },
	{ "date", 'd', "DATE", "not taken: a review is dated today", O_DATE },
	{ NULL, 0, NULL, NULL, 0 },
};
static const struct jf_cli_opt list_opts[] = {
	{ "paper", 0, "SIZE", "html: the sheet on a4 (default) or a5 paper", O_PAPER },
	{ NULL, 0, NULL, NULL, 0 },
};

#define U_WHO "[-C dir] [-b name] [-n note]"
#define U_APPROVE "jf-review approve " U_WHO " [--reviewer name] ... " JF_CLI_U_WRITE " id ..."
#define U_OBJECT "jf-review object " U_WHO " " JF_CLI_U_WRITE " -r reason id"
#define U_REJECT "jf-review reject " U_WHO " [--reviewer name] " JF_CLI_U_WRITE " -r reason id"
#define U_LIST "jf-review list [-C dir] [--village code] [--as-of date] [--no-cache] " \
	"[--format fmt] [--bom] [--encoding enc] [--paper size]"
static const struct jf_cli_opt all_opts[] = {
	{ "reviewer", 0, "NAME", "approve, reject: who decides (default: the operator); approve: repeat for several", O_REVIEWER },
	{ "note", 'n', "TEXT", "a note kept with the entry", O_NOTE },
	{ "paper", 0, "SIZE", "html: the sheet on a4 (default) or a5 paper", O_PAPER },
	{ NULL, 0, NULL, NULL, 0 },
};

enum { LIST = -1 };
static const struct jf_cli_sub subs[] = {
	{ .name = "approve", .usage = U_APPROVE, .opts = approve_opts, .id = JF_APPROVE,
	  .groups = JF_CLI_OPERATOR | JF_CLI_CACHE, .formats = JF_FMT_TEXT | JF_FMT_JSON },
	{ .name = "object", .usage = U_OBJECT, .opts = object_opts, .id = JF_OBJECT,
	  .groups = JF_CLI_OPERATOR | JF_CLI_CACHE | JF_CLI_REASON,
	  .formats = JF_FMT_TEXT | JF_FMT_JSON },
	{ .name = "reject", .usage = U_REJECT, .opts = reject_opts, .id = JF_REJECT,
	  .groups = JF_CLI_OPERATOR | JF_CLI_CACHE | JF_CLI_REASON,
	  .formats = JF_FMT_TEXT | JF_FMT_JSON },
	{ .name = "list", .usage = U_LIST, .opts = list_opts, .id = LIST, .no_operands = true,
	  .groups = JF_CLI_VILLAGE | JF_CLI_ASOF | JF_CLI_CACHE | JF_CLI_SHEET,
	  .formats = JF_FMT_TEXT | JF_FMT_TSV | JF_FMT_CSV | JF_FMT_JSON | JF_FMT_HTML },
	{ .name = NULL },
};

static int bad_ids(struct jf_cli *cli, struct jf_diags *d)
{
	for (int i = 0; i < cli->argc; i++)
		if (!jf_id_valid(cli->argv[i])) {
			jf_error(d, "bad id '%s'", cli->argv[i]);
			return 1;
		}
	return 0;
}

/* approve, object, reject: each reviewer (one for object: nobody) of each
 * id, one write. */
static int review(struct jf_cli *cli, enum jf_kind kind, const struct opts *o,
		  struct jf_diags *d)
{
	size_t nr = o->nreviewers ? o->nreviewers : 1;
	size_t n = (size_t)cli->argc * nr;
	/* the reviewer is written out, also by default (the operator): an
	 * approve or reject without one is not an entry a reader takes */
	const char *dflt = kind == JF_OBJECT ? NULL : jf_cli_operator(cli);
	struct jf_txn *t = jf_calloc(n, sizeof *t);
	size_t k = 0;
	for (int i = 0; i < cli->argc; i++)
		for (size_t r = 0; r < nr; r++) {
			t[k] = (struct jf_txn){ .kind = kind, .ref = cli->argv[i],
						.reason = cli->reason, .note = o->note,
						.date = JF_DATE_NONE };
			t[k].val[JF_F_REVIEWER] = o->nreviewers ? o->reviewers[r] : dflt;
			k++;
		}
	int rc;
	cli->note = o->note;
	if (n == 1) {
		rc = jf_cli_write(cli, &t[0], d);
	} else {
		struct jf_book b;
		jf_date date;
		enum jf_status st = jf_cli_writer_book(cli, &b, &date, d);
		if (st == JF_OK) {
			st = jf_cli_write_many(cli, &b, t, n, d);
			if (st != JF_OK && st != JF_SYSTEM)
				jf_error(d, "nothing was recorded");
			jf_book_release(&b);
		}
		rc = jf_cli_report(cli, st, d);
	}
	free(t);
	return rc;
}

static int list(struct jf_cli *cli, const struct opts *o, struct jf_diags *d)
{
	struct jf_book b;
	struct jf_review_list l = { 0 };
	struct jf_buf out = JF_BUF_INIT;
	jf_date as_of, today;
	int v = -1;
	enum jf_status st = jf_cli_date(cli->as_of, "--as-of date", &as_of, d);
	if (st == JF_OK && o->paper_set && cli->format != JF_FMT_HTML) {
		jf_error(d, "--paper is for --format html");
		st = JF_USAGE;
	}
	if (st != JF_OK)
		return jf_cli_report(cli, st, d);
	if ((st = jf_cli_book(cli, &b, d)) != JF_OK)
		return jf_cli_report(cli, st, d);
	st = jf_cli_today(&b, &today, d);
	if (st == JF_OK && as_of == JF_DATE_NONE)
		as_of = today;
	if (st == JF_OK && cli->village && (v = jf_book_village(&b, cli->village)) < 0) {
		jf_error(d, "unknown village '%s'", cli->village);
		st = JF_REFUSED;
	}
	if (st == JF_OK)
		st = jf_review_list_read(&l, &b, v, as_of, !cli->no_cache, d);
	if (st == JF_OK) {
		if (cli->format == JF_FMT_HTML)
			jf_review_sheet(&l, o->paper_set ? o->paper : JF_PAPER_A4, today, &out);
		else
			jf_review_list_format(&l, cli->format, &out);
		st = jf_cli_encode(cli, &out, d);
	}
	if (st == JF_OK)
		st = jf_cli_emit(&out, d);
	jf_buf_release(&out);
	jf_review_list_release(&l);
	jf_book_release(&b);
	return jf_cli_report(cli, st, d);
}

/* After the options: each subcommand's checks of its operands, then its
 * work. */
static int run(struct jf_cli *cli, const struct jf_cli_sub *sub, void *ctx, struct jf_diags *d)
{
	struct opts *o = ctx;
	enum jf_status st = JF_OK;

	/* -d and -n are the shared table's letters: they land in cli */
	if (!o->note)
		o->note = cli->note;
	if (sub->id == LIST)
		return list(cli, o, d);
	if (o->date || cli->date) {
		jf_error(d, "a review is dated the day it is recorded: -d/--date is not taken");
		st = JF_USAGE;
	} else if (sub->id != JF_APPROVE && cli->argc != 1) {
		if (cli->argc)
			jf_error(d, "%s takes one id", sub->name);
		else
			jf_error(d, "expected the id of the entry to %s", sub->name);
		st = JF_USAGE;
	} else if (sub->id != JF_APPROVE && o->nreviewers > 1) {
		jf_error(d, "reject takes one --reviewer");
		st = JF_USAGE;
	} else if (sub->id == JF_APPROVE && cli->argc < 1) {
		jf_error(d, "expected the id of the entry to approve");
		st = JF_USAGE;
	} else if (bad_ids(cli, d)) {
		st = JF_USAGE;
	}
	if (st != JF_OK)
		return jf_cli_report(cli, st, d);
	return review(cli, (enum jf_kind)sub->id, o, d);
}

int main(int argc, char **argv)
{
	static const struct jf_cli_subs all = {
		subs, all_opts, N_("approve, object, reject or list"),
	};
	struct jf_cli cli = {
		.prog = "jf-review",
		.usage = "jf-review approve|object|reject|list [option ...] [id ...]",
	};
	struct opts o = { .paper = JF_PAPER_A4 };

	int rc = jf_cli_run_sub(&cli, &all, argc, argv, on_opt, &o, run);
	free(o.reviewers);
	return rc;
}
