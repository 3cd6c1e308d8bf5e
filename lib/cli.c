/* cli.c - shared option parsing and output for the commands. */
#include <errno.h>
#include <getopt.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "alloc.h"
#include "cli.h"
#include "i18n.h"

enum {
	O_VERSION = 1000, O_DRYRUN, O_WAIT, O_FORMAT, O_VILLAGE, O_ASOF, O_FROM, O_TO,
	O_WEEK, O_MONTH, O_NOCACHE, O_QUARTER, O_YEAR, O_BOM, O_ENCODING,
};

#define NAMED (JF_CLI_PERIOD | JF_CLI_NAMED)

/* The shared options, in the order of --help; group 0: every command. */
static const struct {
	struct jf_cli_opt o;
	unsigned groups;
} table[] = {
	{ { "book", 'C', "DIR", "the book (default: $JF_BOOK, else search upward)", 'C' }, 0 },
	{ { "help", 'h', NULL, "this help", 'h' }, 0 },
	{ { "version", 0, NULL, "print the version", O_VERSION }, 0 },
	{ { "format", 0, "FMT", NULL, O_FORMAT }, 0 }, /* help: the command's formats */
	{ { "date", 'd', "DATE", "the day it happened (default: today in the book's zone)", 'd' }, 0x01u /* JF_CLI_WRITER's own */ },
	{ { "note", 'n', "TEXT", "a note kept with the entry", 'n' }, 0x01u /* JF_CLI_WRITER's own */ },
	{ { "by", 'b', "NAME", "the operator (default: $JF_OPERATOR, else login name)", 'b' }, JF_CLI_OPERATOR },
	{ { "dry-run", 0, NULL, "check and show, append nothing", O_DRYRUN }, JF_CLI_OPERATOR },
	{ { "wait", 0, "SECONDS", "wait this long for the book's lock (default 10)", O_WAIT }, JF_CLI_OPERATOR },
	{ { "reason", 'r', "TEXT", "why (required)", 'r' }, JF_CLI_REASON },
	{ { "village", 0, "CODE", "only this village's households", O_VILLAGE }, JF_CLI_VILLAGE },
	{ { "as-of", 0, "DATE", "count entries dated up to DATE", O_ASOF }, JF_CLI_ASOF },
	{ { "from", 0, "DATE", "period start", O_FROM }, JF_CLI_PERIOD },
	{ { "to", 0, "DATE", "period end", O_TO }, JF_CLI_PERIOD },
	{ { "week", 0, "WEEK", "ISO week: YYYY-Www, this or last", O_WEEK }, NAMED },
	{ { "month", 0, "MONTH", "month: YYYY-MM, this or last", O_MONTH }, NAMED },
	{ { "quarter", 0, "QUARTER", "quarter: YYYY-Qn, this or last", O_QUARTER }, NAMED },
	{ { "year", 0, "YEAR", "calendar year: YYYY, this or last", O_YEAR }, NAMED },
	{ { "no-cache", 0, NULL, "read every ledger byte, neither using nor updating BOOK/.jf/cache", O_NOCACHE }, JF_CLI_CACHE },
	{ { "bom", 0, NULL, "csv, tsv: begin with the UTF-8 byte order mark (Excel)", O_BOM }, JF_CLI_SHEET },
	{ { "encoding", 0, "ENC", "csv, tsv: write utf-8 (default) or gb18030 (WPS, Excel on a Chinese PC)", O_ENCODING }, JF_CLI_SHEET },
};
#define NTABLE (sizeof table / sizeof *table)
#define NOPTS_MAX 64 /* shared and own options of one command */

static const char *const format_names[] = { "text", "tsv", "csv", "json", "markdown", "html" };
#define NFORMATS (sizeof format_names / sizeof *format_names)

static bool wanted(const struct jf_cli *cli, size_t i)
{
	if (table[i].groups && !(table[i].groups & cli->groups))
		return false;
	return table[i].o.val != O_FORMAT || cli->formats;
}

/* Does option o, written as a ("-x" or "--name", maybe abbreviated),
 * take its argument from the next word? */
