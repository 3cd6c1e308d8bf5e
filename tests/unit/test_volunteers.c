/* test_volunteers.c - volunteers.yaml, services:, wish_days, volunteer_stars
 * and hours (SPEC 4.3). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "book.h"
#include "buf.h"
#include "cache.h"
#include "date.h"
#include "diag.h"
#include "volunteers.h"

#define JF_HEAD "township: T\ntimezone: Asia/Shanghai\n" \
		"villages:\n  - {code: XB, name: 下堡村}\n  - {code: LQ, name: 龙渠村}\n"

static const char catalogue_yaml[] =
	"activities:\n"
	"  - {code: volunteer, name: 志愿服务, category: 志愿服务, points: 1}\n"
	"services:\n"
	"  - {code: haircut, name: 理发}\n"
	"  - {code: lamp, name: 修灯}\n";

static const char households_yaml[] =
	"households:\n"
	"  - {id: XB-017, head: 司学霞, village: XB}\n"
	"  - {id: LQ-001, head: 李明, village: LQ}\n";

static const char volunteers_yaml[] =
	"teams:\n"
	"  - {code: xb-care, name: 下堡村孝老爱亲志愿服务队, village: XB}\n"
	"  - {code: town, name: 龙渠乡志愿服务队, since: 2026-01-01, until: 2026-12-31}\n"
	"volunteers:\n"
	"  - {id: V001, name: 白洋, team: xb-care, household: XB-017}\n"
	"  - {id: V002, name: 石菊花, team: town, since: 2026-03-01}\n";

static int rm_one(const char *p, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st; (void)flag; (void)ftw;
	return remove(p);
}

static int setup(void **state)
{
	char *dir = strdup("/tmp/jf-test-vol-XXXXXX");
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

/* A book; vol NULL: no volunteers.yaml. */
static void make_book(const char *dir, const char *jf, const char *cat, const char *vol)
{
	put(dir, "jf.yaml", jf ? jf : JF_HEAD);
	put(dir, "catalogue.yaml", cat ? cat : catalogue_yaml);
	put(dir, "households.yaml", households_yaml);
	if (vol)
		put(dir, "volunteers.yaml", vol);
}

static jf_date day(const char *s)
{
	jf_date d;
	const char *why;
	assert_int_equal(jf_date_parse(s, &d, &why), 0);
	return d;
}

/* The book's one problem: its file, line, column and a part of its text. */
static void one_problem(const char *dir, const char *file, unsigned long line,
			unsigned long col, const char *part)
{
	struct jf_book b;
	struct jf_diags d = JF_DIAGS_INIT;
	assert_int_equal(jf_book_open(&b, dir, &d), JF_INVALID);
	if (d.n != 1 || !strstr(d.v[0].msg, part) || d.v[0].line != line || d.v[0].col != col)
		for (size_t i = 0; i < d.n; i++)
			fprintf(stderr, "%s:%lu:%lu: %s\n", d.v[i].file, d.v[i].line, d.v[i].col,
				d.v[i].msg);
	assert_int_equal(d.n, 1);
	assert_string_equal(d.v[0].file, file);
	assert_int_equal(d.v[0].line, line);
	assert_int_equal(d.v[0].col, col);
	assert_non_null(strstr(d.v[0].msg, part));
	jf_diags_release(&d);
}

