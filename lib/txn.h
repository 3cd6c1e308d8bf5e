/* txn.h - writers: check a new entry against the book and append it.
 *
 * jf_txn_commit() takes the book's lock, reads the whole ledger (every
 * rule of SPEC section 1 checked), checks the request against the rules of
 * SPEC section 2 (codes, account window, rule window, limit, balance,
 * stock, void once), builds the entry, appends it with one write + fsync
 * (append.h) and drops the lock.  With dry_run it stops before appending.
 */
#ifndef JF_TXN_H
#define JF_TXN_H

#include <stdbool.h>

#include "book.h"
#include "buf.h"
#include "id.h"
#include "kind.h"
#include "ledger.h"
#include "review.h"
#include "wish.h"

struct jf_txn {
	enum jf_kind kind;
	const char *household;   /* earn, redeem, adjust */
	const char *code;        /* activity (earn) or item (redeem, restock) */
	const char *village;     /* restock */
	const char *ref;         /* void */
	int64_t qty;             /* earn, redeem, restock */
	jf_points points;        /* adjust */
	const char *reason, *note, *by;
	jf_date date;            /* JF_DATE_NONE: today in the book's zone */
	bool dry_run;
	bool no_cache;           /* read the whole ledger, not the cache */
	long wait_ms;
	const char *to;          /* transfer: the receiving household */
	jf_date until;           /* expire: the last valid day of the points */
	const char *val[JF_NFIELDS]; /* text fields without a member above */
	const char *src;         /* where the request came from ("sheet.csv"), or NULL */
	unsigned long src_line;  /* its row there, 0: none */
	/* t[0] only: a check made while the book's lock is held, before the
	 * ledger is read (say "this sheet is in the book already"), so that
	 * no other writer can change its answer; JF_OK or the refusal. */
	enum jf_status (*locked)(void *ctx, const struct jf_book *b, struct jf_diags *d);
	void *locked_ctx;
};

struct jf_txn_result {
	char id[JF_ID_LEN + 1];
	struct jf_buf file;      /* the ledger file, relative to the book */
	struct jf_buf text;      /* the entry's bytes */
	enum jf_kind kind;
	jf_date date;
	int household, village, activity, item;  /* -1 when n/a */
	int64_t qty;
	jf_points points;        /* its effect on the household (void: minus the target's) */
	jf_points balance;       /* the household's balance after it */
	bool has_stock;
	int64_t stock;           /* the shop's stock of item after it */
	const char *ref;         /* void: the entry undone (borrowed from the request) */
	enum jf_kind ref_kind;
	bool dry_run;
	int to;                  /* transfer: the receiver, else -1 */
	jf_points to_balance;    /* transfer: the receiver's balance after it */
	jf_points pending;       /* a reviewed earn: its points, not counting yet */
	bool reviewed;           /* a reviewed earn (SPEC 4.2) */
	bool has_review;         /* a review (or void) of a reviewed entry: */
	struct jf_review_state review; /* the target's state after it, that day */
	int needed;              /* with has_review: the approvals the target needs */
	int reviewer;            /* approve, reject: the reviewer's index, else -1 */
	int volunteer, team;     /* serve, take: the volunteer's, the team's index, or -1 */
	jf_points hours;         /* serve: its hours (hundredths), else 0 */
	bool hours_only;         /* serve: hours, no points (no activity asked, or
				  * the volunteer has no household) */
	const char *wish;        /* serve: the wish it names (the request's), or NULL */
	bool has_wish;           /* a wish, take, done, drop, void of a take: */
	enum jf_wish_st wish_st; /* the wish's state after it */
};

/* Check and append the entry described by t to book b (b->root).  Returns
 * JF_OK with *res filled, or the status with the reason in d.  Free res with
 * jf_txn_result_release() in every case. */
enum jf_status jf_txn_commit(const struct jf_book *b, const struct jf_txn *t,
			     struct jf_txn_result *res, struct jf_diags *d);
void jf_txn_result_release(struct jf_txn_result *res);
/* Check and append n requests as one: each checked as if appended after
 * the ones before it (balances, limits, stock and follow-up targets count
 * the earlier ones); every refusal is reported (as "SRC:LINE: message" when
 * t[i].src is set), and then nothing is appended, the status the highest;
 * else all entries go to the ledger file of the first (SPEC 4.0), in one
 * write and one fsync.  The lock, the wait, the cache and the dry run are
 * t[0]'s.  Release each of res[0..n) with jf_txn_result_release(). */
enum jf_status jf_txn_commit_many(const struct jf_book *b, const struct jf_txn *t, size_t n,
				  struct jf_txn_result *res, struct jf_diags *d);

/* The one line a writer prints, "earn XB-017 司学霞 clean-yard x1 +5,
 * balance 125, id 01K...", and its JSON object (keys in jf-add(1)). */
void jf_txn_result_text(const struct jf_book *b, const struct jf_txn_result *res,
			struct jf_buf *out);
void jf_txn_result_json(const struct jf_book *b, const struct jf_txn_result *res,
			struct jf_buf *out);

#endif
