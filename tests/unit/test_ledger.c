/* test_ledger.c - the strict streaming reader of ledger files. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <errno.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "book.h"
#include "buf.h"
#include "diag.h"
#include "ledger.h"

/* ---- the scratch book ---- */

static const char jf_yaml[] =
	"township: 龙渠乡\n"
	"timezone: Asia/Shanghai\n"
	"villages:\n"
	"  - {code: XB, name: 下堡村}\n"
	"  - {code: LQ, name: 龙渠村}\n";

static const char catalogue_yaml[] =
	"activities:\n"
	"  - {code: clean-yard, name: 庭院整洁, category: 环卫整治, points: 5}\n"
	"  - {code: litter, name: 乱扔垃圾, category: 环卫整治, points: -5}\n"
	"  - {code: old-rule, name: 旧规则, category: 公益活动, points: 1, until: 2025-12-31}\n"
	"goods:\n"
	"  - {code: washing-powder, name: 洗衣粉, unit: 袋, points: 10, stock: true}\n"
	"  - {code: soap, name: 肥皂, unit: 块, points: 3}\n";

static const char households_yaml[] =
	"households:\n"
	"  - {id: XB-017, head: 司学霞, village: XB}\n"
	"  - {id: LQ-001, head: 李明, village: LQ}\n"
	"  - {id: 'NO', head: 诺, village: LQ, since: 2026-06-01}\n";

struct fix {
	char *dir;
	struct jf_book book;
};

static int rm_one(const char *p, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st; (void)flag; (void)ftw;
	return remove(p);
}

static void put(const char *dir, const char *rel, const char *bytes, size_t n)
{
	struct jf_buf p = JF_BUF_INIT;
	FILE *f;

	/* make the parent directories */
	jf_buf_addf(&p, "%s/%s", dir, rel);
	for (char *s = p.s + strlen(dir) + 1; (s = strchr(s, '/')); s++) {
		*s = '\0';
		if (mkdir(p.s, 0777) < 0)
			assert_int_equal(errno, EEXIST);
		*s = '/';
	}
	f = fopen(p.s, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(bytes, 1, n, f), n);
	assert_int_equal(fclose(f), 0);
	jf_buf_release(&p);
}

static void puts0(struct fix *fx, const char *rel, const char *text)
{
	put(fx->dir, rel, text, strlen(text));
}

static int setup(void **state)
{
	struct fix *fx = calloc(1, sizeof *fx);
	struct jf_diags d = JF_DIAGS_INIT;

	if (!fx)
		return -1;
	fx->dir = strdup("/tmp/jf-test-ledger-XXXXXX");
	if (!fx->dir || !mkdtemp(fx->dir))
		return -1;
	put(fx->dir, "jf.yaml", jf_yaml, strlen(jf_yaml));
	put(fx->dir, "catalogue.yaml", catalogue_yaml, strlen(catalogue_yaml));
	put(fx->dir, "households.yaml", households_yaml, strlen(households_yaml));
	if (jf_book_open(&fx->book, fx->dir, &d) != JF_OK)
		return -1;
	jf_diags_release(&d);
	*state = fx;
	return 0;
}

static int teardown(void **state)
{
	struct fix *fx = *state;
	int rc;

	jf_book_release(&fx->book);
	rc = nftw(fx->dir, rm_one, 16, FTW_DEPTH | FTW_PHYS);
	free(fx->dir);
	free(fx);
	return rc;
}

/* ---- entries as text ---- */

/* An earn entry of 9 lines. */
static void earn(struct jf_buf *b, const char *id, const char *date, const char *hh,
		 const char *act, const char *qty, const char *pts)
{
	jf_buf_addf(b, "- id: %s\n  date: %s\n  at: %sT10:15:02+08:00\n  kind: earn\n"
		    "  household: %s\n  activity: %s\n  qty: %s\n  points: %s\n  by: baiyang\n",
		    id, date, date, hh, act, qty, pts);
}

/* A void entry of 6 lines (ref on line 4 of it, column 8). */
static void voidof(struct jf_buf *b, const char *id, const char *date, const char *ref)
{
	jf_buf_addf(b, "- id: %s\n  date: %s\n  kind: void\n  ref: %s\n  reason: 录错了\n"
		    "  by: baiyang\n", id, date, ref);
}

/* ---- collecting what the scan delivers ---- */

struct got {
	char id[JF_ID_MAX + 1];
	char file[128];
	char note[64];
	unsigned long line, col;
	enum jf_kind kind;
	jf_date date;
	int household, activity, item, village;
	int64_t qty;
	jf_points points;
	int self_flags;       /* this entry's record's flags when delivered */
	bool has_target;
	int target_kind, target_flags, target_household;
};

struct collect {
	struct got v[64];
	size_t n;
	size_t stop_after;        /* 0: never */
	enum jf_status stop_with;
};

static enum jf_status on_entry(void *ctx, const struct jf_entry *e)
{
	struct collect *c = ctx;
	struct got *g;

	assert_true(c->n < 64);
	g = &c->v[c->n++];
	memset(g, 0, sizeof *g);
	assert_non_null(e->id);
	assert_non_null(e->self);
	snprintf(g->id, sizeof g->id, "%s", e->id);
	snprintf(g->file, sizeof g->file, "%s", e->file);
	snprintf(g->note, sizeof g->note, "%s", e->note ? e->note : "");
	g->line = e->line;
	g->col = e->col;
	g->kind = e->kind;
	g->date = e->date;
	g->household = e->household;
	g->activity = e->activity;
	g->item = e->item;
	g->village = e->village;
	g->qty = e->qty;
	g->points = e->points;
	g->self_flags = e->self->flags;
	if (e->target) {
		g->has_target = true;
		g->target_kind = e->target->kind;
		g->target_flags = e->target->flags;
		g->target_household = e->target->household;
	} else {
		assert_true(e->kind != JF_VOID);
	}
	if (c->stop_after && c->n == c->stop_after)
		return c->stop_with;
	return JF_OK;
}

static enum jf_status scan(struct fix *fx, struct jf_scan *s, struct collect *c,
			   struct jf_diags *d)
{
	memset(c, 0, sizeof *c);
	jf_scan_init(s);
	return jf_ledger_scan(s, &fx->book, on_entry, c, d);
}

/* The ids delivered, space-separated. */
static void ids(const struct collect *c, struct jf_buf *out)
{
	jf_buf_reset(out);
	for (size_t i = 0; i < c->n; i++)
		jf_buf_addf(out, "%s%s", i ? " " : "", c->v[i].id);
}

static void dump(const struct jf_diags *d)
{
	struct jf_buf m = JF_BUF_INIT;
	jf_diags_format(d, "got", &m);
	print_error("%s", m.s);
	jf_buf_release(&m);
}

/* Is there a diagnostic exactly like this? */
static bool has(const struct jf_diags *d, enum jf_severity sev, const char *file,
		unsigned long line, unsigned long col, const char *msg)
{
	for (size_t i = 0; i < d->n; i++)
		if (d->v[i].sev == sev && d->v[i].file && !strcmp(d->v[i].file, file) &&
		    d->v[i].line == line && d->v[i].col == col && !strcmp(d->v[i].msg, msg))
			return true;
	print_error("want %s:%lu:%lu: %s%s\n", file, line, col,
		    sev == JF_SEV_WARNING ? "warning: " : "", msg);
	dump(d);
	return false;
}

/* Run a scan of the book and expect exactly one error, as given, and the
 * listed ids delivered (NULL: do not check). */