static void test_read(void **state)
{
	const char *dir = *state;
	struct jf_book b;
	struct jf_diags d = JF_DIAGS_INIT;
	make_book(dir, JF_HEAD "wish_days: 14\nvolunteer_stars: [100, 300, 600, 1000, 1500]\n",
		  NULL, volunteers_yaml);
	assert_int_equal(jf_book_open(&b, dir, &d), JF_OK);
	assert_int_equal(d.n, 0);
	assert_true(b.vol.set);
	assert_int_equal(b.vol.nteams, 2);
	assert_string_equal(b.vol.teams[0].code, "xb-care");
	assert_int_equal(b.vol.teams[0].village, 0);
	assert_int_equal(b.vol.teams[1].village, -1);
	assert_int_equal(b.vol.teams[1].since, day("2026-01-01"));
	assert_int_equal(b.vol.nvolunteers, 2);
	assert_string_equal(b.vol.volunteers[0].name, "白洋");
	assert_int_equal(b.vol.volunteers[0].team, 0);
	assert_int_equal(b.vol.volunteers[0].household, 0);
	assert_int_equal(b.vol.volunteers[1].team, 1);
	assert_int_equal(b.vol.volunteers[1].household, -1);
	assert_int_equal(jf_book_team(&b, "town"), 1);
	assert_int_equal(jf_book_volunteer(&b, "V002"), 1);
	assert_int_equal(jf_book_volunteer(&b, "v002"), -1);
	assert_int_equal(b.vol.nservices, 2);
	assert_int_equal(jf_book_service(&b, "lamp"), 1);
	assert_int_equal(jf_book_service(&b, "clean-yard"), -1);
	assert_int_equal(b.vol.wish_days, 14);
	assert_int_equal(b.vol.nstars, 5);
	assert_true(b.vol.stars[0] == 10000 && b.vol.stars[4] == 150000);
	assert_int_equal(jf_volunteer_stars(&b, 9999), 0);
	assert_int_equal(jf_volunteer_stars(&b, 10000), 1);
	assert_int_equal(jf_volunteer_stars(&b, 100000), 4);
	assert_int_equal(jf_volunteer_stars(&b, 1000000), 5);
	/* windows */
	assert_true(jf_team_active(&b, 1, day("2026-12-31")));
	assert_false(jf_team_active(&b, 1, day("2027-01-01")));
	assert_false(jf_team_active(&b, 7, day("2026-06-01")));
	assert_false(jf_volunteer_active(&b, 1, day("2026-02-28")));
	assert_true(jf_volunteer_active(&b, 1, day("2026-03-01")));
	assert_true(jf_volunteer_active(&b, 0, day("1990-03-01")));
	jf_book_release(&b);
}

/* Without the file and the keys the book is as before. */
static void test_absent(void **state)
{
	const char *dir = *state;
	struct jf_book b;
	struct jf_diags d = JF_DIAGS_INIT;
	make_book(dir, NULL, "activities:\n  - {code: a, name: A, category: C, points: 1}\n",
		  NULL);
	assert_int_equal(jf_book_open(&b, dir, &d), JF_OK);
	assert_false(b.vol.set);
	assert_int_equal(b.vol.nteams + b.vol.nvolunteers + b.vol.nservices, 0);
	assert_int_equal(b.vol.wish_days, 0);
	assert_int_equal(b.vol.nstars, 0);
	assert_int_equal(jf_book_team(&b, "x"), -1);
	assert_int_equal(jf_volunteer_stars(&b, 100000), 0);
	jf_book_release(&b);
}

/* Teams may follow the volunteers that name them. */
static void test_teams_after(void **state)
{
	const char *dir = *state;
	struct jf_book b;
	struct jf_diags d = JF_DIAGS_INIT;
	make_book(dir, NULL, NULL,
		  "volunteers:\n  - {id: V1, name: A, team: t}\nteams:\n  - {code: t, name: T}\n");
	assert_int_equal(jf_book_open(&b, dir, &d), JF_OK);
	assert_int_equal(b.vol.volunteers[0].team, 0);
	jf_book_release(&b);
}

