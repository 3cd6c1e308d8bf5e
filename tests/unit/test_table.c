/* test_table.c - aligned text, TSV and CSV tables. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "buf.h"
#include "table.h"

/* The balances table used by several tests: household, head, balance. */
static struct jf_table *balances(void)
{
	struct jf_table *t = jf_table_new(3);

	jf_table_column(t, 0, "household", JF_LEFT);
	jf_table_column(t, 1, "head", JF_LEFT);
	jf_table_column(t, 2, "balance", JF_RIGHT);
	jf_table_row(t);
	jf_table_cell(t, 0, "LQ-001");
	jf_table_cell(t, 1, "司学霞");
	jf_table_cell(t, 2, "6.5");
	jf_table_row(t);
	jf_table_cell(t, 0, "LQ-002");
	jf_table_cell(t, 1, "Li");
	jf_table_cellf(t, 2, "%d", 1250);
	jf_table_row(t);
	jf_table_cell(t, 0, "LQ-010");
	jf_table_cell(t, 1, "龙渠乡王");
	jf_table_cell(t, 2, "-0.25");
	return t;
}

static void test_text(void **state)
{
	struct jf_table *t = balances();
	struct jf_buf b = JF_BUF_INIT;

	(void)state;
	assert_int_equal(jf_table_rows(t), 3);
	jf_table_text(t, &b);
	assert_string_equal(b.s,
		"household  head      balance\n"
		"LQ-001     司学霞        6.5\n"
		"LQ-002     Li           1250\n"
		"LQ-010     龙渠乡王    -0.25\n");
	jf_buf_release(&b);
	jf_table_free(t);
}

static void test_text_appends(void **state)
{
	struct jf_table *t = jf_table_new(1);
	struct jf_buf b = JF_BUF_INIT;

	(void)state;
	jf_table_column(t, 0, "x", JF_LEFT);
	jf_buf_adds(&b, "before\n");
	jf_table_text(t, &b);
	assert_string_equal(b.s, "before\nx\n");
	jf_buf_release(&b);
	jf_table_free(t);
}

static void test_text_no_trailing_space(void **state)
{
	struct jf_table *t = jf_table_new(3);
	struct jf_buf b = JF_BUF_INIT;

	(void)state;
	jf_table_column(t, 0, "id", JF_LEFT);
	jf_table_column(t, 1, "note", JF_LEFT);
	jf_table_column(t, 2, "", JF_LEFT);
	jf_table_row(t);
	jf_table_cell(t, 0, "1");
	jf_table_cell(t, 1, "long note here");
	jf_table_row(t); /* all cells unset */
	jf_table_row(t);
	jf_table_cell(t, 0, "3");
	jf_table_cell(t, 1, "x  "); /* trailing blanks of a last cell */
	jf_table_text(t, &b);
	assert_string_equal(b.s,
		"id  note\n"
		"1   long note here\n"
		"\n"
		"3   x\n");
	jf_buf_release(&b);
	jf_table_free(t);
}

static void test_text_controls_and_marks(void **state)
{
	struct jf_table *t = jf_table_new(2);
	struct jf_buf b = JF_BUF_INIT;

	(void)state;
	jf_table_column(t, 0, "name", JF_LEFT);
	jf_table_column(t, 1, "n", JF_RIGHT);
	jf_table_row(t);
	jf_table_cell(t, 0, "Rene\xCC\x81"); /* e + U+0301: four columns */
	jf_table_cell(t, 1, "1");
	jf_table_row(t);
	jf_table_cell(t, 0, "a\nb\tc"); /* controls become spaces */
	jf_table_cell(t, 1, "22");
	jf_table_row(t);
	jf_table_cell(t, 0, "ａ，");      /* fullwidth: four columns */
	jf_table_cell(t, 1, "333");
	jf_table_text(t, &b);
	assert_string_equal(b.s,
		"name     n\n"
		"Rene\xCC\x81     1\n"
		"a b c   22\n"
		"ａ，   333\n");
	jf_buf_release(&b);
	jf_table_free(t);
}

static void test_tsv(void **state)
{
	struct jf_table *t = balances();
	struct jf_buf b = JF_BUF_INIT;

	(void)state;
	jf_table_row(t);
	jf_table_cell(t, 0, "LQ-011");
	jf_table_cell(t, 1, "tab\there\nline\r\nend");
	jf_table_tsv(t, &b);
	assert_string_equal(b.s,
		"household\thead\tbalance\n"
		"LQ-001\t司学霞\t6.5\n"
		"LQ-002\tLi\t1250\n"
		"LQ-010\t龙渠乡王\t-0.25\n"
		"LQ-011\ttab here line  end\t\n");
	jf_buf_release(&b);
	jf_table_free(t);
}

