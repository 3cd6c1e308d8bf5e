/* test_txn.c - writers: YAML scalars, free-text checks, and commits to a
 * scratch book. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "book.h"
#include "buf.h"
#include "diag.h"
#include "id.h"
#include "ledger.h"
#include "lock.h"
#include "txn.h"
#include "yemit.h"
#include "yread.h"

/* ---- scratch directories ---- */

static int rm_one(const char *p, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st; (void)flag; (void)ftw;
	return remove(p);
}

static void put(const char *dir, const char *rel, const char *text)
{
	struct jf_buf p = JF_BUF_INIT;
	FILE *f;

	jf_buf_addf(&p, "%s/%s", dir, rel);
	for (char *s = p.s + strlen(dir) + 1; (s = strchr(s, '/')); s++) {
		*s = '\0';
		if (mkdir(p.s, 0777) < 0)
			assert_int_equal(errno, EEXIST);
		*s = '/';
	}
	f = fopen(p.s, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(text, 1, strlen(text), f), strlen(text));
	assert_int_equal(fclose(f), 0);
	jf_buf_release(&p);
}

/* The whole content of dir/rel into out (reset first); false if missing. */
static bool slurp(const char *dir, const char *rel, struct jf_buf *out)
{
	struct jf_buf p = JF_BUF_INIT;
	char buf[4096];
	size_t n;
	FILE *f;

	jf_buf_reset(out);
	jf_buf_addf(&p, "%s/%s", dir, rel);
	f = fopen(p.s, "rb");
	jf_buf_release(&p);
	if (!f)
		return false;
	while ((n = fread(buf, 1, sizeof buf, f)) > 0)
		jf_buf_add(out, buf, n);
	fclose(f);
	return true;
}

static bool exists(const char *dir, const char *rel)
{
	struct jf_buf p = JF_BUF_INIT;
	struct stat st;
	bool ok;

	jf_buf_addf(&p, "%s/%s", dir, rel);
	ok = stat(p.s, &st) == 0;
	jf_buf_release(&p);
	return ok;
}

static jf_date day(const char *s)
{
	jf_date d;
	const char *why;
	assert_int_equal(jf_date_parse(s, &d, &why), 0);
	return d;
}

/* ---- jf_yaml_scalar ---- */

static void scalar_is(const char *in, const char *want)
{
	struct jf_buf b = JF_BUF_INIT;
	jf_yaml_scalar(&b, in);
	assert_string_equal(b.s, want);
	jf_buf_release(&b);
}

static void test_scalar_plain(void **state)
{
	(void)state;
	scalar_is("baiyang", "baiyang");
	scalar_is("打扫院落", "打扫院落");
	scalar_is("XB-017", "XB-017");
	scalar_is("2026-11-28T10:15:02+08:00", "2026-11-28T10:15:02+08:00");
	scalar_is("a b c", "a b c");
	scalar_is("-5", "-5");
	scalar_is("6.5", "6.5");
	scalar_is("a:b", "a:b");
	scalar_is("a#b", "a#b");
	/* no YAML 1.1 guessing on the way back: these may stay plain */
	scalar_is("NO", "NO");
	scalar_is("012", "012");
}

static void test_scalar_quoted(void **state)
{
	(void)state;
	scalar_is("", "\"\"");
	scalar_is(" lead", "\" lead\"");
	scalar_is("trail ", "\"trail \"");
	scalar_is("a: b", "\"a: b\"");
	scalar_is("a #b", "\"a #b\"");
	scalar_is("key:", "\"key:\"");
	scalar_is("- item", "\"- item\"");
	scalar_is("-", "\"-\"");
	scalar_is("#tag", "\"#tag\"");
	scalar_is("'q'", "\"'q'\"");
	scalar_is("\"dq\" and \\", "\"\\\"dq\\\" and \\\\\"");
	scalar_is("*alias", "\"*alias\"");
	scalar_is("&anchor", "\"&anchor\"");
	scalar_is("!tag", "\"!tag\"");
	scalar_is("[x", "\"[x\"");
	scalar_is("{x", "\"{x\"");
	scalar_is("|", "\"|\"");
	scalar_is(">", "\">\"");
	scalar_is("%x", "\"%x\"");
	scalar_is("@x", "\"@x\"");
	scalar_is("`x", "\"`x\"");
	scalar_is("? x", "\"? x\"");
	scalar_is("a\tb", "\"a\\x09b\"");
	scalar_is("a\nb", "\"a\\x0Ab\"");
	scalar_is("\x7f", "\"\\x7F\"");
	scalar_is("\xEF\xBB\xBF" "bom", "\"\\uFEFFbom\"");
}

static void round_trip(const char *const *texts, size_t n);

/* Whatever text a writer accepts (no control characters), the scalar reads
 * back through yread as that text. */
static void test_scalar_round_trip(void **state)
{
	static const char *const texts[] = {
		"baiyang", "打扫院落", "", " ", "  two", "x ", "a: b", "a #b", "a:", "- a", "-a",
		"-", "--", "---", "...", "? a", "?a", ":a", ": a", "#a", "a#", "a,b", ",a", "[a]",
		"a]", "{a}", "a}", "!a", "&a", "*a", "|a", ">a", "'a'", "\"a\"", "a'b", "a\"b",
		"\\", "a\\nb", "%a", "@a", "`a", "a\tb", "\t", "null", "~", "true", "NO", "on", "012", "1e3", "0x1F", ".inf", "<<",
		"=", "a  b", "龙渠乡 下堡村: 第1组",
		"\xc2\xa0nbsp", "a\xc2\xa0",
	};

	(void)state;
	round_trip(texts, sizeof texts / sizeof *texts);
}

