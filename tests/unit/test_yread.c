/* test_yread.c - the strict, bounded YAML reader and its small trees. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "buf.h"
#include "diag.h"
#include "hash.h"
#include "yread.h"

/* The group's scratch directory. */
static char tmpdir[64];
static int nfile;

static int rm_one(const char *p, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st; (void)flag; (void)ftw;
	return remove(p);
}

static int group_setup(void **state)
{
	(void)state;
	snprintf(tmpdir, sizeof tmpdir, "/tmp/jf-test-yread-XXXXXX");
	return mkdtemp(tmpdir) ? 0 : -1;
}

static int group_teardown(void **state)
{
	(void)state;
	return nftw(tmpdir, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

/* Write n bytes to a new file in the scratch directory; returns its path
 * (static storage, valid until the next call). */
static const char *put(const char *bytes, size_t n)
{
	static char path[128];
	FILE *f;

	snprintf(path, sizeof path, "%s/f%d.yaml", tmpdir, nfile++);
	f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(bytes, 1, n, f), n);
	assert_int_equal(fclose(f), 0);
	return path;
}

static const char *puts0(const char *s)
{
	return put(s, strlen(s));
}

/* Whether the reads of a test make events from tokens (jf_yread_opts
 * .tokens): every test runs both ways (main). */
static bool tokens_mode;

static int tok_on(void **state)
{
	(void)state;
	tokens_mode = true;
	return 0;
}

static int tok_off(void **state)
{
	(void)state;
	tokens_mode = false;
	return 0;
}

static void set_mode(struct jf_yread *r)
{
	jf_yread_set(r, &(struct jf_yread_opts){ .tokens = tokens_mode });
}

static enum jf_status yopen(struct jf_yread *r, const char *path, const char *name,
			    const struct jf_ylimits *lim, struct jf_diags *d)
{
	enum jf_status st = jf_yread_open(r, path, name, lim, d);
	if (st == JF_OK)
		set_mode(r);
	return st;
}

static const struct jf_ylimits lim_default = {
	.max_bytes = 1 << 20, .max_scalar = 4096, .max_depth = 8, .allow_cr = false,
};

/* Read every event of path into out as a compact trace:
 * "DS { =a =b } DE $" ("[f" / "{f" for flow collections).  Returns the
 * last jf_yread_next result (0 at a clean end, -1 after an error). */
static int trace(const char *path, const struct jf_ylimits *lim, struct jf_buf *out,
		 struct jf_diags *d)
{
	struct jf_yread r;
	struct jf_yev ev;
	int rc;

	assert_int_equal(yopen(&r, path, "t.yaml", lim, d), JF_OK);
	while ((rc = jf_yread_next(&r, &ev)) > 0) {
		if (out->len)
			jf_buf_addc(out, ' ');
		switch (ev.type) {
		case JF_YEV_DOC_START: jf_buf_adds(out, "DS"); break;
		case JF_YEV_DOC_END: jf_buf_adds(out, "DE"); break;
		case JF_YEV_SEQ_START: jf_buf_adds(out, ev.flow ? "[f" : "["); break;
		case JF_YEV_SEQ_END: jf_buf_adds(out, "]"); break;
		case JF_YEV_MAP_START: jf_buf_adds(out, ev.flow ? "{f" : "{"); break;
		case JF_YEV_MAP_END: jf_buf_adds(out, "}"); break;
		case JF_YEV_SCALAR:
			assert_int_equal(strlen(ev.value), ev.len);
			jf_buf_addf(out, "=%s", ev.value);
			break;
		case JF_YEV_END: jf_buf_adds(out, "?"); break;
		}
	}
	if (rc == 0)
		jf_buf_adds(out, out->len ? " $" : "$");
	assert_int_equal(jf_yread_close(&r), JF_OK);
	return rc;
}

/* Read text; expect exactly one error, at line:col, whose message contains
 * want. */
static void expect_error_lim(const char *bytes, size_t n, const struct jf_ylimits *lim,
			     unsigned long line, unsigned long col, const char *want)
{
	struct jf_diags d = JF_DIAGS_INIT;
	struct jf_buf out = JF_BUF_INIT;

	assert_int_equal(trace(put(bytes, n), lim, &out, &d), -1);
	if (d.n != 1 || d.v[0].line != line || d.v[0].col != col ||
	    !strstr(d.v[0].msg, want)) {
		struct jf_buf m = JF_BUF_INIT;
		jf_diags_format(&d, "got", &m);
		print_error("want %lu:%lu: ...%s...\n%s", line, col, want, m.s);
		jf_buf_release(&m);
	}
	assert_int_equal(d.n, 1);
	assert_string_equal(d.v[0].file, "t.yaml");
	assert_int_equal(d.v[0].sev, JF_SEV_ERROR);
	assert_non_null(strstr(d.v[0].msg, want));
	assert_int_equal(d.v[0].line, line);
	assert_int_equal(d.v[0].col, col);
	jf_buf_release(&out);
	jf_diags_release(&d);
}

static void expect_error(const char *s, unsigned long line, unsigned long col,
			 const char *want)
{
	expect_error_lim(s, strlen(s), &lim_default, line, col, want);
}

static void expect_trace_lim(const char *bytes, size_t n, const struct jf_ylimits *lim,
			     const char *want)
{
	struct jf_diags d = JF_DIAGS_INIT;
	struct jf_buf out = JF_BUF_INIT;

	assert_int_equal(trace(put(bytes, n), lim, &out, &d), 0);
	assert_int_equal(d.n, 0);
	assert_string_equal(out.s, want);
	jf_buf_release(&out);
	jf_diags_release(&d);
}

static void expect_trace(const char *s, const char *want)
{
	expect_trace_lim(s, strlen(s), &lim_default, want);
}

static void test_events(void **state)
{
	(void)state;
	expect_trace("", "$");
	expect_trace("# only a comment\n", "$");
	expect_trace("a: b\n", "DS { =a =b } DE $");
	expect_trace("- id: X\n  qty: 1\n- {id: Y}\n",
		     "DS [ { =id =X =qty =1 } {f =id =Y } ] DE $");
	expect_trace("villages: [XB, LQ]\n", "DS { =villages [f =XB =LQ ] } DE $");
	expect_trace("a: 'it''s'\nb: \"q\\\"x\"\nc:\n", "DS { =a =it's =b =q\"x =c = } DE $");
	/* tabs inside values are fine */
	expect_trace("a: x\ty\n", "DS { =a =x\ty } DE $");
	/* UTF-8 text passes */
	expect_trace("head: 司学霞\n", "DS { =head =司学霞 } DE $");
}

/* No YAML 1.1 guessing: every scalar is the text that was written. */
static void test_scalars_are_text(void **state)
{
	(void)state;
	expect_trace("a: NO\nb: on\nc: 012\nd: 1e3\ne: ~\nf: null\ng: 0x1F\nh: 1_000\n",
		     "DS { =a =NO =b =on =c =012 =d =1e3 =e =~ =f =null =g =0x1F "
		     "=h =1_000 } DE $");
}

static void test_positions(void **state)
{
	struct jf_diags d = JF_DIAGS_INIT;
	struct jf_yread r;
	struct jf_yev ev;
	static const struct { int type; unsigned long line, col; const char *v; } want[] = {
		{ JF_YEV_DOC_START, 1, 1, NULL },
		{ JF_YEV_SEQ_START, 1, 1, NULL },
		{ JF_YEV_MAP_START, 1, 3, NULL },
		{ JF_YEV_SCALAR, 1, 3, "id" },
		{ JF_YEV_SCALAR, 1, 7, "X" },
		{ JF_YEV_SCALAR, 2, 3, "head" },
		{ JF_YEV_SCALAR, 2, 9, "司学霞" },
		{ JF_YEV_SCALAR, 3, 3, "note" },
		{ JF_YEV_SCALAR, 3, 9, "x" },
		{ JF_YEV_MAP_END, 0, 0, NULL },
		{ JF_YEV_SEQ_END, 0, 0, NULL },
		{ JF_YEV_DOC_END, 0, 0, NULL },
	};
	const char *p = puts0("- id: X\n  head: 司学霞\n  note: x\n");

	(void)state;
	assert_int_equal(yopen(&r, p, "t.yaml", &lim_default, &d), JF_OK);
	for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
		assert_int_equal(jf_yread_next(&r, &ev), 1);
		assert_int_equal(ev.type, want[i].type);
		if (want[i].line) {
			assert_int_equal(ev.line, want[i].line);
			assert_int_equal(ev.col, want[i].col);
		}
		if (want[i].v)
			assert_string_equal(ev.value, want[i].v);
	}
	assert_int_equal(jf_yread_next(&r, &ev), 0);
	assert_int_equal(ev.type, JF_YEV_END);
	assert_int_equal(jf_yread_close(&r), JF_OK);
	assert_int_equal(d.n, 0);
}