static void expect_one(struct fix *fx, const char *file, unsigned long line,
		       unsigned long col, const char *msg, const char *delivered)
{
	struct jf_scan s;
	struct jf_diags d = JF_DIAGS_INIT;
	struct collect c;
	struct jf_buf b = JF_BUF_INIT;

	assert_int_equal(scan(fx, &s, &c, &d), JF_INVALID);
	assert_true(has(&d, JF_SEV_ERROR, file, line, col, msg));
	if (d.errors != 1)
		dump(&d);
	assert_int_equal(d.errors, 1);
	assert_int_equal(s.ncuts, 0);
	if (delivered) {
		ids(&c, &b);
		assert_string_equal(b.s, delivered);
	}
	jf_buf_release(&b);
	jf_scan_release(&s);
	jf_diags_release(&d);
}

/* ---- tests ---- */

static void test_kind_names(void **state)
{
	(void)state;
	assert_string_equal(jf_kind_name(JF_EARN), "earn");
	assert_string_equal(jf_kind_name(JF_REDEEM), "redeem");
	assert_string_equal(jf_kind_name(JF_ADJUST), "adjust");
	assert_string_equal(jf_kind_name(JF_RESTOCK), "restock");
	assert_string_equal(jf_kind_name(JF_VOID), "void");
	for (int k = 0; k < JF_NKINDS; k++)
		assert_int_equal(jf_kind_parse(jf_kind_name((enum jf_kind)k)), k);
	assert_int_equal(jf_kind_parse("Earn"), -1);
	assert_int_equal(jf_kind_parse(""), -1);
	assert_int_equal(jf_kind_parse("earned"), -1);
}

/* Every field is found by its name and by nothing else: each name with
 * a byte changed, cut short or made longer is another field or none. */
static void test_field_names(void **state)
{
	(void)state;
	for (int f = 0; f < JF_NFIELDS; f++) {
		const char *name = jf_fields[f].name;
		size_t n = strlen(name);
		char k[40];
		assert_true(n + 2 < sizeof k);
		assert_int_equal(jf_field_lookup(name, n), f);
		for (size_t i = 0; i < n; i++) {
			static const char subst[] = { 'a', 'z', '_', 'A', '\xe5' };
			for (size_t j = 0; j < sizeof subst; j++) {
				memcpy(k, name, n + 1);
				if (k[i] == subst[j])
					continue;
				k[i] = subst[j];
				int got = jf_field_lookup(k, n);
				if (got != -1 && strcmp(jf_fields[got].name, k))
					fail_msg("'%s' found as %s", k, jf_fields[got].name);
				if (got == -1)
					for (int g = 0; g < JF_NFIELDS; g++)
						assert_true(strcmp(jf_fields[g].name, k) != 0);
			}
		}
		memcpy(k, name, n + 1);
		for (size_t len = 0; len < n; len++) {
			int got = jf_field_lookup(k, len);
			assert_true(got == -1 || (strlen(jf_fields[got].name) == len &&
						  !memcmp(jf_fields[got].name, k, len)));
		}
		memcpy(k, name, n);
		memcpy(k + n, "s", 2);
		assert_true(jf_field_lookup(k, n + 1) == -1 || !strcmp(jf_fields[jf_field_lookup(k, n + 1)].name, k));
	}
	assert_int_equal(jf_field_lookup("", 0), -1);
	assert_int_equal(jf_field_lookup("textured_household_points", 25), -1);
	assert_int_equal(jf_field_lookup("x-note", 6), -1);
	/* two fields of one length and first letter */
	assert_int_equal(jf_field_lookup("team", 4), JF_F_TEAM);
	assert_int_equal(jf_field_lookup("text", 4), JF_F_TEXT);
	assert_int_equal(jf_field_lookup("tex", 3), -1);
	assert_int_equal(jf_field_lookup("tean", 4), -1);
}

/* Regression (was a bug): with no ledger file at all (a fresh book: no ledger/ directory, or
 * one without *.yaml), jf_ledger_scan() calls qsort(NULL, 0, ...), which
 * UBSan reports ("lib/ledger.c: runtime error: null pointer passed as
 * argument 1, which is declared to never be null") and, built with
 * SANITIZE=address,undefined (-fno-sanitize-recover), aborts: every command
 * dies on a new book.  Expected: JF_OK, no files, no entries. */
static void test_no_ledger(void **state)
{
	struct fix *fx = *state;
	struct jf_scan s;
	struct jf_diags d = JF_DIAGS_INIT;
	struct collect c;

	assert_int_equal(scan(fx, &s, &c, &d), JF_OK);
	assert_int_equal(s.files, 0);
	assert_int_equal(s.entries, 0);
	assert_int_equal(c.n, 0);
	assert_int_equal(d.n, 0);
	jf_scan_release(&s);
	puts0(fx, "ledger/2026/notes.txt", "not a ledger\n");
	assert_int_equal(scan(fx, &s, &c, &d), JF_OK);
	assert_int_equal(s.files, 0);
	jf_scan_release(&s);
}

static void test_empty_files(void **state)
{
	struct fix *fx = *state;
	struct jf_scan s;
	struct jf_diags d = JF_DIAGS_INIT;

	/* NULL callback, empty and comment-only files */
	puts0(fx, "ledger/2026/XB.yaml", "");
	puts0(fx, "ledger/2026/LQ.yaml", "# nothing yet\n\n");
	puts0(fx, "ledger/2025/XB.yaml", "---\n");
	jf_scan_init(&s);
	assert_int_equal(jf_ledger_scan(&s, &fx->book, NULL, NULL, &d), JF_OK);
	assert_int_equal(s.files, 3);
	assert_int_equal(s.entries, 0);
	assert_int_equal(s.ncuts, 0);
	assert_int_equal(d.n, 0);
	jf_scan_release(&s);
	/* but not empty documents a writer cannot append to: '...' would end
	 * the document before the entry, '' would be followed by it */
	static const char *const bad[] = { "---\n...\n", "''\n", "--- ''\n" };
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		puts0(fx, "ledger/2025/XB.yaml", bad[i]);
		jf_scan_init(&s);
		assert_int_equal(jf_ledger_scan(&s, &fx->book, NULL, NULL, &d), JF_INVALID);
		assert_int_equal(d.errors, 1);
		jf_scan_release(&s);
		jf_diags_release(&d);
	}
}

