/* cache.c - reading and writing the per-file reader cache. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "alloc.h"
#include "buf.h"
#include "cache.h"
#include "fileio.h"
#include "kind.h"
#include "ledger.h"
#include "lock.h"

#define MAGIC "JFCACHE\1"
#define VERSION 1u

/* The fixed part of a cache file, as written (native layout: a cache is
 * only ever read on the machine that wrote it). */
struct head {
	char magic[8];
	uint32_t version, recsize;
	uint64_t settings;
	uint64_t dev, ino, size, mtime_s, mtime_ns, ctime_s, ctime_ns;
	uint64_t lines;
	uint64_t hash_h, hash_n;
	uint8_t hash_part[8];
	uint64_t nrecs, nvoids;
	uint32_t pathlen, pad;
};

static void cache_path(const char *root, const char *rel, struct jf_buf *out)
{
	jf_buf_addf(out, "%s/.jf/cache/%016llx", root,
		    (unsigned long long)jf_hash_bytes(rel, strlen(rel)));
}

uint64_t jf_cache_settings_hash(const char *root)
{
	static const char *const names[] = { "jf.yaml", "catalogue.yaml", "households.yaml" };
	struct jf_hash h;
	char buf[65536];
	jf_hash_init(&h);
	for (int i = 0; i < 3; i++) {
		struct jf_buf p = JF_BUF_INIT;
		jf_buf_addf(&p, "%s/%s", root, names[i]);
		int fd = open(p.s, O_RDONLY | O_CLOEXEC);
		jf_buf_release(&p);
		if (fd < 0)
			return 0;
		ssize_t n;
		while ((n = read(fd, buf, sizeof buf)) > 0)
			jf_hash_update(&h, buf, (size_t)n);
		close(fd);
		if (n < 0)
			return 0;
		jf_hash_update(&h, "\0", 1); /* file boundary */
	}
	uint64_t v = jf_hash_value(&h);
	return v ? v : 1;
}

void jf_fcache_identity(struct jf_fcache *c, const struct stat *st)
{
	c->dev = (uint64_t)st->st_dev;
	c->ino = (uint64_t)st->st_ino;
	c->size = (uint64_t)st->st_size;
	c->mtime_s = (uint64_t)st->st_mtim.tv_sec;
	c->mtime_ns = (uint64_t)st->st_mtim.tv_nsec;
	c->ctime_s = (uint64_t)st->st_ctim.tv_sec;
	c->ctime_ns = (uint64_t)st->st_ctim.tv_nsec;
}

bool jf_fcache_same(const struct jf_fcache *c, const struct stat *st)
{
	struct jf_fcache now;
	jf_fcache_identity(&now, st);
	return c->dev == now.dev && c->ino == now.ino && c->size == now.size &&
	       c->mtime_s == now.mtime_s && c->mtime_ns == now.mtime_ns &&
	       c->ctime_s == now.ctime_s && c->ctime_ns == now.ctime_ns;
}

void jf_fcache_release(struct jf_fcache *c)
{
	free(c->recs);
	free(c->voids);
	memset(c, 0, sizeof *c);
}

static bool read_all(int fd, void *p, size_t n)
{
	return jf_read_all(fd, p, n) == (ssize_t)n;
}

/* Does a record of kind k (not yet checked) follow up another entry? */
static bool follow(uint8_t k)
{
	return k < JF_NKINDS && (jf_kind((enum jf_kind)k)->flags & JF_KF_FOLLOW);
}

/* Is every index in the record within the book's tables? */
static bool rec_ok(const struct jf_effect *r, const struct jf_book *b)
{
	if (r->kind >= JF_NKINDS || r->village >= b->nvillages)
		return false;
	enum jf_kind k = (enum jf_kind)r->kind;
	if (r->household < -1 || (r->household >= 0 && (size_t)r->household >= b->nhouseholds))
		return false;
	if (jf_kind_has(k, JF_F_ACTIVITY) && r->what >= b->nactivities)
		return false;
	if (jf_kind_has(k, JF_F_ITEM) && r->what >= b->ngoods)
		return false;
	if (jf_kind_has(k, JF_F_HOUSEHOLD) && r->household < 0)
		return false;
	return true;
}

