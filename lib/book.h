/* book.h - a book: its settings, catalogue and household register.
 *
 * jf_book_open() reads jf.yaml, catalogue.yaml and households.yaml strictly
 * (every problem reported with FILE:LINE:COL, up to JF_DIAG_MAX) into one
 * struct jf_book.  The lists (villages, activities, goods, households) are
 * read item by item as they arrive, never as a whole tree, and are bounded
 * (at most 1,000 villages, 10,000 activities, 10,000 goods and 100,000
 * households), so memory grows with what the book keeps, never with the
 * size of its files nor with the ledger.  All strings belong to the book,
 * in a few large blocks, and live until jf_book_release().
 */
#ifndef JF_BOOK_H
#define JF_BOOK_H

#include <stdbool.h>
#include <stddef.h>

#include "date.h"
#include "diag.h"
#include "points.h"
#include "status.h"
#include "strmap.h"
#include "volunteers.h"
#include "yread.h"

struct jf_village {
	char *code, *name;
};

struct jf_activity {
	char *code, *name, *category;
	jf_points points;          /* per unit; negative for a deduction */
	int64_t limit;             /* 0: no limit */
	enum jf_period_unit limit_per;
	jf_date since, until;      /* JF_DATE_NONE when open */
	int cat;                   /* index into the book's category list */
	bool review;               /* review: true (SPEC 4.2): earns are reviewed */
};

struct jf_good {
	char *code, *name, *unit;
	jf_points points;          /* price per unit */
	bool stock;                /* stock is tracked */
};

struct jf_household {
	char *id, *head;
	int village;               /* index into villages */
	jf_date since, until;
};

enum jf_lang { JF_LANG_EN, JF_LANG_ZH };

/* jf.yaml `review:` (SPEC 4.2): who may approve or reject, how many
 * distinct approvals an entry needs, how long it stays on notice. */
#define JF_REVIEWERS_MAX 64
#define JF_NOTICE_DAYS_MAX 365
struct jf_review_settings {
	bool set;                  /* the block is present */
	char **reviewers;          /* the names are the book's strings */
	size_t nreviewers;
	int approvals;             /* 1..nreviewers (default 1) */
	int notice_days;           /* 0..JF_NOTICE_DAYS_MAX (default 3) */
};

/* expiry: in jf.yaml (SPEC 4.4).  years 0: points never expire; 1: they
 * go at each year end (every: year-end); N: the points that count in year
 * Y are valid through 31 December of Y+N-1. */
struct jf_expiry_policy {
	int years;
	jf_date since;             /* points counting before it count on it; NONE */
};

/* stars: in jf.yaml: 星级文明户 levels for a calendar year. */
struct jf_star_level {
	int stars;
	jf_points min;
};

struct jf_stars {
	bool set;
	jf_points base;            /* 基础分 added before rating */
	int *veto;                 /* activity indexes whose use bars any star */
	size_t nveto;
	char **veto_codes;         /* as written, resolved once the catalogue is read */
	unsigned long *veto_pos;   /* their line and column in jf.yaml, 2 each */
	struct jf_star_level *levels; /* most stars first */
	size_t nlevels;
};

struct jf_book {
	char *root;                /* the book's directory */
	unsigned char settings_digest[32]; /* jf_cache_settings_digest() of the
				    * settings files as read here (cache.h) */
	bool settings_ok;          /* ... if none changed while they were read */
	char *township, *timezone, *ledger_pattern;
	int64_t low_stock;         /* -1 when not set */
	enum jf_lang lang;
	struct jf_expiry_policy expiry; /* years 0: no `expiry:` */
	struct jf_stars stars;          /* set false: no `stars:` */
	char *notice_contact;      /* jf.yaml notice: (SPEC 4.2), NULL when absent */
	char *notice_phone;        /* NULL when absent */
	struct jf_review_settings review;
	struct jf_vol vol;         /* volunteers.yaml, services:, wish settings (SPEC 4.3) */
	struct jf_village *villages;
	size_t nvillages;
	struct jf_activity *activities;
	size_t nactivities;
	char **categories;         /* distinct activity categories, in order met */
	size_t ncategories;
	struct jf_good *goods;
	size_t ngoods;
	struct jf_household *households;
	size_t nhouseholds;
	struct jf_strmap village_ix, activity_ix, good_ix, household_ix, category_ix;
	/* how the book is held: its strings in blocks, room in its tables */
	struct jf_strblock *strings;
	size_t cap_villages, cap_activities, cap_goods, cap_households;
};

/* Limits the settings files are read with. */
extern const struct jf_ylimits jf_settings_limits;

/* Find the book: dir if given, else $JF_BOOK, else the nearest directory
 * upward from the working directory holding jf.yaml.  Sets *root (caller
 * frees).  Returns JF_OK, or JF_USAGE with a diagnostic. */
enum jf_status jf_book_find(const char *dir, char **root, struct jf_diags *d);
/* Read the book at root.  On any status but JF_OK the book is released. */
enum jf_status jf_book_open(struct jf_book *b, const char *root, struct jf_diags *d);
void jf_book_release(struct jf_book *b);

/* Index of a code, or -1. */
int jf_book_village(const struct jf_book *b, const char *code);
int jf_book_activity(const struct jf_book *b, const char *code);
int jf_book_good(const struct jf_book *b, const char *code);
int jf_book_household(const struct jf_book *b, const char *id);

/* The index of name in review.reviewers, or -1. */
int jf_book_reviewer(const struct jf_book *b, const char *name);
/* Is d inside the window [since, until] (either end may be JF_DATE_NONE)? */
bool jf_date_within(jf_date d, jf_date since, jf_date until);

/* The ledger file writers append to for village v and date d, relative to
 * the book root (the `ledger:` pattern with {year} and {village} expanded).
 * Appends to out. */
void jf_book_ledger_path(const struct jf_book *b, int village, jf_date d,
			 struct jf_buf *out);

#endif
