/* wish.h - the state of a wish (SPEC 4.3), from its follow-ups.
 *
 * A wish is open, then taken (once), then done or dropped (once, never
 * both).  Its follow-ups, replayed in canonical order (state.h) as of day X:
 *   take  an open wish becomes taken; the take names a team and/or a
 *         volunteer;
 *   done  a taken wish is done;
 *   drop  an open or taken wish is dropped;
 *   void  of the take that stands, while the wish is taken: open again
 *         (another take may take it on).
 * A follow-up a writer would refuse in the state its predecessors left -
 * a second take, a done of an open wish, a done or drop after a done or a
 * drop, a void of the standing take of a done or dropped wish - has no
 * effect: it is marked superseded by the one that stands (the take, the
 * done or the drop; -1 when none does, as for a done of a wish never
 * taken), and jf-check names it.  So where two clones merged two takes of
 * one wish, or a done and a drop, the first in canonical order stands, in
 * every clone and merge direction.  A take voided before it comes in
 * canonical order never stands.
 *
 * The records (index.h) of the family keep, besides the common slots:
 *   wish   what = service index + 1 (0: none);
 *   take   what = team index + 1 (0: none), qty = volunteer index (-1: none);
 *   serve  qty = hours in hundredths, what = activity (when household >= 0),
 *          vol = volunteer index + 1.
 */
#ifndef JF_WISH_H
#define JF_WISH_H

#include "book.h"
#include "diag.h"
#include "entry.h"
#include "state.h"

enum jf_wish_st { JF_WS_OPEN, JF_WS_TAKEN, JF_WS_DONE, JF_WS_DROPPED };

struct jf_wish_state {
	enum jf_wish_st st;
	int taken_by;            /* index of the take that stands, or -1 */
	int ended_by;            /* index of the done or drop, or -1 */
	jf_date taken;           /* the standing take's date, or JF_DATE_NONE */
	jf_date ended;           /* the done's or drop's date, or JF_DATE_NONE */
	int takes;               /* takes that stood at some time (a void reopened) */
};

/* The name of a state: open, taken, done, dropped. */
const char *jf_wish_st_name(enum jf_wish_st st);
/* Replay the n follow-ups of a wish (take, done, drop, and voids of its
 * takes; sorted by jf_fu_sort) dated up to as_of (JF_DATE_NONE: all) into
 * *out; marks the superseded ones (flags, superseded_by).  void_of[i] is
 * the key of the take that follow-up i voids (read for voids only; NULL
 * when there are none). */
void jf_wish_replay(const struct jf_effect *wish, struct jf_fu *f, size_t n,
		    const struct jf_idkey *void_of, jf_date as_of, struct jf_wish_state *out);
/* The same, with void_of taken from the follow-ups' `ref` (state.h), as
 * the scanner and writers hand them (a void's ref is the take it undoes). */
void jf_wish_state_of(const struct jf_effect *wish, struct jf_fu *f, size_t n, jf_date as_of,
		      struct jf_wish_state *out);
/* Days a wish has been up: (the done or drop day, else as_of) - posted. */
int jf_wish_age(jf_date posted, const struct jf_wish_state *s, jf_date as_of);

/* What a record of the family holds (the layout above). */
int jf_wish_service(const struct jf_effect *wish);       /* -1: none */
int jf_take_team(const struct jf_effect *take);          /* -1: none */
int jf_take_volunteer(const struct jf_effect *take);     /* -1: none */
jf_points jf_serve_hours(const struct jf_effect *serve); /* hundredths */
int jf_serve_volunteer(const struct jf_effect *serve);   /* -1: none */
/* Do the hours of serve record `serve` count as of day as_of (JF_DATE_NONE:
 * for good)?  Hours are a record for honours, never withdrawn, but a
 * reviewed serve (SPEC 4.2) whose review ended by as_of without its
 * counting (rejected, or voided before its counting day) never counts:
 * neither its hours nor a void of it move any total. */
bool jf_serve_hours_count(const struct jf_effect *serve, jf_date as_of);

/* jf-check's count of a volunteer's hours a day (SPEC 4.3: at most 24),
 * which clones merged may pass: note every entry read, then warn. */
struct jf_served {
	struct jf_serve_day *v;     /* each serve read: volunteer, day, hours, key */
	size_t n, cap;
	struct jf_idkey *voided;    /* the serves voided */
	size_t nvoided, capvoided;
};
void jf_served_note(struct jf_served *s, const struct jf_entry *e);
void jf_served_warnings(struct jf_served *s, const struct jf_book *b, struct jf_diags *d);
void jf_served_release(struct jf_served *s);

#endif