static void test_aliases_anchors_tags(void **state)
{
	(void)state;
	expect_error("a: &x 1\n", 1, 4, "anchors are not allowed");
	expect_error("a: b\nc: *x\n", 2, 4, "aliases are not allowed");
	expect_error("a: &x [1]\n", 1, 4, "anchors are not allowed");
	expect_error("- &e {a: b}\n", 1, 3, "anchors are not allowed");
	expect_error("a: !!int 1\n", 1, 4, "tags are not allowed");
	expect_error("a: !local x\n", 1, 4, "tags are not allowed");
	expect_error("a: !!seq [1]\n", 1, 4, "tags are not allowed");
	expect_error("- !!map {a: b}\n", 1, 3, "tags are not allowed");
	/* the non-specific tag "!" is a tag too */
	expect_error("a: ! x\n", 1, 4, "tags are not allowed");
}

static void test_directives(void **state)
{
	(void)state;
	expect_error("%YAML 1.1\n---\na: b\n", 1, 1, "directives");
	expect_error("%TAG !e! tag:example.com,2000:\n---\na: b\n", 1, 1, "directives");
	/* an explicit document start alone is fine */
	expect_trace("---\na: b\n...\n", "DS { =a =b } DE $");
}

static void test_depth(void **state)
{
	struct jf_ylimits lim = lim_default;

	(void)state;
	lim.max_depth = 3;
	expect_trace_lim("a:\n  b:\n    c: 1\n", 17, &lim, "DS { =a { =b { =c =1 } } } DE $");
	expect_error_lim("a:\n  b:\n    c:\n      d: 1\n", 25, &lim, 4, 7,
			 "nesting deeper than this file allows");
	expect_error_lim("[[[[1]]]]\n", 10, &lim, 1, 4, "nesting deeper");
	expect_error_lim("- - - - x\n", 10, &lim, 1, 7, "nesting deeper");
	/* depth is counted back down: siblings do not add up */
	expect_trace_lim("- [1]\n- [2]\n- [3]\n- [4]\n", 24, &lim,
			 "DS [ [f =1 ] [f =2 ] [f =3 ] [f =4 ] ] DE $");
}

/* The CPU time this process has used, in seconds: what the work costs,
 * which a loaded machine does not stretch as it does the wall clock. */
static double now_s(void)
{
	struct timespec ts;
	assert_int_equal(clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts), 0);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* libyaml 0.2.5 has no depth limit: 50,000 '[' must be refused quickly,
 * at the first '[' too deep, not after parsing them all. */
static void test_depth_hostile(void **state)
{
	enum { N = 50000 };
	char *s = malloc(2 * N + 2);
	struct jf_ylimits lim = lim_default;
	double t0;

	(void)state;
	assert_non_null(s);
	memset(s, '[', N);
	memset(s + N, ']', N);
	s[2 * N] = '\n';
	s[2 * N + 1] = '\0';
	lim.max_depth = 3;
	t0 = now_s();
	expect_error_lim(s, 2 * N + 1, &lim, 1, 4, "nesting deeper");
	assert_true(now_s() - t0 < 2.0);
	/* unbalanced, as a hostile file would be */
	lim.max_depth = 100;
	t0 = now_s();
	expect_error_lim(s, N, &lim, 1, 101, "nesting deeper");
	assert_true(now_s() - t0 < 2.0);
	/* block style too: "- - - - ..." */
	for (size_t i = 0; i < N; i++) {
		s[2 * i] = '-';
		s[2 * i + 1] = ' ';
	}
	s[2 * N - 1] = 'x';
	t0 = now_s();
	expect_error_lim(s, 2 * N, &lim, 1, 201, "nesting deeper");
	assert_true(now_s() - t0 < 2.0);
	free(s);
}

static void test_scalar_limit(void **state)
{
	struct jf_ylimits lim = lim_default;

	(void)state;
	lim.max_scalar = 10;
	expect_trace_lim("a: 0123456789\n", 14, &lim, "DS { =a =0123456789 } DE $");
	expect_error_lim("a: 0123456789X\n", 15, &lim, 1, 4, "longer than the limit of 10 bytes");
	/* bytes, not characters: four CJK characters are 12 bytes */
	expect_error_lim("a: 司学霞司\n", 16, &lim, 1, 4, "longer than the limit");
	/* keys are scalars too */
	expect_error_lim("0123456789X: a\n", 15, &lim, 1, 1, "longer than the limit");
}

static void test_file_limit(void **state)
{
	struct jf_ylimits lim = lim_default;
	char s[201];
	struct jf_diags d = JF_DIAGS_INIT;
	struct jf_buf out = JF_BUF_INIT;

	(void)state;
	/* "a: xxx...x\n", exactly 100 bytes: fine */
	memset(s, 'x', sizeof s);
	memcpy(s, "a: ", 3);
	s[99] = '\n';
	lim.max_bytes = 100;
	assert_int_equal(trace(put(s, 100), &lim, &out, &d), 0);
	assert_int_equal(d.n, 0);
	jf_buf_reset(&out);
	/* 101 bytes: refused */
	s[99] = 'x';
	s[100] = '\n';
	assert_int_equal(trace(put(s, 101), &lim, &out, &d), -1);
	assert_int_equal(d.n, 1);
	assert_string_equal(d.v[0].file, "t.yaml");
	assert_non_null(strstr(d.v[0].msg, "larger than the limit of 100 bytes"));
	jf_buf_release(&out);
	jf_diags_release(&d);
}