static bool opt_takes_next(const struct jf_cli_opt *o, const char *a)
{
	if (!o->arg)
		return false;
	if (a[1] != '-')
		return !a[2] && o->letter && a[1] == o->letter;
	size_t n = strlen(a + 2);
	return n && !strchr(a, '=') && !strncmp(o->name, a + 2, n);
}

static bool takes_next(const char *a, unsigned groups, const struct jf_cli_opt *own)
{
	for (size_t i = 0; i < NTABLE; i++)
		if ((!table[i].groups || (table[i].groups & groups)) &&
		    opt_takes_next(&table[i].o, a))
			return true;
	for (; own && own->name; own++)
		if (opt_takes_next(own, a))
			return true;
	return false;
}

int jf_cli_find_sub(int argc, char **argv, unsigned groups, const struct jf_cli_opt *own)
{
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (!strcmp(a, "--"))
			return i + 1 < argc ? i + 1 : 0;
		if (a[0] != '-' || !a[1])
			return i;
		if (takes_next(a, groups, own))
			i++;
	}
	return 0;
}

enum jf_status jf_cli_operands(const struct jf_cli *cli, int min, int max, const char *expected,
			       struct jf_diags *d)
{
	if (cli->argc >= min && (max < 0 || cli->argc <= max))
		return JF_OK;
	jf_error(d, "%s", jf_tr(expected));
	return JF_USAGE;
}

void jf_cli_drop_arg(int *argc, char **argv, int i)
{
	for (; i + 1 < *argc; i++)
		argv[i] = argv[i + 1];
	(*argc)--;
	argv[*argc] = NULL;
}

/* The formats cli takes into out: "text|tsv|json", or with last " or ",
 * "text, tsv or json". */
static void formats(const struct jf_cli *cli, const char *sep, const char *last,
		    struct jf_buf *out)
{
	size_t n = 0, k = 0;
	for (size_t f = 0; f < NFORMATS; f++)
		n += (cli->formats >> f) & 1u;
	for (size_t f = 0; f < NFORMATS; f++)
		if (cli->formats & (1u << f)) {
			jf_buf_addf(out, "%s%s", k == 0 ? "" : k + 1 == n ? last : sep,
				    format_names[f]);
			k++;
		}
}

/* One line of --help: "  -C, --book DIR      the book ..." (help from
 * column 23, or two spaces after a longer option). */
static void help_line(const struct jf_cli_opt *o, const char *help, struct jf_buf *out)
{
	size_t start = out->len;
	if (o->letter)
		jf_buf_addf(out, "  -%c, --%s", o->letter, o->name);
	else
		jf_buf_addf(out, "      --%s", o->name);
	if (o->arg)
		jf_buf_addf(out, " %s", o->arg);
	size_t w = out->len - start;
	jf_buf_addf(out, "%*s%s\n", w < 20 ? (int)(22 - w) : 2, "", help);
}

static void help(const struct jf_cli *cli, const struct jf_cli_opt *own, struct jf_buf *out)
{
	/* the help strings of the tables are translated here (i18n.h) */
	jf_buf_addf(out, jf_tr("usage: %s\n\noptions:\n"), cli->usage);
	for (size_t i = 0; i < NTABLE; i++) {
		if (!wanted(cli, i))
			continue;
		if (table[i].o.val == O_FORMAT) {
			struct jf_buf h = JF_BUF_INIT;
			jf_buf_adds(&h, jf_tr("output as "));
			formats(cli, "|", "|", &h);
			jf_buf_adds(&h, jf_tr(" (default text)"));
			help_line(&table[i].o, h.s, out);
			jf_buf_release(&h);
			continue;
		}
		help_line(&table[i].o, jf_tr(table[i].o.help), out);
	}
	for (const struct jf_cli_opt *o = own; o && o->name; o++)
		help_line(o, jf_tr(o->help), out);
	jf_buf_addf(out, jf_tr("\nSee %s(1).\n"), cli->prog);
}

/* The getopt_long entry of o. */
static struct option long_of(const struct jf_cli_opt *o)
{
	struct option l = { o->name, o->arg ? required_argument : no_argument, NULL, o->val };
	return l;
}

