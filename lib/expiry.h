/* expiry.h - points that expire: 清零 at the year end, or after N years.
 *
 * Expiry is computed, never taken from entries (SPEC 4.4).  The accounts
 * (acct.h) hand every amount that touches a household to jf_expiry_add(),
 * in any order; jf_expiry_run() puts them in date order and works out, as
 * of one day, what is left of each year's points, what expired at each
 * year end and what will expire within 30 days.
 *
 * The model.  A household holds points by the year they count in (a
 * bucket per year still valid) and a debt (a negative balance, which is
 * never cleared: new points pay it first).  With policy years N the
 * points of year Y are valid through 31 December of Y+N-1; the next day
 * what is left of them expires.  Points that count before `since` count on
 * it.  Every negative amount takes from the oldest valid year first, the
 * rest becomes debt; a transfer moves years oldest first, and the
 * receiver keeps them.  A void of an earning takes back from the
 * earning's own year while it is valid (a voided earning does not
 * expire), the rest like any negative amount; a void of a negative amount
 * gives back to the oldest year still valid.  A void takes back what its
 * target counts as of the void's date (SPEC 4.2): once the target's year
 * has expired, what expired of it is gone already, so the void takes that
 * much less (kept, up to what expired of that year) and what expired
 * stays as it was: a later entry never changes what expired at a year
 * end, nor the receipts that record it.  A void of a transfer likewise
 * gives the giver back only what the receiver still had.
 * On one day, amounts in are taken before amounts out, and ties between
 * transfers are broken by id, so every clone computes the same figures.
 *
 * Memory: one record per amount (about 48 bytes), kept only in books with
 * `expiry:`, plus N buckets per household.
 */
#ifndef JF_EXPIRY_H
#define JF_EXPIRY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "book.h"
#include "date.h"
#include "points.h"

/* What an amount does to a household's years. */
enum jf_xclass {
	JF_X_GAIN,   /* points in, counting in the year of their date */
	JF_X_BACK,   /* a void of a negative amount: back to the oldest valid year */
	JF_X_UNGAIN, /* a void of a gain: out of the gain's own year (origin) */
	JF_X_TAKE,   /* points out: the oldest valid year first */
	JF_X_OUT,    /* a transfer to peer: years oldest first, kept by peer */
	JF_X_UNOUT,  /* a void of a transfer: back to peer (the giver) */
};

struct jf_xmove {
	jf_date date;         /* the day it counts */
	jf_date origin;       /* JF_X_UNGAIN, _UNOUT: the day the voided entry counted */
	int32_t household;
	int32_t peer;         /* JF_X_OUT: who receives; _UNOUT: who gets back */
	jf_points points;     /* the amount, > 0 */
	uint64_t tie;         /* breaks ties on one day (from the entry's id) */
	int32_t rule;         /* JF_X_UNGAIN: the voided earning's rule, or -1 */
	uint8_t cls;          /* enum jf_xclass */
	uint8_t bucket;       /* JF_X_UNGAIN: enum jf_bucket of the void's move */
};

/* What a void did not take back because its target's points had expired
 * (kept): points the void's moves count that it does not move. */
struct jf_xkept {
	int32_t household;
	jf_date date;         /* the void's */
	uint64_t tie;         /* the void's (jf_xmove.tie) */
	jf_points points;     /* to add to the void's move of household: > 0 for
			       * the household it takes back from, < 0 for a
			       * transfer's giver, who gets that much less back */
	int32_t rule;         /* as in the jf_xmove */
	uint8_t bucket;
};

/* What expired of one household's points of one year. */
struct jf_xlapse {
	int32_t household;
	jf_date until;        /* their last valid day, 31 December */
	jf_points points;     /* > 0 */
	jf_points kept;       /* of them, what later voids did not take back */
};

/* Receipts (expire entries) and the computed figure for one household and
 * last valid day, where they differ. */
struct jf_xdue {
	int32_t household;
	jf_date until;
	jf_points computed;   /* what expired, as of the day of the last run */
	jf_points recorded;   /* what receipts for the pair record (positive) */
};

struct jf_xacct {
	jf_points expired;    /* all that expired up to the day asked, >= 0 */
	jf_points expiring;   /* valid points whose last day is within 30 days */
	jf_points kept;       /* the sum of its jf_xkept up to the day asked */
};

struct jf_expiry {
	struct jf_expiry_policy pol;
	size_t nh;            /* households */
	struct jf_xmove *v;   /* the amounts added */
	size_t n, cap;
	/* filled by jf_expiry_run() */
	struct jf_xacct *acct;     /* one per household */
	struct jf_xlapse *lapses;  /* by household, then until */
	size_t nlapses;
	struct jf_xkept *kept;     /* by the order of the amounts */
	size_t nkept, capkept;
	struct jf_xlapse *receipts; /* as added, points positive */
	size_t nreceipts, capreceipts;
	jf_date as_of;             /* of the last run */
};

/* Days before the last valid day that points count as expiring. */
#define JF_EXPIRING_DAYS 30

/* Set up for nh households under policy p (p->years > 0). */
void jf_expiry_init(struct jf_expiry *x, const struct jf_expiry_policy *p, size_t nh);
void jf_expiry_release(struct jf_expiry *x);
/* Add one amount (copied). */
void jf_expiry_add(struct jf_expiry *x, const struct jf_xmove *m);
/* Add a receipt: p (> 0) points of household h valid through until expired. */
void jf_expiry_receipt(struct jf_expiry *x, int h, jf_date until, jf_points p);
/* After a run: the pairs (household, last valid day before the run's day)
 * whose receipts differ from the computed figure, by household then day,
 * into *out (caller frees; NULL when none).  Returns how many, or
 * (size_t)-1 on overflow of a sum. */
size_t jf_expiry_due(const struct jf_expiry *x, struct jf_xdue **out);
/* Work out the figures as of day as_of from the amounts dated up to it
 * (later ones are left out).  May run again for another day.  False on
 * overflow of a sum. */
bool jf_expiry_run(struct jf_expiry *x, jf_date as_of);
/* After a run: how much a void dated on the run's day, of an entry whose
 * points for household h counted on day origin, would not take back,
 * because they expired (what expired of that year, less what voids kept
 * of it already); 0 while that year is valid. */
jf_points jf_expiry_keepable(const struct jf_expiry *x, int h, jf_date origin);
/* The last valid day of points counting on day d. */
jf_date jf_expiry_last_day(const struct jf_expiry_policy *p, jf_date d);

#endif
