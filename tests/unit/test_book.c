/* test_book.c - reading a book's settings, catalogue and household register. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <ftw.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "book.h"
#include "buf.h"
#include "date.h"
#include "diag.h"

/* ---- scratch books ---- */

static const char jf_yaml[] =
	"township: 龙渠乡\n"
	"timezone: Asia/Shanghai\n"
	"villages:\n"
	"  - {code: XB, name: 下堡村}\n"
	"  - {code: LQ, name: 龙渠村}\n";

static const char catalogue_yaml[] =
	"activities:\n"
	"  - code: clean-yard\n"
	"    name: 庭院整洁\n"
	"    category: 环卫整治\n"
	"    points: 5\n"
	"    limit: 1/week\n"
	"  - {code: litter, name: 乱扔垃圾, category: 环卫整治, points: -5}\n"
	"  - {code: volunteer, name: 志愿服务, category: 志愿服务, points: 2.5,\n"
	"     since: 2026-01-01, until: 2026-12-31, limit: 3/month}\n"
	"goods:\n"
	"  - {code: washing-powder, name: 洗衣粉, unit: 袋, points: 10, stock: true}\n"
	"  - {code: soap, name: 肥皂, unit: 块, points: 3}\n"
	"  - {code: oil, name: 食用油, unit: 桶, points: 45.5, stock: false}\n";

static const char households_yaml[] =
	"households:\n"
	"  - {id: XB-017, head: 司学霞, village: XB}\n"
	"  - {id: LQ-001, head: 李明, village: LQ, since: 2023-01-01}\n"
	"  - {id: XB-002, head: 王芳, village: XB, until: 2026-06-30}\n";

static int rm_one(const char *p, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st; (void)flag; (void)ftw;
	return remove(p);
}

static int setup(void **state)
{
	char *dir = strdup("/tmp/jf-test-book-XXXXXX");
	if (!dir || !mkdtemp(dir)) {
		free(dir);
		return -1;
	}
	*state = dir;
	return 0;
}

static int teardown(void **state)
{
	char *dir = *state;
	int rc = nftw(dir, rm_one, 16, FTW_DEPTH | FTW_PHYS);
	free(dir);
	return rc;
}

static void put(const char *dir, const char *rel, const char *text)
{
	struct jf_buf p = JF_BUF_INIT;
	FILE *f;

	jf_buf_addf(&p, "%s/%s", dir, rel);
	f = fopen(p.s, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(text, 1, strlen(text), f), strlen(text));
	assert_int_equal(fclose(f), 0);
	jf_buf_release(&p);
}

/* The standard book, with any of the three files replaced (NULL: default). */
static void make_book(const char *dir, const char *jf, const char *cat, const char *hh)
{
	put(dir, "jf.yaml", jf ? jf : jf_yaml);
	put(dir, "catalogue.yaml", cat ? cat : catalogue_yaml);
	put(dir, "households.yaml", hh ? hh : households_yaml);
}

static jf_date day(const char *s)
{
	jf_date d;
	const char *why;
	assert_int_equal(jf_date_parse(s, &d, &why), 0);
	return d;
}

static void assert_released(const struct jf_book *b)
{
	static const struct jf_book zero;
	assert_memory_equal(b, &zero, sizeof zero);
}

/* ---- tests ---- */

