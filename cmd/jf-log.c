/* jf-log - a statement: entries in date order with running balances. */
#include <stdlib.h>

#include "acct.h"
#include "alloc.h"
#include "balance.h"
#include "cli.h"
#include "stmt.h"
#include "vlog.h"

struct run {
	const struct jf_book *b;
	struct jf_stmt *s;
	struct jf_diags *d;
	jf_points tally;       /* the book's, as every reader counts it */
	struct jf_accts acc;   /* books with expiry: what expired */
};

enum { O_PAPER = 256, O_VOLUNTEER };

struct paper {
	enum jf_paper paper;
	bool set;
	const char *volunteer;  /* --volunteer: that volunteer's service (vlog.h) */
};

static enum jf_status on_entry(void *ctx, const struct jf_entry *e)
{
	struct run *run = ctx;
	if (jf_accts_tally(run->b, &run->tally, e, run->d) != JF_OK)
		return JF_INVALID;
	enum jf_status st = jf_stmt_add(run->s, e, run->d);
	if (st == JF_OK && run->acc.expiry)
		st = jf_accts_apply(&run->acc, e, run->d);
	return st;
}

static enum jf_status extra(void *ctx, int val, const char *arg, struct jf_diags *d)
{
	struct paper *p = ctx;
	if (val == O_VOLUNTEER) {
		p->volunteer = arg;
		return JF_OK;
	}
	if (val == O_PAPER && jf_paper_parse(arg, &p->paper)) {
		p->set = true;
		return JF_OK;
	}
	jf_error(d, "unknown --paper '%s': a4 or a5", arg);
	return JF_USAGE;
}

struct vrun {
	struct jf_vlog *s;
	struct jf_diags *d;
};

static enum jf_status on_serve(void *ctx, const struct jf_entry *e)
{
	struct vrun *run = ctx;
	return jf_vlog_add(run->s, e, run->d);
}

/* jf-log --volunteer V: the volunteer's service with a running total of
 * hours and stars (SPEC 4.3). */
static int volunteer_log(const struct jf_cli *cli, const struct jf_book *b,
			 const struct paper *paper, struct jf_diags *d)
{
	struct jf_scan scan;
	struct jf_buf out = JF_BUF_INIT;
	struct jf_vlog *s = NULL;
	jf_date from, to, printed;
	int v = jf_book_volunteer(b, paper->volunteer);
	enum jf_status st = JF_OK;
	jf_scan_init(&scan);
	if (v < 0) {
		jf_error(d, "unknown volunteer '%s'", paper->volunteer);
		st = JF_REFUSED;
	}
	if (st == JF_OK)
		st = jf_cli_period(cli, b, &from, &to, d);
	if (st == JF_OK) {
		s = jf_vlog_new(b, v, from, to);
		struct vrun run = { s, d };
		scan.use_cache = !cli->no_cache;
		scan.places = true; /* the texts of the lines shown are read again */
		st = jf_ledger_read(&scan, b, on_serve, &run, d);
	}
	if (st == JF_OK && cli->format == JF_FMT_HTML && (st = jf_cli_today(b, &printed, d)) == JF_OK)
		jf_vlog_print(s, paper->paper, printed, &out);
	else if (st == JF_OK)
		jf_vlog_format(s, cli->format, &out);
	if (st == JF_OK)
		st = jf_cli_encode(cli, &out, d);
	if (st == JF_OK)
		st = jf_cli_emit(&out, d);
	jf_vlog_free(s);
	jf_buf_release(&out);
	jf_scan_release(&scan);
	return jf_cli_report(cli, st, d);
}