static void test_every_kind(void **state)
{
	struct fix *fx = *state;
	struct jf_scan s;
	struct jf_diags d = JF_DIAGS_INIT;
	struct collect c;
	struct jf_buf b = JF_BUF_INIT;

	jf_buf_adds(&b, "# the XB shop\n\n");
	earn(&b, "01JDZ3K4M5N6P7Q8R9S0T1U2V3", "2026-11-28", "XB-017", "clean-yard", "2", "10");
	jf_buf_adds(&b, "\n# a comment between entries\n"
		    "- id: R1\n  date: 2026-11-28\n  kind: redeem\n  household: XB-017\n"
		    "  item: washing-powder\n  qty: 1\n  points: -10\n  note: 打扫院落\n  by: baiyang\n"
		    "- id: A1\n  date: 2026-11-27\n  kind: adjust\n  household: 'NO'\n  points: 6.5\n"
		    "  reason: opening balance\n  by: baiyang\n  x-source: paper book\n"
		    "- {id: S1, date: 2026-11-20, kind: restock, village: LQ, item: soap, qty: -3, by: b}\n");
	voidof(&b, "V1", "2026-11-29", "R1");
	puts0(fx, "ledger/2026/XB.yaml", b.s);
	assert_int_equal(scan(fx, &s, &c, &d), JF_OK);
	if (d.n)
		dump(&d);
	assert_int_equal(d.n, 0);
	assert_int_equal(s.files, 1);
	assert_int_equal(s.entries, 5);
	assert_int_equal(s.ncuts, 0);
	assert_int_equal(c.n, 5);

	const struct got *g = &c.v[0];
	assert_string_equal(g->id, "01JDZ3K4M5N6P7Q8R9S0T1U2V3");
	assert_string_equal(g->file, "ledger/2026/XB.yaml");
	assert_int_equal(g->line, 3);
	assert_int_equal(g->col, 3);
	assert_int_equal(g->kind, JF_EARN);
	assert_int_equal(g->household, 0);
	assert_int_equal(g->activity, 0);
	assert_int_equal(g->item, -1);
	assert_int_equal(g->village, 0);
	assert_int_equal(g->qty, 2);
	assert_true(g->points == 1000);
	jf_date want;
	const char *why;
	assert_int_equal(jf_date_parse("2026-11-28", &want, &why), 0);
	assert_int_equal(g->date, want);

	g = &c.v[1];
	assert_string_equal(g->id, "R1");
	assert_int_equal(g->line, 14);
	assert_int_equal(g->kind, JF_REDEEM);
	assert_int_equal(g->item, 0);
	assert_int_equal(g->activity, -1);
	assert_int_equal(g->qty, 1);
	assert_true(g->points == -1000);
	assert_string_equal(g->note, "打扫院落");

	g = &c.v[2];
	assert_int_equal(g->kind, JF_ADJUST);
	assert_int_equal(g->household, 2); /* 'NO' stays the text NO */
	assert_int_equal(g->village, 1);
	assert_true(g->points == 650);
	assert_int_equal(g->qty, 0);

	g = &c.v[3];
	assert_int_equal(g->kind, JF_RESTOCK);
	assert_int_equal(g->line, 31);
	assert_int_equal(g->col, 3);
	assert_int_equal(g->household, -1);
	assert_int_equal(g->village, 1);
	assert_int_equal(g->item, 1);
	assert_int_equal(g->qty, -3);
	assert_true(g->points == 0);

	g = &c.v[4];
	assert_int_equal(g->kind, JF_VOID);
	assert_true(g->has_target);
	assert_int_equal(g->target_kind, JF_REDEEM);
	assert_int_equal(g->target_flags, JF_EFFECT_VOIDED);
	assert_int_equal(g->household, 0);
	assert_int_equal(g->village, 0);
	assert_true(g->points == 0);
	/* the redeem was not yet voided when it was delivered */
	assert_int_equal(c.v[1].self_flags, 0);

	jf_buf_release(&b);
	jf_scan_release(&s);
	jf_diags_release(&d);
}

/* Files are read in byte order of their paths; other files are ignored. */
static void test_file_order(void **state)
{
	struct fix *fx = *state;
	struct jf_scan s;
	struct jf_diags d = JF_DIAGS_INIT;
	struct collect c;
	struct jf_buf b = JF_BUF_INIT, t = JF_BUF_INIT;
	static const char *const files[] = {
		"ledger/a.yaml", "ledger/2026/XB.yaml", "ledger/B.yaml", "ledger/2025/LQ.yaml",
		"ledger/2026/LQ.yaml", "ledger/2026/sub/x.yaml",
	};
	static const char *const ignored[] = {
		"ledger/notes.txt", "ledger/2026/.draft.yaml", "ledger/2026/XB.yml",
		"ledger/.git/x.yaml", "ledger/2026/XB.yaml.bak", "other/x.yaml",
	};

	for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
		char id[8];
		jf_buf_reset(&t);
		snprintf(id, sizeof id, "F%zu", i);
		earn(&t, id, "2026-01-05", "XB-017", "litter", "1", "-5");
		puts0(fx, files[i], t.s);
	}
	for (size_t i = 0; i < sizeof ignored / sizeof *ignored; i++)
		puts0(fx, ignored[i], "not: [a ledger\n");
	assert_int_equal(scan(fx, &s, &c, &d), JF_OK);
	assert_int_equal(d.n, 0);
	assert_int_equal(s.files, 6);
	ids(&c, &b);
	assert_string_equal(b.s, "F3 F4 F1 F5 F2 F0");
	jf_buf_release(&b);
	jf_buf_release(&t);
	jf_scan_release(&s);
}

static void test_symlink_refused(void **state)
{
	struct fix *fx = *state;
	struct jf_buf b = JF_BUF_INIT, target = JF_BUF_INIT, link = JF_BUF_INIT;

	earn(&b, "E1", "2026-01-05", "XB-017", "litter", "1", "-5");
	puts0(fx, "elsewhere.yaml", b.s);
	puts0(fx, "ledger/2026/XB.yaml", b.s);
	jf_buf_addf(&target, "%s/elsewhere.yaml", fx->dir);
	jf_buf_addf(&link, "%s/ledger/2026/LQ.yaml", fx->dir);
	assert_int_equal(symlink(target.s, link.s), 0);
	struct jf_scan s;
	struct jf_diags d = JF_DIAGS_INIT;
	struct collect c;
	assert_int_equal(scan(fx, &s, &c, &d), JF_INVALID);
	assert_int_equal(d.n, 1);
	assert_null(d.v[0].file);
	assert_non_null(strstr(d.v[0].msg, "'ledger/2026/LQ.yaml'"));
	assert_non_null(strstr(d.v[0].msg, "not followed"));
	jf_scan_release(&s);
	jf_diags_release(&d);
	jf_buf_release(&b);
	jf_buf_release(&target);
	jf_buf_release(&link);
}

/* A refusal in an entry between two good ones. */
struct refusal {
	const char *middle;       /* the middle item's text */
	unsigned long line, col;  /* where the diagnostic points */
	const char *msg;
	bool others;              /* the good entries are still delivered */
};

/* The good entries: G1 (lines 1-9) before, G2 after the middle item. */
static void with_middle(struct fix *fx, const char *middle)
{
	struct jf_buf b = JF_BUF_INIT;
	earn(&b, "G1", "2026-11-01", "XB-017", "clean-yard", "1", "5");
	jf_buf_adds(&b, middle);
	earn(&b, "G2", "2026-11-02", "LQ-001", "litter", "1", "-5");
	puts0(fx, "ledger/2026/XB.yaml", b.s);
	jf_buf_release(&b);
}

#define M_HEAD "- id: M1\n  date: 2026-11-03\n  kind: earn\n  household: XB-017\n" \
	"  activity: clean-yard\n  qty: 1\n  points: 5\n"
/* the middle item starts on line 10; M_HEAD ends with line 16 */

