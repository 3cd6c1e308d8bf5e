/* cache_book.c - the book record of the reader cache (cache.h): what the
 * last check of the rules across files found, so that after an append
 * the next replay need not merge every file's keys again. */
#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "alloc.h"
#include "buf.h"
#include "cache.h"
#include "fileio.h"

#define BMAGIC "JFBOOK\0\1"
#define BVERSION 1u
#define BMAC 32u
#define BFILES_MAX (1u << 20)
#define BPATH_MAX 4096u

/* As written (native layout, like the cache files): the head, nfiles
 * pins, nfiles path lengths (uint32_t), the paths, nvt uint32_t, ntg
 * struct jf_book_tgt, then the MAC of all that. */
struct bhead {
	char magic[8];
	uint32_t version, recsize;
	uint64_t settings, nfiles, pathbytes, nvt, ntg;
};

static void book_path(const char *root, struct jf_buf *out)
{
	jf_buf_addf(out, "%s/.jf/cache/book", root);
}

void jf_cache_book_release(struct jf_cache_book *bk)
{
	for (size_t i = 0; i < bk->nfiles; i++)
		free(bk->paths ? bk->paths[i] : NULL);
	free(bk->paths);
	free(bk->pins);
	free(bk->vt);
	free(bk->tg);
	free(bk->vwin);
	free(bk->twin[0]);
	free(bk->twin[1]);
	if (bk->fd1)
		close(bk->fd1 - 1);
	memset(bk, 0, sizeof *bk);
}

void jf_cache_book_drop(const char *root)
{
	struct jf_buf p = JF_BUF_INIT;
	book_path(root, &p);
	(void)unlink(p.s);
	jf_buf_release(&p);
}

static int cmp_place(const struct jf_book_tgt *a, const struct jf_book_tgt *b)
{
	if (a->nf != b->nf)
		return a->nf < b->nf ? -1 : 1;
	return a->nk < b->nk ? -1 : a->nk > b->nk;
}

#define VT_WIN 4096u  /* follow-ups' target numbers read at a time (16 KiB) */
#define TG_WIN 512u   /* targets read at a time (28 KiB), in order; */
#define TG_WIN1 32u   /* a follow-up's, looked up (1.8 KiB) */

static void ident(const struct stat *st, uint64_t id[7])
{
	id[0] = (uint64_t)st->st_dev;
	id[1] = (uint64_t)st->st_ino;
	id[2] = (uint64_t)st->st_size;
	id[3] = (uint64_t)st->st_mtim.tv_sec;
	id[4] = (uint64_t)st->st_mtim.tv_nsec;
	id[5] = (uint64_t)st->st_ctim.tv_sec;
	id[6] = (uint64_t)st->st_ctim.tv_nsec;
}

/* Read n bytes at `at` of the record loaded into p: they must come from
 * the file as its MAC was checked (any write changes its ctime). */
static bool bk_read(const struct jf_cache_book *bk, uint64_t at, void *p, size_t n)
{
	struct stat st;
	uint64_t id[7];
	if (!bk->fd1 || jf_pread_all(bk->fd1 - 1, p, n, (off_t)at) != (ssize_t)n ||
	    fstat(bk->fd1 - 1, &st) < 0)
		return false;
	ident(&st, id);
	return !memcmp(id, bk->id, sizeof id);
}

/* Is target t (number i, after prev when i > 0) in range and in order? */
static bool tgt_ok(const struct jf_cache_book *bk, const struct jf_book_tgt *t,
		   const struct jf_book_tgt *prev)
{
	return t->nf < bk->nfiles && t->nk < bk->pins[t->nf].nrecs &&
	       (!prev || cmp_place(prev, t) < 0);
}

