/* state.h - entries whose state depends on their follow-ups (SPEC 4.0).
 *
 * A reviewed earn (SPEC 4.2) is pending, on notice, counting, rejected or
 * voided according to its approvals, objections, rejections and void; a
 * wish (SPEC 4.3) is open, taken, done or dropped according to its take,
 * done and drop.  Such a state is never taken from file order: the
 * follow-ups of one target are kept as records (struct jf_fu) and replayed
 * in canonical order - date, then `at` as instants (an entry without `at`
 * first in its day), then id - by the target kind's replay function, which
 * works out the state as of any day and marks the follow-ups a writer
 * would have refused (merged from two clones) as superseded, naming the
 * one that stands.  The records carry what ordering needs (the id text
 * and the instant), so replaying them from the reader cache gives the same
 * state as reading the ledger.
 *
 * The design for the scanner (ledger.h): it keeps, per target flagged
 * JF_EFFECT_FOLLOWED, the list of its stateful follow-ups; at the end of
 * the scan the target kind's replay sets the target record's `counts`
 * (its counting day) and the follow-ups' JF_EFFECT_SUPERSEDED, before the
 * target and its follow-ups are delivered, so that moves() sees them.
 */
#ifndef JF_STATE_H
#define JF_STATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "date.h"
#include "id.h"
#include "index.h"

/* One follow-up of a stateful target. */
struct jf_fu {
	struct jf_idkey key;     /* its own id's key */
	struct jf_idkey target;  /* its stateful target's (a wish for the void
				  * of one of its takes) */
	struct jf_idkey ref;     /* the entry it names (its `ref`) */
	jf_date date;
	bool has_at;
	int64_t at_ns;           /* `at` as an instant: ns since 1970-01-01T00:00Z */
	char id[JF_ID_MAX + 1];
	uint8_t kind;            /* enum jf_kind */
	int8_t who;              /* reviewer index, or -1 */
	uint8_t flags;           /* JF_EFFECT_SUPERSEDED once replayed */
	int superseded_by;       /* index (in the sorted list) of the one that stands, or -1 */
};

/* Parse an RFC 3339 time (YYYY-MM-DDTHH:MM:SS[.frac](Z|+HH:MM|-HH:MM)) to
 * an instant; -1 if it is not one. */
int jf_instant_parse(const char *s, int64_t *ns);
/* Fill a follow-up record from an entry's texts (at may be NULL). */
void jf_fu_init(struct jf_fu *f, const char *id, jf_date date, const char *at,
		enum jf_kind kind, int who);
/* Canonical order (SPEC 4.0): <0, 0, >0. */
int jf_fu_cmp(const struct jf_fu *a, const struct jf_fu *b);
/* Sort n follow-ups into canonical order. */
void jf_fu_sort(struct jf_fu *f, size_t n);

#endif