static void test_refusals(void **state)
{
	const char *dir = *state;
	const char *V = "volunteers.yaml";
	make_book(dir, NULL, NULL, "teams:\n  - {code: t, name: T}\n  - {code: t, name: U}\n");
	one_problem(dir, V, 3, 12, "duplicate team 't'");
	make_book(dir, NULL, NULL, "teams:\n  - {code: T1, name: T}\n");
	one_problem(dir, V, 2, 12, "bad team code 'T1'");
	make_book(dir, NULL, NULL, "teams:\n  - {code: t, name: T, village: ZZ}\n");
	one_problem(dir, V, 2, 33, "unknown village 'ZZ'");
	make_book(dir, NULL, NULL, "teams:\n  - {code: t, name: T, colour: red}\n");
	one_problem(dir, V, 2, 24, "unknown key 'colour' in a team");
	make_book(dir, NULL, NULL, "teams:\n  - {code: t, name: T, x-colour: red}\n");
	struct jf_book b;
	struct jf_diags d = JF_DIAGS_INIT;
	assert_int_equal(jf_book_open(&b, dir, &d), JF_OK);
	jf_book_release(&b);
	make_book(dir, NULL, NULL,
		  "teams:\n  - {code: t, name: T, since: 2026-05-01, until: 2026-04-01}\n");
	one_problem(dir, V, 2, 50, "'until' is before 'since'");
	make_book(dir, NULL, NULL, "teams:\n  - {code: t, name: T}\nvolunteers:\n"
		  "  - {id: V1, name: A, team: t}\n  - {id: V1, name: B, team: t}\n");
	one_problem(dir, V, 5, 10, "duplicate volunteer 'V1'");
	make_book(dir, NULL, NULL, "teams:\n  - {code: t, name: T}\nvolunteers:\n"
		  "  - {id: V_1, name: A, team: t}\n");
	one_problem(dir, V, 4, 10, "bad volunteer id 'V_1'");
	make_book(dir, NULL, NULL, "teams:\n  - {code: t, name: T}\nvolunteers:\n"
		  "  - {id: V1, name: A, team: u}\n");
	one_problem(dir, V, 4, 29, "unknown team 'u'");
	make_book(dir, NULL, NULL, "teams:\n  - {code: t, name: T}\nvolunteers:\n"
		  "  - {id: V1, name: A, team: t, household: XB-999}\n");
	one_problem(dir, V, 4, 43, "unknown household 'XB-999'");
	make_book(dir, NULL, NULL, "teams:\n  - {code: t, name: T}\nvolunteers:\n"
		  "  - {id: V1, team: t}\n");
	one_problem(dir, V, 4, 5, "a volunteer has no 'name'");
	make_book(dir, NULL, NULL, "teams:\n  - {code: t, name: T}\nvolunteers:\n"
		  "  - {id: V1, name: A, team: t, until: 2026-13-01}\n");
	one_problem(dir, V, 4, 39, "bad 'until' date");
	make_book(dir, NULL, NULL, "volunteers: []\n");
	one_problem(dir, V, 1, 1, "volunteers.yaml has no 'teams'");
	make_book(dir, NULL, NULL, "");
	one_problem(dir, V, 0, 0, "volunteers.yaml is empty");
	make_book(dir, NULL, NULL, "teams: {code: t}\n");
	one_problem(dir, V, 1, 8, "'teams' must be a list");
	make_book(dir, NULL, NULL, "teams:\n  - {code: t, name: &a T}\n");
	one_problem(dir, V, 2, 21, "anchor");
	make_book(dir, NULL, NULL, "teams:\n  - {code: t, name: T, name: U}\n");
	one_problem(dir, V, 2, 24, "duplicate key 'name'");
	make_book(dir, NULL, NULL, "teams:\n  - {code: t, name: [T]}\n");
	one_problem(dir, V, 2, 21, "'name' must be a single value");
}