/* U+2028 LINE SEPARATOR and U+2029 PARAGRAPH SEPARATOR are line breaks to
 * YAML: writers refuse them in text like other control characters, and
 * jf_yaml_scalar() never writes them raw (it escapes them in quotes). */
static void test_scalar_line_separators(void **state)
{
	static const char *const texts[] = {
		"\xe2\x80\xa8", "a\xe2\x80\xa9" "b", "a\xe2\x80\xa8",
	};

	(void)state;
	/* a byte order mark or a noncharacter in a note is refused too */
	assert_non_null(jf_text_check("\xEF\xBB\xBF" "x"));
	assert_non_null(jf_text_check("x\xEF\xBB\xBF"));
	assert_non_null(jf_text_check("x\xEF\xBF\xBE"));
	for (size_t i = 0; i < sizeof texts / sizeof *texts; i++) {
		struct jf_buf b = JF_BUF_INIT;
		assert_non_null(jf_text_check(texts[i]));
		jf_yaml_scalar(&b, texts[i]);
		assert_null(strstr(b.s, "\xe2\x80\xa8"));
		assert_null(strstr(b.s, "\xe2\x80\xa9"));
		assert_int_equal(b.s[0], '"');
		jf_buf_release(&b);
	}
}

static void round_trip(const char *const *texts, size_t n)
{
	char path[] = "/tmp/jf-test-scalar-XXXXXX";
	int fd = mkstemp(path);

	assert_true(fd >= 0);
	close(fd);
	for (size_t i = 0; i < n; i++) {
		struct jf_buf b = JF_BUF_INIT;
		struct jf_diags d = JF_DIAGS_INIT;
		struct jf_ynode *root = NULL;
		static const struct jf_ylimits lim = {
			.max_bytes = 1 << 20, .max_scalar = 4096, .max_depth = 3, .allow_cr = false,
		};
		FILE *f;

		jf_buf_adds(&b, "- note: ");
		jf_yaml_scalar(&b, texts[i]);
		jf_buf_adds(&b, "\n  by: b\n");
		f = fopen(path, "wb");
		assert_non_null(f);
		fputs(b.s, f);
		fclose(f);
		enum jf_status st = jf_yread_tree(path, "t.yaml", &lim, &root, &d);
		if (st != JF_OK || !root || root->nkids != 1 || root->kids[0]->nkids != 4 ||
		    strcmp(root->kids[0]->kids[1]->value, texts[i])) {
			struct jf_buf m = JF_BUF_INIT;
			jf_diags_format(&d, "yread", &m);
			print_error("text %zu does not read back; written as: %s%s", i, b.s, m.s);
			jf_buf_release(&m);
		}
		assert_int_equal(st, JF_OK);
		assert_non_null(root);
		assert_int_equal(root->nkids, 1);
		assert_int_equal(root->kids[0]->nkids, 4);
		assert_string_equal(root->kids[0]->kids[1]->value, texts[i]);
		assert_string_equal(root->kids[0]->kids[3]->value, "b");
		jf_ynode_free(root);
		jf_diags_release(&d);
		jf_buf_release(&b);
	}
	unlink(path);
}

/* ---- jf_text_check ---- */

static void test_text_check(void **state)
{
	char *big = malloc(4098);

	(void)state;
	assert_non_null(big);
	assert_null(jf_text_check(""));
	assert_null(jf_text_check("打扫院落"));
	assert_null(jf_text_check("a: b # c"));
	assert_null(jf_text_check("\"quoted\" \\ back"));
	assert_null(jf_text_check("\xf0\x9f\x98\x80 emoji"));
	assert_non_null(jf_text_check("tab\there"));
	assert_non_null(jf_text_check("line\nbreak"));
	assert_non_null(jf_text_check("cr\r"));
	assert_non_null(jf_text_check("\x1b[31m"));
	assert_non_null(jf_text_check("del\x7f"));
	assert_non_null(jf_text_check("bad \xff utf-8"));
	assert_non_null(jf_text_check("cut \xe5\x8f"));
	assert_non_null(jf_text_check("\xc0\xaf overlong"));
	assert_non_null(jf_text_check("\xed\xa0\x80 surrogate"));
	/* 4096 bytes is the most */
	memset(big, 'n', 4097);
	big[4096] = '\0';
	assert_null(jf_text_check(big));
	big[4096] = 'n';
	big[4097] = '\0';
	assert_non_null(jf_text_check(big));
	/* ...in bytes: 1365 three-byte characters are 4095 bytes */
	big[0] = '\0';
	for (int i = 0; i < 1365; i++)
		strcat(big + i * 3, "霞");
	assert_null(jf_text_check(big));
	free(big);
}

/* Regression (was a bug): jf_text_check() lets C1 control characters (U+0080..U+009F, e.g.
 * NEL "\xC2\x85") through, but every reader refuses them (yread:
 * "control character U+0085 is not allowed"), so `jf-add -n $'\u0085' ...`
 * appends an entry that makes the whole book invalid.  Expected: non-NULL
 * ("contains a control character"); got NULL. */
static void test_text_check_c1(void **state)
{
	(void)state;
	assert_non_null(jf_text_check("a\xc2\x85" "b"));
	assert_non_null(jf_text_check("\xc2\x9b" "31m"));
}

/* ---- commits to a scratch book ---- */

static const char jf_yaml[] =
	"township: 龙渠乡\ntimezone: Asia/Shanghai\nvillages:\n"
	"  - {code: XB, name: 下堡村}\n  - {code: LQ, name: 龙渠村}\n";
static const char catalogue_yaml[] =
	"activities:\n"
	"  - {code: clean-yard, name: 庭院整洁, category: 环卫整治, points: 5, limit: 1/week}\n"
	"  - {code: litter, name: 乱扔垃圾, category: 环卫整治, points: -5}\n"
	"  - {code: old-rule, name: 旧规则, category: 公益活动, points: 1, until: 2025-12-31}\n"
	"  - {code: help, name: 帮扶, category: 公益活动, points: 2.5}\n"
	"goods:\n"
	"  - {code: washing-powder, name: 洗衣粉, unit: 袋, points: 10, stock: true}\n"
	"  - {code: soap, name: 肥皂, unit: 块, points: 3}\n";
