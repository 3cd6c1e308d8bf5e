/* test_diag.c - diagnostics collected for the command to print. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "diag.h"

/* One diagnostic as jf_diag_format writes it (freshly allocated). */
static char *fmt1(const struct jf_diag *g)
{
	struct jf_buf b = JF_BUF_INIT;
	jf_diag_format(g, &b);
	return jf_buf_detach(&b);
}

static void assert_fmt(const struct jf_diag *g, const char *want)
{
	char *s = fmt1(g);
	assert_string_equal(s, want);
	free(s);
}

static void test_init_release(void **state)
{
	struct jf_diags a = JF_DIAGS_INIT, b;

	(void)state;
	assert_int_equal(a.n, 0);
	assert_null(a.v);
	memset(&b, 0x5a, sizeof b);
	jf_diags_init(&b);
	assert_int_equal(b.n, 0);
	assert_int_equal(b.errors, 0);
	assert_int_equal(b.warnings, 0);
	assert_int_equal(b.dropped, 0);
	assert_null(b.v);
	jf_diags_release(&a);
	jf_diags_release(&b);
	assert_int_equal(b.n, 0);
}

static void test_add_and_format(void **state)
{
	struct jf_diags d = JF_DIAGS_INIT;

	(void)state;
	jf_error_at(&d, "ledger/2026/XB.yaml", 12, 5, "unknown item '%s'", "tv");
	jf_diag_add(&d, JF_SEV_WARNING, "ledger/2026/XB.yaml", 3, 9, "rule '%s' is not valid", "x");
	jf_error(&d, "no operator name");
	jf_error_at(&d, "jf.yaml", 7, 0, "line only");
	jf_error_at(&d, "jf.yaml", 0, 4, "no line: the column is left out too");
	jf_diag_add(&d, JF_SEV_WARNING, NULL, 0, 0, "bare warning");
	assert_int_equal(d.n, 6);
	assert_int_equal(d.errors, 4);
	assert_int_equal(d.warnings, 2);
	assert_int_equal(d.dropped, 0);

	assert_int_equal(d.v[0].sev, JF_SEV_ERROR);
	assert_string_equal(d.v[0].file, "ledger/2026/XB.yaml");
	assert_int_equal(d.v[0].line, 12);
	assert_int_equal(d.v[0].col, 5);
	assert_string_equal(d.v[0].msg, "unknown item 'tv'");
	assert_null(d.v[2].file);

	assert_fmt(&d.v[0], "ledger/2026/XB.yaml:12:5: unknown item 'tv'");
	assert_fmt(&d.v[1], "ledger/2026/XB.yaml:3:9: warning: rule 'x' is not valid");
	assert_fmt(&d.v[2], "no operator name");
	assert_fmt(&d.v[3], "jf.yaml:7: line only");
	assert_fmt(&d.v[4], "jf.yaml: no line: the column is left out too");
	assert_fmt(&d.v[5], "warning: bare warning");
	jf_diags_release(&d);
	assert_int_equal(d.n, 0);
	assert_int_equal(d.errors, 0);
}

static void test_format_appends(void **state)
{
	struct jf_diags d = JF_DIAGS_INIT;
	struct jf_buf b = JF_BUF_INIT;

	(void)state;
	jf_error_at(&d, "f.yaml", 1, 2, "m");
	jf_buf_adds(&b, "> ");
	jf_diag_format(&d.v[0], &b);
	assert_string_equal(b.s, "> f.yaml:1:2: m");
	jf_buf_release(&b);
	jf_diags_release(&d);
}

static void test_file_is_copied(void **state)
{
	struct jf_diags d = JF_DIAGS_INIT;
	char name[] = "ledger/a.yaml";

	(void)state;
	jf_error_at(&d, name, 1, 1, "x");
	assert_ptr_not_equal(d.v[0].file, name);
	name[7] = 'Z';
	assert_string_equal(d.v[0].file, "ledger/a.yaml");
	jf_diags_release(&d);
}

static void test_diags_format(void **state)
{
	struct jf_diags d = JF_DIAGS_INIT;
	struct jf_buf b = JF_BUF_INIT;

	(void)state;
	jf_diags_format(&d, "jf-check", &b);
	assert_string_equal(b.s, "");
	jf_error_at(&d, "ledger/2026/XB.yaml", 12, 5, "unknown item 'tv'");
	jf_diag_add(&d, JF_SEV_WARNING, "catalogue.yaml", 4, 3, "odd");
	jf_error(&d, "the book is invalid");
	jf_diags_format(&d, "jf-add", &b);
	assert_string_equal(b.s,
		"jf-add: ledger/2026/XB.yaml:12:5: unknown item 'tv'\n"
		"jf-add: catalogue.yaml:4:3: warning: odd\n"
		"jf-add: the book is invalid\n");
	jf_buf_release(&b);
	jf_diags_release(&d);
}

