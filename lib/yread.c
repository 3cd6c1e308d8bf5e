/* yread.c - strict, bounded YAML events and small trees over libyaml. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "alloc.h"
#include "bytes.h"
#include "failpoint.h"
#include "fileio.h"
#include "i18n.h"
#include "strmap.h"
#include "width.h"
#include "yread.h"

/* Words of 8 bytes, to pass over runs of plain ASCII a word at a time.
 * A word is loaded little-endian (its first byte lowest) on every machine. */
#define W_ONES UINT64_C(0x0101010101010101)
#define W_HIGH UINT64_C(0x8080808080808080)

/* The high bit of every byte of w that is not printable ASCII (below 0x20,
 * tab included, or 0x7F and up: a byte of 0x7F or more has its high bit
 * set once one is added).  Borrows and carries between bytes start only
 * at a flagged byte and run upward, so the lowest bit set is exactly the
 * first such byte (bytes above it may be flagged wrongly); 0 if none. */
static uint64_t w_not_printable(uint64_t w)
{
	return (((w - 0x20 * W_ONES) & ~w) | (w + W_ONES) | w) & W_HIGH;
}

/* Where the run of printable ASCII that starts at p[i] ends (p[0..n)). */
static inline __attribute__((always_inline)) size_t printable_run(const unsigned char *p, size_t i,
								   size_t n)
{
	for (; i + 8 <= n; i += 8) {
		uint64_t m = w_not_printable(jf_le64(p + i));
		if (m)
			return i + (size_t)__builtin_ctzll(m) / 8;
	}
	while (i < n && p[i] >= 0x20 && p[i] < 0x7F)
		i++;
	return i;
}

/* Note an input problem at the reader's current position.  It is reported
 * (flush_fail) once libyaml has parsed the good bytes before it, so that a
 * problem earlier in the file is reported first. */