static const char households_yaml[] =
	"households:\n"
	"  - {id: XB-017, head: 司学霞, village: XB}\n"
	"  - {id: LQ-001, head: 李明, village: LQ}\n"
	"  - {id: XB-002, head: 王芳, village: XB, since: 2026-06-01}\n"
	"  - {id: XB-003, head: 张三, village: XB, until: 2026-06-30}\n";

#define NOW "2026-11-28T10:15:02+08:00"
#define XBFILE "ledger/2026/XB.yaml"
#define SEED "ledger/0-empty.yaml"

struct fix {
	char *dir;
	struct jf_book book;
	struct jf_diags d;
	struct jf_txn_result res;
	bool have_res;
};

static int setup(void **state)
{
	struct fix *fx = calloc(1, sizeof *fx);

	if (!fx)
		return -1;
	fx->dir = strdup("/tmp/jf-test-txn-XXXXXX");
	if (!fx->dir || !mkdtemp(fx->dir))
		return -1;
	put(fx->dir, "jf.yaml", jf_yaml);
	put(fx->dir, "catalogue.yaml", catalogue_yaml);
	put(fx->dir, "households.yaml", households_yaml);
	if (jf_book_open(&fx->book, fx->dir, &fx->d) != JF_OK)
		return -1;
	/* an empty ledger file: see test_fresh_book for a book without any */
	put(fx->dir, SEED, "");
	setenv("JF_NOW", NOW, 1);
	*state = fx;
	return 0;
}

static int teardown(void **state)
{
	struct fix *fx = *state;
	int rc;

	unsetenv("JF_NOW");
	if (fx->have_res)
		jf_txn_result_release(&fx->res);
	jf_diags_release(&fx->d);
	jf_book_release(&fx->book);
	rc = nftw(fx->dir, rm_one, 16, FTW_DEPTH | FTW_PHYS);
	free(fx->dir);
	free(fx);
	return rc;
}

static struct jf_txn req(enum jf_kind k)
{
	struct jf_txn t;
	memset(&t, 0, sizeof t);
	t.kind = k;
	t.by = "baiyang";
	t.date = JF_DATE_NONE;
	t.wait_ms = 1000;
	return t;
}

/* Commit t; the result stays in fx->res until the next commit. */
static enum jf_status commit(struct fix *fx, const struct jf_txn *t)
{
	if (fx->have_res)
		jf_txn_result_release(&fx->res);
	jf_diags_release(&fx->d);
	fx->have_res = true;
	return jf_txn_commit(&fx->book, t, &fx->res, &fx->d);
}

static enum jf_status do_earn(struct fix *fx, const char *hh, const char *act, int64_t qty)
{
	struct jf_txn t = req(JF_EARN);
	t.household = hh;
	t.code = act;
	t.qty = qty;
	return commit(fx, &t);
}

static enum jf_status do_adjust(struct fix *fx, const char *hh, jf_points p)
{
	struct jf_txn t = req(JF_ADJUST);
	t.household = hh;
	t.points = p;
	t.reason = "opening balance";
	return commit(fx, &t);
}

static enum jf_status do_restock(struct fix *fx, const char *v, const char *item, int64_t qty)
{
	struct jf_txn t = req(JF_RESTOCK);
	t.village = v;
	t.code = item;
	t.qty = qty;
	return commit(fx, &t);
}

static enum jf_status do_redeem(struct fix *fx, const char *hh, const char *item, int64_t qty)
{
	struct jf_txn t = req(JF_REDEEM);
	t.household = hh;
	t.code = item;
	t.qty = qty;
	return commit(fx, &t);
}

static enum jf_status do_void(struct fix *fx, const char *ref)
{
	struct jf_txn t = req(JF_VOID);
	t.ref = ref;
	t.reason = "录错了";
	return commit(fx, &t);
}

/* The diagnostics must hold a message containing want. */
static void diag_has(const struct fix *fx, const char *want)
{
	for (size_t i = 0; i < fx->d.n; i++)
		if (strstr(fx->d.v[i].msg, want))
			return;
	struct jf_buf m = JF_BUF_INIT;
	jf_diags_format(&fx->d, "got", &m);
	print_error("want ...%s...\n%s", want, m.s);
	jf_buf_release(&m);
	fail();
}

/* want with every "{id}" replaced by the new entry's id. */
static void expand(const struct fix *fx, const char *want, struct jf_buf *out)
{
	const char *p;
	while ((p = strstr(want, "{id}"))) {
		jf_buf_add(out, want, (size_t)(p - want));
		jf_buf_adds(out, fx->res.id);
		want = p + 4;
	}
	jf_buf_adds(out, want);
}

static void text_is(const struct fix *fx, const char *want)
{
	struct jf_buf w = JF_BUF_INIT, got = JF_BUF_INIT;
	expand(fx, want, &w);
	jf_txn_result_text(&fx->book, &fx->res, &got);
	assert_string_equal(got.s, w.s);
	jf_buf_release(&w);
	jf_buf_release(&got);
}

static void json_is(const struct fix *fx, const char *want)
{
	struct jf_buf w = JF_BUF_INIT, got = JF_BUF_INIT;
	expand(fx, want, &w);
	jf_txn_result_json(&fx->book, &fx->res, &got);
	assert_string_equal(got.s, w.s);
	jf_buf_release(&w);
	jf_buf_release(&got);
}

