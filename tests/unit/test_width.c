/* test_width.c - strict UTF-8 decoding and display width. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "width.h"

/* Decode the first sequence of the n bytes s; expect length len and cp. */
static void decode_ok(const char *s, size_t n, size_t len, uint32_t cp)
{
	uint32_t got = 0xDEADBEEF;

	assert_int_equal(jf_utf8_decode(s, n, &got), len);
	assert_int_equal(got, cp);
}

/* Expect the n bytes s to be refused, leaving *cp alone. */
static void decode_bad(const char *s, size_t n)
{
	uint32_t got = 0xDEADBEEF;

	assert_int_equal(jf_utf8_decode(s, n, &got), 0);
	assert_int_equal(got, 0xDEADBEEF);
}

static void test_decode_valid(void **state)
{
	(void)state;
	decode_ok("A", 1, 1, 'A');
	decode_ok("", 1, 1, 0); /* the NUL byte itself */
	decode_ok("\x7F", 1, 1, 0x7F);
	decode_ok("\xC2\x80", 2, 2, 0x80);
	decode_ok("\xC3\xA9", 2, 2, 0xE9);           /* é */
	decode_ok("\xDF\xBF", 2, 2, 0x7FF);
	decode_ok("\xE0\xA0\x80", 3, 3, 0x800);
	decode_ok("\xE9\xBE\x99", 3, 3, 0x9F99);     /* 龙 */
	decode_ok("\xED\x9F\xBF", 3, 3, 0xD7FF);     /* last before surrogates */
	decode_ok("\xEE\x80\x80", 3, 3, 0xE000);     /* first after */
	decode_ok("\xEF\xBF\xBF", 3, 3, 0xFFFF);
	decode_ok("\xF0\x90\x80\x80", 4, 4, 0x10000);
	decode_ok("\xF0\x9F\x98\x80", 4, 4, 0x1F600);
	decode_ok("\xF4\x8F\xBF\xBF", 4, 4, 0x10FFFF);
	/* Only the first sequence is decoded. */
	decode_ok("\xE5\x8F\xB8\xE5\xAD\xA6", 6, 3, 0x53F8); /* 司 */
	decode_ok("ab", 2, 1, 'a');
}

static void test_decode_invalid(void **state)
{
	(void)state;
	decode_bad("A", 0);                     /* nothing available */
	decode_bad("\xC0\x80", 2);              /* overlong NUL */
	decode_bad("\xC1\xBF", 2);              /* overlong 0x7F */
	decode_bad("\xE0\x80\x80", 3);          /* overlong 3-byte */
	decode_bad("\xE0\x9F\xBF", 3);          /* overlong 0x7FF */
	decode_bad("\xF0\x80\x80\x80", 4);      /* overlong 4-byte */
	decode_bad("\xF0\x8F\xBF\xBF", 4);      /* overlong 0xFFFF */
	decode_bad("\xED\xA0\x80", 3);          /* surrogate D800 */
	decode_bad("\xED\xBF\xBF", 3);          /* surrogate DFFF */
	decode_bad("\xF4\x90\x80\x80", 4);      /* 0x110000 */
	decode_bad("\xF5\x80\x80\x80", 4);      /* beyond any plane */
	decode_bad("\xFF", 1);
	decode_bad("\xFE", 1);
	decode_bad("\x80", 1);                  /* lone continuation */
	decode_bad("\xBF", 1);
	decode_bad("\xC3", 1);                  /* truncated */
	decode_bad("\xE9\xBE", 2);
	decode_bad("\xF0\x9F\x98", 3);
	/* Truncated by n although the bytes go on. */
	decode_bad("\xE9\xBE\x99", 2);
	decode_bad("\xE9\x41\x99", 3);          /* non-continuation inside */
	decode_bad("\xE9\xBE\x41", 3);
	decode_bad("\xF0\x9F\x98\x41", 4);
	decode_bad("\xC3\xC3\xA9", 3);
}