static const struct refusal refusals[] = {
	/* 'false': see test_bad_entry_delivered */
	{ M_HEAD "  qty: 2\n  by: b\n", 17, 3, "duplicate key 'qty'", false },
	{ M_HEAD "  colour: red\n  by: b\n", 17, 3, "unknown key 'colour'", false },
	{ M_HEAD "  note: [a, b]\n  by: b\n", 17, 9,
	  "nesting inside an entry is not allowed: values are plain text", false },
	{ M_HEAD "  note: {a: b}\n  by: b\n", 17, 9,
	  "nesting inside an entry is not allowed: values are plain text", false },
	{ M_HEAD "  note:\n    - a\n  by: b\n", 18, 5,
	  "nesting inside an entry is not allowed: values are plain text", false },
	{ M_HEAD "  ? [a]\n  : b\n  by: b\n", 17, 5, "a key must be plain text", false },
	{ M_HEAD "  note: caf\xe9\n  by: b\n", 17, 12, "invalid UTF-8 (byte 0x0A)", false },
	{ M_HEAD "  note: 司学\xe9\x9c\n  by: b\n", 17, 11, "invalid UTF-8 (byte 0x0A)", false },
	{ M_HEAD "  note: a\x01\n  by: b\n", 17, 10, "control character U+0001 is not allowed", false },
	{ M_HEAD "  note: a\n\0  by: b\n", 18, 1, "control character U+0000 is not allowed", false },
	{ M_HEAD "  note: a\r\n  by: b\n", 17, 10,
	  "CR line ends are not allowed; convert the file to LF", false },
	{ "- id: M1\n  date: 2026-11-03\n  kind: earn\n  household: XB-999\n"
	  "  activity: clean-yard\n  qty: 1\n  points: 5\n  by: b\n", 13, 14,
	  "unknown household 'XB-999'", true },
	{ "- id: M1\n  date: 2026-11-03\n  kind: earn\n  household: XB-017\n"
	  "  activity: tv\n  qty: 1\n  points: 5\n  by: b\n", 14, 13, "unknown activity 'tv'", true },
	{ "- id: M1\n  date: 2026-11-03\n  kind: redeem\n  household: XB-017\n"
	  "  item: tv\n  qty: 1\n  points: -5\n  by: b\n", 14, 9, "unknown item 'tv'", true },
	{ "- id: M1\n  date: 2026-11-03\n  kind: restock\n  village: ZZ\n"
	  "  item: soap\n  qty: 1\n  by: b\n", 13, 12, "unknown village 'ZZ'", true },
	{ "- id: M1\n  date: 2026-11-03\n  kind: void\n  ref: NOPE\n  reason: r\n  by: b\n",
	  13, 8, "void of unknown id 'NOPE'", true },
	{ "- id: M1\n  date: 2026-11-03\n  kind: void\n  ref: M1\n  reason: r\n  by: b\n",
	  13, 8, "an entry cannot void itself", true },
	{ "- id: M1\n  date: 2026-11-03\n  kind: void\n  ref: a.b\n  reason: r\n  by: b\n",
	  13, 8, "bad ref 'a.b'", true },
	{ "- id: G1\n  date: 2026-11-03\n  kind: adjust\n  household: XB-017\n"
	  "  points: 1\n  reason: r\n  by: b\n", 10, 7, "duplicate id 'G1'", true },
	{ "- id: M1\n  date: 2026-11-03\n  kind: gift\n  by: b\n", 12, 9,
	  "unknown kind 'gift' (earn, redeem, adjust, restock, void, approve, object, reject, transfer, expire, wish, take, done, drop, serve)", true },
	{ "- id: M1\n  date: 2026-11-03\n  kind: redeem\n  household: XB-017\n"
	  "  activity: clean-yard\n  item: soap\n  qty: 1\n  points: -3\n  by: b\n", 14, 13,
	  "'activity' does not belong in an entry of kind redeem", true },
	{ "- id: M1\n  date: 2026-11-03\n  kind: redeem\n  household: XB-017\n"
	  "  item: soap\n  qty: 1\n  points: 3\n  by: b\n", 16, 11,
	  "a redemption's points must be negative", true },
	{ "- id: M1\n  date: 2026-11-03\n  kind: adjust\n  household: XB-017\n"
	  "  points: 0\n  reason: r\n  by: b\n", 14, 11, "an adjustment of 0 points", true },
	{ "- id: M1 2\n  date: 2026-11-03\n  kind: adjust\n  household: XB-017\n"
	  "  points: 1\n  reason: r\n  by: b\n", 10, 7,
	  "bad id 'M1 2' (1-64 of A-Z a-z 0-9 - _)", true },
	{ "- just text\n", 10, 3, "an entry must be a mapping of fields", true },
	{ "- [a, b]\n", 10, 3, "an entry must be a mapping of fields", true },
};

static void test_refusals(void **state)
{
	struct fix *fx = *state;

	for (size_t i = 0; i < sizeof refusals / sizeof *refusals; i++) {
		const struct refusal *r = &refusals[i];
		/* the NUL case needs its length, the rest are strings */
		struct jf_buf b = JF_BUF_INIT;
		earn(&b, "G1", "2026-11-01", "XB-017", "clean-yard", "1", "5");
		if (strstr(r->msg, "U+0000")) {
			static const char nul[] = M_HEAD "  note: a\n\0  by: b\n";
			jf_buf_add(&b, nul, sizeof nul - 1);
		} else {
			jf_buf_adds(&b, r->middle);
		}
		earn(&b, "G2", "2026-11-02", "LQ-001", "litter", "1", "-5");
		put(fx->dir, "ledger/2026/XB.yaml", b.s, b.len);
		jf_buf_release(&b);
		expect_one(fx, "ledger/2026/XB.yaml", r->line, r->col, r->msg,
			   r->others ? "G1 G2" : NULL);
	}
}

/* Regression (was a bug): an entry refused while its fields are read (a duplicate key, an
 * unknown key, nesting, a key that is not plain text) is reported but still
 * indexed and delivered to the callback, with the first value of a
 * duplicated key: finish_entry() counts only the errors it finds itself
 * (errs is taken after read_entry() has added these).  E.g. G1, M1 with
 * "  qty: 1" and "  qty: 2", G2: expected "G1 G2" delivered, got
 * "G1 M1 G2" (jf-balance would count M1 while exiting 3). */
static void test_bad_entry_delivered(void **state)
{
	struct fix *fx = *state;

	for (size_t i = 0; i < 6; i++) {
		with_middle(fx, refusals[i].middle);
		expect_one(fx, "ledger/2026/XB.yaml", refusals[i].line, refusals[i].col,
			   refusals[i].msg, "G1 G2");
	}
}

static void test_empty_value(void **state)
{
	struct fix *fx = *state;
	struct jf_scan s;
	struct jf_diags d = JF_DIAGS_INIT;
	struct collect c;
	struct jf_buf got = JF_BUF_INIT;

	/* an empty note is fine; an empty required field is not */
	with_middle(fx, "- id: M1\n  date: 2026-11-03\n  kind: earn\n  household: XB-017\n"
		    "  activity: clean-yard\n  qty: 1\n  points: 5\n  note:\n  by: b\n");
	assert_int_equal(scan(fx, &s, &c, &d), JF_OK);
	assert_int_equal(c.n, 3);
	assert_string_equal(c.v[1].note, "");
	jf_scan_release(&s);
	with_middle(fx, "- id: M1\n  date: 2026-11-03\n  kind: earn\n  household: XB-017\n"
		    "  activity: clean-yard\n  qty: 1\n  points: 5\n  by: ''\n");
	assert_int_equal(scan(fx, &s, &c, &d), JF_INVALID);
	assert_true(has(&d, JF_SEV_ERROR, "ledger/2026/XB.yaml", 17, 7, "'by' is empty"));
	assert_int_equal(s.ncuts, 0);
	ids(&c, &got);
	assert_string_equal(got.s, "G1 G2");
	jf_scan_release(&s);
	jf_diags_release(&d);
	jf_buf_release(&got);
}

/* Regression (was a bug): a complete last entry with an empty required value ("  by: ''")
 * is taken for a cut-short tail ("FILE:1:1: the last entry is cut short",
 * ncuts 1) instead of "FILE:8:7: 'by' is empty": the emptied field then
 * also counts as missing, and a missing field in the last item means a
 * cut.  'jf-check --repair' would set a complete entry aside. */
static void test_empty_value_last(void **state)
{
	struct fix *fx = *state;
	struct jf_scan s;
	struct jf_diags d = JF_DIAGS_INIT;
	struct collect c;

	puts0(fx, "ledger/2026/XB.yaml", "- id: M1\n  date: 2026-11-03\n  kind: earn\n"
	      "  household: XB-017\n  activity: clean-yard\n  qty: 1\n  points: 5\n  by: ''\n");
	assert_int_equal(scan(fx, &s, &c, &d), JF_INVALID);
	assert_int_equal(s.ncuts, 0);
	assert_true(has(&d, JF_SEV_ERROR, "ledger/2026/XB.yaml", 8, 7, "'by' is empty"));
	jf_scan_release(&s);
	jf_diags_release(&d);
}