static void test_earn(void **state)
{
	struct fix *fx = *state;
	struct jf_buf file = JF_BUF_INIT, want = JF_BUF_INIT;

	assert_int_equal(do_earn(fx, "XB-017", "clean-yard", 1), JF_OK);
	assert_int_equal(fx->d.n, 0);
	const struct jf_txn_result *r = &fx->res;
	assert_int_equal(strlen(r->id), JF_ID_LEN);
	assert_true(jf_id_valid(r->id));
	assert_string_equal(r->file.s, XBFILE);
	assert_int_equal(r->kind, JF_EARN);
	assert_int_equal(r->date, day("2026-11-28")); /* today, from JF_NOW */
	assert_int_equal(r->household, 0);
	assert_int_equal(r->village, 0);
	assert_int_equal(r->activity, 0);
	assert_int_equal(r->item, -1);
	assert_int_equal(r->qty, 1);
	assert_true(r->points == 500);
	assert_true(r->balance == 500);
	assert_false(r->has_stock);
	assert_false(r->dry_run);
	jf_buf_addf(&want, "- id: %s\n  date: 2026-11-28\n  at: " NOW "\n  kind: earn\n"
		    "  household: XB-017\n  activity: clean-yard\n  qty: 1\n  points: 5\n"
		    "  by: baiyang\n", r->id);
	assert_string_equal(r->text.s, want.s);
	assert_true(slurp(fx->dir, XBFILE, &file));
	assert_string_equal(file.s, want.s);
	text_is(fx, "earn XB-017 司学霞 clean-yard x1 +5, balance 5, id {id}\n");
	json_is(fx, "{\"id\":\"{id}\",\"kind\":\"earn\",\"date\":\"2026-11-28\","
		"\"household\":\"XB-017\",\"head\":\"司学霞\",\"village\":\"XB\","
		"\"activity\":\"clean-yard\",\"qty\":1,\"points\":5,\"balance\":5,"
		"\"file\":\"ledger/2026/XB.yaml\",\"dry_run\":false}\n");

	/* a second one appends after the first, never touching it */
	jf_buf_reset(&want);
	jf_buf_add(&want, file.s, file.len);
	assert_int_equal(do_earn(fx, "XB-017", "help", 3), JF_OK);
	assert_true(fx->res.points == 750);
	assert_true(fx->res.balance == 1250);
	text_is(fx, "earn XB-017 司学霞 help x3 +7.5, balance 12.5, id {id}\n");
	jf_buf_add(&want, fx->res.text.s, fx->res.text.len);
	assert_true(slurp(fx->dir, XBFILE, &file));
	assert_string_equal(file.s, want.s);

	/* a deduction */
	assert_int_equal(do_earn(fx, "XB-017", "litter", 1), JF_OK);
	assert_true(fx->res.points == -500);
	assert_true(fx->res.balance == 750);
	text_is(fx, "earn XB-017 司学霞 litter x1 -5, balance 7.5, id {id}\n");
	jf_buf_release(&file);
	jf_buf_release(&want);
}

/* What a writer appends is read back as written. */
static enum jf_status keep_last(void *ctx, const struct jf_entry *e)
{
	struct jf_buf *b = ctx;
	jf_buf_reset(b);
	jf_buf_addf(b, "%s|%s|%s|%s|%s|%s|%s", jf_kind_name(e->kind), e->id, e->at ? e->at : "-",
		    e->note ? e->note : "-", e->reason ? e->reason : "-", e->by, e->file);
	return JF_OK;
}

static void test_read_back(void **state)
{
	struct fix *fx = *state;
	struct jf_txn t = req(JF_ADJUST);
	struct jf_buf got = JF_BUF_INIT, want = JF_BUF_INIT;
	struct jf_scan s;

	t.household = "LQ-001";
	t.points = -25;
	t.reason = "note: \"quoted\" #1";
	t.note = "- a note";
	t.by = "白杨";
	t.date = day("2025-12-30");
	assert_int_equal(commit(fx, &t), JF_OK);
	/* the file follows the entry's date */
	assert_string_equal(fx->res.file.s, "ledger/2025/LQ.yaml");
	text_is(fx, "adjust LQ-001 李明 -0.25, balance -0.25, id {id}\n");
	jf_scan_init(&s);
	assert_int_equal(jf_ledger_scan(&s, &fx->book, keep_last, &got, &fx->d), JF_OK);
	jf_buf_addf(&want, "adjust|%s|" NOW "|- a note|note: \"quoted\" #1|白杨|ledger/2025/LQ.yaml",
		    fx->res.id);
	assert_string_equal(got.s, want.s);
	jf_scan_release(&s);
	jf_buf_release(&got);
	jf_buf_release(&want);
}

