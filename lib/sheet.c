/* sheet.c - CSV/TSV sheets from spreadsheets, strictly read. */
#include <errno.h>
#include <fcntl.h>
#include <iconv.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <sodium.h>

#include "alloc.h"
#include "buf.h"
#include "fileio.h"
#include "sheet.h"
#include "width.h"

/* A record's cells while parsing: offsets into the raw cell bytes. */
struct raw {
	struct jf_buf bytes;     /* cells' raw bytes, each NUL-terminated */
	size_t *off;             /* start of each cell */
	size_t *len;             /* its length */
	size_t ncells, cap;
	size_t *rec;             /* first cell of each record */
	size_t nrec, reccap;
};

static void raw_cell(struct raw *r, size_t start)
{
	if (r->ncells == r->cap) {
		r->cap = r->cap ? 2 * r->cap : 256;
		r->off = jf_reallocarray(r->off, r->cap, sizeof *r->off);
		r->len = jf_reallocarray(r->len, r->cap, sizeof *r->len);
	}
	r->off[r->ncells] = start;
	r->len[r->ncells] = r->bytes.len - start;
	r->ncells++;
	jf_buf_addc(&r->bytes, '\0');
}

static void raw_record(struct raw *r)
{
	r->rec = jf_grow(r->rec, r->nrec, &r->reccap, 64, sizeof *r->rec);
	r->rec[r->nrec++] = r->ncells;
}

static void raw_release(struct raw *r)
{
	jf_buf_release(&r->bytes);
	free(r->off);
	free(r->len);
	free(r->rec);
}

/* Split p[0..n) into records of raw cells.  Stops at the first problem of
 * structure (the rest cannot be told apart), which it reports. */
static enum jf_status split(struct raw *r, const char *name, const char *p, size_t n,
			    char sep, struct jf_diags *d)
{
	size_t i = 0;
	unsigned long row = 1;
	while (i < n) {
		if (row > JF_SHEET_MAX_ROWS + 1) {
			jf_error_at(d, name, row, 0, "more than %d rows after the header; split the sheet",
				    JF_SHEET_MAX_ROWS);
			return JF_USAGE;
		}
		raw_record(r);
		size_t col = 1;
		for (;;) {
			size_t start = r->bytes.len;
			if (i < n && p[i] == '"') {
				i++;
				for (;;) {
					if (i >= n) {
						jf_error_at(d, name, row, 0, "cell %zu: a quoted cell is not closed", col);
						return JF_USAGE;
					}
					if (p[i] == '"') {
						if (i + 1 < n && p[i + 1] == '"') {
							jf_buf_addc(&r->bytes, '"');
							i += 2;
							continue;
						}
						i++;
						break;
					}
					if (p[i] == '\0')
						goto nul;
					jf_buf_addc(&r->bytes, p[i]);
					i++;
				}
				if (i < n && p[i] != sep && p[i] != '\r' && p[i] != '\n') {
					jf_error_at(d, name, row, 0,
						    "cell %zu: text after the closing quote (a quote inside a cell is written \"\")",
						    col);
					return JF_USAGE;
				}
			} else {
				while (i < n && p[i] != sep && p[i] != '\r' && p[i] != '\n') {
					if (p[i] == '"') {
						jf_error_at(d, name, row, 0,
							    "cell %zu: a quote inside an unquoted cell (quote the whole cell, doubling the quote)",
							    col);
						return JF_USAGE;
					}
					if (p[i] == '\0')
						goto nul;
					jf_buf_addc(&r->bytes, p[i]);
					i++;
				}
			}
			if (r->bytes.len - start > JF_SHEET_MAX_CELL) {
				/* decoded (UTF-8 from GB18030) it is no shorter */
				jf_error_at(d, name, row, 0, "cell %zu is longer than %d bytes", col,
					    JF_SHEET_MAX_CELL);
				return JF_USAGE;
			}
			raw_cell(r, start);
			if (col > JF_SHEET_MAX_COLS) {
				jf_error_at(d, name, row, 0, "more than %d cells in a row", JF_SHEET_MAX_COLS);
				return JF_USAGE;
			}
			if (i < n && p[i] == sep) {
				i++;
				col++;
				continue;
			}
			break;
		}
		if (i < n && p[i] == '\r')
			i++;
		if (i < n && p[i] == '\n')
			i++;
		row++;
	}
	return JF_OK;
nul:
	jf_error_at(d, name, row, 0, "an embedded NUL byte (a UTF-16 or binary file? save the sheet as CSV)");
	return JF_USAGE;
}