static void input_fail(struct jf_yread *r, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static void input_fail(struct jf_yread *r, const char *fmt, ...)
{
	va_list ap;
	if (r->fail_pending || r->input_error)
		return;
	va_start(ap, fmt);
	jf_buf_vaddf(&r->fail_msg, jf_tr(fmt), ap); /* reported as "%s": i18n.h */
	va_end(ap);
	r->fail_line = r->line;
	r->fail_col = r->col;
	r->fail_pending = true;
}

static int flush_fail(struct jf_yread *r)
{
	jf_error_at(r->diags, r->name, r->fail_line, r->fail_col, "%s", r->fail_msg.s);
	r->fail_pending = false;
	r->input_error = true;
	return 0;
}

/* Three-byte characters YAML or jf treats specially: the line and
 * paragraph separators (libyaml takes them for line breaks, so a comment
 * could hide an entry), a byte order mark after the start of the file, and
 * the noncharacters U+FFFE, U+FFFF.  NULL if the character is fine. */
static const char *special3(const struct jf_yread *r)
{
	const unsigned char *p = r->pend;
	if (r->npend != 3)
		return NULL;
	if (p[0] == 0xE2 && p[1] == 0x80 && (p[2] == 0xA8 || p[2] == 0xA9))
		return "line or paragraph separator (U+2028, U+2029) is not allowed";
	if (p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF && r->nread_before + r->seq_off > 0)
		return "byte order mark (U+FEFF) is only allowed at the start of the file";
	if (p[0] == 0xEF && p[1] == 0xBF && (p[2] == 0xBE || p[2] == 0xBF))
		return "noncharacter (U+FFFE, U+FFFF) is not allowed";
	return NULL;
}

/* Check a chunk: UTF-8, control characters, and count lines/columns. */
static size_t check_bytes(struct jf_yread *r, const unsigned char *p, size_t n)
{
	size_t start = 0; /* where the character being read began */
	unsigned long maxl = r->lim.max_line ? r->lim.max_line : (unsigned long)-1;
	for (size_t i = 0; i < n; i++) {
		if (!r->need) {
			/* the common case, lines of printable ASCII: each run in
			 * one step, and the LF after it as the byte-by-byte path
			 * below takes it; not right after a CR, which only an LF
			 * may follow (the path below says so) */
			while (!r->after_cr) {
				size_t j = printable_run(p, i, n);
				if (j > i && r->col + (j - i) < maxl) {
					r->col += j - i;
					i = j;
				}
				if (i == n || p[i] != '\n')
					break;
				r->after_cr = false;
				r->line++;
				r->col = 1;
				i++;
			}
			if (i == n)
				break;
			start = i;
			r->seq_off = i;
		}
		unsigned c = p[i];
		if (r->need) {
			unsigned lo = 0x80, hi = 0xBF;
			if (r->npend == 1) {
				if (r->pend[0] == 0xE0) lo = 0xA0;
				else if (r->pend[0] == 0xED) hi = 0x9F;
				else if (r->pend[0] == 0xF0) lo = 0x90;
				else if (r->pend[0] == 0xF4) hi = 0x8F;
			}
			if (c < lo || c > hi) {
				input_fail(r, "invalid UTF-8 (byte 0x%02X)", c);
				return start;
			}
			r->pend[r->npend++] = (unsigned char)c;
			if (--r->need == 0) {
				/* C1 controls U+0080..U+009F are refused like C0 */
				if (r->pend[0] == 0xC2 && r->pend[1] < 0xA0) {
					input_fail(r, "control character U+%04X is not allowed",
						   r->pend[1]);
					return start;
				}
				const char *why = special3(r);
				if (why) {
					input_fail(r, "%s", why);
					return start;
				}
				r->npend = 0;
				if (++r->col > r->lim.max_line && r->lim.max_line) {
					input_fail(r, "line longer than the limit of %lu characters",
						   r->lim.max_line);
					return start;
				}
			}
			continue;
		}
		if (r->after_cr && c != '\n') {
			input_fail(r, "a CR not followed by LF is not allowed");
			return start;
		}
		r->after_cr = c == '\r';
		if (c == '\n') {
			r->line++;
			r->col = 1;
		} else if (c < 0x80) {
			if ((c < 0x20 && c != '\t' && c != '\r') || c == 0x7F ||
			    (c == '\r' && !r->lim.allow_cr)) {
				if (c == '\r')
					input_fail(r, "CR line ends are not allowed; convert the file to LF");
				else
					input_fail(r, "control character U+%04X is not allowed", c);
				return start;
			}
			if (c == '\t') {
				size_t k = r->ntabs++ % (sizeof r->tabs / sizeof r->tabs[0]);
				r->tabs[k].line = r->line;
				r->tabs[k].col = r->col;
			}
			if (++r->col > r->lim.max_line && r->lim.max_line) {
				input_fail(r, "line longer than the limit of %lu characters",
					   r->lim.max_line);
				return start;
			}
		} else if (c >= 0xE1 && c <= 0xEF && c != 0xED && i + 2 < n &&
			   (p[i + 1] & 0xC0) == 0x80 && (p[i + 2] & 0xC0) == 0x80 &&
			   !(c == 0xE2 && p[i + 1] == 0x80) &&
			   !(c == 0xEF && (p[i + 1] == 0xBB || p[i + 1] == 0xBF)) &&
			   (!r->lim.max_line || r->col < r->lim.max_line)) {
			/* the common case of text, a whole three-byte character
			 * in the chunk (E1..EF but ED, whose second byte is
			 * bounded) that is none of special3()'s (those start
			 * E2 80, EF BB or EF BF) and fits the line: the
			 * byte-by-byte path below would take it the same */
			r->col++;
			i += 2;
		} else if (c >= 0xC2 && c <= 0xF4) {
			r->need = c < 0xE0 ? 1 : c < 0xF0 ? 2 : 3;
			r->pend[0] = (unsigned char)c;
			r->npend = 1;
		} else {
			input_fail(r, "invalid UTF-8 (byte 0x%02X)", c);
			return start;
		}
	}
	return n;
}

/* Bytes libyaml may take in between two events: it buffers a scalar
 * folded over many lines whole before jf sees it, so this bounds its
 * memory (a run of comments is bounded the same way; 10 MiB pass). */
#define MAX_GAP (16u << 20)

/* Does line start mk[0..8) open a git conflict marker ("<<<<<<< ",
 * "=======", "|||||||", ">>>>>>> ")? */
static bool conflict_marker(const unsigned char *mk)
{
	if (!strchr("<=>|", mk[0]) || !mk[0])
		return false;
	for (int i = 1; i < 7; i++)
		if (mk[i] != mk[0])
			return false;
	return mk[7] == '\n' || mk[7] == ' ' || mk[7] == '\r';
}

static bool mk_char(unsigned char c)
{
	return c == '<' || c == '=' || c == '|' || c == '>';
}

/* The conflict marker whose eighth byte is p[i - 1] (whose line starts at
 * p[i - 8], or in an earlier chunk): note the failure at its line, column
 * 1 (the reader's line count is past all of p[0..n)), reported before any
 * problem later in the chunk; return how many bytes of p precede its line. */
static size_t marker_at(struct jf_yread *r, const unsigned char *p, size_t n, size_t i)
{
	unsigned long line = r->line;
	for (size_t k = i - 1; k < n; k++)
		line -= p[k] == '\n';
	r->fail_pending = false;
	jf_buf_setlen(&r->fail_msg, 0);
	input_fail(r, "git conflict markers: this clone has no jf merge driver "
		   "(see jf-merge(1))");
	r->fail_line = line;
	r->fail_col = 1;
	return i >= 8 ? i - 8 : 0;
}

/* Look for a conflict marker at the start of a line in p[0..n) (checked
 * bytes; the reader's line count is already past them).  On one, note the
 * failure at its line, column 1, and return how many bytes precede its
 * line in p (0 if it began in an earlier chunk); else return n.
 *
 * r->mk holds the first bytes of a line begun in an earlier chunk while
 * they may still open a marker (r->nmk of them; 8: they do not, 0: the
 * chunk starts a line).  Lines begun in this chunk are not walked one by
 * one: each of the four marker bytes is looked for with memchr, and only
 * one at the start of a line is looked at further. */
static size_t find_markers(struct jf_yread *r, const unsigned char *p, size_t n)
{
	size_t i = 0;
	/* the rest of a line begun in an earlier chunk */
	while (i < n && r->nmk) {
		if (r->nmk >= 8) {
			const unsigned char *q = memchr(p + i, '\n', n - i);
			if (!q)
				return n;
			i = (size_t)(q - p) + 1;
			r->nmk = 0;
			break;
		}
		unsigned char c = p[i++];
		r->mk[r->nmk++] = c;
		if (r->nmk == 8 && conflict_marker(r->mk))
			return marker_at(r, p, n, i);
		if (c == '\n')
			r->nmk = 0;
	}
	if (i == n)
		return n;
	/* p[i] starts a line: the first marker whole in the chunk */
	size_t s = i, best = n;
	for (const char *m = "<=|>"; *m; m++) {
		for (size_t j = s; j < best;) {
			const unsigned char *q = memchr(p + j, *m, best - j);
			if (!q)
				break;
			j = (size_t)(q - p);
			if ((j == s || p[j - 1] == '\n') && j + 8 <= n && conflict_marker(p + j)) {
				best = j;
				break;
			}
			j++;
		}
	}
	if (best < n)
		return marker_at(r, p, n, best + 8);
	/* the chunk's last line, if it may go on to open a marker in the next */
	const unsigned char *q = memrchr(p + s, '\n', n - s);
	size_t last = q ? (size_t)(q - p) + 1 : s, m = n - last;
	if (m == 0) {
		r->nmk = 0;
	} else if (m < 8 && mk_char(p[last])) {
		memcpy(r->mk, p + last, m);
		r->nmk = m;
	} else {
		r->nmk = 8;
	}
	return n;
}

#define CHANGED_MSG N_("the file changed while it was read; read it again")

/* Read again after events made from tokens: the bytes read so far are
 * the ones read the first time?  (The reads stop at recheck_nread, below,
 * however short the reads of either time were; the hash's value and count
 * do not depend on where its updates began and ended.) */
static bool same_again(const struct jf_yread *r)
{
	return r->nread == r->recheck_nread && r->hash->n == r->recheck_hash.n &&
	       jf_hash_value(r->hash) == jf_hash_value(&r->recheck_hash);
}

/* The input ended (read_handler's result): well, unless inside a
 * character, or before the bytes read the first time were read again. */
static int input_end(struct jf_yread *r)
{
	if (r->recheck) {
		input_fail(r, CHANGED_MSG);
		return flush_fail(r);
	}
	if (r->need) {
		input_fail(r, "invalid UTF-8 (the file ends inside a character)");
		return flush_fail(r);
	}
	return 1;
}

static int read_handler(void *data, unsigned char *buf, size_t size, size_t *size_read)
{
	struct jf_yread *r = data;
	ssize_t n;

	*size_read = 0;
	if (r->fail_pending)
		return flush_fail(r);
	if (r->input_error)
		return 0;
	if (r->limit) {
		if (r->nread >= r->limit) {
			return input_end(r); /* the limit */
		}
		if (size > r->limit - r->nread)
			size = (size_t)(r->limit - r->nread);
	}
	/* read again: up to where the first read stood, not past it */
	if (r->recheck && r->nread < r->recheck_nread && size > r->recheck_nread - r->nread)
		size = (size_t)(r->recheck_nread - r->nread);
	if (r->fd < 0) {
		n = (ssize_t)(r->memlen - r->memoff < size ? r->memlen - r->memoff : size);
		memcpy(buf, r->mem + r->memoff, (size_t)n);
		r->memoff += (size_t)n;
	} else {
#ifdef JF_FAILPOINTS
		/* reads of about 100 bytes, as a network file system may
		 * give (failpoint.h) */
		static unsigned nshort;
		if (jf_failpoint_armed("short-reads") && size > 97 + nshort % 13)
			size = 97 + nshort++ % 13;
#endif
		n = jf_read_some(r->fd, buf, size);
	}
	if (n < 0) {
		jf_error_at(r->diags, r->name, 0, 0, "read error: %s", strerror(errno));
		r->sys = JF_SYSTEM;
		r->input_error = true;
		return 0;
	}
	if (n == 0)
		return input_end(r);
	if (r->nread + (uint64_t)n > r->lim.max_bytes) {
		input_fail(r, "file is larger than the limit of %llu bytes",
			   (unsigned long long)r->lim.max_bytes);
		return flush_fail(r);
	}
	r->nread_before = r->nread;
	r->nread += (uint64_t)n;
	size_t good = check_bytes(r, buf, (size_t)n);
	good = find_markers(r, buf, good);
	if (good == 0 && r->fail_pending)
		return flush_fail(r);
	r->gap += good;
	if (r->gap > MAX_GAP) {
		input_fail(r, "more than %u bytes in one value or run of comments (a value "
			   "folded over too many lines?)", MAX_GAP);
		return flush_fail(r);
	}
	if (r->hash)
		jf_hash_update(r->hash, buf, good);
	if (r->recheck && r->nread >= r->recheck_nread) {
		r->recheck = false;
		if (!same_again(r)) {
			input_fail(r, CHANGED_MSG);
			return flush_fail(r);
		}
	}
	r->last_newline = buf[good - 1] == '\n';
	*size_read = good;
	return 1;
}

/* A new parser, and the input checks as before the first byte: what
 * jf_yread_fd() starts with, and a read again from the start
 * (tok_restart). */
static void read_start(struct jf_yread *r)
{
	if (!yaml_parser_initialize(&r->parser))
		jf_oom();
	yaml_parser_set_input(&r->parser, read_handler, r);
	r->nread = r->nread_before = 0;
	r->line = r->line_base + 1;
	r->col = 1;
	r->seq_off = r->npend = r->need = 0;
	r->after_cr = r->input_error = r->fail_pending = false;
	jf_buf_setlen(&r->fail_msg, 0);
	r->fail_line = r->fail_col = 0;
	r->last_newline = true;
	r->gap = 0;
	r->nmk = 0;
	r->ntabs = 0;
	r->sys = JF_OK;
}

void jf_yread_fd(struct jf_yread *r, int fd, const char *name,
		 const struct jf_ylimits *lim, struct jf_diags *d)
{
	memset(r, 0, sizeof *r);
	jf_buf_init(&r->fail_msg);
	r->fd = fd;
	r->name = jf_strdup(name);
	r->lim = *lim;
	r->diags = d;
	read_start(r);
	/* an oversized file is refused before a byte of it is read */
	struct stat st;
	if (fd >= 0 && fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && (uint64_t)st.st_size > lim->max_bytes)
		input_fail(r, "file is larger than the limit of %llu bytes",
			   (unsigned long long)lim->max_bytes);
}

void jf_yread_mem(struct jf_yread *r, const char *s, size_t n, const char *name,
		  const struct jf_ylimits *lim, struct jf_diags *d)
{
	jf_yread_fd(r, -1, name, lim, d);
	r->mem = (const unsigned char *)s;
	r->memlen = n;
	if ((uint64_t)n > lim->max_bytes)
		input_fail(r, "file is larger than the limit of %llu bytes",
			   (unsigned long long)lim->max_bytes);
}

void jf_yread_set(struct jf_yread *r, const struct jf_yread_opts *o)
{
	r->limit = o->limit;
	r->line_base = o->line_base;
	r->line = o->line_base + 1;
	r->hash = o->hash;
	r->want_tok = o->tokens;
}

static bool ahead_last(const struct jf_yread *r, uint64_t *nread, unsigned long *line);

void jf_yread_where(const struct jf_yread *r, struct jf_ywhere *w)
{
	/* as it stood when the event last returned was parsed: the events
	 * parsed ahead (struct jf_yahead) do not move it */
	if (!ahead_last(r, &w->bytes, &w->line)) {
		w->bytes = r->nread;
		w->line = r->line;
	}
	w->syntax_error = r->syntax_error;
	w->syntax_line = r->syntax_line;
}

enum jf_status jf_yread_open(struct jf_yread *r, const char *path, const char *name,
			     const struct jf_ylimits *lim, struct jf_diags *d)
{
	int fd = jf_open(path, O_RDONLY | O_CLOEXEC, 0);
	if (fd < 0) {
		memset(r, 0, sizeof *r);
		r->fd = -1;
		jf_error(d, "cannot open '%s': %s", name, strerror(errno));
		return JF_SYSTEM;
	}
	jf_yread_fd(r, fd, name, lim, d);
	r->own_fd = true;
	return JF_OK;
}

static void ahead_free(struct jf_yread *r);

enum jf_status jf_yread_close(struct jf_yread *r)
{
	enum jf_status st = r->sys;
	if (r->name) {
		ahead_free(r);
		yaml_parser_delete(&r->parser);
	}
	if (r->own_fd && r->fd >= 0)
		close(r->fd);
	free(r->name);
	r->name = NULL;
	jf_buf_release(&r->fail_msg);
	r->fd = -1;
	return st;
}

/* Does the line the last read ended in, whose first r->nmk (1..7) bytes
 * may open a conflict marker, open one?  The bytes after them are read
 * to see, though libyaml has stopped and takes none of them: it failed
 * on the line before its eighth byte was read ("|||||||" and ">>>>>>>"
 * begin block scalars), and the marker is what to report. */
static bool marker_ahead(struct jf_yread *r)
{
	unsigned char mk[8];
	size_t have = r->nmk, want = sizeof mk - have;
	if (have == 0 || have >= sizeof mk)
		return false;
	memcpy(mk, r->mk, have);
	if (r->limit && r->limit - r->nread < want)
		return false;
	if (r->fd < 0) {
		if (r->memlen - r->memoff < want)
			return false;
		memcpy(mk + have, r->mem + r->memoff, want);
	} else {
		for (size_t got = 0; got < want;) {
			ssize_t n = jf_read_some(r->fd, mk + have + got, want - got);
			if (n <= 0)
				return false;
			got += (size_t)n;
		}
	}
	return conflict_marker(mk);
}

/* Turn libyaml's error into a diagnostic (unless the reader already did). */
static void parser_fail(struct jf_yread *r)
{
	yaml_parser_t *p = &r->parser;
	if (r->input_error)
		return;
	if ((p->error == YAML_SCANNER_ERROR || p->error == YAML_PARSER_ERROR) &&
	    r->line_base + p->problem_mark.line + 1 == r->line && marker_ahead(r)) {
		r->fail_pending = false;
		jf_buf_setlen(&r->fail_msg, 0);
		input_fail(r, "git conflict markers: this clone has no jf merge driver "
			   "(see jf-merge(1))");
		r->fail_col = 1;
		flush_fail(r);
		return;
	}
	const char *problem = p->problem ? p->problem : "malformed YAML";
	unsigned long line = r->line_base + p->problem_mark.line + 1,
		      col = p->problem_mark.column + 1;
	if (p->error == YAML_READER_ERROR || p->error == YAML_MEMORY_ERROR) {
		line = r->line;
		col = r->col;
	}
	if (p->error == YAML_SCANNER_ERROR || p->error == YAML_PARSER_ERROR) {
		/* a tab where YAML wants none: say so plainly, at the tab */
		for (size_t k = 0; k < r->ntabs && k < sizeof r->tabs / sizeof r->tabs[0]; k++)
			if (r->tabs[k].line == line && r->tabs[k].col == col) {
				r->syntax_error = true;
				r->syntax_line = line;
				jf_error_at(r->diags, r->name, line, col,
					    "tab: YAML does not allow a tab here (indent with spaces)");
				return;
			}
	}
	if (p->error == YAML_SCANNER_ERROR || p->error == YAML_PARSER_ERROR) {
		r->syntax_error = true;
		r->syntax_line = line;
		if (p->context && r->line_base + p->context_mark.line + 1 < line)
			r->syntax_line = r->line_base + p->context_mark.line + 1;
	}
	if (p->context && r->line_base + p->context_mark.line + 1 < line)
		/* shown where the construct starts: "the quote opened here" */
		jf_error_at(r->diags, r->name, r->line_base + p->context_mark.line + 1,
			    p->context_mark.column + 1, "%s %s (found at line %lu, column %lu)",
			    problem, p->context, line, col);
	else if (p->context)
		jf_error_at(r->diags, r->name, line, col, "%s %s", problem, p->context);
	else
		jf_error_at(r->diags, r->name, line, col, "%s", problem);
}

/* Control characters a value may hold only when escaped in quotes, or a
 * block scalar's line breaks: refused, values are single lines.  Tab is
 * allowed.  (What has_control() finds is also what check_bytes() refuses
 * in the input, but for the line breaks; see may_have_control().) */
static bool has_control(const unsigned char *s, size_t n)
{
	for (size_t i = printable_run(s, 0, n); i < n; i++) {
		if ((s[i] < 0x20 && s[i] != '\t') || s[i] == 0x7F)
			return true;
		if (s[i] >= 0xC2 && jf_special_char(s + i))
			return true;
	}
	return false;
}

/* Can the scalar's value hold a character has_control() finds?  Every
 * byte libyaml is handed passed check_bytes(), which refuses all of them
 * but line breaks.  So only escapes (double quotes), a block scalar's
 * line breaks, or the folding of a scalar over lines bring them in: a
 * plain or single-quoted scalar on one line is its own bytes ('' for ' in
 * single quotes) and needs no second look. */
static bool may_have_control(const yaml_event_t *e)
{
	yaml_scalar_style_t st = e->data.scalar.style;
	return (st != YAML_PLAIN_SCALAR_STYLE && st != YAML_SINGLE_QUOTED_SCALAR_STYLE) ||
	       e->end_mark.line != e->start_mark.line;
}

static int fail_at(struct jf_yread *r, const yaml_mark_t *m, const char *msg)
{
	jf_error_at(r->diags, r->name, r->line_base + m->line + 1, m->column + 1, "%s", msg);
	r->failed = true;
	return -1;
}

/* Event e (just parsed) as ev, but the plain scalar jf_yread_next()
 * takes itself: 1, 0 at the end, -1 refused, 2 for none (stream start). */
static int translate(struct jf_yread *r, const yaml_event_t *e, struct jf_yev *ev)
{
	memset(ev, 0, sizeof *ev);
	ev->line = r->line_base + e->start_mark.line + 1;
	ev->col = e->start_mark.column + 1;
	switch (e->type) {
	case YAML_STREAM_START_EVENT:
		return 2;
	case YAML_NO_EVENT:
	case YAML_STREAM_END_EVENT:
		ev->type = JF_YEV_END;
		return 0;
	case YAML_DOCUMENT_START_EVENT:
		if (e->data.document_start.version_directive ||
		    e->data.document_start.tag_directives.start !=
			    e->data.document_start.tag_directives.end)
			return fail_at(r, &e->start_mark, "directives (%YAML, %TAG) are not allowed");
		ev->type = JF_YEV_DOC_START;
		ev->marker = !e->data.document_start.implicit;
		return 1;
	case YAML_DOCUMENT_END_EVENT:
		ev->type = JF_YEV_DOC_END;
		ev->marker = !e->data.document_end.implicit;
		return 1;
	case YAML_ALIAS_EVENT:
		return fail_at(r, &e->start_mark, "aliases are not allowed");
	case YAML_SCALAR_EVENT:
		if (e->data.scalar.anchor)
			return fail_at(r, &e->start_mark, "anchors are not allowed");
		if (e->data.scalar.tag)
			return fail_at(r, &e->start_mark, "tags are not allowed");
		if (e->data.scalar.length > r->lim.max_scalar) {
			jf_error_at(r->diags, r->name, ev->line, ev->col,
				    "value longer than the limit of %zu bytes", r->lim.max_scalar);
			r->failed = true;
			return -1;
		}
		if (may_have_control(e) && has_control(e->data.scalar.value, e->data.scalar.length))
			return fail_at(r, &e->start_mark,
				       "control character in a value (values are one line of text)");
		ev->type = JF_YEV_SCALAR;
		ev->value = e->data.scalar.value ? (const char *)e->data.scalar.value : "";
		ev->len = e->data.scalar.length;
		ev->quoted = e->data.scalar.style != YAML_PLAIN_SCALAR_STYLE;
		return 1;
	case YAML_SEQUENCE_START_EVENT:
	case YAML_MAPPING_START_EVENT: {
		bool seq = e->type == YAML_SEQUENCE_START_EVENT;
		const yaml_char_t *anchor = seq ? e->data.sequence_start.anchor
						: e->data.mapping_start.anchor;
		const yaml_char_t *tag = seq ? e->data.sequence_start.tag : e->data.mapping_start.tag;
		if (anchor)
			return fail_at(r, &e->start_mark, "anchors are not allowed");
		if (tag)
			return fail_at(r, &e->start_mark, "tags are not allowed");
		if (++r->depth > r->lim.max_depth)
			return fail_at(r, &e->start_mark, "nesting deeper than this file allows");
		ev->type = seq ? JF_YEV_SEQ_START : JF_YEV_MAP_START;
		ev->flow = seq ? e->data.sequence_start.style == YAML_FLOW_SEQUENCE_STYLE
			       : e->data.mapping_start.style == YAML_FLOW_MAPPING_STYLE;
		return 1;
	}
	case YAML_SEQUENCE_END_EVENT:
		r->depth--;
		ev->type = JF_YEV_SEQ_END;
		return 1;
	case YAML_MAPPING_END_EVENT:
		r->depth--;
		ev->type = JF_YEV_MAP_END;
		return 1;
	}
	return 2; /* (no other event types) */
}

/* Events parsed ahead.  Handing libyaml's events to the caller one at a
 * time alternates libyaml's code with jf's for every key and value, and
 * together they do not fit the instruction cache: each entry then reads
 * both from memory again (77 first-level misses per entry, against none
 * for libyaml alone; cachegrind).  So the reader parses up to AHEAD_N
 * events in one go and hands them out after.  A plain one-line scalar,
 * most events of a ledger, is kept as its text alone (libyaml's copy freed
 * at once, as it would be one event later); other events are kept whole.
 * Nothing the caller sees changes: jf_yread_where() tells where the reader
 * stood at the event returned last, and what the parse that failed
 * reported is held back until the events before it are handed out, so
 * that the caller's own diagnostics of them come first. */
#define AHEAD_N 128          /* events per batch */
#define AHEAD_TEXT 16384     /* bytes of values per batch, at most about */

struct jf_yaev {
	int32_t whole;           /* index into whole[]; -1: plain scalar */
	uint32_t len;            /* the plain scalar: its text's length */
	size_t off;              /*   and where it is in text */
	unsigned long line, col; /*   and where it starts */
	uint64_t nread;          /* the reader after parsing it */
	unsigned long rline;
};

struct jf_yahead {
	struct jf_yaev ev[AHEAD_N];
	yaml_event_t whole[AHEAD_N];
	size_t n, i, nwhole;
	bool failed;             /* the parse after ev[n - 1] failed */
	char *text;              /* the plain scalars' texts, each NUL-ended */
	size_t ntext;            /* bytes in text (of AHEAD_TEXT + AHEAD_N +
				  * lim.max_scalar + 1 allocated) */
	struct jf_diags held;    /* what the read reported while it failed */
	enum jf_status held_sys; /* and r->sys after it */
};

static void tok_free(struct jf_yread *r);

static void ahead_free(struct jf_yread *r)
{
	struct jf_yahead *a = r->ahead;
	if (!a)
		return;
	for (size_t k = 0; k < a->nwhole; k++)
		yaml_event_delete(&a->whole[k]);
	/* a failure held for events the caller did not ask for is dropped,
	 * as reading one event at a time would never have met it */
	jf_diags_release(&a->held);
	free(a->text);
	free(a);
	r->ahead = NULL;
	tok_free(r);
}

static bool plain_scalar(const struct jf_yread *r, const yaml_event_t *e)
{
	/* needs none of translate()'s checks but its length's */
	return e->type == YAML_SCALAR_EVENT && e->data.scalar.style == YAML_PLAIN_SCALAR_STYLE &&
	       e->start_mark.line == e->end_mark.line && !e->data.scalar.anchor &&
	       !e->data.scalar.tag && e->data.scalar.length <= r->lim.max_scalar;
}

/* Events made from tokens.  libyaml's parser turns its scanner's tokens
 * into events through a state machine that is a tenth of the instructions
 * of a ledger's cold read and more of its time (a bare loop over the
 * tokens of the 1M book takes 2.5 s, over the events 3.1 s).  Ledgers use
 * one small part of YAML: block sequences and mappings of scalars in one
 * document.  With jf_yread_opts.tokens the reader makes their events
 * from the tokens itself, the same events with the same marks and values
 * libyaml's parser makes (yaml_parser_parse_node() and the block states
 * of its parser.c, which this follows state by state), and on any other
 * token (a flow collection, an anchor, tag or alias, a directive, '...',
 * a second document), on any error, and past TOK_DEPTH levels it reads
 * the input again from its start with libyaml's parser, passes over the
 * events it made already, checking that they are the ones the parser
 * makes (the last of them stands where the parser's does; and when the
 * read is hashed, for the cache, the bytes read again hash as the bytes
 * read before: read_handler), and goes on with the parser.  So every
 * error, and everything outside that part, is libyaml's own, as before.
 * The differential tests are test_yread's (every test both ways, ledgers
 * changed at random) and fuzz_ledger's. */
enum tok_state {
	TS_STREAM,      /* before the stream start */
	TS_DOC,         /* the first document, or the end of an empty stream */
	TS_CONTENT,     /* an explicit document's node, maybe empty */
	TS_NODE,        /* a block node */
	TS_SEQ_FIRST,   /* a block sequence, its start token still peeked */
	TS_SEQ,         /* a block sequence's next entry or end */
	TS_IL,          /* an indentless sequence's next entry or end */
	TS_MAP_FIRST,   /* a block mapping, its start token still peeked */
	TS_KEY,         /* a block mapping's next key or end */
	TS_VALUE,       /* a block mapping's value */
	TS_DOC_END,     /* after the document's node */
	TS_DOC_NEXT,    /* after the document's end */
	TS_END,         /* after the stream end */
};

#define TOK_DEPTH 64

struct jf_ytok {
	yaml_token_t t;          /* the token peeked, if have */
	bool have;
	uint8_t state;
	uint8_t stack[TOK_DEPTH];/* the states to go back to */
	size_t depth;
	uint64_t nev;            /* events made */
	off_t off0;              /* where the input began (fd), */
	size_t memoff0;          /* (memory) */
	struct jf_hash hash0;    /* and the hash then */
	/* the last event made: its type and where it starts and ends (the
	 * parser's must be the same, tok_restart) */
	yaml_event_type_t last_type;
	size_t last_start, last_end;
};

static inline yaml_token_t *tok_peek(struct jf_yread *r)
{
	struct jf_ytok *k = r->tok;
	if (!k->have) {
		if (!yaml_parser_scan(&r->parser, &k->t))
			return NULL;
		k->have = true;
	}
	return &k->t;
}

/* Pass over the token peeked: none of those passed over owns memory (a
 * scalar's value is the event's then). */
static void tok_skip(struct jf_ytok *k)
{
	k->have = false;
}

static void tok_ev(yaml_event_t *e, yaml_event_type_t type, yaml_mark_t start, yaml_mark_t end)
{
	memset(e, 0, sizeof *e);
	e->type = type;
	e->start_mark = start;
	e->end_mark = end;
}

/* An empty plain scalar at m; its value NULL, which yaml_event_delete()
 * and ahead_fill() take for "". */
static int tok_empty(yaml_event_t *e, yaml_mark_t m)
{
	e->type = YAML_SCALAR_EVENT;
	e->start_mark = e->end_mark = m;
	e->data.scalar.anchor = e->data.scalar.tag = e->data.scalar.value = NULL;
	e->data.scalar.length = 0;
	e->data.scalar.plain_implicit = 1;
	e->data.scalar.quoted_implicit = 0;
	e->data.scalar.style = YAML_PLAIN_SCALAR_STYLE;
	return 1;
}

static bool tok_push(struct jf_ytok *k, enum tok_state s)
{
	if (k->depth == TOK_DEPTH)
		return false;
	k->stack[k->depth++] = (uint8_t)s;
	return true;
}

static void tok_pop(struct jf_ytok *k)
{
	k->state = k->depth ? k->stack[--k->depth] : TS_END;
}

/* A block node (indentless: where a sequence may start with '-' at the
 * mapping's own indent).  1 for an event, 0: not one of the subset. */
static int tok_node(struct jf_yread *r, yaml_event_t *e, bool indentless)
{
	struct jf_ytok *k = r->tok;
	yaml_token_t *t = tok_peek(r);
	if (!t)
		return 0;
	switch (t->type) {
	case YAML_SCALAR_TOKEN: {
		/* every member set: the scalar's are all of the union */
		bool plain = t->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
		e->type = YAML_SCALAR_EVENT;
		e->start_mark = t->start_mark;
		e->end_mark = t->end_mark;
		e->data.scalar.anchor = e->data.scalar.tag = NULL;
		e->data.scalar.value = t->data.scalar.value;
		e->data.scalar.length = t->data.scalar.length;
		e->data.scalar.plain_implicit = plain;
		e->data.scalar.quoted_implicit = !plain;
		e->data.scalar.style = t->data.scalar.style;
		tok_skip(k);
		tok_pop(k);
		return 1;
	}
	case YAML_BLOCK_ENTRY_TOKEN:
		/* an indentless sequence, its '-' not passed over */
		if (!indentless)
			return 0;
		/* fall through */
	case YAML_BLOCK_SEQUENCE_START_TOKEN:
		k->state = t->type == YAML_BLOCK_ENTRY_TOKEN ? TS_IL : TS_SEQ_FIRST;
		tok_ev(e, YAML_SEQUENCE_START_EVENT, t->start_mark, t->end_mark);
		e->data.sequence_start.implicit = 1;
		e->data.sequence_start.style = YAML_BLOCK_SEQUENCE_STYLE;
		return 1;
	case YAML_BLOCK_MAPPING_START_TOKEN:
		tok_ev(e, YAML_MAPPING_START_EVENT, t->start_mark, t->end_mark);
		e->data.mapping_start.implicit = 1;
		e->data.mapping_start.style = YAML_BLOCK_MAPPING_STYLE;
		k->state = TS_MAP_FIRST;
		return 1;
	default:
		return 0;
	}
}

/* The tokens that end a mapping's key or value, or an indentless
 * sequence's entry, before any node (a set of TB() bits). */
#define TB(type) (1u << (type))
#define ENDS_NODE (TB(YAML_KEY_TOKEN) | TB(YAML_VALUE_TOKEN) | TB(YAML_BLOCK_END_TOKEN))

/* After an indicator ('-', '?', ':'; the token peeked, ending at m): pass
 * over it; then an empty scalar at m if the token next is one of ends,
 * else the node that follows.  The state after it: next. */
static int tok_after(struct jf_yread *r, yaml_event_t *e, yaml_mark_t m, unsigned ends,
		     enum tok_state next, bool indentless)
{
	struct jf_ytok *k = r->tok;
	yaml_token_t *t;
	tok_skip(k);
	if (!(t = tok_peek(r)))
		return 0;
	k->state = next;
	if (ends & TB(t->type))
		return tok_empty(e, m);
	return tok_push(k, next) && tok_node(r, e, indentless);
}

/* The end of a block collection (the BLOCK-END token peeked). */
static int tok_end(struct jf_ytok *k, yaml_event_t *e, yaml_event_type_t type)
{
	tok_ev(e, type, k->t.start_mark, k->t.end_mark);
	tok_skip(k);
	tok_pop(k);
	return 1;
}

/* The next event of the subset into *e: 1, or 0 if the next is not of it
 * (or the scanner failed). */
static int tok_event(struct jf_yread *r, yaml_event_t *e)
{
	struct jf_ytok *k = r->tok;
	yaml_token_t *t;
	yaml_token_type_t ty;

	switch ((enum tok_state)k->state) {
	case TS_STREAM:
		if (!(t = tok_peek(r)) || t->type != YAML_STREAM_START_TOKEN)
			return 0;
		tok_ev(e, YAML_STREAM_START_EVENT, t->start_mark, t->start_mark);
		e->data.stream_start.encoding = t->data.stream_start.encoding;
		tok_skip(k);
		k->state = TS_DOC;
		return 1;
	case TS_DOC:
		if (!(t = tok_peek(r)))
			return 0;
		if (t->type == YAML_STREAM_END_TOKEN) {
			tok_ev(e, YAML_STREAM_END_EVENT, t->start_mark, t->end_mark);
			tok_skip(k);
			k->state = TS_END;
			return 1;
		}
		if (t->type == YAML_VERSION_DIRECTIVE_TOKEN || t->type == YAML_TAG_DIRECTIVE_TOKEN ||
		    !tok_push(k, TS_DOC_END))
			return 0;
		if (t->type == YAML_DOCUMENT_START_TOKEN) {
			/* '---' */
			tok_ev(e, YAML_DOCUMENT_START_EVENT, t->start_mark, t->end_mark);
			tok_skip(k);
			k->state = TS_CONTENT;
			return 1;
		}
		tok_ev(e, YAML_DOCUMENT_START_EVENT, t->start_mark, t->start_mark);
		e->data.document_start.implicit = 1;
		k->state = TS_NODE;
		return 1;
	case TS_CONTENT:
		if (!(t = tok_peek(r)))
			return 0;
		ty = t->type;
		if (ty == YAML_VERSION_DIRECTIVE_TOKEN || ty == YAML_TAG_DIRECTIVE_TOKEN ||
		    ty == YAML_DOCUMENT_START_TOKEN || ty == YAML_DOCUMENT_END_TOKEN ||
		    ty == YAML_STREAM_END_TOKEN) {
			tok_pop(k);
			return tok_empty(e, t->start_mark);
		}
		return tok_node(r, e, false);
	case TS_NODE:
		return tok_node(r, e, false);
	case TS_SEQ_FIRST:
		tok_skip(k);
		k->state = TS_SEQ;
		/* fall through */
	case TS_SEQ:
		if (!(t = tok_peek(r)))
			return 0;
		if (t->type == YAML_BLOCK_END_TOKEN)
			return tok_end(k, e, YAML_SEQUENCE_END_EVENT);
		if (t->type != YAML_BLOCK_ENTRY_TOKEN)
			return 0;
		return tok_after(r, e, t->end_mark, TB(YAML_BLOCK_ENTRY_TOKEN) | TB(YAML_BLOCK_END_TOKEN),
				 TS_SEQ, false);
	case TS_IL:
		if (!(t = tok_peek(r)))
			return 0;
		if (t->type != YAML_BLOCK_ENTRY_TOKEN) {
			/* not passed over: it goes on the mapping */
			tok_ev(e, YAML_SEQUENCE_END_EVENT, t->start_mark, t->start_mark);
			tok_pop(k);
			return 1;
		}
		return tok_after(r, e, t->end_mark, TB(YAML_BLOCK_ENTRY_TOKEN) | ENDS_NODE, TS_IL, false);
	case TS_MAP_FIRST:
		tok_skip(k);
		k->state = TS_KEY;
		/* fall through */
	case TS_KEY:
		if (!(t = tok_peek(r)))
			return 0;
		if (t->type == YAML_BLOCK_END_TOKEN)
			return tok_end(k, e, YAML_MAPPING_END_EVENT);
		if (t->type != YAML_KEY_TOKEN)
			return 0;
		return tok_after(r, e, t->end_mark, ENDS_NODE, TS_VALUE, true);
	case TS_VALUE:
		if (!(t = tok_peek(r)))
			return 0;
		if (t->type != YAML_VALUE_TOKEN) {
			k->state = TS_KEY;
			return tok_empty(e, t->start_mark);
		}
		return tok_after(r, e, t->end_mark, ENDS_NODE, TS_KEY, true);
	case TS_DOC_END:
		if (!(t = tok_peek(r)) || t->type == YAML_DOCUMENT_END_TOKEN)
			return 0;
		tok_ev(e, YAML_DOCUMENT_END_EVENT, t->start_mark, t->start_mark);
		e->data.document_end.implicit = 1;
		k->state = TS_DOC_NEXT;
		return 1;
	case TS_DOC_NEXT:
		if (!(t = tok_peek(r)) || t->type != YAML_STREAM_END_TOKEN)
			return 0;
		tok_ev(e, YAML_STREAM_END_EVENT, t->start_mark, t->end_mark);
		tok_skip(k);
		k->state = TS_END;
		return 1;
	case TS_END:
		memset(e, 0, sizeof *e);
		return 1;
	}
	return 0;
}

static void tok_free(struct jf_yread *r)
{
	if (!r->tok)
		return;
	if (r->tok->have)
		yaml_token_delete(&r->tok->t);
	free(r->tok);
	r->tok = NULL;
}

/* Begin making events from tokens, if the input can be read again from
 * where it starts: a regular file or memory, nothing refused yet. */
static void tok_begin(struct jf_yread *r)
{
	struct stat st;
	off_t off0 = 0;
	if (r->fail_pending || r->input_error || r->sys != JF_OK || r->nread)
		return;
	if (r->fd >= 0 && (fstat(r->fd, &st) < 0 || !S_ISREG(st.st_mode) ||
			   (off0 = lseek(r->fd, 0, SEEK_CUR)) < 0))
		return;
	struct jf_ytok *k = r->tok = jf_calloc(1, sizeof *k);
	k->state = TS_STREAM;
	k->off0 = off0;
	k->memoff0 = r->memoff;
	if (r->hash)
		k->hash0 = *r->hash;
}

/* The next event into *e as libyaml's parser makes it: from tokens while
 * they are of the subset, then (tok_restart) from the parser.  What
 * yaml_parser_parse() returns. */
static bool tok_restart(struct jf_yread *r);

static int next_event(struct jf_yread *r, yaml_event_t *e)
{
	if (r->tok) {
		if (tok_event(r, e)) {
			struct jf_ytok *k = r->tok;
			k->nev++;
			k->last_type = e->type;
			k->last_start = e->start_mark.index;
			k->last_end = e->end_mark.index;
			return 1;
		}
		if (!tok_restart(r))
			return 0;
	}
	return yaml_parser_parse(&r->parser, e);
}

/* Read the input again from its start with libyaml's parser, and pass
 * over the events made from tokens so far: they must be the parser's
 * (else the file changed while it was read: an error).  False on
 * failure, reported. */
static bool tok_restart(struct jf_yread *r)
{
	struct jf_ytok k = *r->tok;
	r->tok->have = false; /* k has it now */
	tok_free(r);
	if (k.have)
		yaml_token_delete(&k.t);
	yaml_parser_delete(&r->parser);
	uint64_t nread = r->nread;
	read_start(r); /* as tok_begin found it: nothing read, nothing refused */
	if (r->hash) {
		/* what was read so far must be what is read again */
		r->recheck = true;
		r->recheck_nread = nread;
		r->recheck_hash = *r->hash;
		*r->hash = k.hash0;
	}
	jf_diags_release(r->diags); /* the read's own: it reports them again */
	jf_diags_init(r->diags);
	if (r->fd >= 0 && lseek(r->fd, k.off0, SEEK_SET) < 0) {
		jf_error_at(r->diags, r->name, 0, 0, "read error: %s", strerror(errno));
		r->sys = JF_SYSTEM;
		r->input_error = true;
		return false;
	}
	r->memoff = k.memoff0;
	for (uint64_t i = 0; i < k.nev; i++) {
		yaml_event_t e;
		if (!yaml_parser_parse(&r->parser, &e))
			break;
		r->gap = 0;
		bool same = e.type == k.last_type && e.start_mark.index == k.last_start &&
			    e.end_mark.index == k.last_end;
		yaml_event_delete(&e);
		if (i + 1 == k.nev && same)
			return true;
	}
	if (!k.nev)
		return true;
	if (r->input_error)
		return false; /* the read again said so (read_handler) */
	jf_error_at(r->diags, r->name, r->line, r->col, CHANGED_MSG);
	r->input_error = true;
	r->sys = JF_SYSTEM;
	return false;
}

/* Parse the next batch of events into r->ahead. */
static void ahead_fill(struct jf_yread *r)
{
	struct jf_yahead *a = r->ahead;
	for (size_t k = 0; k < a->nwhole; k++)
		yaml_event_delete(&a->whole[k]);
	a->n = a->i = a->nwhole = 0;
	a->ntext = 0;
	struct jf_diags *d = r->diags;
	enum jf_status sys = r->sys;
	r->diags = &a->held; /* only the failing parse reports (read_handler) */
	size_t text = 0; /* values' bytes, whole events' too */
	while (a->n < AHEAD_N && text < AHEAD_TEXT) {
		yaml_event_t *e = &a->whole[a->nwhole];
		if (!next_event(r, e)) {
			a->failed = true;
			break;
		}
		r->gap = 0;
		struct jf_yaev *q = &a->ev[a->n++];
		q->nread = r->nread;
		q->rline = r->line;
		yaml_event_type_t type = e->type;
		if (plain_scalar(r, e)) {
			q->whole = -1;
			q->len = (uint32_t)e->data.scalar.length;
			q->off = a->ntext;
			q->line = r->line_base + e->start_mark.line + 1;
			q->col = e->start_mark.column + 1;
			/* room: text < AHEAD_TEXT before, len <= max_scalar */
			if (e->data.scalar.value)
				memcpy(a->text + a->ntext, e->data.scalar.value, q->len + 1);
			else /* an empty one made from tokens */
				a->text[a->ntext] = '\0';
			a->ntext += q->len + 1;
			yaml_event_delete(e);
			text += q->len;
		} else {
			q->whole = (int32_t)a->nwhole++;
			if (type == YAML_SCALAR_EVENT)
				text += e->data.scalar.length;
		}
		if (type == YAML_STREAM_END_EVENT || type == YAML_NO_EVENT)
			break;
	}
	r->diags = d;
	a->held_sys = r->sys;
	r->sys = sys;
}

/* Where the reader stood when the event last returned was parsed; false
 * if none was (or the reader failed since: it stands where it failed). */
static bool ahead_last(const struct jf_yread *r, uint64_t *nread, unsigned long *line)
{
	const struct jf_yahead *a = r->ahead;
	if (!a || !a->i || r->failed)
		return false;
	*nread = a->ev[a->i - 1].nread;
	*line = a->ev[a->i - 1].rline;
	return true;
}

/* Hand out event q (a->ev[a->i - 1]): most are plain scalars. */
static inline int hand_out(struct jf_yread *r, struct jf_yahead *a, const struct jf_yaev *q,
			   struct jf_yev *ev)
{
	if (q->whole >= 0)
		return translate(r, &a->whole[q->whole], ev);
	*ev = (struct jf_yev){
		.type = JF_YEV_SCALAR,
		.line = q->line,
		.col = q->col,
		.value = a->text + q->off,
		.len = q->len,
	};
	return 1;
}

/* jf_yread_next() past its fast path: the first call, a batch used up,
 * a failure, an event translate() drops. */
static __attribute__((noinline)) int next_slow(struct jf_yread *r, struct jf_yev *ev)
{
	for (;;) {
		if (r->failed)
			return -1;
		struct jf_yahead *a = r->ahead;
		if (!a) {
			a = r->ahead = jf_malloc(sizeof *a);
			a->n = a->i = a->nwhole = 0;
			a->failed = false;
			a->text = jf_malloc(AHEAD_TEXT + AHEAD_N + r->lim.max_scalar + 1);
			a->ntext = 0;
			jf_diags_init(&a->held);
			if (r->want_tok)
				tok_begin(r);
		}
		if (a->i == a->n) {
			if (a->failed) {
				jf_diags_move(r->diags, &a->held);
				r->sys = a->held_sys;
				parser_fail(r);
				r->failed = true;
				return -1;
			}
			ahead_fill(r);
			continue;
		}
		int rc = hand_out(r, a, &a->ev[a->i++], ev);
		if (rc != 2)
			return rc;
	}
}

int jf_yread_next(struct jf_yread *r, struct jf_yev *ev)
{
	/* the fast path, kept small: a plain scalar parsed ahead */
	struct jf_yahead *a = r->ahead;
	if (a && a->i < a->n && a->ev[a->i].whole < 0 && !r->failed)
		return hand_out(r, a, &a->ev[a->i++], ev);
	return next_slow(r, ev);
}

int jf_yread_skip(struct jf_yread *r)
{
	int level = 1;
	struct jf_yev ev;
	while (level > 0) {
		int rc = jf_yread_next(r, &ev);
		if (rc <= 0)
			return -1;
		if (ev.type == JF_YEV_SEQ_START || ev.type == JF_YEV_MAP_START)
			level++;
		else if (ev.type == JF_YEV_SEQ_END || ev.type == JF_YEV_MAP_END)
			level--;
	}
	return 0;
}

struct jf_ynode *jf_ynode_new(enum jf_ynode_type t, const struct jf_yev *ev)
{
	struct jf_ynode *n = jf_calloc(1, sizeof *n);
	n->type = t;
	n->line = ev->line;
	n->col = ev->col;
	if (t == JF_YN_SCALAR)
		n->value = jf_strndup(ev->value, ev->len);
	return n;
}

void jf_ynode_push(struct jf_ynode *p, struct jf_ynode *k)
{
	if (p->nkids == p->cap) {
		p->cap = p->cap ? p->cap * 2 : 4;
		p->kids = jf_reallocarray(p->kids, p->cap, sizeof *p->kids);
	}
	p->kids[p->nkids++] = k;
}

void jf_ynode_free(struct jf_ynode *n)
{
	if (!n)
		return;
	for (size_t i = 0; i < n->nkids; i++)
		jf_ynode_free(n->kids[i]);
	free(n->kids);
	free(n->value);
	free(n);
}

void jf_ykeys_release(struct jf_ykeys *k)
{
	for (size_t i = 0; i < k->n; i++)
		free(k->v[i]);
	free(k->v);
	jf_strmap_release(&k->m);
}

bool jf_ykey_ok(struct jf_yread *r, struct jf_ykeys *k, const struct jf_yev *ev, bool *bad)
{
	if (ev->type != JF_YEV_SCALAR) {
		jf_error_at(r->diags, r->name, ev->line, ev->col, "a key must be plain text");
		return false;
	}
	char *s = jf_strndup(ev->value, ev->len);
	if (jf_strmap_put(&k->m, s, 0) >= 0) {
		jf_error_at(r->diags, r->name, ev->line, ev->col, "duplicate key '%s'", s);
		*bad = true;
		free(s);
		return true;
	}
	k->v = jf_reallocarray(k->v, k->n + 1, sizeof *k->v);
	k->v[k->n++] = s;
	return true;
}

/* Read past the collection whose start event is ev, with the checks the
 * whole tree has (plain and unique keys).  Recursion is bounded by the
 * reader's depth limit.  Returns false after an error that ends the read. */
static bool consume(struct jf_yread *r, const struct jf_yev *ev, bool *bad)
{
	struct jf_ykeys k = JF_YKEYS_INIT;
	bool is_map = ev->type == JF_YEV_MAP_START, ok = true;
	size_t i = 0;
	struct jf_yev kid;

	if (ev->type == JF_YEV_SCALAR)
		return true;
	for (;; i++) {
		if (jf_yread_next(r, &kid) <= 0) {
			ok = false;
			break;
		}
		if (kid.type == JF_YEV_SEQ_END || kid.type == JF_YEV_MAP_END)
			break;
		if (is_map && i % 2 == 0) {
			if (!(ok = jf_ykey_ok(r, &k, &kid, bad)))
				break;
		} else if (!(ok = consume(r, &kid, bad))) {
			break;
		}
	}
	jf_ykeys_release(&k);
	return ok;
}

/* The value whose first event is ev: a scalar node, or for a collection an
 * empty node of its type (its contents read past).  NULL after an error. */
static struct jf_ynode *flat_value(struct jf_yread *r, const struct jf_yev *ev, bool *bad)
{
	struct jf_ynode *n = jf_ynode_new(ev->type == JF_YEV_SCALAR ? JF_YN_SCALAR :
				    ev->type == JF_YEV_SEQ_START ? JF_YN_SEQ : JF_YN_MAP, ev);
	if (!consume(r, ev, bad)) {
		jf_ynode_free(n);
		return NULL;
	}
	return n;
}

struct jf_ynode *jf_yread_value(struct jf_yread *r, const struct jf_yev *ev, bool *bad,
				int depth, struct jf_ybudget *budget)
{
	if (budget && !budget->left) {
		budget->over = true;
		budget->line = ev->line;
		budget->col = ev->col;
		return NULL;
	}
	if (budget)
		budget->left--;
	if (ev->type == JF_YEV_SCALAR || depth == 0)
		return flat_value(r, ev, bad);
	bool is_map = ev->type == JF_YEV_MAP_START;
	struct jf_ynode *n = jf_ynode_new(is_map ? JF_YN_MAP : JF_YN_SEQ, ev);
	struct jf_ykeys k = JF_YKEYS_INIT;
	struct jf_yev kid;
	for (size_t i = 0;; i++) {
		if (jf_yread_next(r, &kid) <= 0)
			goto fail;
		if (kid.type == JF_YEV_SEQ_END || kid.type == JF_YEV_MAP_END)
			break;
		if (is_map && i % 2 == 0 && !jf_ykey_ok(r, &k, &kid, bad))
			goto fail;
		struct jf_ynode *v = jf_yread_value(r, &kid, bad, depth - 1, budget);
		if (!v)
			goto fail;
		jf_ynode_push(n, v);
	}
	jf_ykeys_release(&k);
	return n;
fail:
	jf_ykeys_release(&k);
	jf_ynode_free(n);
	return NULL;
}

enum jf_status jf_yread_tree(const char *path, const char *name,
			     const struct jf_ylimits *lim, struct jf_ynode **root,
			     struct jf_diags *d)
{
	struct jf_yread r;
	struct jf_yev ev;
	struct jf_ynode *top = NULL;
	bool bad = false;
	int docs = 0, rc;
	enum jf_status st = jf_yread_open(&r, path, name, lim, d);

	*root = NULL;
	if (st != JF_OK)
		return st;
	while ((rc = jf_yread_next(&r, &ev)) > 0) {
		if (ev.type == JF_YEV_DOC_START) {
			if (++docs > 1) {
				jf_error_at(d, name, ev.line, ev.col,
					    "only one document is allowed");
				bad = true;
				break;
			}
			continue;
		}
		if (ev.type == JF_YEV_DOC_END)
			continue;
		top = jf_yread_value(&r, &ev, &bad, INT_MAX, NULL);
		if (!top) {
			bad = true;
			break;
		}
	}
	if (rc < 0)
		bad = true;
	st = jf_yread_close(&r);
	if (st == JF_OK && bad)
		st = JF_INVALID;
	if (st != JF_OK) {
		jf_ynode_free(top);
		return st;
	}
	*root = top;
	return JF_OK;
}
