/* cli.h - the options every jf command shares, parsed in one place.
 *
 * A command describes which option groups it takes and a table of its own
 * options (struct jf_cli_opt: each option and its help written once);
 * jf_cli_parse() handles -C/--book, -h/--help, --version and the groups,
 * makes --help from the tables, leaves operands in cli->argv, and reports
 * usage errors.  Options that only keep their argument need no handler
 * (JF_CLI_AT); a writer's struct jf_cli is JF_CLI_WRITER_INIT; a command of
 * subcommands (jf-review, jf-wish) is a table of struct jf_cli_sub run by
 * jf_cli_run_sub().  cmd/jf-balance.c, jf-void.c and jf-wish.c show each.
 */
#ifndef JF_CLI_H
#define JF_CLI_H

#include <stdbool.h>
#include <stddef.h>

#include "book.h"
#include "buf.h"
#include "diag.h"
#include "format.h"
#include "outenc.h"
#include "status.h"

/* Option groups: the shared options a command takes. */
#define JF_CLI_OPERATOR 0x100u /* -b --dry-run --wait */
#define JF_CLI_WRITER  (0x01u | JF_CLI_OPERATOR) /* -d -n, and -b --dry-run --wait */
#define JF_CLI_REASON  0x02u /* -r/--reason */
#define JF_CLI_VILLAGE 0x04u /* --village */
#define JF_CLI_ASOF    0x08u /* --as-of */
#define JF_CLI_PERIOD  0x10u /* --from --to --week --month --quarter --year */
#define JF_CLI_CACHE   0x20u /* --no-cache */
#define JF_CLI_NAMED   0x40u /* --week --month --quarter --year only */
#define JF_CLI_SHEET   0x80u /* --bom --encoding: for --format csv|tsv */

/* One option, written once: getopt's table and the --help line are made
 * from it.  A command lists its own in an array ended by { NULL }:
 *
 *	static const struct jf_cli_opt opts[] = {
 *		{ "quiet", 'q', NULL, "print nothing when the book is valid", 'q' },
 *		{ "since", 0, "REV", "prove the ledger files were only appended to since REV", O_SINCE },
 *		{ NULL },
 *	};
 *
 * and --help shows "  -q, --quiet         print nothing ...".  An option
 * that only keeps its argument needs no handler: give it the val
 * JF_CLI_AT(struct opts, field), and jf_cli_parse() stores in that field of
 * the handler's ctx the argument, if the field is a const char *, or true,
 * if it is a bool (the option was given); the last one given counts.  A
 * field of another type does not compile. */
struct jf_cli_opt {
	const char *name;       /* the long name, without "--" */
	int letter;             /* the short option, or 0 for none */
	const char *arg;        /* the argument's name in --help ("DIR"); NULL: none */
	const char *help;       /* its line of --help */
	int val;                /* passed to the handler: the letter, or 256..JF_CLI_KEEP-1;
				 * or JF_CLI_AT(): kept, not passed */
};
#define JF_CLI_KEEP 0x10000     /* vals from here: kept (offset | JF_CLI_FLAG) */
#define JF_CLI_FLAG 0x8000      /* in a kept val: the field is a bool */
#define JF_CLI_AT(type, field)                                                         \
	(JF_CLI_KEEP + (int)offsetof(type, field) +                                     \
	 _Generic(((type *)0)->field, bool: JF_CLI_FLAG, const char *: 0))

/* The usage line (SYNOPSIS) of a writer: "PROG " JF_CLI_U_WHO, its own
 * options, " " JF_CLI_U_WRITE, its operands; JF_CLI_U_WRITER when it has
 * its own options after those. */
#define JF_CLI_U_WHO "[-C dir] [-d date] [-n note] [-b name]"
#define JF_CLI_U_WRITE "[--dry-run] [--wait seconds] [--no-cache] [--format fmt]"
#define JF_CLI_U_WRITER JF_CLI_U_WHO " " JF_CLI_U_WRITE
/* A writer's struct jf_cli: PROG (a string literal), its usage line after
 * "PROG ", the options of JF_CLI_WRITER, JF_CLI_CACHE and groups, output
 * as text or json:
 *
 *	struct jf_cli cli = JF_CLI_WRITER_INIT("jf-void", JF_CLI_U_WRITER " -r reason id ...",
 *					      JF_CLI_REASON);
 */