bool jf_cache_load(const char *root, const char *rel, uint64_t settings,
		   const struct jf_book *b, struct jf_fcache *c)
{
	struct jf_buf p = JF_BUF_INIT;
	struct head h;
	struct stat st;
	bool ok = false;
	char *path = NULL;

	memset(c, 0, sizeof *c);
	cache_path(root, rel, &p);
	int fd = open(p.s, O_RDONLY | O_CLOEXEC);
	jf_buf_release(&p);
	if (fd < 0)
		return false;
	if (fstat(fd, &st) < 0 || !read_all(fd, &h, sizeof h))
		goto out;
	if (memcmp(h.magic, MAGIC, 8) || h.version != VERSION ||
	    h.recsize != sizeof(struct jf_effect) || h.settings != settings || !settings)
		goto out;
	/* bounds before any allocation: an entry takes well over 16 bytes */
	if (h.pathlen != strlen(rel) || h.nrecs > h.size / 16 || h.nvoids > h.nrecs ||
	    h.hash_n != h.size || h.lines > h.size)
		goto out;
	uint64_t want = sizeof h + h.pathlen + h.nrecs * sizeof(struct jf_effect) +
			h.nvoids * sizeof(struct jf_cache_void) + sizeof(uint64_t);
	if ((uint64_t)st.st_size != want)
		goto out;
	path = jf_malloc(h.pathlen + 1);
	if (!read_all(fd, path, h.pathlen) || memcmp(path, rel, h.pathlen))
		goto out;
	c->recs = jf_calloc(h.nrecs ? h.nrecs : 1, sizeof *c->recs);
	c->voids = jf_calloc(h.nvoids ? h.nvoids : 1, sizeof *c->voids);
	uint64_t sum;
	if (!read_all(fd, c->recs, h.nrecs * sizeof *c->recs) ||
	    !read_all(fd, c->voids, h.nvoids * sizeof *c->voids) || !read_all(fd, &sum, sizeof sum))
		goto out;
	/* the checksum covers everything before it */
	struct jf_hash hs;
	jf_hash_init(&hs);
	jf_hash_update(&hs, &h, sizeof h);
	jf_hash_update(&hs, path, h.pathlen);
	jf_hash_update(&hs, c->recs, h.nrecs * sizeof *c->recs);
	jf_hash_update(&hs, c->voids, h.nvoids * sizeof *c->voids);
	if (jf_hash_value(&hs) != sum)
		goto out;
	size_t nv = 0;
	for (size_t i = 0; i < h.nrecs; i++) {
		if (!rec_ok(&c->recs[i], b) || c->recs[i].flags & ~JF_EFFECT_VOIDED)
			goto out;
		nv += follow(c->recs[i].kind);
	}
	if (nv != h.nvoids)
		goto out;
	for (size_t i = 0; i < h.nvoids; i++)
		/* a follow-up never acts on one of its own kind */
		if (c->voids[i].rec >= h.nrecs || !follow(c->recs[c->voids[i].rec].kind) ||
		    (i && c->voids[i].rec <= c->voids[i - 1].rec) ||
		    !rec_ok(&c->voids[i].target, b) ||
		    c->voids[i].target.kind == c->recs[c->voids[i].rec].kind)
			goto out;
	c->dev = h.dev;
	c->ino = h.ino;
	c->size = h.size;
	c->mtime_s = h.mtime_s;
	c->mtime_ns = h.mtime_ns;
	c->ctime_s = h.ctime_s;
	c->ctime_ns = h.ctime_ns;
	c->lines = h.lines;
	c->hash.h = h.hash_h;
	c->hash.n = h.hash_n;
	memcpy(c->hash.part, h.hash_part, 8);
	c->nrecs = (size_t)h.nrecs;
	c->nvoids = (size_t)h.nvoids;
	ok = true;
out:
	free(path);
	close(fd);
	if (!ok)
		jf_fcache_release(c);
	return ok;
}

static bool write_all(int fd, const void *p, size_t n, struct jf_hash *hs)
{
	if (hs)
		jf_hash_update(hs, p, n);
	return jf_write_all(fd, p, n) == 0;
}

