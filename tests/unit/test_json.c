/* test_json.c - the JSON writer: nesting, escaping, points, pretty output. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "buf.h"
#include "json.h"

/* Write {"a":1,"b":[1,2]} with j. */
static void write_ab(struct jf_json *j)
{
	jf_json_obj_open(j);
	jf_json_key(j, "a");
	jf_json_int(j, 1);
	jf_json_key(j, "b");
	jf_json_arr_open(j);
	jf_json_int(j, 1);
	jf_json_int(j, 2);
	jf_json_arr_close(j);
	jf_json_obj_close(j);
}

/* Expect jf_json_escape(s) to be want. */
static void escapes_to(const char *s, const char *want)
{
	struct jf_buf b = JF_BUF_INIT;

	jf_json_escape(&b, s);
	assert_string_equal(b.s, want);
	jf_buf_release(&b);
}

static void test_compact(void **state)
{
	struct jf_buf b = JF_BUF_INIT;
	struct jf_json j;

	(void)state;
	jf_json_init(&j, &b, false);
	write_ab(&j);
	assert_string_equal(b.s, "{\"a\":1,\"b\":[1,2]}");
	assert_int_equal(j.depth, 0);
	jf_buf_release(&b);
}

static void test_pretty(void **state)
{
	struct jf_buf b = JF_BUF_INIT;
	struct jf_json j;

	(void)state;
	jf_json_init(&j, &b, true);
	write_ab(&j);
	assert_string_equal(b.s,
		"{\n"
		"  \"a\": 1,\n"
		"  \"b\": [\n"
		"    1,\n"
		"    2\n"
		"  ]\n"
		"}");
	jf_buf_release(&b);
}

/* A household record with every kind of value, nested two deep. */
static void write_household(struct jf_json *j)
{
	jf_json_obj_open(j);
	jf_json_key(j, "id");
	jf_json_str(j, "LQ-001");
	jf_json_key(j, "head");
	jf_json_str(j, "司学霞");
	jf_json_key(j, "balance");
	jf_json_points(j, 650);
	jf_json_key(j, "active");
	jf_json_bool(j, true);
	jf_json_key(j, "moved");
	jf_json_bool(j, false);
	jf_json_key(j, "note");
	jf_json_str(j, NULL);
	jf_json_key(j, "closed");
	jf_json_null(j);
	jf_json_key(j, "entries");
	jf_json_arr_open(j);
	jf_json_obj_open(j);
	jf_json_key(j, "points");
	jf_json_points(j, -25);
	jf_json_key(j, "tags");
	jf_json_arr_open(j);
	jf_json_arr_close(j);
	jf_json_obj_close(j);
	jf_json_obj_open(j);
	jf_json_obj_close(j);
	jf_json_arr_close(j);
	jf_json_key(j, "empty");
	jf_json_obj_open(j);
	jf_json_obj_close(j);
	jf_json_obj_close(j);
}

static void test_nesting_compact(void **state)
{
	struct jf_buf b = JF_BUF_INIT;
	struct jf_json j;

	(void)state;
	jf_json_init(&j, &b, false);
	write_household(&j);
	assert_string_equal(b.s,
		"{\"id\":\"LQ-001\",\"head\":\"司学霞\",\"balance\":6.5,"
		"\"active\":true,\"moved\":false,\"note\":null,\"closed\":null,"
		"\"entries\":[{\"points\":-0.25,\"tags\":[]},{}],\"empty\":{}}");
	jf_buf_release(&b);
}

static void test_nesting_pretty(void **state)
{
	struct jf_buf b = JF_BUF_INIT;
	struct jf_json j;

	(void)state;
	jf_json_init(&j, &b, true);
	write_household(&j);
	assert_string_equal(b.s,
		"{\n"
		"  \"id\": \"LQ-001\",\n"
		"  \"head\": \"司学霞\",\n"
		"  \"balance\": 6.5,\n"
		"  \"active\": true,\n"
		"  \"moved\": false,\n"
		"  \"note\": null,\n"
		"  \"closed\": null,\n"
		"  \"entries\": [\n"
		"    {\n"
		"      \"points\": -0.25,\n"
		"      \"tags\": []\n"
		"    },\n"
		"    {}\n"
		"  ],\n"
		"  \"empty\": {}\n"
		"}");
	jf_buf_release(&b);
}