static void test_settings_refusals(void **state)
{
	const char *dir = *state;
	make_book(dir, JF_HEAD "wish_days: 0\n", NULL, NULL);
	one_problem(dir, "jf.yaml", 6, 12, "bad wish_days '0'");
	make_book(dir, JF_HEAD "wish_days: 14.5\n", NULL, NULL);
	one_problem(dir, "jf.yaml", 6, 12, "bad wish_days '14.5'");
	make_book(dir, JF_HEAD "volunteer_stars: [100, 300, 300]\n", NULL, NULL);
	one_problem(dir, "jf.yaml", 6, 29, "more hours for more stars");
	make_book(dir, JF_HEAD "volunteer_stars: [1, 2, 3, 4, 5, 6]\n", NULL, NULL);
	one_problem(dir, "jf.yaml", 6, 18, "1 to 5 hours");
	make_book(dir, JF_HEAD "volunteer_stars: []\n", NULL, NULL);
	one_problem(dir, "jf.yaml", 6, 18, "1 to 5 hours");
	make_book(dir, JF_HEAD "volunteer_stars: [0]\n", NULL, NULL);
	one_problem(dir, "jf.yaml", 6, 19, "more than 0");
	make_book(dir, JF_HEAD "volunteer_stars: [1e3]\n", NULL, NULL);
	one_problem(dir, "jf.yaml", 6, 19, "bad volunteer_stars hours '1e3'");
	make_book(dir, JF_HEAD "volunteer_stars: 100\n", NULL, NULL);
	one_problem(dir, "jf.yaml", 6, 18, "must be a list");
	make_book(dir, NULL, "activities:\n  - {code: a, name: A, category: C, points: 1}\n"
		  "services:\n  - {code: x, name: X}\n  - {code: x, name: Y}\n", NULL);
	one_problem(dir, "catalogue.yaml", 5, 12, "duplicate service 'x'");
	make_book(dir, NULL, "activities:\n  - {code: a, name: A, category: C, points: 1}\n"
		  "services:\n  - {code: X, name: X}\n", NULL);
	one_problem(dir, "catalogue.yaml", 4, 12, "bad service code 'X'");
	make_book(dir, NULL, "activities:\n  - {code: a, name: A, category: C, points: 1}\n"
		  "services:\n  - {code: x}\n", NULL);
	one_problem(dir, "catalogue.yaml", 4, 5, "a service has no 'name'");
	make_book(dir, NULL, "activities:\n  - {code: a, name: A, category: C, points: 1}\n"
		  "services:\n  - {code: x, name: X, points: 3}\n", NULL);
	one_problem(dir, "catalogue.yaml", 4, 24, "unknown key 'points' in a service");
}

/* Hostile input: the lists are bounded like the register's. */
static void test_bounds(void **state)
{
	const char *dir = *state;
	struct jf_buf s = JF_BUF_INIT;
	jf_buf_addf(&s, "teams:\n");
	for (int i = 0; i <= JF_TEAMS_MAX; i++)
		jf_buf_addf(&s, "  - {code: t%d, name: T}\n", i);
	make_book(dir, NULL, NULL, s.s);
	one_problem(dir, "volunteers.yaml", JF_TEAMS_MAX + 2, 5, "more than 1000 teams");
	jf_buf_reset(&s);
	jf_buf_addf(&s, "teams:\n  - {code: t, name: T}\nvolunteers:\n");
	for (int i = 0; i <= JF_VOLUNTEERS_MAX; i++)
		jf_buf_addf(&s, "  - {id: V%d, name: A, team: t}\n", i);
	make_book(dir, NULL, NULL, s.s);
	one_problem(dir, "volunteers.yaml", JF_VOLUNTEERS_MAX + 4, 5,
		    "more than 50000 volunteers");
	jf_buf_reset(&s);
	jf_buf_addf(&s, "teams: ");
	for (int i = 0; i < 100; i++)
		jf_buf_addf(&s, "[");
	make_book(dir, NULL, NULL, s.s);
	struct jf_book b;
	struct jf_diags d = JF_DIAGS_INIT;
	assert_int_equal(jf_book_open(&b, dir, &d), JF_INVALID);
	assert_int_equal(d.n, 1);
	assert_non_null(strstr(d.v[0].msg, "nesting deeper"));
	assert_string_equal(d.v[0].file, "volunteers.yaml");
	jf_diags_release(&d);
	jf_buf_release(&s);
	/* a link is not followed */
	make_book(dir, NULL, NULL, NULL);
	struct jf_buf p = JF_BUF_INIT;
	jf_buf_addf(&p, "%s/volunteers.yaml", dir);
	assert_int_equal(unlink(p.s), 0);
	assert_int_equal(symlink("households.yaml", p.s), 0);
	one_problem(dir, "volunteers.yaml", 0, 0, "not a regular file");
	assert_int_equal(unlink(p.s), 0);
	jf_buf_release(&p);
}