static void test_open(void **state)
{
	const char *dir = *state;
	struct jf_book b;
	struct jf_diags d = JF_DIAGS_INIT;

	make_book(dir, NULL, NULL, NULL);
	assert_int_equal(jf_book_open(&b, dir, &d), JF_OK);
	assert_int_equal(d.n, 0);
	assert_string_equal(b.root, dir);
	assert_string_equal(b.township, "龙渠乡");
	assert_string_equal(b.timezone, "Asia/Shanghai");
	assert_string_equal(b.ledger_pattern, "ledger/{year}/{village}.yaml");
	assert_int_equal(b.low_stock, -1);
	assert_int_equal(b.lang, JF_LANG_EN);

	assert_int_equal(b.nvillages, 2);
	assert_string_equal(b.villages[1].code, "LQ");
	assert_string_equal(b.villages[1].name, "龙渠村");
	assert_int_equal(jf_book_village(&b, "XB"), 0);
	assert_int_equal(jf_book_village(&b, "LQ"), 1);
	assert_int_equal(jf_book_village(&b, "xb"), -1);

	assert_int_equal(b.nactivities, 3);
	const struct jf_activity *a = &b.activities[0];
	assert_string_equal(a->code, "clean-yard");
	assert_string_equal(a->name, "庭院整洁");
	assert_string_equal(a->category, "环卫整治");
	assert_true(a->points == 500);
	assert_int_equal(a->limit, 1);
	assert_int_equal(a->limit_per, JF_PER_WEEK);
	assert_int_equal(a->since, JF_DATE_NONE);
	assert_int_equal(a->until, JF_DATE_NONE);
	a = &b.activities[1];
	assert_true(a->points == -500);
	assert_int_equal(a->limit, 0);
	a = &b.activities[2];
	assert_true(a->points == 250);
	assert_int_equal(a->limit, 3);
	assert_int_equal(a->limit_per, JF_PER_MONTH);
	assert_int_equal(a->since, day("2026-01-01"));
	assert_int_equal(a->until, day("2026-12-31"));
	assert_int_equal(jf_book_activity(&b, "litter"), 1);
	assert_int_equal(jf_book_activity(&b, "tv"), -1);

	/* distinct categories, in the order met */
	assert_int_equal(b.ncategories, 2);
	assert_string_equal(b.categories[0], "环卫整治");
	assert_string_equal(b.categories[1], "志愿服务");
	assert_int_equal(b.activities[0].cat, 0);
	assert_int_equal(b.activities[1].cat, 0);
	assert_int_equal(b.activities[2].cat, 1);

	assert_int_equal(b.ngoods, 3);
	assert_string_equal(b.goods[0].unit, "袋");
	assert_true(b.goods[0].points == 1000);
	assert_true(b.goods[0].stock);
	assert_false(b.goods[1].stock);
	assert_false(b.goods[2].stock);
	assert_true(b.goods[2].points == 4550);
	assert_int_equal(jf_book_good(&b, "soap"), 1);
	assert_int_equal(jf_book_good(&b, "clean-yard"), -1);

	assert_int_equal(b.nhouseholds, 3);
	assert_string_equal(b.households[0].id, "XB-017");
	assert_string_equal(b.households[0].head, "司学霞");
	assert_int_equal(b.households[0].village, 0);
	assert_int_equal(b.households[1].village, 1);
	assert_int_equal(b.households[1].since, day("2023-01-01"));
	assert_int_equal(b.households[1].until, JF_DATE_NONE);
	assert_int_equal(b.households[2].until, day("2026-06-30"));
	assert_int_equal(jf_book_household(&b, "XB-002"), 2);
	assert_int_equal(jf_book_household(&b, "XB-01"), -1);

	jf_book_release(&b);
	assert_released(&b);
	jf_diags_release(&d);
}

static void test_optional_settings(void **state)
{
	const char *dir = *state;
	struct jf_book b;
	struct jf_diags d = JF_DIAGS_INIT;

	make_book(dir,
		  "township: 龙渠乡\ntimezone: UTC\nvillages: [{code: XB, name: 下堡村, x-note: old}]\n"
		  "ledger: ledger/{village}/{year}-{village}.yaml\nlow_stock: 5\nlang: zh\n"
		  "x-owner: township IT\n",
		  "activities:\n  - {code: a, name: A, category: C, points: 1, x-since-2020: yes}\n"
		  "goods:\n",
		  "households:\n  - {id: XB-1, head: H, village: XB}\nx-comment: fine\n");
	assert_int_equal(jf_book_open(&b, dir, &d), JF_OK);
	assert_int_equal(d.n, 0);
	assert_string_equal(b.timezone, "UTC");
	assert_string_equal(b.ledger_pattern, "ledger/{village}/{year}-{village}.yaml");
	assert_int_equal(b.low_stock, 5);
	assert_int_equal(b.lang, JF_LANG_ZH);
	assert_int_equal(b.ngoods, 0);

	struct jf_buf p = JF_BUF_INIT;
	jf_book_ledger_path(&b, 0, day("2026-11-28"), &p);
	assert_string_equal(p.s, "ledger/XB/2026-XB.yaml");
	jf_book_release(&b);
	jf_buf_release(&p);
}

static void test_ledger_path(void **state)
{
	const char *dir = *state;
	struct jf_book b;
	struct jf_diags d = JF_DIAGS_INIT;
	struct jf_buf p = JF_BUF_INIT;

	make_book(dir, NULL, NULL, NULL);
	assert_int_equal(jf_book_open(&b, dir, &d), JF_OK);
	jf_book_ledger_path(&b, 1, day("2026-11-28"), &p);
	assert_string_equal(p.s, "ledger/2026/LQ.yaml");
	jf_buf_reset(&p);
	jf_buf_adds(&p, "> ");
	jf_book_ledger_path(&b, 0, day("1999-01-01"), &p);
	assert_string_equal(p.s, "> ledger/1999/XB.yaml");
	jf_buf_release(&p);
	jf_book_release(&b);
}