/* Field values that need a parser: the reason follows the quoted value. */
static void test_bad_values(void **state)
{
	struct fix *fx = *state;
	static const struct { const char *field, *value; unsigned long col; } bad[] = {
		{ "qty", "012", 8 }, { "qty", "0", 8 }, { "qty", "1e3", 8 }, { "qty", "-1", 8 },
		{ "points", "5.001", 11 }, { "points", "+5", 11 },
		{ "date", "2026-13-01", 9 }, { "date", "2026-11-3", 9 },
		{ "at", "2026-11-28 10:15", 7 },
	};

	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		struct jf_buf m = JF_BUF_INIT, want = JF_BUF_INIT;
		struct jf_scan s;
		struct jf_diags d = JF_DIAGS_INIT;
		struct collect c;
		jf_buf_adds(&m, "- id: M1\n");
		static const char *const order[] = { "date", "at", "qty", "points" };
		static const char *const dflt[] = { "2026-11-03", "2026-11-03T08:00:00+08:00", "1", "5" };
		unsigned long line = 0;
		jf_buf_adds(&m, "  kind: earn\n  household: XB-017\n  activity: clean-yard\n");
		for (int k = 0; k < 4; k++) {
			bool mine = !strcmp(order[k], bad[i].field);
			jf_buf_addf(&m, "  %s: %s\n", order[k], mine ? bad[i].value : dflt[k]);
			if (mine)
				line = 10 + 4 + (unsigned long)k;
		}
		jf_buf_adds(&m, "  by: b\n");
		with_middle(fx, m.s);
		assert_int_equal(scan(fx, &s, &c, &d), JF_INVALID);
		if (d.n != 1)
			dump(&d);
		assert_int_equal(d.n, 1);
		jf_buf_addf(&want, "bad %s '%s': ", !strcmp(bad[i].field, "at") ? "time" : bad[i].field,
			    bad[i].value);
		if (strncmp(d.v[0].msg, want.s, want.len))
			dump(&d);
		assert_memory_equal(d.v[0].msg, want.s, want.len);
		assert_int_equal(d.v[0].line, line);
		assert_int_equal(d.v[0].col, bad[i].col);
		assert_int_equal(c.n, 2);
		jf_scan_release(&s);
		jf_diags_release(&d);
		jf_buf_release(&m);
		jf_buf_release(&want);
	}
}

/* A YAML-level refusal (alias, anchor, tag, nesting past the depth limit,
 * a syntax error) inside an entry that is not the last is reported as
 * itself, never as a cut-short tail. */
static void test_yaml_refusals_in_middle(void **state)
{
	struct fix *fx = *state;
	static const struct refusal yrefusals[] = {
		{ M_HEAD "  note: *x\n  by: b\n", 17, 9, "aliases are not allowed", false },
		{ M_HEAD "  note: &x a\n  by: b\n", 17, 9, "anchors are not allowed", false },
		{ M_HEAD "  note: !!str a\n  by: b\n", 17, 9, "tags are not allowed", false },
		{ M_HEAD "  note: [[[[a]]]]\n  by: b\n", 17, 10,
		  "nesting deeper than this file allows", false },
		{ M_HEAD "  note: a: b\n  by: b\n", 17, 10,
		  "mapping values are not allowed in this context", false },
	};

	for (size_t i = 0; i < sizeof yrefusals / sizeof *yrefusals; i++) {
		with_middle(fx, yrefusals[i].middle);
		struct jf_scan s;
		struct jf_diags d = JF_DIAGS_INIT;
		struct collect c;
		assert_int_equal(scan(fx, &s, &c, &d), JF_INVALID);
		assert_int_equal(s.ncuts, 0);
		assert_true(has(&d, JF_SEV_ERROR, "ledger/2026/XB.yaml", yrefusals[i].line,
				yrefusals[i].col, yrefusals[i].msg));
		jf_scan_release(&s);
		jf_diags_release(&d);
	}
}

/* An input error (invalid UTF-8) deep in a big file, past the first chunk
 * read, is reported where it is, not taken for a cut-short tail. */
static void test_input_error_deep_in_file(void **state)
{
	struct fix *fx = *state;
	struct jf_buf b = JF_BUF_INIT;
	struct jf_scan s;
	struct jf_diags d = JF_DIAGS_INIT;

	for (int i = 0; i < 2000; i++) {
		jf_buf_addf(&b, "- id: E%d\n  date: 2026-11-01\n  kind: earn\n  household: XB-017\n"
			    "  activity: litter\n  qty: 1\n  points: -5\n", i);
		if (i == 1000)
			jf_buf_adds(&b, "  note: caf\xe9\n");
		jf_buf_adds(&b, "  by: b\n");
	}
	puts0(fx, "ledger/2026/XB.yaml", b.s);
	jf_scan_init(&s);
	assert_int_equal(jf_ledger_scan(&s, &fx->book, NULL, NULL, &d), JF_INVALID);
	assert_int_equal(s.ncuts, 0);
	assert_true(has(&d, JF_SEV_ERROR, "ledger/2026/XB.yaml", 8008, 12,
			"invalid UTF-8 (byte 0x0A)"));
	jf_scan_release(&s);
	jf_diags_release(&d);
	jf_buf_release(&b);
}

static void test_top_level(void **state)
{
	struct fix *fx = *state;

	puts0(fx, "ledger/2026/XB.yaml", "id: X\ndate: 2026-11-01\n");
	expect_one(fx, "ledger/2026/XB.yaml", 1, 1,
		   "a ledger file must be a list of entries, each starting '- '", "");
	puts0(fx, "ledger/2026/XB.yaml", "[{id: X}]\n");
	expect_one(fx, "ledger/2026/XB.yaml", 1, 1,
		   "a ledger file must be a list of entries, each starting '- '", "");
	puts0(fx, "ledger/2026/XB.yaml", "- id: X\n  date: 2026-11-01\n  kind: adjust\n"
	      "  household: XB-017\n  points: 1\n  reason: r\n  by: b\n---\n- id: Y\n");
	expect_one(fx, "ledger/2026/XB.yaml", 8, 1,
		   "only one document is allowed in a ledger file", "X");
	puts0(fx, "ledger/2026/XB.yaml", "--- !!seq\n- id: X\n");
	expect_one(fx, "ledger/2026/XB.yaml", 1, 5, "tags are not allowed", "");
}

