/* ledger.h - streaming every ledger file of a book, strictly.
 *
 * jf_ledger_scan() reads every *.yaml under ledger/ (sorted by path, bytes
 * compared) through yread.h, checks every rule of SPEC section 1 and hands
 * each valid entry to a callback as it goes.  Memory: the book, the id index
 * (index.h) and one entry's text at a time.
 *
 * Voids: a void is passed to the callback with e->target, the record of the
 * entry it undoes.  A void read before its target (another file, earlier in
 * path order) is held back and delivered right after the target.  The
 * target's JF_EFFECT_VOIDED flag is set before the void is delivered.
 *
 * With s->use_cache, a file's records up to where its cache ends are
 * replayed from BOOK/.jf/cache (cache.h) instead of parsed, and only the
 * bytes after are read; when the scan ends without problems the caches of
 * the files read are rewritten.  Use it only when the callback needs no
 * texts.
 *
 * A last entry that was cut short (no final newline, or the last item is
 * incomplete or unparsable) is not delivered; it is reported once, pointing
 * at the entry, and recorded in struct jf_scan so writers refuse to append.
 */
#ifndef JF_LEDGER_H
#define JF_LEDGER_H

#include <stdbool.h>
#include <stdint.h>

#include "book.h"
#include "diag.h"
#include "entry.h"
#include "index.h"
#include "kind.h"
#include "status.h"

/* A cut-short tail: where the incomplete last entry of a file starts. */
struct jf_cut {
	char *file;             /* relative path */
	unsigned long line;
};

#define JF_SCAN_WATCH_MAX 4

struct jf_scan {
	struct jf_index index;
	size_t files, entries;
	struct jf_cut *cuts;
	size_t ncuts;
	bool warnings;          /* also report jf-check's warnings */
	bool use_cache;         /* replay cached records (cache.h): entries
				 * from the cache come without texts (id, at,
				 * by, note, reason, ref are NULL, line 0) */
	size_t cached;          /* entries replayed from the cache */
	/* When every file's cache is exact, the scan replays them without
	 * building the index (replay_only): then only the records of the keys
	 * given to jf_scan_watch() can be looked up afterwards, with
	 * jf_scan_find().  The scanner's own: set through jf_scan_watch(). */
	bool replay_only;
	bool full_index;        /* build the index even when every cache is exact
				 * (more keys to find than jf_scan_watch() holds) */
	struct jf_idkey watch[JF_SCAN_WATCH_MAX];
	size_t nwatch;
	struct jf_effect watched[JF_SCAN_WATCH_MAX];
	bool found[JF_SCAN_WATCH_MAX];
};

/* What readers call: jf_ledger_scan() under a shared lock on the book
 * (lock.h), waiting for a writer's append to finish at most 10 s, so that
 * no reader ever sees half an entry.  Writers hold the exclusive lock and
 * call jf_ledger_scan() directly. */
enum jf_status jf_ledger_read(struct jf_scan *s, const struct jf_book *b,
			      jf_entry_fn fn, void *ctx, struct jf_diags *d);

/* The record with key k after a scan (from the index, or in replay-only
 * mode from the watched keys), or NULL. */
const struct jf_effect *jf_scan_find(const struct jf_scan *s, struct jf_idkey k);

#define JF_LEDGER_MAX_BYTES (4ULL << 30)
#define JF_LEDGER_MAX_SCALAR 65536
#define JF_ENTRY_QTY_MAX 1000000000

extern const struct jf_ylimits jf_ledger_limits;

void jf_scan_init(struct jf_scan *s);
/* Before a scan: the record with key k is to be found with jf_scan_find()
 * afterwards, even when the scan replays the cache without an index.
 * At most JF_SCAN_WATCH_MAX keys; returns -1 when there is no room. */
int jf_scan_watch(struct jf_scan *s, struct jf_idkey k);
void jf_scan_release(struct jf_scan *s);
/* Read every ledger file of b.  fn may be NULL.  Returns JF_OK, JF_INVALID
 * (problems in diagnostics; valid entries were still delivered), JF_SYSTEM,
 * or the first non-OK status fn returned. */
enum jf_status jf_ledger_scan(struct jf_scan *s, const struct jf_book *b,
			      jf_entry_fn fn, void *ctx, struct jf_diags *d);


#endif