static void test_settings_allow_cr(void **state)
{
	const char *dir = *state;
	struct jf_book b;
	struct jf_diags d = JF_DIAGS_INIT;

	make_book(dir, "township: T\r\ntimezone: UTC\r\nvillages:\r\n  - {code: XB, name: N}\r\n",
		  NULL, "households:\r\n  - {id: XB-1, head: H, village: XB}\r\n");
	assert_int_equal(jf_book_open(&b, dir, &d), JF_OK);
	assert_int_equal(d.n, 0);
	assert_string_equal(b.township, "T");
	assert_string_equal(b.households[0].head, "H");
	jf_book_release(&b);
}

static void test_date_within(void **state)
{
	(void)state;
	jf_date a = day("2026-01-01"), z = day("2026-12-31");
	assert_true(jf_date_within(a, a, z));
	assert_true(jf_date_within(z, a, z));
	assert_false(jf_date_within(a - 1, a, z));
	assert_false(jf_date_within(z + 1, a, z));
	assert_true(jf_date_within(a - 1000, JF_DATE_NONE, z));
	assert_true(jf_date_within(z + 1000, a, JF_DATE_NONE));
	assert_true(jf_date_within(0, JF_DATE_NONE, JF_DATE_NONE));
	assert_false(jf_date_within(z + 1, JF_DATE_NONE, z));
}

/* One problem: which file is replaced by what, and where the diagnostic
 * points. */
struct bad {
	int file; /* 0 jf.yaml, 1 catalogue.yaml, 2 households.yaml */
	const char *text;
	unsigned long line, col;
	const char *msg;
};

static const char *const file_names[] = { "jf.yaml", "catalogue.yaml", "households.yaml" };

static void expect_bad(const char *dir, const struct bad *c)
{
	struct jf_book b;
	struct jf_diags d = JF_DIAGS_INIT;
	bool found = false;

	make_book(dir, c->file == 0 ? c->text : NULL, c->file == 1 ? c->text : NULL,
		  c->file == 2 ? c->text : NULL);
	assert_int_equal(jf_book_open(&b, dir, &d), JF_INVALID);
	assert_released(&b);
	for (size_t i = 0; i < d.n; i++)
		if (d.v[i].file && !strcmp(d.v[i].file, file_names[c->file]) &&
		    d.v[i].line == c->line && d.v[i].col == c->col &&
		    !strcmp(d.v[i].msg, c->msg))
			found = true;
	if (!found) {
		struct jf_buf m = JF_BUF_INIT;
		jf_diags_format(&d, "got", &m);
		print_error("want %s:%lu:%lu: %s\n%s", file_names[c->file], c->line, c->col,
			    c->msg, m.s);
		jf_buf_release(&m);
	}
	assert_true(found);
	jf_diags_release(&d);
}

#define JF_HEAD "township: T\ntimezone: UTC\n"
#define CAT_HEAD "activities:\n  - {code: a, name: A, category: C, points: 1}\n"

#define BADPAT(pat, why) \
	{ 0, JF_HEAD "villages: [{code: XB, name: N}]\nledger: " pat "\n", 4, 9, \
	  "bad ledger pattern '" pat "': " why }