static bool negative_number(const char *s)
{
	if (s[0] != '-' || !(s[1] >= '0' && s[1] <= '9'))
		return false;
	for (s++; *s; s++)
		if (!((*s >= '0' && *s <= '9') || *s == '.'))
			return false;
	return true;
}

/* GNU-style permutation done here, so that operands may come before options
 * and negative numbers ("-50") are operands, not options: returns a new argv
 * (allocated once per process) of the options, "--", then the operands. */
static char **permuted; /* kept for the life of the process */

static char **permute(int *argcp, char **argv, const struct option *opts, const char *shorts,
		      const char **missing)
{
	int argc = *argcp;
	char **out = jf_calloc((size_t)argc + 2, sizeof *out);
	char **ops = jf_calloc((size_t)argc + 1, sizeof *ops);
	int n = 0, nops = 0;
	out[n++] = argv[0];
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (!strcmp(a, "--")) {
			while (++i < argc)
				ops[nops++] = argv[i];
			break;
		}
		if (a[0] != '-' || !a[1] || negative_number(a)) {
			ops[nops++] = argv[i];
			continue;
		}
		out[n++] = argv[i];
		bool takes = false;
		if (a[1] == '-') {
			/* as getopt_long does: an exact name, or a unique prefix */
			size_t len = strcspn(a + 2, "=");
			const struct option *hit = NULL;
			int hits = 0;
			for (const struct option *o = opts; o->name; o++) {
				if (strncmp(o->name, a + 2, len))
					continue;
				if (strlen(o->name) == len) {
					hit = o;
					hits = 1;
					break;
				}
				hit = o;
				hits++;
			}
			if (!a[2 + len] && hits == 1)
				takes = hit->has_arg == required_argument;
		} else {
			/* a cluster like -n: the last letter may take the next arg */
			for (const char *p = a + 1; *p; p++) {
				const char *q = strchr(shorts, *p);
				if (q && *p != ':' && q[1] == ':') {
					takes = !p[1];
					break;
				}
			}
		}
		if (takes && i + 1 >= argc) {
			*missing = a;
			break;
		}
		if (takes)
			out[n++] = argv[++i];
	}
	out[n++] = "--";
	for (int i = 0; i < nops; i++)
		out[n++] = ops[i];
	out[n] = NULL;
	free(ops);
	free(permuted);
	permuted = out;
	*argcp = n;
	return out;
}

/* A command's own option c (its short letter stands for its val): kept
 * in ctx (JF_CLI_AT), or given to fn. */
static enum jf_status own_opt(const struct jf_cli_opt *own, int c, const char *arg,
			      jf_cli_extra_fn fn, void *ctx, struct jf_diags *d)
{
	const struct jf_cli_opt *o;
	for (o = own; o && o->name; o++)
		if (o->val == c || (o->letter && o->letter == c))
			break;
	if (!o || !o->name || o->val < JF_CLI_KEEP)
		return fn ? fn(ctx, o && o->name ? o->val : c, arg, d) : JF_USAGE;
	int kept = o->val - JF_CLI_KEEP;
	char *at = (char *)ctx + (kept & ~JF_CLI_FLAG);
	if (kept & JF_CLI_FLAG) {
		bool on = true;
		memcpy(at, &on, sizeof on);
	} else {
		memcpy(at, &arg, sizeof arg);
	}
	return JF_OK;
}

