/* batch.h - a sheet's rows as one batch of entries (SPEC 4.1), and the
 * writers that append several entries in one write.
 *
 * jf_batch_run() maps a scoring sheet (jf-add) or a redemption sheet
 * (jf-redeem) to requests, one per row that is not blank, and commits them
 * with jf_txn_commit_many(): each row checked as if appended after the
 * ones before it, all or nothing, one lock, one write, one fsync.  Every
 * refused row is reported as "FILE:ROW: message", in row order, and the
 * status is the highest among them.  Every entry records the sheet's id
 * (`sheet:`); a sheet whose id is in the book already is refused unless
 * `again`.
 */
#ifndef JF_BATCH_H
#define JF_BATCH_H

#include <stdbool.h>

#include "book.h"
#include "buf.h"
#include "cli.h"
#include "sheet.h"
#include "txn.h"

struct jf_batch {
	enum jf_kind kind;      /* JF_EARN (jf-add) or JF_REDEEM (jf-redeem) */
	const char *file;       /* --batch FILE ("-": standard input), or NULL */
	enum jf_sheet_enc enc;  /* --encoding */
	bool enc_set;
	bool again;             /* --again: import a sheet already in the book */
};

/* The options --batch FILE, --encoding ENC and --again, for
 * jf_cli_parse() with jf_batch_opt() and a struct jf_batch as its ctx. */
extern const struct jf_cli_opt jf_batch_opts[];
enum jf_status jf_batch_opt(void *ctx, int val, const char *arg, struct jf_diags *d);

/* Results of a command that appended several entries. */
struct jf_many {
	struct jf_txn_result *res;
	size_t n;
};

/* The columns of a batch of kind k: household, activity or item, qty,
 * date, note, head (in this order; JF_BATCH_NCOLS of them). */
#define JF_BATCH_NCOLS 6
const struct jf_sheet_col *jf_batch_columns(enum jf_kind k);

/* Is a sheet with this id in the book?  JF_OK when not; JF_REFUSED with
 * the earlier import named in d (entry id, FILE:LINE) when it is; the
 * status of a ledger file that cannot be read otherwise.  Reads the
 * ledger's bytes for the `sheet:` key; the cache holds no texts. */
enum jf_status jf_sheet_seen(const struct jf_book *b, const char *id, struct jf_diags *d);

/* Year-first dates as spreadsheets write them: 2026-11-28, 2026/11/28,
 * 2026.11.28, 2026-1-5, 2026年11月28日.  0, or -1 with *why. */
int jf_batch_date(const char *s, jf_date *out, const char **why);

/* The command body of jf-add --batch and jf-redeem --batch: read the
 * sheet o->file, commit it, print one line per entry (or one JSON array),
 * report.  Returns the exit status. */
int jf_cli_batch(struct jf_cli *cli, const struct jf_batch *o, struct jf_diags *d);

/* Commit the n requests t[] as one (jf_txn_commit_many), after filling
 * in from the options the operator, dry run, wait and cache (and the note
 * where a request has none); print the entries.  The book b is the caller's, already open.  Returns the
 * status, the reasons in d (the caller reports them). */
enum jf_status jf_cli_write_many(struct jf_cli *cli, const struct jf_book *b,
				 struct jf_txn *t, size_t n, struct jf_diags *d);

/* jf-void ID...: a void of each of cli->argv (t: the void's request,
 * reason set), in one write.  Returns the exit status. */
int jf_cli_void_many(struct jf_cli *cli, const struct jf_txn *t, struct jf_diags *d);

/* The lines (or, JF_FMT_JSON, one JSON array) for the results. */
void jf_many_format(const struct jf_book *b, const struct jf_many *m, enum jf_format f,
		    struct jf_buf *out);
void jf_many_release(struct jf_many *m);

/* The whole of jf-add and jf-redeem after their struct jf_cli: parse,
 * then HOUSEHOLD CODE [QTY] as one entry of kind, or --batch FILE.
 * expected is the usage message for wrong operands (N_()-marked, shown
 * translated).  Returns the exit status. */
int jf_cli_sheet_writer(struct jf_cli *cli, enum jf_kind kind, const char *expected, int argc,
			char **argv);

#endif