static const struct bad bad_settings[] = {
	{ 0, JF_HEAD "villages: [{code: XB, name: N}]\ncolour: red\n", 4, 1,
	  "unknown key 'colour' in jf.yaml" },
	{ 0, "township: T\nvillages: [{code: XB, name: N}]\n", 1, 1,
	  "jf.yaml has no 'timezone'" },
	{ 0, "timezone: UTC\nvillages: [{code: XB, name: N}]\n", 1, 1,
	  "jf.yaml has no 'township'" },
	{ 0, "township: T\ntimezone: Mars/Base\nvillages: [{code: XB, name: N}]\n", 2, 11,
	  "unknown time zone 'Mars/Base' (is tzdata installed?)" },
	{ 0, "township: T\ntimezone: ../../etc/passwd\nvillages: [{code: XB, name: N}]\n", 2, 11,
	  "unknown time zone '../../etc/passwd' (is tzdata installed?)" },
	{ 0, "township: ''\ntimezone: UTC\nvillages: [{code: XB, name: N}]\n", 1, 11,
	  "'township' is empty" },
	{ 0, JF_HEAD "villages:\n", 3, 10, "'villages' is empty" },
	{ 0, JF_HEAD "villages: XB\n", 3, 11, "'villages' must be a list" },
	{ 0, JF_HEAD "villages:\n  - {code: XB, name: A}\n  - {code: XB, name: B}\n", 5, 12,
	  "duplicate village 'XB'" },
	{ 0, JF_HEAD "villages:\n  - {code: X B, name: A}\n", 4, 12,
	  "bad village code 'X B' (letters, digits, '-', '_')" },
	{ 0, JF_HEAD "villages:\n  - {code: XB}\n", 4, 5, "a village has no 'name'" },
	{ 0, JF_HEAD "villages:\n  - XB\n", 4, 5, "a village must be a mapping" },
	{ 0, JF_HEAD "villages:\n  - {code: XB, name: N, size: 3}\n", 4, 25,
	  "unknown key 'size' in a village" },
	{ 0, JF_HEAD "villages: [{code: XB, name: N}]\nledger: ledger/{year}/{villag}.yaml\n", 4, 9,
	  "bad ledger pattern 'ledger/{year}/{villag}.yaml': only {year} and {village} may stand in braces" },
	{ 0, JF_HEAD "villages: [{code: XB, name: N}]\nledger: ../{village}.yaml\n", 4, 9,
	  "bad ledger pattern '../{village}.yaml': it must start with 'ledger/'" },
	{ 0, JF_HEAD "villages: [{code: XB, name: N}]\nledger: ledger/../x/{village}.yaml\n", 4, 9,
	  "bad ledger pattern 'ledger/../x/{village}.yaml': a name starts with '.', and readers skip such files and directories" },
	{ 0, JF_HEAD "villages: [{code: XB, name: N}]\nledger: ledger/{village}.yml\n", 4, 9,
	  "bad ledger pattern 'ledger/{village}.yml': the file name must end in '.yaml' (readers read no other files)" },
	/* patterns whose files the readers would never read */
	BADPAT("ledger/{year}/.{village}.yaml",
	       "a name starts with '.', and readers skip such files and directories"),
	BADPAT("ledger/.x/{year}/{village}.yaml",
	       "a name starts with '.', and readers skip such files and directories"),
	BADPAT("ledger/./{village}.yaml",
	       "a name starts with '.', and readers skip such files and directories"),
	BADPAT("ledger/.yaml", "a name starts with '.', and readers skip such files and directories"),
	BADPAT("ledger/{year}//{village}.yaml", "an empty directory name ('//')"),
	BADPAT("ledger//{village}.yaml", "an empty directory name ('//')"),
	BADPAT("ledger/{year}/", "it ends with '/'"),
	BADPAT("ledger/{year}/{village}.YAML",
	       "the file name must end in '.yaml' (readers read no other files)"),
	BADPAT("ledger/{year}/{village}.yaml.txt",
	       "the file name must end in '.yaml' (readers read no other files)"),
	BADPAT("ledger/{year}/{village}", "the file name must end in '.yaml' (readers read no other files)"),
	BADPAT("ledgers/{year}/{village}.yaml", "it must start with 'ledger/'"),
	BADPAT("./ledger/{village}.yaml", "it must start with 'ledger/'"),
	BADPAT("/ledger/{village}.yaml", "it must start with 'ledger/'"),
	BADPAT("ledger/a\\\\b/{village}.yaml", "a brace, backslash or control character"),
	BADPAT("ledger/1/2/3/4/5/6/7/8/9/10/11/12/13/14/15/16/17/{village}.yaml",
	       "more than 16 directories under ledger/ (readers go no deeper)"),
	{ 0, JF_HEAD "villages: [{code: XB, name: N}]\nlow_stock: -1\n", 4, 12,
	  "bad low_stock '-1': " },
	{ 0, JF_HEAD "villages: [{code: XB, name: N}]\nlang: fr\n", 4, 7,
	  "unknown lang 'fr' (en or zh)" },
	{ 0, JF_HEAD "township: U\nvillages: [{code: XB, name: N}]\n", 3, 1,
	  "duplicate key 'township'" },
	{ 0, "- township\n", 1, 1, "jf.yaml must be a mapping" },
};