enum jf_status jf_cli_parse(struct jf_cli *cli, int argc, char **argv,
			    const struct jf_cli_opt *own, jf_cli_extra_fn fn, void *ctx,
			    bool *done, struct jf_diags *d)
{
	struct option opts[NOPTS_MAX + 1];
	struct jf_buf shorts = JF_BUF_INIT;
	size_t n = 0;
	int c;
	const char *why;
	enum jf_status st = JF_OK;
	bool encoding = false;

	jf_i18n_init(); /* every command comes through here first */
	*done = false;
	cli->format = JF_FMT_TEXT;
	cli->wait_ms = 10000;
	jf_buf_adds(&shorts, "+:");
	for (size_t i = 0; i < NTABLE; i++) {
		if (!wanted(cli, i))
			continue;
		opts[n++] = long_of(&table[i].o);
		if (table[i].o.letter)
			jf_buf_addf(&shorts, "%c%s", table[i].o.letter, table[i].o.arg ? ":" : "");
	}
	for (const struct jf_cli_opt *o = own; o && o->name; o++) {
		if (n == NOPTS_MAX) {
			jf_error(d, "too many options (the command's table holds more than %d)",
				 NOPTS_MAX);
			jf_buf_release(&shorts);
			return JF_USAGE;
		}
		opts[n++] = long_of(o);
		if (o->letter)
			jf_buf_addf(&shorts, "%c%s", o->letter, o->arg ? ":" : "");
	}
	memset(&opts[n], 0, sizeof opts[n]);

	const char *missing = NULL;
	argv = permute(&argc, argv, opts, shorts.s, &missing);
	if (missing) {
		jf_error(d, "option '%s' needs an argument", missing);
		jf_buf_release(&shorts);
		return JF_USAGE;
	}
	opterr = 0;
	optind = 0; /* 0, not 1: glibc then forgets a half-read cluster */
	while (st == JF_OK && (c = getopt_long(argc, argv, shorts.s, opts, NULL)) != -1) {
		switch (c) {
		case 'C': cli->book = optarg; break;
		case 'h':
		case O_VERSION: {
			/* to stdout, checked like every other output */
			struct jf_buf out = JF_BUF_INIT;
			if (c == 'h')
				help(cli, own, &out);
			else
				jf_buf_addf(&out, "%s (jf) %s\n", cli->prog, JF_VERSION);
			*done = true;
			st = jf_cli_emit(&out, d);
			jf_buf_release(&out);
			jf_buf_release(&shorts);
			return st;
		}
		case 'd': cli->date = optarg; break;
		case 'n': cli->note = optarg; break;
		case 'b': cli->by = optarg; break;
		case 'r': cli->reason = optarg; break;
		case O_DRYRUN: cli->dry_run = true; break;
		case O_WAIT: {
			int64_t s = 0;
			if (jf_int_parse(optarg, 0, 86400, &s, &why) < 0) {
				jf_error(d, "bad --wait '%s': %s (whole seconds, 0..86400)", optarg, why);
				st = JF_USAGE;
			}
			cli->wait_ms = (long)s * 1000;
			break;
		}
		case O_FORMAT: {
			size_t f;
			for (f = 0; f < NFORMATS; f++)
				if (!strcmp(optarg, format_names[f]) && (cli->formats & (1u << f)))
					break;
			if (f == NFORMATS) {
				struct jf_buf v = JF_BUF_INIT;
				formats(cli, ", ", " or ", &v);
				jf_error(d, "unknown --format '%s': %s writes %s", optarg, cli->prog, v.s);
				jf_buf_release(&v);
				st = JF_USAGE;
			} else {
				cli->format = (enum jf_format)(1u << f);
			}
			break;
		}
		case O_VILLAGE: cli->village = optarg; break;
		case O_ASOF: cli->as_of = optarg; break;
		case O_FROM: cli->from = optarg; break;
		case O_TO: cli->to = optarg; break;
		case O_WEEK: cli->week = optarg; break;
		case O_MONTH: cli->month = optarg; break;
		case O_QUARTER: cli->quarter = optarg; break;
		case O_YEAR: cli->year = optarg; break;
		case O_NOCACHE: cli->no_cache = true; break;
		case O_BOM: cli->bom = true; break;
		case O_ENCODING:
			if (!jf_outenc_parse(optarg, &cli->encoding)) {
				jf_error(d, "unknown --encoding '%s': utf-8 or gb18030", optarg);
				st = JF_USAGE;
			}
			encoding = true;
			break;
		case ':':
			jf_error(d, "option '%s' needs an argument", argv[optind - 1]);
			st = JF_USAGE;
			break;
		case '?':
			if (optopt > ' ' && optopt < 127 && argv[optind - 1][1] != '-')
				jf_error(d, "unknown option '-%c'", optopt);
			else if (optopt)
				jf_error(d, "bad option '%s'", argv[optind - 1]);
			else
				jf_error(d, "unknown option '%s'", argv[optind - 1]);
			st = JF_USAGE;
			break;
		default:
			st = own_opt(own, c, optarg, fn, ctx, d);
			break;
		}
	}
	jf_buf_release(&shorts);
	if (st != JF_OK)
		return st;
	/* the bytes of a spreadsheet: only where there is one */
	if ((cli->bom || encoding) && cli->format != JF_FMT_CSV && cli->format != JF_FMT_TSV) {
		jf_error(d, "--%s is for --format csv or tsv", cli->bom ? "bom" : "encoding");
		return JF_USAGE;
	}
	if (cli->bom && cli->encoding == JF_ENC_GB18030) {
		jf_error(d, "--bom is for UTF-8: GB18030 output has no byte order mark");
		return JF_USAGE;
	}
	/* one named period at most, and not with --from/--to */
	const char *const named[][2] = {
		{ "week", cli->week }, { "month", cli->month },
		{ "quarter", cli->quarter }, { "year", cli->year },
	};
	const char *first = NULL;
	for (size_t i = 0; i < sizeof named / sizeof *named; i++) {
		if (!named[i][1])
			continue;
		if (first) {
			jf_error(d, "--%s and --%s cannot be combined", first, named[i][0]);
			return JF_USAGE;
		}
		first = named[i][0];
	}
	if (first && (cli->from || cli->to)) {
		jf_error(d, "%s%s and --from/--to cannot be combined",
			 cli->week || cli->month ? "--week/--month" : "--",
			 cli->week || cli->month ? "" : first);
		return JF_USAGE;
	}
	cli->argc = argc - optind;
	cli->argv = argv + optind;
	if (cli->no_operands && cli->argc) {
		jf_error(d, "unexpected argument '%s'", cli->argv[0]);
		return JF_USAGE;
	}
	return JF_OK;
}

