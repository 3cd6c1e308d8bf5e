/* jf-check - validate the whole book. */
#include <stdlib.h>

#include "acct.h"
#include "cli.h"
#include "wish.h"
#include "i18n.h"
#include "ledger.h"
#include "lock.h"
#include "points.h"
#include "repair.h"
#include "since.h"

enum { O_QUIET = 'q', O_REPAIR = 256, O_SINCE, O_WAIT };

struct opts {
	bool quiet, repair;
	const char *since;
	long wait_ms;   /* --wait: for the book's lock (default 10 s) */
};

static enum jf_status extra(void *ctx, int val, const char *arg, struct jf_diags *d)
{
	struct opts *o = ctx;
	if (val == O_WAIT) {
		int64_t s = 0;
		const char *why;
		if (jf_int_parse(arg, 0, 86400, &s, &why) < 0) {
			jf_error(d, "bad --wait '%s': %s (whole seconds, 0..86400)", arg, why);
			return JF_USAGE;
		}
		o->wait_ms = (long)s * 1000;
	} else if (val == O_QUIET)
		o->quiet = true;
	else if (val == O_REPAIR)
		o->repair = true;
	else if (val == O_SINCE)
		o->since = arg;
	return JF_OK;
}

/* The sums every reader makes, so that jf-check refuses what they refuse. */
struct sums {
	struct jf_accts acc;
	struct jf_diags *d;
	struct jf_served served;   /* serves and voids of serves: hours a day */
};

static enum jf_status on_entry(void *ctx, const struct jf_entry *e)
{
	struct sums *s = ctx;
	jf_served_note(&s->served, e);
	return jf_accts_apply(&s->acc, e, s->d);
}

/* Books with expiry: where the receipts of expiry differ from what expired
 * as of today, a warning each. */
static enum jf_status expiry_warnings(const struct jf_book *b, struct jf_accts *a,
				      struct jf_diags *d)
{
	enum jf_status st = jf_accts_expire(a, JF_DATE_NONE, d);
	if (st != JF_OK)
		return st;
	struct jf_xdue *v;
	size_t n = jf_expiry_due(a->expiry, &v);
	if (n == (size_t)-1) {
		jf_error(d, "sum of points overflows in the receipts of expiry");
		return JF_INVALID;
	}
	for (size_t i = 0; i < n; i++) {
		char d1[JF_DATE_BUFSZ], p1[JF_POINTS_BUFSZ], p2[JF_POINTS_BUFSZ];
		if (v[i].recorded > v[i].computed)
			/* receipts are never taken back: a late entry paid from
			 * those points after the receipt was written */
			jf_diag_add(d, JF_SEV_WARNING, NULL, 0, 0,
				    "%s: the points valid through %s: receipts of expiry record %s, "
				    "%s expired (a receipt too many, or an entry of that year "
				    "recorded after it; receipts are never taken back)",
				    b->households[v[i].household].id, jf_date_format(v[i].until, d1),
				    jf_points_format(v[i].recorded, p1),
				    jf_points_format(v[i].computed, p2));
		else
			jf_diag_add(d, JF_SEV_WARNING, NULL, 0, 0,
				    "%s: the points valid through %s: receipts of expiry record %s, "
				    "%s expired (jf-expire writes the difference)",
				    b->households[v[i].household].id, jf_date_format(v[i].until, d1),
				    jf_points_format(v[i].recorded, p1),
				    jf_points_format(v[i].computed, p2));
	}
	free(v);
	return JF_OK;
}

/* SPEC 4.0: an account closed before today that still holds points, or has
 * points pending review, a warning each. */
static void closed_warnings(const struct jf_book *b, const struct jf_accts *a,
			    struct jf_diags *d)
{
	char d1[JF_DATE_BUFSZ], p1[JF_POINTS_BUFSZ];
	for (size_t h = 0; h < b->nhouseholds; h++) {
		const struct jf_household *hh = &b->households[h];
		jf_points bal;
		if (hh->until == JF_DATE_NONE || a->today == JF_DATE_NONE || hh->until >= a->today)
			continue;
		if (jf_account_balance(&a->acct[h], &bal) && bal)
			jf_diag_add(d, JF_SEV_WARNING, NULL, 0, 0,
				    "%s: the account closed on %s still holds %s points "
				    "(jf-transfer them to another household)", hh->id,
				    jf_date_format(hh->until, d1), jf_points_format(bal, p1));
		if (a->acct[h].pending)
			jf_diag_add(d, JF_SEV_WARNING, NULL, 0, 0,
				    "%s: the account closed on %s has %s points pending review",
				    hh->id, jf_date_format(hh->until, d1),
				    jf_points_format(a->acct[h].pending, p1));
	}
}

