/* wish_write.h - what jf-wish and jf-serve share (SPEC 4.3): a serve's
 * request, the V:HOURS of `jf-wish done --serve`, and the one write of a
 * command's entries.  The checks are the kinds' own (kind_wish.c). */
#ifndef JF_WISH_WRITE_H
#define JF_WISH_WRITE_H

#include "cli.h"
#include "txn.h"

/* Fill t as a serve of volunteer for hours (as typed), earning under
 * activity (NULL: hours only) and naming wish (NULL: none). */
void jf_serve_request(struct jf_txn *t, const char *volunteer, const char *hours,
		      const char *activity, const char *wish);
/* Split "V:HOURS" at its last ':' into *vol (a copy, the caller frees it)
 * and *hours (into arg).  JF_USAGE with a diagnostic when either is empty. */
enum jf_status jf_serve_split(const char *arg, char **vol, const char **hours,
			      struct jf_diags *d);
/* Commit t[0..n) as one write, all or nothing (n == 1: jf_cli_write),
 * dated -d (or today), and print one line each (or one JSON object, or
 * for several one JSON array).  Returns the exit status. */
int jf_wish_write(struct jf_cli *cli, struct jf_txn *t, size_t n, struct jf_diags *d);

#endif