int jf_cli_report(const struct jf_cli *cli, enum jf_status st, struct jf_diags *d)
{
	struct jf_buf out = JF_BUF_INIT;
	fflush(stdout);
	jf_diags_format(d, cli->prog, &out);
	if (st == JF_USAGE && cli->usage)
		jf_buf_addf(&out, jf_tr("usage: %s\n"), cli->usage);
	fputs(out.s, stderr);
	jf_buf_release(&out);
	jf_diags_release(d);
	return (int)st;
}

enum jf_status jf_cli_book(const struct jf_cli *cli, struct jf_book *b, struct jf_diags *d)
{
	char *root;
	const char *env = getenv("JF_BOOK");
	enum jf_status st;

	if ((!cli->book || !*cli->book) && env && *env) {
		/* say where a path nobody typed came from */
		struct jf_diags find = JF_DIAGS_INIT;
		st = jf_book_find(NULL, &root, &find);
		jf_diags_release(&find);
		if (st == JF_USAGE)
			jf_error(d, "JF_BOOK is '%s', which is not a jf book (no jf.yaml there); "
				 "set JF_BOOK to a book, or unset it, or use -C DIR", env);
	} else {
		st = jf_book_find(cli->book, &root, d);
	}
	if (st != JF_OK)
		return st;
	st = jf_book_open(b, root, d);
	free(root);
	return st;
}

enum jf_status jf_cli_date(const char *s, const char *what, jf_date *out, struct jf_diags *d)
{
	const char *why;
	*out = JF_DATE_NONE;
	if (!s)
		return JF_OK;
	if (jf_date_parse(s, out, &why) < 0) {
		/* the form, unless the message names it or is about the range */
		jf_error(d, "bad %s '%s': %s%s", what, s, why,
			 strncmp(why, "no such", 7) ? "" : " (YYYY-MM-DD)");
		return JF_USAGE;
	}
	return JF_OK;
}