int main(int argc, char **argv)
{
	static const struct jf_cli_opt opts[] = {
		{ "quiet", 'q', NULL, "print nothing when the book is valid", O_QUIET },
		{ "repair", 0, NULL, "set a cut-short last entry aside into FILE.cut", O_REPAIR },
		{ "since", 0, "REV", "prove the ledger files were only appended to since REV", O_SINCE },
		{ "wait", 0, "SECONDS", "wait this long for the book's lock (default 10)", O_WAIT },
		{ NULL, 0, NULL, NULL, 0 },
	};
	struct jf_cli cli = {
		.prog = "jf-check",
		.no_operands = true,
		.groups = JF_CLI_CACHE,
		.usage = "jf-check [-C dir] [-q] [--no-cache] [--repair] [--since rev] [--wait seconds]",
	};
	struct jf_diags d = JF_DIAGS_INIT;
	struct opts o = { .wait_ms = 10000 };
	struct jf_book b;
	struct jf_scan scan;
	struct jf_buf out = JF_BUF_INIT;
	struct sums sums = { .d = &d };
	enum jf_status st;
	bool done;

	st = jf_cli_parse(&cli, argc, argv, opts, extra, &o, &done, &d);
	if (st != JF_OK || done)
		return jf_cli_report(&cli, st, &d);
	st = jf_cli_book(&cli, &b, &d);
	if (st != JF_OK)
		return jf_cli_report(&cli, st, &d);
	jf_scan_init(&scan);
	scan.warnings = true;
	/* the cached part of each file is replayed, its warnings with it, and
	 * only the bytes after it read (cache.h, jf-book(5)) */
	scan.use_cache = !cli.no_cache;
	jf_accts_init(&sums.acc, &b, JF_DATE_NONE);
	if (o.repair) {
		/* under the writers' lock: set cut-short tails aside, then check again */
		struct jf_lock lock;
		struct jf_diags first = JF_DIAGS_INIT;
		st = jf_lock_take(&lock, b.root, o.wait_ms, &d);
		if (st == JF_OK)
			st = jf_ledger_scan(&scan, &b, NULL, NULL, &first);
		for (size_t i = 0; i < scan.ncuts && (st == JF_OK || st == JF_INVALID); i++) {
			struct jf_buf side = JF_BUF_INIT;
			uint64_t moved;
			st = jf_repair_cut(b.root, &scan.cuts[i], &side, &moved, &d);
			if (st == JF_OK)
				jf_buf_addf(&out, jf_tr("repaired %s: moved the cut-short entry at line %lu "
							"(%llu bytes) to %s\n"), scan.cuts[i].file, scan.cuts[i].line,
					    (unsigned long long)moved, side.s);
			jf_buf_release(&side);
		}
		jf_diags_release(&first);
		jf_scan_release(&scan);
		jf_scan_init(&scan);
		scan.warnings = true;
		scan.use_cache = !cli.no_cache;
		if (st == JF_OK || st == JF_INVALID)
			st = jf_ledger_scan(&scan, &b, on_entry, &sums, &d);
		jf_lock_release(&lock);
		if (out.len && jf_cli_emit(&out, &d) != JF_OK)
			st = JF_SYSTEM;
		jf_buf_reset(&out);
	} else {
		/* jf_ledger_read(), with --wait's time */
		struct jf_lock lock;
		st = jf_lock_shared(&lock, b.root, o.wait_ms, true, &d);
		if (st == JF_OK)
			st = jf_ledger_scan(&scan, &b, on_entry, &sums, &d);
		jf_lock_release(&lock);
	}
	if (st == JF_OK && sums.acc.expiry)
		st = expiry_warnings(&b, &sums.acc, &d);
	if (st == JF_OK) {
		closed_warnings(&b, &sums.acc, &d);
		jf_served_warnings(&sums.served, &b, &d);
	}
	jf_served_release(&sums.served);
	if (o.since && (st == JF_OK || st == JF_INVALID)) {
		/* history: every ledger file at REV is a prefix of the file now */
		enum jf_status sst = jf_since_check(b.root, o.since, &d);
		st = sst == JF_OK ? st : sst == JF_INVALID ? JF_INVALID : sst;
	}
	if (st == JF_OK && !o.quiet) {
		jf_buf_addf(&out, jf_tr("ok: %zu file%s, %zu entr%s, %zu household%s"),
			    scan.files, scan.files == 1 ? "" : "s",
			    scan.entries, scan.entries == 1 ? "y" : "ies",
			    b.nhouseholds, b.nhouseholds == 1 ? "" : "s");
		if (d.warnings)
			jf_buf_addf(&out, jf_tr(", %zu warning%s"), d.warnings, d.warnings == 1 ? "" : "s");
		jf_buf_addc(&out, '\n');
		st = jf_cli_emit(&out, &d);
	}
	jf_buf_release(&out);
	jf_scan_release(&scan);
	jf_accts_release(&sums.acc);
	jf_book_release(&b);
	return jf_cli_report(&cli, st, &d);
}