static void test_utf8(void **state)
{
	(void)state;
	expect_error("a: b\nc: d\xff\n", 2, 5, "invalid UTF-8 (byte 0xFF)");
	/* columns count characters, not bytes */
	expect_error("k: 司学\xff\n", 1, 6, "invalid UTF-8");
	expect_error("k: 司学霞\nhead: 司\xe5\x8f\n", 2, 8, "invalid UTF-8 (byte 0x0A)");
	/* overlong forms */
	expect_error("a: \xc0\xaf\n", 1, 4, "invalid UTF-8 (byte 0xC0)");
	expect_error("a: x\xe0\x80\xaf\n", 1, 5, "invalid UTF-8 (byte 0x80)");
	expect_error("a: \xf0\x80\x80\xaf\n", 1, 4, "invalid UTF-8 (byte 0x80)");
	/* surrogates and beyond U+10FFFF */
	expect_error("a: \xed\xa0\x80\n", 1, 4, "invalid UTF-8 (byte 0xA0)");
	expect_error("a: \xf4\x90\x80\x80\n", 1, 4, "invalid UTF-8 (byte 0x90)");
	expect_error("a: \xf5\x80\x80\x80\n", 1, 4, "invalid UTF-8 (byte 0xF5)");
	/* a lone continuation byte */
	expect_error("abc: \x80\n", 1, 6, "invalid UTF-8 (byte 0x80)");
	/* the file ends inside a character */
	expect_error_lim("a: \xe5\x8f", 5, &lim_default, 1, 4, "ends inside a character");
	/* three-byte characters (read a whole one at a time when they can
	 * be): the special ones, bad second or third bytes, the line limit */
	expect_trace("k: \xe2\x80\x9cx\xe2\x80\x9d\xef\xbc\x8c\xe1\x80\x80\xec\xbf\xbf\xee\x80\x80\n",
		     "DS { =k =\xe2\x80\x9cx\xe2\x80\x9d\xef\xbc\x8c\xe1\x80\x80\xec\xbf\xbf\xee\x80\x80 } DE $");
	expect_error("k: 司\xe2\x80\xa8\n", 1, 5, "separator");
	expect_error("k: 司\xef\xbb\xbf\n", 1, 5, "byte order mark");
	expect_error("k: 司\xef\xbf\xbe\n", 1, 5, "noncharacter");
	expect_error("k: 司\xe5\x41\x42\n", 1, 5, "invalid UTF-8 (byte 0x41)");
	expect_error("k: 司\xe5\x8f\x41\n", 1, 5, "invalid UTF-8 (byte 0x41)");
	expect_error("k: 司\xe5\x8f\n", 1, 5, "invalid UTF-8 (byte 0x0A)");
	struct jf_ylimits lim = lim_default;
	lim.max_line = 6;
	expect_trace_lim("a: 司学\n", 10, &lim, "DS { =a =司学 } DE $");
	expect_error_lim("a: 司学霞\n", 13, &lim, 1, 7, "line longer than the limit of 6");
	/* a long line of them, over the chunks libyaml reads, then a bad byte */
	struct jf_buf big = JF_BUF_INIT;
	jf_buf_adds(&big, "# ");
	for (int i = 0; i < 20000; i++)
		jf_buf_adds(&big, i % 3 ? "司" : "，");
	jf_buf_adds(&big, "\xff\n");
	expect_error(big.s, 1, 20003, "invalid UTF-8 (byte 0xFF)");
	jf_buf_release(&big);
	/* largest valid code points pass */
	expect_trace("a: \xf4\x8f\xbf\xbf\xef\xbf\xbd\n", "DS { =a =\xf4\x8f\xbf\xbf\xef\xbf\xbd } DE $");
}

static void test_controls(void **state)
{
	(void)state;
	expect_error_lim("a: b\0c\n", 7, &lim_default, 1, 5, "control character U+0000");
	expect_error("a: b\nn: x\x01y\n", 2, 5, "control character U+0001");
	expect_error("a: \x7f\n", 1, 4, "control character U+007F");
	expect_error("a: \x1b[31m\n", 1, 4, "control character U+001B");
	/* C1 controls are refused like C0 */
	expect_error("a: x\xc2\x85y\n", 1, 5, "control character U+0085");
	expect_error("a: 司\xc2\x9f\n", 1, 5, "control character U+009F");
	/* NUL written as an escape reaches the value: refused there */
	expect_error("a: b\nc: \"x\\0y\"\n", 2, 4, "control character in a value");
}

/* Control characters written as escapes in a double-quoted scalar
 * ("\x01", "\e", "\x85"), and the line breaks of a block scalar, are
 * refused at the scalar: values are one line of text. */
/* The checks pass over plain ASCII eight bytes at a time: a bad byte at
 * any place in or after such words is still found, at its column. */
static void test_controls_in_words(void **state)
{
	static const char *const bad[] = { "\x01", "\x1f", "\x7f", "\xc2\x85", "\xe2\x80\xa8" };
	static const char *const esc[] = { "\\x01", "\\x7f", "\\x85", "\\L", "\\n" };
	char s[128];
	(void)state;
	for (int at = 0; at < 20; at++) {
		for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++) {
			/* raw in the input: refused as it is read, at its column */
			snprintf(s, sizeof s, "key: %.*s%sabcdefghijklmnopqrstu\n", at,
				 "ABCDEFGHIJKLMNOPQRSTUVWXYZ", bad[k]);
			expect_error(s, 1, 6 + (unsigned long)at, k < 3 ? "control character" :
				     k == 3 ? "U+0085" : "separator");
			/* escaped in quotes: refused as a value, where it starts */
			snprintf(s, sizeof s, "key: \"%.*s%sabcdefghijklmnopqrstu\"\n", at,
				 "ABCDEFGHIJKLMNOPQRSTUVWXYZ", esc[k]);
			expect_error(s, 1, 6, "control character in a value");
		}
		/* a tab in a value is fine wherever it stands */
		snprintf(s, sizeof s, "key: \"%.*s\tx\"\n", at, "ABCDEFGHIJKLMNOPQRSTUVWXYZ");
		struct jf_diags d = JF_DIAGS_INIT;
		struct jf_buf out = JF_BUF_INIT;
		assert_int_equal(trace(put(s, strlen(s)), &lim_default, &out, &d), 0);
		assert_int_equal(d.n, 0);
		jf_buf_release(&out);
		jf_diags_release(&d);
	}
}

static void test_escaped_controls(void **state)
{
	(void)state;
	expect_error("a: \"x\\x01y\"\n", 1, 4, "control character");
	expect_error("a: \"\\e[31m\"\n", 1, 4, "control character");
	expect_error("a: \"\\x85\"\n", 1, 4, "control character");
	expect_error("a: \"\\L\"\n", 1, 4, "control character");
	expect_error("a: |\n  x\n  y\n", 1, 4, "control character");
}

static void test_cr(void **state)
{
	struct jf_ylimits lim = lim_default;

	(void)state;
	expect_error("a: b\r\nc: d\r\n", 1, 5, "CR line ends are not allowed");
	expect_error("a: b\nc: d\r\n", 2, 5, "CR line ends are not allowed");
	lim.allow_cr = true;
	expect_trace_lim("a: b\r\nc: d\r\n", 12, &lim, "DS { =a =b =c =d } DE $");
	/* where CR is allowed, only as CRLF: libyaml would take a lone CR
	 * for a line break (a text hidden behind it in a comment, say) */
	expect_error_lim("a: b\rc: d\n", 10, &lim, 1, 6, "a CR not followed by LF");
	expect_error_lim("# x\r# hidden\na: b\n", 19, &lim, 1, 5, "a CR not followed by LF");
	expect_error_lim("a: 司\rb: c\n", 12, &lim, 1, 6, "a CR not followed by LF");
	expect_error_lim("a: b\r\x01\n", 7, &lim, 1, 6, "a CR not followed by LF");
}

/* A document whose line `line` (1-based) starts at byte `at` and is
 * `text`, between lines "kNNNNN: v" of 10 bytes; `at` >= 2. */
static void doc_with_line_at(struct jf_buf *b, size_t at, const char *text, unsigned long *line)
{
	size_t k = (at - 2) / 10, pad = at - 2 - 10 * k;
	jf_buf_setlen(b, 0);
	jf_buf_addc(b, '#');
	for (size_t i = 0; i < pad; i++)
		jf_buf_addc(b, 'x');
	jf_buf_addc(b, '\n');
	for (size_t i = 0; i < k; i++)
		jf_buf_addf(b, "k%05zu: v\n", i);
	assert_int_equal(b->len, at);
	*line = k + 2;
	jf_buf_adds(b, text);
	for (size_t i = 0; i < 8; i++)
		jf_buf_addf(b, "z%05zu: v\n", i);
}