enum jf_status jf_cli_today(const struct jf_book *b, jf_date *out, struct jf_diags *d)
{
	time_t now;
	const char *why;
	if (jf_now(&now, &why) < 0) {
		jf_error(d, "JF_NOW: %s", why);
		return JF_USAGE;
	}
	if (jf_date_in_tz(now, b->timezone, out) < 0) {
		jf_error(d, "cannot use time zone '%s'", b->timezone);
		return JF_SYSTEM;
	}
	return JF_OK;
}

/* A named period: YYYY-Www, YYYY-MM, YYYY-Qn or YYYY, or this/last one. */
struct named {
	const char *opt, *form;
	enum jf_period_unit unit;
	int (*parse)(const char *s, jf_date *from, jf_date *to, const char **why);
};

static enum jf_status named(const struct named *n, const char *s, const struct jf_book *b,
			    jf_date *from, jf_date *to, struct jf_diags *d)
{
	const char *why;
	enum jf_status st;
	if (!strcmp(s, "this") || !strcmp(s, "last")) {
		jf_date t;
		if ((st = jf_cli_today(b, &t, d)) != JF_OK)
			return st;
		jf_period_bounds(n->unit, t, from, to);
		if (s[0] == 'l')
			jf_period_bounds(n->unit, *from - 1, from, to);
		if (*from < JF_DATE_FIRST || *to > JF_DATE_LAST) {
			jf_error(d, "bad --%s '%s': the %s reaches outside 1000-01-01..9999-12-31, "
				 "the days jf takes", n->opt, s, n->opt);
			return JF_USAGE;
		}
		return JF_OK;
	}
	if (n->parse(s, from, to, &why) < 0) {
		/* "month must be YYYY-MM" names the form already */
		if (strstr(why, "must be"))
			jf_error(d, "bad --%s '%s': %s, this or last", n->opt, s, why);
		else if (!strncmp(why, "no such", 7))
			jf_error(d, "bad --%s '%s': %s (%s, this or last)", n->opt, s, why, n->form);
		else
			jf_error(d, "bad --%s '%s': %s", n->opt, s, why);
		return JF_USAGE;
	}
	return JF_OK;
}

enum jf_status jf_cli_period(const struct jf_cli *cli, const struct jf_book *b,
			     jf_date *from, jf_date *to, struct jf_diags *d)
{
	static const struct named units[] = {
		{ "week", "YYYY-Www", JF_PER_WEEK, jf_week_parse },
		{ "month", "YYYY-MM", JF_PER_MONTH, jf_month_parse },
		{ "quarter", "YYYY-Qn", JF_PER_QUARTER, jf_quarter_parse },
		{ "year", "YYYY", JF_PER_YEAR, jf_year_parse },
	};
	const char *given[] = { cli->week, cli->month, cli->quarter, cli->year };
	enum jf_status st;
	*from = *to = JF_DATE_NONE;
	for (size_t i = 0; i < sizeof units / sizeof *units; i++)
		if (given[i] && (st = named(&units[i], given[i], b, from, to, d)) != JF_OK)
			return st;
	if (cli->from && (st = jf_cli_date(cli->from, "--from date", from, d)) != JF_OK)
		return st;
	if (cli->to && (st = jf_cli_date(cli->to, "--to date", to, d)) != JF_OK)
		return st;
	if (cli->as_of) {
		jf_date a;
		if ((st = jf_cli_date(cli->as_of, "--as-of date", &a, d)) != JF_OK)
			return st;
		if (*to == JF_DATE_NONE || a < *to)
			*to = a;
	}
	if (*from != JF_DATE_NONE && *to != JF_DATE_NONE && *from > *to) {
		jf_error(d, "the period ends before it starts");
		return JF_USAGE;
	}
	return JF_OK;
}

const char *jf_cli_operator(const struct jf_cli *cli)
{
	const char *s = cli->by;
	if (s)
		return s;
	s = getenv("JF_OPERATOR");
	if (s && *s)
		return s;
	s = getenv("LOGNAME");
	if (s && *s)
		return s;
	struct passwd *pw = getpwuid(geteuid());
	return pw ? pw->pw_name : NULL;
}

