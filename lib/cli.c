/* cli.c - shared option parsing and output for the commands. */
#include <errno.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "alloc.h"
#include "cli.h"

enum {
	O_VERSION = 1000, O_DRYRUN, O_WAIT, O_FORMAT, O_VILLAGE, O_ASOF, O_FROM, O_TO,
	O_WEEK, O_MONTH, O_NOCACHE,
};

static const struct {
	struct option opt;
	unsigned group;         /* 0: always */
	const char *help;
} table[] = {
	{ { "book", required_argument, NULL, 'C' }, 0, "-C, --book DIR      the book (default: $JF_BOOK, else search upward)" },
	{ { "help", no_argument, NULL, 'h' }, 0, "-h, --help          this help" },
	{ { "version", no_argument, NULL, O_VERSION }, 0, "    --version       print the version" },
	{ { "format", required_argument, NULL, O_FORMAT }, 0, NULL },
	{ { "date", required_argument, NULL, 'd' }, JF_CLI_WRITER, "-d, --date DATE     the day it happened (default: today in the book's zone)" },
	{ { "note", required_argument, NULL, 'n' }, JF_CLI_WRITER, "-n, --note TEXT     a note kept with the entry" },
	{ { "by", required_argument, NULL, 'b' }, JF_CLI_WRITER, "-b, --by NAME       the operator (default: $JF_OPERATOR, else login name)" },
	{ { "dry-run", no_argument, NULL, O_DRYRUN }, JF_CLI_WRITER, "    --dry-run       check and show, append nothing" },
	{ { "wait", required_argument, NULL, O_WAIT }, JF_CLI_WRITER, "    --wait SECONDS  wait this long for the book's lock (default 10)" },
	{ { "reason", required_argument, NULL, 'r' }, JF_CLI_REASON, "-r, --reason TEXT   why (required)" },
	{ { "village", required_argument, NULL, O_VILLAGE }, JF_CLI_VILLAGE, "    --village CODE  only this village's households" },
	{ { "as-of", required_argument, NULL, O_ASOF }, JF_CLI_ASOF, "    --as-of DATE    count entries dated up to DATE" },
	{ { "from", required_argument, NULL, O_FROM }, JF_CLI_PERIOD, "    --from DATE     period start" },
	{ { "to", required_argument, NULL, O_TO }, JF_CLI_PERIOD, "    --to DATE       period end" },
	{ { "week", required_argument, NULL, O_WEEK }, JF_CLI_PERIOD, "    --week YYYY-Www|this|last" },
	{ { "month", required_argument, NULL, O_MONTH }, JF_CLI_PERIOD, "    --month YYYY-MM" },
	{ { "no-cache", no_argument, NULL, O_NOCACHE }, JF_CLI_CACHE, "    --no-cache      read every ledger byte, neither using nor updating BOOK/.jf/cache" },
};
#define NTABLE (sizeof table / sizeof *table)

static const char *const format_names[] = { "text", "tsv", "csv", "json", "markdown", "html" };