/* Decode one raw cell into out (NUL-terminated); NULL or a reason. */
static const char *decode(iconv_t cd, const char *s, size_t n, struct jf_buf *out)
{
	size_t off;
	if (cd == (iconv_t)-1) {
		if (!jf_utf8_valid(s, n, &off))
			return "is not valid UTF-8 (a sheet saved as plain CSV on a Chinese PC: use --encoding gb18030)";
		jf_buf_add(out, s, n);
	} else {
		char *in = (char *)s;
		size_t left = n;
		(void)iconv(cd, NULL, NULL, NULL, NULL);
		while (left) {
			char tmp[1024], *o = tmp;
			size_t room = sizeof tmp;
			size_t rc = iconv(cd, &in, &left, &o, &room);
			jf_buf_add(out, tmp, (size_t)(o - tmp));
			if (rc == (size_t)-1 && errno != E2BIG)
				return "is not valid GB18030";
		}
		char tmp[64], *o = tmp;
		size_t room = sizeof tmp;
		if (iconv(cd, NULL, NULL, &o, &room) == (size_t)-1)
			return "is not valid GB18030";
		jf_buf_add(out, tmp, (size_t)(o - tmp));
		if (!jf_utf8_valid(out->s, out->len, &off))
			return "is not valid GB18030";
	}
	jf_buf_addc(out, '\0');
	return NULL;
}

