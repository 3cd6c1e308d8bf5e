/* scan_cache.c - the scanner's side of the reader cache (cache.h). */
#include <fcntl.h>
#include <stddef.h>
#include <string.h>
#include <unistd.h>

#include "alloc.h"
#include "failpoint.h"
#include "fileio.h"
#include "scan.h"

/* The entry a cached record stands for: no texts, no position. */
void scan_entry_of(const struct scanner *sc, const struct jf_effect *r,
		   const struct jf_cache_pos *pos, struct jf_entry *e)
{
	enum jf_kind k = (enum jf_kind)r->kind;
	/* every member set here, without zeroing it first (a memset's `rep
	 * stos` was a tenth of a replay's time): a member added to struct
	 * jf_entry must be set here too */
	_Static_assert(sizeof(struct jf_entry) == 200, "set every member of struct jf_entry here");
	e->id = e->at = e->by = e->note = e->reason = e->ref = e->reviewer = NULL;
	e->present = 0;
	e->target = NULL;
	e->fus = NULL;
	e->nfus = 0;
	e->file = sc->file;
	e->fid = sc->fid;
	e->line = pos ? pos->line : 0;
	e->col = pos ? pos->col : 0;
	e->off = pos ? pos->off : 0;
	e->len = pos ? pos->len : 0;
	e->date = r->date;
	e->kind = k;
	e->household = r->household;
	e->activity = jf_kind_has(k, JF_F_ACTIVITY) ? r->what : -1;
	e->item = jf_kind_has(k, JF_F_ITEM) ? r->what : -1;
	/* the shop: a restock's, or its household's; none for an entry of
	 * neither (hours served alone), as when it is read */
	e->village = jf_kind_has(k, JF_F_VILLAGE) || r->household >= 0 ? r->village : -1;
	e->qty = r->qty;
	e->points = r->points;
	e->need = r->need;
	e->notice = r->notice;
	e->to = -1;
	e->until = JF_DATE_NONE;
	if (jf_kind_has(k, JF_F_TO)) {
		e->to = r->qty;
		e->qty = 0;
	} else if (jf_kind_has(k, JF_F_UNTIL)) {
		e->until = r->qty;
		e->qty = 0;
	} else if (!jf_kind_has(k, JF_F_QTY)) {
		e->qty = 0; /* a slot of the kind's own (a take's volunteer) */
	}
	e->self = r;
	if (jf_kind(k)->flags & JF_KF_FOLLOW)
		e->household = e->village = -1;
}

/* The record a void's target is now: one for each follow-up of the book,
 * the files' in order. */
struct scan_want {
	struct jf_idkey key;
	bool once;                       /* the follow-up may come once (a void) */
	struct jf_effect saved;          /* as the void's file cached it */
	struct jf_effect *now;           /* as its file holds it: a copy, the one
					  * record replayed for it (struct tgt) */
	size_t nf, nk;                   /* where it stands: file, record */
	bool found;
};

/* A target of follow-ups, its record copied out of its file's: the replay
 * of that file hands on this record, so that the target and its
 * follow-ups share one, as when read (struct jf_book_tgt, cache.h). */
struct tgt {
	uint32_t nf, nk;
	struct jf_effect rec;
};
_Static_assert(sizeof(struct tgt) == sizeof(struct jf_book_tgt), "the book record's targets");

static int cmp_tgt(const void *a, const void *b)
{
	const struct tgt *x = a, *y = b;
	if (x->nf != y->nf)
		return x->nf < y->nf ? -1 : 1;
	return x->nk < y->nk ? -1 : x->nk > y->nk;
}

/* A follow-up's target key and its number in w[], to sort by key. */
struct wkey {
	struct jf_idkey key;
	uint32_t i;
};

static int cmp_wkey(const void *a, const void *b)
{
	const struct wkey *x = a, *y = b;
	int c = jf_idkey_cmp(x->key, y->key);
	return c ? c : (x->i > y->i) - (x->i < y->i);
}

/* The same entry with the same effect (flags aside)? */
static bool same_effect(const struct jf_effect *a, const struct jf_effect *b)
{
	return jf_idkey_eq(a->key, b->key) && a->date == b->date && a->points == b->points &&
	       a->household == b->household && a->qty == b->qty && a->what == b->what &&
	       a->village == b->village && a->kind == b->kind && a->need == b->need &&
	       a->notice == b->notice && a->who == b->who;
}

/* May the cached records of the current file be replayed after what was
 * read before it?  Not when a rule across files would refuse one of them
 * (an id read before, a target voided already or held for by another
 * void), nor when a void's target is no longer the entry it was checked
 * against: then the file is parsed, so the problem is found and named as
 * without the cache, and the void meets its target as it is now. */
bool scan_replay_ok(struct scanner *sc, const struct jf_fcache *c)
{
	size_t v = 0;
	for (size_t i = 0; i < c->nrecs; i++) {
		const struct jf_effect *r = &c->recs[i];
		if (jf_index_find(&sc->s->index, r->key))
			return false;
		unsigned kf = jf_kind((enum jf_kind)r->kind)->flags;
		if (!(kf & JF_KF_FOLLOW))
			continue;
		const struct jf_effect *saved = &c->voids[v++].target;
		const struct jf_effect *t = jf_index_find(&sc->s->index, saved->key);
		bool once = kf & JF_KF_ONCE;
		if (t ? (once && (t->flags & JF_EFFECT_VOIDED)) || !same_effect(saved, t)
		      : once && scan_held(sc, saved->key))
			return false;
	}
	return true;
}

/* Hand the cached records of the current file to the callback, checking
 * ids and voids as if they had been read.  The index adopts the records. */
enum jf_status scan_replay(struct scanner *sc, struct jf_fcache *c)
{
	struct jf_effect *recs = c->recs;
	size_t n = c->nrecs, v = 0, wi = 0;