/* The reader cache's settings digest covers volunteers.yaml, and its absence. */
struct digest {
	unsigned char d[32];
};

static struct digest settings_digest(const char *dir)
{
	struct digest x;
	assert_true(jf_cache_settings_digest(dir, x.d));
	return x;
}

static bool same_digest(struct digest a, struct digest b)
{
	return !memcmp(a.d, b.d, sizeof a.d);
}

static void test_settings_hash(void **state)
{
	const char *dir = *state;
	make_book(dir, NULL, NULL, NULL);
	struct digest none = settings_digest(dir);
	make_book(dir, NULL, NULL, "");
	struct digest empty = settings_digest(dir);
	assert_false(same_digest(empty, none));
	make_book(dir, NULL, NULL, volunteers_yaml);
	struct digest full = settings_digest(dir);
	assert_false(same_digest(full, none) || same_digest(full, empty));
	make_book(dir, NULL, NULL, "-");
	assert_false(same_digest(settings_digest(dir), none));
	struct jf_buf p = JF_BUF_INIT;
	jf_buf_addf(&p, "%s/volunteers.yaml", dir);
	assert_int_equal(unlink(p.s), 0);
	assert_true(same_digest(settings_digest(dir), none));
	jf_buf_release(&p);
}

static void test_hours(void **state)
{
	(void)state;
	jf_points h, p;
	const char *why;
	assert_int_equal(jf_hours_parse("1.5", &h, &why), 0);
	assert_true(h == 150);
	assert_int_equal(jf_hours_parse("24", &h, &why), 0);
	assert_true(h == 2400);
	assert_int_equal(jf_hours_parse("0.01", &h, &why), 0);
	assert_true(h == 1);
	static const char *const bad[] = { "0", "0.00", "-1", "24.01", "25", "1.234", "1e1",
					   ".5", "1.", "", " 1", "+1", "01", "NaN" };
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
		assert_int_equal(jf_hours_parse(bad[i], &h, &why), -1);
	assert_int_equal(jf_hours_parse(NULL, &h, &why), -1);
	/* rule x hours, half away from zero */
	assert_true(jf_hours_points(100, 150, &p) && p == 150);     /* 1 x 1.5 */
	assert_true(jf_hours_points(250, 150, &p) && p == 375);     /* 2.5 x 1.5 */
	assert_true(jf_hours_points(333, 150, &p) && p == 500);     /* 4.995 -> 5 */
	assert_true(jf_hours_points(333, 50, &p) && p == 167);      /* 1.665 -> 1.67 */
	assert_true(jf_hours_points(-333, 50, &p) && p == -167);    /* -1.665 -> -1.67 */
	assert_true(jf_hours_points(101, 1, &p) && p == 1);         /* 0.0101 -> 0.01 */
	assert_true(jf_hours_points(149, 1, &p) && p == 1);         /* 0.0149 */
	assert_true(jf_hours_points(150, 1, &p) && p == 2);         /* 0.015 -> 0.02 */
	assert_true(jf_hours_points(-150, 1, &p) && p == -2);
	assert_true(jf_hours_points(-149, 1, &p) && p == -1);
	assert_true(jf_hours_points(JF_POINTS_MAX, 100, &p) && p == JF_POINTS_MAX);
	assert_false(jf_hours_points(JF_POINTS_MAX, 101, &p));
	assert_false(jf_hours_points(JF_POINTS_MAX + 1, 1, &p));
	assert_false(jf_hours_points(100, 2401, &p));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_read, setup, teardown),
		cmocka_unit_test_setup_teardown(test_absent, setup, teardown),
		cmocka_unit_test_setup_teardown(test_teams_after, setup, teardown),
		cmocka_unit_test_setup_teardown(test_refusals, setup, teardown),
		cmocka_unit_test_setup_teardown(test_settings_refusals, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bounds, setup, teardown),
		cmocka_unit_test_setup_teardown(test_settings_hash, setup, teardown),
		cmocka_unit_test(test_hours),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
