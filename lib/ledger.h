/* ledger.h - streaming every ledger file of a book, strictly.
 *
 * jf_ledger_scan() reads every *.yaml under ledger/ (sorted by path, bytes
 * compared) through yread.h, checks every rule of SPEC section 1 and hands
 * each valid entry to a callback as it goes.  Memory: the book, the id index
 * (index.h) and one entry's text at a time.
 *
 * Voids: a void is passed to the callback with e->target, the record of the
 * entry it undoes.  A void read before its target (another file, earlier in
 * path order) is held back and delivered right after the target; it is
 * held as its record and its place in the file, and its long texts (by,
 * note, reason) are read again from there when it is delivered.  The
 * target's JF_EFFECT_VOIDED flag is set before the void is delivered.
 *
 * With s->use_cache, a file's records up to where its cache ends are
 * replayed from BOOK/.jf/cache (cache.h) instead of parsed, and only the
 * bytes after are read; when the scan ends without problems the caches of
 * the files read are rewritten.  Replayed entries come without texts; with
 * s->places they come with their place (line, col, and their bytes: off,
 * len), and jf_entry_texts() reads the texts of those the caller keeps.
 *
 * Stateful targets (state.h: a reviewed earn) and their follow-ups are
 * held back to the end of the scan, when every follow-up is known: then
 * each target's state is replayed in canonical order (its record's
 * `counts`, its follow-ups' JF_EFFECT_SUPERSEDED), and they are delivered
 * in the order they were read, the target with e->fus.  Their texts are
 * read again from the file, as for a held void.  With s->warnings a
 * superseded follow-up is warned of ("superseded by ID").
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
#include "yread.h"

/* A cut-short tail: where the incomplete last entry of a file starts. */
struct jf_cut {
	char *file;             /* relative path */
	unsigned long line;
};

struct jf_book_tgt;
struct jf_cache_pin;

struct jf_scan {
	struct jf_index index;
	size_t files, entries;
	struct jf_cut *cuts;
	size_t ncuts;
	bool warnings;          /* also report jf-check's warnings */
	bool use_cache;         /* replay cached records (cache.h): entries
				 * from the cache come without texts (id, at,
				 * by, note, reason, ref are NULL, line 0) */
	bool places;            /* replayed entries come with their place
				 * (line, col, off, len: jf_entry_texts()) */
	size_t cached;          /* entries replayed from the cache */
	/* When every file's cache is exact, the scan replays them without
	 * building the index (replay_only): then only the records of the keys
	 * given to jf_scan_watch() can be looked up afterwards, with
	 * jf_scan_find().  The scanner's own: set through jf_scan_watch(). */
	bool replay_only;
	bool full_index;        /* build the index even when every cache is exact
				 * (more keys to find than jf_scan_watch() holds) */
	struct jf_idkey *watch;     /* the keys, in the order given */
	struct jf_effect *watched;  /* their records, where found[] */
	bool *found;
	struct jf_book_tgt *watched_at; /* replay_only: where each found one
				     * stands (file, record) and its record as
				     * cached (jf_scan_book_extend) */
	size_t nwatch, capwatch;
	uint32_t *wslots;           /* a hash of watch[]: index + 1; 0: empty */
	size_t wcap;
	/* The follow-ups of stateful targets (state.h), every one read; after
	 * the scan sorted by target, then in canonical order: see
	 * jf_scan_fus().  The scanner's own. */
	struct jf_fu *fus;
	size_t nfus, capfus;
};

/* What readers call: jf_ledger_scan() under a shared lock on the book
 * (lock.h), waiting for a writer's append to finish at most 10 s, so that
 * no reader ever sees half an entry.  Writers hold the exclusive lock and
 * call jf_ledger_scan() directly. */
enum jf_status jf_ledger_read(struct jf_scan *s, const struct jf_book *b,
			      jf_entry_fn fn, void *ctx, struct jf_diags *d);

/* The texts of an entry read again (jf_entry_texts): the values of its
 * known fields, v[f] for each f in has (JF_FB bits).  Start with
 * jf_etexts_init(), free with jf_etexts_release(). */
