/* test_sheet.c - CSV/TSV sheets as spreadsheets save them, and refusals. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "sheet.h"

static struct jf_diags d;

static enum jf_status parse(struct jf_sheet *s, const char *text, size_t n, char sep,
			    enum jf_sheet_enc enc)
{
	jf_diags_release(&d);
	return jf_sheet_parse(s, "s.csv", text, n, sep, enc, &d);
}

/* The first diagnostic, formatted. */
static const char *first(void)
{
	static struct jf_buf b;
	jf_buf_release(&b);
	assert_true(d.n > 0);
	jf_diag_format(&d.v[0], &b);
	return b.s;
}

static void test_excel_crlf_bom_quotes(void **state)
{
	static const char t[] = "\xef\xbb\xbfhousehold,activity,note\r\n"
				"XB-017,clean-yard,\"a, b\"\r\n"
				"XB-018,litter,\"two\r\nlines \"\"quoted\"\"\"\r\n"
				",,\r\n";
	struct jf_sheet s;
	(void)state;
	assert_int_equal(parse(&s, t, sizeof t - 1, ',', JF_SHEET_UTF8), JF_OK);
	assert_int_equal(s.ncols, 3);
	assert_int_equal(s.nrows, 4);
	assert_string_equal(jf_sheet_cell(&s, 0, 0), "household");
	assert_string_equal(jf_sheet_cell(&s, 1, 2), "a, b");
	assert_string_equal(jf_sheet_cell(&s, 2, 2), "two\r\nlines \"quoted\"");
	assert_true(s.blank[3]);
	assert_false(s.blank[1]);
	assert_string_equal(jf_sheet_cell(&s, 1, -1), "");
	assert_int_equal(strlen(s.id), 16);
	jf_sheet_release(&s);
}

static void test_id_is_sha256_of_bytes(void **state)
{
	struct jf_sheet s;
	(void)state;
	/* sha256("a\n") = 87428fc522803d31065e7bce3cf03fe4... */
	assert_int_equal(parse(&s, "a\n", 2, ',', JF_SHEET_UTF8), JF_OK);
	assert_string_equal(s.id, "87428fc522803d31");
	jf_sheet_release(&s);
}

static void test_tsv_and_no_final_newline(void **state)
{
	static const char t[] = "户号\t项目\nXB-017\tclean-yard";
	struct jf_sheet s;
	(void)state;
	assert_int_equal(parse(&s, t, sizeof t - 1, '\t', JF_SHEET_UTF8), JF_OK);
	assert_int_equal(s.nrows, 2);
	assert_string_equal(jf_sheet_cell(&s, 1, 1), "clean-yard");
	jf_sheet_release(&s);
}

static void test_gb18030(void **state)
{
	/* "户号,项目\r\nXB-017,打扫\r\n" in GB18030 */
	static const char t[] = "\xbb\xa7\xba\xc5,\xcf\xee\xc4\xbf\r\nXB-017,\xb4\xf2\xc9\xa8\r\n";
	struct jf_sheet s;
	(void)state;
	assert_int_equal(parse(&s, t, sizeof t - 1, ',', JF_SHEET_GB18030), JF_OK);
	assert_string_equal(jf_sheet_cell(&s, 0, 0), "户号");
	assert_string_equal(jf_sheet_cell(&s, 1, 1), "打扫");
	jf_sheet_release(&s);
	/* the same bytes are not UTF-8 */
	assert_int_equal(parse(&s, t, sizeof t - 1, ',', JF_SHEET_UTF8), JF_USAGE);
	assert_non_null(strstr(first(), "s.csv:1: cell 1 is not valid UTF-8"));
	jf_sheet_release(&s);
	/* a lead byte without its trail */
	assert_int_equal(parse(&s, "a\r\n\xbb\r\n", 6, ',', JF_SHEET_GB18030), JF_USAGE);
	assert_string_equal(first(), "s.csv:2: cell 1 is not valid GB18030");
	jf_sheet_release(&s);
}

static void test_refusals(void **state)
{
	static const struct { const char *text; size_t n; const char *msg; } cases[] = {
		{ "a,b\n1\n", 6, "s.csv:2: 1 cells, but the header has 2" },
		{ "a,b\n1,\"x\n", 9, "s.csv:2: cell 2: a quoted cell is not closed" },
		{ "a,b\n1,x\"y\n", 10, "s.csv:2: cell 2: a quote inside an unquoted cell" },
		{ "a,b\n1,\"x\"y\n", 11, "s.csv:2: cell 2: text after the closing quote" },
		{ "a,b\n1,x\0\n", 9, "s.csv:2: an embedded NUL byte" },
		{ "\xff\xfe" "a\0", 4, "s.csv:1: the sheet is UTF-16" },
		{ "", 0, "s.csv:1: the sheet is empty" },
		{ ",\n1,2\n", 6, "s.csv:1: the header row is empty" },
	};
	struct jf_sheet s;
	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		assert_int_equal(parse(&s, cases[i].text, cases[i].n, ',', JF_SHEET_UTF8), JF_USAGE);
		if (strncmp(first(), cases[i].msg, strlen(cases[i].msg)))
			fail_msg("case %zu: '%s', wanted '%s'", i, first(), cases[i].msg);
		jf_sheet_release(&s);
	}
}

