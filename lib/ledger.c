/* ledger.c - the strict streaming reader of ledger files. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "alloc.h"
#include "cache.h"
#include "failpoint.h"
#include "ledger.h"
#include "lock.h"
#include "scan.h"
#include "tail.h"

const struct jf_ylimits jf_ledger_limits = {
	.max_bytes = JF_LEDGER_MAX_BYTES,
	.max_scalar = JF_LEDGER_MAX_SCALAR,
	.max_depth = 3, /* the list, an entry, and one level to name nesting */
	.allow_cr = false,
	.max_line = JF_LEDGER_MAX_SCALAR + 1024,
};

/* The last entry, from line on, is cut short.  why: what it lacks when
 * the lines read of it are whole (a write cut at a line's end, or its
 * last line removed by hand: the message says which field), else NULL. */
static void add_cut(struct scanner *sc, unsigned long line, const char *why)
{
	struct jf_scan *s = sc->s;
	s->cuts = jf_reallocarray(s->cuts, s->ncuts + 1, sizeof *s->cuts);
	s->cuts[s->ncuts].file = jf_strdup(sc->file);
	s->cuts[s->ncuts].line = line;
	s->ncuts++;
	if (why)
		jf_error_at(sc->d, sc->file, line, 1,
			    "the last entry is cut short (an interrupted write?): %s; "
			    "'jf-check --repair' sets it aside",
			    why);
	else
		jf_error_at(sc->d, sc->file, line, 1,
			    "the last entry is cut short (an interrupted write?); "
			    "'jf-check --repair' sets it aside");
	sc->st = jf_status_worst(sc->st, JF_INVALID);
}

/* One ledger file being scanned. */
struct lfile {
	const char *rel;
	int fd;
	struct stat st;
	uint64_t end;                /* the bytes read: before a cut, or all */
	size_t errors0;              /* the caller's errors before this file */
	struct jf_fcache fc;         /* its cache, when it could be used */
	bool cached;
	struct jf_hash hash;         /* of the bytes read so far */
	bool in_seq;
	unsigned long last_item;     /* the line of the last item started */
};

/* Open the file and look at its size and last byte: refuse an oversized
 * file before a byte is read, and find a cut-short tail (no final newline)
 * so the cut bytes are never parsed. */
static enum jf_status open_file(struct scanner *sc, const char *path, struct lfile *f,
				struct jf_fcache *pre)
{
	const char *rel = f->rel;
	uint64_t limit = 0;
	do
		f->fd = open(path, O_RDONLY | O_CLOEXEC);
	while (f->fd < 0 && errno == EINTR);
	if (f->fd < 0) {
		jf_error(sc->d, "cannot open '%s': %s", rel, strerror(errno));
		return JF_SYSTEM;
	}
	if (fstat(f->fd, &f->st) < 0) {
		jf_error(sc->d, "cannot stat '%s': %s", rel, strerror(errno));
		close(f->fd);
		return JF_SYSTEM;
	}
	if ((uint64_t)f->st.st_size > JF_LEDGER_MAX_BYTES) {
		/* refused before a byte is read */
		jf_error_at(sc->d, rel, 0, 0, "file is larger than the limit of %llu bytes",
			    (unsigned long long)JF_LEDGER_MAX_BYTES);
		close(f->fd);
		jf_fcache_release(pre);
		return JF_INVALID;
	}
	if (f->st.st_size > 0) {
		char last;
		if (pread(f->fd, &last, 1, f->st.st_size - 1) != 1) {
			jf_error(sc->d, "cannot read '%s': %s", rel, strerror(errno));
			close(f->fd);
			return JF_SYSTEM;
		}
		off_t cut_off;
		if (last != '\n' && jf_tail_find_cut(f->fd, &sc->cut_line, &cut_off))
			limit = (uint64_t)cut_off; /* the cut bytes are not parsed at all */
		else if (last != '\n' && sc->s->warnings)
			jf_diag_add(sc->d, JF_SEV_WARNING, rel, 0, 0,
				    "the file does not end with a newline");
	}
	f->end = limit ? limit : (uint64_t)f->st.st_size; /* a consistent snapshot */
	return JF_OK;
}