static void test_limit(void **state)
{
	struct jf_diags d = JF_DIAGS_INIT;
	struct jf_buf b = JF_BUF_INIT;
	const char *last;

	(void)state;
	for (int i = 0; i < JF_DIAG_MAX + 50; i++)
		jf_error_at(&d, "f.yaml", (unsigned long)i + 1, 1, "problem %d", i);
	for (int i = 0; i < 7; i++)
		jf_diag_add(&d, JF_SEV_WARNING, "f.yaml", 1, 1, "w");
	assert_int_equal(d.n, JF_DIAG_MAX);
	assert_int_equal(d.errors, JF_DIAG_MAX + 50);
	assert_int_equal(d.warnings, 7);
	assert_int_equal(d.dropped, 57);
	/* the first ones are kept */
	assert_string_equal(d.v[0].msg, "problem 0");
	assert_string_equal(d.v[JF_DIAG_MAX - 1].msg, "problem 99");
	jf_diags_format(&d, "jf-check", &b);
	last = strstr(b.s, "jf-check: f.yaml:100:1: problem 99\n");
	assert_non_null(last);
	assert_string_equal(last + strlen("jf-check: f.yaml:100:1: problem 99\n"),
			    "jf-check: 57 more problems not shown\n");
	jf_buf_release(&b);
	jf_diags_release(&d);

	/* one dropped: singular */
	for (int i = 0; i < JF_DIAG_MAX + 1; i++)
		jf_error(&d, "p");
	assert_int_equal(d.dropped, 1);
	jf_diags_format(&d, "jf", &b);
	assert_non_null(strstr(b.s, "\njf: 1 more problem not shown\n"));
	jf_buf_release(&b);
	jf_diags_release(&d);
	assert_int_equal(d.dropped, 0);
	assert_int_equal(d.n, 0);
}

static void test_long_message(void **state)
{
	struct jf_diags d = JF_DIAGS_INIT;
	char *big = malloc(10001);

	(void)state;
	assert_non_null(big);
	memset(big, 'm', 10000);
	big[10000] = '\0';
	jf_error(&d, "note '%s'", big);
	assert_int_equal(strlen(d.v[0].msg), 10000 + 7);
	free(big);
	jf_diags_release(&d);
}

static void vadd(struct jf_diags *d, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static void vadd(struct jf_diags *d, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	jf_diag_vadd(d, JF_SEV_WARNING, "w.yaml", 2, 3, fmt, ap);
	va_end(ap);
}

/* Moving keeps each diagnostic whole and in order after what to held,
 * a message with a % in it as it was, and leaves from empty. */
static void test_move(void **state)
{
	struct jf_diags to = JF_DIAGS_INIT, from = JF_DIAGS_INIT;

	(void)state;
	jf_error_at(&to, "a.yaml", 1, 2, "first");
	jf_error_at(&from, "b.yaml", 3, 4, "100%% sure");
	jf_diag_add(&from, JF_SEV_WARNING, NULL, 0, 0, "no file");
	jf_diags_move(&to, &from);
	assert_int_equal(from.n, 0);
	assert_null(from.v);
	assert_int_equal(from.errors, 0);
	assert_int_equal(to.n, 3);
	assert_string_equal(to.v[0].msg, "first");
	assert_string_equal(to.v[1].file, "b.yaml");
	assert_int_equal(to.v[1].line, 3);
	assert_int_equal(to.v[1].col, 4);
	assert_int_equal(to.v[1].sev, JF_SEV_ERROR);
	assert_string_equal(to.v[1].msg, "100% sure");
	assert_null(to.v[2].file);
	assert_int_equal(to.v[2].sev, JF_SEV_WARNING);
	assert_string_equal(to.v[2].msg, "no file");
	assert_int_equal(to.errors, 2);
	assert_int_equal(to.warnings, 1);
	jf_diags_move(&to, &from); /* nothing to move */
	assert_int_equal(to.n, 3);
	jf_diags_release(&to);
}

static void test_vadd(void **state)
{
	struct jf_diags d = JF_DIAGS_INIT;

	(void)state;
	vadd(&d, "%s x %d", "clean-yard", 2);
	assert_int_equal(d.n, 1);
	assert_int_equal(d.warnings, 1);
	assert_int_equal(d.errors, 0);
	assert_int_equal(d.v[0].sev, JF_SEV_WARNING);
	assert_string_equal(d.v[0].msg, "clean-yard x 2");
	assert_fmt(&d.v[0], "w.yaml:2:3: warning: clean-yard x 2");
	jf_diags_release(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_init_release),
		cmocka_unit_test(test_add_and_format),
		cmocka_unit_test(test_format_appends),
		cmocka_unit_test(test_file_is_copied),
		cmocka_unit_test(test_diags_format),
		cmocka_unit_test(test_limit),
		cmocka_unit_test(test_long_message),
		cmocka_unit_test(test_vadd),
		cmocka_unit_test(test_move),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