	c->recs = NULL;
	c->nrecs = 0;
	jf_index_adopt(&sc->s->index, recs, n);
	/* their places, for the file's cache (c->pos: loaded when it may be saved) */
	if (sc->settings && c->pos) {
		for (size_t i = 0; i < n; i++) {
			sc->fpos = jf_grow(sc->fpos, sc->nfpos, &sc->capfpos, 64, sizeof *sc->fpos);
			sc->fpos[sc->nfpos++] = c->pos[i];
		}
	}
	for (size_t i = 0; i < n; i++) {
		struct jf_effect *r = &recs[i];
		struct jf_entry e;
		enum jf_status st = JF_OK; /* a stateful target held sets none */

		scan_entry_of(sc, r, c->pos ? &c->pos[i] : NULL, &e);
		sc->item_line = sc->item_col = 0;
		/* as if read: its own warnings, then what it meets */
		for (; wi < c->nwarns && c->warns[wi].rec == i; wi++)
			scan_replay_warn(sc, &c->warns[wi]);
		if (jf_index_insert(&sc->s->index, r)) {
			scan_problem(sc, 0, 0, JF_SEV_ERROR,
				"a duplicate id among the cached entries; run 'jf-check'");
			continue;
		}
		r->flags = 0; /* worked out again: other files may have changed */
		if (jf_kind((enum jf_kind)r->kind)->flags & JF_KF_FOLLOW) {
			const struct jf_cache_void *cv = &c->voids[v++];
			const struct jf_fu *fu = &cv->fu;
			struct jf_effect *t = jf_index_find(&sc->s->index, fu->target);
			e.ref = cv->ref[0] ? cv->ref : NULL;
			sc->rref_line = cv->ref_line;
			sc->rref_col = cv->ref_col;
			scan_file_void(sc, i, fu, e.ref, cv->ref_line, cv->ref_col);
			if (!t) {
				scan_hold_void(sc, &e, r, fu, false);
				st = sc->npend ? scan_release_pending(sc, r->key, r) : JF_OK;
			} else {
				st = scan_resolve_follow(sc, &e, t, cv->ref_line, cv->ref_col, fu,
							 false, NULL);
			}
			sc->rref_line = sc->rref_col = 0;
		} else {
			if (jf_effect_stateful(r))
				scan_defer_target(sc, &e, r, false);
			else
				st = scan_deliver(sc, &e);
			if (st == JF_OK && sc->npend)
				st = scan_release_pending(sc, r->key, r);
		}
		scan_flush_item(sc); /* where the next item would flush it */
		if (st != JF_OK)
			return st;
	}
	return JF_OK;
}

/* Remember to write the current file's cache if the scan ends well. */
void scan_want_save(struct scanner *sc, const char *rel, const struct stat *st,
		      unsigned long lines, const struct jf_hash *h)
{
	struct save *sv;
	sc->saves = jf_reallocarray(sc->saves, sc->nsaves + 1, sizeof *sc->saves);
	sv = &sc->saves[sc->nsaves++];
	memset(sv, 0, sizeof *sv);
	sv->rel = jf_strdup(rel);
	jf_fcache_identity(&sv->fc, st);
	sv->fc.lines = lines;
	sv->fc.hash = *h;
	sv->first = sc->file_first;
	sv->fc.nrecs = sc->s->index.n - sc->file_first;
	/* the places: complete only if every record's was noted (else the
	 * cache is not written) */
	if (sc->nfpos == sv->fc.nrecs) {
		sv->fc.pos = sc->fpos;
		sv->known = sc->fpos_known;
		sv->start_off = sc->fpos_off;
		sv->start_line = sc->fpos_line;
		sc->fpos = NULL;
		sc->nfpos = sc->capfpos = 0;
	}
	sv->fc.nvoids = sc->nfv;
	sv->fc.voids = jf_calloc(sc->nfv ? sc->nfv : 1, sizeof *sv->fc.voids);
	if (sc->nfv)
		memcpy(sv->fc.voids, sc->fv, sc->nfv * sizeof *sc->fv);
	/* the warned part: all of it, or as the cache replayed kept it */
	sv->fc.wsize = sc->wpart ? sc->wsize : sv->fc.size;
	sv->fc.wlines = sc->wpart ? sc->wlines : lines;
	sv->fc.wrecs = sc->wpart ? sc->wrecs : sv->fc.nrecs;
	sv->fc.whash = sc->wpart ? sc->whash : *h;
	sv->fc.warns = jf_calloc(sc->nfw ? sc->nfw : 1, sizeof *sv->fc.warns);
	for (size_t i = 0; i < sc->nfw; i++) {
		if (sc->fw[i].rec < sv->fc.wrecs) {
			sv->fc.warns[sv->fc.nwarns++] = sc->fw[i];
		} else {
			free(sc->fw[i].fmt);
			free(sc->fw[i].msg);
		}
	}
	sc->nfw = 0;
}

/* Does the file at path end with a newline?  (Else jf-check warns when
 * it opens it: such a file is read, not replayed.) */
static bool ends_line(const char *path)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	char last = 0;
	struct stat st;
	if (fd < 0)
		return false;
	bool ok = fstat(fd, &st) == 0 && st.st_size > 0 &&
		  pread(fd, &last, 1, st.st_size - 1) == 1 && last == '\n';
	close(fd);
	return ok;
}

/* Load every file's cache.  True when each non-empty file has one that
 * matches it exactly: nothing was appended or changed since.  For
 * jf-check (s->warnings) a cache must also hold the warnings of all its
 * records, and the file end with a newline. */
/* What the checks across files want of the follow-ups nv at v. */
static void add_wants(struct scanner *sc, const struct jf_cache_void *v, size_t nv)
{
	for (size_t k = 0; k < nv; k++) {
		const struct jf_cache_void *cv = &v[k];
		sc->wants = jf_grow(sc->wants, sc->nwants, &sc->capwants, 64, sizeof *sc->wants);
		struct scan_want *x = &sc->wants[sc->nwants++];
		memset(x, 0, sizeof *x);
		x->key = cv->target.key;
		/* the kind the void's record has (checked when it is read) */
		x->once = jf_kind(cv->fu.kind < JF_NKINDS ? (enum jf_kind)cv->fu.kind
							 : JF_VOID)->flags & JF_KF_ONCE;
		x->saved = cv->target;
	}
}

static void book_free(struct scanner *sc)
{
	if (sc->book)
		jf_cache_book_release(sc->book);
	free(sc->book);
	free(sc->bookonce);
	sc->book = NULL;
	sc->bookonce = NULL;
}

/* Does the book record hold for file i, its cache loaded (pre[i]; zero
 * for an empty file), with follow-ups nv at v?  Each follow-up's target
 * must be the entry its file cached, voided once. */
