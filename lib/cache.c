/* cache.c - reading and writing the per-file reader cache. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "alloc.h"
#include "buf.h"
#include "cache.h"
#include "fileio.h"
#include "i18n.h"
#include "kind.h"
#include "ledger.h"
#include "lock.h"

#define MAGIC "JFCACHE\1"
#define VERSION 14u
#define KEYLEN 32u          /* the MAC's key, local to this machine and user */
#define MACLEN 32u          /* the MAC ending each cache file */
#define TMP_AGE 60          /* seconds after which a *.tmp is a dead writer's */
#define KEEP_FD_MAX 512     /* cache files kept open while they are replayed */

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
	uint32_t pathlen, win;          /* win: JF_CACHE_WIN records a window */
	uint8_t nonce[JF_CACHE_NONCE];  /* random, new each time it is written */
	uint8_t recs_sum[JF_CACHE_TAG], pos_sum[JF_CACHE_TAG], keys_sum[JF_CACHE_TAG];
					/* the tags of the records, places, sorted
					 * keys (sect_init) */
};

/* After the path and voids: the windows' tags (for each window of
 * JF_CACHE_WIN records, the tag of its records, then the tag of their
 * places: win_init), then the warned part, then its warnings (wbytes of
 * struct wrec and their texts), then the MAC of all that, then the sorted
 * keys, the records and their places (which the head's sums hold). */
struct whead {
	uint64_t wsize, wlines, wrecs;
	uint64_t whash_h, whash_n;
	uint8_t whash_part[8];
	uint64_t nwarns, wbytes;
};

/* A warning as written: then fmtlen bytes of format, msglen of message. */
struct wrec {
	uint32_t rec, line, col, fmtlen, msglen, pad;
	uint64_t tr;
};
#define WARN_TEXT_MAX 65536u  /* longer warnings are not cached */
#define WARN_BYTES_MAX (64u << 20)

static void cache_path(const char *root, const char *rel, struct jf_buf *out)
{
	jf_buf_addf(out, "%s/.jf/cache/%016llx", root,
		    (unsigned long long)jf_hash_bytes(rel, strlen(rel)));
}

static bool read_all(int fd, void *p, size_t n);
static bool write_all(int fd, const void *p, size_t n, struct jf_hash *hs);

/* ---- the key ----
 * A cache file's head, voids and warnings end with a keyed BLAKE2b MAC
 * (libsodium's crypto_generichash) of all of them, the head holding the
 * tags of the parts after the MAC (sect_init).  The key is 32 random bytes
 * in $XDG_CACHE_HOME/jf/key (else ~/.cache/jf/key), made on first use,
 * mode 0600 in a directory only its owner may write: never in the book, so
 * no clone, push or pull, and nobody who can write BOOK/.jf/ but is not
 * this user, can make a cache this user's readers accept. */

/* Make directory path (one level) if missing; it must then be a directory
 * of ours that nobody else may write.  Returns 0 or -1. */
static int own_dir(const char *path, bool create)
{
	struct stat st;
	if (create && mkdir(path, 0700) < 0 && errno != EEXIST)
		return -1;
	if (lstat(path, &st) < 0 || !S_ISDIR(st.st_mode))
		return -1;
	if (!create)
		return 0; /* a parent ($HOME, $XDG_CACHE_HOME): only must exist */
	return st.st_uid == geteuid() && !(st.st_mode & 022) ? 0 : -1;
}

/* The key directory, "$XDG_CACHE_HOME/jf" or "$HOME/.cache/jf", made if
 * missing.  Returns 0 with the path in out, or -1 (no usable place). */
static int key_dir(struct jf_buf *out)
{
	const char *x = getenv("XDG_CACHE_HOME"), *home = getenv("HOME");
	if (x && x[0] == '/') {
		jf_buf_adds(out, x);
		if (own_dir(out->s, false) < 0 && mkdir(out->s, 0700) < 0)
			return -1;
	} else if (home && home[0] == '/') {
		jf_buf_addf(out, "%s", home);
		if (own_dir(out->s, false) < 0)
			return -1;
		jf_buf_adds(out, "/.cache");
		if (own_dir(out->s, false) < 0 && mkdir(out->s, 0700) < 0)
			return -1;
	} else {
		return -1;
	}
	jf_buf_adds(out, "/jf");
	return own_dir(out->s, true);
}

/* Read a key file: a regular file of ours, private, of exactly KEYLEN
 * bytes.  Returns 0, 1 when it is missing, or -1 (unusable). */
static int read_key(const char *path, unsigned char key[KEYLEN])
{
	struct stat st;
	int fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0)
		return errno == ENOENT ? 1 : -1;
	int rc = -1;
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_uid == geteuid() &&
	    !(st.st_mode & 077) && st.st_size == KEYLEN && read_all(fd, key, KEYLEN))
		rc = 0;
	close(fd);
	return rc;
}

/* Make the key file: KEYLEN bytes from getrandom(2) written to a private
 * temporary file, then linked into place (whoever links first wins). */
static void make_key(const char *dir, const char *path)
{
	unsigned char key[KEYLEN];
	struct jf_buf tmp = JF_BUF_INIT;
	size_t got = 0;
	while (got < KEYLEN) {
		ssize_t k = getrandom(key + got, KEYLEN - got, 0);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			return;
		got += (size_t)k;
	}
	jf_buf_addf(&tmp, "%s/key.%ld.tmp", dir, (long)getpid());
	(void)unlink(tmp.s);
	int fd = open(tmp.s, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (fd >= 0) {
		bool ok = write_all(fd, key, KEYLEN, NULL) && fsync(fd) == 0;
		if (close(fd) < 0)
			ok = false;
		if (ok)
			(void)link(tmp.s, path); /* EEXIST: another process made it */
		(void)unlink(tmp.s);
	}
	sodium_memzero(key, sizeof key);
	jf_buf_release(&tmp);
}

/* This user's cache key, loaded (or made) once per process.  NULL when
 * there is none to be had: then no cache is read or written. */
static const unsigned char *cache_key(void)
{
	static unsigned char key[KEYLEN];
	static int state; /* 0: not tried, 1: have it, -1: none */
	if (state)
		return state > 0 ? key : NULL;
	state = -1;
	struct jf_buf dir = JF_BUF_INIT, path = JF_BUF_INIT;
	if (sodium_init() >= 0 && key_dir(&dir) == 0) {
		jf_buf_addf(&path, "%s/key", dir.s);
		int rk = read_key(path.s, key);
		if (rk == 1) {
			make_key(dir.s, path.s);
			rk = read_key(path.s, key);
		}
		if (rk == 0)
			state = 1;
	}
	jf_buf_release(&dir);
	jf_buf_release(&path);
	return state > 0 ? key : NULL;
}

static void mac_init(crypto_generichash_state *m, const unsigned char *key)
{
	static const char domain[] = "jf reader cache v2"; /* with its NUL */
	crypto_generichash_init(m, key, KEYLEN, MACLEN);
	crypto_generichash_update(m, (const unsigned char *)domain, sizeof domain);
}

static void mac_update(crypto_generichash_state *m, const void *p, size_t n)
{
	crypto_generichash_update(m, p, n);
}

/* The sections after the MAC (sorted keys, records, places) are read one
 * at a time, long after the MAC was checked, so each has a tag of its
 * own in the MAC'd head: Poly1305 (crypto_onetimeauth, three times the
 * speed of BLAKE2b) under a key used for that section of that writing of
 * the file only, BLAKE2b(user's key; domain, the file's random nonce, the
 * section).  A section of another cache file, or of an earlier writing of
 * this one, does not pass. */
enum { SECT_KEYS = 1, SECT_RECS, SECT_POS };

static bool sect_init(crypto_onetimeauth_state *st, const unsigned char nonce[JF_CACHE_NONCE],
		      int sect)
{
	static const char domain[] = "jf reader cache section"; /* with its NUL */
	unsigned char in[sizeof domain + JF_CACHE_NONCE + 1], k[crypto_onetimeauth_KEYBYTES];
	const unsigned char *key = cache_key();
	if (!key)
		return false;
	memcpy(in, domain, sizeof domain);
	memcpy(in + sizeof domain, nonce, JF_CACHE_NONCE);
	in[sizeof in - 1] = (unsigned char)sect;
	bool ok = crypto_generichash(k, sizeof k, in, sizeof in, key, KEYLEN) == 0 &&
		  crypto_onetimeauth_init(st, k) == 0;
	sodium_memzero(k, sizeof k);
	return ok;
}

/* The records and places are read and checked a window of JF_CACHE_WIN
 * at a time: each window has its own tag (in the MAC'd part: the head's
 * recs_sum and pos_sum are then the tags of the list of them), under a
 * key of that writing, part and window only, so that a window of another
 * place, file or writing does not pass. */
static bool win_init(crypto_onetimeauth_state *st, const unsigned char nonce[JF_CACHE_NONCE],
		     int sect, uint64_t w)
{
	static const char domain[] = "jf reader cache window"; /* with its NUL */
	unsigned char in[sizeof domain + JF_CACHE_NONCE + 1 + 8], k[crypto_onetimeauth_KEYBYTES];
	const unsigned char *key = cache_key();
	if (!key)
		return false;
	memcpy(in, domain, sizeof domain);
	memcpy(in + sizeof domain, nonce, JF_CACHE_NONCE);
	in[sizeof domain + JF_CACHE_NONCE] = (unsigned char)sect;
	for (int i = 0; i < 8; i++)
		in[sizeof domain + JF_CACHE_NONCE + 1 + i] = (unsigned char)(w >> (8 * i));
	bool ok = crypto_generichash(k, sizeof k, in, sizeof in, key, KEYLEN) == 0 &&
		  crypto_onetimeauth_init(st, k) == 0;
	sodium_memzero(k, sizeof k);
	return ok;
}

static bool win_tag(const unsigned char nonce[JF_CACHE_NONCE], int sect, uint64_t w,
		    const void *p, size_t n, unsigned char tag[JF_CACHE_TAG])
{
	crypto_onetimeauth_state st;
	return win_init(&st, nonce, sect, w) &&
	       crypto_onetimeauth_update(&st, p, n) == 0 && crypto_onetimeauth_final(&st, tag) == 0;
}

/* Cache files are kept open below this descriptor: KEEP_FD_MAX, or half
 * the process's limit of open files if that is lower, so that the ledger
 * files and the rest still open when every cache file is kept. */
static int keep_fd_max(void)
{
	static int max = -1;
	struct rlimit rl;
	if (max < 0) {
		max = KEEP_FD_MAX;
		if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY &&
		    rl.rlim_cur / 2 < (rlim_t)max)
			max = (int)(rl.rlim_cur / 2);
	}
	return max;
}

