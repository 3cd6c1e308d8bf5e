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

/* Read n bytes of the book record at *at into p, into the MAC too. */
static bool bread(int fd, uint64_t *at, void *p, size_t n, struct jf_cache_mac_state *m)
{
	if (jf_pread_all(fd, p, n, (off_t)*at) != (ssize_t)n)
		return false;
	jf_cache_mac_add(m, p, n);
	*at += n;
	return true;
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
	/* read a part at a time into where it is kept (not a copy of the
	 * whole record first), each into the MAC, checked before any is used */
	jf_cache_mac_add(m, &h, sizeof h);
	uint64_t at = sizeof h;
	bk->nfiles = (size_t)h.nfiles;
	bk->pins = jf_calloc(bk->nfiles ? bk->nfiles : 1, sizeof *bk->pins);
	bk->paths = jf_calloc(bk->nfiles ? bk->nfiles : 1, sizeof *bk->paths);
	lens = jf_calloc(bk->nfiles ? bk->nfiles : 1, sizeof *lens);
	text = jf_malloc(h.pathbytes ? (size_t)h.pathbytes : 1);
	bk->nvt = (size_t)h.nvt;
	bk->vt = jf_calloc(bk->nvt ? bk->nvt : 1, sizeof *bk->vt);
	bk->ntg = (size_t)h.ntg;
	bk->tg = jf_calloc(bk->ntg ? bk->ntg : 1, sizeof *bk->tg);
	if (!bread(fd, &at, bk->pins, bk->nfiles * sizeof *bk->pins, m) ||
	    !bread(fd, &at, lens, bk->nfiles * sizeof *lens, m) ||
	    !bread(fd, &at, text, (size_t)h.pathbytes, m) ||
	    !bread(fd, &at, bk->vt, bk->nvt * sizeof *bk->vt, m) ||
	    !bread(fd, &at, bk->tg, bk->ntg * sizeof *bk->tg, m) ||
	    jf_pread_all(fd, got, BMAC, (off_t)at) != (ssize_t)BMAC)
		goto out;
	/* only this user's jf wrote it */
	jf_cache_mac_end(m, mac);
	m = NULL;
	if (sodium_memcmp(mac, got, BMAC))
		goto out;
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
	/* every index in range, the targets in order of place */
	for (size_t i = 0; i < bk->nvt; i++)
		if (bk->vt[i] >= bk->ntg)
			goto out;
	for (size_t i = 0; i < bk->ntg; i++)
		if (bk->tg[i].nf >= bk->nfiles || bk->tg[i].nk >= bk->pins[bk->tg[i].nf].nrecs ||
		    (i && cmp_place(&bk->tg[i - 1], &bk->tg[i]) >= 0))
			goto out;
	ok = true;
out:
	if (m)
		jf_cache_mac_end(m, mac);
	free(lens);
	free(text);
	close(fd);
	if (!ok)
		jf_cache_book_release(bk);
	return ok;
}

/* Write n bytes at p to fd, into the MAC too. */
static bool bwrite(int fd, const void *p, size_t n, struct jf_cache_mac_state *m)
{
	jf_cache_mac_add(m, p, n);
	return jf_write_all(fd, p, n) == 0;
}

int jf_cache_book_save(const char *root, uint64_t settings, const struct jf_cache_book *bk)
{
	struct jf_buf path = JF_BUF_INIT, tmp = JF_BUF_INIT;
	struct bhead h;
	unsigned char mac[BMAC];
	struct jf_cache_mac_state *m;
	int rc = -1;

	if (!settings)
		return -1;
	memset(&h, 0, sizeof h);
	memcpy(h.magic, BMAGIC, 8);
	h.version = BVERSION;
	h.recsize = sizeof(struct jf_effect);
	h.settings = settings;
	h.nfiles = bk->nfiles;
	for (size_t i = 0; i < bk->nfiles; i++)
		h.pathbytes += strlen(bk->paths[i]);
	h.nvt = bk->nvt;
	h.ntg = bk->ntg;
	if (!(m = jf_cache_mac_begin()))
		return -1;
	book_path(root, &path);
	jf_buf_addf(&tmp, "%s.%ld.tmp", path.s, (long)getpid());
	int fd = open(tmp.s, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0666);
	if (fd < 0) {
		jf_cache_mac_end(m, mac);
		goto out;
	}
	/* written a part at a time, not gathered in memory first */
	bool ok = bwrite(fd, &h, sizeof h, m) &&
		  bwrite(fd, bk->pins, bk->nfiles * sizeof *bk->pins, m);
	uint32_t *lens = jf_calloc(bk->nfiles ? bk->nfiles : 1, sizeof *lens);
	for (size_t i = 0; i < bk->nfiles; i++)
		lens[i] = (uint32_t)strlen(bk->paths[i]);
	ok = ok && bwrite(fd, lens, bk->nfiles * sizeof *lens, m);
	free(lens);
	for (size_t i = 0; ok && i < bk->nfiles; i++)
		ok = bwrite(fd, bk->paths[i], strlen(bk->paths[i]), m);
	ok = ok && bwrite(fd, bk->vt, bk->nvt * sizeof *bk->vt, m) &&
	     bwrite(fd, bk->tg, bk->ntg * sizeof *bk->tg, m);
	jf_cache_mac_end(m, mac);
	ok = ok && jf_write_all(fd, mac, sizeof mac) == 0;
	if (close(fd) < 0)
		ok = false;
	if (ok && rename(tmp.s, path.s) == 0)
		rc = 0;
	else
		(void)unlink(tmp.s);
out:
	jf_buf_release(&path);
	jf_buf_release(&tmp);
	return rc;
}
