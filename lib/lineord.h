/* lineord.h - lines of entries kept in ledger order (stmt.c, vlog.c).
 *
 * A statement or a volunteer's log keeps one line per entry it shows and
 * sorts them by date, then in ledger order: the entry's file, its line in
 * that file, then the order the lines were taken.  The file names are
 * interned (one copy per ledger file, few), so a line holds a pointer.
 */
#ifndef JF_LINEORD_H
#define JF_LINEORD_H

#include <stddef.h>

#include "status.h"

/* Where a line stands in the ledger. */
struct jf_lpos {
	size_t seq;             /* the order taken */
	const char *file;       /* the entry's ledger file (interned), or NULL */
	unsigned long line;     /* and its line */
};

/* The interned file names; zero-initialise, free with jf_lfiles_free(). */
struct jf_lfiles {
	char **v;
	size_t n;
};

/* The interned copy of file name f (NULL for NULL). */
const char *jf_lfiles_intern(struct jf_lfiles *f, const char *name);
void jf_lfiles_free(struct jf_lfiles *f);

/* The texts of its entry a line keeps: copies, NULL where it has none
 * (id: NULL for a line of no entry). */
struct jf_ltexts {
	char *id, *at, *by, *note, *reason, *ref, *reviewer;
};
struct jf_book;
struct jf_diags;
struct jf_entry;
/* Copy entry e's texts into t, reading them again from e's bytes when e
 * was replayed from the cache without them (jf_entry_texts, ledger.h).
 * On an error (the bytes changed) t is left as it was. */
enum jf_status jf_ltexts_read(struct jf_ltexts *t, const struct jf_book *b,
			      const struct jf_entry *e, struct jf_diags *d);
void jf_ltexts_free(struct jf_ltexts *t);

/* Ledger order: by file and line where both have a file, then by seq. */
int jf_lpos_cmp(const struct jf_lpos *x, const struct jf_lpos *y);

#endif