const char *jf_ledger_top_problem(const struct jf_yev *ev)
{
	switch (ev->type) {
	case JF_YEV_DOC_END:
		return ev->marker ? "a ledger file must not end its document with '...' "
				    "(entries are appended after it)" : NULL;
	case JF_YEV_SEQ_START:
		if (ev->flow)
			break;
		return ev->col != 1 ? "the list of entries must start in column 1 "
				      "(entries are appended there)" : NULL;
	case JF_YEV_SCALAR:
		if (ev->len)
			break;
		return ev->quoted ? "an empty ledger file must be empty, not a quoted ''" : NULL;
	default:
		return NULL;
	}
	return "a ledger file must be a list of entries, each starting '- '";
}

/* Read the items of the file from where the reader stands; *cb gets a
 * callback's status.  Returns jf_yread_next()'s last result (< 0: a YAML
 * error, in ydiag). */
static int read_items(struct scanner *sc, struct lfile *f, struct jf_yread *r,
		      struct jf_diags *ydiag, enum jf_status *cb)
{
	struct jf_yev ev;
	bool seen_doc = false;
	int rc;
	while ((rc = jf_yread_next(r, &ev)) > 0) {
		if (ev.type == JF_YEV_DOC_START) {
			if (seen_doc) {
				jf_error_at(ydiag, f->rel, ev.line, ev.col,
					    "only one document is allowed in a ledger file");
				return -1;
			}
			seen_doc = true;
			continue;
		}
		if (!f->in_seq) {
			const char *why = jf_ledger_top_problem(&ev);
			if (why) {
				jf_error_at(ydiag, f->rel, ev.line, ev.col, "%s", why);
				return -1;
			}
			if (ev.type == JF_YEV_SEQ_START)
				f->in_seq = true;
			continue; /* the end of the document, or an empty one */
		}
		if (ev.type == JF_YEV_SEQ_END) {
			f->in_seq = false;
			continue;
		}
		/* a new item: the previous one's problems are final */
		scan_flush_item(sc);
		f->last_item = ev.line;
		sc->item_line = ev.line;
		sc->item_col = ev.col;
		if (sc->cut_line && ev.line >= sc->cut_line) {
			/* the unterminated last item: never delivered */
			if ((ev.type == JF_YEV_MAP_START || ev.type == JF_YEV_SEQ_START) &&
			    jf_yread_skip(r) < 0)
				return -1;
			continue;
		}
		if (ev.type != JF_YEV_MAP_START) {
			scan_problem(sc, ev.line, ev.col, JF_SEV_ERROR, "an entry must be a mapping of fields");
			sc->item_incomplete = true;
			if (ev.type == JF_YEV_SEQ_START && jf_yread_skip(r) < 0)
				return -1;
			continue;
		}
		if (scan_read_entry(sc, r, cb) < 0)
			return -1;
		if (*cb != JF_OK)
			break;
	}
	return rc;
}

/* The file is read: sort out what its problems mean.  A text that stops
 * parsing inside the file's last item is a cut-short write; one that stops
 * earlier is damage, reported where it is.  A file read without problems
 * is remembered for the cache. */
static void end_file(struct scanner *sc, struct lfile *f, struct jf_diags *ydiag,
		     bool yaml_err, unsigned long tail_line, bool tail_syntax,
		     enum jf_status cb, unsigned long lines)
{
	if (sc->cut_line) {
		/* everything wrong from the cut item on is the cut itself */
		bool other = false;
		for (size_t i = 0; i < ydiag->n; i++)
			if (ydiag->v[i].line < sc->cut_line) {
				jf_diag_add(sc->d, JF_SEV_ERROR, f->rel, ydiag->v[i].line,
					    ydiag->v[i].col, "%s", ydiag->v[i].msg);
				other = true;
			}
		if (sc->item_line < sc->cut_line)
			scan_flush_item(sc);
		else
			jf_diags_release(&sc->item);
		if (other)
			sc->st = jf_status_worst(sc->st, JF_INVALID);
		add_cut(sc, sc->cut_line, NULL);
	} else if (yaml_err && cb == JF_OK) {
		/* a YAML error inside the last item started is a cut-short tail */
		const struct jf_diag *g = ydiag->n ? &ydiag->v[0] : NULL;
		if (g && tail_syntax) {
			jf_diags_release(&sc->item);
			add_cut(sc, tail_line, NULL);
		} else {
			scan_flush_item(sc);
			if (g)
				jf_diag_add(sc->d, JF_SEV_ERROR, f->rel, g->line, g->col, "%s", g->msg);
			sc->st = jf_status_worst(sc->st, JF_INVALID);
		}
	} else if (sc->item_incomplete && cb == JF_OK) {
		/* the item's first error says what it lacks */
		const char *why = NULL;
		for (size_t i = 0; i < sc->item.n && !why; i++)
			if (sc->item.v[i].sev == JF_SEV_ERROR)
				why = sc->item.v[i].msg;
		add_cut(sc, f->last_item, why);
		jf_diags_release(&sc->item);
	} else {
		scan_flush_item(sc);
		if (cb == JF_OK && sc->d->errors == f->errors0 && sc->settings && !sc->cut_line)
			scan_want_save(sc, f->rel, &f->st, lines, &f->hash);
	}
	sc->item_incomplete = false;
}

