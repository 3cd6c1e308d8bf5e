/* test_merge.c - the ledger merge (merge.h), git as a child (gitrun.h) and
 * the --since proof's argument checks (since.h). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "gitrun.h"
#include "merge.h"
#include "since.h"

#define E(id) "- id: " id "\n  date: 2026-11-27\n  kind: earn\n  by: x\n"

struct fx {
	struct jf_diags d;
	struct jf_buf out;
};

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof *f);
	jf_diags_init(&f->d);
	jf_buf_init(&f->out);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	jf_diags_release(&f->d);
	jf_buf_release(&f->out);
	assert_int_equal(f->d.n, 0);
	assert_null(f->d.v);
	assert_int_equal(f->out.len, 0);
	free(f);
	return 0;
}

static enum jf_status merge3(struct fx *f, const char *b, const char *o, const char *t)
{
	struct jf_mtext mb = { b, strlen(b) }, mo = { o, strlen(o) }, mt = { t, strlen(t) };
	jf_buf_reset(&f->out);
	return jf_merge("ledger/x.yaml", &mb, &mo, &mt, &f->out, &f->d);
}

/* Does some diagnostic's message contain s? */
static bool said(const struct fx *f, const char *s)
{
	for (size_t i = 0; i < f->d.n; i++)
		if (strstr(f->d.v[i].msg, s))
			return true;
	return false;
}

static void test_split(void **state)
{
	static const char text[] =
		"# head\n"          /* 1 */
		"- id: A\n"         /* 2 */
		"  by: x\n"         /* 3 */
		"\n"                /* 4 */
		"  # inside?\n"     /* 5 */
		"  note: y\n"       /* 6 */
		"# before B\n"      /* 7 */
		"\n"                /* 8 */
		"- id: B\n"         /* 9 */
		"# end\n";          /* 10 */
	struct jf_msplit s;
	unsigned long bad = 0;

	(void)state;
	assert_int_equal(jf_merge_split(text, 0, sizeof text - 1, 1, &s, &bad), 0);
	assert_int_equal(s.n, 2);
	assert_int_equal(s.v[0].start, 0);
	assert_int_equal(s.v[0].sline, 1);
	assert_int_equal(s.v[0].line, 2);
	assert_int_equal(s.v[0].body, 7);
	/* the quiet run inside A is A's; the run before B is B's */
	assert_memory_equal(text + s.v[0].end, "# before B\n", 11);
	assert_int_equal(s.v[1].start, s.v[0].end);
	assert_int_equal(s.v[1].sline, 7);
	assert_int_equal(s.v[1].line, 9);
	assert_string_equal(text + s.trail, "# end\n");
	assert_int_equal(s.v[1].end, s.trail);
	jf_msplit_release(&s);
	assert_null(s.v);

	/* a tail starting inside the previous entry */
	assert_int_equal(jf_merge_split("  note: x\n- id: A\n", 0, 18, 40, &s, &bad), -1);
	assert_int_equal(bad, 40);
	assert_null(s.v);
	/* only comments */
	assert_int_equal(jf_merge_split("x\n# c\n", 2, 6, 2, &s, &bad), 0);
	assert_int_equal(s.n, 0);
	assert_int_equal(s.trail, 2);
	jf_msplit_release(&s);
	/* nothing */
	assert_int_equal(jf_merge_split("", 0, 0, 1, &s, &bad), 0);
	assert_int_equal(s.n, 0);
	assert_int_equal(s.trail, 0);
	jf_msplit_release(&s);
}