bool jf_cache_book_load(const char *root, uint64_t settings, struct jf_cache_book *bk)
{
	struct jf_buf p = JF_BUF_INIT;
	struct stat st;
	struct bhead h;
	unsigned char mac[BMAC], got[BMAC];
	uint32_t *lens = NULL;
	char *text = NULL;
	struct jf_cache_mac_state *m = NULL;
	bool ok = false;

	memset(bk, 0, sizeof *bk);
	if (!settings)
		return false;
	book_path(root, &p);
	int fd = open(p.s, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
	jf_buf_release(&p);
	if (fd < 0)
		return false;
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) || (uint64_t)st.st_size < sizeof h + BMAC ||
	    jf_pread_all(fd, &h, sizeof h, 0) != (ssize_t)sizeof h)
		goto out;
	bk->fd1 = fd + 1;
	ident(&st, bk->id);
	if (memcmp(h.magic, BMAGIC, 8) || h.version != BVERSION ||
	    h.recsize != sizeof(struct jf_effect) || h.settings != settings ||
	    h.nfiles > BFILES_MAX || h.pathbytes > h.nfiles * BPATH_MAX ||
	    h.nvt > (uint64_t)st.st_size || h.ntg > (uint64_t)st.st_size)
		goto out;
	uint64_t size = sizeof h + h.nfiles * (sizeof(struct jf_cache_pin) + sizeof(uint32_t)) +
			h.pathbytes + h.nvt * sizeof(uint32_t) + h.ntg * sizeof(struct jf_book_tgt) +
			BMAC;
	if ((uint64_t)st.st_size != size || !(m = jf_cache_mac_begin()))
		goto out;
	/* read a part (a window) at a time, each into the MAC; what is kept
	 * is used only once the MAC is checked */
	jf_cache_mac_add(m, &h, sizeof h);
	uint64_t at = sizeof h;
	bk->nfiles = (size_t)h.nfiles;
	bk->pins = jf_calloc(bk->nfiles ? bk->nfiles : 1, sizeof *bk->pins);
	bk->paths = jf_calloc(bk->nfiles ? bk->nfiles : 1, sizeof *bk->paths);
	lens = jf_calloc(bk->nfiles ? bk->nfiles : 1, sizeof *lens);
	text = jf_malloc(h.pathbytes ? (size_t)h.pathbytes : 1);
	if (!bk_read(bk, at, bk->pins, bk->nfiles * sizeof *bk->pins))
		goto out;
	jf_cache_mac_add(m, bk->pins, bk->nfiles * sizeof *bk->pins);
	at += bk->nfiles * sizeof *bk->pins;
	if (!bk_read(bk, at, lens, bk->nfiles * sizeof *lens))
		goto out;
	jf_cache_mac_add(m, lens, bk->nfiles * sizeof *lens);
	at += bk->nfiles * sizeof *lens;
	if (!bk_read(bk, at, text, (size_t)h.pathbytes))
		goto out;
	jf_cache_mac_add(m, text, (size_t)h.pathbytes);
	at += h.pathbytes;
	uint64_t tat = 0, voids = 0;
	for (size_t i = 0; i < bk->nfiles; i++) {
		uint32_t n = lens[i];
		if (!n || n > BPATH_MAX || n > h.pathbytes - tat || memchr(text + tat, '\0', n))
			goto out;
		bk->paths[i] = jf_strndup(text + tat, n);
		tat += n;
		voids += bk->pins[i].nvoids;
		if (bk->pins[i].nvoids > bk->pins[i].nrecs)
			goto out;
	}
	if (tat != h.pathbytes || voids != h.nvt)
		goto out;
	/* every index in range, the targets in order of place: checked as
	 * they go into the MAC, a window at a time */
	bk->nvt = (size_t)h.nvt;
	bk->ntg = (size_t)h.ntg;
	bk->vt_at = at;
	bk->tg_at = at + h.nvt * sizeof(uint32_t);
	uint32_t vb[VT_WIN];
	for (size_t i = 0; i < bk->nvt; i += VT_WIN) {
		size_t n = bk->nvt - i < VT_WIN ? bk->nvt - i : VT_WIN;
		if (!bk_read(bk, bk->vt_at + i * sizeof *vb, vb, n * sizeof *vb))
			goto out;
		jf_cache_mac_add(m, vb, n * sizeof *vb);
		for (size_t k = 0; k < n; k++)
			if (vb[k] >= bk->ntg)
				goto out;
	}
	struct jf_book_tgt *tb = jf_calloc(TG_WIN, sizeof *tb), last;
	for (size_t i = 0; i < bk->ntg; i += TG_WIN) {
		size_t n = bk->ntg - i < TG_WIN ? bk->ntg - i : TG_WIN;
		bool wok = bk_read(bk, bk->tg_at + i * sizeof *tb, tb, n * sizeof *tb);
		if (wok)
			jf_cache_mac_add(m, tb, n * sizeof *tb);
		for (size_t k = 0; wok && k < n; k++) {
			wok = tgt_ok(bk, &tb[k], i + k ? (k ? &tb[k - 1] : &last) : NULL);
		}
		if (!wok) {
			free(tb);
			goto out;
		}
		last = tb[n - 1];
	}
	free(tb);
	if (!bk_read(bk, bk->tg_at + h.ntg * sizeof(struct jf_book_tgt), got, BMAC))
		goto out;
	/* only this user's jf wrote it */
	jf_cache_mac_end(m, mac);
	m = NULL;
	ok = !sodium_memcmp(mac, got, BMAC);
out:
	if (m)
		jf_cache_mac_end(m, mac);
	free(lens);
	free(text);
	if (!bk->fd1)
		close(fd);
	if (!ok)
		jf_cache_book_release(bk); /* (and the kept fd) */
	return ok;
}

