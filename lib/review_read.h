/* review_read.h - a reviewed entry's state as the readers show it.
 *
 * jf-log, jf-report and the passbook show each reviewed earn (SPEC 4.2)
 * with its state as of a day: jf_review_replay() (review.h) over the
 * follow-ups the scanner delivered with it (e->fus), on a copy, so that
 * replaying as of an earlier day never touches the flags the scanner
 * keeps for the follow-ups still to come.
 */
#ifndef JF_REVIEW_READ_H
#define JF_REVIEW_READ_H

#include <stdbool.h>

#include "entry.h"
#include "review.h"

/* Is e a reviewed earn (it carries approvals)?  Then *out is its state as
 * of day as_of (JF_DATE_NONE: after every follow-up). */
bool jf_review_entry(const struct jf_entry *e, jf_date as_of, struct jf_review_state *out);

/* The order of entries under review in the lists (jf-review list, the
 * report's on-notice section): by village, the day given (the entry's or
 * its counting day), household, then id.  <0, 0, >0. */
struct jf_review_key {
	int village;
	jf_date day;
	int household;
	const char *id;
};
int jf_review_key_cmp(struct jf_review_key x, struct jf_review_key y);

#endif