#define JF_CLI_WRITER_INIT(prog_, usage_, groups_) {                                   \
		.prog = prog_, .usage = prog_ " " usage_,                               \
		.groups = JF_CLI_WRITER | JF_CLI_CACHE | (groups_),                     \
		.formats = JF_FMT_TEXT | JF_FMT_JSON,                                   \
	}

struct jf_cli {
	const char *prog;
	const char *usage;      /* the SYNOPSIS, without "usage: " */
	bool no_operands;       /* the command takes none: refuse any */
	unsigned groups;
	unsigned formats;       /* JF_FMT_* accepted; 0: no --format */
	/* results */
	const char *book;
	enum jf_format format;
	const char *date, *note, *by, *reason, *village;
	const char *from, *to, *as_of, *week, *month, *quarter, *year;
	bool dry_run;
	bool no_cache;          /* read every ledger byte (cache.h) */
	bool bom;               /* --bom: CSV/TSV with the UTF-8 byte order mark */
	enum jf_outenc encoding;/* --encoding: CSV/TSV in UTF-8 or GB18030 */
	long wait_ms;
	int argc;               /* operands */
	char **argv;
};

/* The handler of a command's own options: called with the option's val and
 * argument; returns JF_OK, or JF_USAGE having added a diagnostic. */
typedef enum jf_status (*jf_cli_extra_fn)(void *ctx, int val, const char *arg,
					   struct jf_diags *d);

/* Parse argv: the shared options of cli->groups, and opts (the command's
 * own, may be NULL) given to fn.  Prints --help/--version itself (to
 * stdout) and returns JF_OK with *done set, or JF_SYSTEM with a diagnostic
 * if stdout could not take them; on a usage error returns JF_USAGE with a
 * diagnostic (the caller prints it and the usage line). */
enum jf_status jf_cli_parse(struct jf_cli *cli, int argc, char **argv,
			    const struct jf_cli_opt *opts, jf_cli_extra_fn fn, void *ctx,
			    bool *done, struct jf_diags *d);
/* After jf_cli_parse(): JF_OK if cli has min to max operands (max < 0:
 * no limit), else JF_USAGE with the message expected (N_-marked;
 * translated here). */
enum jf_status jf_cli_operands(const struct jf_cli *cli, int min, int max, const char *expected,
			       struct jf_diags *d);
/* One subcommand of a command (jf-review approve, jf-wish post ...). */
struct jf_cli_sub {
	const char *name;
	const char *usage;      /* its SYNOPSIS, without "usage: " */
	unsigned groups;
	unsigned formats;
	const struct jf_cli_opt *opts; /* its own options, or NULL */
	int id;                 /* the command's: what the subcommand does */
	bool no_operands;
	int (*main)(int argc, char **argv); /* or a command of its own, given
					     * argv without the subcommand */
};

/* A command's subcommands. */
struct jf_cli_subs {
	const struct jf_cli_sub *sub;  /* ended by { NULL } */
	const struct jf_cli_opt *opts; /* every subcommand's own options */
	const char *names;             /* N_-marked: "post, take, done, drop or list" */
};

/* A subcommand's work once its options are parsed: the exit status. */
typedef int (*jf_cli_sub_fn)(struct jf_cli *cli, const struct jf_cli_sub *sub, void *ctx,
			     struct jf_diags *d);

/* The main() of a command with subcommands (cli: its prog, and its usage
 * for a usage error without a subcommand).  Finds the subcommand, the first
 * operand (jf_cli_find_sub(), with the options of every subcommand and -d
 * and -n), takes it out of argv, parses the rest with the subcommand's
 * usage, groups, formats and options (fn and ctx take those not kept), and
 * returns run()'s exit status, or that of the subcommand's main.  Without
 * a subcommand it takes --help (every form and subs->opts) and --version,
 * and refuses anything else. */