static void test_missing_fields(void **state)
{
	struct fix *fx = *state;
	struct jf_scan s;
	struct jf_diags d = JF_DIAGS_INIT;
	struct collect c;

	/* an incomplete entry in the middle is a normal error, not a cut */
	with_middle(fx, "- id: M1\n  date: 2026-11-03\n  kind: earn\n  household: XB-017\n"
		    "  activity: clean-yard\n  qty: 1\n  by: b\n");
	assert_int_equal(scan(fx, &s, &c, &d), JF_INVALID);
	assert_int_equal(s.ncuts, 0);
	assert_int_equal(d.n, 1);
	assert_true(has(&d, JF_SEV_ERROR, "ledger/2026/XB.yaml", 10, 3,
			"earn entry has no 'points'"));
	assert_int_equal(c.n, 2);
	jf_scan_release(&s);
	jf_diags_release(&d);

	with_middle(fx, "- id: M1\n  date: 2026-11-03\n  kind: earn\n  household: XB-017\n"
		    "  activity: clean-yard\n  qty: 1\n  points: 5\n");
	assert_int_equal(scan(fx, &s, &c, &d), JF_INVALID);
	assert_int_equal(s.ncuts, 0);
	assert_int_equal(d.n, 1);
	assert_true(has(&d, JF_SEV_ERROR, "ledger/2026/XB.yaml", 10, 3, "entry has no 'by'"));
	assert_int_equal(c.n, 2);
	jf_scan_release(&s);
	jf_diags_release(&d);

	with_middle(fx, "- {kind: void, ref: G1, by: b}\n");
	assert_int_equal(scan(fx, &s, &c, &d), JF_INVALID);
	assert_int_equal(s.ncuts, 0);
	assert_true(has(&d, JF_SEV_ERROR, "ledger/2026/XB.yaml", 10, 3, "entry has no 'id'"));
	assert_true(has(&d, JF_SEV_ERROR, "ledger/2026/XB.yaml", 10, 3, "entry has no 'date'"));
	assert_true(has(&d, JF_SEV_ERROR, "ledger/2026/XB.yaml", 10, 3, "void entry has no 'reason'"));
	assert_int_equal(d.errors, 3);
	assert_int_equal(c.n, 2);
	jf_scan_release(&s);
	jf_diags_release(&d);
}

/* ---- voids ---- */

/* A void in an earlier file than its target: held back, delivered right
 * after the target, with the target's flag set. */
static void test_void_before_target(void **state)
{
	struct fix *fx = *state;
	struct jf_buf a = JF_BUF_INIT, b = JF_BUF_INIT, ids_b = JF_BUF_INIT;
	struct jf_scan s;
	struct jf_diags d = JF_DIAGS_INIT;
	struct collect c;

	voidof(&a, "V1", "2026-11-30", "T1");
	earn(&a, "E0", "2026-11-01", "LQ-001", "litter", "1", "-5");
	puts0(fx, "ledger/2026/LQ.yaml", a.s);
	earn(&b, "E1", "2026-11-02", "XB-017", "clean-yard", "1", "5");
	jf_buf_adds(&b, "- id: T1\n  date: 2026-11-03\n  kind: redeem\n  household: XB-017\n"
		    "  item: washing-powder\n  qty: 2\n  points: -20\n  by: b\n");
	earn(&b, "E2", "2026-11-04", "XB-017", "clean-yard", "1", "5");
	puts0(fx, "ledger/2026/XB.yaml", b.s);

	assert_int_equal(scan(fx, &s, &c, &d), JF_OK);
	if (d.n)
		dump(&d);
	assert_int_equal(d.n, 0);
	assert_int_equal(s.entries, 5);
	ids(&c, &ids_b);
	assert_string_equal(ids_b.s, "E0 E1 T1 V1 E2");
	const struct got *t = &c.v[2], *v = &c.v[3];
	assert_int_equal(t->self_flags, 0);
	assert_int_equal(v->kind, JF_VOID);
	assert_string_equal(v->file, "ledger/2026/LQ.yaml");
	assert_true(v->has_target);
	assert_int_equal(v->target_kind, JF_REDEEM);
	assert_int_equal(v->target_flags, JF_EFFECT_VOIDED);
	assert_int_equal(v->household, 0);
	assert_int_equal(v->village, 0);
	assert_int_equal(v->target_household, 0);
	jf_date want;
	const char *why;
	assert_int_equal(jf_date_parse("2026-11-30", &want, &why), 0);
	assert_int_equal(v->date, want);
	jf_scan_release(&s);
	jf_diags_release(&d);
	jf_buf_release(&a);
	jf_buf_release(&b);
	jf_buf_release(&ids_b);
}

/* Regression (was a bug): a void held back until its target is delivered with line:col of its
 * `ref` value (4:8 here) instead of where the entry starts (1:3), unlike
 * every other entry (struct jf_entry's line/col is the entry's). */
static void test_held_void_position(void **state)
{
	struct fix *fx = *state;
	struct jf_buf a = JF_BUF_INIT, b = JF_BUF_INIT;
	struct jf_scan s;
	struct jf_diags d = JF_DIAGS_INIT;
	struct collect c;

	voidof(&a, "V1", "2026-11-30", "T1");
	puts0(fx, "ledger/2026/LQ.yaml", a.s);
	earn(&b, "T1", "2026-11-02", "XB-017", "clean-yard", "1", "5");
	puts0(fx, "ledger/2026/XB.yaml", b.s);
	assert_int_equal(scan(fx, &s, &c, &d), JF_OK);
	assert_int_equal(c.n, 2);
	assert_string_equal(c.v[1].id, "V1");
	assert_int_equal(c.v[1].line, 1);
	assert_int_equal(c.v[1].col, 3);
	jf_scan_release(&s);
	jf_diags_release(&d);
	jf_buf_release(&a);
	jf_buf_release(&b);
}

static void test_void_errors(void **state)
{
	struct fix *fx = *state;
	struct jf_buf a = JF_BUF_INIT, b = JF_BUF_INIT, got = JF_BUF_INIT;
	struct jf_scan s;
	struct jf_diags d = JF_DIAGS_INIT;
	struct collect c;

	/* LQ.yaml (read first): V1 and V2 both void T1 before it is read, V3
	 * voids the held-back void V1, V4 voids an id nobody has.
	 * XB.yaml: T1, then V5 voids T1 a third time, V6 voids V5. */
	voidof(&a, "V1", "2026-11-05", "T1");
	voidof(&a, "V2", "2026-11-05", "T1");
	voidof(&a, "V3", "2026-11-05", "V1");
	voidof(&a, "V4", "2026-11-05", "NOPE");
	puts0(fx, "ledger/2026/LQ.yaml", a.s);
	earn(&b, "T1", "2026-11-01", "XB-017", "clean-yard", "1", "5");
	voidof(&b, "V5", "2026-11-06", "T1");
	voidof(&b, "V6", "2026-11-06", "V1");
	puts0(fx, "ledger/2026/XB.yaml", b.s);

	assert_int_equal(scan(fx, &s, &c, &d), JF_INVALID);
	ids(&c, &got);
	assert_string_equal(got.s, "T1 V1");
	assert_true(has(&d, JF_SEV_ERROR, "ledger/2026/LQ.yaml", 10, 8,
			"entry 'T1' is voided twice (also at ledger/2026/LQ.yaml:4)"));
	assert_true(has(&d, JF_SEV_ERROR, "ledger/2026/LQ.yaml", 16, 8,
			"'V1' is a void; a void cannot be voided"));
	assert_true(has(&d, JF_SEV_ERROR, "ledger/2026/LQ.yaml", 22, 8,
			"void of unknown id 'NOPE'"));
	assert_true(has(&d, JF_SEV_ERROR, "ledger/2026/XB.yaml", 13, 8,
			"entry 'T1' is already voided"));
	assert_true(has(&d, JF_SEV_ERROR, "ledger/2026/XB.yaml", 19, 8,
			"'V1' is a void; a void cannot be voided"));
	assert_int_equal(d.errors, 5);
	jf_scan_release(&s);
	jf_diags_release(&d);
	jf_buf_release(&a);
	jf_buf_release(&b);
	jf_buf_release(&got);
}

/* Regression (was a bug): a void of a void, where the voided void is itself held back (both
 * before their targets), is reported as "void of unknown id 'V1'" instead
 * of "'V1' is a void; a void cannot be voided".  A.yaml: V3 voids V1;
 * B.yaml: V1 voids T1; C.yaml: T1. */
