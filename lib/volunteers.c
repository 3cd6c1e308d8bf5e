/* volunteers.c - volunteers.yaml, services: and the wish settings (volunteers.h). */
#include <errno.h>
#include <string.h>
#include <sys/stat.h>

#include "alloc.h"
#include "book.h"
#include "buf.h"
#include "settings.h"
#include "volunteers.h"

/* err() is a message funnel of the pot (Makefile PO_FUNNELS) */
#define err(...) jf_settings_err(__VA_ARGS__)

int jf_book_team(const struct jf_book *b, const char *code)
{
	return jf_strmap_gets(&b->vol.team_ix, code);
}

int jf_book_volunteer(const struct jf_book *b, const char *id)
{
	return jf_strmap_gets(&b->vol.volunteer_ix, id);
}

int jf_book_service(const struct jf_book *b, const char *code)
{
	return jf_strmap_gets(&b->vol.service_ix, code);
}

bool jf_team_active(const struct jf_book *b, int team, jf_date d)
{
	if (team < 0 || (size_t)team >= b->vol.nteams)
		return false;
	const struct jf_team *t = &b->vol.teams[team];
	return jf_date_within(d, t->since, t->until);
}

bool jf_volunteer_active(const struct jf_book *b, int v, jf_date d)
{
	if (v < 0 || (size_t)v >= b->vol.nvolunteers)
		return false;
	const struct jf_volunteer *p = &b->vol.volunteers[v];
	/* a team that has ended takes its volunteers with it */
	return jf_date_within(d, p->since, p->until) &&
	       (p->team < 0 || jf_team_active(b, p->team, d));
}

int jf_volunteer_stars(const struct jf_book *b, jf_points hours)
{
	int n = 0;
	for (size_t i = 0; i < b->vol.nstars; i++)
		if (hours >= b->vol.stars[i])
			n = (int)i + 1;
	return n;
}

int jf_hours_parse(const char *s, jf_points *out, const char **why)
{
	jf_points h;
	if (!s || jf_points_parse(s, &h, why) < 0) {
		if (!s)
			*why = "empty";
		return -1;
	}
	if (h <= 0) {
		*why = "hours must be more than 0";
		return -1;
	}
	if (h > JF_HOURS_DAY_MAX) {
		*why = "more than 24 hours";
		return -1;
	}
	*out = h;
	return 0;
}

bool jf_hours_points(jf_points rule, jf_points hours, jf_points *out)
{
	/* both in hundredths: rule x hours / 100, half away from zero; the
	 * operands are bounded (|rule| <= 1e11, hours <= 2400), so the product
	 * fits in 64 bits */
	if (!jf_points_valid(rule) || hours < 0 || hours > JF_HOURS_DAY_MAX)
		return false;
	int64_t p = rule * hours;
	int64_t q = p / JF_POINTS_SCALE, r = p % JF_POINTS_SCALE;
	if (r >= JF_POINTS_SCALE / 2)
		q++;
	else if (r <= -JF_POINTS_SCALE / 2)
		q--;
	if (!jf_points_valid(q))
		return false;
	*out = q;
	return true;
}

/* ---- jf.yaml and catalogue.yaml ---- */

void jf_vol_settings(struct jf_book *b, struct ctx *c, const struct field *wish_days,
		     const struct field *stars)
{
	const char *s, *why;
	int64_t n;
	if ((s = jf_settings_text(c, wish_days))) {
		if (jf_int_parse(s, 1, JF_WISH_DAYS_MAX, &n, &why) < 0)
			err(c, wish_days->val, "bad wish_days '%s': %s (1 to %d)", s, why,
			    JF_WISH_DAYS_MAX);
		else
			b->vol.wish_days = (int)n;
	}
	if (!stars->val)
		return;
	const struct jf_ynode *l = stars->val;
	if (l->type != JF_YN_SEQ || !l->nkids || l->nkids > JF_VOLUNTEER_STARS_MAX) {
		err(c, l, "'volunteer_stars' must be a list of 1 to %d hours, one per star",
		    JF_VOLUNTEER_STARS_MAX);
		return;
	}
	for (size_t i = 0; i < l->nkids; i++) {
		const struct jf_ynode *k = l->kids[i];
		jf_points h;
		if (k->type != JF_YN_SCALAR || jf_points_parse(k->value, &h, &why) < 0) {
			err(c, k, "bad volunteer_stars hours '%s': %s",
			    k->type == JF_YN_SCALAR ? k->value : "", k->type == JF_YN_SCALAR ?
			    why : "not a single value");
			b->vol.nstars = 0;
			return;
		}
		if (h <= 0 || h > JF_HOURS_STARS_MAX) {
			err(c, k, "bad volunteer_stars hours '%s' (more than 0, at most 1000000)",
			    k->value);
			b->vol.nstars = 0;
			return;
		}
		if (i && h <= b->vol.stars[i - 1]) {
			err(c, k, "volunteer_stars must ask more hours for more stars");
			b->vol.nstars = 0;
			return;
		}
		b->vol.stars[b->vol.nstars++] = h;
	}
}