/* d holds one problem: the conflict marker at line `line`, column 1; it
 * is emptied. */
static void assert_marker_at(struct jf_diags *d, unsigned long line)
{
	assert_int_equal(d->n, 1);
	assert_non_null(strstr(d->v[0].msg, "git conflict markers"));
	assert_int_equal(d->v[0].line, line);
	assert_int_equal(d->v[0].col, 1);
	jf_diags_release(d);
}

/* git's conflict markers are found at the start of any line, wherever
 * the reads split the file; lines that only look like them are not. */
static void test_conflict_markers(void **state)
{
	static const char *const marks[] = {
		"<<<<<<< HEAD\n", "=======\n", "||||||| base\n", ">>>>>>> theirs\n",
	};
	static const char *const not_marks[] = {
		"=======: 1\n", "======: 1\n", "<<<<<<<: 1\n", "=: 1\n", "\n",
	};
	struct jf_buf b = JF_BUF_INIT;
	unsigned long line;

	(void)state;
	expect_error("a: b\n<<<<<<< HEAD\nc: d\n", 2, 1, "git conflict markers");
	expect_error("<<<<<<< HEAD\na: b\n", 1, 1, "git conflict markers");
	expect_error("a: b\n=======\n", 2, 1, "git conflict markers");
	expect_error("a: >\n  x\n||||||| base\n", 3, 1, "git conflict markers");
	expect_error("a: 'x\n>>>>>>> theirs\n", 2, 1, "git conflict markers");
	/* the first of two, in byte order, whatever its kind */
	expect_error("a: b\n>>>>>>> t\n<<<<<<< h\n", 2, 1, "git conflict markers");
	/* before a problem later in the same read */
	expect_error("a: b\n=======\nc: \x01\n", 2, 1, "git conflict markers");
	expect_trace("a: '<<<<<<< x'\nb: =======\n", "DS { =a =<<<<<<< x =b ======== } DE $");
	expect_trace("=======: 1\n<<<<<<<: 2\n", "DS { ======== =1 =<<<<<<< =2 } DE $");
	/* around the reads' boundaries (libyaml asks for 16 KiB at a time) */
	for (size_t base = 16384; base <= 3 * 16384; base += 16384)
		for (size_t at = base - 14; at <= base + 3; at++) {
			for (size_t m = 0; m < sizeof marks / sizeof *marks; m++) {
				struct jf_diags d = JF_DIAGS_INIT;
				struct jf_buf out = JF_BUF_INIT;
				doc_with_line_at(&b, at, marks[m], &line);
				assert_int_equal(trace(put(b.s, b.len), &lim_default, &out, &d), -1);
				assert_marker_at(&d, line);
				jf_buf_release(&out);
				/* the same read from memory */
				struct jf_yread r;
				struct jf_yev ev;
				int rc;
				jf_yread_mem(&r, b.s, b.len, "m.yaml", &lim_default, &d);
				set_mode(&r);
				while ((rc = jf_yread_next(&r, &ev)) > 0)
					;
				assert_int_equal(rc, -1);
				assert_int_equal(jf_yread_close(&r), JF_OK);
				assert_marker_at(&d, line);
			}
			for (size_t m = 0; m < sizeof not_marks / sizeof *not_marks; m++) {
				struct jf_diags d = JF_DIAGS_INIT;
				struct jf_buf out = JF_BUF_INIT;
				doc_with_line_at(&b, at, not_marks[m], &line);
				assert_int_equal(trace(put(b.s, b.len), &lim_default, &out, &d), 0);
				assert_int_equal(d.n, 0);
				jf_buf_release(&out);
			}
		}
	jf_buf_release(&b);
}

static void test_syntax_error(void **state)
{
	struct jf_diags d = JF_DIAGS_INIT;
	struct jf_buf out = JF_BUF_INIT;

	(void)state;
	assert_int_equal(trace(puts0("a: b\nc: [x, y\n"), &lim_default, &out, &d), -1);
	assert_int_equal(d.n, 1);
	assert_string_equal(d.v[0].file, "t.yaml");
	assert_true(d.v[0].line >= 2);
	assert_true(d.v[0].col >= 1);
	jf_diags_release(&d);
	jf_buf_reset(&out);
	/* a mapping value where none may be: libyaml's mark, 1-based */
	assert_int_equal(trace(puts0("a: b\n  note: a: b\n"), &lim_default, &out, &d), -1);
	assert_int_equal(d.n, 1);
	assert_int_equal(d.v[0].line, 2);
	jf_diags_release(&d);
	jf_buf_release(&out);
}

/* After an error the reader stays failed and reports only once. */
static void test_error_once(void **state)
{
	struct jf_diags d = JF_DIAGS_INIT;
	struct jf_yread r;
	struct jf_yev ev;
	int rc;

	(void)state;
	assert_int_equal(yopen(&r, puts0("a: 1\nb: *x\nc: 2\n"), "t.yaml",
				       &lim_default, &d), JF_OK);
	while ((rc = jf_yread_next(&r, &ev)) > 0)
		;
	assert_int_equal(rc, -1);
	assert_int_equal(jf_yread_next(&r, &ev), -1);
	assert_int_equal(jf_yread_next(&r, &ev), -1);
	assert_int_equal(d.n, 1);
	assert_int_equal(jf_yread_close(&r), JF_OK);
	jf_diags_release(&d);

	/* an input error too */
	assert_int_equal(yopen(&r, puts0("a: \xff\nb: \xff\n"), "t.yaml",
				       &lim_default, &d), JF_OK);
	while ((rc = jf_yread_next(&r, &ev)) > 0)
		;
	assert_int_equal(rc, -1);
	assert_int_equal(jf_yread_next(&r, &ev), -1);
	assert_int_equal(d.n, 1);
	assert_int_equal(jf_yread_close(&r), JF_OK);
	jf_diags_release(&d);
}

static void test_skip(void **state)
{
	struct jf_diags d = JF_DIAGS_INIT;
	struct jf_yread r;
	struct jf_yev ev;

	(void)state;
	assert_int_equal(yopen(&r, puts0("a: {x: [1, {y: 2}], z: 3}\nb: c\n"),
				       "t.yaml", &lim_default, &d), JF_OK);
	assert_int_equal(jf_yread_next(&r, &ev), 1); /* DS */
	assert_int_equal(jf_yread_next(&r, &ev), 1); /* { */
	assert_int_equal(jf_yread_next(&r, &ev), 1); /* a */
	assert_string_equal(ev.value, "a");
	assert_int_equal(jf_yread_next(&r, &ev), 1);
	assert_int_equal(ev.type, JF_YEV_MAP_START);
	assert_true(ev.flow);
	assert_int_equal(jf_yread_skip(&r), 0);
	assert_int_equal(jf_yread_next(&r, &ev), 1);
	assert_int_equal(ev.type, JF_YEV_SCALAR);
	assert_string_equal(ev.value, "b");
	assert_int_equal(ev.line, 2);
	assert_int_equal(jf_yread_next(&r, &ev), 1);
	assert_string_equal(ev.value, "c");
	assert_int_equal(jf_yread_close(&r), JF_OK);
	assert_int_equal(d.n, 0);

	/* an error inside the skipped part is an error */
	assert_int_equal(yopen(&r, puts0("a: [1, *x]\n"), "t.yaml",
				       &lim_default, &d), JF_OK);
	for (int i = 0; i < 4; i++)
		assert_int_equal(jf_yread_next(&r, &ev), 1);
	assert_int_equal(ev.type, JF_YEV_SEQ_START);
	assert_int_equal(jf_yread_skip(&r), -1);
	assert_int_equal(d.n, 1);
	assert_non_null(strstr(d.v[0].msg, "aliases"));
	jf_yread_close(&r);
	jf_diags_release(&d);
}