/* Cut cache c down to its warned part: the records whose warnings it
 * holds (cache.h), as if it had been written when they were all. */
static void cache_warned_part(struct jf_fcache *c)
{
	c->size = c->wsize;
	c->lines = c->wlines;
	c->hash = c->whash;
	c->nrecs = (size_t)c->wrecs;
	while (c->nvoids && c->voids[c->nvoids - 1].rec >= c->wrecs)
		c->nvoids--;
}

/* Scan one ledger file: replay what its cache covers (pre, if have), parse
 * the rest. */
static enum jf_status scan_file(struct scanner *sc, const char *path, const char *rel,
			      struct jf_fcache *pre, bool have)
{
	struct lfile f = { .rel = rel };
	struct jf_yread r;
	struct jf_diags ydiag = JF_DIAGS_INIT;
	enum jf_status cb = JF_OK, st;

	sc->file = rel;
	sc->cut_line = 0;
	if ((st = open_file(sc, path, &f, pre)) != JF_OK)
		return st;
	sc->fid = jf_fid_of(&f.st);
	sc->s->files++;
	f.errors0 = sc->d->errors;
	f.fc = *pre; /* ours now */
	memset(pre, 0, sizeof *pre);
	jf_hash_init(&f.hash);
	sc->file_first = sc->s->index.n;
	sc->nfv = 0;
	sc->nfpos = 0;
	scan_fw_clear(sc);
	sc->wpart = false;
	if (have && f.st.st_size > 0 && (!scan_reload_voids(sc, rel, &f.fc) ||
					  !jf_cache_load_recs(sc->b->root, rel, sc->b, &f.fc) ||
					  !jf_cache_load_pos(sc->b->root, rel, &f.fc))) {
		/* the records or places (for the cache rewritten, and the
		 * entries replayed) are not the ones its MAC'd head holds: the
		 * file is read */
		jf_fcache_release(&f.fc);
		have = false;
	}
	if (have && f.st.st_size > 0) {
		bool same = jf_fcache_same(&f.fc, &f.st);
		bool part = f.fc.wrecs < f.fc.nrecs || f.fc.wsize < f.fc.size;
		if (sc->s->warnings && part)
			cache_warned_part(&f.fc); /* jf-check reads the rest */
		/* a file whose identity changed (a pull, an edit) is read
		 * whole: a hash of the cached bytes cannot tell a crafted
		 * edit from none (tests/cmd/0823) */
		f.cached = f.fc.size <= f.end && same && scan_replay_ok(sc, &f.fc);
		if (f.cached && part && !sc->s->warnings) {
			sc->wpart = true;
			sc->wsize = f.fc.wsize;
			sc->wlines = f.fc.wlines;
			sc->wrecs = f.fc.wrecs;
			sc->whash = f.fc.whash;
		}
		if (f.cached) {
			f.hash = f.fc.hash;
			cb = scan_replay(sc, &f.fc);
		} else {
			jf_fcache_release(&f.fc);
			jf_hash_init(&f.hash);
		}
	}
	uint64_t start = f.cached ? f.fc.size : 0;
	sc->fpos_known = sc->nfpos;
	sc->fpos_off = start;
	sc->fpos_line = f.cached ? f.fc.lines : 0;
	if (cb != JF_OK || start == f.end) {
		/* nothing after the cached part: the file is read */
		close(f.fd);
		bool ok = cb == JF_OK && sc->d->errors == f.errors0 && !sc->item.errors &&
			  !sc->cut_line;
		scan_flush_item(sc);
		if (cb == JF_OK && sc->cut_line)
			add_cut(sc, sc->cut_line, NULL); /* cut right where the cache ends */
		if (ok && f.cached && !jf_fcache_same(&f.fc, &f.st))
			scan_want_save(sc, rel, &f.st, f.fc.lines, &f.hash);
		jf_fcache_release(&f.fc);
		return cb;
	}
	if (start && lseek(f.fd, (off_t)start, SEEK_SET) < 0) {
		jf_error(sc->d, "cannot read '%s': %s", rel, strerror(errno));
		close(f.fd);
		jf_fcache_release(&f.fc);
		return JF_SYSTEM;
	}
	jf_yread_fd(&r, f.fd, rel, &jf_ledger_limits, &ydiag);
	jf_yread_set(&r, &(struct jf_yread_opts){
		.limit = f.end - start,
		.line_base = f.cached ? f.fc.lines : 0,
		.hash = sc->settings ? &f.hash : NULL,
		.tokens = true,
	});