static void test_dry_run(void **state)
{
	struct fix *fx = *state;
	struct jf_buf before = JF_BUF_INIT, after = JF_BUF_INIT;
	struct jf_txn t = req(JF_EARN);

	/* dry run to a file that does not exist: nothing is created */
	t.household = "XB-017";
	t.code = "clean-yard";
	t.qty = 1;
	t.dry_run = true;
	assert_int_equal(commit(fx, &t), JF_OK);
	assert_true(fx->res.dry_run);
	assert_true(fx->res.text.len > 0);
	assert_string_equal(fx->res.file.s, XBFILE);
	assert_false(exists(fx->dir, "ledger/2026"));
	text_is(fx, "dry run, nothing written: earn XB-017 司学霞 clean-yard x1 +5, balance 5, id {id}\n");
	json_is(fx, "{\"id\":\"{id}\",\"kind\":\"earn\",\"date\":\"2026-11-28\","
		"\"household\":\"XB-017\",\"head\":\"司学霞\",\"village\":\"XB\","
		"\"activity\":\"clean-yard\",\"qty\":1,\"points\":5,\"balance\":5,"
		"\"file\":\"ledger/2026/XB.yaml\",\"dry_run\":true}\n");

	/* dry run to an existing file: its bytes stay as they were */
	assert_int_equal(do_adjust(fx, "XB-017", 10000), JF_OK);
	assert_true(slurp(fx->dir, XBFILE, &before));
	t.dry_run = true;
	assert_int_equal(commit(fx, &t), JF_OK);
	assert_true(fx->res.balance == 10500);
	assert_true(slurp(fx->dir, XBFILE, &after));
	assert_int_equal(after.len, before.len);
	assert_string_equal(after.s, before.s);
	/* every kind */
	struct jf_txn r = req(JF_RESTOCK);
	r.village = "XB";
	r.code = "washing-powder";
	r.qty = 5;
	r.dry_run = true;
	assert_int_equal(commit(fx, &r), JF_OK);
	assert_true(fx->res.has_stock);
	assert_int_equal(fx->res.stock, 5);
	assert_int_equal(do_restock(fx, "XB", "washing-powder", 5), JF_OK);
	assert_true(slurp(fx->dir, XBFILE, &before));
	struct jf_txn rd = req(JF_REDEEM);
	rd.household = "XB-017";
	rd.code = "washing-powder";
	rd.qty = 2;
	rd.dry_run = true;
	assert_int_equal(commit(fx, &rd), JF_OK);
	assert_int_equal(fx->res.stock, 3);
	assert_true(slurp(fx->dir, XBFILE, &after));
	assert_string_equal(after.s, before.s);
	jf_buf_release(&before);
	jf_buf_release(&after);
}

static void test_redeem_restock(void **state)
{
	struct fix *fx = *state;
	struct jf_buf before = JF_BUF_INIT, after = JF_BUF_INIT;

	/* nothing to spend */
	assert_int_equal(do_redeem(fx, "XB-017", "soap", 1), JF_REFUSED);
	diag_has(fx, "balance short: XB-017 has 0, 1 x soap costs 3");
	assert_false(exists(fx->dir, XBFILE));

	assert_int_equal(do_adjust(fx, "XB-017", 10000), JF_OK);
	text_is(fx, "adjust XB-017 司学霞 +100, balance 100, id {id}\n");
	assert_true(slurp(fx->dir, XBFILE, &before));
	/* no stock yet in the XB shop */
	assert_int_equal(do_redeem(fx, "XB-017", "washing-powder", 2), JF_REFUSED);
	diag_has(fx, "stock short: the XB shop has 0 of 'washing-powder', 2 asked");
	/* stock of the LQ shop is not XB's */
	assert_int_equal(do_restock(fx, "LQ", "washing-powder", 10), JF_OK);
	text_is(fx, "restock LQ washing-powder x10, stock 10, id {id}\n");
	assert_string_equal(fx->res.file.s, "ledger/2026/LQ.yaml");
	assert_int_equal(do_redeem(fx, "XB-017", "washing-powder", 2), JF_REFUSED);
	assert_int_equal(do_restock(fx, "XB", "washing-powder", 10), JF_OK);
	json_is(fx, "{\"id\":\"{id}\",\"kind\":\"restock\",\"date\":\"2026-11-28\","
		"\"village\":\"XB\",\"item\":\"washing-powder\",\"qty\":10,\"stock\":10,"
		"\"file\":\"ledger/2026/XB.yaml\",\"dry_run\":false}\n");
	assert_int_equal(do_redeem(fx, "XB-017", "washing-powder", 2), JF_OK);
	assert_true(fx->res.points == -2000);
	assert_true(fx->res.balance == 8000);
	assert_true(fx->res.has_stock);
	assert_int_equal(fx->res.stock, 8);
	text_is(fx, "redeem XB-017 司学霞 washing-powder x2 -20, balance 80, stock 8, id {id}\n");
	/* more than the balance */
	assert_int_equal(do_redeem(fx, "XB-017", "washing-powder", 9), JF_REFUSED);
	diag_has(fx, "balance short");
	/* untracked goods need no stock */
	assert_int_equal(do_redeem(fx, "XB-017", "soap", 3), JF_OK);
	assert_false(fx->res.has_stock);
	assert_true(fx->res.balance == 7100);
	/* write-offs, but not below zero */
	assert_int_equal(do_restock(fx, "XB", "washing-powder", -9), JF_REFUSED);
	diag_has(fx, "cannot write off 9 of 'washing-powder': the XB shop has 8");
	assert_int_equal(do_restock(fx, "XB", "washing-powder", -8), JF_OK);
	assert_int_equal(fx->res.stock, 0);
	/* untracked goods are not restocked */
	assert_int_equal(do_restock(fx, "XB", "soap", 5), JF_REFUSED);
	diag_has(fx, "stock of 'soap' is not tracked");
	jf_buf_release(&before);
	jf_buf_release(&after);
}

