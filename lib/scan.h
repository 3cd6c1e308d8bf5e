/* scan.h - the ledger scanner's own header: its state and the core the
 * pieces share.  Not for use outside the scanner.
 *
 * The scanner is layered, every arrow pointing down:
 *   ledger.c      the walk over ledger/ and one file's scan, on top
 *   scan_entry.c  reading and validating one entry through the kind table
 *   scan_cache.c  replaying cached records, saving caches
 *   scan_state.c  stateful targets and their follow-ups: held to the end
 *   scan_follow.c follow-ups (voids): held until their target is read
 *   scan.c        the shared core: problems, delivery, per-file notes
 * and tail.h (shared with repair.c) finds a cut-short tail.
 */
#ifndef JF_SCAN_H
#define JF_SCAN_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/stat.h>

#include "cache.h"
#include "kind.h"
#include "ledger.h"
#include "yread.h"

struct fval {
	struct jf_buf v;
	bool set;
	bool empty;                  /* present with an empty value */
	unsigned long line, col;
};

/* A ledger file whose cache is written when the scan ends well. */
struct save {
	char *rel;
	struct jf_fcache fc;         /* identity, lines, hash, voids, places */
	size_t first;                /* its records in the index */
	/* places: fc.pos[0, known) replayed, whole; those after parsed, their
	 * line and column only, the parse having started at byte start_off,
	 * after start_line lines (their bytes are found when saved) */
	size_t known;
	uint64_t start_off, start_line;
};

/* An entry held back: a follow-up read before its target, or a stateful
 * target or its follow-up, held to the end of the scan.  It keeps its
 * short texts (id, ref, at) but not the long ones (by, note, reason,
 * reviewer: up to 64 KiB each): those are read again from the file, by
 * offset, when it is delivered.  Texts are NULL for one replayed from the
 * cache. */
#define KEPT_MAX 1024

struct pending {
	struct jf_idkey ref_key;
	char *id, *ref, *at, *file;
	uint64_t off, len;               /* its bytes in the file (len 0: none) */
	unsigned long off_line;          /* the line at off */
	unsigned long line, col;         /* the entry */
	unsigned long ref_line, ref_col; /* its ref, where problems are shown */
	uint32_t coff, clen;             /* replayed: its bytes as its cache
					  * places them (passed on, jf_entry_texts) */
	uint64_t fid;                    /* its file's identity (jf_entry.fid) */
	jf_date date;
	enum jf_kind kind;
	struct jf_effect *self;
	struct jf_effect *target;        /* held to the end: a follow-up's target */
	struct jf_fu fu;                 /* a follow-up: its record for canonical order */
	long next;                       /* held for a target: the next one held
					  * for the same target, or -1 */
	size_t fu_i;                     /* held to the end: its record in s->fus */
	char *kept;                      /* its long texts when short (at most
					  * KEPT_MAX bytes in all): by, note,
					  * reason, reviewer, each NUL-ended, those
					  * of kept_has only; NULL: read again */
	uint8_t kept_has;
	bool indirect;                   /* a follow-up of a held follow-up (the
					  * void of a take): fu.target is found
					  * when every entry is read */
	bool done;
};

/* An entry's field naming another entry besides its ref (a serve's
 * wish), parsed: checked once every entry is read (scan_state.c). */
struct named {
	struct jf_idkey key;             /* the entry named */
	const struct jf_effect *self;    /* the entry naming it */
	char *file, *id;                 /* its file; the id as written */
	unsigned long line, col;         /* the field's place */
};