static void test_void_of_held_void(void **state)
{
	struct fix *fx = *state;
	struct jf_buf b = JF_BUF_INIT;
	struct jf_scan s;
	struct jf_diags d = JF_DIAGS_INIT;
	struct collect c;

	voidof(&b, "V3", "2026-11-05", "V1");
	puts0(fx, "ledger/2026/A.yaml", b.s);
	jf_buf_reset(&b);
	voidof(&b, "V1", "2026-11-05", "T1");
	puts0(fx, "ledger/2026/B.yaml", b.s);
	jf_buf_reset(&b);
	earn(&b, "T1", "2026-11-01", "XB-017", "clean-yard", "1", "5");
	puts0(fx, "ledger/2026/C.yaml", b.s);
	assert_int_equal(scan(fx, &s, &c, &d), JF_INVALID);
	assert_int_equal(d.errors, 1);
	assert_true(has(&d, JF_SEV_ERROR, "ledger/2026/A.yaml", 4, 8,
			"'V1' is a void; a void cannot be voided"));
	jf_scan_release(&s);
	jf_diags_release(&d);
	jf_buf_release(&b);
}

static void test_duplicate_ids(void **state)
{
	struct fix *fx = *state;
	struct jf_buf a = JF_BUF_INIT, b = JF_BUF_INIT, got = JF_BUF_INIT;
	struct jf_scan s;
	struct jf_diags d = JF_DIAGS_INIT;
	struct collect c;

	earn(&a, "01K0000000000000000000000A", "2026-11-01", "LQ-001", "litter", "1", "-5");
	puts0(fx, "ledger/2026/LQ.yaml", a.s);
	earn(&b, "E1", "2026-11-01", "XB-017", "clean-yard", "1", "5");
	earn(&b, "01K0000000000000000000000A", "2026-11-01", "XB-017", "clean-yard", "1", "5");
	earn(&b, "E1", "2026-11-01", "XB-017", "clean-yard", "1", "5");
	puts0(fx, "ledger/2026/XB.yaml", b.s);
	assert_int_equal(scan(fx, &s, &c, &d), JF_INVALID);
	ids(&c, &got);
	assert_string_equal(got.s, "01K0000000000000000000000A E1");
	assert_true(has(&d, JF_SEV_ERROR, "ledger/2026/XB.yaml", 10, 7,
			"duplicate id '01K0000000000000000000000A'"));
	assert_true(has(&d, JF_SEV_ERROR, "ledger/2026/XB.yaml", 19, 7, "duplicate id 'E1'"));
	assert_int_equal(d.errors, 2);
	jf_scan_release(&s);
	jf_diags_release(&d);
	jf_buf_release(&a);
	jf_buf_release(&b);
	jf_buf_release(&got);
}

/* ---- cut-short tails ---- */

/* The scan finds one cut at file:line, saying why (what the cut entry
 * lacks, when its lines are whole) or NULL, and delivers the ids listed. */
static void expect_cut_why(struct fix *fx, const char *file, unsigned long line,
			   const char *delivered, const char *why)
{
	struct jf_scan s;
	struct jf_diags d = JF_DIAGS_INIT;
	struct collect c;
	struct jf_buf got = JF_BUF_INIT, msg = JF_BUF_INIT;

	assert_int_equal(scan(fx, &s, &c, &d), JF_INVALID);
	assert_int_equal(s.ncuts, 1);
	assert_string_equal(s.cuts[0].file, file);
	assert_int_equal(s.cuts[0].line, line);
	if (why)
		jf_buf_addf(&msg, "the last entry is cut short (an interrupted write?): %s; "
				  "'jf-check --repair' sets it aside", why);
	else
		jf_buf_adds(&msg, "the last entry is cut short (an interrupted write?); "
				  "'jf-check --repair' sets it aside");
	assert_true(has(&d, JF_SEV_ERROR, file, line, 1, msg.s));
	jf_buf_reset(&msg);
	if (d.errors != 1)
		dump(&d);
	assert_int_equal(d.errors, 1);
	ids(&c, &got);
	assert_string_equal(got.s, delivered);
	jf_scan_release(&s);
	assert_int_equal(s.ncuts, 0);
	assert_null(s.cuts);
	jf_diags_release(&d);
	jf_buf_release(&got);
	jf_buf_release(&msg);
}

static void expect_cut(struct fix *fx, const char *file, unsigned long line,
		       const char *delivered)
{
	expect_cut_why(fx, file, line, delivered, NULL);
}

static void test_cut_no_newline(void **state)
{
	struct fix *fx = *state;
	struct jf_buf b = JF_BUF_INIT;

	earn(&b, "G1", "2026-11-01", "XB-017", "clean-yard", "1", "5");
	jf_buf_adds(&b, "# comment\n\n");
	earn(&b, "C1", "2026-11-02", "XB-017", "clean-yard", "1", "5");
	jf_buf_setlen(&b, b.len - 1); /* complete but for the final newline */
	puts0(fx, "ledger/2026/XB.yaml", b.s);
	expect_cut(fx, "ledger/2026/XB.yaml", 12, "G1");

	/* cut in the middle of a line */
	jf_buf_setlen(&b, b.len - 9);
	puts0(fx, "ledger/2026/XB.yaml", b.s);
	expect_cut(fx, "ledger/2026/XB.yaml", 12, "G1");

	/* cut right after the "-" */
	jf_buf_reset(&b);
	earn(&b, "G1", "2026-11-01", "XB-017", "clean-yard", "1", "5");
	jf_buf_adds(&b, "- ");
	puts0(fx, "ledger/2026/XB.yaml", b.s);
	expect_cut(fx, "ledger/2026/XB.yaml", 10, "G1");

	/* a file holding only a cut entry */
	puts0(fx, "ledger/2026/XB.yaml", "- id: X\n  da");
	expect_cut(fx, "ledger/2026/XB.yaml", 1, "");
	jf_buf_release(&b);
}

static void test_cut_missing_by(void **state)
{
	struct fix *fx = *state;
	struct jf_buf b = JF_BUF_INIT;

	earn(&b, "G1", "2026-11-01", "XB-017", "clean-yard", "1", "5");
	earn(&b, "G2", "2026-11-01", "XB-017", "litter", "1", "-5");
	/* the write stopped at a line end: by (always last) is missing */
	jf_buf_adds(&b, "- id: C1\n  date: 2026-11-02\n  at: 2026-11-02T10:15:02+08:00\n"
		    "  kind: earn\n  household: XB-017\n  activity: clean-yard\n");
	puts0(fx, "ledger/2026/XB.yaml", b.s);
	expect_cut_why(fx, "ledger/2026/XB.yaml", 19, "G1 G2", "entry has no 'by'");
	/* just the first line of it */
	jf_buf_setlen(&b, strstr(b.s, "- id: C1") - b.s + 9);
	puts0(fx, "ledger/2026/XB.yaml", b.s);
	expect_cut_why(fx, "ledger/2026/XB.yaml", 19, "G1 G2", "entry has no 'date'");
	jf_buf_release(&b);
}

static void test_cut_yaml_error(void **state)
{
	struct fix *fx = *state;
	struct jf_buf b = JF_BUF_INIT;

	earn(&b, "G1", "2026-11-01", "XB-017", "clean-yard", "1", "5");
	jf_buf_adds(&b, "- id: C1\n  date: 2026-11-02\n  kind: adjust\n  household: XB-017\n"
		    "  points: 5\n  reason: \"half a quoted\n");
	puts0(fx, "ledger/2026/XB.yaml", b.s);
	expect_cut(fx, "ledger/2026/XB.yaml", 10, "G1");

	jf_buf_reset(&b);
	earn(&b, "G1", "2026-11-01", "XB-017", "clean-yard", "1", "5");
	jf_buf_adds(&b, "- id: C1\n  date: 2026-11-02\n  kind: adjust\n  note: a: b\n");
	puts0(fx, "ledger/2026/XB.yaml", b.s);
	expect_cut(fx, "ledger/2026/XB.yaml", 10, "G1");
	jf_buf_release(&b);
}

