/* settings.h - what the settings readers share (book.c and the readers of
 * the optional settings files, volunteers.c).  Not for use elsewhere.
 *
 * A settings file is read as its events arrive (book.c: read_file): its
 * lists item by item through a struct list's function, the rest of its
 * top mapping as a bounded tree.  The helpers report with FILE:LINE:COL
 * into the ctx's diagnostics and mark it bad.
 */
#ifndef JF_SETTINGS_H
#define JF_SETTINGS_H

#include <stdbool.h>
#include <stddef.h>

#include "book.h"

/* One settings file being read: its name and the diagnostics. */
struct ctx {
	const char *file;
	struct jf_diags *d;
	bool bad;
};

/* A mapping's fields, looked up by name. */
struct field {
	const char *key;
	bool required;
	const struct jf_ynode *val; /* filled in */
	const struct jf_ynode *keynode;
};

struct list {
	const char *key;        /* its key in the top mapping */
	size_t max;             /* the most items it may hold */
	void (*item)(struct jf_book *, struct ctx *, const struct jf_ynode *);
	size_t n;               /* items read */
};

/* An error at node n (n may be NULL). */
void jf_settings_err(struct ctx *c, const struct jf_ynode *n, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Match map n's keys against f (NULL-key terminated): unknown keys (not
 * "x-...") and missing required ones are errors; false if n is no mapping. */
bool jf_settings_fields(struct ctx *c, const struct jf_ynode *n, const char *what,
			struct field *f);
/* Item n of a list, what (a mapping), matched against f: the texts of its
 * first fields into the const char ** that follow, NULL-terminated; false
 * when one is required and absent or present and no good scalar. */
bool jf_settings_item(struct ctx *c, const struct jf_ynode *n, const char *what,
		      struct field *f, ...);
/* A scalar field's text, or NULL (an error when not a non-empty scalar). */
const char *jf_settings_text(struct ctx *c, const struct field *f);
/* Is s a code: 1-64 of a-z 0-9 and extra (and A-Z when upper)? */
bool jf_settings_code_ok(const char *s, const char *extra, bool upper);
/* since/until: dates, until not before since. */
void jf_settings_window(struct ctx *c, const struct field *since, const struct field *until,
			jf_date *s, jf_date *u);
/* The list under f, or NULL (an error when f is not a list). */
const struct jf_ynode *jf_settings_seq(struct ctx *c, const struct field *f);
/* A copy of s owned by the book. */
char *jf_settings_str(struct jf_book *b, const char *s);
/* The village whose code s (field f's text) is, or -1 ("unknown village"). */
int jf_settings_village(const struct jf_book *b, struct ctx *c, const struct field *f,
			const char *s);
/* Item x (sz bytes) appended to the *n items of array v (room for *cap)
 * and indexed by key in m ("duplicate WHAT 'KEY'" at node at when it was
 * there already); returns the array. */
void *jf_settings_add(struct ctx *c, void *v, size_t *n, size_t *cap, const void *x, size_t sz,
		      struct jf_strmap *m, const char *key, const struct jf_ynode *at,
		      const char *what);
/* Read settings file c->file of b: lists through their functions, the
 * rest into *top (NULL for an empty file).  JF_OK, JF_INVALID, JF_SYSTEM. */
enum jf_status jf_settings_read(struct jf_book *b, struct ctx *c, struct list *lists,
				struct jf_ynode **top);

/* volunteers.c: jf.yaml's wish_days and volunteer_stars (either field
 * may be absent); one item of catalogue.yaml's services. */
void jf_vol_settings(struct jf_book *b, struct ctx *c, const struct field *wish_days,
		     const struct field *stars);
void jf_service_item(struct jf_book *b, struct ctx *c, const struct jf_ynode *n);

#endif