/* The reader parses events ahead in batches (yread.c, struct jf_yahead);
 * what the caller sees must not show it.  Many events across batches, with
 * values longer than a batch's text budget, quoted and block scalars among
 * them: every value, line and column in order. */
static void test_ahead_events(void **state)
{
	static const struct jf_ylimits lim = {
		.max_bytes = 1 << 24, .max_scalar = 1 << 16, .max_depth = 8,
	};
	struct jf_buf b = JF_BUF_INIT, v = JF_BUF_INIT;
	struct jf_diags d = JF_DIAGS_INIT;
	struct jf_yread r;
	struct jf_yev ev;
	enum { N = 3000 };

	(void)state;
	for (int i = 0; i < N; i++) {
		jf_buf_addf(&b, "k%d: ", i);
		if (i % 500 == 7) {
			for (int k = 0; k < 20000; k++)
				jf_buf_addc(&b, (char)('a' + (i + k) % 26));
			jf_buf_addc(&b, '\n');
		} else if (i % 250 == 3) {
			jf_buf_addf(&b, ">-\n  line a %d\n  line b\n", i);
		} else if (i % 3 == 1) {
			jf_buf_addf(&b, "'q %d'\n", i);
		} else {
			jf_buf_addf(&b, "v%d\n", i);
		}
	}
	assert_int_equal(yopen(&r, put(b.s, b.len), "t.yaml", &lim, &d), JF_OK);
	assert_int_equal(jf_yread_next(&r, &ev), 1);
	assert_int_equal(ev.type, JF_YEV_DOC_START);
	assert_int_equal(jf_yread_next(&r, &ev), 1);
	assert_int_equal(ev.type, JF_YEV_MAP_START);
	unsigned long line = 1;
	for (int i = 0; i < N; i++) {
		char key[16];
		snprintf(key, sizeof key, "k%d", i);
		assert_int_equal(jf_yread_next(&r, &ev), 1);
		assert_int_equal(ev.type, JF_YEV_SCALAR);
		assert_string_equal(ev.value, key);
		assert_int_equal(ev.line, line);
		assert_int_equal(ev.col, 1);
		assert_false(ev.quoted);
		assert_int_equal(jf_yread_next(&r, &ev), 1);
		assert_int_equal(ev.type, JF_YEV_SCALAR);
		assert_int_equal(ev.line, line);
		assert_int_equal(ev.col, strlen(key) + 3);
		jf_buf_reset(&v);
		if (i % 500 == 7) {
			for (int k = 0; k < 20000; k++)
				jf_buf_addc(&v, (char)('a' + (i + k) % 26));
			assert_false(ev.quoted);
		} else if (i % 250 == 3) {
			jf_buf_addf(&v, "line a %d line b", i);
			assert_true(ev.quoted);
			line += 2;
		} else if (i % 3 == 1) {
			jf_buf_addf(&v, "q %d", i);
			assert_true(ev.quoted);
		} else {
			jf_buf_addf(&v, "v%d", i);
			assert_false(ev.quoted);
		}
		assert_int_equal(ev.len, v.len);
		assert_memory_equal(ev.value, v.s, v.len + 1);
		line++;
	}
	assert_int_equal(jf_yread_next(&r, &ev), 1);
	assert_int_equal(ev.type, JF_YEV_MAP_END);
	assert_int_equal(jf_yread_next(&r, &ev), 1);
	assert_int_equal(ev.type, JF_YEV_DOC_END);
	assert_int_equal(jf_yread_next(&r, &ev), 0);
	struct jf_ywhere w;
	jf_yread_where(&r, &w);
	assert_int_equal(w.bytes, b.len);
	assert_int_equal(w.line, line);
	assert_int_equal(jf_yread_close(&r), JF_OK);
	assert_int_equal(d.n, 0);
	jf_buf_release(&b);
	jf_buf_release(&v);
}

/* jf_yread_where() tells where the reader stood at the event returned
 * last, not how far it has parsed ahead: past the value's end (libyaml
 * reads on to see it end), by at most one read of libyaml's (16 KiB)
 * and the value itself. */
static void test_ahead_where(void **state)
{
	static const struct jf_ylimits lim = {
		.max_bytes = 1 << 24, .max_scalar = 1 << 16, .max_depth = 8,
	};
	struct jf_buf b = JF_BUF_INIT;
	struct jf_diags d = JF_DIAGS_INIT;
	struct jf_yread r;
	struct jf_yev ev;
	struct jf_ywhere w;
	enum { N = 400, LEN = 500 };
	uint64_t end[N];

	(void)state;
	for (int i = 0; i < N; i++) {
		jf_buf_addf(&b, "k%03d: ", i);
		for (int k = 0; k < LEN; k++)
			jf_buf_addc(&b, (char)('a' + k % 26));
		end[i] = b.len;
		jf_buf_addc(&b, '\n');
	}
	assert_int_equal(yopen(&r, put(b.s, b.len), "t.yaml", &lim, &d), JF_OK);
	uint64_t lead = 0, last = 0;
	int i = -1;
	while (jf_yread_next(&r, &ev) > 0) {
		jf_yread_where(&r, &w);
		assert_true(w.bytes >= last);
		last = w.bytes;
		if (ev.type != JF_YEV_SCALAR || ev.len != LEN)
			continue;
		i++;
		assert_int_equal(ev.line, (unsigned long)i + 1);
		assert_true(w.bytes > end[i]);
		if (w.bytes - end[i] > lead)
			lead = w.bytes - end[i];
	}
	assert_int_equal(i, N - 1);
	assert_true(lead <= 16384 + LEN + 16);
	assert_int_equal(jf_yread_close(&r), JF_OK);
	assert_int_equal(d.n, 0);
	jf_buf_release(&b);
}

/* What the reader reports of a bad byte it met while parsing ahead comes
 * after what the caller reported of the events before it, and not at all
 * if the caller stops before them. */
static void test_ahead_diag_order(void **state)
{
	struct jf_diags d = JF_DIAGS_INIT;
	struct jf_yread r;
	struct jf_yev ev;
	int rc;

	(void)state;
	assert_int_equal(yopen(&r, puts0("a: 1\nb: 2\nc: 3\nd: \xff\n"), "t.yaml",
				       &lim_default, &d), JF_OK);
	for (int i = 0; i < 3; i++)
		assert_int_equal(jf_yread_next(&r, &ev), 1);
	assert_string_equal(ev.value, "a");
	jf_error_at(&d, "t.yaml", ev.line, ev.col, "mine");
	while ((rc = jf_yread_next(&r, &ev)) > 0)
		;
	assert_int_equal(rc, -1);
	assert_int_equal(d.n, 2);
	assert_string_equal(d.v[0].msg, "mine");
	assert_non_null(strstr(d.v[1].msg, "invalid UTF-8"));
	assert_int_equal(d.v[1].line, 4);
	assert_int_equal(d.v[1].col, 4);
	assert_int_equal(jf_yread_close(&r), JF_OK);
	jf_diags_release(&d);

	/* the caller stops at the first event: nothing to report */
	assert_int_equal(yopen(&r, puts0("a: 1\nb: 2\nc: 3\nd: \xff\n"), "t.yaml",
				       &lim_default, &d), JF_OK);
	assert_int_equal(jf_yread_next(&r, &ev), 1);
	assert_int_equal(ev.type, JF_YEV_DOC_START);
	assert_int_equal(jf_yread_close(&r), JF_OK);
	assert_int_equal(d.n, 0);
	jf_diags_release(&d);
}