int jf_cache_save(const char *root, const char *rel, uint64_t settings,
		  const struct jf_fcache *c, const struct jf_index *ix, size_t first)
{
	struct jf_buf dir = JF_BUF_INIT, path = JF_BUF_INIT, tmp = JF_BUF_INIT;
	struct jf_hash hs;
	struct head h;
	int fd, rc = -1;

	if (!settings)
		return -1;
	struct jf_diags ignored = JF_DIAGS_INIT;
	enum jf_status pst = jf_private_dir(root, &ignored); /* BOOK/.jf, self-ignored */
	jf_diags_release(&ignored);
	if (pst != JF_OK)
		goto out;
	jf_buf_addf(&dir, "%s/.jf/cache", root);
	if (mkdir(dir.s, 0777) < 0 && errno != EEXIST)
		goto out;
	cache_path(root, rel, &path);
	jf_buf_addf(&tmp, "%s.%ld.tmp", path.s, (long)getpid());
	fd = open(tmp.s, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
	if (fd < 0)
		goto out;
	memset(&h, 0, sizeof h);
	memcpy(h.magic, MAGIC, 8);
	h.version = VERSION;
	h.recsize = sizeof(struct jf_effect);
	h.settings = settings;
	h.dev = c->dev;
	h.ino = c->ino;
	h.size = c->size;
	h.mtime_s = c->mtime_s;
	h.mtime_ns = c->mtime_ns;
	h.ctime_s = c->ctime_s;
	h.ctime_ns = c->ctime_ns;
	h.lines = c->lines;
	h.hash_h = c->hash.h;
	h.hash_n = c->hash.n;
	memcpy(h.hash_part, c->hash.part, 8);
	h.nrecs = c->nrecs;
	h.nvoids = c->nvoids;
	h.pathlen = (uint32_t)strlen(rel);
	jf_hash_init(&hs);
	bool ok = write_all(fd, &h, sizeof h, &hs) && write_all(fd, rel, h.pathlen, &hs);
	if (c->recs)
		ok = ok && write_all(fd, c->recs, c->nrecs * sizeof *c->recs, &hs);
	/* else records straight from the index, in runs of consecutive ones */
	for (size_t i = 0; ok && !c->recs && i < c->nrecs;) {
		const struct jf_effect *r = jf_index_at(ix, first + i);
		size_t run = 1;
		while (i + run < c->nrecs && jf_index_at(ix, first + i + run) == r + run)
			run++;
		ok = write_all(fd, r, run * sizeof *r, &hs);
		i += run;
	}
	ok = ok && write_all(fd, c->voids, c->nvoids * sizeof *c->voids, &hs);
	uint64_t sum = jf_hash_value(&hs);
	ok = ok && write_all(fd, &sum, sizeof sum, NULL);
	if (close(fd) < 0)
		ok = false;
	if (ok && rename(tmp.s, path.s) == 0)
		rc = 0;
	else
		unlink(tmp.s);
out:
	jf_buf_release(&dir);
	jf_buf_release(&path);
	jf_buf_release(&tmp);
	return rc;
}

int jf_cache_extend(const struct jf_book *b, const char *rel, bool existed,
		    const struct stat *before, const char *text, size_t len,
		    const struct jf_effect *rec, const struct jf_effect *target)
{
	struct jf_buf p = JF_BUF_INIT;
	struct jf_fcache c;
	struct stat now;
	uint64_t settings = jf_cache_settings_hash(b->root);
	int rc = -1;

	memset(&c, 0, sizeof c);
	jf_buf_addf(&p, "%s/%s", b->root, rel);
	if (!settings || stat(p.s, &now) < 0 ||
	    (uint64_t)now.st_size != (existed ? (uint64_t)before->st_size : 0) + len)
		goto out;
	if (existed) {
		if (!jf_cache_load(b->root, rel, settings, b, &c) || !jf_fcache_same(&c, before))
			goto out;
	} else {
		jf_hash_init(&c.hash);
	}
	c.recs = jf_reallocarray(c.recs, c.nrecs + 1, sizeof *c.recs);
	c.recs[c.nrecs] = *rec;
	if (follow(rec->kind)) {
		if (!target)
			goto out;
		c.voids = jf_reallocarray(c.voids, c.nvoids + 1, sizeof *c.voids);
		memset(&c.voids[c.nvoids], 0, sizeof *c.voids);
		c.voids[c.nvoids].rec = (uint32_t)c.nrecs;
		c.voids[c.nvoids].target = *target;
		c.nvoids++;
	}
	c.nrecs++;
	jf_hash_update(&c.hash, text, len);
	for (size_t i = 0; i < len; i++)
		c.lines += text[i] == '\n';
	jf_fcache_identity(&c, &now);
	rc = jf_cache_save(b->root, rel, settings, &c, NULL, 0);
out:
	jf_fcache_release(&c);
	jf_buf_release(&p);
	return rc;
}
