/* review.h - the state of a reviewed entry (SPEC 4.2), from its follow-ups.
 *
 * A reviewed earn carries `approvals` N and `notice_days` D (its record's
 * need and notice).  Replayed in canonical order (state.h), as of day X:
 *   pending   until the approvals after its latest objection come from N
 *             distinct reviewers;
 *   notice    from the day A of the approval that completes the round
 *             through A + D - 1;
 *   counts    from A + D, the counting day;
 *   rejected  once rejected; voided once voided.
 * A follow-up that a writer would refuse in the state its predecessors
 * left (an approval twice in a round, of an entry on notice, counting,
 * rejected or voided; an objection or a rejection of an entry counting,
 * rejected or voided) has no effect: it is superseded by the one that
 * stands (the earlier approval, the completing approval, the rejection,
 * the void).  A void ends every state; it takes back the points only when
 * the entry counted by the void's date.
 */
#ifndef JF_REVIEW_H
#define JF_REVIEW_H

#include "state.h"

enum jf_review_st {
	JF_RV_PENDING, JF_RV_NOTICE, JF_RV_COUNTS, JF_RV_REJECTED, JF_RV_VOIDED,
};

struct jf_review_state {
	enum jf_review_st st;
	int approvals;           /* distinct approvals in the current round */
	uint64_t approved;       /* bit per reviewer index: who approved in it */
	jf_date notice_from;     /* A, or JF_DATE_NONE */
	jf_date counts_from;     /* A + D (also once voided, if it counted), or JF_DATE_NONE */
	jf_date ended;           /* the day of the rejection or void, or JF_DATE_NONE */
	int decided_by;          /* index of the rejection or void, or -1 */
};

/* The name of a state: pending, notice, counts, rejected, voided. */
const char *jf_review_st_name(enum jf_review_st st);
/* Replay the n follow-ups of target (sorted, jf_fu_sort) dated up to as_of
 * (JF_DATE_NONE: all, and the state as the entries written so far will
 * leave it) into *out; marks the superseded ones (flags, superseded_by). */
void jf_review_replay(const struct jf_effect *target, struct jf_fu *f, size_t n,
		      jf_date as_of, struct jf_review_state *out);

#endif
