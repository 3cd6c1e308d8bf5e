/* cache.h - the append-aware reader cache, one file per ledger file.
 *
 * Ledgers only grow, so for each ledger file jf can remember the records
 * (index.h) of its entries up to a byte offset, and next time read only
 * the bytes after it.  The cache of ledger/2026/XB.yaml lives in
 * BOOK/.jf/cache/HASH (BOOK/.jf/ is ignored by git), holds the file's
 * identity when cached (device, inode, size, mtime, ctime), the number of
 * lines and a hash of the cached bytes, the records, the targets of its
 * voids (as they were when cached), its records' keys sorted and
 * each record's place in the file (struct jf_cache_pos: its bytes and the
 * line and column it starts at, so that a reader can read one entry's
 * texts again without reading the file: jf_entry_texts(); a replay reads
 * them one file at a time, jf_cache_load_pos()),
 * so that readers replaying every file can check ids across files by
 * merging the sorted lists instead of building the index, and the warnings
 * jf-check gave the entries (struct jf_cache_warn) with how far they are
 * known.  It is trusted only while the identity is unchanged; if the
 * file changed in any way the cached bytes are hashed again and must match,
 * else the file is read whole.  A cache written for other settings files,
 * by another version, truncated or corrupt, is ignored and rewritten.
 * The sorted keys, records and places come last, after a keyed MAC
 * under this user's private key (outside the book, see cache.c) of all
 * before them, which holds a tag of the keys and of each window of
 * JF_CACHE_WIN records and of their places (Poly1305 under a key of that
 * writing, part and window): a reader checks the small part of every file
 * first, merges the keys a run at a time, and reads one window of a file's
 * records when it replays them.  One that came with the book (git) or
 * that someone else put into .jf/cache fails it and is ignored.  Without a
 * key nothing is loaded or saved.  Saving also removes the *.tmp files that
 * killed writers left, once they are a minute old.
 * Caches are replaced atomically (temporary file, rename), so concurrent
 * readers and writers never see half of one.
 */
#ifndef JF_CACHE_H
#define JF_CACHE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/stat.h>

#include "book.h"
#include "hash.h"
#include "index.h"
#include "state.h"

struct jf_cache_void {
	uint32_t rec;            /* the void's record, counted within the file */
	uint32_t ref_line;       /* where its ref's value stands (problems about it */
	uint32_t ref_col;        /* are shown there); 0 past the warned part */
	uint32_t pad;
	struct jf_effect target; /* the entry it undoes, as it was when cached */
	struct jf_fu fu;         /* the follow-up's record for canonical order (state.h) */
	char ref[JF_ID_MAX + 1]; /* its ref as written; "" past the warned part */
};

/* A warning that the entry alone decides with the settings (jf-check's;
 * one the whole book decides is worked out again each time).  Kept as it
 * was printed, with the hash of the translation of its format then: a
 * cache made in another language does not match and the file is read. */
struct jf_cache_warn {
	uint32_t rec;            /* the entry's record, counted within the file */
	uint32_t line, col;
	uint64_t tr;             /* jf_hash_bytes of jf_tr(fmt) */
	char *fmt, *msg;
};

/* Where a cached record's entry stands in its file: its bytes are
 * [off, off + len) (from the start of the line its mapping starts on to
 * the next entry's, or the end of the cached part), its mapping starts at
 * line:col. */
struct jf_cache_pos {
	uint32_t off, len, line, col;
};

/* A record's key, in the sorted list of a file's keys, with the number of
 * its record in the file: a merge of the files' lists reads them in order. */
struct jf_cache_key {
	struct jf_idkey key;
	uint32_t rec;
};

/* A cache file's records and places are read and checked a window of
 * this many at a time (each window has its own tag): a replay holds one
 * window of a file, not the file's records. */
#define JF_CACHE_WIN 4096u

#define JF_CACHE_NONCE 16
#define JF_CACHE_TAG 16

/* One writing of a cache file as the book record pins it (below): the
 * cache file's identity (device, inode, size, times) while its parts were
 * read and checked, or when this jf wrote it, and what its MAC'd head says
 * of its parts.  While a cache file has that identity its bytes are the
 * ones checked (any write changes its ctime). */
struct jf_cache_pin {
	uint64_t dev, ino, size, mtime_s, mtime_ns, ctime_s, ctime_ns;
	uint64_t nrecs, nvoids;
	unsigned char nonce[JF_CACHE_NONCE];
	unsigned char keys_sum[JF_CACHE_TAG], recs_sum[JF_CACHE_TAG], pos_sum[JF_CACHE_TAG];
};
bool jf_cache_pin_eq(const struct jf_cache_pin *a, const struct jf_cache_pin *b);

