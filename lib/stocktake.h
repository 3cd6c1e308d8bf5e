/* stocktake.h - jf-restock --count: bring a shop's stock to what was
 * counted (SPEC 4.1, 盘点). */
#ifndef JF_STOCKTAKE_H
#define JF_STOCKTAKE_H

#include <stdint.h>

#include "cli.h"

/* Read the stock of item in village's shop as of the date of -d (default:
 * every entry), and append the restock (or write-off) of the difference to
 * counted, its note saying so ("stock-take: counted N, the book had M",
 * after the -n note); nothing when they agree.  The stock is read, then
 * the restock committed: an entry appended by another writer in between
 * shows as a warning (the stock after is not the count).  Returns the exit
 * status. */
int jf_cli_stocktake(struct jf_cli *cli, const char *village, const char *item,
		     int64_t counted, struct jf_diags *d);

#endif