static bool book_holds(struct scanner *sc, char **names, const struct jf_fcache *pre, size_t i,
		       const struct jf_cache_void *v, size_t nv)
{
	struct jf_cache_book *bk = sc->book;
	if (strcmp(bk->paths[i], names[i]) || !jf_cache_pin_eq(&bk->pins[i], &pre[i].pin))
		return false;
	for (size_t k = 0; k < nv; k++) {
		const struct jf_cache_void *cv = &v[k];
		size_t g = sc->bookv++;
		uint32_t x;
		const struct jf_book_tgt *bt;
		/* the record's targets are read from it a window at a time */
		if (g >= bk->nvt || !jf_cache_book_vt(bk, g, &x) || !(bt = jf_cache_book_tg(bk, 0, x)))
			return false;
		const struct jf_effect *t = &bt->rec;
		bool once = jf_kind(cv->fu.kind < JF_NKINDS ? (enum jf_kind)cv->fu.kind
						       : JF_VOID)->flags & JF_KF_ONCE;
		unsigned char bit = (unsigned char)(1u << (x % 8));
		if (!jf_idkey_eq(t->key, cv->target.key) || !same_effect(&cv->target, t) ||
		    (once && (sc->bookonce[x / 8] & bit)))
			return false;
		if (once)
			sc->bookonce[x / 8] |= bit; /* one bit a target */
	}
	return true;
}

/* The book record does not hold: the wants of the files before file i,
 * their voids read again.  False when one of them changed since. */
static bool book_fails(struct scanner *sc, char **names, struct jf_fcache *pre, size_t i)
{
	bool ok = true;
	book_free(sc);
	for (size_t j = 0; ok && j < i; j++) {
		if (!pre[j].nvoids)
			continue;
		ok = scan_reload_voids(sc, names[j], &pre[j]);
		if (ok)
			add_wants(sc, pre[j].voids, pre[j].nvoids);
		free(pre[j].voids);
		pre[j].voids = NULL;
	}
	return ok;
}

/* Load every file's cache.  True when each non-empty file has one that
 * matches it exactly: nothing was appended or changed since.  For
 * jf-check (s->warnings) a cache must also hold the warnings of all its
 * records, and the file end with a newline.  While exact, each file's
 * follow-ups are checked against the book record (sc->book), or, once it
 * does not hold, noted for the checks across files (sc->wants). */
bool scan_load_caches(struct scanner *sc, char **names, size_t n,
			struct jf_fcache *pre, bool *have)
{
	bool exact = true;
	sc->book = jf_calloc(1, sizeof *sc->book);
	if (sc->s->full_index || !jf_cache_book_load(sc->b->root, sc->settings, sc->book) ||
	    sc->book->nfiles != n) {
		book_free(sc); /* a record of other files: released whole */
	} else {
		sc->bookonce = jf_calloc(sc->book->ntg / 8 + 1, 1);
	}
	for (size_t i = 0; i < n; i++) {
		struct jf_buf p = JF_BUF_INIT;
		struct stat st;
		jf_buf_addf(&p, "%s/%s", sc->b->root, names[i]);
		bool ok = stat(p.s, &st) == 0;
		if (ok && st.st_size == 0) {
			jf_buf_release(&p);
			if (exact && sc->book && !book_holds(sc, names, pre, i, NULL, 0))
				exact = book_fails(sc, names, pre, i);
			continue;
		}
		/* the records and places are read when a file is replayed */
		have[i] = ok && jf_cache_load(sc->b->root, names[i], sc->settings, sc->b, false,
					      false, &pre[i]);
		exact = exact && have[i] && jf_fcache_same(&pre[i], &st);
		if (exact && sc->s->warnings)
			exact = pre[i].wrecs == pre[i].nrecs && pre[i].wsize == pre[i].size &&
				ends_line(p.s);
		if (exact && sc->book &&
		    !book_holds(sc, names, pre, i, pre[i].voids, pre[i].nvoids))
			exact = book_fails(sc, names, pre, i);
		if (exact && !sc->book)
			add_wants(sc, pre[i].voids, pre[i].nvoids);
		if (exact && have[i]) {
			/* read again when the file is replayed (scan_reload_voids) */
			free(pre[i].voids);
			pre[i].voids = NULL;
		}
		jf_buf_release(&p);
	}
	if (exact && sc->book && sc->bookv != sc->book->nvt)
		exact = book_fails(sc, names, pre, n);
	if (!exact)
		book_free(sc);
	return exact;
}

/* A file's next key in the merge, copied into the heap. */
struct hnode {
	struct jf_idkey key;
	uint32_t rec;
	size_t f;
};

static inline bool key_lt(const struct jf_idkey *a, const struct jf_idkey *b)
{
	if (a->w[0] != b->w[0])
		return a->w[0] < b->w[0];
	if (a->w[1] != b->w[1])
		return a->w[1] < b->w[1];
	return a->w[2] < b->w[2];
}

/* Is any id in two files, or a file's keys not as its cache's head says
 * (*bad)?  A k-way merge of the files' sorted keys (each file's own are
 * unique: checked when it was cached and as they are read), read from
 * the cache files a run at a time.  On the way, where each wanted key
 * (w, sorted) stands. */