static void test_csv(void **state)
{
	struct jf_table *t = jf_table_new(3);
	struct jf_buf b = JF_BUF_INIT;

	(void)state;
	jf_table_column(t, 0, "household", JF_LEFT);
	jf_table_column(t, 1, "points", JF_RIGHT);
	jf_table_column(t, 2, "note", JF_LEFT);
	jf_table_row(t);
	jf_table_cell(t, 0, "司学霞");
	jf_table_cell(t, 1, "6.5");
	jf_table_cell(t, 2, "扫雪, \"门前\"\n第二行");
	jf_table_row(t);
	jf_table_cell(t, 0, "Li");
	jf_table_cell(t, 1, "-0.25");
	jf_table_cell(t, 2, "cr\rhere");
	jf_table_row(t);
	jf_table_cell(t, 0, "Wang");
	jf_table_cell(t, 1, "5");
	/* note left unset: an empty field */
	jf_table_csv(t, &b);
	assert_string_equal(b.s,
		"household,points,note\r\n"
		"司学霞,6.5,\"扫雪, \"\"门前\"\"\n第二行\"\r\n"
		"Li,-0.25,\"cr\rhere\"\r\n"
		"Wang,5,\r\n");
	jf_buf_release(&b);
	jf_table_free(t);
}

static void test_csv_single_column(void **state)
{
	struct jf_table *t = jf_table_new(1);
	struct jf_buf b = JF_BUF_INIT;

	(void)state;
	jf_table_column(t, 0, "note", JF_LEFT);
	jf_table_row(t);
	jf_table_row(t);
	jf_table_cell(t, 0, "x");
	jf_table_csv(t, &b);
	/* An empty lone field is quoted so the record is not a blank line. */
	assert_string_equal(b.s, "note\r\n\"\"\r\nx\r\n");
	jf_buf_release(&b);
	jf_table_free(t);
}

static void test_csv_field(void **state)
{
	struct jf_buf b = JF_BUF_INIT;

	(void)state;
	jf_csv_field(&b, "plain 龙渠乡");
	jf_buf_addc(&b, '|');
	jf_csv_field(&b, "");
	jf_buf_addc(&b, '|');
	jf_csv_field(&b, "a,b");
	jf_buf_addc(&b, '|');
	jf_csv_field(&b, "say \"hi\"");
	jf_buf_addc(&b, '|');
	jf_csv_field(&b, "\"");
	jf_buf_addc(&b, '|');
	jf_csv_field(&b, "line\nbreak");
	jf_buf_addc(&b, '|');
	jf_csv_field(&b, "cr\r");
	jf_buf_addc(&b, '|');
	jf_csv_field(&b, "tab\tand 'single'");
	assert_string_equal(b.s,
		"plain 龙渠乡||\"a,b\"|\"say \"\"hi\"\"\"|\"\"\"\"|"
		"\"line\nbreak\"|\"cr\r\"|tab\tand 'single'");
	jf_buf_release(&b);
}