bool jf_cache_book_vt(struct jf_cache_book *bk, size_t g, uint32_t *x)
{
	if (g >= bk->nvt)
		return false;
	if (bk->vt) {
		*x = bk->vt[g];
		return *x < bk->ntg;
	}
	if (!bk->vwin || g < bk->vwin_first || g >= bk->vwin_first + bk->vwin_n) {
		size_t first = g / VT_WIN * VT_WIN;
		size_t n = bk->nvt - first < VT_WIN ? bk->nvt - first : VT_WIN;
		if (!bk->vwin)
			bk->vwin = jf_calloc(VT_WIN, sizeof *bk->vwin);
		bk->vwin_n = 0;
		if (!bk_read(bk, bk->vt_at + first * sizeof *bk->vwin, bk->vwin, n * sizeof *bk->vwin))
			return false;
		bk->vwin_first = first;
		bk->vwin_n = n;
	}
	*x = bk->vwin[g - bk->vwin_first];
	return *x < bk->ntg;
}

const struct jf_book_tgt *jf_cache_book_tg(struct jf_cache_book *bk, int slot, size_t x)
{
	if (x >= bk->ntg || slot < 0 || slot > 1)
		return NULL;
	if (bk->tg)
		return &bk->tg[x];
	if (slot == 1 && bk->twin[0] && x >= bk->twin_first[0] &&
	    x < bk->twin_first[0] + bk->twin_n[0])
		return &bk->twin[0][x - bk->twin_first[0]]; /* near slot 0's, mostly */
	struct jf_book_tgt **w = &bk->twin[slot];
	size_t win = slot ? TG_WIN1 : TG_WIN;
	if (!*w || x < bk->twin_first[slot] || x >= bk->twin_first[slot] + bk->twin_n[slot]) {
		size_t first = x / win * win;
		size_t n = bk->ntg - first < win ? bk->ntg - first : win;
		if (!*w)
			*w = jf_calloc(win, sizeof **w);
		bk->twin_n[slot] = 0;
		if (!bk_read(bk, bk->tg_at + first * sizeof **w, *w, n * sizeof **w))
			return NULL;
		/* as checked when loaded: the same bytes; checked again all
		 * the same, they are cheap to */
		for (size_t k = 0; k < n; k++)
			if (!tgt_ok(bk, &(*w)[k], k ? &(*w)[k - 1] : NULL))
				return NULL;
		bk->twin_first[slot] = first;
		bk->twin_n[slot] = n;
	}
	return &(*w)[x - bk->twin_first[slot]];
}

/* Write n bytes at p to fd, into the MAC too. */
static bool bwrite(int fd, const void *p, size_t n, struct jf_cache_mac_state *m)
{
	jf_cache_mac_add(m, p, n);
	return jf_write_all(fd, p, n) == 0;
}

/* A new book record being written: its temporary file, the MAC of all
 * written so far, and whether every write went well. */
struct bwriter {
	struct jf_buf path, tmp;
	struct jf_cache_mac_state *m;
	int fd;
	bool ok;
};

/* Open the temporary file of root's book record and write its head (for
 * nvt follow-ups and ntg targets), pins, path lengths and paths.  False
 * (nothing to finish) if no MAC key or file could be had. */
static bool bw_begin(struct bwriter *w, const char *root, uint64_t settings,
		     const struct jf_cache_book *bk, uint64_t nvt, uint64_t ntg)
{
	struct bhead h;
	memset(&h, 0, sizeof h);
	memcpy(h.magic, BMAGIC, 8);
	h.version = BVERSION;
	h.recsize = sizeof(struct jf_effect);
	h.settings = settings;
	h.nfiles = bk->nfiles;
	for (size_t i = 0; i < bk->nfiles; i++)
		h.pathbytes += strlen(bk->paths[i]);
	h.nvt = nvt;
	h.ntg = ntg;
	*w = (struct bwriter){ .path = JF_BUF_INIT, .tmp = JF_BUF_INIT, .fd = -1 };
	if (!(w->m = jf_cache_mac_begin()))
		return false;
	book_path(root, &w->path);
	jf_buf_addf(&w->tmp, "%s.%ld.tmp", w->path.s, (long)getpid());
	w->fd = open(w->tmp.s, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0666);
	if (w->fd < 0) {
		unsigned char mac[BMAC];
		jf_cache_mac_end(w->m, mac);
		jf_buf_release(&w->path);
		jf_buf_release(&w->tmp);
		return false;
	}
	/* written a part at a time, not gathered in memory first */
	w->ok = bwrite(w->fd, &h, sizeof h, w->m) &&
		bwrite(w->fd, bk->pins, bk->nfiles * sizeof *bk->pins, w->m);
	uint32_t *lens = jf_calloc(bk->nfiles ? bk->nfiles : 1, sizeof *lens);
	for (size_t i = 0; i < bk->nfiles; i++)
		lens[i] = (uint32_t)strlen(bk->paths[i]);
	w->ok = w->ok && bwrite(w->fd, lens, bk->nfiles * sizeof *lens, w->m);
	free(lens);
	for (size_t i = 0; w->ok && i < bk->nfiles; i++)
		w->ok = bwrite(w->fd, bk->paths[i], strlen(bk->paths[i]), w->m);
	return true;
}