enum jf_status jf_cli_qty(const char *s, int64_t min, int64_t max, int64_t *out,
			  struct jf_diags *d)
{
	const char *why = "must not be 0";
	*out = 0;
	if (jf_int_parse(s, min, max, out, &why) < 0 || *out == 0) {
		jf_error(d, "bad quantity '%s': %s", s, why);
		return JF_USAGE;
	}
	return JF_OK;
}

enum jf_status jf_cli_encode(const struct jf_cli *cli, struct jf_buf *out, struct jf_diags *d)
{
	if (cli->format != JF_FMT_CSV && cli->format != JF_FMT_TSV)
		return JF_OK;
	if (cli->bom)
		jf_outenc_bom(out);
	return jf_outenc_convert(out, cli->encoding, d);
}

enum jf_status jf_cli_emit(const struct jf_buf *out, struct jf_diags *d)
{
	if (out->len && fwrite(out->s, 1, out->len, stdout) != out->len) {
		jf_error(d, "write error on standard output: %s", strerror(errno));
		return JF_SYSTEM;
	}
	if (fflush(stdout) == EOF || ferror(stdout)) {
		jf_error(d, "write error on standard output: %s", strerror(errno));
		return JF_SYSTEM;
	}
	return JF_OK;
}

/* A command with subcommands run without one: --help shows every form
 * (the SYNOPSIS of its page) and every option. */
static int run_bare(struct jf_cli *cli, const struct jf_cli_subs *subs, int argc, char **argv,
		    jf_cli_extra_fn fn, void *ctx, struct jf_diags *d)
{
	struct jf_buf forms = JF_BUF_INIT;
	const char *usage = cli->usage;
	bool done;

	cli->groups = cli->formats = 0;
	for (const struct jf_cli_sub *s = subs->sub; s->name; s++) {
		jf_buf_addf(&forms, "%s%s", forms.len ? " " : "", s->usage);
		cli->groups |= s->groups;
		cli->formats |= s->formats;
	}
	cli->usage = forms.s;
	cli->no_operands = true;
	enum jf_status st = jf_cli_parse(cli, argc, argv, subs->opts, fn, ctx, &done, d);
	if (st == JF_OK && !done) {
		/* TRANSLATORS: %s: the subcommands, as "post, take, done, drop or list" */
		jf_error(d, "expected %s", jf_tr(subs->names));
		st = JF_USAGE;
	}
	cli->usage = usage;
	int rc = jf_cli_report(cli, st, d);
	jf_buf_release(&forms);
	return rc;
}

int jf_cli_run_sub(struct jf_cli *cli, const struct jf_cli_subs *subs, int argc, char **argv,
		   jf_cli_extra_fn fn, void *ctx, jf_cli_sub_fn run)
{
	struct jf_diags d = JF_DIAGS_INIT;
	const struct jf_cli_sub *s;
	unsigned groups = JF_CLI_WRITER;
	bool done;

	jf_i18n_init();
	for (s = subs->sub; s->name; s++)
		groups |= s->groups;
	int i = jf_cli_find_sub(argc, argv, groups, subs->opts);
	if (!i)
		return run_bare(cli, subs, argc, argv, fn, ctx, &d);
	for (s = subs->sub; s->name && strcmp(s->name, argv[i]); s++)
		;
	if (!s->name) {
		/* TRANSLATORS: the second %s: the subcommands, as "post, take, done, drop or list" */
		jf_error(&d, "unknown subcommand '%s': %s", argv[i], jf_tr(subs->names));
		return jf_cli_report(cli, JF_USAGE, &d);
	}
	jf_cli_drop_arg(&argc, argv, i);
	if (s->main)
		return s->main(argc, argv);
	cli->usage = s->usage;
	cli->groups = s->groups;
	cli->formats = s->formats;
	cli->no_operands = s->no_operands;
	enum jf_status st = jf_cli_parse(cli, argc, argv, s->opts, fn, ctx, &done, &d);
	if (st != JF_OK || done)
		return jf_cli_report(cli, st, &d);
	return run(cli, s, ctx, &d);
}
