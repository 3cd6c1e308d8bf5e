/* acct.h - what entries add up to: household accounts and shop stock.
 *
 * The ledger is the truth: sums of recorded points, never re-priced.  A void
 * takes its target's effect back on the void's own date, so a balance "as
 * of" a day before the void still shows the voided entry.  Memory: one
 * account per household and one counter per village and item.
 */
#ifndef JF_ACCT_H
#define JF_ACCT_H

#include <stdbool.h>

#include "book.h"
#include "expiry.h"
#include "ledger.h"

struct jf_account {
	jf_points earned;   /* earnings net of deductions, plus adjustments */
	jf_points gained;   /* positive earnings only */
	jf_points deducted; /* deductions (negative earn entries), <= 0 */
	jf_points adjusted; /* adjustments */
	jf_points spent;    /* redeemed, >= 0 */
	int64_t entries;    /* entries that touched the account */
	jf_points transferred; /* transfers in less transfers out (in earned) */
	jf_points expired;  /* expired as of the day of jf_accts_expire(), >= 0 */
	jf_points expiring; /* valid points whose last day is within 30 days */
	jf_points pending;  /* reviewed earnings pending or on notice (not counted) */
	jf_points kept;     /* in earned: what voids did not take back because
			     * their targets' points had expired (expiry.h) */
};

struct jf_accts {
	const struct jf_book *book;
	struct jf_account *acct;  /* one per household */
	int64_t *stock;           /* [village * ngoods + item] */
	jf_date as_of;            /* JF_DATE_NONE: everything */
	jf_date today;            /* as_of NONE: today, the day reviewed points are
				   * counted or pending as of (SPEC 4.2) */
	struct jf_expiry *expiry; /* books with `expiry:`: the amounts, by year */
	jf_points tally;          /* |points| of every entry applied (points.h) */
};

/* Size for book b; counting entries dated up to as_of (JF_DATE_NONE: all). */
void jf_accts_init(struct jf_accts *a, const struct jf_book *b, jf_date as_of);
void jf_accts_release(struct jf_accts *a);
/* Add one entry (a jf_entry_fn); overflow is reported as JF_INVALID, and
 * so is a tally of the book past JF_POINTS_SUM_MAX (counted whatever as_of
 * is, so every command refuses such a book alike). */
enum jf_status jf_accts_apply(struct jf_accts *a, const struct jf_entry *e,
			      struct jf_diags *d);
/* Books with `expiry:`: work out what expired as of day as_of (NONE: the
 * accounts' as_of, else today in the book's zone) into each account's
 * expired and expiring.  Without `expiry:` nothing happens.  JF_INVALID
 * on overflow, JF_USAGE when today cannot be known (JF_NOW). */
enum jf_status jf_accts_expire(struct jf_accts *a, jf_date as_of, struct jf_diags *d);
/* The day jf_accts_expire() takes for as_of NONE, into *out. */
enum jf_status jf_accts_day(const struct jf_accts *a, jf_date as_of, jf_date *out,
			    struct jf_diags *d);
/* Count entry e's points into a book's tally *t (points.h); JF_INVALID,
 * with the diagnostic at e, past the bound.  Every reader counts the tally
 * of every entry it reads, so all refuse such a book alike. */
enum jf_status jf_accts_tally(const struct jf_book *b, jf_points *t,
			      const struct jf_entry *e, struct jf_diags *d);
/* The balance: earned - spent - expired; false on overflow. */
bool jf_account_balance(const struct jf_account *ac, jf_points *out);
/* Entry e's tie-breaker in the expiry (jf_xmove.tie, jf_xkept.tie). */
uint64_t jf_accts_tie(const struct jf_entry *e);
/* The day move i of target counts from (where a void's move i takes back
 * from), or JF_DATE_NONE. */
jf_date jf_accts_origin(const struct jf_book *b, const struct jf_effect *target, size_t i);
/* The stock of item in village's shop. */
int64_t jf_accts_stock(const struct jf_accts *a, int village, int item);

#endif
