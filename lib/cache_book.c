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

bool jf_cache_book_load(const char *root, uint64_t settings, struct jf_cache_book *bk)
{
	struct jf_buf p = JF_BUF_INIT;
	struct stat st;
	struct bhead h;
	unsigned char mac[BMAC];
	char *mem = NULL;
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
	if ((uint64_t)st.st_size != size)
		goto out;
	mem = jf_malloc((size_t)size);
	if (jf_pread_all(fd, mem, (size_t)size, 0) != (ssize_t)size)
		goto out;
	/* only this user's jf wrote it */
	if (!jf_cache_mac(mem, (size_t)size - BMAC, mac) ||
	    sodium_memcmp(mac, mem + size - BMAC, BMAC))
		goto out;
	const char *q = mem + sizeof h;
	bk->nfiles = (size_t)h.nfiles;
	bk->pins = jf_calloc(bk->nfiles ? bk->nfiles : 1, sizeof *bk->pins);
	bk->paths = jf_calloc(bk->nfiles ? bk->nfiles : 1, sizeof *bk->paths);
	memcpy(bk->pins, q, bk->nfiles * sizeof *bk->pins);
	q += bk->nfiles * sizeof *bk->pins;
	const char *lens = q, *text = q + bk->nfiles * sizeof(uint32_t);
	uint64_t at = 0, voids = 0;
	for (size_t i = 0; i < bk->nfiles; i++) {
		uint32_t n;
		memcpy(&n, lens + i * sizeof n, sizeof n);
		if (!n || n > BPATH_MAX || n > h.pathbytes - at || memchr(text + at, '\0', n))
			goto out;
		bk->paths[i] = jf_strndup(text + at, n);
		at += n;
		voids += bk->pins[i].nvoids;
		if (bk->pins[i].nvoids > bk->pins[i].nrecs)
			goto out;
	}
	if (at != h.pathbytes || voids != h.nvt)
		goto out;
	q = text + h.pathbytes;
	bk->nvt = (size_t)h.nvt;
	bk->vt = jf_calloc(bk->nvt ? bk->nvt : 1, sizeof *bk->vt);
	memcpy(bk->vt, q, bk->nvt * sizeof *bk->vt);
	q += bk->nvt * sizeof *bk->vt;
	bk->ntg = (size_t)h.ntg;
	bk->tg = jf_calloc(bk->ntg ? bk->ntg : 1, sizeof *bk->tg);
	memcpy(bk->tg, q, bk->ntg * sizeof *bk->tg);
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
	free(mem);
	close(fd);
	if (!ok)
		jf_cache_book_release(bk);
	return ok;
}

int jf_cache_book_save(const char *root, uint64_t settings, const struct jf_cache_book *bk)
{
	struct jf_buf b = JF_BUF_INIT, path = JF_BUF_INIT, tmp = JF_BUF_INIT;
	struct bhead h;
	unsigned char mac[BMAC];
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
	jf_buf_add(&b, (const char *)&h, sizeof h);
	jf_buf_add(&b, (const char *)bk->pins, bk->nfiles * sizeof *bk->pins);
	for (size_t i = 0; i < bk->nfiles; i++) {
		uint32_t n = (uint32_t)strlen(bk->paths[i]);
		jf_buf_add(&b, (const char *)&n, sizeof n);
	}
	for (size_t i = 0; i < bk->nfiles; i++)
		jf_buf_adds(&b, bk->paths[i]);
	jf_buf_add(&b, (const char *)bk->vt, bk->nvt * sizeof *bk->vt);
	jf_buf_add(&b, (const char *)bk->tg, bk->ntg * sizeof *bk->tg);
	if (!jf_cache_mac(b.s, b.len, mac))
		goto out;
	jf_buf_add(&b, (const char *)mac, sizeof mac);
	book_path(root, &path);
	jf_buf_addf(&tmp, "%s.%ld.tmp", path.s, (long)getpid());
	int fd = open(tmp.s, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0666);
	if (fd < 0)
		goto out;
	bool ok = jf_write_all(fd, b.s, b.len) == 0;
	if (close(fd) < 0)
		ok = false;
	if (ok && rename(tmp.s, path.s) == 0)
		rc = 0;
	else
		(void)unlink(tmp.s);
out:
	jf_buf_release(&b);
	jf_buf_release(&path);
	jf_buf_release(&tmp);
	return rc;
}