static bool dup_across(struct scanner *sc, char **names, struct jf_fcache *pre, size_t n,
		       const struct wkey *wk, struct scan_want *w, size_t nw, bool *bad)
{
	struct jf_cache_keys *ks = jf_calloc(n ? n : 1, sizeof *ks);
	struct hnode *heap = jf_calloc(n ? n : 1, sizeof *heap);
	size_t nh = 0, j = 0;
	bool dup = false, have_last = false;
	struct jf_idkey last = { { 0, 0, 0 } };

	*bad = false;
	for (size_t i = 0; i < n && !*bad; i++) {
		if (!pre[i].nrecs)
			continue;
		jf_cache_keys_open(&ks[i], sc->b->root, names[i], &pre[i]);
		const struct jf_cache_key *x = jf_cache_keys_next(&ks[i]);
		if (!x) {
			*bad = true;
			break;
		}
		size_t c = nh++;
		heap[c] = (struct hnode){ x->key, x->rec, i };
		while (c && key_lt(&heap[c].key, &heap[(c - 1) / 2].key)) {
			struct hnode t = heap[c];
			heap[c] = heap[(c - 1) / 2];
			heap[(c - 1) / 2] = t;
			c = (c - 1) / 2;
		}
	}
	while (nh && !dup && !*bad) {
		struct hnode top = heap[0];
		dup = have_last && jf_idkey_eq(top.key, last);
		last = top.key;
		have_last = true;
		while (j < nw && jf_idkey_cmp(wk[j].key, top.key) < 0)
			j++;
		for (size_t x = j; x < nw && jf_idkey_eq(wk[x].key, top.key); x++) {
			w[wk[x].i].found = true;
			w[wk[x].i].nf = top.f;
			w[wk[x].i].nk = top.rec;
		}
		const struct jf_cache_key *nx = jf_cache_keys_next(&ks[top.f]);
		if (nx) {
			heap[0] = (struct hnode){ nx->key, nx->rec, top.f };
		} else if (ks[top.f].ok) {
			heap[0] = heap[--nh]; /* that file's keys are all read, and sound */
		} else {
			*bad = true;
			break;
		}
		for (size_t c = 0;;) {
			size_t l = 2 * c + 1, r = l + 1, m = c;
			if (l < nh && key_lt(&heap[l].key, &heap[m].key))
				m = l;
			if (r < nh && key_lt(&heap[r].key, &heap[m].key))
				m = r;
			if (m == c)
				break;
			struct hnode t = heap[c];
			heap[c] = heap[m];
			heap[m] = t;
			c = m;
		}
	}
	for (size_t i = 0; i < n; i++)
		jf_cache_keys_close(&ks[i]);
	free(ks);
	free(heap);
	return dup;
}

/* Write the book record of what cross_check() found: every file's
 * writing (its parts all read and checked under the identity pinned),
 * each follow-up's target t[vt[g]].  Best effort. */
static void book_save(struct scanner *sc, char **names, const struct jf_fcache *pre, size_t n,
		      uint32_t *vt, size_t nvt, struct tgt *t, size_t nt)
{
	struct jf_cache_book bk = { .nfiles = n, .paths = names, .vt = vt, .nvt = nvt, .ntg = nt,
				    .tg = (struct jf_book_tgt *)t };
	bk.pins = jf_calloc(n ? n : 1, sizeof *bk.pins);
	for (size_t i = 0; i < n; i++)
		bk.pins[i] = pre[i].pin;
	(void)jf_cache_book_save(sc->b->root, sc->settings, &bk);
	free(bk.pins);
}

/* The follow-ups' targets a replay meets: the g-th follow-up's (the
 * files' in order) is target vt[g], the targets sorted by place.  In
 * memory (tg, vt: worked out by cross_check), or on disk in the book
 * record (bk), read a window at a time; then a target whose record must
 * stay put (an entry held to the end, or a late follow-up, points at it)
 * is copied out of its window, once, and found by its number after. */
struct targets {
	struct jf_cache_book *bk;
	uint32_t *vt;
	struct tgt *tg;
	size_t nvt, ntg;
	size_t *ovx;                     /* the copies' numbers, ascending, */
	struct tgt **ov;                 /* and the copies */
	size_t nov, capov;
};

static void targets_release(struct targets *T)
{
	if (T->bk) {
		jf_cache_book_release(T->bk);
		free(T->bk);
	}
	for (size_t i = 0; i < T->nov; i++)
		free(T->ov[i]);
	free(T->ov);
	free(T->ovx);
	free(T->vt);
	free(T->tg);
	memset(T, 0, sizeof *T);
}

/* The g-th follow-up's target's number, < T->ntg; false: the record's
 * file changed since it was checked. */
static bool targets_vt(struct targets *T, size_t g, uint32_t *x)
{
	if (T->bk)
		return jf_cache_book_vt(T->bk, g, x);
	if (g >= T->nvt || T->vt[g] >= T->ntg)
		return false;
	*x = T->vt[g];
	return true;
}

