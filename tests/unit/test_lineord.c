/* test_lineord.c - interned file names and the ledger order of lines. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "entry.h"
#include "lineord.h"

static void test_intern(void **state)
{
	(void)state;
	struct jf_lfiles f = { 0 };
	char a[] = "ledger/2026-01.yaml", a2[] = "ledger/2026-01.yaml";
	const char *x = jf_lfiles_intern(&f, a);
	assert_ptr_not_equal(x, a);
	assert_ptr_equal(jf_lfiles_intern(&f, a2), x);
	assert_ptr_not_equal(jf_lfiles_intern(&f, "ledger/2026-02.yaml"), x);
	assert_null(jf_lfiles_intern(&f, NULL));
	assert_int_equal(f.n, 2);
	jf_lfiles_free(&f);
	assert_int_equal(f.n, 0);
	jf_lfiles_free(&f); /* again: nothing to free */
}

static void test_order(void **state)
{
	(void)state;
	struct jf_lpos a = { 5, "a.yaml", 9 }, b = { 1, "b.yaml", 2 }, a2 = { 4, "a.yaml", 12 },
		       none = { 0, NULL, 0 }, same = { 6, "a.yaml", 9 };
	assert_true(jf_lpos_cmp(&a, &b) < 0);  /* by file */
	assert_true(jf_lpos_cmp(&b, &a) > 0);
	assert_true(jf_lpos_cmp(&a, &a2) < 0); /* then line */
	assert_true(jf_lpos_cmp(&a, &none) > 0); /* no file: by seq */
	assert_true(jf_lpos_cmp(&a, &same) < 0); /* same place: by seq */
	assert_int_equal(jf_lpos_cmp(&a, &a), 0);
}

static void test_texts(void **state)
{
	(void)state;
	struct jf_entry e;
	memset(&e, 0, sizeof e);
	char id[] = "01MC18E33G", by[] = "王会计";
	e.id = id;
	e.by = by;
	struct jf_ltexts t;
	/* texts that came with the entry are copied, nothing is read */
	assert_int_equal(jf_ltexts_read(&t, NULL, &e, NULL), JF_OK);
	assert_string_equal(t.id, "01MC18E33G");
	assert_ptr_not_equal(t.id, id);
	assert_string_equal(t.by, "王会计");
	assert_null(t.note);
	assert_null(t.reviewer);
	jf_ltexts_free(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_intern),
		cmocka_unit_test(test_order),
		cmocka_unit_test(test_texts),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
