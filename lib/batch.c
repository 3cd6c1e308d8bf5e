/* batch.c - sheets into entries, several entries in one write. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "alloc.h"
#include "batch.h"
#include "i18n.h"
#include "fileio.h"
#include "json.h"
#include "kind.h"
#include "ledger.h"

static const struct jf_sheet_col earn_cols[JF_BATCH_NCOLS] = {
	{ "household|户号", true }, { "activity|项目", true }, { "qty|数量", false },
	{ "date|日期", false },     { "note|备注", false },    { "head|户主", false },
};
static const struct jf_sheet_col redeem_cols[JF_BATCH_NCOLS] = {
	{ "household|户号", true }, { "item|商品", true }, { "qty|数量", false },
	{ "date|日期", false },     { "note|备注", false }, { "head|户主", false },
};
enum { C_HOUSEHOLD, C_CODE, C_QTY, C_DATE, C_NOTE, C_HEAD };

const struct jf_sheet_col *jf_batch_columns(enum jf_kind k)
{
	return k == JF_REDEEM ? redeem_cols : earn_cols;
}

/* ---- has the book seen this sheet? ---- */

#define CHUNK (1u << 20)

static bool hexish(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

/* Is the match at byte abs of fd (file size size) on a line that is the
 * key `sheet` with this value: [spaces][- ]sheet:[spaces]['"]ID['"][spaces][CR]? */
static bool sheet_line(int fd, off_t abs)
{
	char w[400];
	off_t from = abs > 200 ? abs - 200 : 0;
	ssize_t k = jf_pread_all(fd, w, sizeof w, from);
	if (k < 0)
		return false;
	size_t m = (size_t)(abs - from), n = (size_t)k;
	if (m + JF_SHEET_ID_LEN > n)
		return false;
	size_t a = m;
	while (a > 0 && w[a - 1] != '\n')
		a--;
	if (a == 0 && from > 0)
		return false; /* a line longer than a sheet's */
	size_t e = m + JF_SHEET_ID_LEN;
	if (e < n && hexish(w[e]))
		return false;
	if (m > 0 && hexish(w[m - 1]))
		return false;
	/* after the value */
	if (e < n && (w[e] == '"' || w[e] == '\''))
		e++;
	while (e < n && (w[e] == ' ' || w[e] == '\t'))
		e++;
	if (e < n && w[e] == '\r')
		e++;
	if (e < n && w[e] != '\n')
		return false;
	/* before it */
	size_t b = m;
	if (b > a && (w[b - 1] == '"' || w[b - 1] == '\''))
		b--;
	while (b > a && (w[b - 1] == ' ' || w[b - 1] == '\t'))
		b--;
	if (b < a + 6 || memcmp(w + b - 6, "sheet:", 6))
		return false;
	b -= 6;
	while (b > a && w[b - 1] == ' ')
		b--;
	if (b > a + 1 && w[b - 1] == ' ' && w[b - 2] == '-')
		b -= 2;
	else if (b > a && w[b - 1] == '-')
		b--;
	while (b > a && w[b - 1] == ' ')
		b--;
	return b == a;
}

/* Name the entry holding byte abs: its id and line. */
static void name_entry(int fd, off_t abs, const char *rel, const char *sid, struct jf_diags *d)
{
	unsigned long line = 1;
	char *buf = jf_malloc(CHUNK);
	for (off_t off = 0; off < abs;) {
		size_t want = (size_t)(abs - off) < CHUNK ? (size_t)(abs - off) : CHUNK;
		ssize_t k = jf_pread_all(fd, buf, want, off);
		if (k <= 0)
			break;
		for (ssize_t i = 0; i < k; i++)
			line += buf[i] == '\n';
		off += k;
	}
	/* the entry's id: the last "- id: " before the match */
	char id[80] = "";
	off_t from = abs > 262144 ? abs - 262144 : 0;
	size_t want = (size_t)(abs - from);
	ssize_t k = want <= CHUNK ? jf_pread_all(fd, buf, want, from) : -1;
	for (ssize_t i = k - 6; i >= 0; i--)
		if (!memcmp(buf + i, "- id: ", 6) && (i == 0 ? from == 0 : buf[i - 1] == '\n')) {
			size_t j = 0;
			for (ssize_t q = i + 6; q < k && j + 1 < sizeof id; q++) {
				char c = buf[q];
				if (!((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') ||
				      (c >= 'a' && c <= 'z') || c == '-' || c == '_'))
					break;
				id[j++] = c;
			}
			id[j] = '\0';
			break;
		}
	free(buf);
	jf_error(d, "this sheet (sheet %s) was imported already: %s%s%s%s:%lu; "
		    "--again imports it once more", sid, *id ? "entry " : "", id, *id ? " at " : "",
		 rel, line);
}

enum jf_status jf_sheet_seen(const struct jf_book *b, const char *sid, struct jf_diags *d)
{
	char **names;
	size_t n;
	enum jf_status st = jf_ledger_files(b, &names, &n, d);
	char *buf = jf_malloc(CHUNK + JF_SHEET_ID_LEN);
	bool found = false;
	for (size_t i = 0; st == JF_OK && !found && i < n; i++) {
		struct jf_buf p = JF_BUF_INIT;
		jf_buf_addf(&p, "%s/%s", b->root, names[i]);
		int fd = open(p.s, O_RDONLY | O_CLOEXEC);
		jf_buf_release(&p);
		if (fd < 0) {
			jf_error(d, "cannot open '%s': %s", names[i], strerror(errno));
			st = JF_SYSTEM;
			break;
		}
		size_t keep = 0;
		off_t base = 0; /* file offset of buf[0] */
		for (;;) {
			ssize_t k = jf_read_all(fd, buf + keep, CHUNK);
			if (k < 0) {
				jf_error(d, "cannot read '%s': %s", names[i], strerror(errno));
				st = JF_SYSTEM;
				break;
			}
			size_t total = keep + (size_t)k;
			const char *at = buf;
			while ((at = memmem(at, total - (size_t)(at - buf), sid, JF_SHEET_ID_LEN))) {
				off_t abs = base + (at - buf);
				if (sheet_line(fd, abs)) {
					name_entry(fd, abs, names[i], sid, d);
					found = true;
					break;
				}
				at++;
			}
			if (found || k == 0)
				break;
			keep = total < JF_SHEET_ID_LEN - 1 ? total : JF_SHEET_ID_LEN - 1;
			memmove(buf, buf + total - keep, keep);
			base += (off_t)(total - keep);
		}
		close(fd);
	}
	free(buf);
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
	if (st == JF_OK && found)
		st = JF_REFUSED;
	return st;
}

/* ---- rows into requests ---- */

int jf_batch_date(const char *s, jf_date *out, const char **why)
{
	int y = 0, m = 0, dd = 0, nd = 0;
	const char *p = s;
	*why = "not a date (YYYY-MM-DD, or 2026/11/28 as a spreadsheet writes it)";
	for (nd = 0; *p >= '0' && *p <= '9' && nd < 5; p++, nd++)
		y = y * 10 + (*p - '0');
	if (nd != 4)
		return -1;
	bool zh = !strncmp(p, "年", 3);
	char sep = zh ? 0 : *p;
	if (zh)
		p += 3;
	else if (sep == '-' || sep == '/' || sep == '.')
		p++;
	else
		return -1;
	for (nd = 0; *p >= '0' && *p <= '9' && nd < 3; p++, nd++)
		m = m * 10 + (*p - '0');
	if (nd < 1 || nd > 2)
		return -1;
	if (zh ? strncmp(p, "月", 3) : *p != sep)
		return -1;
	p += zh ? 3 : 1;
	for (nd = 0; *p >= '0' && *p <= '9' && nd < 3; p++, nd++)
		dd = dd * 10 + (*p - '0');
	if (nd < 1 || nd > 2)
		return -1;
	if (zh && !strncmp(p, "日", 3))
		p += 3;
	if (*p)
		return -1;
	char iso[40];
	snprintf(iso, sizeof iso, "%04d-%02d-%02d", y, m, dd);
	return jf_date_parse(iso, out, why);
}

/* s without surrounding ASCII spaces, in a copy kept in *keep. */
static const char *trim(const char *s, char **keep)
{
	size_t n = strlen(s);
	while (*s == ' ')
		s++, n--;
	while (n && s[n - 1] == ' ')
		n--;
	*keep = jf_strndup(s, n);
	return *keep;
}

/* A note cell: its line breaks (Alt+Enter in a spreadsheet) become spaces,
 * since ledger notes are one line. */
static char *note_line(const char *s)
{
	struct jf_buf b = JF_BUF_INIT;
	for (; *s; s++) {
		if (*s == '\r' && s[1] == '\n')
			s++;
		jf_buf_addc(&b, *s == '\r' || *s == '\n' ? ' ' : *s);
	}
	return jf_buf_detach(&b);
}

static int parse_qty(const char *s, int64_t *out)
{
	int64_t v = 0;
	if (!*s)
		return -1;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return -1;
		v = v * 10 + (*s - '0');
		if (v > JF_ENTRY_QTY_MAX)
			return -1;
	}
	if (v < 1)
		return -1;
	*out = v;
	return 0;
}

/* One diagnostic, copied from g to d. */
static void copy_diag(struct jf_diags *d, const struct jf_diag *g)
{
	jf_diag_add(d, g->sev, g->file, g->line, g->col, "%s", g->msg);
}

static int by_row(const void *a, const void *b)
{
	const struct jf_diag *x = *(const struct jf_diag *const *)a,
			     *y = *(const struct jf_diag *const *)b;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	return x < y ? -1 : x > y;
}

/* Move the diagnostics of a and b into d, those with a row in row order. */
static void merge_diags(struct jf_diags *d, struct jf_diags *a, struct jf_diags *b)
{
	size_t n = a->n + b->n, k = 0;
	const struct jf_diag **v = jf_calloc(n ? n : 1, sizeof *v);
	for (size_t i = 0; i < a->n; i++)
		v[k++] = &a->v[i];
	for (size_t i = 0; i < b->n; i++)
		v[k++] = &b->v[i];
	qsort(v, n, sizeof *v, by_row);
	for (size_t i = 0; i < n; i++)
		copy_diag(d, v[i]);
	free(v);
	jf_diags_release(a);
	jf_diags_release(b);
}

static enum jf_status commit_many(struct jf_cli *cli, const struct jf_book *b,
				  struct jf_txn *t, size_t n, bool print, struct jf_diags *d);

/* jf_sheet_seen() as a check under the writers' lock (txn.h). */
static enum jf_status seen_locked(void *ctx, const struct jf_book *b, struct jf_diags *d)
{
	return jf_sheet_seen(b, ctx, d);
}

const struct jf_cli_opt jf_batch_opts[] = {
	{ "batch", 0, "FILE", "take the rows of a sheet (CSV, or TSV for *.tsv; - reads stdin)", 256 },
	{ "encoding", 0, "ENC", "the sheet's encoding: utf-8 (default) or gb18030", 257 },
	{ "again", 0, NULL, "import a sheet that is in the book already", 258 },
	{ NULL, 0, NULL, NULL, 0 },
};

enum jf_status jf_batch_opt(void *ctx, int val, const char *arg, struct jf_diags *d)
{
	struct jf_batch *o = ctx;
	int e;
	switch (val) {
	case 256:
		o->file = arg;
		break;
	case 257:
		if ((e = jf_sheet_enc_parse(arg)) < 0) {
			jf_error(d, "unknown encoding '%s' (utf-8 or gb18030)", arg);
			return JF_USAGE;
		}
		o->enc = (enum jf_sheet_enc)e;
		o->enc_set = true;
		break;
	case 258:
		o->again = true;
		break;
	}
	return JF_OK;
}

int jf_cli_batch(struct jf_cli *cli, const struct jf_batch *o, struct jf_diags *d)
{
	const char *path = o->file;
	enum jf_sheet_enc enc = o->enc;
	/* what goes wrong from here on is the sheet's, not the options' */
	cli->usage = NULL;
	struct jf_sheet s;
	struct jf_book b;
	enum jf_status st;
	jf_date dflt;
	int map[JF_BATCH_NCOLS];

	if ((st = jf_cli_writer_book(cli, &b, &dflt, d)) != JF_OK)
		return jf_cli_report(cli, st, d);
	st = jf_sheet_read(&s, path, enc, d);
	if (st == JF_OK)
		st = jf_sheet_columns(&s, jf_batch_columns(o->kind), JF_BATCH_NCOLS, map, d);
	if (st != JF_OK) {
		jf_sheet_release(&s);
		jf_book_release(&b);
		if (st == JF_USAGE)
			jf_error(d, "nothing was recorded");
		return jf_cli_report(cli, st, d);
	}

	struct jf_txn *t = jf_calloc(s.nrows ? s.nrows : 1, sizeof *t);
	char **keep = jf_calloc(s.nrows ? s.nrows * 4 : 1, sizeof *keep);
	size_t n = 0;
	struct jf_diags local = JF_DIAGS_INIT, many = JF_DIAGS_INIT;
	enum jf_status lst = JF_OK;
	for (size_t r = 1; r < s.nrows; r++) {
		if (s.blank[r])
			continue;
		struct jf_txn *x = &t[n];
		char **k = &keep[4 * r];
		const char *why;
		unsigned long row = r + 1;
		x->kind = o->kind;
		x->qty = 1;
		x->date = dflt;
		x->household = trim(jf_sheet_cell(&s, r, map[C_HOUSEHOLD]), &k[0]);
		x->code = trim(jf_sheet_cell(&s, r, map[C_CODE]), &k[1]);
		const char *q = trim(jf_sheet_cell(&s, r, map[C_QTY]), &k[2]);
		enum jf_status rs = JF_OK; /* the row's own refusals */
		if (!*x->household) {
			jf_error_at(&local, s.name, row, 0, "no household");
			rs = JF_USAGE;
		}
		if (!*x->code) {
			jf_error_at(&local, s.name, row, 0, "no %s", o->kind == JF_REDEEM ? "item" : "activity");
			rs = JF_USAGE;
		}
		if (*q && parse_qty(q, &x->qty) < 0) {
			jf_error_at(&local, s.name, row, 0, "bad quantity '%s' (a whole number from 1 to %d)",
				    q, JF_ENTRY_QTY_MAX);
			rs = JF_USAGE;
		}
		free(k[2]);
		const char *dc = trim(jf_sheet_cell(&s, r, map[C_DATE]), &k[2]);
		if (*dc && jf_batch_date(dc, &x->date, &why) < 0) {
			jf_error_at(&local, s.name, row, 0, "bad date '%s': %s", dc, why);
			rs = JF_USAGE;
		}
		const char *note = jf_sheet_cell(&s, r, map[C_NOTE]);
		k[3] = *note ? note_line(note) : NULL;
		x->note = k[3] ? k[3] : cli->note;
		char *hk;
		const char *head = trim(jf_sheet_cell(&s, r, map[C_HEAD]), &hk);
		int h = *head && *x->household ? jf_book_household(&b, x->household) : -1;
		if (h >= 0 && strcmp(head, b.households[h].head)) {
			jf_error_at(&local, s.name, row, 0,
				    "the head of %s is %s in the register, not %s (a row typed against the wrong household?)",
				    b.households[h].id, b.households[h].head, head);
			rs = jf_status_worst(rs, JF_REFUSED);
		}
		free(hk);
		if (rs != JF_OK) {
			lst = jf_status_worst(lst, rs);
			continue;
		}
		x->src = s.name;
		x->src_line = row;
		x->val[JF_F_SHEET] = s.id;
		n++;
	}
	if (n == 0 && local.n == 0) {
		jf_error_at(&local, s.name, 0, 0, "no rows after the header");
		lst = JF_USAGE;
	}
	bool seen = false;
	if (lst == JF_OK && !o->again && (lst = jf_sheet_seen(&b, s.id, &local)) != JF_OK)
		seen = true; /* its rows are not the question */
	bool dry = cli->dry_run;
	if (lst != JF_OK)
		cli->dry_run = true; /* still list every other refused row */
	st = JF_OK;
	if (n && !seen) {
		if (!o->again) {
			/* asked again under the lock: two imports of one sheet at
			 * once must not both get through */
			t[0].locked = seen_locked;
			t[0].locked_ctx = (void *)s.id;
		}
		st = commit_many(cli, &b, t, n, lst == JF_OK, &many);
	}
	cli->dry_run = dry;
	st = jf_status_worst(st, lst);
	merge_diags(d, &local, &many);
	if (st != JF_OK && st != JF_SYSTEM && d->errors)
		jf_error(d, "nothing was recorded");
	for (size_t i = 0; i < s.nrows * 4; i++)
		free(keep[i]);
	free(keep);
	free(t);
	jf_sheet_release(&s);
	jf_book_release(&b);
	return jf_cli_report(cli, st, d);
}

/* ---- several entries in one write ---- */

void jf_many_format(const struct jf_book *b, const struct jf_many *m, enum jf_format f,
		    struct jf_buf *out)
{
	if (f != JF_FMT_JSON) {
		for (size_t i = 0; i < m->n; i++)
			jf_txn_result_text(b, &m->res[i], out);
		return;
	}
	jf_buf_addc(out, '[');
	for (size_t i = 0; i < m->n; i++) {
		struct jf_buf one = JF_BUF_INIT;
		jf_txn_result_json(b, &m->res[i], &one);
		if (one.len && one.s[one.len - 1] == '\n')
			jf_buf_setlen(&one, one.len - 1);
		jf_buf_adds(out, i ? ",\n" : "\n");
		jf_buf_add(out, one.s, one.len);
		jf_buf_release(&one);
	}
	jf_buf_adds(out, m->n ? "\n]\n" : "]\n");
}

void jf_many_release(struct jf_many *m)
{
	for (size_t i = 0; i < m->n; i++)
		jf_txn_result_release(&m->res[i]);
	free(m->res);
	m->res = NULL;
	m->n = 0;
}

static enum jf_status commit_many(struct jf_cli *cli, const struct jf_book *b,
				  struct jf_txn *t, size_t n, bool print, struct jf_diags *d)
{
	struct jf_many m = { jf_calloc(n ? n : 1, sizeof *m.res), n };
	struct jf_buf out = JF_BUF_INIT;
	const char *by = jf_cli_operator(cli);
	for (size_t i = 0; i < n; i++) {
		t[i].by = by;
		if (!t[i].note)
			t[i].note = cli->note;
		t[i].dry_run = cli->dry_run;
		t[i].no_cache = cli->no_cache;
		t[i].wait_ms = cli->wait_ms;
	}
	enum jf_status st = jf_txn_commit_many(b, t, n, m.res, d);
	if (st == JF_OK && print) {
		jf_many_format(b, &m, cli->format, &out);
		st = jf_cli_emit(&out, d);
	}
	jf_buf_release(&out);
	jf_many_release(&m);
	return st;
}

enum jf_status jf_cli_write_many(struct jf_cli *cli, const struct jf_book *b,
				 struct jf_txn *t, size_t n, struct jf_diags *d)
{
	return commit_many(cli, b, t, n, true, d);
}

int jf_cli_void_many(struct jf_cli *cli, const struct jf_txn *tmpl, struct jf_diags *d)
{
	struct jf_book b;
	jf_date date;
	enum jf_status st;
	if ((st = jf_cli_writer_book(cli, &b, &date, d)) != JF_OK)
		return jf_cli_report(cli, st, d);
	size_t n = (size_t)cli->argc;
	struct jf_txn *t = jf_calloc(n, sizeof *t);
	for (size_t i = 0; i < n; i++) {
		t[i] = *tmpl;
		t[i].ref = cli->argv[i];
		t[i].date = date;
	}
	st = commit_many(cli, &b, t, n, true, d);
	if (st != JF_OK && st != JF_SYSTEM)
		jf_error(d, "nothing was recorded");
	free(t);
	jf_book_release(&b);
	return jf_cli_report(cli, st, d);
}

int jf_cli_sheet_writer(struct jf_cli *cli, enum jf_kind kind, const char *expected, int argc,
			char **argv)
{
	struct jf_diags d = JF_DIAGS_INIT;
	struct jf_txn t = { .kind = kind, .qty = 1 };
	struct jf_batch bo = { .kind = kind };
	bool done;

	enum jf_status st = jf_cli_parse(cli, argc, argv, jf_batch_opts, jf_batch_opt, &bo, &done, &d);
	if (st == JF_OK && !done && bo.file) {
		if (cli->argc) {
			jf_error(&d, "--batch takes no operands: the rows come from the sheet");
			return jf_cli_report(cli, JF_USAGE, &d);
		}
		return jf_cli_batch(cli, &bo, &d);
	}
	if (st == JF_OK && !done && (bo.enc_set || bo.again)) {
		jf_error(&d, "--encoding and --again go with --batch");
		st = JF_USAGE;
	}
	if (st == JF_OK && !done && (cli->argc < 2 || cli->argc > 3)) {
		jf_error(&d, "%s", jf_tr(expected));
		st = JF_USAGE;
	}
	if (st == JF_OK && !done && cli->argc == 3)
		st = jf_cli_qty(cli->argv[2], 1, 1000000000, &t.qty, &d);
	if (st != JF_OK || done)
		return jf_cli_report(cli, st, &d);
	t.household = cli->argv[0];
	t.code = cli->argv[1];
	return jf_cli_write(cli, &t, &d);
}