/* The tag of n bytes at p, section sect. */
static bool sect_tag(const unsigned char nonce[JF_CACHE_NONCE], int sect, const void *p, size_t n,
		     unsigned char tag[JF_CACHE_TAG])
{
	crypto_onetimeauth_state st;
	return sect_init(&st, nonce, sect) &&
	       crypto_onetimeauth_update(&st, p, n) == 0 && crypto_onetimeauth_final(&st, tag) == 0;
}

bool jf_cache_settings_digest(const char *root, unsigned char out[32])
{
	static const char *const names[] = { "jf.yaml", "catalogue.yaml", "households.yaml",
					     "volunteers.yaml" };
	crypto_generichash_state h;
	unsigned char buf[65536];
	if (sodium_init() < 0 || crypto_generichash_init(&h, NULL, 0, 32) != 0)
		return false;
	for (int i = 0; i < 4; i++) {
		struct jf_buf p = JF_BUF_INIT;
		jf_buf_addf(&p, "%s/%s", root, names[i]);
		int fd = open(p.s, O_RDONLY | O_CLOEXEC);
		int e = errno;
		jf_buf_release(&p);
		if (fd < 0 && i == 3 && e == ENOENT) {
			/* volunteers.yaml is optional: its absence is hashed too,
			 * and cannot hash as any content (which follows a '+') */
			crypto_generichash_update(&h, (const unsigned char *)"-", 1);
			continue;
		}
		if (fd < 0)
			return false;
		if (i == 3)
			crypto_generichash_update(&h, (const unsigned char *)"+", 1);
		/* each file's length first: no bytes move from one to the next */
		struct stat st;
		ssize_t n = 0;
		uint64_t len = 0, got = 0;
		if (fstat(fd, &st) == 0)
			len = (uint64_t)st.st_size;
		crypto_generichash_update(&h, (const unsigned char *)&len, sizeof len);
		while ((n = read(fd, buf, sizeof buf)) > 0) {
			crypto_generichash_update(&h, buf, (size_t)n);
			got += (uint64_t)n;
		}
		close(fd);
		if (n < 0 || got != len)
			return false;
	}
	return crypto_generichash_final(&h, out, 32) == 0;
}

uint64_t jf_cache_settings(const struct jf_book *b)
{
	static const char domain[] = "jf reader cache settings"; /* with its NUL */
	const unsigned char *key;
	crypto_generichash_state m;
	unsigned char out[8];
	uint64_t v;
	if (!b->settings_ok || !(key = cache_key()))
		return 0;
	crypto_generichash_init(&m, key, KEYLEN, sizeof out);
	crypto_generichash_update(&m, (const unsigned char *)domain, sizeof domain);
	crypto_generichash_update(&m, b->settings_digest, sizeof b->settings_digest);
	crypto_generichash_final(&m, out, sizeof out);
	memcpy(&v, out, sizeof v);
	return v ? v : 1;
}