enum jf_status jf_sheet_parse(struct jf_sheet *s, const char *name, const char *p,
			      size_t n, char sep, enum jf_sheet_enc enc, struct jf_diags *d)
{
	struct raw r;
	enum jf_status st = JF_OK;
	unsigned char h[crypto_hash_sha256_BYTES];
	iconv_t cd = (iconv_t)-1;

	memset(s, 0, sizeof *s);
	memset(&r, 0, sizeof r);
	jf_buf_init(&r.bytes);
	s->name = jf_strdup(name);
	crypto_hash_sha256(h, (const unsigned char *)p, n);
	for (int i = 0; i < JF_SHEET_ID_LEN / 2; i++) {
		static const char hx[] = "0123456789abcdef";
		s->id[2 * i] = hx[h[i] >> 4];
		s->id[2 * i + 1] = hx[h[i] & 15];
	}
	s->id[JF_SHEET_ID_LEN] = '\0';

	if (n > JF_SHEET_MAX_BYTES) {
		jf_error_at(d, name, 0, 0, "the sheet is larger than %u MiB", JF_SHEET_MAX_BYTES >> 20);
		return JF_USAGE;
	}
	if (n >= 2 && ((p[0] == '\xff' && p[1] == '\xfe') || (p[0] == '\xfe' && p[1] == '\xff'))) {
		jf_error_at(d, name, 1, 0,
			    "the sheet is UTF-16 (\"Unicode text\"); save it as \"CSV UTF-8\" or plain CSV");
		return JF_USAGE;
	}
	/* a UTF-8 BOM says the bytes are UTF-8, whatever --encoding said */
	if (n >= 3 && !memcmp(p, "\xef\xbb\xbf", 3)) {
		p += 3;
		n -= 3;
		enc = JF_SHEET_UTF8;
	} else if (enc == JF_SHEET_GB18030 && n >= 4 && !memcmp(p, "\x84\x31\x95\x33", 4)) {
		p += 4;
		n -= 4;
	}
	if (n == 0) {
		jf_error_at(d, name, 1, 0, "the sheet is empty: no header row");
		return JF_USAGE;
	}
	if ((st = split(&r, name, p, n, sep, d)) != JF_OK)
		goto out;
	if (enc == JF_SHEET_GB18030 && (cd = iconv_open("UTF-8", "GB18030")) == (iconv_t)-1) {
		jf_error(d, "cannot convert from GB18030: %s", strerror(errno));
		st = JF_SYSTEM;
		goto out;
	}

	/* the header's cells fix the width; blank records may differ */
	s->ncols = (r.nrec > 1 ? r.rec[1] : r.ncells) - r.rec[0];
	s->nrows = r.nrec;
	s->cell = jf_calloc(r.nrec * s->ncols, sizeof *s->cell);
	s->blank = jf_calloc(r.nrec, sizeof *s->blank);
	size_t *pos = jf_calloc(r.nrec * s->ncols, sizeof *pos);
	struct jf_buf store = JF_BUF_INIT;
	for (size_t i = 0; i < r.nrec; i++) {
		size_t a = r.rec[i], b = i + 1 < r.nrec ? r.rec[i + 1] : r.ncells;
		bool blank = true;
		for (size_t k = a; k < b; k++)
			if (r.len[k])
				blank = false;
		s->blank[i] = blank;
		if (blank && i > 0)
			continue;
		if (blank) {
			jf_error_at(d, s->name, 1, 0, "the header row is empty");
			st = JF_USAGE;
			continue;
		}
		if (b - a != s->ncols) {
			jf_error_at(d, s->name, i + 1, 0, "%zu cells, but the header has %zu", b - a,
				    s->ncols);
			st = JF_USAGE;
			continue;
		}
		for (size_t k = a; k < b; k++) {
			size_t at = store.len;
			const char *why = decode(cd, r.bytes.s + r.off[k], r.len[k], &store);
			if (why) {
				jf_error_at(d, s->name, i + 1, 0, "cell %zu %s", k - a + 1, why);
				st = JF_USAGE;
				jf_buf_setlen(&store, at);
				jf_buf_addc(&store, '\0');
			} else if (store.len - at - 1 > JF_SHEET_MAX_CELL) {
				jf_error_at(d, s->name, i + 1, 0, "cell %zu is longer than %d bytes",
					    k - a + 1, JF_SHEET_MAX_CELL);
				st = JF_USAGE;
			}
			pos[i * s->ncols + (k - a)] = at + 1;
		}
	}
	s->store = jf_buf_detach(&store);
	for (size_t i = 0; i < r.nrec * s->ncols; i++)
		s->cell[i] = pos[i] ? s->store + pos[i] - 1 : (char *)"";
	free(pos);
out:
	if (cd != (iconv_t)-1)
		iconv_close(cd);
	raw_release(&r);
	if (st != JF_OK) {
		char *keep = s->name;
		s->name = NULL;
		jf_sheet_release(s);
		s->name = keep;
	}
	return st;
}

enum jf_status jf_sheet_read(struct jf_sheet *s, const char *path, enum jf_sheet_enc enc,
			     struct jf_diags *d)
{
	bool in = !strcmp(path, "-");
	const char *name = in ? "stdin" : path;
	int fd = in ? 0 : open(path, O_RDONLY | O_CLOEXEC);
	struct jf_buf b = JF_BUF_INIT;
	memset(s, 0, sizeof *s);
	if (fd < 0) {
		jf_error(d, "cannot open the sheet %s: %s", path, strerror(errno));
		return JF_SYSTEM;
	}
	for (;;) {
		jf_buf_grow(&b, 65536);
		ssize_t k = jf_read_all(fd, b.s + b.len, 65536);
		if (k < 0) {
			jf_error(d, "cannot read the sheet %s: %s", name, strerror(errno));
			if (!in)
				close(fd);
			jf_buf_release(&b);
			return JF_SYSTEM;
		}
		b.len += (size_t)k;
		if (k == 0 || b.len > JF_SHEET_MAX_BYTES)
			break;
	}
	if (!in)
		close(fd);
	size_t pl = strlen(path);
	char sep = pl >= 4 && !strcasecmp(path + pl - 4, ".tsv") ? '\t' : ',';
	enum jf_status st = jf_sheet_parse(s, name, b.s, b.len, sep, enc, d);
	jf_buf_release(&b);
	return st;
}