struct jf_fcache {
	uint64_t dev, ino, size, mtime_s, mtime_ns, ctime_s, ctime_ns;
	uint64_t lines;          /* line breaks in the cached bytes */
	struct jf_hash hash;     /* of the cached bytes (size of them) */
	struct jf_effect *recs;  /* loaded only when asked for: all of them
				  * (jf_cache_load_recs), or one window
				  * (jf_cache_win_recs): records recs_first on */
	size_t nrecs;
	size_t recs_first, pos_first; /* the first record c->recs, c->pos hold */
	bool recs_all, pos_all;  /* they hold all (jf_cache_load_recs, _pos) */
	unsigned char (*wtags)[JF_CACHE_TAG]; /* the windows' tags: nwin of the
				  * records', then nwin of the places' */
	size_t nwin;
	size_t walk_next;        /* records' windows read in order so far, */
	uint64_t walk_mix;       /* the sum of their keys' jf_cache_key_mix() */
	size_t pos_next;         /* places' windows read in order so far, */
	struct jf_cache_pos pos_last; /* the last of them */
	uint64_t recs_at;        /* where they stand in the cache file, and */
	unsigned char recs_sum[JF_CACHE_TAG]; /* their tag, as the MAC'd head holds it */
	unsigned char nonce[JF_CACHE_NONCE]; /* the head's: the tags' keys (cache.c) */
	bool recs_ok;            /* they were read and checked, keys too: read
				  * again (the same tag), they are not again */
	struct jf_cache_void *voids;
	size_t nvoids;
	uint64_t keys_at;        /* the records' keys in ascending order, each
				  * with its record's number (16 bytes a record):
				  * where they stand, read a run at a time */
	unsigned char keys_sum[JF_CACHE_TAG]; /* (struct jf_cache_keys), their tag and */
	uint64_t keys_mix;       /* once read, the sum of jf_cache_key_mix() */
	struct jf_cache_pos *pos;/* the records' places (16 bytes a record); loaded
				  * only when asked for, always saved */
	uint64_t pos_at;         /* where they stand in the cache file, and the */
	unsigned char pos_sum[JF_CACHE_TAG]; /* tag the MAC'd head holds (jf_cache_load_pos) */
	/* The warned part: the first wrecs records (wsize bytes, wlines
	 * lines, hashing as whash), whose warnings are warns[].  All of the
	 * cache when a scan wrote it; a writer's jf_cache_extend() adds
	 * records past it, which jf-check reads again. */
	uint64_t wsize, wlines, wrecs;
	struct jf_hash whash;
	struct jf_cache_warn *warns;
	size_t nwarns;
	/* its cache file when its MAC'd part was read (jf_cache_load), and
	 * that file kept open (fd1: its descriptor plus one; 0: none): the
	 * parts are read later from it (a cache another reader saves
	 * meanwhile is renamed over it and leaves it as it was), or by path
	 * from a file that still has that identity, else they fail */
	struct jf_cache_pin pin;
	int fd1;
};

/* A file's sorted keys read from its cache file a run at a time: each run
 * is hashed as it is read, and when the last is, they must hash as the
 * MAC'd head says (else ok is false), ascend strictly and name records of
 * the file; their jf_cache_key_mix() sum is then in c->keys_mix, for
 * jf_cache_load_recs() to check that they are the records' keys. */
struct jf_cache_keys {
	char *path;
	struct jf_fcache *c;
	uint64_t at, left;
	struct jf_cache_key *buf;
	size_t n, i;
	void *hs;                /* the hash state */
	struct jf_idkey last;    /* the last key of the run before */
	uint64_t mix;
	bool ok, done;
};
void jf_cache_keys_open(struct jf_cache_keys *k, const char *root, const char *rel,
			struct jf_fcache *c);
/* The next key, or NULL at the end (then see k->ok) or on failure. */
const struct jf_cache_key *jf_cache_keys_next(struct jf_cache_keys *k);
void jf_cache_keys_close(struct jf_cache_keys *k);
uint64_t jf_cache_key_mix(struct jf_idkey key, uint32_t rec);

/* Compare two keys (the order of the keys cached): <0, 0, >0. */
int jf_idkey_cmp(struct jf_idkey a, struct jf_idkey b);

/* A BLAKE2b digest of the settings files (jf.yaml, catalogue.yaml,
 * households.yaml, volunteers.yaml or its absence): caches hold indexes
 * into them, so they are valid only for the same ones.  False if one
 * cannot be read.  jf_book_open() keeps it in b->settings_digest. */