static void test_bad_settings(void **state)
{
	for (size_t i = 0; i < sizeof bad_settings / sizeof *bad_settings; i++) {
		const struct bad *c = &bad_settings[i];
		if (!strcmp(c->msg, "bad low_stock '-1': ")) {
			/* the reason comes from jf_int_parse; match the start only */
			struct jf_book b;
			struct jf_diags d = JF_DIAGS_INIT;
			make_book(*state, c->text, NULL, NULL);
			assert_int_equal(jf_book_open(&b, *state, &d), JF_INVALID);
			assert_true(d.n >= 1);
			assert_string_equal(d.v[0].file, "jf.yaml");
			assert_int_equal(d.v[0].line, 4);
			assert_int_equal(d.v[0].col, 12);
			assert_memory_equal(d.v[0].msg, c->msg, strlen(c->msg));
			jf_diags_release(&d);
			continue;
		}
		expect_bad(*state, c);
	}
}

static const struct bad bad_catalogue[] = {
	{ 1, "activities:\n  - {code: Clean, name: A, category: C, points: 1}\n", 2, 12,
	  "bad activity code 'Clean' (a-z, 0-9, '-')" },
	{ 1, "activities:\n  - {code: a, name: A, category: C, points: 1.234}\n", 2, 45,
	  "bad points '1.234': more than two decimal places" },
	{ 1, "activities:\n  - {code: a, name: A, category: C, points: 0}\n", 2, 45,
	  "an activity's points must not be 0" },
	{ 1, "activities:\n  - {code: a, name: A, category: C, points: 1, limit: 2/fortnight}\n", 2, 55,
	  "bad limit '2/fortnight' (N/day, N/week, N/month, N/quarter or N/year)" },
	{ 1, "activities:\n  - {code: a, name: A, category: C, points: 1, limit: 0/week}\n", 2, 55,
	  "bad limit '0/week' (N/day, N/week, N/month, N/quarter or N/year)" },
	{ 1, "activities:\n  - {code: a, name: A, category: C, points: 1, limit: week}\n", 2, 55,
	  "bad limit 'week' (N/day, N/week, N/month, N/quarter or N/year)" },
	{ 1, "activities:\n  - {code: a, name: A, category: C, points: 1,\n"
	     "     since: 2026-06-01, until: 2026-05-31}\n", 3, 32, "'until' is before 'since'" },
	{ 1, "activities:\n  - {code: a, name: A, category: C, points: 1, since: 2026-1-1}\n", 2, 55,
	  "bad 'since' date '2026-1-1': " },
	{ 1, CAT_HEAD "  - {code: a, name: B, category: C, points: 2}\n", 3, 12,
	  "duplicate activity 'a'" },
	{ 1, "activities:\n  - {code: a, name: A, points: 1}\n", 2, 5, "an activity has no 'category'" },
	{ 1, "activities: a\n", 1, 13, "'activities' must be a list" },
	{ 1, "goods: []\n", 1, 1, "catalogue.yaml has no 'activities'" },
	{ 1, CAT_HEAD "goods:\n  - {code: g, name: G, unit: u, points: 0}\n", 4, 41,
	  "a price must be more than 0" },
	{ 1, CAT_HEAD "goods:\n  - {code: g, name: G, unit: u, points: -1}\n", 4, 41,
	  "a price must be more than 0" },
	{ 1, CAT_HEAD "goods:\n  - {code: g, name: G, unit: u, points: 1, stock: yes}\n", 4, 51,
	  "'stock' must be true or false, not 'yes'" },
	{ 1, CAT_HEAD "goods:\n  - {code: g, name: G, unit: u, points: 1}\n"
	     "  - {code: g, name: H, unit: u, points: 1}\n", 5, 12, "duplicate item 'g'" },
	{ 1, CAT_HEAD "goods:\n  - {code: g, name: G, unit: u, points: 1, colour: red}\n", 4, 44,
	  "unknown key 'colour' in a good" },
	{ 1, CAT_HEAD "goods:\n  - {code: g_1, name: G, unit: u, points: 1}\n", 4, 12,
	  "bad item code 'g_1' (a-z, 0-9, '-')" },
	{ 1, "activities:\n  - {code: {a: b}, name: A, category: C, points: 1}\n", 2, 12,
	  "'code' must be a single value" },
	{ 1, "activities:\n  - {code: {a: {b: c}}, name: A, category: C, points: 1}\n", 2, 16,
	  "nesting deeper than this file allows" },
};