static void test_read(void **state)
{
	struct fx *f = *state;
	struct jf_mitems m;
	static const char text[] = E("A") "- {id: B, by: y}\n";

	assert_int_equal(jf_merge_read(text, sizeof text - 1, "f", 10, NULL, &m, &f->d), JF_OK);
	assert_int_equal(m.n, 2);
	assert_string_equal(m.v[0].id, "A");
	assert_int_equal(m.v[0].line, 10);
	assert_string_equal(m.v[1].id, "B");
	assert_int_equal(m.v[1].line, 14);
	assert_int_equal(m.v[1].canon.len, sizeof "id\0B\0by\0y");
	assert_memory_equal(m.v[1].canon.s, "id\0B\0by\0y", sizeof "id\0B\0by\0y");
	jf_mitems_release(&m);
	assert_null(m.v);

	/* nothing at all, or comments only */
	assert_int_equal(jf_merge_read("# c\n", 4, "f", 1, NULL, &m, &f->d), JF_OK);
	assert_int_equal(m.n, 0);
	jf_mitems_release(&m);
	assert_int_equal(f->d.n, 0);

	/* problems, with lines counted from line0 and the prefix */
	assert_int_equal(jf_merge_read("- id: A\n  id: B\n", 16, "f", 5, "in theirs", &m, &f->d),
			 JF_INVALID);
	jf_mitems_release(&m);
	assert_int_equal(f->d.n, 1);
	assert_string_equal(f->d.v[0].file, "f");
	assert_int_equal(f->d.v[0].line, 6);
	assert_int_equal(f->d.v[0].col, 3);
	assert_string_equal(f->d.v[0].msg, "in theirs: duplicate key 'id'");
	jf_diags_release(&f->d);

	static const char *const bad[] = {
		"- by: x\n", "- id: a b\n", "- id: A\n  n: [1]\n", "- [A]\n", "x: 1\n",
		"- id: &a A\n", "- id: !!str A\n", "- id: A\n---\n- id: B\n", "[{id: A}]\n",
		"- id: A\n  \xff: 1\n", "- id: A\r\n",
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		assert_int_equal(jf_merge_read(bad[i], strlen(bad[i]), "f", 1, NULL, &m, &f->d),
				 JF_INVALID);
		jf_mitems_release(&m);
		assert_true(f->d.errors > 0);
		jf_diags_release(&f->d);
	}
}

static void test_clean(void **state)
{
	struct fx *f = *state;

	assert_int_equal(merge3(f, E("A"), E("A") E("B"), E("A") E("C")), JF_OK);
	assert_string_equal(f->out.s, E("A") E("B") E("C"));
	/* the same entry on both sides */
	assert_int_equal(merge3(f, E("A"), E("A") E("S") E("B"), E("A") E("C") E("S")), JF_OK);
	assert_string_equal(f->out.s, E("A") E("S") E("B") E("C"));
	/* one side or both appended nothing */
	assert_int_equal(merge3(f, E("A"), E("A"), E("A") E("C")), JF_OK);
	assert_string_equal(f->out.s, E("A") E("C"));
	assert_int_equal(merge3(f, E("A"), E("A") E("B"), E("A")), JF_OK);
	assert_string_equal(f->out.s, E("A") E("B"));
	assert_int_equal(merge3(f, "", "", ""), JF_OK);
	assert_string_equal(f->out.s, "");
	/* a file added on both sides (empty base) */
	assert_int_equal(merge3(f, "", E("S") E("B"), E("S") E("C")), JF_OK);
	assert_string_equal(f->out.s, E("S") E("B") E("C"));
	/* comments travel with their entry; the end comments go along */
	assert_int_equal(merge3(f, E("A"), E("A") "# o\n" E("S"),
				E("A") "# t\n" E("S") "# u\n" E("C") "# end\n"), JF_OK);
	assert_string_equal(f->out.s, E("A") "# o\n" E("S") "# u\n" E("C") "# end\n");
	/* the same end comment on both sides: once */
	assert_int_equal(merge3(f, E("A"), E("A") "# end\n", E("A") "# end\n"), JF_OK);
	assert_string_equal(f->out.s, E("A") "# end\n");
	assert_int_equal(f->d.n, 0);
	jf_buf_reset(&f->out);
}

static void test_entry_level(void **state)
{
	struct fx *f = *state;

	/* a rebase replaying its second commit */
	assert_int_equal(merge3(f, E("X") E("B1"), E("X") E("U") E("B1"), E("X") E("B1") E("B2")),
			 JF_OK);
	assert_string_equal(f->out.s, E("X") E("U") E("B1") E("B2"));
	/* theirs merged ours's old entries after its own */
	assert_int_equal(merge3(f, E("X") E("W"), E("X") E("W") E("W3"), E("X") E("V") E("W")),
			 JF_OK);
	assert_string_equal(f->out.s, E("X") E("W") E("W3") E("V"));
	assert_int_equal(f->d.n, 0);
	jf_buf_reset(&f->out);

	/* a base entry missing, moved or edited is refused */
	assert_int_equal(merge3(f, E("X") E("B1"), E("U") E("B1"), E("X") E("B1") E("B2")),
			 JF_REFUSED);
	assert_true(said(f, "ours removed entry 'X'"));
	jf_diags_release(&f->d);
	assert_int_equal(merge3(f, E("X") E("B1"), E("B1") E("U") E("X"), E("X") E("B1") E("B2")),
			 JF_REFUSED);
	assert_true(said(f, "ours holds every entry of the common base byte for byte, but not in its "
			 "order: entry 'B1' (line 5 of the base) comes before entry 'X' here."));
	assert_true(said(f, "git's base is its own merge of the several merge bases"));
	jf_diags_release(&f->d);
	assert_int_equal(merge3(f, E("X") E("B1"), E("X") E("U") "- id: B1\n  by: y\n",
				E("X") E("B1") E("B2")), JF_REFUSED);
	assert_true(said(f, "ours edited history"));
	assert_int_equal(f->out.len, 0);
	jf_diags_release(&f->d);
}