struct scanner {
	struct jf_scan *s;
	const struct jf_book *b;
	jf_entry_fn fn;
	void *ctx;
	struct jf_diags *d;
	enum jf_status st;           /* worst so far */
	struct fval f[JF_NFIELDS];
	struct jf_idkey idkey;       /* of f[JF_F_ID], when that is set */
	uint32_t fdirty;             /* JF_FB() of the f[] that may be set or empty */
	struct pending *pend;
	size_t npend, cappend;
	uint32_t *pslots;            /* ref key -> pending index + 1 */
	size_t pcap;
	struct pending *defer;       /* held to the end of the scan (scan_state.c) */
	size_t ndefer, capdefer;
	struct named *named;         /* parsed serves' wishes (scan_state.c) */
	size_t nnamed, capnamed;
	/* the cache */
	uint64_t settings;           /* jf_cache_settings(), 0: no cache */
	struct scan_want *wants;     /* while every cache loaded is exact: what
				      * the checks across files want of their
				      * follow-ups (scan_cache.c), whose voids
				      * are then read again when replayed */
	size_t nwants, capwants;
	struct jf_cache_book *book;  /* the book record (cache.h), while it holds
				      * for every cache loaded so far: then no
				      * wants are kept (scan_cache.c) */
	size_t bookv;                /* its follow-ups checked so far */
	unsigned char *bookonce;     /* follow-ups that may come once, a target */
	struct save *saves;          /* files whose cache is to be written */
	size_t nsaves;
	struct jf_cache_void *fv;    /* the current file's voids */
	size_t nfv, capfv;
	struct jf_cache_warn *fw;    /* the current file's warnings (cache.h) */
	size_t nfw, capfw;
	struct jf_cache_pos *fpos;   /* the current file's records' places: */
	size_t nfpos, capfpos;       /* replayed ones whole, parsed ones their */
	size_t fpos_known;           /* line and column (from fpos_known on) */
	uint64_t fpos_off, fpos_line;/* where the parse began: byte, lines before */
	/* a reader replayed a cache whose warned part ends before its
	 * records do (a writer extended it): the cache written keeps that
	 * part as it was */
	bool wpart;
	uint64_t wsize, wlines, wrecs;
	struct jf_hash whash;
	/* a replayed follow-up's ref: where problems about it are shown */
	unsigned long rref_line, rref_col;
	size_t file_first;           /* its first record in the index */
	/* per file */
	const char *file;
	uint64_t fid;                /* its identity as checked (jf_fcache_fid) */
	struct jf_diags item;        /* the current item's problems */
	bool item_incomplete;        /* it lacks a field or is not a mapping */
	unsigned long item_line, item_col;
	unsigned long cut_line;      /* no final newline: items from here are cut */
	struct jf_yread *rd;         /* the reader of the current file, */
	int fd;                      /* its fd, and where the reading began */
	uint64_t rd_base;
};

/* Where a kind's problems about the current entry go: its fields' places,
 * or, for a follow-up meeting its target, the place of its ref. */
struct kcheck {
	struct jf_kcheck kc;
	struct scanner *sc;
	bool at_ref;
	unsigned long rline, rcol;
};

/* How problems name a void's target: replayed voids have no text. */
#define REFNAME(e) ((e)->ref ? (e)->ref : "(a cached entry's target)")

/* scan.c: add a problem to the current item's; move them to the caller's
 * diagnostics; hand an entry to the callback. */
void scan_problem(struct scanner *sc, unsigned long line, unsigned long col,
		  enum jf_severity sev, const char *fmt, ...)
	__attribute__((format(printf, 5, 6), cold));
#define FERR(sc, fi, ...) scan_problem(sc, (sc)->f[fi].line, (sc)->f[fi].col, JF_SEV_ERROR, __VA_ARGS__)
#define FWARN(sc, fi, ...) scan_problem(sc, (sc)->f[fi].line, (sc)->f[fi].col, JF_SEV_WARNING, __VA_ARGS__)
void scan_flush_item(struct scanner *sc);
enum jf_status scan_deliver(struct scanner *sc, const struct jf_entry *e);
/* The value of field f of the current entry, or NULL. */
const char *scan_fs(const struct scanner *sc, enum jf_field f);
/* A kind's view of the scanner (kind.h). */
void scan_kcheck_init(struct kcheck *k, struct scanner *sc);
/* Note follow-up number rec of the current file (counted within the file),
 * fu (its target fu->target; its ref as written, at rline:rcol), for the
 * file's cache. */
void scan_file_void(struct scanner *sc, size_t rec, const struct jf_fu *fu, const char *ref,
		    unsigned long rline, unsigned long rcol);
/* Note the place of the entry just added to the index (its mapping at
 * line:col), for the file's cache. */
void scan_note_pos(struct scanner *sc, unsigned long line, unsigned long col);
/* Read the entry whose bytes are [off, off + len) of ledger file `file`
 * (the line at off is off_line) again: it must be one mapping, starting at
 * line:col, of plain keys, each once, with plain values; the values of
 * the known fields go to *t.  False when the bytes do not read so (the
 * file changed), when fid is not 0 and the file no longer has that
 * identity (jf_fcache_fid: it changed since the scan checked it), or
 * cannot be read. */
bool scan_reread(const char *root, const char *file, uint64_t fid, uint64_t off, uint64_t len,
		 unsigned long off_line, unsigned long line, unsigned long col,
		 struct jf_etexts *t);
/* Forget the current file's warnings noted for its cache. */
void scan_fw_clear(struct scanner *sc);
/* Add cached warning w of the current file as if its entry were read: to
 * the current item's problems (with s->warnings) and to the file's notes. */
void scan_replay_warn(struct scanner *sc, const struct jf_cache_warn *w);

/* scan_follow.c: a follow-up (its record fu) meets its target; is held
 * back until its target is read; is released when it is.  How its texts
 * are found again: parsed (in sc->f, the reader on it), held (the
 * pending that held it; moved from it), or neither (replayed). */
