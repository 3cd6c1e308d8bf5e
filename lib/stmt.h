/* stmt.h - statements: entries in date order with running balances.
 *
 * A statement collects the entries it will show (memory grows with them,
 * not with the whole ledger), sorts them by date and then ledger order, and
 * writes them with each household's running balance.  Entries before the
 * period still count toward the balance but are not shown.  In books with
 * review: a reviewed earn is a line on its date with its state and no
 * effect, and a second line ("counts") on its counting day with its
 * points.
 */
#ifndef JF_STMT_H
#define JF_STMT_H

#include <stdbool.h>

#include "format.h"
#include "ledger.h"
#include "print.h"

struct jf_stmt;

/* A statement of the households marked in want (one flag per household),
 * showing entries dated within [from, to] (JF_DATE_NONE: open).  When
 * with_shops is set, restocks (and their voids) of village `village` (-1:
 * any) are shown too.  Free with jf_stmt_free(). */
struct jf_stmt *jf_stmt_new(const struct jf_book *b, const bool *want, bool with_shops,
			    int village, jf_date from, jf_date to);
void jf_stmt_free(struct jf_stmt *s);
/* Books with review: the day reviewed entries' states are shown as of,
 * and their counting lines up to (the statement's last day, or today).
 * Call before the first jf_stmt_add(). */
void jf_stmt_day(struct jf_stmt *s, jf_date day);
/* Take one entry (call from a jf_entry_fn).  The texts of an entry
 * replayed from the cache (ledger.h: places) are read again only for the
 * lines shown; a problem doing so goes to d (JF_INVALID, JF_SYSTEM). */
enum jf_status jf_stmt_add(struct jf_stmt *s, const struct jf_entry *e, struct jf_diags *d);
struct jf_expiry;
/* Books with `expiry:`: a line "expired" for each household and year whose
 * points expired (x run by jf_accts_expire()), dated the day after their
 * last valid day, taking them from the running balance; and a void's
 * line takes back only what had not expired of its target (jf_xkept).
 * Call it after the last jf_stmt_add(). */
void jf_stmt_add_expired(struct jf_stmt *s, const struct jf_expiry *x);
/* Sort, compute balances and append the statement in fmt; `narrow` drops
 * the household columns from text output (a one-household statement).
 * JF_INVALID on overflow. */
enum jf_status jf_stmt_format(struct jf_stmt *s, enum jf_format fmt, bool narrow,
			      struct jf_buf *out, struct jf_diags *d);

/* Sort, compute balances and append the printed passbook (passbook.c):
 * one page per household marked in want, in register order, on paper,
 * printed on `printed`.  JF_INVALID on overflow. */
enum jf_status jf_stmt_passbook(struct jf_stmt *s, enum jf_paper paper, jf_date printed,
				struct jf_buf *out, struct jf_diags *d);

#endif