static void test_limits(void **state)
{
	struct jf_buf b = JF_BUF_INIT;
	struct jf_sheet s;
	(void)state;
	/* a cell of exactly 4096 bytes is fine, 4097 is not */
	jf_buf_adds(&b, "a\n");
	for (int i = 0; i < JF_SHEET_MAX_CELL; i++)
		jf_buf_addc(&b, 'x');
	jf_buf_addc(&b, '\n');
	assert_int_equal(parse(&s, b.s, b.len, ',', JF_SHEET_UTF8), JF_OK);
	jf_sheet_release(&s);
	jf_buf_setlen(&b, b.len - 1);
	jf_buf_adds(&b, "x\n");
	assert_int_equal(parse(&s, b.s, b.len, ',', JF_SHEET_UTF8), JF_USAGE);
	assert_string_equal(first(), "s.csv:2: cell 1 is longer than 4096 bytes");
	jf_sheet_release(&s);
	/* 10,000 rows after the header, then one more */
	jf_buf_reset(&b);
	jf_buf_adds(&b, "a\n");
	for (int i = 0; i < JF_SHEET_MAX_ROWS; i++)
		jf_buf_adds(&b, "1\n");
	assert_int_equal(parse(&s, b.s, b.len, ',', JF_SHEET_UTF8), JF_OK);
	assert_int_equal(s.nrows, JF_SHEET_MAX_ROWS + 1);
	jf_sheet_release(&s);
	jf_buf_adds(&b, "1\n");
	assert_int_equal(parse(&s, b.s, b.len, ',', JF_SHEET_UTF8), JF_USAGE);
	assert_string_equal(first(), "s.csv:10002: more than 10000 rows after the header; split the sheet");
	jf_sheet_release(&s);
	jf_buf_release(&b);
}

static void test_columns(void **state)
{
	static const struct jf_sheet_col cols[] = {
		{ "household|户号", true }, { "activity|项目", true }, { "qty|数量", false },
	};
	struct jf_sheet s;
	int map[3];
	(void)state;
	static const char ok[] = " 户号 ,Activity,,\nXB-1,a,,\n";
	assert_int_equal(parse(&s, ok, sizeof ok - 1, ',', JF_SHEET_UTF8), JF_OK);
	assert_int_equal(jf_sheet_columns(&s, cols, 3, map, &d), JF_OK);
	assert_int_equal(map[0], 0);
	assert_int_equal(map[1], 1);
	assert_int_equal(map[2], -1);
	jf_sheet_release(&s);

	static const char unknown[] = "household,by\nXB-1,x\n";
	assert_int_equal(parse(&s, unknown, sizeof unknown - 1, ',', JF_SHEET_UTF8), JF_OK);
	assert_int_equal(jf_sheet_columns(&s, cols, 3, map, &d), JF_USAGE);
	assert_string_equal(first(), "s.csv:1: unknown column 'by' (the columns are household|户号, activity|项目, qty|数量)");
	assert_string_equal(d.v[1].msg, "no column 'activity' (activity|项目) in the header");
	jf_sheet_release(&s);

	static const char twice[] = "household,户号,item\nXB-1,x,y\n";
	assert_int_equal(parse(&s, twice, sizeof twice - 1, ',', JF_SHEET_UTF8), JF_OK);
	jf_diags_release(&d);
	assert_int_equal(jf_sheet_columns(&s, cols, 3, map, &d), JF_USAGE);
	assert_string_equal(first(), "s.csv:1: column '户号' is named twice (cells 1 and 2)");
	jf_sheet_release(&s);

	static const char noname[] = "household,activity,\nXB-1,x,\nXB-2,y,z\n";
	assert_int_equal(parse(&s, noname, sizeof noname - 1, ',', JF_SHEET_UTF8), JF_OK);
	jf_diags_release(&d);
	assert_int_equal(jf_sheet_columns(&s, cols, 3, map, &d), JF_USAGE);
	assert_string_equal(first(), "s.csv:3: cell 3 holds a value, but its column has no name in the header");
	jf_sheet_release(&s);
}

static void test_enc_names(void **state)
{
	(void)state;
	assert_int_equal(jf_sheet_enc_parse("GB18030"), JF_SHEET_GB18030);
	assert_int_equal(jf_sheet_enc_parse("utf-8"), JF_SHEET_UTF8);
	assert_int_equal(jf_sheet_enc_parse("latin1"), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_excel_crlf_bom_quotes),
		cmocka_unit_test(test_id_is_sha256_of_bytes),
		cmocka_unit_test(test_tsv_and_no_final_newline),
		cmocka_unit_test(test_gb18030),
		cmocka_unit_test(test_refusals),
		cmocka_unit_test(test_limits),
		cmocka_unit_test(test_columns),
		cmocka_unit_test(test_enc_names),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);
	jf_diags_release(&d);
	return rc;
}