void jf_cache_settings_ident(const char *root, struct jf_settings_ident *id)
{
	static const char *const names[] = { "jf.yaml", "catalogue.yaml", "households.yaml",
					     "volunteers.yaml" };
	memset(id, 0, sizeof *id);
	for (int i = 0; i < 4; i++) {
		struct jf_buf p = JF_BUF_INIT;
		struct stat st;
		jf_buf_addf(&p, "%s/%s", root, names[i]);
		if (stat(p.s, &st) == 0) {
			uint64_t *v = id->v[i];
			v[0] = 1;
			v[1] = (uint64_t)st.st_dev;
			v[2] = (uint64_t)st.st_ino;
			v[3] = (uint64_t)st.st_size;
			v[4] = (uint64_t)st.st_mtim.tv_sec;
			v[5] = (uint64_t)st.st_mtim.tv_nsec;
			v[6] = (uint64_t)st.st_ctim.tv_sec;
			v[7] = (uint64_t)st.st_ctim.tv_nsec;
		}
		jf_buf_release(&p);
	}
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

uint64_t jf_fcache_fid(const struct jf_fcache *c)
{
	const uint64_t v[7] = { c->dev, c->ino, c->size, c->mtime_s, c->mtime_ns,
				c->ctime_s, c->ctime_ns };
	uint64_t h = jf_hash_bytes(v, sizeof v);
	return h ? h : 1;
}

uint64_t jf_fid_of(const struct stat *st)
{
	struct jf_fcache c;
	jf_fcache_identity(&c, st);
	return jf_fcache_fid(&c);
}

/* A cache file's identity into pin p; is st still that file so? */
static void pin_identity(struct jf_cache_pin *p, const struct stat *st)
{
	p->dev = (uint64_t)st->st_dev;
	p->ino = (uint64_t)st->st_ino;
	p->size = (uint64_t)st->st_size;
	p->mtime_s = (uint64_t)st->st_mtim.tv_sec;
	p->mtime_ns = (uint64_t)st->st_mtim.tv_nsec;
	p->ctime_s = (uint64_t)st->st_ctim.tv_sec;
	p->ctime_ns = (uint64_t)st->st_ctim.tv_nsec;
}

static bool pin_same_file(const struct jf_cache_pin *p, int fd)
{
	struct stat st;
	struct jf_cache_pin now;
	if (fstat(fd, &st) < 0)
		return false;
	pin_identity(&now, &st);
	return p->dev == now.dev && p->ino == now.ino && p->size == now.size &&
	       p->mtime_s == now.mtime_s && p->mtime_ns == now.mtime_ns &&
	       p->ctime_s == now.ctime_s && p->ctime_ns == now.ctime_ns;
}

bool jf_cache_pin_eq(const struct jf_cache_pin *a, const struct jf_cache_pin *b)
{
	return a->dev == b->dev && a->ino == b->ino && a->size == b->size &&
	       a->mtime_s == b->mtime_s && a->mtime_ns == b->mtime_ns &&
	       a->ctime_s == b->ctime_s && a->ctime_ns == b->ctime_ns && a->nrecs == b->nrecs &&
	       a->nvoids == b->nvoids && !memcmp(a->nonce, b->nonce, sizeof a->nonce) &&
	       !memcmp(a->keys_sum, b->keys_sum, sizeof a->keys_sum) &&
	       !memcmp(a->recs_sum, b->recs_sum, sizeof a->recs_sum) &&
	       !memcmp(a->pos_sum, b->pos_sum, sizeof a->pos_sum);
}

struct jf_cache_mac_state {
	crypto_generichash_state s;
};

struct jf_cache_mac_state *jf_cache_mac_begin(void)
{
	static const char domain[] = "jf reader cache book record"; /* with its NUL */
	const unsigned char *key = cache_key();
	if (!key)
		return NULL;
	/* the state wants its alignment (64 bytes at most) */
	struct jf_cache_mac_state *m =
		aligned_alloc(64, (sizeof(struct jf_cache_mac_state) + 63) / 64 * 64);
	if (!m)
		jf_oom();
	crypto_generichash_init(&m->s, key, KEYLEN, MACLEN);
	crypto_generichash_update(&m->s, (const unsigned char *)domain, sizeof domain);
	return m;
}

void jf_cache_mac_add(struct jf_cache_mac_state *m, const void *p, size_t n)
{
	crypto_generichash_update(&m->s, p, n);
}

void jf_cache_mac_end(struct jf_cache_mac_state *m, unsigned char mac[32])
{
	crypto_generichash_final(&m->s, mac, MACLEN);
	sodium_memzero(m, sizeof *m);
	free(m);
}

bool jf_cache_mac(const void *p, size_t n, unsigned char mac[32])
{
	struct jf_cache_mac_state *m = jf_cache_mac_begin();
	if (!m)
		return false;
	jf_cache_mac_add(m, p, n);
	jf_cache_mac_end(m, mac);
	return true;
}

int jf_idkey_cmp(struct jf_idkey a, struct jf_idkey b)
{
	for (int i = 0; i < 3; i++)
		if (a.w[i] != b.w[i])
			return a.w[i] < b.w[i] ? -1 : 1;
	return 0;
}

/* The records being saved, to sort their numbers by key (4 bytes a record,
 * not a copy of each key): in c->recs, or in the index from `first` on.
 * Set only while jf_cache_save() sorts (jf is single-threaded). */
static struct {
	const struct jf_fcache *c;
	const struct jf_index *ix;
	size_t first;
} saving;

static const struct jf_effect *saved_rec(uint32_t i)
{
	return saving.c->recs ? &saving.c->recs[i] : jf_index_at(saving.ix, saving.first + i);
}

static int cmp_saved(const void *a, const void *b)
{
	return jf_idkey_cmp(saved_rec(*(const uint32_t *)a)->key, saved_rec(*(const uint32_t *)b)->key);
}

void jf_fcache_release(struct jf_fcache *c)
{
	for (size_t i = 0; i < c->nwarns; i++) {
		free(c->warns[i].fmt);
		free(c->warns[i].msg);
	}
	free(c->warns);
	free(c->recs);
	free(c->voids);
	free(c->pos);
	free(c->wtags);
	if (c->fd1)
		close(c->fd1 - 1);
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

/* Is follow-up record f the one of record r, acting on target t? */
static bool fu_ok(const struct jf_fu *f, const struct jf_effect *r, const struct jf_effect *t)
{
	size_t n = strnlen(f->id, sizeof f->id);
	return n < sizeof f->id && jf_id_valid(f->id) &&
	       jf_idkey_eq(jf_id_key(f->id, n), r->key) && jf_idkey_eq(f->ref, t->key) &&
	       jf_idkey_eq(f->target, t->key) &&
	       jf_idkey_eq(f->key, r->key) && f->date == r->date && f->kind == r->kind &&
	       f->who == r->who && (f->has_at == 0 || f->has_at == 1);
}

/* Is cached follow-up v's ref the text of its target's id?  (Only in the
 * warned part; past it a writer's extend left it empty.) */
static bool ref_ok(const struct jf_cache_void *v, bool warned)
{
	size_t n = strnlen(v->ref, sizeof v->ref);
	if (n == sizeof v->ref)
		return false;
	if (!warned)
		return true;
	return jf_id_valid(v->ref) && jf_idkey_eq(jf_id_key(v->ref, n), v->target.key) &&
	       v->ref_line > 0;
}

/* Read the warnings section (wbytes bytes, n warnings) into c->warns, into
 * the MAC too.  False if it is not well-formed or a format translates
 * otherwise now (another language: the file is read again). */
static bool read_warns(int fd, uint64_t wbytes, uint64_t n, uint64_t wrecs,
		       crypto_generichash_state *m, struct jf_fcache *c)
{
	if (wbytes > WARN_BYTES_MAX || n > wbytes / sizeof(struct wrec))
		return false;
	char *mem = jf_malloc(wbytes ? (size_t)wbytes : 1);
	bool ok = read_all(fd, mem, (size_t)wbytes);
	if (ok)
		mac_update(m, mem, (size_t)wbytes);
	c->warns = jf_calloc(n ? (size_t)n : 1, sizeof *c->warns);
	size_t at = 0;
	uint32_t last = 0;
	for (size_t i = 0; ok && i < n; i++) {
		struct wrec w;
		if (wbytes - at < sizeof w) {
			ok = false;
			break;
		}
		memcpy(&w, mem + at, sizeof w);
		at += sizeof w;
		if (w.fmtlen > WARN_TEXT_MAX || w.msglen > WARN_TEXT_MAX ||
		    wbytes - at < (uint64_t)w.fmtlen + w.msglen || w.rec >= wrecs || w.rec < last) {
			ok = false;
			break;
		}
		last = w.rec;
		struct jf_cache_warn *cw = &c->warns[c->nwarns++];
		cw->rec = w.rec;
		cw->line = w.line;
		cw->col = w.col;
		cw->tr = w.tr;
		cw->fmt = jf_strndup(mem + at, w.fmtlen);
		at += w.fmtlen;
		cw->msg = jf_strndup(mem + at, w.msglen);
		at += w.msglen;
		ok = strlen(cw->fmt) == w.fmtlen && strlen(cw->msg) == w.msglen;
		if (ok) {
			const char *t = jf_tr(cw->fmt);
			ok = jf_hash_bytes(t, strlen(t)) == cw->tr;
		}
	}
	free(mem);
	return ok && at == wbytes;
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
	if ((jf_kind(k)->required & JF_FB(JF_F_HOUSEHOLD)) && r->household < 0)
		return false;
	if (r->who < -1 || (r->who >= 0 && (size_t)r->who >= b->review.nreviewers))
		return false;
	if (r->need > JF_REVIEWERS_MAX || r->notice > JF_NOTICE_DAYS_MAX ||
	    (r->need && !jf_kind_has(k, JF_F_APPROVALS)))
		return false;
	if (jf_kind_has(k, JF_F_TO) && (r->qty < 0 || (size_t)r->qty >= b->nhouseholds))
		return false;
	/* the wish family's slots (wish.h) */
	if ((jf_kind_has(k, JF_F_SERVICE) && r->what > b->vol.nservices) ||
	    (jf_kind_has(k, JF_F_TEAM) && r->what > b->vol.nteams) ||
	    (jf_kind_has(k, JF_F_TEAM) && (r->qty < -1 || (r->qty >= 0 &&
					  (size_t)r->qty >= b->vol.nvolunteers))) ||
	    r->vol > b->vol.nvolunteers || (r->vol && !jf_kind_has(k, JF_F_VOLUNTEER)))
		return false;
	return true;
}

/* Are the places of the n records in the cached part (size bytes, lines
 * lines) and in file order: each entry's bytes after the one before, its
 * mapping on the first of its lines? */
static bool pos_ok(const struct jf_cache_pos *p, uint64_t n, uint64_t size, uint64_t lines)
{
	for (uint64_t i = 0; i < n; i++) {
		if (!p[i].len || (uint64_t)p[i].off + p[i].len > size || !p[i].line ||
		    p[i].line > lines || !p[i].col)
			return false;
		if (i && ((uint64_t)p[i - 1].off + p[i - 1].len > p[i].off ||
			  p[i - 1].line >= p[i].line))
			return false;
	}
	return true;
}

bool jf_cache_load(const char *root, const char *rel, uint64_t settings,
		   const struct jf_book *b, bool recs, bool keep_pos, struct jf_fcache *c)
{
	struct jf_buf p = JF_BUF_INIT;
	struct head h;
	struct stat st;
	bool ok = false;
	char *path = NULL;

	memset(c, 0, sizeof *c);
	const unsigned char *key = cache_key();
	if (!key)
		return false;
	cache_path(root, rel, &p);
	/* O_NONBLOCK: a FIFO put there must not hang the reader (and the
	 * book's lock with it); only a regular file is read */
	int fd = open(p.s, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
	jf_buf_release(&p);
	if (fd < 0)
		return false;
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) || !read_all(fd, &h, sizeof h))
		goto out;
	if (memcmp(h.magic, MAGIC, 8) || h.version != VERSION ||
	    h.recsize != sizeof(struct jf_effect) || h.settings != settings || !settings)
		goto out;
	/* bounds before any allocation: an entry takes well over 16 bytes */
	if (h.pathlen != strlen(rel) || h.nrecs > h.size / 16 || h.nvoids > h.nrecs ||
	    h.hash_n != h.size || h.lines > h.size)
		goto out;
	if (h.win != JF_CACHE_WIN)
		goto out;
	uint64_t nwin = (h.nrecs + JF_CACHE_WIN - 1) / JF_CACHE_WIN;
	uint64_t want = sizeof h + h.pathlen + h.nvoids * sizeof(struct jf_cache_void) +
			2 * nwin * JF_CACHE_TAG + sizeof(struct whead) + MACLEN;
	uint64_t tail = h.nrecs * (sizeof(struct jf_cache_key) + sizeof(struct jf_effect) +
				   sizeof(struct jf_cache_pos));
	if ((uint64_t)st.st_size < want + tail)
		goto out;
	path = jf_malloc(h.pathlen + 1);
	if (!read_all(fd, path, h.pathlen) || memcmp(path, rel, h.pathlen))
		goto out;
	c->voids = jf_calloc(h.nvoids ? h.nvoids : 1, sizeof *c->voids);
	unsigned char got[MACLEN], mac[MACLEN];
	c->wtags = jf_calloc(nwin ? 2 * nwin : 1, sizeof *c->wtags);
	if (!read_all(fd, c->voids, h.nvoids * sizeof *c->voids) ||
	    !read_all(fd, c->wtags, 2 * nwin * sizeof *c->wtags))
		goto out;
	struct whead wh;
	if (!read_all(fd, &wh, sizeof wh) || wh.wsize > h.size || wh.wlines > h.lines ||
	    wh.wrecs > h.nrecs || wh.whash_n != wh.wsize || wh.wbytes > WARN_BYTES_MAX ||
	    (uint64_t)st.st_size != want + wh.wbytes + tail)
		goto out;
	/* the MAC covers everything before it, the records and places by
	 * their sums in the head: only this user's jf wrote it */
	crypto_generichash_state m;
	mac_init(&m, key);
	mac_update(&m, &h, sizeof h);
	mac_update(&m, path, h.pathlen);
	mac_update(&m, c->voids, h.nvoids * sizeof *c->voids);
	mac_update(&m, c->wtags, 2 * nwin * sizeof *c->wtags);
	mac_update(&m, &wh, sizeof wh);
	if (!read_warns(fd, wh.wbytes, wh.nwarns, wh.wrecs, &m, c) || !read_all(fd, got, MACLEN))
		goto out;
	crypto_generichash_final(&m, mac, MACLEN);
	if (sodium_memcmp(mac, got, MACLEN))
		goto out;
	/* the head's sums are the tags of the lists of the windows' tags */
	unsigned char lt[JF_CACHE_TAG];
	if (!sect_tag(h.nonce, SECT_RECS, c->wtags, nwin * sizeof *c->wtags, lt) ||
	    sodium_memcmp(lt, h.recs_sum, sizeof lt) ||
	    !sect_tag(h.nonce, SECT_POS, c->wtags + nwin, nwin * sizeof *c->wtags, lt) ||
	    sodium_memcmp(lt, h.pos_sum, sizeof lt))
		goto out;
	c->nwin = (size_t)nwin;
	for (size_t i = 0; i < h.nvoids; i++)
		if (c->voids[i].rec >= h.nrecs || (i && c->voids[i].rec <= c->voids[i - 1].rec) ||
		    !rec_ok(&c->voids[i].target, b) ||
		    !ref_ok(&c->voids[i], c->voids[i].rec < wh.wrecs))
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
	c->wsize = wh.wsize;
	c->wlines = wh.wlines;
	c->wrecs = wh.wrecs;
	c->whash.h = wh.whash_h;
	c->whash.n = wh.whash_n;
	memcpy(c->whash.part, wh.whash_part, 8);
	c->keys_at = want + wh.wbytes;
	c->recs_at = c->keys_at + h.nrecs * sizeof(struct jf_cache_key);
	c->pos_at = c->recs_at + h.nrecs * sizeof(struct jf_effect);
	memcpy(c->nonce, h.nonce, sizeof c->nonce);
	memcpy(c->keys_sum, h.keys_sum, sizeof c->keys_sum);
	memcpy(c->recs_sum, h.recs_sum, sizeof c->recs_sum);
	memcpy(c->pos_sum, h.pos_sum, sizeof c->pos_sum);
	/* the file as its MAC'd part was read: a change since shows here */
	if (fstat(fd, &st) < 0)
		goto out;
	pin_identity(&c->pin, &st);
	c->pin.nrecs = h.nrecs;
	c->pin.nvoids = h.nvoids;
	memcpy(c->pin.nonce, h.nonce, sizeof c->pin.nonce);
	memcpy(c->pin.keys_sum, h.keys_sum, sizeof c->pin.keys_sum);
	memcpy(c->pin.recs_sum, h.recs_sum, sizeof c->pin.recs_sum);
	memcpy(c->pin.pos_sum, h.pos_sum, sizeof c->pin.pos_sum);
	/* kept open: the parts are read later from this very file, which a
	 * cache another reader saves meanwhile (a rename over it) leaves as
	 * it is (a few hundred files at most; beyond, by path) */
	if (fd < keep_fd_max())
		c->fd1 = fd + 1;
	ok = true;
	if (recs)
		ok = jf_cache_load_recs(root, rel, b, c);
	if (ok && keep_pos)
		ok = jf_cache_load_pos(root, rel, c);
out:
	free(path);
	if (!c->fd1)
		close(fd);
	if (!ok)
		jf_fcache_release(c); /* (and the kept fd) */
	return ok;
}

/* Read window w of part sect (records or places, each elem bytes) of
 * rel's cache file (c's) into mem; it must have the window's tag.  The
 * number of entries in it is *n. */
static bool read_win(const char *root, const char *rel, const struct jf_fcache *c, int sect,
		     size_t w, size_t elem, void *mem, size_t *n)
{
	struct jf_buf p = JF_BUF_INIT;
	struct stat st;
	unsigned char got[JF_CACHE_TAG];

	*n = 0;
	if (w >= c->nwin)
		return false;
	size_t first = w * JF_CACHE_WIN;
	size_t k = c->nrecs - first < JF_CACHE_WIN ? c->nrecs - first : JF_CACHE_WIN;
	uint64_t at = (sect == SECT_RECS ? c->recs_at : c->pos_at) + (uint64_t)first * elem;
	const unsigned char *sum = c->wtags[sect == SECT_RECS ? w : c->nwin + w];
	int fd = c->fd1 - 1;
	if (!c->fd1) {
		cache_path(root, rel, &p);
		fd = open(p.s, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
		jf_buf_release(&p);
		if (fd < 0)
			return false;
	}
	/* from the file its head was read from: kept open, or (by path) one
	 * that still has its identity after the read */
	bool ok = fstat(fd, &st) == 0 && S_ISREG(st.st_mode) &&
		  jf_pread_all(fd, mem, k * elem, (off_t)at) == (ssize_t)(k * elem) &&
		  (c->fd1 || pin_same_file(&c->pin, fd));
	if (!c->fd1)
		close(fd);
	ok = ok && win_tag(c->nonce, sect, w, mem, k * elem, got) &&
	     !sodium_memcmp(got, sum, sizeof got);
	if (ok)
		*n = k;
	return ok;
}

/* Are records recs[0..n), the file's from number first on, valid for
 * book b, and are the file's voids among them the follow-ups they say?
 * The voids are sorted by record (jf_cache_load). */
static bool recs_check(const struct jf_fcache *c, const struct jf_book *b, size_t first,
		       const struct jf_effect *recs, size_t n)
{
	size_t nv = 0, lo = 0, hi = c->nvoids;
	for (size_t i = 0; i < n; i++) {
		if (!rec_ok(&recs[i], b) ||
		    (recs[i].flags & ~(JF_EFFECT_VOIDED | JF_EFFECT_FOLLOWED | JF_EFFECT_SUPERSEDED |
				       JF_EFFECT_ENDED | JF_EFFECT_HELD)))
			return false;
		nv += follow(recs[i].kind);
	}
	/* the voids of these records: from the first at or past `first` */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (c->voids[mid].rec < first)
			lo = mid + 1;
		else
			hi = mid;
	}
	size_t k = 0;
	for (size_t i = lo; i < c->nvoids && c->voids[i].rec < first + n; i++, k++) {
		/* a follow-up never acts on one of its own kind */
		const struct jf_effect *r = &recs[c->voids[i].rec - first];
		if (!follow(r->kind) || c->voids[i].target.kind == r->kind ||
		    !fu_ok(&c->voids[i].fu, r, &c->voids[i].target))
			return false;
	}
	return k == nv;
}

/* The most records a window of c holds. */
static size_t win_cap(const struct jf_fcache *c)
{
	return c->nrecs < JF_CACHE_WIN ? (c->nrecs ? c->nrecs : 1) : JF_CACHE_WIN;
}

bool jf_cache_win_recs(const char *root, const char *rel, const struct jf_book *b,
		       struct jf_fcache *c, size_t w)
{
	size_t n;
	if (!c->voids && c->nvoids && !c->recs_ok)
		return false; /* the voids to check the records against */
	if (c->recs_all)
		jf_fcache_drop_recs(c);
	if (!c->recs)
		c->recs = jf_calloc(win_cap(c), sizeof *c->recs);
	bool ok = read_win(root, rel, c, SECT_RECS, w, sizeof *c->recs, c->recs, &n);
	size_t first = w * JF_CACHE_WIN;
	if (ok && !c->recs_ok)
		ok = recs_check(c, b, first, c->recs, n);
	if (ok) {
		/* read in order: the sorted keys read (and checked) are the
		 * records', once the last window is */
		if (w == 0)
			c->walk_mix = 0;
		if (w == 0 || w == c->walk_next) {
			for (size_t i = 0; i < n; i++)
				c->walk_mix += jf_cache_key_mix(c->recs[i].key, (uint32_t)(first + i));
			c->walk_next = w + 1;
			if (c->walk_next == c->nwin && c->keys_mix && !c->recs_ok) {
				ok = c->walk_mix == c->keys_mix;
				c->recs_ok = ok;
			}
		} else {
			c->walk_next = 0; /* out of order: no check of the whole */
		}
	}
	if (!ok) {
		jf_fcache_drop_recs(c);
		return false;
	}
	c->recs_first = first;
	return true;
}

bool jf_cache_load_recs(const char *root, const char *rel, const struct jf_book *b,
			struct jf_fcache *c)
{
	if (c->recs && c->recs_all)
		return true;
	jf_fcache_drop_recs(c);
	if (!c->voids && c->nvoids && !c->recs_ok)
		return false;
	struct jf_effect *all = jf_calloc(c->nrecs ? c->nrecs : 1, sizeof *all);
	bool ok = true;
	uint64_t mix = 0;
	for (size_t w = 0; ok && w < c->nwin; w++) {
		size_t n, first = w * JF_CACHE_WIN;
		ok = read_win(root, rel, c, SECT_RECS, w, sizeof *all, all + first, &n) &&
		     (c->recs_ok || recs_check(c, b, first, all + first, n));
		for (size_t i = 0; ok && c->keys_mix && i < n; i++)
			mix += jf_cache_key_mix(all[first + i].key, (uint32_t)(first + i));
	}
	/* the sorted keys read (and checked) are the records' */
	ok = ok && (c->recs_ok || !c->keys_mix || mix == c->keys_mix);
	if (!ok) {
		free(all);
		return false;
	}
	c->recs_ok = c->recs_ok || c->keys_mix;
	c->recs = all;
	c->recs_first = 0;
	c->recs_all = true;
	return true;
}

void jf_fcache_drop_recs(struct jf_fcache *c)
{
	free(c->recs);
	c->recs = NULL;
	c->recs_first = 0;
	c->recs_all = false;
}

/* Are the n places at p, the file's from number first on, in the cached
 * part and in order, after *prev (NULL: none known)? */
static bool pos_win_ok(const struct jf_fcache *c, const struct jf_cache_pos *p, size_t n,
		       const struct jf_cache_pos *prev)
{
	if (!pos_ok(p, n, c->size, c->lines))
		return false;
	return !prev || !n ||
	       ((uint64_t)prev->off + prev->len <= p[0].off && prev->line < p[0].line);
}

bool jf_cache_win_pos(const char *root, const char *rel, struct jf_fcache *c, size_t w)
{
	size_t n;
	if (c->pos_all)
		jf_fcache_drop_pos(c);
	if (!c->pos)
		c->pos = jf_calloc(win_cap(c), sizeof *c->pos);
	bool seq = w == 0 || w == c->pos_next;
	bool ok = read_win(root, rel, c, SECT_POS, w, sizeof *c->pos, c->pos, &n) &&
		  pos_win_ok(c, c->pos, n, w && seq ? &c->pos_last : NULL);
	if (!ok) {
		jf_fcache_drop_pos(c);
		return false;
	}
	c->pos_next = seq ? w + 1 : 0;
	if (n)
		c->pos_last = c->pos[n - 1];
	c->pos_first = w * JF_CACHE_WIN;
	return true;
}

bool jf_cache_load_pos(const char *root, const char *rel, struct jf_fcache *c)
{
	if (c->pos && c->pos_all)
		return true;
	jf_fcache_drop_pos(c);
	struct jf_cache_pos *all = jf_calloc(c->nrecs ? c->nrecs : 1, sizeof *all);
	bool ok = true;
	for (size_t w = 0; ok && w < c->nwin; w++) {
		size_t n, first = w * JF_CACHE_WIN;
		ok = read_win(root, rel, c, SECT_POS, w, sizeof *all, all + first, &n);
	}
	if (!ok || !pos_ok(all, c->nrecs, c->size, c->lines)) {
		free(all);
		return false;
	}
	c->pos = all;
	c->pos_first = 0;
	c->pos_all = true;
	return true;
}

void jf_fcache_drop_pos(struct jf_fcache *c)
{
	free(c->pos);
	c->pos = NULL;
	c->pos_first = 0;
	c->pos_all = false;
}

uint64_t jf_cache_key_mix(struct jf_idkey key, uint32_t rec)
{
	uint64_t x = ((uint64_t)key.w[0] << 32 | key.w[1]) ^
		     ((uint64_t)key.w[2] << 32 | rec) * 0x9E3779B97F4A7C15ULL;
	x ^= x >> 31;
	x *= 0xBF58476D1CE4E5B9ULL;
	x ^= x >> 29;
	x *= 0x94D049BB133111EBULL;
	return (x ^ (x >> 32)) | 1; /* never 0: 0 means not read */
}

#define KEYS_RUN 1024u      /* keys read at a time, 16 KiB */

void jf_cache_keys_open(struct jf_cache_keys *k, const char *root, const char *rel,
			struct jf_fcache *c)
{
	struct jf_buf p = JF_BUF_INIT;
	memset(k, 0, sizeof *k);
	cache_path(root, rel, &p);
	k->path = jf_buf_detach(&p);
	k->c = c;
	k->at = c->keys_at;
	k->left = c->nrecs;
	k->buf = jf_calloc(KEYS_RUN, sizeof *k->buf);
	/* the state wants its alignment (64 bytes at most) */
	k->hs = aligned_alloc(64, (sizeof(crypto_onetimeauth_state) + 63) / 64 * 64);
	k->ok = k->hs && sect_init(k->hs, c->nonce, SECT_KEYS);
}

const struct jf_cache_key *jf_cache_keys_next(struct jf_cache_keys *k)
{
	if (!k->ok)
		return NULL;
	if (k->i == k->n) {
		if (!k->left) {
			/* the end: they must be the bytes the head's sum holds */
			unsigned char got[JF_CACHE_TAG];
			if (!k->done) {
				k->done = true;
				k->ok = crypto_onetimeauth_final(k->hs, got) == 0 &&
					!sodium_memcmp(got, k->c->keys_sum, sizeof got);
				if (k->ok)
					k->c->keys_mix = k->mix ? k->mix : 1;
			}
			return NULL;
		}
		size_t n = k->left < KEYS_RUN ? (size_t)k->left : KEYS_RUN;
		int fd = k->c->fd1 ? k->c->fd1 - 1
				   : open(k->path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
		bool ok = fd >= 0 && jf_pread_all(fd, k->buf, n * sizeof *k->buf, (off_t)k->at) ==
					     (ssize_t)(n * sizeof *k->buf) &&
			  (k->c->fd1 || pin_same_file(&k->c->pin, fd));
		if (fd >= 0 && !k->c->fd1)
			close(fd);
		if (!ok) {
			k->ok = false;
			return NULL;
		}
		if (crypto_onetimeauth_update(k->hs, (const unsigned char *)k->buf,
					      n * sizeof *k->buf) != 0) {
			k->ok = false;
			return NULL;
		}
		for (size_t i = 0; i < n; i++) {
			/* strictly ascending (no record twice), each a record's */
			const struct jf_cache_key *x = &k->buf[i];
			const struct jf_cache_key *prev = i ? &k->buf[i - 1] : NULL;
			if (x->rec >= k->c->nrecs ||
			    (prev && jf_idkey_cmp(prev->key, x->key) >= 0) ||
			    (!prev && k->at != k->c->keys_at && jf_idkey_cmp(k->last, x->key) >= 0)) {
				k->ok = false;
				return NULL;
			}
			k->mix += jf_cache_key_mix(x->key, x->rec);
		}
		k->last = k->buf[n - 1].key;
		k->at += n * sizeof *k->buf;
		k->left -= n;
		k->n = n;
		k->i = 0;
	}
	return &k->buf[k->i++];
}

void jf_cache_keys_close(struct jf_cache_keys *k)
{
	free(k->path);
	free(k->buf);
	free(k->hs);
	memset(k, 0, sizeof *k);
}

static bool write_all(int fd, const void *p, size_t n, struct jf_hash *hs)
{
	if (hs)
		jf_hash_update(hs, p, n);
	return jf_write_all(fd, p, n) == 0;
}

/* Write p[0..n) to fd and into the MAC. */
static bool write_mac(int fd, const void *p, size_t n, crypto_generichash_state *m)
{
	mac_update(m, p, n);
	return write_all(fd, p, n, NULL);
}

/* Remove the temporary files (NAME.PID.tmp) that writers killed before
 * their rename left in the cache directory dir, once they are more than
 * TMP_AGE seconds old (a live writer's is younger).  Once per process. */
static void clean_tmp(const char *dir)
{
	static bool done;
	if (done)
		return;
	done = true;
	int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd < 0)
		return;
	DIR *d = fdopendir(dfd);
	if (!d) {
		close(dfd);
		return;
	}
	time_t now = time(NULL);
	struct dirent *e;
	while ((e = readdir(d))) {
		size_t n = strlen(e->d_name);
		struct stat st;
		if (n < 4 || strcmp(e->d_name + n - 4, ".tmp") ||
		    fstatat(dfd, e->d_name, &st, AT_SYMLINK_NOFOLLOW) < 0 ||
		    !S_ISREG(st.st_mode) || now - st.st_mtim.tv_sec <= TMP_AGE)
			continue;
		(void)unlinkat(dfd, e->d_name, 0);
	}
	closedir(d);
}

/* The temporary file a cache of rel is written to (*tmp; *path the
 * cache file it is renamed to), made, or -1. */
static int save_open(const char *root, const char *rel, struct jf_buf *path, struct jf_buf *tmp)
{
	struct jf_buf dir = JF_BUF_INIT;
	struct jf_diags ignored = JF_DIAGS_INIT;
	int fd = -1;
	enum jf_status pst = jf_private_dir(root, &ignored); /* BOOK/.jf, self-ignored */
	jf_diags_release(&ignored);
	if (pst != JF_OK)
		goto out;
	jf_buf_addf(&dir, "%s/.jf/cache", root);
	if (mkdir(dir.s, 0777) < 0 && errno != EEXIST)
		goto out;
	clean_tmp(dir.s);
	cache_path(root, rel, path);
	jf_buf_addf(tmp, "%s.%ld.tmp", path->s, (long)getpid());
	fd = open(tmp->s, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0666);
out:
	jf_buf_release(&dir);
	return fd;
}

/* The head and warned part's head of c (rel, for settings), but for the
 * nonce and the parts' sums. */
static void head_fill(struct head *h, struct whead *wh, const struct jf_fcache *c,
		      uint64_t settings, const char *rel)
{
	memset(h, 0, sizeof *h);
	memcpy(h->magic, MAGIC, 8);
	h->version = VERSION;
	h->recsize = sizeof(struct jf_effect);
	h->settings = settings;
	h->dev = c->dev;
	h->ino = c->ino;
	h->size = c->size;
	h->mtime_s = c->mtime_s;
	h->mtime_ns = c->mtime_ns;
	h->ctime_s = c->ctime_s;
	h->ctime_ns = c->ctime_ns;
	h->lines = c->lines;
	h->hash_h = c->hash.h;
	h->hash_n = c->hash.n;
	memcpy(h->hash_part, c->hash.part, 8);
	h->nrecs = c->nrecs;
	h->nvoids = c->nvoids;
	h->pathlen = (uint32_t)strlen(rel);
	h->win = JF_CACHE_WIN;
	memset(wh, 0, sizeof *wh);
	wh->wsize = c->wsize;
	wh->wlines = c->wlines;
	wh->wrecs = c->wrecs;
	wh->whash_h = c->whash.h;
	wh->whash_n = c->whash.n;
	memcpy(wh->whash_part, c->whash.part, 8);
}

/* c's warnings as written, into wb (and their count and bytes into wh).
 * False if one cannot be cached. */
static bool warns_bytes(const struct jf_fcache *c, struct whead *wh, struct jf_buf *wb)
{
	for (size_t i = 0; i < c->nwarns; i++) {
		const struct jf_cache_warn *cw = &c->warns[i];
		struct wrec w = { .rec = cw->rec, .line = cw->line, .col = cw->col,
				  .fmtlen = (uint32_t)strlen(cw->fmt),
				  .msglen = (uint32_t)strlen(cw->msg), .tr = cw->tr };
		if (strlen(cw->fmt) > WARN_TEXT_MAX || strlen(cw->msg) > WARN_TEXT_MAX ||
		    cw->rec >= c->wrecs)
			return false;
		jf_buf_add(wb, (const char *)&w, sizeof w);
		jf_buf_adds(wb, cw->fmt);
		jf_buf_adds(wb, cw->msg);
	}
	wh->nwarns = c->nwarns;
	wh->wbytes = wb->len;
	return wb->len <= WARN_BYTES_MAX;
}

/* Write the MAC'd part of a cache (head h, path rel, c's voids, the nwin
 * windows' tags wt, wh and the warnings wb) from where fd stands, and the
 * MAC after it. */
static bool write_front(int fd, const unsigned char *key, const struct head *h, const char *rel,
			const struct jf_fcache *c, unsigned char (*wt)[JF_CACHE_TAG], size_t nwin,
			const struct whead *wh, const struct jf_buf *wb)
{
	crypto_generichash_state m;
	unsigned char mac[MACLEN];
	mac_init(&m, key);
	bool ok = write_mac(fd, h, sizeof *h, &m) && write_mac(fd, rel, h->pathlen, &m) &&
		  write_mac(fd, c->voids, c->nvoids * sizeof *c->voids, &m) &&
		  write_mac(fd, wt, 2 * nwin * sizeof *wt, &m) && write_mac(fd, wh, sizeof *wh, &m) &&
		  write_mac(fd, wb->s ? wb->s : "", wb->len, &m);
	crypto_generichash_final(&m, mac, MACLEN);
	return ok && write_all(fd, mac, MACLEN, NULL);
}

/* The cache written to fd (tmp) as ok says: renamed to path and, with
 * pin, its writing noted (head h), or removed.  0 or -1. */
static int save_finish(int fd, bool ok, const char *tmp, const char *path, const struct head *h,
		       struct jf_cache_pin *pin)
{
	int rc = -1;
	/* renamed while still open: its identity after the rename is the one
	 * of the bytes written here (the rename may change its ctime) */
	if (ok && rename(tmp, path) == 0) {
		struct stat st;
		rc = 0;
		if (pin && fstat(fd, &st) == 0) {
			memset(pin, 0, sizeof *pin);
			pin_identity(pin, &st);
			pin->nrecs = h->nrecs;
			pin->nvoids = h->nvoids;
			memcpy(pin->nonce, h->nonce, sizeof pin->nonce);
			memcpy(pin->keys_sum, h->keys_sum, sizeof pin->keys_sum);
			memcpy(pin->recs_sum, h->recs_sum, sizeof pin->recs_sum);
			memcpy(pin->pos_sum, h->pos_sum, sizeof pin->pos_sum);
		} else if (pin) {
			rc = -1; /* saved, but not known as what */
		}
	} else {
		unlink(tmp);
	}
	if (close(fd) < 0 && rc == 0) {
		(void)unlink(path); /* what was written may not all be there */
		rc = -1;
	}
	return rc;
}

int jf_cache_save(const char *root, const char *rel, uint64_t settings,
		  const struct jf_fcache *c, const struct jf_index *ix, size_t first,
		  struct jf_cache_pin *pin)
{
	struct jf_buf path = JF_BUF_INIT, tmp = JF_BUF_INIT, wb = JF_BUF_INIT;
	struct head h;
	struct whead wh;
	int fd, rc = -1;
	const unsigned char *key = cache_key();

	if (!settings || !key || !c->pos || c->size > UINT32_MAX ||
	    !pos_ok(c->pos, c->nrecs, c->size, c->lines))
		return -1;
	if ((fd = save_open(root, rel, &path, &tmp)) < 0)
		goto out;
	head_fill(&h, &wh, c, settings, rel);
	if (!warns_bytes(c, &wh, &wb)) {
		close(fd);
		unlink(tmp.s);
		goto out;
	}
	randombytes_buf(h.nonce, sizeof h.nonce);
	size_t nwin = (c->nrecs + JF_CACHE_WIN - 1) / JF_CACHE_WIN;
	unsigned char (*wt)[JF_CACHE_TAG] = jf_calloc(nwin ? 2 * nwin : 1, sizeof *wt);
	bool tagged = true;
	for (size_t w = 0; tagged && w < nwin; w++) {
		/* window w: its records, from c->recs or the index in runs of
		 * consecutive ones, then its places */
		crypto_onetimeauth_state rs;
		size_t end = (w + 1) * JF_CACHE_WIN < c->nrecs ? (w + 1) * JF_CACHE_WIN : c->nrecs;
		tagged = win_init(&rs, h.nonce, SECT_RECS, w);
		for (size_t i = w * JF_CACHE_WIN; tagged && i < end;) {
			const struct jf_effect *r = c->recs ? &c->recs[i] : jf_index_at(ix, first + i);
			size_t run = 1;
			while (i + run < end &&
			       (c->recs ? &c->recs[i + run] : jf_index_at(ix, first + i + run)) ==
				       r + run)
				run++;
			tagged = crypto_onetimeauth_update(&rs, (const unsigned char *)r,
							   run * sizeof *r) == 0;
			i += run;
		}
		tagged = tagged && crypto_onetimeauth_final(&rs, wt[w]) == 0 &&
			 win_tag(h.nonce, SECT_POS, w, c->pos + w * JF_CACHE_WIN,
				 (end - w * JF_CACHE_WIN) * sizeof *c->pos, wt[nwin + w]);
	}
	tagged = tagged && sect_tag(h.nonce, SECT_RECS, wt, nwin * sizeof *wt, h.recs_sum) &&
		 sect_tag(h.nonce, SECT_POS, wt + nwin, nwin * sizeof *wt, h.pos_sum);
	uint32_t *order = jf_calloc(c->nrecs ? c->nrecs : 1, sizeof *order);
	for (size_t i = 0; i < c->nrecs; i++)
		order[i] = (uint32_t)i;
	saving.c = c;
	saving.ix = ix;
	saving.first = first;
	if (c->nrecs)
		qsort(order, c->nrecs, sizeof *order, cmp_saved);
	/* the keys sorted, made a run at a time (not a copy of them all):
	 * once for their sum in the head, once to write them */
	struct jf_cache_key kr[1024];
	crypto_onetimeauth_state ks;
	bool ok = tagged && sect_init(&ks, h.nonce, SECT_KEYS);
	for (size_t i = 0; ok && i < c->nrecs;) {
		size_t k = 0;
		for (; k < sizeof kr / sizeof *kr && i < c->nrecs; k++, i++) {
			kr[k].key = saved_rec(order[i])->key;
			kr[k].rec = order[i];
			if (i && jf_idkey_cmp(saved_rec(order[i - 1])->key, kr[k].key) >= 0)
				ok = false; /* never cache a duplicate */
		}
		ok = ok && crypto_onetimeauth_update(&ks, (const unsigned char *)kr, k * sizeof *kr) == 0;
	}
	ok = ok && crypto_onetimeauth_final(&ks, h.keys_sum) == 0;
	ok = ok && write_front(fd, key, &h, rel, c, wt, nwin, &wh, &wb);
	free(wt);
	for (size_t i = 0; ok && i < c->nrecs;) {
		size_t k = 0;
		for (; k < sizeof kr / sizeof *kr && i < c->nrecs; k++, i++) {
			kr[k].key = saved_rec(order[i])->key;
			kr[k].rec = order[i];
		}
		ok = write_all(fd, kr, k * sizeof *kr, NULL);
	}
	memset(&saving, 0, sizeof saving);
	free(order);
	for (size_t i = 0; ok && i < c->nrecs;) {
		const struct jf_effect *r = c->recs ? &c->recs[i] : jf_index_at(ix, first + i);
		size_t run = 1;
		while (i + run < c->nrecs &&
		       (c->recs ? &c->recs[i + run] : jf_index_at(ix, first + i + run)) == r + run)
			run++;
		ok = write_all(fd, r, run * sizeof *r, NULL);
		i += run;
	}
	ok = ok && write_all(fd, c->pos, c->nrecs * sizeof *c->pos, NULL);
	rc = save_finish(fd, ok, tmp.s, path.s, &h, pin);
out:
	jf_buf_release(&wb);
	jf_buf_release(&path);
	jf_buf_release(&tmp);
	return rc;
}

/* Write n bytes at p to fd at offset at, and into the tag state st. */
static bool write_at(int fd, uint64_t at, const void *p, size_t n, crypto_onetimeauth_state *st)
{
	return lseek(fd, (off_t)at, SEEK_SET) == (off_t)at &&
	       crypto_onetimeauth_update(st, p, n) == 0 && write_all(fd, p, n, NULL);
}

/* jf_cache_extend() of a file whose cache (oc, as loaded: its head,
 * voids and warnings) described it exactly: c is the cache with the entry
 * (record rec, place *np) added, but for its records, places and keys,
 * which are copied from oc's cache file a window (a run of keys) at a time,
 * each checked as a replay checks it (a window whose tag fails, or
 * records that are not the sorted keys', and nothing is saved), with the
 * entry's added: no more of the file's records in memory than a window. */
static int extend_copy(const struct jf_book *b, const char *rel, uint64_t settings,
		       struct jf_fcache *oc, const struct jf_fcache *c,
		       const struct jf_effect *rec, const struct jf_cache_pos *np,
		       struct jf_cache_pin *pin)
{
	struct jf_buf path = JF_BUF_INIT, tmp = JF_BUF_INIT, wb = JF_BUF_INIT;
	struct jf_cache_keys ks;
	struct head h;
	struct whead wh;
	int fd, rc = -1;
	const unsigned char *key = cache_key();
	size_t on = oc->nrecs, n = c->nrecs;

	if (!settings || !key || n != on + 1 || c->size > UINT32_MAX || !np->len ||
	    (uint64_t)np->off + np->len != c->size || !np->line || np->line > c->lines ||
	    !np->col || !rec_ok(rec, b))
		return -1;
	if ((fd = save_open(b->root, rel, &path, &tmp)) < 0)
		goto out;
	head_fill(&h, &wh, c, settings, rel);
	size_t nwin = (n + JF_CACHE_WIN - 1) / JF_CACHE_WIN;
	unsigned char (*wt)[JF_CACHE_TAG] = jf_calloc(2 * nwin, sizeof *wt);
	bool ok = warns_bytes(c, &wh, &wb);
	uint64_t keys_at = sizeof h + h.pathlen + c->nvoids * sizeof *c->voids +
			   2 * nwin * JF_CACHE_TAG + sizeof wh + wb.len + MACLEN;
	uint64_t recs_at = keys_at + n * sizeof(struct jf_cache_key);
	uint64_t pos_at = recs_at + n * sizeof(struct jf_effect);
	randombytes_buf(h.nonce, sizeof h.nonce);
	/* the keys: the old ones a run at a time, the entry's merged in */
	struct jf_cache_key kr[1024];
	crypto_onetimeauth_state st;
	size_t nk = 0, written = 0;
	bool put = false;
	ok = ok && sect_init(&st, h.nonce, SECT_KEYS) && lseek(fd, (off_t)keys_at, SEEK_SET) ==
								   (off_t)keys_at;
	jf_cache_keys_open(&ks, b->root, rel, oc);
	while (ok) {
		const struct jf_cache_key *x = on ? jf_cache_keys_next(&ks) : NULL;
		if (!x && on && !ks.ok) {
			ok = false;
			break;
		}
		if (!put && (!x || jf_idkey_cmp(rec->key, x->key) <= 0)) {
			if (x && jf_idkey_eq(rec->key, x->key)) {
				ok = false; /* never cache a duplicate */
				break;
			}
			kr[nk++] = (struct jf_cache_key){ rec->key, (uint32_t)on };
			put = true;
		}
		if (x)
			kr[nk++] = *x;
		if (nk >= sizeof kr / sizeof *kr - 1 || !x) {
			ok = crypto_onetimeauth_update(&st, (const unsigned char *)kr,
						       nk * sizeof *kr) == 0 &&
			     write_all(fd, kr, nk * sizeof *kr, NULL);
			written += nk;
			nk = 0;
		}
		if (!x)
			break;
	}
	jf_cache_keys_close(&ks);
	ok = ok && written == n && crypto_onetimeauth_final(&st, h.keys_sum) == 0;
	/* the records and places, a window at a time */
	for (size_t w = 0; ok && w < nwin; w++) {
		size_t first = w * JF_CACHE_WIN, k = 0;
		bool old = first < on;
		if (old)
			ok = jf_cache_win_recs(b->root, rel, b, oc, w) &&
			     jf_cache_win_pos(b->root, rel, oc, w);
		if (ok && old)
			k = on - first < JF_CACHE_WIN ? on - first : JF_CACHE_WIN;
		ok = ok && win_init(&st, h.nonce, SECT_RECS, w) &&
		     write_at(fd, recs_at + first * sizeof *rec, old ? oc->recs : rec,
			      (old ? k : 0) * sizeof *rec, &st);
		if (ok && on < first + JF_CACHE_WIN)
			ok = write_at(fd, recs_at + on * sizeof *rec, rec, sizeof *rec, &st);
		ok = ok && crypto_onetimeauth_final(&st, wt[w]) == 0 &&
		     win_init(&st, h.nonce, SECT_POS, w) &&
		     write_at(fd, pos_at + first * sizeof *np, old ? oc->pos : np, k * sizeof *np, &st);
		if (ok && on < first + JF_CACHE_WIN)
			ok = (!k || (uint64_t)oc->pos[k - 1].off + oc->pos[k - 1].len <= np->off) &&
			     (!k || oc->pos[k - 1].line < np->line) &&
			     write_at(fd, pos_at + on * sizeof *np, np, sizeof *np, &st);
		ok = ok && crypto_onetimeauth_final(&st, wt[nwin + w]) == 0;
	}
	/* the records read are the sorted keys' (checked at the last window) */
	ok = ok && (!on || oc->recs_ok);
	ok = ok && sect_tag(h.nonce, SECT_RECS, wt, nwin * sizeof *wt, h.recs_sum) &&
	     sect_tag(h.nonce, SECT_POS, wt + nwin, nwin * sizeof *wt, h.pos_sum) &&
	     lseek(fd, 0, SEEK_SET) == 0 && write_front(fd, key, &h, rel, c, wt, nwin, &wh, &wb);
	free(wt);
	rc = save_finish(fd, ok, tmp.s, path.s, &h, pin);
out:
	jf_buf_release(&wb);
	jf_buf_release(&path);
	jf_buf_release(&tmp);
	return rc;
}

int jf_cache_extend(const struct jf_book *b, const char *rel, bool existed,
		    const struct stat *before, const char *text, size_t len,
		    const struct jf_effect *rec, const struct jf_effect *target,
		    const struct jf_fu *fu, struct jf_cache_pin *old, struct jf_cache_pin *pin)
{
	struct jf_buf p = JF_BUF_INIT;
	struct jf_fcache c, oc;
	struct stat now;
	uint64_t settings = jf_cache_settings(b); /* of the settings b holds */
	int rc = -1;

	memset(&c, 0, sizeof c);
	memset(&oc, 0, sizeof oc);
	jf_buf_addf(&p, "%s/%s", b->root, rel);
	if (!settings || stat(p.s, &now) < 0 ||
	    (uint64_t)now.st_size != (existed ? (uint64_t)before->st_size : 0) + len)
		goto out;
	if (existed) {
		/* its records and places are copied a window at a time
		 * (extend_copy), not loaded */
		if (!jf_cache_load(b->root, rel, settings, b, false, false, &c) ||
		    !jf_fcache_same(&c, before))
			goto out;
		oc = c; /* as it was: what extend_copy() reads */
	} else {
		jf_hash_init(&c.hash);
		jf_hash_init(&c.whash); /* nothing warned: jf-check reads it */
		c.pos = jf_calloc(1, sizeof *c.pos);
	}
	if (c.size + len > UINT32_MAX)
		goto out;
	/* the entry's own warnings, when all before it are known: then the
	 * cache stays warned to its end and jf-check reads no byte of it */
	struct jf_cache_warn *nw = NULL;
	size_t nnw = 0;
	struct jf_cache_void cv;
	struct jf_cache_pos pos = { (uint32_t)c.size, (uint32_t)len, 0, 0 };
	memset(&cv, 0, sizeof cv);
	/* read as a scan reads it: where it stands, and its warnings */
	if (jf_cache_note_entry(b, rel, settings, text, len, c.lines, &nw, &nnw, &cv, &pos) < 0)
		goto out;
	bool warned = c.wrecs == c.nrecs && c.wsize == c.size;
	if (warned && follow(rec->kind) && cv.ref_line == 0)
		warned = false; /* a follow-up's ref must be known in the warned part */
	if (warned)
		c.warns = jf_reallocarray(c.warns, c.nwarns + nnw + 1, sizeof *c.warns);
	for (size_t i = 0; i < nnw; i++) {
		if (warned) {
			c.warns[c.nwarns] = nw[i];
			c.warns[c.nwarns++].rec = (uint32_t)c.nrecs;
		} else {
			free(nw[i].fmt);
			free(nw[i].msg);
		}
	}
	free(nw);
	if (!existed) {
		c.recs = jf_reallocarray(c.recs, c.nrecs + 1, sizeof *c.recs);
		c.recs[c.nrecs] = *rec;
		c.pos = jf_reallocarray(c.pos, c.nrecs + 1, sizeof *c.pos);
		c.pos[c.nrecs] = pos;
	}
	if (follow(rec->kind)) {
		if (!target || !fu)
			goto out;
		c.voids = jf_reallocarray(c.voids, c.nvoids + 1, sizeof *c.voids);
		memset(&c.voids[c.nvoids], 0, sizeof *c.voids);
		c.voids[c.nvoids].rec = (uint32_t)c.nrecs;
		c.voids[c.nvoids].target = *target;
		c.voids[c.nvoids].fu = *fu;
		if (warned) {
			memcpy(c.voids[c.nvoids].ref, cv.ref, sizeof cv.ref);
			c.voids[c.nvoids].ref_line = cv.ref_line;
			c.voids[c.nvoids].ref_col = cv.ref_col;
		}
		c.nvoids++;
	}
	c.nrecs++;
	jf_hash_update(&c.hash, text, len);
	for (size_t i = 0; i < len; i++)
		c.lines += text[i] == '\n';
	jf_fcache_identity(&c, &now);
	if (warned) {
		c.wsize = c.size;
		c.wlines = c.lines;
		c.wrecs = c.nrecs;
		c.whash = c.hash;
	}
	if (old)
		*old = c.pin; /* zero for a new file */
	if (existed) {
		/* oc shares c's kept descriptor, window tags and voids (the
		 * new one past its records): only its windows are its own */
		oc.voids = c.voids;
		oc.warns = NULL;
		oc.nwarns = 0;
		rc = extend_copy(b, rel, settings, &oc, &c, rec, &pos, pin);
		jf_fcache_drop_recs(&oc);
		jf_fcache_drop_pos(&oc);
	} else {
		rc = jf_cache_save(b->root, rel, settings, &c, NULL, 0, pin);
	}
out:
	jf_fcache_release(&c);
	jf_buf_release(&p);
	return rc;
}