/* End the record with its MAC and put it in place if every write went
 * well (0), else remove it (-1). */
static int bw_end(struct bwriter *w)
{
	unsigned char mac[BMAC];
	int rc = -1;
	jf_cache_mac_end(w->m, mac);
	bool ok = w->ok && jf_write_all(w->fd, mac, sizeof mac) == 0;
	if (close(w->fd) < 0)
		ok = false;
	if (ok && rename(w->tmp.s, w->path.s) == 0)
		rc = 0;
	else
		(void)unlink(w->tmp.s);
	jf_buf_release(&w->path);
	jf_buf_release(&w->tmp);
	return rc;
}

int jf_cache_book_save(const char *root, uint64_t settings, const struct jf_cache_book *bk)
{
	struct bwriter w;
	if (!settings || !bw_begin(&w, root, settings, bk, bk->nvt, bk->ntg))
		return -1;
	w.ok = w.ok && bwrite(w.fd, bk->vt, bk->nvt * sizeof *bk->vt, w.m) &&
	       bwrite(w.fd, bk->tg, bk->ntg * sizeof *bk->tg, w.m);
	return bw_end(&w);
}

int jf_cache_book_resave(const char *root, uint64_t settings, struct jf_cache_book *bk, size_t f,
			 const struct jf_cache_pin *pin, bool ins, size_t lo,
			 const struct jf_book_tgt *t, size_t at_v, uint32_t tv)
{
	struct bwriter w;
	bool fol = at_v != SIZE_MAX;

	if (!settings || bk->vt || bk->tg || !bk->fd1 || f >= bk->nfiles ||
	    (fol && at_v > bk->nvt) || (ins && lo > bk->ntg) || bk->ntg + ins > UINT32_MAX)
		return -1;
	bk->pins[f] = *pin;
	if (!bw_begin(&w, root, settings, bk, bk->nvt + fol, bk->ntg + ins))
		return -1;
	bool ok = w.ok;
	int fd = w.fd;
	struct jf_cache_mac_state *m = w.m;
	/* the follow-ups' targets, a window at a time from the record loaded
	 * (as checked: its file unchanged), renumbered past the new target */
	uint32_t vb[VT_WIN], out[VT_WIN + 1];
	for (size_t i = 0; ok && i <= bk->nvt; i += VT_WIN) {
		size_t n = bk->nvt - i < VT_WIN ? bk->nvt - i : VT_WIN, k = 0;
		ok = bk_read(bk, bk->vt_at + i * sizeof *vb, vb, n * sizeof *vb);
		for (size_t j = 0; ok && j < n; j++) {
			if (fol && i + j == at_v)
				out[k++] = tv;
			if (vb[j] >= bk->ntg)
				ok = false;
			out[k++] = vb[j] + (ins && vb[j] >= lo);
		}
		if (ok && fol && at_v == bk->nvt && n < VT_WIN)
			out[k++] = tv;
		ok = ok && bwrite(fd, out, k * sizeof *out, m);
		if (n < VT_WIN)
			break;
	}
	/* the targets likewise, the new one at its place */
	struct jf_book_tgt *tb = jf_calloc(TG_WIN, sizeof *tb);
	for (size_t i = 0; ok && i <= bk->ntg; i += TG_WIN) {
		size_t n = bk->ntg - i < TG_WIN ? bk->ntg - i : TG_WIN;
		ok = bk_read(bk, bk->tg_at + i * sizeof *tb, tb, n * sizeof *tb);
		if (ok && ins && lo >= i && lo < i + n) {
			ok = bwrite(fd, tb, (lo - i) * sizeof *tb, m) && bwrite(fd, t, sizeof *t, m) &&
			     bwrite(fd, tb + (lo - i), (n - (lo - i)) * sizeof *tb, m);
		} else {
			ok = ok && bwrite(fd, tb, n * sizeof *tb, m);
			if (ok && ins && lo == bk->ntg && n < TG_WIN)
				ok = bwrite(fd, t, sizeof *t, m);
		}
		if (n < TG_WIN)
			break;
	}
	free(tb);
	w.ok = ok;
	return bw_end(&w);
}