bool jf_cache_settings_digest(const char *root, unsigned char out[32]);
/* What the caches are kept under for the settings b was read from: a
 * keyed hash (this user's cache key) of b's settings digest, never 0; 0
 * without a key or a digest (then nothing is cached).  Settings files come
 * with git: one made to hash as another must not reuse its caches. */
uint64_t jf_cache_settings(const struct jf_book *b);
/* The identity (device, inode, size, times; or absent) of each settings
 * file, to tell whether one changed between two moments: jf_book_open()
 * takes it before hashing them and after reading them, so that the digest
 * it keeps is of the bytes it read. */
struct jf_settings_ident {
	uint64_t v[4][8];
};
void jf_cache_settings_ident(const char *root, struct jf_settings_ident *id);
/* Load the cache of ledger file rel.  Returns true when a well-formed cache
 * for these settings was read (its MAC'd part: head, voids, warnings;
 * validated against book b: every index in range); *c then owns memory
 * freed with jf_fcache_release().
 * With recs the records are loaded too (jf_cache_load_recs), with pos
 * their places (jf_cache_load_pos); else they stay on disk. */
bool jf_cache_load(const char *root, const char *rel, uint64_t settings,
		   const struct jf_book *b, bool recs, bool pos, struct jf_fcache *c);
/* The records of c, read from rel's cache file: they must hash as its
 * MAC'd head says (else the cache file changed since: false), and be valid
 * for book b (every index in range; the voids' records follow-ups as the
 * voids say; once its keys were read, the keys theirs).  Records keep the flags they
 * were saved with (JF_EFFECT_VOIDED as of then).  Free them with
 * jf_fcache_drop_recs() or jf_fcache_release(). */
bool jf_cache_load_recs(const char *root, const char *rel, const struct jf_book *b,
			struct jf_fcache *c);
void jf_fcache_drop_recs(struct jf_fcache *c);
/* The places of c, read from rel's cache file likewise: they must hash as
 * the head says and lie in the cached bytes, in order. */
bool jf_cache_load_pos(const char *root, const char *rel, struct jf_fcache *c);
void jf_fcache_drop_pos(struct jf_fcache *c);
/* Window w of c's records (JF_CACHE_WIN of them from record
 * w * JF_CACHE_WIN, fewer in the last) into c->recs (recs_first the
 * first's number), replacing what it held, checked as
 * jf_cache_load_recs() checks them; the checks of the file as a whole
 * (its sorted keys the records') are made when its windows are read in
 * order, at the last one.  False: the cache file is not as its head says
 * (c->recs is then NULL). */
bool jf_cache_win_recs(const char *root, const char *rel, const struct jf_book *b,
		       struct jf_fcache *c, size_t w);
/* Window w of c's places into c->pos (pos_first), likewise. */
bool jf_cache_win_pos(const char *root, const char *rel, struct jf_fcache *c, size_t w);
/* Save the cache of rel: identity, lines, hash, voids and places (c->pos,
 * which must be set) from c, records
 * taken from c->recs or, if that is NULL, from ix (nrecs of them from
 * record first on); their keys sorted are worked out here (c->keys is not
 * used).  Best effort: returns -1 on failure, and a failure only
 * means the next reader reads more. */
int jf_cache_save(const char *root, const char *rel, uint64_t settings,
		  const struct jf_fcache *c, const struct jf_index *ix, size_t first,
		  struct jf_cache_pin *pin);
void jf_fcache_release(struct jf_fcache *c);
/* A writer appended the len bytes of text (one entry, record rec; for a
 * follow-up, target is the entry it acts on and fu its record for canonical
 * order) to rel, which was as `before` says
 * (existed false: the file was new).  If rel's cache described the file
 * exactly as it was, extend it by the entry, so the next reader finds it
 * exact again.  Best effort, like jf_cache_save().  On success *old and
 * *pin (either may be NULL) pin the cache file's writing before and after. */
int jf_cache_extend(const struct jf_book *b, const char *rel, bool existed,
		    const struct stat *before, const char *text, size_t len,
		    const struct jf_effect *rec, const struct jf_effect *target,
		    const struct jf_fu *fu, struct jf_cache_pin *old, struct jf_cache_pin *pin);
/* Read text, one entry a writer appends to rel from line line_base + 1
 * on, as a scan reads it, for what rel's cache keeps of it: its warnings
 * (*warns, rec 0; malloc'd), for a follow-up its ref as written and where
 * it stands (into cv), and the line and column its mapping starts at
 * (pos->line, pos->col).  Returns 0, or -1 when the scan would find a
 * problem in it (then nothing is noted).  In ledger.c, by the scanner. */