static void help(const struct jf_cli *cli)
{
	printf("usage: %s\n\noptions:\n", cli->usage);
	for (size_t i = 0; i < NTABLE; i++) {
		if (table[i].group && !(table[i].group & cli->groups))
			continue;
		if (table[i].opt.val == O_FORMAT) {
			if (!cli->formats)
				continue;
			const char *sep = "";
			printf("      --format FMT    output as ");
			for (int f = 0; f < 6; f++)
				if (cli->formats & (1u << f)) {
					printf("%s%s", sep, format_names[f]);
					sep = "|";
				}
			printf(" (default text)\n");
			continue;
		}
		printf("  %s\n", table[i].help);
	}
	if (cli->extra_help)
		fputs(cli->extra_help, stdout);
	printf("\nSee %s(1).\n", cli->prog);
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

enum jf_status jf_cli_parse(struct jf_cli *cli, int argc, char **argv,
			    const struct option *extra, jf_cli_extra_fn fn, void *ctx,
			    bool *done, struct jf_diags *d)
{
	struct option opts[NTABLE + 32];
	struct jf_buf shorts = JF_BUF_INIT;
	size_t n = 0;
	int c;
	const char *why;
	enum jf_status st = JF_OK;

	*done = false;
	cli->format = JF_FMT_TEXT;
	cli->wait_ms = 10000;
	jf_buf_adds(&shorts, "+:C:h");
	for (size_t i = 0; i < NTABLE; i++) {
		if (table[i].group && !(table[i].group & cli->groups))
			continue;
		if (table[i].opt.val == O_FORMAT && !cli->formats)
			continue;
		opts[n++] = table[i].opt;
		if (table[i].opt.val < 256 && table[i].opt.val != 'C' && table[i].opt.val != 'h')
			jf_buf_addf(&shorts, "%c:", table[i].opt.val);
	}
	for (const struct option *x = extra; x && x->name && n < NTABLE + 31; x++) {
		opts[n++] = *x;
		if (x->val > ' ' && x->val < 127)
			jf_buf_addf(&shorts, "%c%s", x->val,
				    x->has_arg == required_argument ? ":" : "");
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
			help(cli);
			*done = true;
			jf_buf_release(&shorts);
			return JF_OK;
		case O_VERSION:
			printf("%s (jf) %s\n", cli->prog, JF_VERSION);
			*done = true;
			jf_buf_release(&shorts);
			return JF_OK;
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
			int f;
			for (f = 0; f < 6; f++)
				if (!strcmp(optarg, format_names[f]) && (cli->formats & (1u << f)))
					break;
			if (f == 6) {
				jf_error(d, "unknown --format '%s'", optarg);
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
		case O_NOCACHE: cli->no_cache = true; break;
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
			st = fn ? fn(ctx, c, optarg, d) : JF_USAGE;
			break;
		}
	}
	jf_buf_release(&shorts);
	if (st != JF_OK)
		return st;
	if (cli->week && cli->month) {
		jf_error(d, "--week and --month cannot be combined");
		return JF_USAGE;
	}
	if ((cli->week || cli->month) && (cli->from || cli->to)) {
		jf_error(d, "--week/--month and --from/--to cannot be combined");
		return JF_USAGE;
	}
	cli->argc = argc - optind;
	cli->argv = argv + optind;
	return JF_OK;
}

int jf_cli_report(const struct jf_cli *cli, enum jf_status st, struct jf_diags *d)
{
	struct jf_buf out = JF_BUF_INIT;
	fflush(stdout);
	jf_diags_format(d, cli->prog, &out);
	if (st == JF_USAGE && cli->usage)
		jf_buf_addf(&out, "usage: %s\n", cli->usage);
	fputs(out.s, stderr);
	jf_buf_release(&out);
	jf_diags_release(d);
	return (int)st;
}

enum jf_status jf_cli_book(const struct jf_cli *cli, struct jf_book *b, struct jf_diags *d)
{
	char *root;
	enum jf_status st = jf_book_find(cli->book, &root, d);
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
		jf_error(d, "bad %s '%s': %s%s", what, s, why,
			 strstr(why, "YYYY") ? "" : " (YYYY-MM-DD)");
		return JF_USAGE;
	}
	return JF_OK;
}

enum jf_status jf_cli_period(const struct jf_cli *cli, const struct jf_book *b,
			     jf_date *from, jf_date *to, struct jf_diags *d)
{
	const char *why;
	enum jf_status st;
	*from = *to = JF_DATE_NONE;
	if (cli->week) {
		if (!strcmp(cli->week, "this") || !strcmp(cli->week, "last")) {
			time_t now;
			jf_date today;
			if (jf_now(&now, &why) < 0) {
				jf_error(d, "JF_NOW: %s", why);
				return JF_USAGE;
			}
			if (jf_date_in_tz(now, b->timezone, &today) < 0) {
				jf_error(d, "cannot use time zone '%s'", b->timezone);
				return JF_SYSTEM;
			}
			if (cli->week[0] == 'l')
				today -= 7;
			jf_period_bounds(JF_PER_WEEK, today, from, to);
		} else if (jf_week_parse(cli->week, from, to, &why) < 0) {
			jf_error(d, "bad --week '%s': %s (YYYY-Www, this or last)", cli->week, why);
			return JF_USAGE;
		}
	}
	if (cli->month && jf_month_parse(cli->month, from, to, &why) < 0) {
		jf_error(d, "bad --month '%s': %s (YYYY-MM)", cli->month, why);
		return JF_USAGE;
	}
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