static void test_valid(void **state)
{
	const char *s;
	size_t off;

	(void)state;
	assert_true(jf_utf8_valid("", 0, NULL));
	s = "龙渠乡 司学霞 ok ａ，é";
	assert_true(jf_utf8_valid(s, strlen(s), NULL));

	off = 99;
	assert_false(jf_utf8_valid("ab\xC0\x80", 4, &off));
	assert_int_equal(off, 2);
	off = 99;
	assert_false(jf_utf8_valid("\x80", 1, &off));
	assert_int_equal(off, 0);
	off = 99;
	s = "龙\xED\xA0\x80";
	assert_false(jf_utf8_valid(s, strlen(s), &off));
	assert_int_equal(off, 3);
	off = 99;
	s = "x\xF4\x90\x80\x80";
	assert_false(jf_utf8_valid(s, strlen(s), &off));
	assert_int_equal(off, 1);
	off = 99;
	s = "渠\xE4\xB9"; /* 乡 cut short at the end */
	assert_false(jf_utf8_valid(s, strlen(s), &off));
	assert_int_equal(off, 3);
	/* n bounds the check: the bad byte after it is not looked at. */
	assert_true(jf_utf8_valid("ab\xFF", 2, NULL));
	/* off is optional. */
	assert_false(jf_utf8_valid("\xFF", 1, NULL));
}

static void test_cp_width(void **state)
{
	(void)state;
	assert_int_equal(jf_cp_width('a'), 1);
	assert_int_equal(jf_cp_width(' '), 1);
	assert_int_equal(jf_cp_width('~'), 1);
	assert_int_equal(jf_cp_width(0), 0);
	assert_int_equal(jf_cp_width('\t'), 0);
	assert_int_equal(jf_cp_width('\n'), 0);
	assert_int_equal(jf_cp_width(0x1B), 0);
	assert_int_equal(jf_cp_width(0x7F), 0);
	assert_int_equal(jf_cp_width(0x85), 0);     /* C1 NEL */
	assert_int_equal(jf_cp_width(0x9F), 0);
	assert_int_equal(jf_cp_width(0xA0), 1);
	assert_int_equal(jf_cp_width(0xE9), 1);     /* é */
	assert_int_equal(jf_cp_width(0x0300), 0);   /* combining grave */
	assert_int_equal(jf_cp_width(0x0301), 0);
	assert_int_equal(jf_cp_width(0x036F), 0);
	assert_int_equal(jf_cp_width(0x0370), 1);
	assert_int_equal(jf_cp_width(0x064E), 0);   /* Arabic fatha */
	assert_int_equal(jf_cp_width(0x0F71), 0);   /* Tibetan vowel sign */
	assert_int_equal(jf_cp_width(0x200B), 0);   /* ZWSP */
	assert_int_equal(jf_cp_width(0x200D), 0);   /* ZWJ */
	assert_int_equal(jf_cp_width(0x200F), 0);
	assert_int_equal(jf_cp_width(0x2010), 1);
	assert_int_equal(jf_cp_width(0xFEFF), 0);   /* BOM */
	assert_int_equal(jf_cp_width(0xFE0F), 0);   /* variation selector */
	assert_int_equal(jf_cp_width(0x10FF), 1);
	assert_int_equal(jf_cp_width(0x1100), 2);   /* Hangul choseong */
	assert_int_equal(jf_cp_width(0x115F), 2);
	assert_int_equal(jf_cp_width(0x1160), 0);   /* conjoining jungseong */
	assert_int_equal(jf_cp_width(0x2E7F), 1);
	assert_int_equal(jf_cp_width(0x2E80), 2);
	assert_int_equal(jf_cp_width(0x3000), 2);   /* ideographic space */
	assert_int_equal(jf_cp_width(0x3001), 2);   /* 、 */
	assert_int_equal(jf_cp_width(0x3002), 2);   /* 。 */
	assert_int_equal(jf_cp_width(0x302A), 0);   /* ideographic tone mark */
	assert_int_equal(jf_cp_width(0x303E), 2);
	assert_int_equal(jf_cp_width(0x303F), 1);
	assert_int_equal(jf_cp_width(0x3041), 2);   /* ぁ */
	assert_int_equal(jf_cp_width(0x3099), 0);   /* combining kana mark */
	assert_int_equal(jf_cp_width(0x30A2), 2);   /* ア */
	assert_int_equal(jf_cp_width(0x3400), 2);
	assert_int_equal(jf_cp_width(0x4DBF), 2);
	assert_int_equal(jf_cp_width(0x4DC0), 1);   /* Yijing hexagram */
	assert_int_equal(jf_cp_width(0x4E00), 2);   /* 一 */
	assert_int_equal(jf_cp_width(0x9FFF), 2);
	assert_int_equal(jf_cp_width(0xA000), 2);   /* Yi */
	assert_int_equal(jf_cp_width(0xA4C6), 2);   /* last Yi radical */
	assert_int_equal(jf_cp_width(0xA4CF), 1);   /* unassigned */
	assert_int_equal(jf_cp_width(0xA4D0), 1);
	assert_int_equal(jf_cp_width(0xAC00), 2);   /* 가 */
	assert_int_equal(jf_cp_width(0xD7A3), 2);
	assert_int_equal(jf_cp_width(0xD7A4), 1);
	assert_int_equal(jf_cp_width(0xF900), 2);
	assert_int_equal(jf_cp_width(0xFAFF), 2);
	assert_int_equal(jf_cp_width(0xFE30), 2);
	assert_int_equal(jf_cp_width(0xFE4F), 2);
	assert_int_equal(jf_cp_width(0xFF00), 1);   /* unassigned */
	assert_int_equal(jf_cp_width(0xFF01), 2);   /* ！ */
	assert_int_equal(jf_cp_width(0xFF0C), 2);   /* ， */
	assert_int_equal(jf_cp_width(0xFF41), 2);   /* ａ */
	assert_int_equal(jf_cp_width(0xFF60), 2);
	assert_int_equal(jf_cp_width(0xFF61), 1);   /* halfwidth 。 */
	assert_int_equal(jf_cp_width(0xFF71), 1);   /* halfwidth ｱ */
	assert_int_equal(jf_cp_width(0xFFE0), 2);
	assert_int_equal(jf_cp_width(0xFFE6), 2);
	assert_int_equal(jf_cp_width(0xFFE8), 1);
	assert_int_equal(jf_cp_width(0x1F300), 2);
	assert_int_equal(jf_cp_width(0x1F600), 2);  /* 😀 */
	assert_int_equal(jf_cp_width(0x1F64F), 2);
	assert_int_equal(jf_cp_width(0x1F900), 1);  /* neutral symbol */
	assert_int_equal(jf_cp_width(0x1F90C), 2);  /* pinching hand */
	assert_int_equal(jf_cp_width(0x1F9FF), 2);
	assert_int_equal(jf_cp_width(0x20000), 2);
	assert_int_equal(jf_cp_width(0x2A6DF), 2);
	assert_int_equal(jf_cp_width(0x3FFFD), 2);  /* unassigned: UAX #11 W */
	assert_int_equal(jf_cp_width(0x3FFFE), 1);
	assert_int_equal(jf_cp_width(0xE0001), 0);  /* language tag */
	assert_int_equal(jf_cp_width(0xE0100), 0);  /* variation selector 17 */
	assert_int_equal(jf_cp_width(0x10FFFF), 1);
}

