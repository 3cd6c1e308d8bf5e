/* volunteers.h - volunteer teams, volunteers and the service menu (SPEC 4.3).
 *
 * volunteers.yaml (optional) lists the teams (code [a-z0-9-]+, name, village
 * optional: without it a township team) and the volunteers (id
 * [A-Za-z0-9-]+, name, team, household optional: whose account a serve's
 * points go to), each with an optional since/until window as households
 * have.  catalogue.yaml may list `services:` ({code, name}), the menu a
 * wish may order from; jf.yaml may set `wish_days:` (a wish open longer is
 * flagged on the wall) and `volunteer_stars:` (cumulative hours for one to
 * five stars).  Read as strictly as the other settings files (book.h):
 * FILE:LINE:COL, duplicates, unknown teams, villages and households,
 * windows, bounded lists.  Absent, the book behaves as without them.
 */
#ifndef JF_VOLUNTEERS_H
#define JF_VOLUNTEERS_H

#include <stdbool.h>
#include <stddef.h>

#include "date.h"
#include "points.h"
#include "strmap.h"

/* The most a book holds: a township's size, and what a 16-bit field of a
 * record (index.h) can number. */
#define JF_TEAMS_MAX 1000
#define JF_VOLUNTEERS_MAX 50000
#define JF_SERVICES_MAX 10000
#define JF_WISH_DAYS_MAX 3650
#define JF_VOLUNTEER_STARS_MAX 5
/* Hours are exact decimals with at most 2 places (a jf_points: hundredths);
 * one entry, and one volunteer's day, at most 24. */
#define JF_HOURS_DAY_MAX ((jf_points)24 * JF_POINTS_SCALE)
/* a level of volunteer_stars: at most this many hours */
#define JF_HOURS_STARS_MAX ((jf_points)1000000 * JF_POINTS_SCALE)

struct jf_team {
	char *code, *name;
	int village;               /* index into villages, -1: a township team */
	jf_date since, until;      /* JF_DATE_NONE when open */
};

struct jf_volunteer {
	char *id, *name;
	int team;                  /* index into teams (-1 only while reading) */
	int household;             /* index into households, -1: hours only */
	jf_date since, until;
	char *team_code;           /* as written, resolved once every team is read */
	unsigned long line, col;   /* where team_code stands */
};

struct jf_service {
	char *code, *name;
};

struct jf_vol {
	bool set;                  /* volunteers.yaml is there */
	struct jf_team *teams;
	size_t nteams, cap_teams;
	struct jf_volunteer *volunteers;
	size_t nvolunteers, cap_volunteers;
	struct jf_service *services;
	size_t nservices, cap_services;
	int wish_days;             /* jf.yaml wish_days, 0: not set */
	jf_points stars[JF_VOLUNTEER_STARS_MAX]; /* hours (hundredths) for 1.. stars */
	size_t nstars;             /* 0: no volunteer_stars */
	struct jf_strmap team_ix, volunteer_ix, service_ix;
};

struct jf_book;

/* Index of a team code, volunteer id or service code, or -1. */
int jf_book_team(const struct jf_book *b, const char *code);
int jf_book_volunteer(const struct jf_book *b, const char *id);
int jf_book_service(const struct jf_book *b, const char *code);
/* Is the team or volunteer active on day d (inside its window)? */
bool jf_team_active(const struct jf_book *b, int team, jf_date d);
bool jf_volunteer_active(const struct jf_book *b, int v, jf_date d);
/* The stars (0 to 5) of a volunteer with `hours` of service in all. */
int jf_volunteer_stars(const struct jf_book *b, jf_points hours);

/* Parse hours: an exact decimal, at most 2 places, more than 0 and at most
 * 24.  Returns 0 and sets *out (hundredths), or -1 and sets *why. */
int jf_hours_parse(const char *s, jf_points *out, const char **why);
/* points = rule points x hours (both hundredths), rounded half away from
 * zero to 2 places; false if they pass JF_POINTS_MAX. */
bool jf_hours_points(jf_points rule, jf_points hours, jf_points *out);

/* Read volunteers.yaml of b (after households.yaml) if it is there.
 * JF_OK, or JF_INVALID with diagnostics (b is then released by the caller). */
enum jf_status jf_vol_open(struct jf_book *b, struct jf_diags *d);
void jf_vol_release(struct jf_vol *v);

#endif