void jf_service_item(struct jf_book *b, struct ctx *c, const struct jf_ynode *n)
{
	struct field f[] = { { "code", true, 0, 0 }, { "name", true, 0, 0 }, { NULL, 0, 0, 0 } };
	struct jf_vol *v = &b->vol;
	const char *code, *name;
	if (!jf_settings_item(c, n, "a service", f, &code, &name, (const char **)NULL))
		return;
	if (!jf_settings_code_ok(code, "-", false)) {
		err(c, f[0].val, "bad service code '%s' (a-z, 0-9, '-')", code);
		return;
	}
	struct jf_service s = { .code = jf_settings_str(b, code), .name = jf_settings_str(b, name) };
	v->services = jf_settings_add(c, v->services, &v->nservices, &v->cap_services, &s,
				      sizeof s, &v->service_ix, s.code, f[0].val, "service");
}

/* ---- volunteers.yaml ---- */

static void team_item(struct jf_book *b, struct ctx *c, const struct jf_ynode *n)
{
	struct field f[] = {
		{ "code", true, 0, 0 }, { "name", true, 0, 0 }, { "village", false, 0, 0 },
		{ "since", false, 0, 0 }, { "until", false, 0, 0 }, { NULL, 0, 0, 0 },
	};
	struct jf_vol *v = &b->vol;
	const char *code, *name, *vil;
	if (!jf_settings_item(c, n, "a team", f, &code, &name, &vil, (const char **)NULL))
		return;
	if (!jf_settings_code_ok(code, "-", false)) {
		err(c, f[0].val, "bad team code '%s' (a-z, 0-9, '-')", code);
		return;
	}
	struct jf_team t = { .village = vil ? jf_settings_village(b, c, &f[2], vil) : -1 };
	if (vil && t.village < 0)
		return;
	jf_settings_window(c, &f[3], &f[4], &t.since, &t.until);
	t.code = jf_settings_str(b, code);
	t.name = jf_settings_str(b, name);
	v->teams = jf_settings_add(c, v->teams, &v->nteams, &v->cap_teams, &t, sizeof t,
				   &v->team_ix, t.code, f[0].val, "team");
}

static void volunteer_item(struct jf_book *b, struct ctx *c, const struct jf_ynode *n)
{
	struct field f[] = {
		{ "id", true, 0, 0 }, { "name", true, 0, 0 }, { "team", true, 0, 0 },
		{ "household", false, 0, 0 }, { "since", false, 0, 0 },
		{ "until", false, 0, 0 }, { NULL, 0, 0, 0 },
	};
	struct jf_vol *v = &b->vol;
	const char *id, *name, *team, *hh;
	if (!jf_settings_item(c, n, "a volunteer", f, &id, &name, &team, &hh, (const char **)NULL))
		return;
	if (!jf_settings_code_ok(id, "-", true)) {
		err(c, f[0].val, "bad volunteer id '%s' (letters, digits, '-')", id);
		return;
	}
	struct jf_volunteer p = { .team = -1, .household = -1 };
	if (hh && (p.household = jf_book_household(b, hh)) < 0) {
		err(c, f[3].val, "unknown household '%s'", hh);
		return;
	}
	jf_settings_window(c, &f[4], &f[5], &p.since, &p.until);
	p.id = jf_settings_str(b, id);
	p.name = jf_settings_str(b, name);
	p.team_code = jf_settings_str(b, team);
	p.line = f[2].val->line;
	p.col = f[2].val->col;
	v->volunteers = jf_settings_add(c, v->volunteers, &v->nvolunteers, &v->cap_volunteers, &p,
					sizeof p, &v->volunteer_ix, p.id, f[0].val, "volunteer");
}

enum jf_status jf_vol_open(struct jf_book *b, struct jf_diags *d)
{
	struct list lists[] = {
		{ "teams", JF_TEAMS_MAX, team_item, 0 },
		{ "volunteers", JF_VOLUNTEERS_MAX, volunteer_item, 0 },
		{ NULL, 0, NULL, 0 },
	};
	struct ctx c = { "volunteers.yaml", d, false };
	struct jf_buf p = JF_BUF_INIT;
	struct stat st;
	jf_buf_addf(&p, "%s/volunteers.yaml", b->root);
	int rc = lstat(p.s, &st), e = errno;
	jf_buf_release(&p);
	if (rc < 0 && e == ENOENT)
		return JF_OK; /* no volunteers: the book runs without them */
	b->vol.set = true;
	struct jf_ynode *top = NULL;
	enum jf_status s = jf_settings_read(b, &c, lists, &top);
	if (s != JF_OK)
		return JF_INVALID;
	struct field f[] = { { "teams", true, 0, 0 }, { "volunteers", false, 0, 0 },
			     { NULL, 0, 0, 0 } };
	if (!top)
		err(&c, NULL, "volunteers.yaml is empty");
	else if (jf_settings_fields(&c, top, "volunteers.yaml", f)) {
		jf_settings_seq(&c, &f[0]);
		jf_settings_seq(&c, &f[1]);
	}
	jf_ynode_free(top);
	/* every volunteer's team, wherever the teams stand in the file */
	for (size_t i = 0; i < b->vol.nvolunteers; i++) {
		struct jf_volunteer *v = &b->vol.volunteers[i];
		if ((v->team = jf_book_team(b, v->team_code)) < 0) {
			struct jf_ynode at = { .line = v->line, .col = v->col };
			err(&c, &at, "unknown team '%s'", v->team_code);
		}
	}
	return c.bad ? JF_INVALID : JF_OK;
}

void jf_vol_release(struct jf_vol *v)
{
	free(v->teams);
	free(v->volunteers);
	free(v->services);
	jf_strmap_release(&v->team_ix);
	jf_strmap_release(&v->volunteer_ix);
	jf_strmap_release(&v->service_ix);
	memset(v, 0, sizeof *v);
}