static void test_width(void **state)
{
	(void)state;
	assert_int_equal(jf_width(""), 0);
	assert_int_equal(jf_width("Li"), 2);
	assert_int_equal(jf_width("龙渠乡"), 6);
	assert_int_equal(jf_width("司学霞"), 6);
	assert_int_equal(jf_width("ａ"), 2);           /* fullwidth a */
	assert_int_equal(jf_width("，"), 2);
	assert_int_equal(jf_width("。"), 2);
	assert_int_equal(jf_width("e\xCC\x81"), 1);   /* e + U+0301 */
	assert_int_equal(jf_width("\xC3\xA9"), 1);    /* precomposed é */
	assert_int_equal(jf_width("龙渠乡 Li，6.5"), 14);
	assert_int_equal(jf_width("a\tb\n"), 2);      /* controls: none */
	assert_int_equal(jf_width("a\xE2\x80\x8B" "b"), 2); /* ZWSP */
	assert_int_equal(jf_width("\xEF\xBB\xBF" "x"), 1);  /* BOM */
	assert_int_equal(jf_width("\xF0\x9F\x98\x80"), 2);  /* emoji */
	/* Invalid bytes count one column each. */
	assert_int_equal(jf_width("\xFF"), 1);
	assert_int_equal(jf_width("a\xC0\x80" "b"), 4);
	assert_int_equal(jf_width("\xED\xA0\x80"), 3);
	assert_int_equal(jf_width("龙\xE6\xB8"), 4);       /* 渠 cut short */
	assert_int_equal(jf_width("\x80龙"), 3);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_decode_valid),
		cmocka_unit_test(test_decode_invalid),
		cmocka_unit_test(test_valid),
		cmocka_unit_test(test_cp_width),
		cmocka_unit_test(test_width),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