struct jf_etexts {
	struct jf_buf v[JF_NFIELDS];
	uint32_t has;
};
void jf_etexts_init(struct jf_etexts *t);
void jf_etexts_release(struct jf_etexts *t);

/* Entry e as a callback got it, with its texts: *out = *e, and for an
 * entry replayed from the cache with its place (s->places: e->len, no
 * e->id) its bytes are read again from its ledger file and parsed: they
 * must be one entry at e's line and column whose id is its record's, its
 * date and kind as recorded, its ref its target's (else the file changed
 * since the cache proved it unchanged: JF_INVALID, with the error at the
 * entry).  out's texts then point into *t (kept until it is released or
 * used again).  Cheap for an entry that has its texts (nothing is read).
 * Returns JF_OK, JF_INVALID or JF_SYSTEM (the file cannot be read). */
enum jf_status jf_entry_texts(const struct jf_book *b, const struct jf_entry *e,
			      struct jf_entry *out, struct jf_etexts *t, struct jf_diags *d);

/* The record with key k after a scan (from the index, or in replay-only
 * mode from the watched keys), or NULL. */
const struct jf_effect *jf_scan_find(const struct jf_scan *s, struct jf_idkey k);

#define JF_LEDGER_MAX_BYTES (4ULL << 30)
#define JF_LEDGER_MAX_SCALAR 65536
#define JF_ENTRY_QTY_MAX 1000000000

extern const struct jf_ylimits jf_ledger_limits;

/* What is wrong with event ev at the top level of a ledger file (outside
 * its list of entries), or NULL.  Besides being a list, a file must be one
 * a writer can append "- id: ..." to and stay valid: no '...' ending the
 * document, the list in column 1, an empty document left empty (not '').
 * jf-merge holds what it merges to the same. */
const char *jf_ledger_top_problem(const struct jf_yev *ev);

void jf_scan_init(struct jf_scan *s);
/* Before a scan: the record with key k is to be found with jf_scan_find()
 * afterwards, even when the scan replays the cache without an index.  Any
 * number of keys (a batch watches its new ids and targets); returns 0. */
int jf_scan_watch(struct jf_scan *s, struct jf_idkey k);
/* A writer appended one entry, record rec (for a follow-up, target the
 * entry it acts on), to rel after scan s, and extended rel's cache from
 * writing *old to *now: if the scan replayed every file exactly
 * (s->replay_only) and the book record (cache.h) was for rel's cache as
 * it was, carry the record over: rec's id is in no other file (the writer
 * made sure) and a follow-up's target stands where the scan found it.
 * Else the record is left as it is (the next replay checks it all). */
void jf_scan_book_extend(const struct jf_scan *s, const struct jf_book *b, const char *rel,
			 const struct jf_cache_pin *old, const struct jf_cache_pin *now,
			 const struct jf_effect *rec, const struct jf_effect *target);
/* After a scan: the follow-ups of the stateful target with key k, in
 * canonical order (*n of them; NULL when none). */
struct jf_fu *jf_scan_fus(const struct jf_scan *s, struct jf_idkey k, size_t *n);
/* The index in s->watch of key k, or -1. */
long jf_scan_watched(const struct jf_scan *s, struct jf_idkey k);
void jf_scan_release(struct jf_scan *s);
/* Read every ledger file of b.  fn may be NULL.  Returns JF_OK, JF_INVALID
 * (problems in diagnostics; valid entries were still delivered), JF_SYSTEM,
 * or the first non-OK status fn returned. */
enum jf_status jf_ledger_scan(struct jf_scan *s, const struct jf_book *b,
			      jf_entry_fn fn, void *ctx, struct jf_diags *d);
/* The ledger files of b (relative paths, sorted; malloc'd, free each and
 * the array), as jf_ledger_scan() finds them. */
enum jf_status jf_ledger_files(const struct jf_book *b, char ***names, size_t *n,
			       struct jf_diags *d);


#endif