/* Where copy x is (or would go) in T->ovx. */
static size_t ov_find(const struct targets *T, size_t x)
{
	size_t lo = 0, hi = T->nov;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (T->ovx[mid] < x)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Target x, read into window slot (0: the targets in order, 1: the
 * others) unless copied out; NULL: the record's file changed. */
static struct tgt *targets_at(struct targets *T, int slot, size_t x)
{
	if (!T->bk)
		return x < T->ntg ? &T->tg[x] : NULL;
	if (T->nov) {
		size_t i = ov_find(T, x);
		if (i < T->nov && T->ovx[i] == x)
			return T->ov[i];
	}
	return (struct tgt *)jf_cache_book_tg(T->bk, slot, x);
}

/* Target x's record made to stay put: copied from src (its window's)
 * the first time. */
static struct tgt *targets_keep(struct targets *T, size_t x, const struct tgt *src)
{
	if (!T->bk)
		return (struct tgt *)src;
	size_t i = ov_find(T, x);
	if (i < T->nov && T->ovx[i] == x)
		return T->ov[i];
	if (T->nov == T->capov) {
		T->capov = T->capov ? 2 * T->capov : 16;
		T->ovx = jf_reallocarray(T->ovx, T->capov, sizeof *T->ovx);
		T->ov = jf_reallocarray(T->ov, T->capov, sizeof *T->ov);
	}
	memmove(&T->ovx[i + 1], &T->ovx[i], (T->nov - i) * sizeof *T->ovx);
	memmove(&T->ov[i + 1], &T->ov[i], (T->nov - i) * sizeof *T->ov);
	T->ovx[i] = x;
	T->ov[i] = jf_malloc(sizeof **T->ov);
	*T->ov[i] = *src;
	T->nov++;
	return T->ov[i];
}

/* Is record p in one of T's windows?  Then *x is its target's number. */
static bool targets_in_win(const struct targets *T, const struct jf_effect *p, size_t *x)
{
	for (int s = 0; T->bk && s < 2; s++) {
		const struct tgt *w = (const struct tgt *)T->bk->twin[s];
		for (size_t k = 0; w && k < T->bk->twin_n[s]; k++)
			if (p == &w[k].rec) {
				*x = T->bk->twin_first[s] + k;
				return true;
			}
	}
	return false;
}

/* Every file is exact: do the rules that span files hold among the cached
 * records, as they would for the ledger read?  No id in two files; every
 * void's target among the records, voided once, and exactly as the void's
 * file saved it (else the void was checked against another entry than the
 * one there now).  As the book record says, when it held for every cache
 * loaded (sc->book, scan_load_caches); else every file's keys are merged,
 * its records and places read and checked here, one file at a time, only
 * the targets' kept, and the book record written.  On success the g-th
 * follow-up's target (the files' follow-ups in order) is (*tg)[(*vt)[g]],
 * *tg sorted by place. */
static bool cross_check(struct scanner *sc, char **names, struct jf_fcache *pre, size_t n,
			struct targets *T)
{
	memset(T, 0, sizeof *T);
	if (sc->book) {
		/* the parts of each writing pinned were checked when the record
		 * was written: read again, they need only their tags; the
		 * targets stay in the record, on disk */
		for (size_t i = 0; i < n; i++)
			pre[i].recs_ok = true;
		T->bk = sc->book;
		T->nvt = sc->book->nvt;
		T->ntg = sc->book->ntg;
		sc->book = NULL;
		book_free(sc);
		return true;
	}
	/* the follow-ups' targets, noted as the caches were loaded */
	struct scan_want *w = sc->wants;
	size_t nw = sc->nwants, nt = 0;
	sc->wants = NULL;
	sc->nwants = sc->capwants = 0;
	struct tgt *t = jf_calloc(nw ? nw : 1, sizeof *t);
	struct wkey *wk = jf_calloc(nw ? nw : 1, sizeof *wk);
	for (size_t g = 0; g < nw; g++)
		wk[g] = (struct wkey){ w[g].key, (uint32_t)g };
	if (nw)
		qsort(wk, nw, sizeof *wk, cmp_wkey);
	bool bad;
	bool ok = !dup_across(sc, names, pre, n, wk, w, nw, &bad) && !bad;
	/* voided twice: two follow-ups that may come once, among one key's */
	for (size_t i = 0, k; ok && i < nw; i = k) {
		int once = 0;
		for (k = i; k < nw && jf_idkey_eq(wk[i].key, wk[k].key); k++)
			once += w[wk[k].i].once;
		ok = once <= 1 && w[wk[i].i].found;
		if (ok) {
			t[nt].nf = (uint32_t)w[wk[i].i].nf;
			t[nt].nk = (uint32_t)w[wk[i].i].nk;
			nt++;
		}
	}
	free(wk);
	if (nt > 1)
		qsort(t, nt, sizeof *t, cmp_tgt);
	/* every file's records, checked, the targets' copied out of them */
	for (size_t i = 0, ti = 0; ok && i < n; i++) {
		if (!pre[i].nrecs)
			continue;
		/* (the voids, read again, to check the records against), a
		 * window at a time, in order: at the last one the records are
		 * known to be the sorted keys' (recs_ok) */
		ok = pre[i].keys_mix && scan_reload_voids(sc, names[i], &pre[i]);
		for (size_t wn = 0; ok && wn < pre[i].nwin; wn++) {
			ok = jf_cache_win_recs(sc->b->root, names[i], sc->b, &pre[i], wn);
			for (; ok && ti < nt && t[ti].nf == i && t[ti].nk < (wn + 1) * JF_CACHE_WIN; ti++)
				t[ti].rec = pre[i].recs[t[ti].nk - pre[i].recs_first];
			/* the places too (the book record vouches for them, and
			 * a replay may want them): a bad part is a cache to
			 * ignore (and rebuild), not an error later */
			ok = ok && jf_cache_win_pos(sc->b->root, names[i], &pre[i], wn);
		}
		ok = ok && pre[i].recs_ok;
		jf_fcache_drop_recs(&pre[i]);
		jf_fcache_drop_pos(&pre[i]);
		free(pre[i].voids);
		pre[i].voids = NULL;
	}
	uint32_t *v = jf_calloc(nw ? nw : 1, sizeof *v);
	for (size_t i = 0; ok && i < nw; i++) {
		struct tgt key = { .nf = (uint32_t)w[i].nf, .nk = (uint32_t)w[i].nk };
		struct tgt *x = bsearch(&key, t, nt, sizeof *t, cmp_tgt);
		v[i] = (uint32_t)(x - t);
		ok = same_effect(&w[i].saved, &x->rec);
	}
	free(w);
	if (!ok) {
		free(v);
		free(t);
		return false;
	}
	book_save(sc, names, pre, n, v, nw, t, nt);
	T->vt = v;
	T->nvt = nw;
	T->tg = t;
	T->ntg = nt;
	return true;
}

/* A follow-up read before its target (jf-check's replay): it meets it,
 * as when read, right after the target; its void, record and place are
 * kept for it (its file's are freed once the file is replayed). */
struct late {
	size_t tf, tk;                   /* the target: file, record */
	size_t vf, vk;                   /* the follow-up: file, record */
	struct jf_cache_void cv;
	struct jf_effect rec;            /* its record, as replayed, and the one */
	struct jf_effect *self;          /* it is delivered with (a target's: tg) */
	struct jf_cache_pos pos;
	bool has_pos;
	uint64_t fid;
};

static const struct late *lsort; /* while lorder[] is sorted */

static int cmp_late(const void *a, const void *b)
{
	const struct late *x = &lsort[*(const size_t *)a], *y = &lsort[*(const size_t *)b];
	if (x->tf != y->tf)
		return x->tf < y->tf ? -1 : 1;
	if (x->tk != y->tk)
		return x->tk < y->tk ? -1 : 1;
	if (x->vf != y->vf)
		return x->vf < y->vf ? -1 : 1;
	return x->vk < y->vk ? -1 : x->vk > y->vk;
}

/* Cached follow-up r (cv in file f) meets its target t and is delivered,
 * or held to the end when t is stateful.  With warnings (jf-check) its
 * kind checks it first, on copies (the records stay as cached), so that
 * what it warns of is said where and when reading it would say it. */
static enum jf_status replay_follow(struct scanner *sc, char **names, size_t f, uint64_t fid,
				    struct jf_effect *r, const struct jf_cache_pos *pos,
				    const struct jf_cache_void *cv, struct jf_effect *t, bool *voided)
{
	struct jf_scan *s = sc->s;
	struct jf_entry e;
	const char *file = sc->file;
	uint64_t file_fid = sc->fid;
	unsigned kf = jf_kind((enum jf_kind)r->kind)->flags;
	enum jf_status st = JF_OK;

	sc->file = names[f];
	sc->fid = fid;
	scan_entry_of(sc, r, pos, &e);
	if (s->warnings) {
		struct kcheck k;
		struct jf_effect self = *r, target = *t;
		e.ref = cv->ref[0] ? cv->ref : NULL;
		target.flags = 0;
		scan_kcheck_init(&k, sc);
		k.at_ref = true;
		k.rline = cv->ref_line;
		k.rcol = cv->ref_col;
		(void)jf_kind(e.kind)->follow(&k.kc, &e, &self, &target);
	}
	e.target = t;
	e.household = t->household;
	e.village = t->village;
	long y = s->nwatch ? jf_scan_watched(s, t->key) : -1;
	if (y >= 0 && (kf & JF_KF_ONCE))
		voided[y] = true;
	if (jf_effect_stateful(t) || (t->flags & JF_EFFECT_HELD)) {
		sc->rref_line = cv->ref_line;
		sc->rref_col = cv->ref_col;
		scan_defer_follow(sc, &e, t, &cv->fu, false, NULL);
		sc->rref_line = sc->rref_col = 0;
	} else {
		st = scan_deliver(sc, &e);
	}
	sc->file = file;
	sc->fid = file_fid;
	return st;
}

/* Every file is exactly as cached, and was valid as a whole when cached:
 * if the rules across files hold too, hand the records to the callback
 * without building the index or reading any ledger byte.  A void comes
 * with its target's current record.  Whether a watched entry is voided is
 * worked out from the voids, not from saved flags.  With s->warnings
 * (jf-check, whose caches are then all warned to their end) the records
 * come in the order and with the warnings of a read: each record's cached
 * warnings, a follow-up read before its target right after the target,
 * and what follow-ups meet worked out again. */
bool scan_reload_voids(struct scanner *sc, const char *rel, struct jf_fcache *c)
{
	struct jf_fcache t;
	if (c->voids || !c->nvoids)
		return true;
	if (!jf_cache_load(sc->b->root, rel, sc->settings, sc->b, false, false, &t))
		return false;
	/* the same writing of the cache file: its nonce and tags */
	bool ok = !memcmp(t.nonce, c->nonce, sizeof t.nonce) &&
		  !memcmp(t.recs_sum, c->recs_sum, sizeof t.recs_sum) &&
		  !memcmp(t.keys_sum, c->keys_sum, sizeof t.keys_sum) &&
		  !memcmp(t.pos_sum, c->pos_sum, sizeof t.pos_sum) && t.nrecs == c->nrecs &&
		  t.nvoids == c->nvoids;
	if (ok) {
		c->voids = t.voids;
		t.voids = NULL;
	}
	jf_fcache_release(&t);
	return ok;
}

/* Records held to the end of the replay (an entry held points at its
 * record, scan_state.c), copied out of their file's window, which is
 * freed: blocks that never move. */
struct held_blk {
	struct held_blk *next;
	size_t n;
	struct jf_effect r[64];
};

static struct jf_effect *held_copy(struct held_blk **h, const struct jf_effect *r)
{
	if (!*h || (*h)->n == sizeof (*h)->r / sizeof (*h)->r[0]) {
		struct held_blk *b = jf_calloc(1, sizeof *b);
		b->next = *h;
		*h = b;
	}
	struct jf_effect *x = &(*h)->r[(*h)->n++];
	*x = *r;
	return x;
}

/* The entries held since number `from` whose records are in file c's
 * window: they point at copies instead. */
static void held_move(struct scanner *sc, size_t from, const struct jf_fcache *c,
		      struct held_blk **h, struct targets *T)
{
	const struct jf_effect *lo = c->recs, *hi = c->recs ? c->recs + (c->nrecs - c->recs_first <
		JF_CACHE_WIN ? c->nrecs - c->recs_first : JF_CACHE_WIN) : NULL;
	for (size_t d = from; d < sc->ndefer; d++) {
		struct pending *p = &sc->defer[d];
		size_t x;
		/* a target's record, in a window of the book record's: its copy */
		if (targets_in_win(T, p->self, &x))
			p->self = &targets_keep(T, x, (const struct tgt *)((const char *)p->self -
						offsetof(struct tgt, rec)))->rec;
		if (p->target && targets_in_win(T, p->target, &x))
			p->target = &targets_keep(T, x, (const struct tgt *)((const char *)p->target -
						  offsetof(struct tgt, rec)))->rec;
		if (lo && p->self >= lo && p->self < hi)
			p->self = held_copy(h, p->self);
		if (lo && p->target >= lo && p->target < hi)
			p->target = held_copy(h, p->target);
	}
}

enum jf_status scan_replay_all(struct scanner *sc, char **names, size_t n,
				 struct jf_fcache *pre, bool *trusted)
{
	struct jf_scan *s = sc->s;
	bool *voided;
	struct targets T;
	struct late *late = NULL;
	size_t *lorder = NULL;
	struct held_blk *held = NULL;
	size_t nlate = 0, caplate = 0, li = 0, lv = 0, ti = 0, wb = 0;
	size_t next_ti = SIZE_MAX, next_nf = SIZE_MAX, next_nk = SIZE_MAX;
	enum jf_status st = JF_OK;

	*trusted = cross_check(sc, names, pre, n, &T);
	if (!*trusted)
		return JF_OK;
	/* file i's follow-ups' targets are numbers base[i]... of T, in order */
	size_t *base = jf_calloc(n ? n : 1, sizeof *base);
	for (size_t i = 0, g = 0; i < n; g += pre[i].nvoids, i++)
		base[i] = g;
	/* jf-check: the follow-ups read before their targets, one file's
	 * voids at a time; each is kept (its void now, its record and place
	 * when its file is replayed), not its file's records */
	for (size_t i = 0; s->warnings && *trusted && i < n; i++) {
		if (!pre[i].nvoids)
			continue;
		if (!scan_reload_voids(sc, names[i], &pre[i])) {
			*trusted = false; /* changed since: read the files */
			break;
		}
		for (size_t v = 0; v < pre[i].nvoids; v++) {
			uint32_t x;
			const struct tgt *t;
			if (!targets_vt(&T, base[i] + v, &x) || !(t = targets_at(&T, 1, x))) {
				*trusted = false; /* the book record changed: read the files */
				break;
			}
			size_t k = pre[i].voids[v].rec;
			if (t->nf < i || (t->nf == i && t->nk < k))
				continue;
			if (nlate == caplate) {
				caplate = caplate ? 2 * caplate : 16;
				late = jf_reallocarray(late, caplate, sizeof *late);
			}
			memset(&late[nlate], 0, sizeof late[nlate]);
			late[nlate].tf = t->nf;
			late[nlate].tk = t->nk;
			late[nlate].vf = i;
			late[nlate].vk = k;
			late[nlate].cv = pre[i].voids[v];
			nlate++;
		}
		free(pre[i].voids); /* read again when the file is replayed */
		pre[i].voids = NULL;
	}
	if (!*trusted) {
		targets_release(&T);
		free(late);
		free(base);
		return JF_OK;
	}
	/* late[] is in the follow-ups' order; lorder[] puts it in their targets' */
	lorder = jf_calloc(nlate ? nlate : 1, sizeof *lorder);
	for (size_t x = 0; x < nlate; x++)
		lorder[x] = x;
	lsort = late;
	if (nlate > 1)
		qsort(lorder, nlate, sizeof *lorder, cmp_late);
	lsort = NULL;
	voided = jf_calloc(s->nwatch ? s->nwatch : 1, sizeof *voided);
	s->replay_only = true;
	for (size_t i = 0; i < n && st == JF_OK; i++) {
		struct jf_fcache *c = &pre[i];
		size_t v = 0, wi = 0;
		wb = base[i];
		sc->file = names[i];
		sc->fid = jf_fcache_fid(c); /* exact: the file's identity now */
		s->files++;
		if (i == 0)
			(void)jf_failpoint("before-places");
		if (c->nrecs && !scan_reload_voids(sc, names[i], c))
			goto changed;
		for (size_t k = 0; k < c->nrecs && st == JF_OK; k++) {
			/* the records (and places) a window at a time, as the
			 * MAC'd head proved them when they were checked */
			if (k % JF_CACHE_WIN == 0 &&
			    (!jf_cache_win_recs(sc->b->root, names[i], sc->b, c, k / JF_CACHE_WIN) ||
			     (s->places && !jf_cache_win_pos(sc->b->root, names[i], c,
							     k / JF_CACHE_WIN))))
				goto changed;
			size_t ndefer = sc->ndefer;
			struct jf_effect *r = &c->recs[k - c->recs_first];
			bool is_tgt = false;
			/* the next target's place, known once it is read: it is
			 * read again (a copy made since, or its window) only
			 * there */
			if (ti < T.ntg && ti != next_ti) {
				const struct tgt *nx = targets_at(&T, 0, ti);
				if (!nx)
					goto changed;
				next_ti = ti;
				next_nf = nx->nf;
				next_nk = nx->nk;
			}
			struct tgt *cur = ti < T.ntg && next_nf == i && next_nk == k
						  ? targets_at(&T, 0, ti) : NULL;
			if (ti < T.ntg && next_nf == i && next_nk == k && !cur)
				goto changed;
			if (cur && cur->nf == i && cur->nk == k) {
				/* a target: the record its follow-ups meet, which
				 * must be this one, as cached */
				if (memcmp(&cur->rec, r, sizeof *r))
					goto changed;
				/* a late follow-up's own: it must stay put */
				if (lv < nlate && late[lv].vf == i && late[lv].vk == k)
					cur = targets_keep(&T, ti, cur);
				r = &cur->rec;
				ti++;
				is_tgt = true;
			}
			const struct jf_cache_pos *pos = c->pos ? &c->pos[k - c->pos_first] : NULL;
			struct jf_entry e;
			scan_entry_of(sc, r, pos, &e);
			long x = s->nwatch ? jf_scan_watched(s, r->key) : -1;
			if (x >= 0) {
				s->watched[x] = *r;
				s->watched[x].flags = 0;
				s->found[x] = true;
				s->watched_at[x] = (struct jf_book_tgt){ (uint32_t)i, (uint32_t)k, *r };
			}
			s->cached++;
			if (s->warnings)
				for (; wi < c->nwarns && c->warns[wi].rec == k; wi++)
					jf_diag_add(&sc->item, JF_SEV_WARNING, sc->file, c->warns[wi].line,
						    c->warns[wi].col, "%s", c->warns[wi].msg);
			/* a follow-up read before its target: its record and
			 * place, for when it meets it */
			for (; lv < nlate && late[lv].vf == i && late[lv].vk == k; lv++) {
				late[lv].rec = *r;
				late[lv].self = is_tgt ? r : &late[lv].rec;
				late[lv].has_pos = pos != NULL;
				if (pos)
					late[lv].pos = *pos;
				late[lv].fid = sc->fid;
			}
			unsigned kf = jf_kind((enum jf_kind)r->kind)->flags;
			if (kf & JF_KF_FOLLOW) {
				const struct jf_cache_void *cv = &c->voids[v++];
				uint32_t tx;
				struct tgt *t;
				if (!targets_vt(&T, wb + v - 1, &tx) || !(t = targets_at(&T, 1, tx)))
					goto changed;
				bool later = t->nf > i || (t->nf == i && t->nk > k);
				if (!s->warnings || !later)
					st = replay_follow(sc, names, i, sc->fid, r, pos, cv, &t->rec, voided);
			} else if (jf_effect_stateful(r)) {
				scan_defer_target(sc, &e, r, false);
			} else {
				st = scan_deliver(sc, &e);
			}
			/* the follow-ups read before this target meet it now */
			for (; st == JF_OK && li < nlate && late[lorder[li]].tf == i &&
			       late[lorder[li]].tk == k; li++) {
				struct late *l = &late[lorder[li]];
				st = replay_follow(sc, names, l->vf, l->fid, l->self,
						   l->has_pos ? &l->pos : NULL, &l->cv, r, voided);
			}
			held_move(sc, ndefer, c, &held, &T);
			scan_flush_item(sc);
		}
		jf_fcache_drop_recs(c);
		jf_fcache_drop_pos(c);
		free(c->voids);
		c->voids = NULL;
		continue;
changed:
		jf_error(sc->d, "'%s': the reader cache changed while it was read; "
			 "run the command again", names[i]);
		jf_cache_book_drop(sc->b->root); /* the next run checks it all */
		st = JF_SYSTEM;
		break;
	}
	if (st == JF_OK)
		st = scan_flush_deferred(sc);
	scan_drop_deferred(sc);
	for (size_t i = 0; i < n; i++)
		jf_fcache_release(&pre[i]);
	while (held) {
		struct held_blk *nx = held->next;
		free(held);
		held = nx;
	}
	targets_release(&T);
	free(late);
	free(lorder);
	free(base);
	/* a void may come before its target: mark the target afterwards */
	for (size_t x = 0; x < s->nwatch; x++)
		if (voided[x])
			s->watched[x].flags |= JF_EFFECT_VOIDED;
	free(voided);
	return st;
}

/* The places of the records parsed, sv->fc.pos[known..): their lines
 * are known; their bytes start where those lines start, found in one pass
 * over the bytes parsed.  Then each record's bytes run to the next one's,
 * the last one's to the end of the cached part. */
static bool fill_places(const char *path, struct save *sv)
{
	struct jf_fcache *c = &sv->fc;
	struct jf_cache_pos *p = c->pos;
	size_t i = sv->known, n = c->nrecs;
	if (!p || c->size > UINT32_MAX)
		return false;
	if (i < n) {
		int fd = open(path, O_RDONLY | O_CLOEXEC);
		if (fd < 0)
			return false;
		char buf[65536];
		uint64_t at = sv->start_off;         /* the next byte to read */
		uint64_t line = sv->start_line + 1;  /* the line it is on */
		while (i < n && p[i].line == line)
			p[i++].off = (uint32_t)at;
		while (i < n && p[i].line > line && at < c->size) {
			size_t want = c->size - at < sizeof buf ? (size_t)(c->size - at) : sizeof buf;
			if (jf_pread_all(fd, buf, want, (off_t)at) != (ssize_t)want)
				break;
			const char *q = buf, *end = buf + want;
			while (i < n && p[i].line > line && (q = memchr(q, '\n', (size_t)(end - q)))) {
				q++;
				line++;
				while (i < n && p[i].line == line)
					p[i++].off = (uint32_t)(at + (uint64_t)(q - buf));
			}
			at += want;
		}
		close(fd);
		if (i < n)
			return false;
	}
	for (i = 0; i < n; i++) {
		uint64_t end = i + 1 < n ? p[i + 1].off : c->size;
		if (end <= p[i].off)
			return false;
		p[i].len = (uint32_t)(end - p[i].off);
	}
	return true;
}

void scan_save_caches(struct scanner *sc, enum jf_status st)
{
	const struct jf_book *b = sc->b;
	struct jf_scan *s = sc->s;
	/* only a scan without problems is worth remembering; a cache that
	 * cannot be written only means more reading next time */
	for (size_t i = 0; i < sc->nsaves; i++) {
		struct save *sv = &sc->saves[i];
		if (st == JF_OK) {
			/* the file must not have changed while it was read */
			struct jf_buf p = JF_BUF_INIT;
			struct stat now;
			jf_buf_addf(&p, "%s/%s", b->root, sv->rel);
			bool ok = stat(p.s, &now) == 0 && jf_fcache_same(&sv->fc, &now);
			for (size_t k = 0; ok && k < sv->fc.nvoids; k++) {
				struct jf_cache_void *cv = &sv->fc.voids[k];
				const struct jf_effect *t = jf_index_find(&s->index, cv->target.key);
				ok = t != NULL;
				if (ok)
					cv->target = *t;
			}
			if (ok && fill_places(p.s, sv))
				jf_cache_save(b->root, sv->rel, sc->settings, &sv->fc, &s->index, sv->first,
					      NULL);
			jf_buf_release(&p);
		}
		free(sv->rel);
		jf_fcache_release(&sv->fc);
	}
	free(sc->saves);
	free(sc->fv);
	free(sc->fpos);
	scan_fw_clear(sc);
	free(sc->fw);
}

void jf_scan_book_extend(const struct jf_scan *s, const struct jf_book *b, const char *rel,
			 const struct jf_cache_pin *old, const struct jf_cache_pin *now,
			 const struct jf_effect *rec, const struct jf_effect *target)
{
	struct jf_cache_book bk;
	uint64_t settings = jf_cache_settings(b);
	bool fol = jf_kind((enum jf_kind)rec->kind)->flags & JF_KF_FOLLOW;
	long x = fol && target && s->nwatch ? jf_scan_watched(s, target->key) : -1;

	if (!s->replay_only || (fol && (x < 0 || !s->found[x])) ||
	    now->nrecs != old->nrecs + 1 || now->nvoids != old->nvoids + fol ||
	    !jf_cache_book_load(b->root, settings, &bk))
		return;
	size_t f = 0, g = 0;
	while (f < bk.nfiles && strcmp(bk.paths[f], rel))
		g += bk.pins[f++].nvoids;
	bool ok = f < bk.nfiles && jf_cache_pin_eq(&bk.pins[f], old), ins = false;
	size_t lo = 0, at_v = SIZE_MAX;
	const struct jf_book_tgt *at = NULL;
	if (ok && fol) {
		/* the new follow-up's target, where the scan replayed it: found
		 * in the record's targets on disk (a window read at each step) */
		at = &s->watched_at[x];
		size_t hi = bk.ntg;
		while (ok && lo < hi) {
			size_t mid = lo + (hi - lo) / 2;
			const struct jf_book_tgt *t = jf_cache_book_tg(&bk, 0, mid);
			if (!t)
				ok = false;
			else if (cmp_tgt(t, at) < 0)
				lo = mid + 1;
			else
				hi = mid;
		}
		ok = ok && at->nf < bk.nfiles &&
		     at->nk < (at->nf == f ? now->nrecs : bk.pins[at->nf].nrecs);
		const struct jf_book_tgt *t = ok && lo < bk.ntg ? jf_cache_book_tg(&bk, 0, lo) : NULL;
		if (ok && lo < bk.ntg && !t)
			ok = false;
		else if (ok && t && !cmp_tgt(t, at))
			ok = !memcmp(&t->rec, &at->rec, sizeof at->rec);
		else
			ins = ok;
		/* after rel's follow-ups: the book's g-th and on */
		at_v = g + (size_t)old->nvoids;
		ok = ok && at_v <= bk.nvt;
	}
	if (ok)
		(void)jf_cache_book_resave(b->root, settings, &bk, f, now, ins, lo, at, at_v,
					   (uint32_t)lo);
	jf_cache_book_release(&bk);
}