static void test_bad_catalogue(void **state)
{
	for (size_t i = 0; i < sizeof bad_catalogue / sizeof *bad_catalogue; i++) {
		const struct bad *c = &bad_catalogue[i];
		size_t n = strlen(c->msg);
		if (c->msg[n - 1] == ' ') {
			/* a reason from the date parser follows: match the start */
			struct jf_book b;
			struct jf_diags d = JF_DIAGS_INIT;
			make_book(*state, NULL, c->text, NULL);
			assert_int_equal(jf_book_open(&b, *state, &d), JF_INVALID);
			assert_true(d.n >= 1);
			assert_string_equal(d.v[0].file, "catalogue.yaml");
			assert_int_equal(d.v[0].line, c->line);
			assert_int_equal(d.v[0].col, c->col);
			assert_memory_equal(d.v[0].msg, c->msg, n);
			jf_diags_release(&d);
			continue;
		}
		expect_bad(*state, c);
	}
}

static const struct bad bad_households[] = {
	{ 2, "households:\n  - {id: XB-1, head: H, village: ZZ}\n", 2, 34, "unknown village 'ZZ'" },
	{ 2, "households:\n  - {id: XB 1, head: H, village: XB}\n", 2, 10,
	  "bad household id 'XB 1' (letters, digits, '-')" },
	{ 2, "households:\n  - {id: XB-1, head: H, village: XB}\n  - {id: XB-1, head: J, village: XB}\n",
	  3, 10, "duplicate household 'XB-1'" },
	{ 2, "households:\n  - {id: XB-1, village: XB}\n", 2, 5, "a household has no 'head'" },
	{ 2, "households:\n  - {id: XB-1, head: '', village: XB}\n", 2, 22, "'head' is empty" },
	{ 2, "households:\n  - {id: XB-1, head: H, village: XB, since: 2026-02-01, until: 2026-01-31}\n",
	  2, 64, "'until' is before 'since'" },
	{ 2, "households:\n  - {id: XB-1, head: H, village: XB, phone: 123}\n", 2, 38,
	  "unknown key 'phone' in a household" },
	{ 2, "households:\n  - {id: XB-1, head: [a, b], village: XB}\n", 2, 22,
	  "'head' must be a single value" },
	{ 2, "people: []\n", 1, 1, "unknown key 'people' in households.yaml" },
	{ 2, "households:\n  - id: XB-1\n    head: H\n    village: XB\n    head: I\n", 5, 5,
	  "duplicate key 'head'" },
	{ 2, "households:\n  - {id: XB-1, head: \xe5\x8f, village: XB}\n", 2, 22,
	  "invalid UTF-8 (byte 0x2C)" },
	/* read item by item, with every check the whole tree had */
	{ 2, "households:\n  - {id: XB-1, head: H, village: XB, x-a: {k: 1, k: 2}}\n", 2, 50,
	  "duplicate key 'k'" },
	{ 2, "x-a: [1, {k: 1, k: 2}]\nhouseholds:\n  - {id: XB-1, head: H, village: XB}\n", 1, 17,
	  "duplicate key 'k'" },
	{ 2, "x-a: {k: 1, k: 2}\nhouseholds:\n  - {id: XB-1, head: H, village: XB}\n", 1, 13,
	  "duplicate key 'k'" },
	{ 2, "households:\n  - {id: XB-1, head: H, village: XB}\nhouseholds: []\n", 3, 1,
	  "duplicate key 'households'" },
	{ 2, "households:\n  - {[a]: 1, id: XB-1, head: H, village: XB}\n", 2, 6,
	  "a key must be plain text" },
	{ 2, "households:\n  - XB-1\n", 2, 5, "a household must be a mapping" },
	{ 2, "households:\n  - [XB-1]\n", 2, 5, "a household must be a mapping" },
	{ 2, "households: {id: XB-1}\n", 1, 13, "'households' must be a list" },
	{ 2, "households:\n  - {id: XB-1, head: H, village: XB}\n---\nhouseholds: []\n", 3, 1,
	  "only one document is allowed" },
};

static void test_bad_households(void **state)
{
	for (size_t i = 0; i < sizeof bad_households / sizeof *bad_households; i++)
		expect_bad(*state, &bad_households[i]);
}

static void test_empty_files(void **state)
{
	const char *dir = *state;
	struct jf_book b;
	struct jf_diags d = JF_DIAGS_INIT;

	make_book(dir, NULL, "", NULL);
	assert_int_equal(jf_book_open(&b, dir, &d), JF_INVALID);
	assert_released(&b);
	assert_int_equal(d.n, 1);
	assert_string_equal(d.v[0].file, "catalogue.yaml");
	assert_int_equal(d.v[0].line, 0);
	assert_string_equal(d.v[0].msg, "the catalogue is empty");
	jf_diags_release(&d);

	make_book(dir, NULL, NULL, "# nobody yet\n");
	assert_int_equal(jf_book_open(&b, dir, &d), JF_INVALID);
	assert_int_equal(d.n, 1);
	assert_string_equal(d.v[0].msg, "the household register is empty");
	jf_diags_release(&d);
}

