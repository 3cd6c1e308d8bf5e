/* jf-review - review and public notice (SPEC 4.2): approve, object to or
 * reject reviewed entries, and list those pending and on notice (the 公示
 * sheet with --format html).  The checks are the review kinds' own
 * (kind_review.c); the list is review_list.c's. */
#include <stdlib.h>
#include <string.h>

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

#define U_APPROVE "jf-review approve [-C dir] [-b name] [-n note] [--reviewer name] ... " \
	"[--dry-run] [--wait seconds] [--no-cache] [--format fmt] id ..."
#define U_OBJECT "jf-review object [-C dir] [-b name] [-n note] [--dry-run] " \
	"[--wait seconds] [--no-cache] [--format fmt] -r reason id"
#define U_REJECT "jf-review reject [-C dir] [-b name] [-n note] [--reviewer name] " \
	"[--dry-run] [--wait seconds] [--no-cache] [--format fmt] -r reason id"
#define U_LIST "jf-review list [-C dir] [--village code] [--as-of date] [--no-cache] " \
	"[--format fmt] [--bom] [--encoding enc] [--paper size]"
/* --help without a subcommand: every form (the SYNOPSIS of jf-review(1))
 * and every option */
static const char usage_help[] = U_APPROVE " " U_OBJECT " " U_REJECT " " U_LIST;
static const char usage_all[] =
	"jf-review approve|object|reject|list [option ...] [id ...]";
static const struct jf_cli_opt all_opts[] = {
	{ "reviewer", 0, "NAME", "approve, reject: who decides (default: the operator); approve: repeat for several", O_REVIEWER },
	{ "note", 'n', "TEXT", "a note kept with the entry", O_NOTE },
	{ "paper", 0, "SIZE", "html: the sheet on a4 (default) or a5 paper", O_PAPER },
	{ NULL, 0, NULL, NULL, 0 },
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
		st = jf_review_list_read(&l, &b, v, as_of, d);
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

int main(int argc, char **argv)
{
	struct jf_cli cli = { .prog = "jf-review", .usage = usage_all };
	struct jf_diags d = JF_DIAGS_INIT;
	struct opts o = { .paper = JF_PAPER_A4 };
	const struct jf_cli_opt *own = NULL;
	enum jf_kind kind = JF_APPROVE;
	bool is_list = false;
	enum jf_status st;
	bool done;

	jf_i18n_init();
	/* every subcommand's options; -d and -n too, to refuse -d */
	int s = jf_cli_find_sub(argc, argv, JF_CLI_WRITER | JF_CLI_CACHE | JF_CLI_REASON |
				JF_CLI_VILLAGE | JF_CLI_ASOF | JF_CLI_SHEET, all_opts);
	const char *sub = s ? argv[s] : NULL;
	if (!sub) {
		/* --help (every form and option) and --version without one */
		cli.usage = usage_help;
		cli.groups = JF_CLI_OPERATOR | JF_CLI_CACHE | JF_CLI_REASON | JF_CLI_VILLAGE |
			     JF_CLI_ASOF | JF_CLI_SHEET;
		cli.formats = JF_FMT_TEXT | JF_FMT_TSV | JF_FMT_CSV | JF_FMT_JSON | JF_FMT_HTML;
		st = jf_cli_parse_bare(&cli, argc, argv, all_opts, on_opt, &o,
				       N_("expected approve, object, reject or list"), &d);
		free(o.reviewers);
		cli.usage = usage_all;
		return jf_cli_report(&cli, st, &d);
	}
	if (!strcmp(sub, "approve")) {
		cli.usage = U_APPROVE;
		cli.groups = JF_CLI_OPERATOR | JF_CLI_CACHE;
		cli.formats = JF_FMT_TEXT | JF_FMT_JSON;
		own = approve_opts;
	} else if (!strcmp(sub, "object")) {
		cli.usage = U_OBJECT;
		cli.groups = JF_CLI_OPERATOR | JF_CLI_CACHE | JF_CLI_REASON;
		cli.formats = JF_FMT_TEXT | JF_FMT_JSON;
		own = object_opts;
		kind = JF_OBJECT;
	} else if (!strcmp(sub, "reject")) {
		cli.usage = U_REJECT;
		cli.groups = JF_CLI_OPERATOR | JF_CLI_CACHE | JF_CLI_REASON;
		cli.formats = JF_FMT_TEXT | JF_FMT_JSON;
		own = reject_opts;
		kind = JF_REJECT;
	} else if (!strcmp(sub, "list")) {
		cli.usage = U_LIST;
		cli.groups = JF_CLI_VILLAGE | JF_CLI_ASOF | JF_CLI_CACHE | JF_CLI_SHEET;
		cli.formats = JF_FMT_TEXT | JF_FMT_TSV | JF_FMT_CSV | JF_FMT_JSON | JF_FMT_HTML;
		cli.no_operands = true;
		own = list_opts;
		is_list = true;
	} else {
		jf_error(&d, "unknown subcommand '%s': approve, object, reject or list", sub);
		return jf_cli_report(&cli, JF_USAGE, &d);
	}
	/* the subcommand out of the way: the rest are its options and ids */
	jf_cli_drop_arg(&argc, argv, s);
	st = jf_cli_parse(&cli, argc, argv, own, on_opt, &o, &done, &d);
	/* -d and -n are the shared table's letters: they land in cli */
	if (!o.note)
		o.note = cli.note;
	if (st == JF_OK && !done && !is_list && (o.date || cli.date)) {
		jf_error(&d, "a review is dated the day it is recorded: -d/--date is not taken");
		st = JF_USAGE;
	}
	if (st == JF_OK && !done && kind != JF_APPROVE && !is_list) {
		if (cli.argc != 1) {
			if (cli.argc)
				jf_error(&d, "%s takes one id", sub);
			else
				jf_error(&d, "expected the id of the entry to %s", sub);
			st = JF_USAGE;
		} else if (o.nreviewers > 1) {
			jf_error(&d, "reject takes one --reviewer");
			st = JF_USAGE;
		}
	}
	if (st == JF_OK && !done && kind == JF_APPROVE && !is_list && cli.argc < 1) {
		jf_error(&d, "expected the id of the entry to approve");
		st = JF_USAGE;
	}
	if (st == JF_OK && !done && !is_list && bad_ids(&cli, &d))
		st = JF_USAGE;
	if (st != JF_OK || done) {
		free(o.reviewers);
		return jf_cli_report(&cli, st, &d);
	}
	int rc = is_list ? list(&cli, &o, &d) : review(&cli, kind, &o, &d);
	free(o.reviewers);
	return rc;
}