void jf_sheet_release(struct jf_sheet *s)
{
	free(s->name);
	free(s->cell);
	free(s->blank);
	free(s->store);
	memset(s, 0, sizeof *s);
}

const char *jf_sheet_cell(const struct jf_sheet *s, size_t row, int col)
{
	if (col < 0 || (size_t)col >= s->ncols || row >= s->nrows)
		return "";
	return s->cell[row * s->ncols + (size_t)col];
}

/* s[0..n) without surrounding spaces equals the name a[0..an), ASCII case
 * ignored. */
static bool name_is(const char *s, const char *a, size_t an)
{
	size_t n = strlen(s);
	while (n && (*s == ' ' || *s == '\t'))
		s++, n--;
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	return n == an && !strncasecmp(s, a, n);
}

static int col_match(const char *cell, const char *names)
{
	for (const char *p = names;;) {
		const char *bar = strchr(p, '|');
		size_t len = bar ? (size_t)(bar - p) : strlen(p);
		if (name_is(cell, p, len))
			return 1;
		if (!bar)
			return 0;
		p = bar + 1;
	}
}

enum jf_status jf_sheet_columns(const struct jf_sheet *s, const struct jf_sheet_col *cols,
				size_t n, int *map, struct jf_diags *d)
{
	enum jf_status st = JF_OK;
	for (size_t i = 0; i < n; i++)
		map[i] = -1;
	for (size_t c = 0; c < s->ncols; c++) {
		const char *h = jf_sheet_cell(s, 0, (int)c);
		if (name_is(h, "", 0)) {
			for (size_t r = 1; r < s->nrows; r++)
				if (!s->blank[r] && *jf_sheet_cell(s, r, (int)c)) {
					jf_error_at(d, s->name, r + 1, 0,
						    "cell %zu holds a value, but its column has no name in the header",
						    c + 1);
					st = JF_USAGE;
					break;
				}
			continue;
		}
		size_t i;
		for (i = 0; i < n; i++)
			if (col_match(h, cols[i].names))
				break;
		if (i == n) {
			struct jf_buf all = JF_BUF_INIT;
			for (size_t k = 0; k < n; k++)
				jf_buf_addf(&all, "%s%s", k ? ", " : "", cols[k].names);
			jf_error_at(d, s->name, 1, 0, "unknown column '%s' (the columns are %s)", h, all.s);
			jf_buf_release(&all);
			st = JF_USAGE;
		} else if (map[i] >= 0) {
			jf_error_at(d, s->name, 1, 0, "column '%s' is named twice (cells %d and %zu)", h,
				    map[i] + 1, c + 1);
			st = JF_USAGE;
		} else {
			map[i] = (int)c;
		}
	}
	for (size_t i = 0; i < n; i++)
		if (cols[i].required && map[i] < 0) {
			const char *bar = strchr(cols[i].names, '|');
			jf_error_at(d, s->name, 1, 0, "no column '%.*s' (%s) in the header",
				    bar ? (int)(bar - cols[i].names) : (int)strlen(cols[i].names),
				    cols[i].names, cols[i].names);
			st = JF_USAGE;
		}
	return st;
}

int jf_sheet_enc_parse(const char *s)
{
	if (!strcasecmp(s, "utf-8") || !strcasecmp(s, "utf8"))
		return JF_SHEET_UTF8;
	if (!strcasecmp(s, "gb18030") || !strcasecmp(s, "gbk") || !strcasecmp(s, "gb2312"))
		return JF_SHEET_GB18030;
	return -1;
}