int jf_cli_run_sub(struct jf_cli *cli, const struct jf_cli_subs *subs, int argc, char **argv,
		   jf_cli_extra_fn fn, void *ctx, jf_cli_sub_fn run);
/* The index in argv of the subcommand, the first operand (after "--"
 * too), skipping the options and their arguments; 0 if none.  An option
 * takes an argument when it does in the shared table (those of the groups
 * given) or in own (may be NULL); a long one may be abbreviated, as
 * jf_cli_parse() takes it. */
int jf_cli_find_sub(int argc, char **argv, unsigned groups, const struct jf_cli_opt *own);
/* Take argv[i] out of argv[0..*argc) (the subcommand, once found). */
void jf_cli_drop_arg(int *argc, char **argv, int i);
/* Print the diagnostics as "PROG: ...", plus the usage line if st is
 * JF_USAGE and usage is set; free them; return st (to pass to exit). */
int jf_cli_report(const struct jf_cli *cli, enum jf_status st, struct jf_diags *d);
/* Find and open the book named by the options (or $JF_BOOK or the upward
 * search).  On failure reports nothing itself; returns the status. */
enum jf_status jf_cli_book(const struct jf_cli *cli, struct jf_book *b, struct jf_diags *d);
/* Today in the book's zone (JF_NOW, else the clock): JF_USAGE for a bad
 * JF_NOW, JF_SYSTEM for a zone that cannot be used, with a diagnostic. */
enum jf_status jf_cli_today(const struct jf_book *b, jf_date *out, struct jf_diags *d);
/* Resolve -d/--date (default JF_DATE_NONE, meaning today). */
enum jf_status jf_cli_date(const char *s, const char *what, jf_date *out, struct jf_diags *d);
/* Resolve the period options to [from, to] (JF_DATE_NONE for an open end),
 * "this"/"last" weeks, months, quarters and years taken in the book's zone;
 * --as-of cuts the end at its day.  A period reaching outside
 * JF_DATE_FIRST..JF_DATE_LAST is a usage error. */
enum jf_status jf_cli_period(const struct jf_cli *cli, const struct jf_book *b,
			     jf_date *from, jf_date *to, struct jf_diags *d);
/* The operator's name: -b, else $JF_OPERATOR, else the login name. */
const char *jf_cli_operator(const struct jf_cli *cli);
/* Parse a QTY operand (an integer in [min, max], not 0). */
enum jf_status jf_cli_qty(const char *s, int64_t min, int64_t max, int64_t *out,
			  struct jf_diags *d);
/* Give a CSV or TSV output the bytes --bom and --encoding ask for (in
 * place; nothing for other formats or without those options).  JF_REFUSED
 * or JF_SYSTEM with a diagnostic as jf_outenc_convert() says. */
enum jf_status jf_cli_encode(const struct jf_cli *cli, struct jf_buf *out, struct jf_diags *d);
/* Write out to stdout and check it reached it (fflush, ferror); JF_SYSTEM
 * with a diagnostic if not. */
enum jf_status jf_cli_emit(const struct jf_buf *out, struct jf_diags *d);


/* The start of every writer: -d/--date into *date, then the book (a
 * book that is invalid adds "nothing was recorded").  JF_OK or the status,
 * the diagnostics in d. */
enum jf_status jf_cli_writer_book(const struct jf_cli *cli, struct jf_book *b, jf_date *date,
				  struct jf_diags *d);

struct jf_txn;
struct jf_txn_result;
/* Print a writer's result: its line, or its JSON object with --format
 * json (stdout checked).  JF_OK or JF_SYSTEM. */
enum jf_status jf_cli_result(const struct jf_cli *cli, const struct jf_book *b,
			     const struct jf_txn_result *res, struct jf_diags *d);
/* The common body of the writers: open the book, fill in t's date, operator,
 * note, dry run and wait from the options, commit, print the result line
 * (or JSON) and any diagnostics.  Returns the exit status. */
int jf_cli_write(struct jf_cli *cli, struct jf_txn *t, struct jf_diags *d);
/* Parse POINTS as a command operand (JF_USAGE with a diagnostic if bad). */
enum jf_status jf_cli_points(const char *s, jf_points *out, struct jf_diags *d);

#endif
