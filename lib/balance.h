/* balance.h - choosing households and writing the balance table. */
#ifndef JF_BALANCE_H
#define JF_BALANCE_H

#include <stdbool.h>

#include "acct.h"
#include "format.h"

/* Mark in want[] (one per household, caller-allocated) the households named
 * in ids (all when n == 0), keeping only those of village (NULL: any).
 * An unknown village or household is JF_REFUSED with a diagnostic. */
enum jf_status jf_select_households(const struct jf_book *b, const char *village,
				    char *const *ids, int n, bool *want,
				    struct jf_diags *d);
/* Append the balances of the wanted households in format fmt (text adds a
 * total row when more than one household is shown).  JF_INVALID on
 * overflow. */
enum jf_status jf_balance_format(const struct jf_accts *a, const bool *want,
				 enum jf_format fmt, struct jf_buf *out,
				 struct jf_diags *d);

#endif
