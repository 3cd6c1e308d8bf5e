/* stmt_priv.h - the insides of a statement, for its writers (stmt.c: text,
 * TSV, CSV, JSON; passbook.c: the printed passbook).  Not for commands. */
#ifndef JF_STMT_PRIV_H
#define JF_STMT_PRIV_H

#include "book.h"
#include "kind.h"

struct jf_stmt_line {
	size_t seq;
	jf_date date;
	enum jf_kind kind;
	int household, activity, item, village;
	int peer;               /* a transfer: the other household, else -1 */
	bool incoming;          /* a transfer's line on the receiving side */
	bool expired;           /* computed expiry (expiry.h), not an entry */
	jf_date until;          /* its points' last valid day */
	int64_t qty;
	jf_points points;       /* as recorded (0 for restock and void) */
	jf_points effect;       /* on the household's balance */
	jf_points balance;
	char *id, *at, *by, *note, *reason, *ref;
};

struct jf_stmt {
	const struct jf_book *b;
	const bool *want;
	bool with_shops;
	int village;
	jf_date from, to;
	struct jf_stmt_line *v;
	size_t n, cap;
};

/* qsort order of lines: by date, then as they came (ledger order). */
int jf_stmt_cmp_line(const void *a, const void *b);

#endif