/* A cut tail in one file: the other files are read as usual. */
static void test_cut_one_file(void **state)
{
	struct fix *fx = *state;
	struct jf_buf a = JF_BUF_INIT, b = JF_BUF_INIT;

	earn(&a, "A1", "2026-11-01", "LQ-001", "litter", "1", "-5");
	earn(&a, "A2", "2026-11-01", "LQ-001", "litter", "1", "-5");
	jf_buf_setlen(&a, a.len - 1);
	puts0(fx, "ledger/2026/LQ.yaml", a.s);
	earn(&b, "B1", "2026-11-01", "XB-017", "clean-yard", "1", "5");
	voidof(&b, "B2", "2026-11-02", "A1");
	puts0(fx, "ledger/2026/XB.yaml", b.s);
	expect_cut(fx, "ledger/2026/LQ.yaml", 10, "A1 B1 B2");
	jf_buf_release(&a);
	jf_buf_release(&b);
}

/* Regression (was a bug): with garbage after the last newline (the NUL bytes a crash can
 * leave), the cut is found but the good entries before it in the same
 * file are not delivered either: G1 below is lost, while ledger.h says
 * valid entries are still delivered (as they are with a plain cut). */
static void test_cut_nul_tail(void **state)
{
	struct fix *fx = *state;
	struct jf_buf b = JF_BUF_INIT;

	earn(&b, "G1", "2026-11-01", "XB-017", "clean-yard", "1", "5");
	earn(&b, "C1", "2026-11-02", "XB-017", "clean-yard", "1", "5");
	jf_buf_setlen(&b, b.len - 4);
	jf_buf_add(&b, "\0\0\0\0", 4);
	put(fx->dir, "ledger/2026/XB.yaml", b.s, b.len);
	expect_cut(fx, "ledger/2026/XB.yaml", 10, "G1");
	jf_buf_release(&b);
}

/* ---- callback status and warnings ---- */

static void test_callback_stops(void **state)
{
	struct fix *fx = *state;
	struct jf_buf b = JF_BUF_INIT;
	struct jf_scan s;
	struct jf_diags d = JF_DIAGS_INIT;
	struct collect c;

	earn(&b, "E1", "2026-11-01", "XB-017", "clean-yard", "1", "5");
	earn(&b, "E2", "2026-11-01", "XB-017", "clean-yard", "1", "5");
	earn(&b, "E3", "2026-11-01", "XB-017", "clean-yard", "1", "5");
	puts0(fx, "ledger/2026/XB.yaml", b.s);
	puts0(fx, "ledger/2026/YY.yaml", b.s); /* never reached */
	memset(&c, 0, sizeof c);
	c.stop_after = 2;
	c.stop_with = JF_REFUSED;
	jf_scan_init(&s);
	assert_int_equal(jf_ledger_scan(&s, &fx->book, on_entry, &c, &d), JF_REFUSED);
	assert_int_equal(c.n, 2);
	assert_int_equal(d.errors, 0);
	jf_scan_release(&s);
	jf_buf_release(&b);
}

static void test_warnings(void **state)
{
	struct fix *fx = *state;
	struct jf_buf b = JF_BUF_INIT;
	struct jf_scan s;
	struct jf_diags d = JF_DIAGS_INIT;
	struct collect c;

	/* points differ from the rule; rule expired; account not yet open;
	 * dated after it was recorded; restock of an untracked item */
	earn(&b, "W1", "2026-11-01", "XB-017", "clean-yard", "2", "7");
	earn(&b, "W2", "2026-11-01", "XB-017", "old-rule", "1", "1");
	jf_buf_adds(&b, "- id: W3\n  date: 2026-05-01\n  kind: adjust\n  household: 'NO'\n"
		    "  points: 1\n  reason: r\n  by: b\n"
		    "- id: W4\n  date: 2026-11-02\n  at: 2026-11-01T23:00:00+08:00\n  kind: adjust\n"
		    "  household: XB-017\n  points: 1\n  reason: r\n  by: b\n"
		    "- {id: W5, date: 2026-11-01, kind: restock, village: XB, item: soap, qty: 5, by: b}\n");
	earn(&b, "OK1", "2026-11-01", "XB-017", "clean-yard", "3", "15");
	puts0(fx, "ledger/2026/XB.yaml", b.s);

	/* readers in general: no warnings */
	assert_int_equal(scan(fx, &s, &c, &d), JF_OK);
	assert_int_equal(d.n, 0);
	assert_int_equal(c.n, 6);
	jf_scan_release(&s);

	memset(&c, 0, sizeof c);
	jf_scan_init(&s);
	s.warnings = true;
	assert_int_equal(jf_ledger_scan(&s, &fx->book, on_entry, &c, &d), JF_OK);
	assert_int_equal(c.n, 6);
	assert_int_equal(d.errors, 0);
	assert_int_equal(d.warnings, 5);
	const char *f = "ledger/2026/XB.yaml";
	assert_true(has(&d, JF_SEV_WARNING, f, 8, 11,
			"recorded points 7 differ from the rule's 10 (clean-yard x 2)"));
	assert_true(has(&d, JF_SEV_WARNING, f, 11, 9, "rule 'old-rule' is not valid on 2026-11-01"));
	assert_true(has(&d, JF_SEV_WARNING, f, 20, 9, "household 'NO' has no open account on 2026-05-01"));
	assert_true(has(&d, JF_SEV_WARNING, f, 27, 9,
			"date is after the time it was recorded (2026-11-01T23:00:00+08:00)"));
	assert_true(has(&d, JF_SEV_WARNING, f, 34, 64,
			"stock of 'soap' is not tracked (no 'stock: true')"));
	jf_scan_release(&s);
	jf_diags_release(&d);
	jf_buf_release(&b);
}

/* Hostile input: a huge nesting in an entry is refused fast. */
static void test_hostile_nesting(void **state)
{
	struct fix *fx = *state;
	struct jf_buf b = JF_BUF_INIT;
	struct jf_scan s;
	struct jf_diags d = JF_DIAGS_INIT;
	struct collect c;

	jf_buf_adds(&b, "- id: X\n  note: ");
	for (int i = 0; i < 100000; i++)
		jf_buf_addc(&b, '[');
	jf_buf_addc(&b, '\n');
	puts0(fx, "ledger/2026/XB.yaml", b.s);
	assert_int_equal(scan(fx, &s, &c, &d), JF_INVALID);
	assert_int_equal(c.n, 0);
	assert_true(d.errors >= 1);
	jf_scan_release(&s);
	jf_diags_release(&d);
	jf_buf_release(&b);
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_kind_names),
		cmocka_unit_test(test_field_names),
		T(test_no_ledger),
		T(test_empty_files),
		T(test_every_kind),
		T(test_file_order),
		T(test_symlink_refused),
		T(test_refusals),
		T(test_bad_entry_delivered),
		T(test_bad_values),
		T(test_empty_value),
		T(test_empty_value_last),
		T(test_yaml_refusals_in_middle),
		T(test_input_error_deep_in_file),
		T(test_top_level),
		T(test_missing_fields),
		T(test_void_before_target),
		T(test_held_void_position),
		T(test_void_errors),
		T(test_void_of_held_void),
		T(test_duplicate_ids),
		T(test_cut_no_newline),
		T(test_cut_missing_by),
		T(test_cut_yaml_error),
		T(test_cut_one_file),
		T(test_cut_nul_tail),
		T(test_callback_stops),
		T(test_warnings),
		T(test_hostile_nesting),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