static void test_empty_and_top_level(void **state)
{
	struct jf_buf b = JF_BUF_INIT;
	struct jf_json j;

	(void)state;
	jf_json_init(&j, &b, true);
	jf_json_obj_open(&j);
	jf_json_obj_close(&j);
	assert_string_equal(b.s, "{}");
	jf_buf_reset(&b);
	jf_json_init(&j, &b, true);
	jf_json_arr_open(&j);
	jf_json_arr_close(&j);
	assert_string_equal(b.s, "[]");
	jf_buf_reset(&b);
	jf_json_init(&j, &b, false);
	jf_json_str(&j, "bare");
	assert_string_equal(b.s, "\"bare\"");
	jf_buf_release(&b);
}

static void test_appends(void **state)
{
	struct jf_buf b = JF_BUF_INIT;
	struct jf_json j;

	(void)state;
	jf_buf_adds(&b, "x=");
	jf_json_init(&j, &b, false);
	jf_json_arr_open(&j);
	jf_json_int(&j, INT64_MIN);
	jf_json_int(&j, INT64_MAX);
	jf_json_int(&j, 0);
	jf_json_int(&j, -7);
	jf_json_arr_close(&j);
	assert_string_equal(b.s,
		"x=[-9223372036854775808,9223372036854775807,0,-7]");
	jf_buf_release(&b);
}

static void test_points(void **state)
{
	struct jf_buf b = JF_BUF_INIT;
	struct jf_json j;

	(void)state;
	jf_json_init(&j, &b, false);
	jf_json_arr_open(&j);
	jf_json_points(&j, 650);
	jf_json_points(&j, -25);
	jf_json_points(&j, 500);
	jf_json_points(&j, 0);
	jf_json_points(&j, 25);
	jf_json_points(&j, -50);
	jf_json_points(&j, 1);
	jf_json_points(&j, 123456789);
	jf_json_arr_close(&j);
	assert_string_equal(b.s, "[6.5,-0.25,5,0,0.25,-0.5,0.01,1234567.89]");
	jf_buf_release(&b);
}

static void test_escape(void **state)
{
	(void)state;
	escapes_to("", "\"\"");
	escapes_to(NULL, "\"\"");
	escapes_to("plain 龙渠乡", "\"plain 龙渠乡\"");
	escapes_to("say \"hi\"", "\"say \\\"hi\\\"\"");
	escapes_to("back\\slash /", "\"back\\\\slash /\"");
	escapes_to("\n\t\r\b\f", "\"\\n\\t\\r\\b\\f\"");
	escapes_to("\x01\x1B\x1F", "\"\\u0001\\u001b\\u001f\"");
	escapes_to("\x7F", "\"\x7F\"");    /* DEL needs no escape */
	escapes_to("a\xE2\x80\xA8" "b\xE2\x80\xA9" "c", "\"a\\u2028b\\u2029c\"");
	escapes_to("\xEF\xBC\x8C\xF0\x9F\x98\x80", "\"，😀\"");
	/* Invalid UTF-8 becomes U+FFFD, one per bad byte. */
	escapes_to("a\xFF" "b", "\"a\\ufffdb\"");
	escapes_to("\xC0\x80", "\"\\ufffd\\ufffd\"");
	escapes_to("\xE9\xBE", "\"\\ufffd\\ufffd\"");
}

static void test_keys_escaped(void **state)
{
	struct jf_buf b = JF_BUF_INIT;
	struct jf_json j;

	(void)state;
	jf_json_init(&j, &b, false);
	jf_json_obj_open(&j);
	jf_json_key(&j, "a\"b");
	jf_json_str(&j, "line1\nline2");
	jf_json_key(&j, "户主");
	jf_json_str(&j, "tab\there");
	jf_json_obj_close(&j);
	assert_string_equal(b.s,
		"{\"a\\\"b\":\"line1\\nline2\",\"户主\":\"tab\\there\"}");
	jf_buf_release(&b);
}