static void test_void(void **state)
{
	struct fix *fx = *state;
	char redeem_id[JF_ID_LEN + 1], adjust_id[JF_ID_LEN + 1], void_id[JF_ID_LEN + 1];
	char restock_id[JF_ID_LEN + 1];
	struct jf_buf want = JF_BUF_INIT;

	assert_int_equal(do_adjust(fx, "XB-017", 10000), JF_OK);
	memcpy(adjust_id, fx->res.id, sizeof adjust_id);
	assert_int_equal(do_restock(fx, "XB", "washing-powder", 10), JF_OK);
	memcpy(restock_id, fx->res.id, sizeof restock_id);
	assert_int_equal(do_redeem(fx, "XB-017", "washing-powder", 2), JF_OK);
	memcpy(redeem_id, fx->res.id, sizeof redeem_id);

	assert_int_equal(do_void(fx, redeem_id), JF_OK);
	memcpy(void_id, fx->res.id, sizeof void_id);
	const struct jf_txn_result *r = &fx->res;
	assert_int_equal(r->kind, JF_VOID);
	assert_int_equal(r->ref_kind, JF_REDEEM);
	assert_string_equal(r->ref, redeem_id);
	assert_true(r->points == 2000);
	assert_true(r->balance == 10000);
	assert_true(r->has_stock);
	assert_int_equal(r->stock, 10);
	jf_buf_addf(&want, "- id: %s\n  date: 2026-11-28\n  at: " NOW "\n  kind: void\n"
		    "  ref: %s\n  reason: 录错了\n  by: baiyang\n", r->id, redeem_id);
	assert_string_equal(r->text.s, want.s);
	jf_buf_reset(&want);
	jf_buf_addf(&want, "void %s (redeem) XB-017 司学霞 +20, balance 100, stock 10, id {id}\n",
		    redeem_id);
	text_is(fx, want.s);

	/* once only; never a void; never an unknown id */
	assert_int_equal(do_void(fx, redeem_id), JF_REFUSED);
	diag_has(fx, "is already voided");
	assert_int_equal(do_void(fx, void_id), JF_REFUSED);
	diag_has(fx, "a void cannot be voided");
	assert_int_equal(do_void(fx, "01K0000000000000000000000Z"), JF_REFUSED);
	diag_has(fx, "no entry with id '01K0000000000000000000000Z'");

	/* a void of an adjustment, of a restock */
	assert_int_equal(do_void(fx, adjust_id), JF_OK);
	assert_int_equal(fx->res.ref_kind, JF_ADJUST);
	assert_true(fx->res.balance == 0);
	assert_int_equal(do_void(fx, restock_id), JF_OK);
	assert_int_equal(fx->res.ref_kind, JF_RESTOCK);
	assert_int_equal(fx->res.household, -1);
	assert_int_equal(fx->res.stock, 0);
	jf_buf_reset(&want);
	jf_buf_addf(&want, "void %s (restock), stock 0, id {id}\n", restock_id);
	text_is(fx, want.s);

	/* a reason is required */
	struct jf_txn t = req(JF_VOID);
	t.ref = adjust_id;
	assert_int_equal(commit(fx, &t), JF_USAGE);
	diag_has(fx, "a reason is required");
	jf_buf_release(&want);
}

static void test_limit(void **state)
{
	struct fix *fx = *state;
	char first[JF_ID_LEN + 1];
	struct jf_txn t = req(JF_EARN);

	/* clean-yard: at most 1 per ISO week (2026-11-23 .. 2026-11-29) */
	assert_int_equal(do_earn(fx, "XB-017", "clean-yard", 1), JF_OK);
	memcpy(first, fx->res.id, sizeof first);
	assert_int_equal(do_earn(fx, "XB-017", "clean-yard", 1), JF_REFUSED);
	diag_has(fx, "limit reached: 'clean-yard' is at most 1 per week, and XB-017 has 1 in that week");
	/* another household has its own count; qty counts, not entries */
	assert_int_equal(do_earn(fx, "LQ-001", "clean-yard", 2), JF_REFUSED);
	t.household = "XB-017";
	t.code = "clean-yard";
	t.qty = 1;
	t.date = day("2026-11-23"); /* Monday, same week */
	assert_int_equal(commit(fx, &t), JF_REFUSED);
	t.date = day("2026-11-22"); /* Sunday before: another week */
	assert_int_equal(commit(fx, &t), JF_OK);
	/* a voided earning no longer counts */
	assert_int_equal(do_void(fx, first), JF_OK);
	assert_int_equal(do_earn(fx, "XB-017", "clean-yard", 1), JF_OK);
}

/* Several requests, one write: each checked as if the ones before it were
 * appended; one refusal and nothing is written. */