static void test_fd_not_closed(void **state)
{
	struct jf_diags d = JF_DIAGS_INIT;
	struct jf_buf out = JF_BUF_INIT;
	struct jf_yread r;
	struct jf_yev ev;
	int fd = open(puts0("a: b\n"), O_RDONLY);

	(void)state;
	assert_true(fd >= 0);
	jf_yread_fd(&r, fd, "given.yaml", &lim_default, &d);
	set_mode(&r);
	while (jf_yread_next(&r, &ev) > 0)
		if (ev.type == JF_YEV_SCALAR)
			jf_buf_adds(&out, ev.value);
	assert_int_equal(jf_yread_close(&r), JF_OK);
	assert_string_equal(out.s, "ab");
	assert_true(fcntl(fd, F_GETFD) >= 0); /* still open */
	close(fd);
	jf_buf_release(&out);
	assert_int_equal(d.n, 0);
}

static void test_open_missing(void **state)
{
	struct jf_diags d = JF_DIAGS_INIT;
	struct jf_yread r;
	char path[128];

	(void)state;
	snprintf(path, sizeof path, "%s/no-such.yaml", tmpdir);
	assert_int_equal(yopen(&r, path, "no-such.yaml", &lim_default, &d), JF_SYSTEM);
	assert_int_equal(d.n, 1);
	assert_non_null(strstr(d.v[0].msg, "cannot open 'no-such.yaml'"));
	/* closing the failed reader is harmless */
	assert_int_equal(jf_yread_close(&r), JF_OK);
	jf_diags_release(&d);
}

/* ---- trees ---- */

static enum jf_status tree(const char *text, struct jf_ynode **root, struct jf_diags *d)
{
	return jf_yread_tree(puts0(text), "s.yaml", &lim_default, root, d);
}

static void test_tree(void **state)
{
	struct jf_diags d = JF_DIAGS_INIT;
	struct jf_ynode *root = (struct jf_ynode *)1;

	(void)state;
	assert_int_equal(tree("township: 龙渠乡\nvillages:\n  - {code: XB, name: 下堡村}\n"
			      "  - code: LQ\n    name: 龙渠村\nlow_stock: 012\n", &root, &d), JF_OK);
	assert_int_equal(d.n, 0);
	assert_non_null(root);
	assert_int_equal(root->type, JF_YN_MAP);
	assert_int_equal(root->nkids, 6);
	assert_string_equal(root->kids[0]->value, "township");
	assert_string_equal(root->kids[1]->value, "龙渠乡");
	assert_int_equal(root->kids[1]->line, 1);
	assert_int_equal(root->kids[1]->col, 11);
	struct jf_ynode *v = root->kids[3];
	assert_int_equal(v->type, JF_YN_SEQ);
	assert_int_equal(v->nkids, 2);
	assert_int_equal(v->kids[0]->type, JF_YN_MAP);
	assert_int_equal(v->kids[0]->nkids, 4);
	assert_string_equal(v->kids[0]->kids[3]->value, "下堡村");
	assert_int_equal(v->kids[1]->line, 4);
	assert_int_equal(v->kids[1]->col, 5);
	assert_string_equal(v->kids[1]->kids[2]->value, "name");
	assert_int_equal(v->kids[1]->kids[2]->line, 5);
	assert_int_equal(v->kids[1]->kids[2]->col, 5);
	assert_string_equal(root->kids[5]->value, "012");
	jf_ynode_free(root);
	jf_ynode_free(NULL);

	/* an empty file is no tree */
	root = (struct jf_ynode *)1;
	assert_int_equal(tree("", &root, &d), JF_OK);
	assert_null(root);
	root = (struct jf_ynode *)1;
	assert_int_equal(tree("# nothing\n", &root, &d), JF_OK);
	assert_null(root);
	assert_int_equal(d.n, 0);
}

static void expect_tree_error(const char *text, unsigned long line, unsigned long col,
			      const char *want)
{
	struct jf_diags d = JF_DIAGS_INIT;
	struct jf_ynode *root = (struct jf_ynode *)1;

	assert_int_equal(tree(text, &root, &d), JF_INVALID);
	assert_null(root);
	assert_true(d.n >= 1);
	assert_string_equal(d.v[0].file, "s.yaml");
	if (!strstr(d.v[0].msg, want) || d.v[0].line != line || d.v[0].col != col)
		print_error("want %lu:%lu ...%s..., got %lu:%lu %s\n", line, col, want,
			    d.v[0].line, d.v[0].col, d.v[0].msg);
	assert_non_null(strstr(d.v[0].msg, want));
	assert_int_equal(d.v[0].line, line);
	assert_int_equal(d.v[0].col, col);
	jf_diags_release(&d);
}

static void test_tree_errors(void **state)
{
	struct jf_diags d = JF_DIAGS_INIT;
	struct jf_ynode *root;

	(void)state;
	expect_tree_error("a: 1\nb: 2\na: 3\n", 3, 1, "duplicate key 'a'");
	expect_tree_error("v:\n  - code: XB\n    name: x\n    code: LQ\n", 4, 5,
			  "duplicate key 'code'");
	expect_tree_error("v: {a: 1, a: 1}\n", 1, 11, "duplicate key 'a'");
	expect_tree_error("a: 1\n---\nb: 2\n", 2, 1, "only one document");
	expect_tree_error("? [x]\n: y\n", 1, 3, "a key must be plain text");
	expect_tree_error("a: *x\n", 1, 4, "aliases");
	expect_tree_error("a: b\xff\n", 1, 5, "invalid UTF-8");
	/* every duplicate is reported, not only the first */
	assert_int_equal(tree("a: 1\na: 2\nb: 1\nb: 2\n", &root, &d), JF_INVALID);
	assert_int_equal(d.n, 2);
	assert_int_equal(d.v[1].line, 4);
	jf_diags_release(&d);
	/* the same key in different mappings is fine */
	assert_int_equal(tree("- code: a\n- code: a\n", &root, &d), JF_OK);
	assert_int_equal(d.n, 0);
	jf_ynode_free(root);
	/* a missing file */
	assert_int_equal(jf_yread_tree("/nonexistent/jf.yaml", "jf.yaml", &lim_default,
				       &root, &d), JF_SYSTEM);
	assert_null(root);
	assert_int_equal(d.n, 1);
	jf_diags_release(&d);
}

static void test_tree_depth(void **state)
{
	struct jf_diags d = JF_DIAGS_INIT;
	struct jf_ynode *root = NULL;
	struct jf_ylimits lim = lim_default;
	char *s = malloc(100001);

	(void)state;
	assert_non_null(s);
	memset(s, '[', 100000);
	s[100000] = '\0';
	lim.max_depth = 4;
	assert_int_equal(jf_yread_tree(puts0(s), "s.yaml", &lim, &root, &d), JF_INVALID);
	assert_null(root);
	assert_int_equal(d.n, 1);
	assert_int_equal(d.v[0].col, 5);
	jf_diags_release(&d);
	free(s);
}

/* ---- events from tokens: the same as libyaml's parser makes ---- */

/* Everything a caller sees of a read of n bytes (from a file, or from
 * memory), one way: each event with its place and where the reader
 * stands after it, the last result, the diagnostics and the status. */