	sc->rd = &r;
	sc->fd = f.fd;
	sc->rd_base = start;
	int rc = read_items(sc, &f, &r, &ydiag, &cb);
	sc->rd = NULL;
	bool yaml_err = rc < 0;
	struct jf_ywhere w;
	jf_yread_where(&r, &w);
	unsigned long lines = w.line - 1;
	unsigned long tail_line = yaml_err && w.syntax_error && f.in_seq ? jf_tail_last_item(f.fd) : 0;
	bool tail_syntax = tail_line && w.syntax_line >= tail_line;
	enum jf_status io = jf_yread_close(&r);
	close(f.fd);
	if (io != JF_OK) {
		jf_diags_move(sc->d, &ydiag);
		scan_flush_item(sc);
		jf_fcache_release(&f.fc);
		return io;
	}
	end_file(sc, &f, &ydiag, yaml_err, tail_line, tail_syntax, cb, lines);
	jf_diags_release(&ydiag);
	jf_fcache_release(&f.fc);
	return cb;
}

const struct jf_effect *jf_scan_find(const struct jf_scan *s, struct jf_idkey k)
{
	if (!s->replay_only)
		return jf_index_find(&s->index, k);
	long w = jf_scan_watched(s, k);
	if (w >= 0 && s->found[w])
		return &s->watched[w];
	return NULL;
}