/* Regression (was a bug): "villages: []" is accepted (a book with no village at all), while
 * "villages:" with nothing under it is refused as "'villages' is empty".
 * Expected: JF_INVALID with jf.yaml:3:11: 'villages' is empty. */
static void test_no_villages(void **state)
{
	const char *dir = *state;
	struct jf_book b;
	struct jf_diags d = JF_DIAGS_INIT;

	make_book(dir, JF_HEAD "villages: []\n", NULL, "households: []\n");
	assert_int_equal(jf_book_open(&b, dir, &d), JF_INVALID);
	assert_true(d.n >= 1);
	assert_string_equal(d.v[0].file, "jf.yaml");
	assert_int_equal(d.v[0].line, 3);
	assert_int_equal(d.v[0].col, 11);
	jf_diags_release(&d);
}

static void test_missing_files(void **state)
{
	const char *dir = *state;
	struct jf_book b;
	struct jf_diags d = JF_DIAGS_INIT;
	struct jf_buf p = JF_BUF_INIT;

	make_book(dir, NULL, NULL, NULL);
	jf_buf_addf(&p, "%s/catalogue.yaml", dir);
	assert_int_equal(unlink(p.s), 0);
	assert_int_equal(jf_book_open(&b, dir, &d), JF_INVALID);
	assert_released(&b);
	assert_int_equal(d.n, 1);
	assert_non_null(strstr(d.v[0].msg, "cannot open 'catalogue.yaml'"));
	jf_diags_release(&d);

	/* without jf.yaml nothing else is read */
	jf_buf_reset(&p);
	jf_buf_addf(&p, "%s/jf.yaml", dir);
	assert_int_equal(unlink(p.s), 0);
	assert_int_equal(jf_book_open(&b, dir, &d), JF_INVALID);
	assert_int_equal(d.n, 1);
	assert_non_null(strstr(d.v[0].msg, "cannot open 'jf.yaml'"));
	jf_diags_release(&d);
	jf_buf_release(&p);
}

/* Every problem is reported, across the three files, in one open. */
static void test_every_problem(void **state)
{
	const char *dir = *state;
	struct jf_book b;
	struct jf_diags d = JF_DIAGS_INIT;

	make_book(dir, JF_HEAD "villages: [{code: XB, name: N}]\ncolour: red\n",
		  "activities:\n  - {code: a, name: A, category: C, points: 0}\n"
		  "  - {code: B, name: A, category: C, points: 1}\n",
		  "households:\n  - {id: XB-1, head: H, village: ZZ}\n"
		  "  - {id: XB-2, head: H, village: YY}\n");
	assert_int_equal(jf_book_open(&b, dir, &d), JF_INVALID);
	assert_int_equal(d.n, 5);
	assert_string_equal(d.v[0].file, "jf.yaml");
	assert_string_equal(d.v[1].file, "catalogue.yaml");
	assert_string_equal(d.v[2].file, "catalogue.yaml");
	assert_string_equal(d.v[3].file, "households.yaml");
	assert_int_equal(d.v[4].line, 3);
	jf_diags_release(&d);
}

/* A hostile settings file: deep nesting is refused at once. */
static void test_hostile_settings(void **state)
{
	const char *dir = *state;
	struct jf_book b;
	struct jf_diags d = JF_DIAGS_INIT;
	char *s = malloc(200001);

	assert_non_null(s);
	memcpy(s, "households: ", 12);
	memset(s + 12, '[', 200000 - 12);
	s[200000] = '\0';
	make_book(dir, NULL, NULL, s);
	assert_int_equal(jf_book_open(&b, dir, &d), JF_INVALID);
	assert_int_equal(d.n, 1);
	assert_non_null(strstr(d.v[0].msg, "nesting deeper"));
	assert_int_equal(d.v[0].col, 16);
	jf_diags_release(&d);
	free(s);
}

/* ---- jf_book_find ---- */

static void test_find_dir(void **state)
{
	const char *dir = *state;
	struct jf_diags d = JF_DIAGS_INIT;
	char *root = (char *)1;
	struct jf_buf sub = JF_BUF_INIT;

	make_book(dir, NULL, NULL, NULL);
	assert_int_equal(jf_book_find(dir, &root, &d), JF_OK);
	assert_string_equal(root, dir);
	free(root);

	jf_buf_addf(&sub, "%s/ledger", dir);
	assert_int_equal(mkdir(sub.s, 0777), 0);
	root = (char *)1;
	assert_int_equal(jf_book_find(sub.s, &root, &d), JF_USAGE);
	assert_null(root);
	assert_int_equal(d.n, 1);
	assert_non_null(strstr(d.v[0].msg, "is not a jf book"));
	jf_diags_release(&d);
	jf_buf_release(&sub);
}