static void dump(const char *bytes, size_t n, int how, bool tokens,
		 const struct jf_ylimits *lim, struct jf_buf *out)
{
	struct jf_diags d = JF_DIAGS_INIT;
	struct jf_yread r;
	struct jf_yev ev;
	struct jf_ywhere w;
	struct jf_hash h;
	int rc, fd = -1;

	jf_hash_init(&h);
	jf_hash_update(&h, "seed", 4);
	if (how == 0) {
		assert_int_equal(jf_yread_open(&r, put(bytes, n), "d.yaml", lim, &d), JF_OK);
		jf_yread_set(&r, &(struct jf_yread_opts){ .tokens = tokens, .hash = &h });
	} else if (how == 1) {
		jf_yread_mem(&r, bytes, n, "d.yaml", lim, &d);
		jf_yread_set(&r, &(struct jf_yread_opts){ .tokens = tokens, .hash = &h });
	} else {
		/* a tail, as a cached file's is read: from the first line
		 * past a third of it, to 8 bytes before its end */
		const char *nl = memchr(bytes + n / 3, '\n', n - n / 3);
		size_t at = nl ? (size_t)(nl - bytes) + 1 : n, upto = n > at + 8 ? n - 8 : n;
		unsigned long lines = 0;
		for (size_t i = 0; i < at; i++)
			lines += bytes[i] == '\n';
		fd = open(put(bytes, n), O_RDONLY);
		assert_true(fd >= 0);
		assert_int_equal(lseek(fd, (off_t)at, SEEK_SET), (off_t)at);
		jf_yread_fd(&r, fd, "d.yaml", lim, &d);
		jf_yread_set(&r, &(struct jf_yread_opts){ .tokens = tokens, .hash = &h,
							 .limit = upto - at, .line_base = lines });
		if (upto == at) /* nothing to read: limit 0 is "all" */
			jf_yread_set(&r, &(struct jf_yread_opts){ .tokens = tokens, .hash = &h,
								 .line_base = lines });
	}
	jf_buf_reset(out);
	while ((rc = jf_yread_next(&r, &ev)) > 0) {
		jf_yread_where(&r, &w);
		jf_buf_addf(out, "%d %lu:%lu f%d m%d q%d [%zu:", (int)ev.type, ev.line, ev.col,
			    ev.flow, ev.marker, ev.quoted, ev.len);
		if (ev.type == JF_YEV_SCALAR)
			jf_buf_add(out, ev.value, ev.len);
		jf_buf_addf(out, "] @%llu/%lu\n", (unsigned long long)w.bytes, w.line);
	}
	jf_yread_where(&r, &w);
	jf_buf_addf(out, "rc %d @%llu/%lu se%d sl%lu\n", rc, (unsigned long long)w.bytes, w.line,
		    w.syntax_error, w.syntax_line);
	jf_buf_addf(out, "close %d hash %016llx\n", (int)jf_yread_close(&r),
		    (unsigned long long)jf_hash_value(&h));
	if (fd >= 0)
		assert_int_equal(close(fd), 0);
	jf_diags_format(&d, "t", out);
	jf_diags_release(&d);
}

static void expect_same(const char *bytes, size_t n, const struct jf_ylimits *lim)
{
	static const char *const hows[] = { "file", "memory", "tail" };
	struct jf_buf a = JF_BUF_INIT, b = JF_BUF_INIT;
	for (int how = 0; how < 3; how++) {
		dump(bytes, n, how, false, lim, &a);
		dump(bytes, n, how, true, lim, &b);
		if (strcmp(a.s, b.s)) {
			print_error("input (%zu bytes, %s):\n%.*s\n--- events:\n%s--- tokens:\n%s",
				    n, hows[how], (int)n, bytes, a.s, b.s);
			fail();
		}
	}
	jf_buf_release(&a);
	jf_buf_release(&b);
}

static const char *const same_cases[] = {
	"",
	"\n",
	"# only a comment\n",
	"- id: A\n  date: 2026-01-01\n  kind: earn\n  points: 5\n- id: B\n  note:\n  by: x\n",
	"---\n- a: 1\n",
	"--- \n",
	"---\n",
	"--- a\n",
	"- a: 1\n...\n",
	"- a: 1\n---\n- b: 2\n",
	"%YAML 1.1\n---\n- a\n",
	"%TAG !e! tag:e.org,2000:\n--- !e!x\n- a\n",
	"a: 1\nb:\nc: 3\n",
	"a:\n  - 1\n  -\n  - 3\n",
	"a:\n- 1\n- 2\nb: 3\n",
	"a:\n-\n- x: 1\n  y:\nb: c\n",
	"- - - 1\n    - 2\n  - 3\n-\n",
	"- \n- a\n",
	"? a\n: b\n? c\n",
	": x\n",
	"a: b: c\n",
	"a: 'q''uo'\nb: \"d\\tq\"\nc: |\n  lit\n  eral\nd: >\n  fol\n  ded\ne: plain\n  more\n",
	"a: {x: 1, y: [2, 3]}\n",
	"- [1, 2]\n- {a: b}\n",
	"a: &x 1\nb: *x\n",
	"a: !!str 1\n",
	"- !t\n- &a\n",
	"a: 1\n b: 2\n",
	"- a\nb: 1\n",
	"a: 1\n- b\n",
	"- a: 1\n   b: 2\n",
	"a: \"unterminated\n",
	"a: 'x\n\n",
	"a:\tb\n",
	"\ta: b\n",
	"- a: 1\n\t- b\n",
	"a: b\n\x01\n",
	"a: \xff\n",
	"a: \xe4\xb8\n",
	"a: 1\r\n",
	"<<<<<<< HEAD\na: 1\n=======\na: 2\n>>>>>>> x\n",
	"- a: 1\n<<<<<<< ours\n- b: 2\n",
	"a: 1\n|||||||\n",
	"a: [1,\n",
	"a: {\n",
	"[\n",
	"]\n",
	"}\n",
	"- a\n  - b\n",
	"key with spaces: value with: colon\n",
	"a: 1 # comment\n# c\nb: 2\n",
	"a: -\n",
	"-\n-\n-\n",
	"- -\n",
	"a:\n  b:\n    c:\n      d:\n        e:\n          f:\n            g:\n              h:\n                i: 1\n",
	"- 下堡村: 龙渠乡\n  备注: 一二三\n",
	"a: 1\n\n\n\nb: 2",
	"a: 1\nb",
	"- id: X\n  note: '",
	"@a\n",
	"`a\n",
	"a: @b\n",
	"? - a\n  - b\n: c\n",
	"a:\n  ? b\n  : c\n",
	"- ? a\n",
	"a: !<tag:x> b\n",
	"? a\n? b\n",
	"? a\n? b\n: c\n? d\n",
	"a:\n? b\n",
	"?\n:\n",
	"? \n: \n? x\n",
	"a:\n-\n: b\n",
	"a:\n- x\n: y\n",
	"a:\n- x\n? y\n",
	"a:\n- x\n-\nb:\n- y\n",
	"- a:\n  - b\n  c: d\n",
	"-\n  - a\n  -\n",
	"- ? a\n  : b\n",
	"a:\n  b:\n  c:\nd:\n",
	"a: b\n...\n",
	"--- a\n--- b\n",
	"---\n---\n",
	"--- |\n  x\n",
	"...\n",
	"- a # c\n# d\n- b\n",
};