/* Collect the relative paths of every *.yaml file under dir (rel). */
static enum jf_status walk(const char *dir, const char *rel, int depth, char ***names,
			   size_t *n, struct jf_diags *d)
{
	DIR *dp = opendir(dir);
	struct dirent *de;
	enum jf_status st = JF_OK;

	if (!dp) {
		if (errno == ENOENT && depth == 0)
			return JF_OK;
		jf_error(d, "cannot read directory '%s': %s", rel, strerror(errno));
		return JF_SYSTEM;
	}
	if (depth > 16) {
		closedir(dp);
		jf_error(d, "'%s': ledger directories nest too deep", rel);
		return JF_INVALID;
	}
	while ((de = readdir(dp))) {
		struct jf_buf p = JF_BUF_INIT, r = JF_BUF_INIT;
		struct stat stt;
		size_t len = strlen(de->d_name);
		if (de->d_name[0] == '.')
			continue;
		jf_buf_addf(&p, "%s/%s", dir, de->d_name);
		jf_buf_addf(&r, "%s/%s", rel, de->d_name);
		if (lstat(p.s, &stt) < 0) {
			jf_error(d, "cannot stat '%s': %s", r.s, strerror(errno));
			st = JF_SYSTEM;
		} else if (S_ISLNK(stt.st_mode)) {
			jf_error(d, "'%s' is a symbolic link; links under ledger/ are not followed", r.s);
			st = jf_status_worst(st, JF_INVALID);
		} else if (S_ISDIR(stt.st_mode)) {
			st = jf_status_worst(st, walk(p.s, r.s, depth + 1, names, n, d));
		} else if (len > 5 && !strcmp(de->d_name + len - 5, ".yaml")) {
			if (!S_ISREG(stt.st_mode)) {
				jf_error(d, "'%s' is not a regular file", r.s);
				st = jf_status_worst(st, JF_INVALID);
			} else {
				*names = jf_reallocarray(*names, *n + 1, sizeof **names);
				(*names)[(*n)++] = jf_buf_detach(&r);
			}
		}
		jf_buf_release(&p);
		jf_buf_release(&r);
	}
	closedir(dp);
	return st;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

void jf_scan_init(struct jf_scan *s)
{
	memset(s, 0, sizeof *s);
}

static size_t wslot(const struct jf_scan *s, struct jf_idkey k)
{
	size_t i = (k.w[0] ^ ((size_t)k.w[2] << 7)) & (s->wcap - 1);
	while (s->wslots[i] && !jf_idkey_eq(s->watch[s->wslots[i] - 1], k))
		i = (i + 1) & (s->wcap - 1);
	return i;
}

long jf_scan_watched(const struct jf_scan *s, struct jf_idkey k)
{
	if (!s->wcap)
		return -1;
	uint32_t v = s->wslots[wslot(s, k)];
	return v ? (long)v - 1 : -1;
}

int jf_scan_watch(struct jf_scan *s, struct jf_idkey k)
{
	if (jf_scan_watched(s, k) >= 0)
		return 0;
	if (s->nwatch == s->capwatch) {
		s->capwatch = s->capwatch ? 2 * s->capwatch : 8;
		s->watch = jf_reallocarray(s->watch, s->capwatch, sizeof *s->watch);
		s->watched = jf_reallocarray(s->watched, s->capwatch, sizeof *s->watched);
		s->found = jf_reallocarray(s->found, s->capwatch, sizeof *s->found);
		s->watched_at = jf_reallocarray(s->watched_at, s->capwatch, sizeof *s->watched_at);
	}
	s->watch[s->nwatch] = k;
	s->found[s->nwatch] = false;
	s->nwatch++;
	if (s->nwatch * 2 > s->wcap) {
		free(s->wslots);
		s->wcap = s->wcap ? 2 * s->wcap : 16;
		s->wslots = jf_calloc(s->wcap, sizeof *s->wslots);
		for (size_t i = 0; i < s->nwatch; i++)
			s->wslots[wslot(s, s->watch[i])] = (uint32_t)i + 1;
	} else {
		s->wslots[wslot(s, k)] = (uint32_t)s->nwatch;
	}
	return 0;
}

void jf_scan_release(struct jf_scan *s)
{
	jf_index_release(&s->index);
	for (size_t i = 0; i < s->ncuts; i++)
		free(s->cuts[i].file);
	free(s->cuts);
	free(s->watch);
	free(s->watched);
	free(s->found);
	free(s->watched_at);
	free(s->wslots);
	free(s->fus);
	memset(s, 0, sizeof *s);
}

enum jf_status jf_ledger_files(const struct jf_book *b, char ***names, size_t *n,
			       struct jf_diags *d)
{
	struct jf_buf dir = JF_BUF_INIT;
	*names = NULL;
	*n = 0;
	jf_buf_addf(&dir, "%s/ledger", b->root);
	enum jf_status st = walk(dir.s, "ledger", 0, names, n, d);
	jf_buf_release(&dir);
	if (*n)
		qsort(*names, *n, sizeof **names, cmp_str);
	return st;
}

/* Size the id table for the entries of the files to be read, at once
 * rather than doubling and rehashing it ten times as they come: no entry
 * is much shorter than 160 bytes.  A file of fewer, longer entries costs
 * only address space (the table is calloc'd); capped in any case.  A
 * file that cannot be stat'd here is named when it is read. */
static void reserve_ids(struct scanner *sc, char *const *names, size_t n, const bool *have)
{
	struct jf_buf p = JF_BUF_INIT;
	uint64_t bytes = 0;
	for (size_t i = 0; i < n; i++) {
		struct stat st;
		if (have[i])
			continue;
		jf_buf_reset(&p);
		jf_buf_addf(&p, "%s/%s", sc->b->root, names[i]);
		if (stat(p.s, &st) == 0 && st.st_size > 0)
			bytes += (uint64_t)st.st_size;
	}
	jf_buf_release(&p);
	uint64_t guess = bytes / 160;
	jf_index_reserve(&sc->s->index, (size_t)(guess < (1u << 22) ? guess : (1u << 22)));
}

enum jf_status jf_ledger_scan(struct jf_scan *s, const struct jf_book *b,
			      jf_entry_fn fn, void *ctx, struct jf_diags *d)
{
	struct scanner sc = { .s = s, .b = b, .fn = fn, .ctx = ctx, .d = d, .st = JF_OK };
	struct jf_buf dir = JF_BUF_INIT;
	char **names = NULL;
	size_t n = 0;
	enum jf_status st;

	for (int i = 0; i < JF_NFIELDS; i++)
		jf_buf_init(&sc.f[i].v);
	if (s->use_cache)
		sc.settings = jf_cache_settings(b); /* the settings b was read from */
	jf_buf_addf(&dir, "%s/ledger", b->root);
	st = walk(dir.s, "ledger", 0, &names, &n, d);
	if (n)
		qsort(names, n, sizeof *names, cmp_str);
	struct jf_fcache *pre = jf_calloc(n ? n : 1, sizeof *pre);
	bool *have = jf_calloc(n ? n : 1, sizeof *have);
	bool exact = sc.settings && st == JF_OK && scan_load_caches(&sc, names, n, pre, have);
	if (exact && !s->full_index) {
		bool trusted;
		st = scan_replay_all(&sc, names, n, pre, &trusted);
		for (size_t i = 0; !trusted && i < n; i++) {
			/* the rules across files do not hold among the cached
			 * records: read every file, so problems are found and
			 * named as without the cache */
			jf_fcache_release(&pre[i]);
			have[i] = false;
		}
	}
	if (!s->replay_only)
		reserve_ids(&sc, names, n, have);
	for (size_t i = 0; !s->replay_only && i < n && (st == JF_OK || st == JF_INVALID); i++) {
		struct jf_buf p = JF_BUF_INIT;
		jf_buf_addf(&p, "%s/%s", b->root, names[i]);
		enum jf_status fst = scan_file(&sc, p.s, names[i], &pre[i], have[i]);
		jf_buf_release(&p);
		st = jf_status_worst(st, fst);
		if (fst != JF_OK && fst != JF_INVALID)
			st = fst;
	}
	if (st == JF_OK || st == JF_INVALID) {
		enum jf_status fst = scan_flush_deferred(&sc);
		if (fst != JF_OK)
			st = fst;
	}
	if (st == JF_OK || st == JF_INVALID)
		scan_check_named(&sc);
	scan_drop_named(&sc);
	scan_drop_deferred(&sc);
	scan_pending_finish(&sc, st);
	for (size_t i = 0; i < n; i++)
		jf_fcache_release(&pre[i]);
	free(pre);
	free(sc.wants);
	if (sc.book)
		jf_cache_book_release(sc.book);
	free(sc.book);
	free(sc.bookonce);
	free(have);
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
	for (int i = 0; i < JF_NFIELDS; i++)
		jf_buf_release(&sc.f[i].v);
	jf_diags_release(&sc.item);
	jf_buf_release(&dir);
	if (st == JF_OK || st == JF_INVALID)
		st = jf_status_worst(st, sc.st);
	scan_save_caches(&sc, st);
	return st;
}

int jf_cache_note_entry(const struct jf_book *b, const char *rel, uint64_t settings,
			const char *text, size_t len, uint64_t line_base,
			struct jf_cache_warn **warns, size_t *nwarns, struct jf_cache_void *cv,
			struct jf_cache_pos *pos)
{
	struct jf_scan s;
	struct jf_diags d = JF_DIAGS_INIT, ydiag = JF_DIAGS_INIT;
	struct lfile f = { .rel = rel, .fd = -1 };
	struct jf_yread r;
	enum jf_status cb = JF_OK;

	jf_scan_init(&s);
	struct scanner sc = { .s = &s, .b = b, .d = &d, .st = JF_OK, .settings = settings,
			      .file = rel, .fd = -1 };
	for (int i = 0; i < JF_NFIELDS; i++)
		jf_buf_init(&sc.f[i].v);
	*warns = NULL;
	*nwarns = 0;
	jf_yread_mem(&r, text, len, rel, &jf_ledger_limits, &ydiag);
	jf_yread_set(&r, &(struct jf_yread_opts){ .line_base = (unsigned long)line_base });
	int rc = read_items(&sc, &f, &r, &ydiag, &cb);
	bool incomplete = sc.item_incomplete;
	scan_flush_item(&sc);
	enum jf_status io = jf_yread_close(&r);
	bool ok = rc == 0 && io == JF_OK && cb == JF_OK && !incomplete && !d.errors &&
		  !ydiag.errors && sc.st == JF_OK && s.index.n == 1 && sc.nfv <= 1 && sc.nfpos == 1;
	if (ok) {
		pos->line = sc.fpos[0].line;
		pos->col = sc.fpos[0].col;
		*warns = sc.fw;
		*nwarns = sc.nfw;
		sc.fw = NULL;
		sc.nfw = sc.capfw = 0;
		if (sc.nfv) {
			memcpy(cv->ref, sc.fv[0].ref, sizeof cv->ref);
			cv->ref_line = sc.fv[0].ref_line;
			cv->ref_col = sc.fv[0].ref_col;
		}
	}
	scan_drop_deferred(&sc);
	scan_drop_named(&sc); /* nor a wish not read here */
	scan_pending_finish(&sc, JF_SYSTEM); /* a target not read here is no problem */
	scan_fw_clear(&sc);
	free(sc.fw);
	free(sc.fv);
	free(sc.fpos);
	for (int i = 0; i < JF_NFIELDS; i++)
		jf_buf_release(&sc.f[i].v);
	jf_diags_release(&sc.item);
	jf_diags_release(&d);
	jf_diags_release(&ydiag);
	jf_scan_release(&s);
	return ok ? 0 : -1;
}

enum jf_status jf_ledger_read(struct jf_scan *s, const struct jf_book *b,
			      jf_entry_fn fn, void *ctx, struct jf_diags *d)
{
	struct jf_lock l;
	enum jf_status st = jf_lock_shared(&l, b->root, JF_READ_WAIT_MS, false, d);
	if (st == JF_OK)
		st = jf_ledger_scan(s, b, fn, ctx, d);
	jf_lock_release(&l);
	return st;
}

enum jf_status jf_entry_texts(const struct jf_book *b, const struct jf_entry *e,
			      struct jf_entry *out, struct jf_etexts *t, struct jf_diags *d)
{
	*out = *e;
	if (e->id || !e->len || !e->self)
		return JF_OK; /* its texts came with it, or there are none to read */
	/* the bytes its cache places it at, read as the entry its record is */
	(void)jf_failpoint("before-texts");
	const struct jf_effect *r = e->self;
	jf_date date;
	const char *why;
	bool ok = scan_reread(b->root, e->file, e->fid, e->off, e->len, e->line, e->line, e->col, t);
	const char *id = t->v[JF_F_ID].s, *ref = t->v[JF_F_REF].s;
	ok = ok && (t->has & JF_FB(JF_F_ID)) && jf_id_valid(id) &&
	     jf_idkey_eq(jf_id_key(id, strlen(id)), r->key);
	ok = ok && (t->has & JF_FB(JF_F_DATE)) &&
	     jf_date_parse(t->v[JF_F_DATE].s, &date, &why) == 0 && date == e->date;
	ok = ok && (t->has & JF_FB(JF_F_KIND)) && jf_kind_parse(t->v[JF_F_KIND].s) == (int)e->kind;
	/* a follow-up's ref names the entry it acts on */
	if (ok && (jf_kind(e->kind)->flags & JF_KF_FOLLOW))
		ok = (t->has & JF_FB(JF_F_REF)) && jf_id_valid(ref) && e->target &&
		     jf_idkey_eq(jf_id_key(ref, strlen(ref)), e->target->key);
	if (!ok) {
		jf_error_at(d, e->file, e->line, e->col,
			    "the entry changed while the ledger was read; read it again");
		return JF_INVALID;
	}
	static const enum jf_field f[] = { JF_F_ID, JF_F_AT, JF_F_BY, JF_F_NOTE, JF_F_REASON,
					   JF_F_REF, JF_F_REVIEWER };
	const char **to[] = { &out->id, &out->at, &out->by, &out->note, &out->reason, &out->ref,
			      &out->reviewer };
	for (size_t i = 0; i < sizeof f / sizeof *f; i++)
		*to[i] = (t->has & JF_FB(f[i])) ? t->v[f[i]].s : NULL;
	return JF_OK;
}
