/* stmt_priv.h - the insides of a statement, for its writers (stmt.c: text,
 * TSV, CSV, JSON; passbook.c: the printed passbook).  Not for commands. */
#ifndef JF_STMT_PRIV_H
#define JF_STMT_PRIV_H

#include "book.h"
#include "kind.h"
#include "lineord.h"

struct jf_stmt_line {
	struct jf_lpos pos;     /* ledger order; file NULL: no entry's */
	jf_date date;
	jf_date dated;          /* the entry's own date */
	enum jf_kind kind;
	int household, activity, item, village;
	int peer;               /* a transfer: the other household, else -1 */
	bool incoming;          /* a transfer's line on the receiving side */
	bool expired;           /* computed expiry (expiry.h), not an entry */
	jf_date until;          /* its points' last valid day */
	uint64_t tie;           /* its entry's (jf_accts_tie), for what a void kept */
	int64_t qty;
	jf_points points;       /* as recorded (0 for restock and void) */
	jf_points effect;       /* on the household's balance */
	jf_points balance;
	struct jf_ltexts t;     /* its entry's texts */
	/* books with review: (SPEC 4.2) */
	int state;              /* a reviewed earn's line: enum jf_review_st as of
				 * the statement's day, else -1 */
	bool counting;          /* the second line of one, on its counting day */
	bool superseded;        /* a review that has no effect (state.h) */
	jf_date counts_from;    /* a reviewed earn's counting day, or JF_DATE_NONE */
	int need, notice;       /* a reviewed earn's approvals and notice_days */
};

struct jf_stmt {
	const struct jf_book *b;
	const bool *want;
	bool with_shops;
	int village;
	jf_date from, to;
	struct jf_stmt_line *v;
	size_t n, cap;
	struct jf_lfiles files; /* the ledger files of the lines, interned */
	bool review;            /* the book has review: (a state column) */
	jf_date day;            /* the day states are shown as of (jf_stmt_day) */
};

/* qsort order of lines: by date, then ledger order (file, line; a line
 * that is no entry's, as they came, after the entries), a reviewed
 * earn's counting line first in its day (after its entry, on the same
 * day). */
int jf_stmt_cmp_line(const void *a, const void *b);

#endif
