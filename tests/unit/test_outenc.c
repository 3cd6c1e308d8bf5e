/* test_outenc.c - spreadsheet output bytes: the UTF-8 BOM and GB18030. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "buf.h"
#include "diag.h"
#include "outenc.h"

static void test_parse(void **state)
{
	enum jf_outenc e = JF_ENC_GB18030;
	(void)state;
	assert_true(jf_outenc_parse("utf-8", &e));
	assert_int_equal(e, JF_ENC_UTF8);
	assert_true(jf_outenc_parse("UTF8", &e));
	assert_true(jf_outenc_parse("GB18030", &e));
	assert_int_equal(e, JF_ENC_GB18030);
	assert_false(jf_outenc_parse("gbk", &e));
	assert_false(jf_outenc_parse("", &e));
}

static void test_bom(void **state)
{
	struct jf_buf b = JF_BUF_INIT;
	(void)state;
	jf_outenc_bom(&b);
	assert_int_equal(b.len, 3);
	assert_memory_equal(b.s, "\xEF\xBB\xBF", 4);
	jf_buf_reset(&b);
	jf_buf_adds(&b, "a,b\r\n");
	jf_outenc_bom(&b);
	assert_string_equal(b.s, "\xEF\xBB\xBF" "a,b\r\n");
	jf_buf_release(&b);
}

static void test_gb18030(void **state)
{
	struct jf_buf b = JF_BUF_INIT;
	struct jf_diags d = JF_DIAGS_INIT;
	(void)state;
	/* 司 is C B E 1 in GB2312/GBK; € (U+20AC) is A2 E3 in GB18030; a
	 * character outside GBK takes four bytes (U+1F600: 94 39 FC 36) */
	jf_buf_adds(&b, "id,司\r\n\xE2\x82\xAC\xF0\x9F\x98\x80");
	assert_int_equal(jf_outenc_convert(&b, JF_ENC_GB18030, &d), JF_OK);
	assert_int_equal(b.len, 3 + 2 + 2 + 2 + 4);
	assert_memory_equal(b.s, "id,\xCB\xBE\r\n\xA2\xE3\x94\x39\xFC\x36", b.len);
	assert_int_equal(b.s[b.len], '\0');
	assert_int_equal(d.n, 0);
	/* UTF-8 output stays as it is */
	assert_int_equal(jf_outenc_convert(&b, JF_ENC_UTF8, &d), JF_OK);
	assert_int_equal(b.len, 13);
	jf_buf_release(&b);
}

static void test_long(void **state)
{
	struct jf_buf b = JF_BUF_INIT;
	struct jf_diags d = JF_DIAGS_INIT;
	(void)state;
	/* more than one 4 KiB chunk of output */
	for (int i = 0; i < 5000; i++)
		jf_buf_adds(&b, "龙");
	assert_int_equal(jf_outenc_convert(&b, JF_ENC_GB18030, &d), JF_OK);
	assert_int_equal(b.len, 10000);
	for (size_t i = 0; i < b.len; i += 2)
		assert_memory_equal(b.s + i, "\xC1\xFA", 2);
	jf_buf_release(&b);
}

static void test_refused(void **state)
{
	struct jf_buf b = JF_BUF_INIT;
	struct jf_diags d = JF_DIAGS_INIT;
	(void)state;
	/* not UTF-8: refused with the offset, the buffer left as it was */
	jf_buf_adds(&b, "ab\xFF" "cd");
	assert_int_equal(jf_outenc_convert(&b, JF_ENC_GB18030, &d), JF_REFUSED);
	assert_string_equal(b.s, "ab\xFF" "cd");
	assert_int_equal(d.n, 1);
	assert_non_null(strstr(d.v[0].msg, "not valid UTF-8 at byte 2"));
	jf_diags_release(&d);
	/* cut short in the middle of a character */
	jf_buf_reset(&b);
	jf_buf_adds(&b, "ab\xE9\xBE");
	assert_int_equal(jf_outenc_convert(&b, JF_ENC_GB18030, &d), JF_REFUSED);
	assert_non_null(strstr(d.v[0].msg, "at byte 2"));
	jf_diags_release(&d);
	jf_buf_release(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse),
		cmocka_unit_test(test_bom),
		cmocka_unit_test(test_gb18030),
		cmocka_unit_test(test_long),
		cmocka_unit_test(test_refused),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