int jf_cache_note_entry(const struct jf_book *b, const char *rel, uint64_t settings,
			const char *text, size_t len, uint64_t line_base,
			struct jf_cache_warn **warns, size_t *nwarns, struct jf_cache_void *cv,
			struct jf_cache_pos *pos);
/* Fill c's identity fields from st. */
void jf_fcache_identity(struct jf_fcache *c, const struct stat *st);
/* Does st match c's identity exactly? */
bool jf_fcache_same(const struct jf_fcache *c, const struct stat *st);
/* c's identity (device, inode, size, times) as one number, never 0: the
 * scan notes it for each file it checked, and bytes read again later
 * (an entry's texts, jf_entry_texts) must come from a file that still
 * has it, else the file changed under the reader. */
uint64_t jf_fcache_fid(const struct jf_fcache *c);
uint64_t jf_fid_of(const struct stat *st);

/* The book record, BOOK/.jf/cache/book: what the last check of the rules
 * across files found (cache_book.c).  It names every ledger file (in the
 * scan's order) with the writing of its cache it checked (a zero pin: an
 * empty file, no cache), and says that no id is in two of them, and where
 * each follow-up's target stands: vt[g], for the g-th follow-up of the
 * book (the files' voids in order), is its target in tg[], which is
 * sorted by place and holds each target's record as its file caches it.
 * A keyed MAC under this user's key (as the cache files') ends it: one
 * that fails, or is for other settings, is ignored. */
struct jf_book_tgt {
	uint32_t nf, nk;                 /* file, record within it */
	struct jf_effect rec;
};
struct jf_cache_book {
	size_t nfiles;
	char **paths;
	struct jf_cache_pin *pins;
	uint32_t *vt;            /* in memory (to be saved), or NULL: on disk */
	size_t nvt;
	struct jf_book_tgt *tg;  /* likewise */
	size_t ntg;
	/* A record loaded stays on disk but for its files: its file kept
	 * open, read a window at a time (jf_cache_book_vt, _tg), which must
	 * still be as its MAC was checked (the file's identity then). */
	int fd1;
	uint64_t id[7];
	uint64_t vt_at, tg_at;
	uint32_t *vwin;
	size_t vwin_first, vwin_n;
	struct jf_book_tgt *twin[2];
	size_t twin_first[2], twin_n[2];
};
/* Load the book record: its MAC, and every index in it, checked reading
 * it a part at a time; its follow-ups' targets stay on disk. */
bool jf_cache_book_load(const char *root, uint64_t settings, struct jf_cache_book *bk);
/* The g-th follow-up's target's number (*x < ntg) in a record loaded;
 * false if the record's file changed since. */
bool jf_cache_book_vt(struct jf_cache_book *bk, size_t g, uint32_t *x);
/* Target x (< ntg) of a record loaded, read into window slot (0: 512
 * targets, for a walk in order; 1: 32, for lookups, or slot 0's window
 * when it holds x) and valid until that slot reads another window; NULL
 * if the file changed. */
const struct jf_book_tgt *jf_cache_book_tg(struct jf_cache_book *bk, int slot, size_t x);
/* Save a record whose vt and tg are in memory. */
int jf_cache_book_save(const char *root, uint64_t settings, const struct jf_cache_book *bk);
/* Save the record loaded (bk, on disk) with file f's pin now *pin and,
 * with ins, target *t inserted at place lo (every vt at lo or past it one
 * more), and with at_v < SIZE_MAX, a follow-up whose target is number tv
 * inserted at at_v in vt. */
int jf_cache_book_resave(const char *root, uint64_t settings, struct jf_cache_book *bk, size_t f,
			 const struct jf_cache_pin *pin, bool ins, size_t lo,
			 const struct jf_book_tgt *t, size_t at_v, uint32_t tv);
void jf_cache_book_release(struct jf_cache_book *bk);
/* Remove the book record (best effort). */
void jf_cache_book_drop(const char *root);
/* The keyed MAC (BLAKE2b, 32 bytes, under this user's cache key) of n
 * bytes at p, for the book record; false without a key. */
bool jf_cache_mac(const void *p, size_t n, unsigned char mac[32]);
/* The same MAC of bytes given a piece at a time: begin (NULL without a
 * key), add each piece, end (which frees the state). */
struct jf_cache_mac_state;
struct jf_cache_mac_state *jf_cache_mac_begin(void);
void jf_cache_mac_add(struct jf_cache_mac_state *m, const void *p, size_t n);
void jf_cache_mac_end(struct jf_cache_mac_state *m, unsigned char mac[32]);

#endif