/* SPEC 4.1: what a spreadsheet would take for a formula. */
static void test_csv_formula(void **state)
{
	static const char *const formulas[] = {
		"=HYPERLINK(\"http://x\")", "@SUM(1+1)*cmd|' /C calc'!A0", "+1+2", "-x", "=",
		"+", "-", "@", "\tx", "\rx", "\nx", "-1.", "-.5", "+1.2.3", "-5 ",
		"-1e3", "+0x10", "--5", "- 5",
	};
	static const char *const plain[] = {
		"", "x=1", "1+1", "1+1=", "-5", "+3.5", "0", "-0.25", "12", "+7", "2026-11-28",
		" =x", "'=x", "龙渠乡", "-123456789012345678901234567890.5",
	};
	struct jf_buf b = JF_BUF_INIT;

	(void)state;
	for (size_t i = 0; i < sizeof formulas / sizeof *formulas; i++) {
		if (!jf_csv_formula(formulas[i]))
			fail_msg("'%s' taken for plain text", formulas[i]);
	}
	for (size_t i = 0; i < sizeof plain / sizeof *plain; i++) {
		if (jf_csv_formula(plain[i]))
			fail_msg("'%s' taken for a formula", plain[i]);
	}
	/* the ' goes first, inside the quotes when the field is quoted */
	jf_csv_field(&b, "=HYPERLINK(\"http://x\")");
	jf_buf_addc(&b, '|');
	jf_csv_field(&b, "@SUM(1+1)*cmd|' /C calc'!A0");
	jf_buf_addc(&b, '|');
	jf_csv_field(&b, "+1+2");
	jf_buf_addc(&b, '|');
	jf_csv_field(&b, "-x");
	jf_buf_addc(&b, '|');
	jf_csv_field(&b, "\tcell");
	jf_buf_addc(&b, '|');
	jf_csv_field(&b, "\nline");
	jf_buf_addc(&b, '|');
	jf_csv_field(&b, "-5");
	jf_buf_addc(&b, '|');
	jf_csv_field(&b, "+3.5");
	jf_buf_addc(&b, '|');
	jf_csv_field(&b, "=1,2");
	assert_string_equal(b.s,
		"\"'=HYPERLINK(\"\"http://x\"\")\"|'@SUM(1+1)*cmd|' /C calc'!A0|'+1+2|'-x|"
		"'\tcell|\"'\nline\"|-5|+3.5|\"'=1,2\"");
	jf_buf_release(&b);
}

static void test_markdown(void **state)
{
	struct jf_table *t = jf_table_new(2);
	struct jf_buf b = JF_BUF_INIT;

	(void)state;
	jf_table_column(t, 0, "a|b", JF_LEFT);
	jf_table_column(t, 1, "n", JF_RIGHT);
	jf_table_row(t);
	jf_table_cell(t, 0, "*x*\n");
	jf_table_cell(t, 1, "1");
	jf_table_row(t);
	jf_table_strong(t);
	jf_table_cell(t, 1, "2");
	jf_table_markdown(t, &b);
	assert_string_equal(b.s,
		"| a\\|b | n |\n| --- | ---: |\n| \\*x\\*  | 1 |\n|  | **2** |\n");
	jf_buf_release(&b);
	jf_table_free(t);
}

static void test_misuse_is_harmless(void **state)
{
	struct jf_table *t = jf_table_new(2);
	struct jf_buf b = JF_BUF_INIT;

	(void)state;
	jf_table_column(t, 5, "ignored", JF_RIGHT);
	jf_table_cell(t, 0, "a");         /* before any row: starts one */
	jf_table_cell(t, 0, "replaced");  /* overwrites, no leak */
	jf_table_cell(t, 9, "ignored");
	jf_table_cellf(t, 9, "%s", "ignored");
	jf_table_cell(t, 1, NULL);        /* NULL is "" */
	assert_int_equal(jf_table_rows(t), 1);
	jf_table_text(t, &b);
	assert_string_equal(b.s, "\nreplaced\n");
	jf_buf_release(&b);
	jf_table_free(t);
	jf_table_free(NULL);
}

static void test_many_rows(void **state)
{
	struct jf_table *t = jf_table_new(2);
	struct jf_buf b = JF_BUF_INIT;
	struct jf_buf want = JF_BUF_INIT;

	(void)state;
	jf_table_column(t, 0, "i", JF_RIGHT);
	jf_table_column(t, 1, "name", JF_LEFT);
	jf_buf_adds(&want, "  i  name\n");
	for (int i = 0; i < 1000; i++) {
		jf_table_row(t);
		jf_table_cellf(t, 0, "%d", i);
		jf_table_cell(t, 1, i % 2 ? "司学霞" : "Li");
		jf_buf_addf(&want, "%3d  %s\n", i, i % 2 ? "司学霞" : "Li");
	}
	assert_int_equal(jf_table_rows(t), 1000);
	jf_table_text(t, &b);
	assert_string_equal(b.s, want.s);
	jf_buf_release(&b);
	jf_buf_release(&want);
	jf_table_free(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_text),
		cmocka_unit_test(test_text_appends),
		cmocka_unit_test(test_text_no_trailing_space),
		cmocka_unit_test(test_text_controls_and_marks),
		cmocka_unit_test(test_tsv),
		cmocka_unit_test(test_csv),
		cmocka_unit_test(test_csv_single_column),
		cmocka_unit_test(test_csv_field),
		cmocka_unit_test(test_csv_formula),
		cmocka_unit_test(test_markdown),
		cmocka_unit_test(test_misuse_is_harmless),
		cmocka_unit_test(test_many_rows),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