static void test_many(void **state)
{
	struct fix *fx = *state;
	struct jf_txn t[4];
	struct jf_txn_result r[4];
	struct jf_buf before = JF_BUF_INIT, after = JF_BUF_INIT;

	assert_int_equal(do_adjust(fx, "XB-017", 10000), JF_OK);
	assert_int_equal(do_restock(fx, "XB", "washing-powder", 3), JF_OK);
	assert_true(slurp(fx->dir, XBFILE, &before));
	for (int i = 0; i < 4; i++)
		t[i] = req(JF_EARN);
	/* the limit counts the batch's earlier rows: row 3 is refused, and so
	 * is row 4 (stock), each named by its row; nothing is appended */
	t[0].household = "XB-017"; t[0].code = "help"; t[0].qty = 2;
	t[1].household = "XB-017"; t[1].code = "clean-yard"; t[1].qty = 1;
	t[2].household = "XB-017"; t[2].code = "clean-yard"; t[2].qty = 1;
	t[3].kind = JF_REDEEM;
	t[3].household = "XB-017"; t[3].code = "washing-powder"; t[3].qty = 4;
	for (int i = 0; i < 4; i++) {
		t[i].src = "sheet.csv";
		t[i].src_line = (unsigned long)i + 2;
	}
	jf_diags_release(&fx->d);
	assert_int_equal(jf_txn_commit_many(&fx->book, t, 4, r, &fx->d), JF_REFUSED);
	for (int i = 0; i < 4; i++)
		jf_txn_result_release(&r[i]);
	assert_int_equal(fx->d.n, 2);
	assert_string_equal(fx->d.v[0].file, "sheet.csv");
	assert_int_equal(fx->d.v[0].line, 4);
	diag_has(fx, "limit reached: 'clean-yard' is at most 1 per week, and XB-017 has 1 in that week");
	assert_int_equal(fx->d.v[1].line, 5);
	diag_has(fx, "stock short: the XB shop has 3 of 'washing-powder', 4 asked");
	assert_true(slurp(fx->dir, XBFILE, &after));
	assert_string_equal(before.s, after.s);

	/* the balance counts them too: 100 + 5 + 5 - 30 - 3 */
	t[2] = t[3];
	t[2].code = "washing-powder"; t[2].qty = 3;
	t[3] = t[2];
	t[3].code = "soap"; t[3].qty = 1;
	t[0].code = "help"; t[0].qty = 2;
	jf_diags_release(&fx->d);
	assert_int_equal(jf_txn_commit_many(&fx->book, t, 4, r, &fx->d), JF_OK);
	assert_true(r[3].balance == 11000 - 3000 - 300);
	assert_true(r[2].has_stock && r[2].stock == 0);
	/* all four in one file, in order, after what was there */
	assert_true(slurp(fx->dir, XBFILE, &after));
	assert_int_equal(strncmp(after.s, before.s, before.len), 0);
	struct jf_buf want = JF_BUF_INIT;
	for (int i = 0; i < 4; i++) {
		assert_string_equal(r[i].file.s, XBFILE);
		jf_buf_add(&want, r[i].text.s, r[i].text.len);
	}
	assert_string_equal(after.s + before.len, want.s);
	jf_buf_release(&want);

	/* a follow-up of the same target twice in one batch: the second sees
	 * the first */
	struct jf_txn v[2] = { req(JF_VOID), req(JF_VOID) };
	char id[JF_ID_LEN + 1];
	memcpy(id, r[0].id, sizeof id);
	for (int i = 0; i < 4; i++)
		jf_txn_result_release(&r[i]);
	v[0].ref = v[1].ref = id;
	v[0].reason = v[1].reason = "录错了";
	jf_buf_release(&before);
	assert_true(slurp(fx->dir, XBFILE, &before));
	jf_diags_release(&fx->d);
	assert_int_equal(jf_txn_commit_many(&fx->book, v, 2, r, &fx->d), JF_REFUSED);
	diag_has(fx, "already voided");
	jf_txn_result_release(&r[0]);
	jf_txn_result_release(&r[1]);
	jf_buf_release(&after);
	assert_true(slurp(fx->dir, XBFILE, &after));
	assert_string_equal(before.s, after.s);
	jf_buf_release(&before);
	jf_buf_release(&after);
}

static void test_refusals(void **state)
{
	struct fix *fx = *state;
	struct jf_buf before = JF_BUF_INIT, after = JF_BUF_INIT, big = JF_BUF_INIT;
	struct jf_txn t;

	assert_int_equal(do_adjust(fx, "XB-017", 100), JF_OK);
	assert_true(slurp(fx->dir, XBFILE, &before));

	assert_int_equal(do_earn(fx, "XB-999", "clean-yard", 1), JF_REFUSED);
	diag_has(fx, "unknown household 'XB-999'");
	assert_int_equal(do_earn(fx, "XB-017", "tv", 1), JF_REFUSED);
	diag_has(fx, "unknown activity 'tv'");
	assert_int_equal(do_redeem(fx, "XB-017", "tv", 1), JF_REFUSED);
	diag_has(fx, "unknown item 'tv'");
	assert_int_equal(do_restock(fx, "ZZ", "washing-powder", 1), JF_REFUSED);
	diag_has(fx, "unknown village 'ZZ'");
	/* the rule's window */
	assert_int_equal(do_earn(fx, "XB-017", "old-rule", 1), JF_REFUSED);
	diag_has(fx, "rule 'old-rule' is not valid on 2026-11-28");
	/* the account's window */
	t = req(JF_EARN);
	t.household = "XB-002";
	t.code = "litter";
	t.qty = 1;
	t.date = day("2026-05-31");
	assert_int_equal(commit(fx, &t), JF_REFUSED);
	diag_has(fx, "the account of XB-002 opens on 2026-06-01");
	assert_int_equal(do_earn(fx, "XB-003", "litter", 1), JF_REFUSED);
	diag_has(fx, "the account of XB-003 was closed on 2026-06-30");
	/* a future date (today is 2026-11-28 in Asia/Shanghai) */
	t = req(JF_EARN);
	t.household = "XB-017";
	t.code = "litter";
	t.qty = 1;
	t.date = day("2026-11-29");
	assert_int_equal(commit(fx, &t), JF_USAGE);
	diag_has(fx, "date 2026-11-29 is in the future (today is 2026-11-28 in Asia/Shanghai)");
	/* free text */
	t.date = JF_DATE_NONE;
	t.note = "two\nlines";
	assert_int_equal(commit(fx, &t), JF_USAGE);
	diag_has(fx, "the note contains a control character");
	t.note = NULL;
	t.by = "";
	assert_int_equal(commit(fx, &t), JF_USAGE);
	diag_has(fx, "no operator name");
	t.by = NULL;
	assert_int_equal(commit(fx, &t), JF_USAGE);
	t.by = "bad\xff";
	assert_int_equal(commit(fx, &t), JF_USAGE);
	diag_has(fx, "the operator name is not valid UTF-8");
	t.by = "baiyang";
	for (int i = 0; i < 4097; i++)
		jf_buf_addc(&big, 'n');
	t.note = big.s;
	assert_int_equal(commit(fx, &t), JF_USAGE);
	diag_has(fx, "the note is longer than 4096 bytes");
	t = req(JF_ADJUST);
	t.household = "XB-017";
	t.points = 100;
	assert_int_equal(commit(fx, &t), JF_USAGE);
	diag_has(fx, "a reason is required");
	t.reason = "";
	assert_int_equal(commit(fx, &t), JF_USAGE);
	/* overflow of points x qty */
	assert_int_equal(do_earn(fx, "XB-017", "litter", INT64_MAX / 10), JF_USAGE);
	diag_has(fx, "overflow");

	/* nothing of any of these was written */
	assert_true(slurp(fx->dir, XBFILE, &after));
	assert_string_equal(after.s, before.s);
	assert_false(exists(fx->dir, "ledger/2026/LQ.yaml"));
	jf_buf_release(&before);
	jf_buf_release(&after);
	jf_buf_release(&big);
}