enum jf_status scan_resolve_follow(struct scanner *sc, struct jf_entry *e,
				   struct jf_effect *target, unsigned long rline,
				   unsigned long rcol, const struct jf_fu *fu, bool parsed,
				   struct pending *held);
void scan_hold_void(struct scanner *sc, const struct jf_entry *e, struct jf_effect *self,
		    const struct jf_fu *fu, bool parsed);
/* Fill p (zeroed) for entry e: its short texts, its place, and, parsed, its
 * bytes in the file to read it again. */
void scan_pend_fill(struct scanner *sc, struct pending *p, const struct jf_entry *e,
		    struct jf_effect *self, bool parsed);
/* Free p's texts. */
void scan_pend_free(struct pending *p);
/* Read held entry p's long texts (by, note, reason, reviewer) again into
 * txt[] (t[] holds them).  False, with the problem reported, when its
 * file changed under the reader. */
bool scan_pend_texts(struct scanner *sc, const struct pending *p, struct jf_buf t[4],
		     const char *txt[4]);
/* Give entry e the long texts scan_pend_texts() found. */
static inline void scan_entry_texts(struct jf_entry *e, const char *txt[4])
{
	e->by = txt[0];
	e->note = txt[1];
	e->reason = txt[2];
	e->reviewer = txt[3];
}
enum jf_status scan_release_pending(struct scanner *sc, struct jf_idkey key,
				    struct jf_effect *target);
/* Is a follow-up held back for the entry with key k? */
bool scan_held(const struct scanner *sc, struct jf_idkey k);
/* Free the held follow-ups, reporting those whose target never came. */
void scan_pending_finish(struct scanner *sc, enum jf_status st);

/* scan_state.c: hold stateful target e (record self) to the end of the
 * scan; add follow-up fu of stateful target t and hold it (see
 * scan_resolve_follow for parsed and held); after the last file, replay
 * every held target and deliver them all in the order read. */
void scan_defer_target(struct scanner *sc, const struct jf_entry *e, struct jf_effect *self,
		       bool parsed);
void scan_defer_follow(struct scanner *sc, const struct jf_entry *e, struct jf_effect *t,
		       const struct jf_fu *fu, bool parsed, struct pending *held);
enum jf_status scan_flush_deferred(struct scanner *sc);
/* Forget the held entries (the scan stopped). */
void scan_drop_deferred(struct scanner *sc);
/* Note that entry self (just parsed) names the wish id (its field at
 * line:col); once every entry is read (and the held ones replayed),
 * check what each names: an entry of the book (else an error), a wish
 * (else an error), taken or done on the serve's day (else jf-check's
 * warning: merged clones); then forget them.  Entries replayed from the
 * cache were checked when their cache was written. */
void scan_note_named(struct scanner *sc, const struct jf_effect *self, const char *id,
		     unsigned long line, unsigned long col);
void scan_check_named(struct scanner *sc);
void scan_drop_named(struct scanner *sc);
/* The entry a record stands for, without texts, at its place pos when
 * its cache keeps it (else NULL: line 0) (scan_cache.c). */
void scan_entry_of(const struct scanner *sc, const struct jf_effect *r,
		   const struct jf_cache_pos *pos, struct jf_entry *e);

/* scan_entry.c: read one entry mapping (its MAP_START was just read) and
 * validate and deliver it.  -1 on a YAML error; *st: the callback's. */
int scan_read_entry(struct scanner *sc, struct jf_yread *r, enum jf_status *st);

/* scan_cache.c */
/* May the current file's cached records be replayed (rules across files,
 * targets as saved)?  Else the file is parsed. */
bool scan_replay_ok(struct scanner *sc, const struct jf_fcache *c);
/* Replay the cached records of the current file (the index adopts them). */
enum jf_status scan_replay(struct scanner *sc, struct jf_fcache *c);
/* Remember to write the current file's cache if the scan ends well. */
void scan_want_save(struct scanner *sc, const char *rel, const struct stat *st,
		    unsigned long lines, const struct jf_hash *h);
/* The voids of cache c, if they were let go after its loading: read again
 * from rel's cache file, which must be the same writing of it. */
bool scan_reload_voids(struct scanner *sc, const char *rel, struct jf_fcache *c);
/* Load every file's cache; true when all are exact. */
bool scan_load_caches(struct scanner *sc, char **names, size_t n,
		      struct jf_fcache *pre, bool *have);
/* Hand every cached record to the callback, no ledger byte read, if the
 * rules that span files hold among them (*trusted; else nothing is
 * delivered and the caller reads the files).  Releases pre[]. */
enum jf_status scan_replay_all(struct scanner *sc, char **names, size_t n,
			       struct jf_fcache *pre, bool *trusted);
/* After a scan with status st: write the caches remembered. */
void scan_save_caches(struct scanner *sc, enum jf_status st);

#endif