static void test_refused(void **state)
{
	struct fx *f = *state;
	static const struct {
		const char *b, *o, *t, *msg;
	} cases[] = {
		{ E("A"), E("A") "- id: S\n  by: 1\n", E("A") "- id: S\n  by: 2\n",
		  "appended on both sides with different bytes" },
		{ E("A"), E("A") E("B"), "- id: A\n  date: 2026-11-28\n",
		  "theirs edited history" },
		{ E("A") E("B"), E("A") E("B"), E("A"), "theirs removed entry 'B'" },
		{ E("A"), E("A") "- id: B\n  by: x", E("A"), "the entries ours appended are cut short" },
		{ E("A"), E("A"), E("A") "  note: x\n", "theirs appended a line that neither" },
		{ E("A"), E("A"), E("A") "- by: x\n", "entry has no 'id'" },
		{ E("A"), E("A"), E("A") E("B") E("B"), "theirs appended entry 'B' twice" },
		{ E("A"), E("A"), E("A") "- id: Q\n  note: \"a\n-b\"\n",
		  "this line starts with '-' but does not start an entry" },
		{ E("A"), E("A"), E("A") "- id: Q\n  note: |\n    a\n    b\n",
		  "values are one line of text" },
		{ "- id: A\n  by: x", "- id: A\n  by: x", "- id: A\n  by: xy\n- id: B\n",
		  "the common base ends inside a line" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		assert_int_equal(merge3(f, cases[i].b, cases[i].o, cases[i].t), JF_REFUSED);
		if (!said(f, cases[i].msg))
			fail_msg("case %zu: no '%s' (first: %s)", i, cases[i].msg,
				 f->d.n ? f->d.v[0].msg : "none");
		assert_int_equal(f->out.len, 0);
		jf_diags_release(&f->d);
	}
}

static void test_gitrun(void **state)
{
	struct fx *f = *state;
	struct jf_gitrun g = JF_GITRUN_INIT;
	const char *version[] = { "--version", NULL };
	const char *bad[] = { "no-such-subcommand-of-git", NULL };
	struct jf_buf line = JF_BUF_INIT;

	if (access("/usr/bin/git", X_OK) != 0)
		skip();
	assert_int_equal(jf_gitrun(&g, version, 4096, &f->d), JF_OK);
	assert_int_equal(g.status, 0);
	assert_memory_equal(g.out.s, "git version ", 12);
	/* the cap */
	assert_int_equal(jf_gitrun(&g, version, 5, &f->d), JF_SYSTEM);
	assert_int_equal(f->d.n, 1);
	assert_non_null(strstr(f->d.v[0].msg, "more than the limit of 5 bytes"));
	jf_diags_release(&f->d);
	/* a failing git: its status and message */
	assert_int_equal(jf_gitrun(&g, bad, 4096, &f->d), JF_OK);
	assert_int_not_equal(g.status, 0);
	jf_gitrun_errline(&g, &line);
	assert_non_null(strstr(line.s, "no-such-subcommand-of-git"));
	assert_int_equal(f->d.n, 0);
	jf_buf_release(&line);
	jf_gitrun_release(&g);
	assert_int_equal(g.out.len, 0);
}

static void test_since_usage(void **state)
{
	struct fx *f = *state;

	assert_int_equal(jf_since_check("/", "", &f->d), JF_USAGE);
	assert_string_equal(f->d.v[0].msg, "bad revision ''");
	jf_diags_release(&f->d);
	assert_int_equal(jf_since_check("/", "--all", &f->d), JF_USAGE);
	jf_diags_release(&f->d);
	if (access("/usr/bin/git", X_OK) != 0)
		skip();
	/* / is no git work tree (unless the test machine is odd) */
	enum jf_status st = jf_since_check("/", "HEAD", &f->d);
	assert_int_equal(st, JF_USAGE);
	assert_non_null(strstr(f->d.v[0].msg, "is not in a git work tree"));
	jf_diags_release(&f->d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_split),
		cmocka_unit_test_setup_teardown(test_read, setup, teardown),
		cmocka_unit_test_setup_teardown(test_clean, setup, teardown),
		cmocka_unit_test_setup_teardown(test_entry_level, setup, teardown),
		cmocka_unit_test_setup_teardown(test_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_gitrun, setup, teardown),
		cmocka_unit_test_setup_teardown(test_since_usage, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