static void test_bad_now(void **state)
{
	struct fix *fx = *state;

	setenv("JF_NOW", "yesterday", 1);
	assert_int_equal(do_earn(fx, "XB-017", "litter", 1), JF_USAGE);
	diag_has(fx, "JF_NOW");
	setenv("JF_NOW", "", 1);
	assert_int_equal(do_earn(fx, "XB-017", "litter", 1), JF_USAGE);
	/* the time zone decides "today": 23:30 UTC is the next day in Shanghai */
	setenv("JF_NOW", "2026-11-28T23:30:00Z", 1);
	assert_int_equal(do_earn(fx, "XB-017", "litter", 1), JF_OK);
	assert_int_equal(fx->res.date, day("2026-11-29"));
	assert_non_null(strstr(fx->res.text.s, "  at: 2026-11-29T07:30:00+08:00\n"));
	setenv("JF_NOW", NOW, 1);
}

/* A book whose ledger is invalid takes nothing, and says why. */
static void test_invalid_book(void **state)
{
	struct fix *fx = *state;
	struct jf_buf before = JF_BUF_INIT, after = JF_BUF_INIT;

	assert_int_equal(do_adjust(fx, "XB-017", 10000), JF_OK);
	/* a cut-short tail */
	assert_true(slurp(fx->dir, XBFILE, &before));
	jf_buf_adds(&before, "- id: CUT\n  date: 2026-11-28\n  kind: adjust\n  household: XB-017\n");
	put(fx->dir, XBFILE, before.s);
	assert_int_equal(do_earn(fx, "XB-017", "litter", 1), JF_INVALID);
	diag_has(fx, "the last entry is cut short");
	diag_has(fx, "the book is invalid; nothing was recorded (see 'jf-check')");
	assert_true(slurp(fx->dir, XBFILE, &after));
	assert_string_equal(after.s, before.s);
	/* the file the entry would go to does not matter */
	assert_int_equal(do_earn(fx, "LQ-001", "litter", 1), JF_INVALID);
	assert_false(exists(fx->dir, "ledger/2026/LQ.yaml"));
	/* a dry run says the same */
	struct jf_txn t = req(JF_EARN);
	t.household = "XB-017";
	t.code = "litter";
	t.qty = 1;
	t.dry_run = true;
	assert_int_equal(commit(fx, &t), JF_INVALID);
	jf_buf_release(&before);
	jf_buf_release(&after);
}

/* While another writer holds the lock, a commit gives up after its wait. */
static void test_locked(void **state)
{
	struct fix *fx = *state;
	struct jf_lock l;
	struct jf_diags d = JF_DIAGS_INIT;
	struct jf_txn t = req(JF_EARN);

	assert_int_equal(jf_lock_take(&l, fx->dir, 0, &d), JF_OK);
	t.household = "XB-017";
	t.code = "litter";
	t.qty = 1;
	t.wait_ms = 0;
	assert_int_equal(commit(fx, &t), JF_SYSTEM);
	assert_true(fx->d.n >= 1);
	assert_false(exists(fx->dir, XBFILE));
	t.wait_ms = 200;
	assert_int_equal(commit(fx, &t), JF_SYSTEM);
	jf_lock_release(&l);
	assert_int_equal(commit(fx, &t), JF_OK);
	assert_true(exists(fx->dir, XBFILE));
	/* the private directory keeps itself out of git */
	assert_true(exists(fx->dir, ".jf/.gitignore"));
	jf_diags_release(&d);
}

/* Regression (was a bug): the first entry of a fresh book (no ledger/ directory yet) makes
 * jf_ledger_scan() call qsort(NULL, 0, ...): UBSan reports "null pointer
 * passed as argument 1" in lib/ledger.c and a SANITIZE=address,undefined
 * build aborts.  Expected: JF_OK and ledger/2026/XB.yaml created. */
static void test_fresh_book(void **state)
{
	struct fix *fx = *state;
	struct jf_buf p = JF_BUF_INIT;

	jf_buf_addf(&p, "%s/" SEED, fx->dir);
	assert_int_equal(unlink(p.s), 0);
	jf_buf_reset(&p);
	jf_buf_addf(&p, "%s/ledger", fx->dir);
	assert_int_equal(rmdir(p.s), 0);
	assert_int_equal(do_earn(fx, "XB-017", "clean-yard", 1), JF_OK);
	assert_true(exists(fx->dir, XBFILE));
	jf_buf_release(&p);
}

/* Regression (was a bug): see test_text_check_c1: a note with U+0085 is accepted and appended,
 * and then the book no longer reads. */
static void test_c1_note_breaks_book(void **state)
{
	struct fix *fx = *state;
	struct jf_txn t = req(JF_EARN);

	t.household = "XB-017";
	t.code = "litter";
	t.qty = 1;
	t.note = "a\xc2\x85" "b";
	assert_int_equal(commit(fx, &t), JF_USAGE);
	assert_false(exists(fx->dir, XBFILE));
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_scalar_plain),
		cmocka_unit_test(test_scalar_quoted),
		cmocka_unit_test(test_scalar_round_trip),
		cmocka_unit_test(test_scalar_line_separators),
		cmocka_unit_test(test_text_check),
		cmocka_unit_test(test_text_check_c1),
		T(test_earn),
		T(test_read_back),
		T(test_dry_run),
		T(test_redeem_restock),
		T(test_void),
		T(test_limit),
		T(test_many),
		T(test_refusals),
		T(test_bad_now),
		T(test_invalid_book),
		T(test_locked),
		T(test_c1_note_breaks_book),
		T(test_fresh_book),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