static void test_tokens_same(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof same_cases / sizeof *same_cases; i++)
		expect_same(same_cases[i], strlen(same_cases[i]), &lim_default);
	/* a NUL in the middle */
	expect_same("a: 1\nb\0: 2\n", 11, &lim_default);
	/* past the depth the tokens are made for (64): libyaml's then */
	struct jf_ylimits deep = lim_default;
	deep.max_depth = 200;
	struct jf_buf b = JF_BUF_INIT;
	for (int i = 0; i < 100; i++)
		jf_buf_addf(&b, "%*s- \n", 0, "");
	jf_buf_reset(&b);
	for (int i = 0; i < 100; i++)
		jf_buf_addf(&b, "%*sa:\n", 2 * i, "");
	expect_same(b.s, b.len, &deep);
	expect_same(b.s, b.len, &lim_default);
	/* batches and reads: many entries, one bad byte far in */
	jf_buf_reset(&b);
	for (int i = 0; i < 3000; i++)
		jf_buf_addf(&b, "- id: E%d\n  note: %s\n  qty: %d\n", i, i % 3 ? "x" : "", i);
	expect_same(b.s, b.len, &lim_default);
	size_t good = b.len;
	jf_buf_adds(&b, "- id: {\n");
	expect_same(b.s, b.len, &lim_default);
	jf_buf_setlen(&b, good);
	jf_buf_adds(&b, "- id: &a x\n");
	expect_same(b.s, b.len, &lim_default);
	jf_buf_setlen(&b, good);
	jf_buf_adds(&b, "- id: \xc3\n");
	expect_same(b.s, b.len, &lim_default);
	/* a value past the scalar limit */
	struct jf_ylimits small = lim_default;
	small.max_scalar = 16;
	expect_same("a: 0123456789abcdefghij\nb: 1\n", 29, &small);
	jf_buf_release(&b);
}

/* Random changes to a ledger: each read both ways gives the same. */
static void test_tokens_same_mutants(void **state)
{
	static const char alphabet[] = "-:?{}[],&*!|>'\"#%@` \n\n\n\t\r\\abz09\xe4\xb8\x80\xff\x01.";
	static const char base[] =
		"- id: 01JZ8Q3W5V00000000000001\n"
		"  date: 2026-03-01\n"
		"  kind: earn\n"
		"  household: XB-017\n"
		"  note: 清扫 'a' \"b\"\n"
		"  points: 5\n"
		"- id: 01JZ8Q3W5V00000000000002\n"
		"  kind: void\n"
		"  ref: 01JZ8Q3W5V00000000000001\n"
		"  items:\n"
		"  - {code: soap, qty: 2}\n"
		"  - code: salt\n"
		"    qty: 1\n"
		"  reason:\n"
		"- id: X\n";
	static const char base2[] =
		"? a\n"
		": - x\n"
		"  -\n"
		"  - ? y\n"
		"    : z\n"
		"b:\n"
		"- c\n"
		"-\n"
		"d:\n"
		"  e: 'f'\n"
		"  g:\n"
		"    - h: |\n"
		"        i\n"
		"? j\n";
	struct jf_buf b = JF_BUF_INIT;
	uint64_t seed = 0x2545F4914F6CDD1DULL;
	(void)state;
	for (int m = 0; m < 4000; m++) {
		jf_buf_reset(&b);
		if (m % 2)
			jf_buf_add(&b, base, sizeof base - 1);
		else
			jf_buf_add(&b, base2, sizeof base2 - 1);
		int edits = 1 + m % 4;
		for (int k = 0; k < edits; k++) {
			seed ^= seed << 13, seed ^= seed >> 7, seed ^= seed << 17;
			size_t at = (size_t)(seed >> 8) % (b.len + 1);
			char c = alphabet[(seed >> 40) % (sizeof alphabet - 1)];
			switch ((seed >> 56) % 3) {
			case 0: /* replace */
				if (at < b.len)
					b.s[at] = c;
				break;
			case 1: /* insert */
				jf_buf_addc(&b, '\0');
				memmove(b.s + at + 1, b.s + at, b.len - 1 - at);
				b.s[at] = c;
				break;
			default: /* delete */
				if (at < b.len) {
					memmove(b.s + at, b.s + at + 1, b.len - at - 1);
					jf_buf_setlen(&b, b.len - 1);
				}
				break;
			}
		}
		expect_same(b.s, b.len, &lim_default);
	}
	jf_buf_release(&b);
}

/* The input changed while the reader made events from tokens, before it
 * read the input again with libyaml's parser: with a hash (the cache
 * keeps one of the bytes read) the bytes read again are compared, and the
 * reader fails rather than give events of the old bytes and a hash of the
 * new.  (Without a hash the read is as any read of a file that changes
 * while it is read.) */
static void changed_between(bool shift)
{
	struct jf_buf b = JF_BUF_INIT, m = JF_BUF_INIT;
	struct jf_diags d = JF_DIAGS_INIT;
	struct jf_yread r;
	struct jf_yev ev;
	struct jf_hash h;
	int rc, n = 0;

	for (int i = 0; i < 3000; i++)
		jf_buf_addf(&b, "- id: E%d\n  qty: %d\n", i, i);
	jf_buf_adds(&b, "- id: {flow: mapping}\n"); /* read again from here */
	const char *path = put(b.s, b.len);
	jf_hash_init(&h);
	assert_int_equal(jf_yread_open(&r, path, "c.yaml", &lim_default, &d), JF_OK);
	jf_yread_set(&r, &(struct jf_yread_opts){ .tokens = true, .hash = &h });
	while ((rc = jf_yread_next(&r, &ev)) > 0 && ++n < 20)
		;
	assert_int_equal(rc, 1);
	/* the first entry's id changed, in place */
	int fd = open(path, O_WRONLY);
	assert_true(fd >= 0);
	if (shift) {
		jf_buf_reset(&m);
		jf_buf_addf(&m, "- id: EE0\n");
		jf_buf_add(&m, b.s + 9, b.len - 9);
		assert_int_equal(pwrite(fd, m.s, m.len, 0), (ssize_t)m.len);
	} else {
		assert_int_equal(pwrite(fd, "F", 1, 6), 1);
	}
	assert_int_equal(close(fd), 0);
	while ((rc = jf_yread_next(&r, &ev)) > 0)
		;
	if (rc != -1)
		print_error("shift %d: rc %d\n", shift, rc);
	assert_int_equal(rc, -1);
	jf_buf_reset(&m);
	jf_diags_format(&d, "t", &m);
	if (!strstr(m.s, "the file changed while it was read") || d.n != 1)
		print_error("%s", m.s);
	assert_non_null(strstr(m.s, "the file changed while it was read"));
	assert_int_equal(d.n, 1);
	assert_int_equal(jf_yread_close(&r), JF_OK);
	jf_diags_release(&d);
	jf_buf_release(&b);
	jf_buf_release(&m);
}

static void test_tokens_changed(void **state)
{
	(void)state;
	changed_between(false);
	changed_between(true);
}

int main(void)
{
	/* each test reads as libyaml's parser makes the events, then again
	 * with the events made from tokens (jf_yread_opts.tokens) */
#define T2(f) cmocka_unit_test(f), cmocka_unit_test_setup_teardown(f, tok_on, tok_off)
	const struct CMUnitTest tests[] = {
		T2(test_events),
		T2(test_scalars_are_text),
		T2(test_positions),
		T2(test_aliases_anchors_tags),
		T2(test_directives),
		T2(test_depth),
		T2(test_depth_hostile),
		T2(test_scalar_limit),
		T2(test_file_limit),
		T2(test_utf8),
		T2(test_controls),
		T2(test_controls_in_words),
		T2(test_escaped_controls),
		T2(test_cr),
		T2(test_conflict_markers),
		T2(test_syntax_error),
		T2(test_error_once),
		T2(test_skip),
		T2(test_ahead_events),
		T2(test_ahead_where),
		T2(test_ahead_diag_order),
		T2(test_fd_not_closed),
		T2(test_open_missing),
		T2(test_tree),
		T2(test_tree_errors),
		T2(test_tree_depth),
		cmocka_unit_test(test_tokens_same),
		cmocka_unit_test(test_tokens_same_mutants),
		cmocka_unit_test(test_tokens_changed),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