int main(int argc, char **argv)
{
	static const struct jf_cli_opt opts[] = {
		{ "paper", 0, "SIZE", "html: the passbook on a4 (default) or a5 paper", O_PAPER },
		{ "volunteer", 0, "ID", "that volunteer's service and hours, not a household's", O_VOLUNTEER },
		{ NULL, 0, NULL, NULL, 0 },
	};
	struct paper paper = { JF_PAPER_A4, false, NULL };
	jf_date printed = JF_DATE_NONE;
	struct jf_cli cli = {
		.prog = "jf-log",
		.usage = "jf-log [-C dir] [--village code] [--from date] [--to date] "
			 "[--as-of date] [--week week] [--month month] [--quarter quarter] "
			 "[--year year] [--format fmt] [--bom] [--encoding enc] [--paper size] "
			 "[--no-cache] [--volunteer id | household]",
		.groups = JF_CLI_VILLAGE | JF_CLI_ASOF | JF_CLI_PERIOD | JF_CLI_SHEET | JF_CLI_CACHE,
		.formats = JF_FMT_TEXT | JF_FMT_TSV | JF_FMT_CSV | JF_FMT_JSON | JF_FMT_HTML,
	};
	struct jf_diags d = JF_DIAGS_INIT;
	struct jf_book b;
	struct jf_scan scan;
	struct jf_stmt *s = NULL;
	struct jf_buf out = JF_BUF_INIT;
	enum jf_status st;
	jf_date from, to;
	bool done;

	st = jf_cli_parse(&cli, argc, argv, opts, extra, &paper, &done, &d);
	if (st == JF_OK && !done && paper.set && cli.format != JF_FMT_HTML) {
		jf_error(&d, "--paper is for --format html");
		st = JF_USAGE;
	}
	if (st == JF_OK && !done && cli.argc > 1) {
		jf_error(&d, "expected at most one household");
		st = JF_USAGE;
	}
	if (st == JF_OK && !done && paper.volunteer && (cli.argc || cli.village)) {
		jf_error(&d, "--volunteer takes no household and no --village");
		st = JF_USAGE;
	}
	if (st != JF_OK || done)
		return jf_cli_report(&cli, st, &d);
	if ((st = jf_cli_book(&cli, &b, &d)) != JF_OK)
		return jf_cli_report(&cli, st, &d);
	if (paper.volunteer) {
		int rc = volunteer_log(&cli, &b, &paper, &d);
		jf_book_release(&b);
		return rc;
	}

	bool *want = jf_calloc(b.nhouseholds, sizeof *want);
	jf_scan_init(&scan);
	st = jf_cli_period(&cli, &b, &from, &to, &d);
	if (st == JF_OK)
		st = jf_select_households(&b, cli.village, cli.argv, cli.argc, want, &d);
	if (st == JF_OK) {
		s = jf_stmt_new(&b, want, cli.argc == 0,
				cli.village ? jf_book_village(&b, cli.village) : -1, from, to);
		/* books with review: states as of the statement's last day, or today */
		jf_date day = to;
		if (b.review.set && day == JF_DATE_NONE)
			st = jf_cli_today(&b, &day, &d);
		jf_stmt_day(s, day);
		struct run run = { .b = &b, .s = s, .d = &d };
		jf_accts_init(&run.acc, &b, to);
		scan.use_cache = !cli.no_cache;
		scan.places = true; /* the texts of the lines shown are read again */
		if (st == JF_OK)
			st = jf_ledger_read(&scan, &b, on_entry, &run, &d);
		if (st == JF_OK && run.acc.expiry && (st = jf_accts_expire(&run.acc, to, &d)) == JF_OK)
			jf_stmt_add_expired(s, run.acc.expiry);
		jf_accts_release(&run.acc);
	}
	if (st == JF_OK && cli.format == JF_FMT_HTML && (st = jf_cli_today(&b, &printed, &d)) == JF_OK)
		st = jf_stmt_passbook(s, paper.paper, printed, &out, &d);
	else if (st == JF_OK)
		st = jf_stmt_format(s, cli.format, cli.argc == 1, &out, &d);
	if (st == JF_OK)
		st = jf_cli_encode(&cli, &out, &d);
	if (st == JF_OK)
		st = jf_cli_emit(&out, &d);
	jf_stmt_free(s);
	free(want);
	jf_buf_release(&out);
	jf_scan_release(&scan);
	jf_book_release(&b);
	return jf_cli_report(&cli, st, &d);
}