static void test_deep_nesting_saturates(void **state)
{
	struct jf_buf b = JF_BUF_INIT;
	struct jf_buf want = JF_BUF_INIT;
	struct jf_json j;
	const int n = JF_JSON_DEPTH + 8;

	(void)state;
	jf_json_init(&j, &b, false);
	for (int i = 0; i < n; i++) {
		jf_json_arr_open(&j);
		jf_json_int(&j, i);
		jf_buf_addf(&want, "[%d,", i);
	}
	jf_json_arr_open(&j);
	jf_json_arr_close(&j);
	jf_buf_adds(&want, "[]");
	for (int i = 0; i < n; i++) {
		jf_json_int(&j, -i);
		jf_json_arr_close(&j);
		jf_buf_addf(&want, ",%d]", -i);
	}
	assert_int_equal(j.depth, 0);
	assert_string_equal(b.s, want.s);
	jf_buf_release(&b);
	jf_buf_release(&want);
}

static void test_deep_nesting_pretty(void **state)
{
	struct jf_buf b = JF_BUF_INIT;
	struct jf_buf want = JF_BUF_INIT;
	struct jf_json j;
	const int n = JF_JSON_DEPTH + 3;

	(void)state;
	jf_json_init(&j, &b, true);
	for (int i = 0; i < n; i++) {
		if (i > 0)
			jf_json_key(&j, "k");
		jf_json_obj_open(&j);
	}
	jf_json_key(&j, "x");
	jf_json_int(&j, 1);
	for (int i = 0; i < n; i++)
		jf_json_obj_close(&j);

	for (int i = 0; i < n; i++) {
		if (i > 0)
			jf_buf_addf(&want, "\n%*s\"k\": ", 2 * i, "");
		jf_buf_adds(&want, "{");
	}
	jf_buf_addf(&want, "\n%*s\"x\": 1", 2 * n, "");
	for (int i = n - 1; i >= 0; i--)
		jf_buf_addf(&want, "\n%*s}", 2 * i, "");
	assert_string_equal(b.s, want.s);
	jf_buf_release(&b);
	jf_buf_release(&want);
}

/* The member helpers write a key and its value; _opt skips NULL. */
static void test_members(void **state)
{
	(void)state;
	struct jf_buf b = JF_BUF_INIT;
	struct jf_json j;
	jf_json_init(&j, &b, false);
	jf_json_obj_open(&j);
	jf_json_kstr(&j, "s", "a\"b");
	jf_json_kstr(&j, "n", NULL);
	jf_json_kint(&j, "i", -7);
	jf_json_kpoints(&j, "p", 650);
	jf_json_kstr_opt(&j, "skip", NULL);
	jf_json_kstr_opt(&j, "o", "x");
	jf_json_obj_close(&j);
	assert_string_equal(b.s, "{\"s\":\"a\\\"b\",\"n\":null,\"i\":-7,\"p\":6.5,\"o\":\"x\"}");
	jf_buf_release(&b);
}

/* jf_json_array: one element a call, those that write nothing left out. */
static void odd_item(struct jf_json *j, const void *ctx, size_t i)
{
	const int *v = ctx;
	if (v[i] % 2)
		jf_json_int(j, v[i]);
}

static void test_array(void **state)
{
	(void)state;
	struct jf_buf b = JF_BUF_INIT;
	static const int v[] = { 1, 2, 3 };
	jf_json_array(&b, 3, odd_item, v);
	assert_string_equal(b.s, "[\n  1,\n  3\n]\n");
	jf_buf_reset(&b);
	jf_json_array(&b, 0, odd_item, v);
	assert_string_equal(b.s, "[]\n");
	jf_buf_release(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_compact),
		cmocka_unit_test(test_pretty),
		cmocka_unit_test(test_nesting_compact),
		cmocka_unit_test(test_nesting_pretty),
		cmocka_unit_test(test_empty_and_top_level),
		cmocka_unit_test(test_appends),
		cmocka_unit_test(test_points),
		cmocka_unit_test(test_escape),
		cmocka_unit_test(test_keys_escaped),
		cmocka_unit_test(test_deep_nesting_saturates),
		cmocka_unit_test(test_deep_nesting_pretty),
		cmocka_unit_test(test_members),
		cmocka_unit_test(test_array),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