static void test_find_env(void **state)
{
	const char *dir = *state;
	struct jf_diags d = JF_DIAGS_INIT;
	char *root;
	char *old = getenv("JF_BOOK") ? strdup(getenv("JF_BOOK")) : NULL;

	make_book(dir, NULL, NULL, NULL);
	setenv("JF_BOOK", dir, 1);
	assert_int_equal(jf_book_find(NULL, &root, &d), JF_OK);
	assert_string_equal(root, dir);
	free(root);
	/* an empty dir argument falls back to $JF_BOOK too */
	assert_int_equal(jf_book_find("", &root, &d), JF_OK);
	assert_string_equal(root, dir);
	free(root);
	/* -C wins over $JF_BOOK */
	setenv("JF_BOOK", "/nonexistent-book", 1);
	assert_int_equal(jf_book_find(dir, &root, &d), JF_OK);
	free(root);
	assert_int_equal(jf_book_find(NULL, &root, &d), JF_USAGE);
	assert_null(root);
	assert_int_equal(d.n, 1);
	jf_diags_release(&d);
	if (old) {
		setenv("JF_BOOK", old, 1);
		free(old);
	} else {
		unsetenv("JF_BOOK");
	}
}

static void test_find_upward(void **state)
{
	const char *dir = *state;
	struct jf_diags d = JF_DIAGS_INIT;
	char *root;
	char cwd[PATH_MAX];
	struct jf_buf deep = JF_BUF_INIT, real = JF_BUF_INIT;
	char *old = getenv("JF_BOOK") ? strdup(getenv("JF_BOOK")) : NULL;

	unsetenv("JF_BOOK");
	assert_non_null(getcwd(cwd, sizeof cwd));
	make_book(dir, NULL, NULL, NULL);
	jf_buf_addf(&deep, "%s/ledger", dir);
	assert_int_equal(mkdir(deep.s, 0777), 0);
	jf_buf_adds(&deep, "/2026");
	assert_int_equal(mkdir(deep.s, 0777), 0);
	assert_int_equal(chdir(deep.s), 0);
	char *r = realpath(dir, NULL);
	assert_non_null(r);
	jf_buf_adds(&real, r);
	free(r);
	assert_int_equal(jf_book_find(NULL, &root, &d), JF_OK);
	assert_string_equal(root, real.s);
	free(root);
	/* from the book's own directory */
	assert_int_equal(chdir(dir), 0);
	assert_int_equal(jf_book_find(NULL, &root, &d), JF_OK);
	assert_string_equal(root, real.s);
	free(root);
	/* nowhere: no jf.yaml up to / */
	assert_int_equal(chdir("/"), 0);
	assert_int_equal(jf_book_find(NULL, &root, &d), JF_USAGE);
	assert_null(root);
	assert_int_equal(d.n, 1);
	assert_non_null(strstr(d.v[0].msg, "not in a jf book"));
	assert_int_equal(chdir(cwd), 0);
	jf_diags_release(&d);
	jf_buf_release(&deep);
	jf_buf_release(&real);
	if (old) {
		setenv("JF_BOOK", old, 1);
		free(old);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_open, setup, teardown),
		cmocka_unit_test_setup_teardown(test_optional_settings, setup, teardown),
		cmocka_unit_test_setup_teardown(test_ledger_path, setup, teardown),
		cmocka_unit_test_setup_teardown(test_settings_allow_cr, setup, teardown),
		cmocka_unit_test(test_date_within),
		cmocka_unit_test_setup_teardown(test_bad_settings, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bad_catalogue, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bad_households, setup, teardown),
		cmocka_unit_test_setup_teardown(test_empty_files, setup, teardown),
		cmocka_unit_test_setup_teardown(test_no_villages, setup, teardown),
		cmocka_unit_test_setup_teardown(test_missing_files, setup, teardown),
		cmocka_unit_test_setup_teardown(test_every_problem, setup, teardown),
		cmocka_unit_test_setup_teardown(test_hostile_settings, setup, teardown),
		cmocka_unit_test_setup_teardown(test_find_dir, setup, teardown),
		cmocka_unit_test_setup_teardown(test_find_env, setup, teardown),
		cmocka_unit_test_setup_teardown(test_find_upward, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
