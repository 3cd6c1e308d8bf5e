/* jf-report - what a period added up to: totals, honor roll, goods, stock. */
#include <string.h>

#include "acct.h"
#include "atomic.h"
#include "cli.h"
#include "report.h"

enum { O_OUTPUT = 'o', O_TOP = 256, O_DEDUCTIONS, O_NOTICE };

struct opts {
	const char *output;
	int top;
	bool deductions;
	bool notice;
};

static enum jf_status extra(void *ctx, int val, const char *arg, struct jf_diags *d)
{
	struct opts *o = ctx;
	const char *why;
	int64_t n;

	switch (val) {
	case O_OUTPUT:
		o->output = arg;
		return JF_OK;
	case O_DEDUCTIONS:
		o->deductions = true;
		return JF_OK;
	case O_NOTICE:
		o->notice = true;
		return JF_OK;
	case O_TOP:
		if (jf_int_parse(arg, 1, JF_REPORT_TOP_MAX, &n, &why) < 0) {
			jf_error(d, "bad --top '%s': %s (1..%d)", arg, why, JF_REPORT_TOP_MAX);
			return JF_USAGE;
		}
		o->top = (int)n;
		return JF_OK;
	}
	return JF_USAGE;
}

/* The period: --week/--month/--quarter/--year/--from/--to, by default last week; --from
 * alone ends today. */
static enum jf_status period(struct jf_cli *cli, const struct jf_book *b,
			     struct jf_report_opts *ro, struct jf_diags *d)
{
	enum jf_status st;
	if (!cli->week && !cli->month && !cli->quarter && !cli->year && !cli->from && !cli->to)
		cli->week = "last";
	if ((st = jf_cli_period(cli, b, &ro->from, &ro->to, d)) != JF_OK)
		return st;
	if (ro->from == JF_DATE_NONE) {
		jf_error(d, "--to needs --from");
		return JF_USAGE;
	}
	/* today: the end of an open period, and the date printed on a page */
	ro->printed = ro->to;
	if (ro->to == JF_DATE_NONE || cli->format == JF_FMT_HTML) {
		if ((st = jf_cli_today(b, &ro->printed, d)) != JF_OK)
			return st;
	}
	/* books with review: a reviewed entry counts by today at the latest */
	if (b->review.set) {
		if ((st = jf_cli_today(b, &ro->today, d)) != JF_OK)
			return st;
		ro->capped = true;
	}
	if (ro->to == JF_DATE_NONE) {
		ro->to = ro->printed;
		if (ro->from > ro->to) {
			jf_error(d, "the period ends before it starts");
			return JF_USAGE;
		}
	}
	if (cli->village && (ro->village = jf_book_village(b, cli->village)) < 0) {
		jf_error(d, "unknown village '%s'", cli->village);
		return JF_REFUSED;
	}
	return JF_OK;
}

struct run {
	const struct jf_book *b;
	struct jf_report *r;
	struct jf_diags *d;
	jf_points tally;       /* the book's, as every reader counts it */
	struct jf_accts acc;   /* books with expiry: what expired */
};

static enum jf_status on_entry(void *ctx, const struct jf_entry *e)
{
	struct run *run = ctx;
	if (jf_accts_tally(run->b, &run->tally, e, run->d) != JF_OK)
		return JF_INVALID;
	if (run->acc.expiry && jf_accts_apply(&run->acc, e, run->d) != JF_OK)
		return JF_INVALID;
	return jf_report_add(run->r, e, run->d);
}

int main(int argc, char **argv)
{
	static const struct jf_cli_opt opts[] = {
		{ "top", 0, "N", "honor roll and rules: the top N (default 10)", O_TOP },
		{ "deductions", 0, NULL, "also list the households that lost points", O_DEDUCTIONS },
		{ "notice", 0, NULL, "html: the village's notice board (with --village)", O_NOTICE },
		{ "output", 'o', "FILE", "write the report to FILE atomically", O_OUTPUT },
		{ NULL, 0, NULL, NULL, 0 },
	};
	struct jf_cli cli = {
		.prog = "jf-report",
		.no_operands = true,
		.usage = "jf-report [-C dir] [--village code] [--week week] [--month month] "
			 "[--quarter quarter] [--year year] [--from date] [--to date] [--top n] "
			 "[--deductions] [--notice] [--format fmt] [--bom] [--encoding enc] [-o file] "
			 "[--no-cache]",
		.groups = JF_CLI_VILLAGE | JF_CLI_PERIOD | JF_CLI_SHEET | JF_CLI_CACHE,
		.formats = JF_FMT_TEXT | JF_FMT_TSV | JF_FMT_CSV | JF_FMT_JSON | JF_FMT_MARKDOWN |
			   JF_FMT_HTML,
	};
	struct jf_diags d = JF_DIAGS_INIT;
	struct opts o = { NULL, JF_REPORT_TOP_DEFAULT, false, false };
	struct jf_report_opts ro = { JF_DATE_NONE, JF_DATE_NONE, -1, 0, false, JF_DATE_NONE, false,
				     false, JF_DATE_NONE };
	struct jf_report *r = NULL;
	struct jf_book b;
	struct jf_scan scan;
	struct jf_buf out = JF_BUF_INIT;
	enum jf_status st;
	bool done;

	st = jf_cli_parse(&cli, argc, argv, opts, extra, &o, &done, &d);
	if (st == JF_OK && !done && o.notice && (cli.format != JF_FMT_HTML || !cli.village)) {
		jf_error(&d, "--notice is a village's page: it needs --village CODE and --format html");
		st = JF_USAGE;
	}
	if (st != JF_OK || done)
		return jf_cli_report(&cli, st, &d);
	if ((st = jf_cli_book(&cli, &b, &d)) != JF_OK)
		return jf_cli_report(&cli, st, &d);

	jf_scan_init(&scan);
	st = period(&cli, &b, &ro, &d);
	if (st == JF_OK) {
		ro.top = o.top;
		ro.deductions = o.deductions;
		ro.notice = o.notice;
		r = jf_report_new(&b, &ro);
		struct run run = { .b = &b, .r = r, .d = &d };
		jf_accts_init(&run.acc, &b, ro.to);
		scan.use_cache = !cli.no_cache;
		scan.places = true; /* the texts of what is listed are read again */
		st = jf_ledger_read(&scan, &b, on_entry, &run, &d);
		if (st == JF_OK && run.acc.expiry && (st = jf_accts_expire(&run.acc, ro.to, &d)) == JF_OK)
			jf_report_expiry(r, run.acc.expiry);
		jf_accts_release(&run.acc);
	}
	if (st == JF_OK)
		st = jf_report_finish(r, &d);
	if (st == JF_OK) {
		jf_report_format(r, cli.format, &out);
		st = jf_cli_encode(&cli, &out, &d);
	}
	if (st == JF_OK) {
		if (o.output && strcmp(o.output, "-"))
			st = jf_atomic_write(o.output, out.s, out.len, 0, &d);
		else
			st = jf_cli_emit(&out, &d);
	}
	jf_report_free(r);
	jf_buf_release(&out);
	jf_scan_release(&scan);
	jf_book_release(&b);
	return jf_cli_report(&cli, st, &d);
}
