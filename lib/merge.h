/* merge.h - the three-way merge of one ledger file (jf-merge, git's driver).
 *
 * Ledger files only grow, so a merge needs no line diff.  jf_merge() proves
 * that OURS and THEIRS each begin with the exact bytes of BASE, splits what
 * each side appended (its "tail") into entries, reads every tail strictly
 * (yread.h) and gives BASE + OURS's tail + those entries of THEIRS's tail
 * whose id OURS's tail lacks.  The result begins with OURS byte for byte.
 * An entry appended on both sides with the same id and the same bytes is
 * kept once; the same id with other bytes is a conflict.  Anything it
 * cannot prove is refused with a diagnostic: it never guesses.
 *
 * Entries, as the merge splits text: an entry starts at a line beginning
 * with "-" in column 1 and runs to the next one; comment and blank lines
 * travel with the entry they precede (or with the end of the file).  The
 * split is checked against the YAML reading of the tail (one item per
 * split entry, each starting on its entry's lines); entries are matched by
 * id, bytes and what they read as; and the merged text is read back, and
 * must read as exactly the entries merged, before it is trusted.
 */
#ifndef JF_MERGE_H
#define JF_MERGE_H

#include <stddef.h>

#include "buf.h"
#include "diag.h"
#include "status.h"

/* One entry of a text, as byte offsets into it. */
struct jf_mentry {
	size_t start;           /* first byte, leading comment lines included */
	size_t body;            /* first byte of its "-" line */
	size_t end;             /* one past its last byte */
	unsigned long sline;    /* line number of start */
	unsigned long line;     /* line number of the "-" line */
};

/* A text (or its tail) split into entries. */
struct jf_msplit {
	struct jf_mentry *v;
	size_t n;
	size_t trail;           /* where the comment/blank lines after the last
				 * entry begin (the end of the text if none) */
};

/* Split text[from..len) into entries; line0 is the line number of
 * text[from], which must start a line.  Returns 0, or -1 with *bad set to
 * the line number of a line before the first entry that is neither blank
 * nor a comment (it would continue whatever precedes from).  *s is
 * released with jf_msplit_release(). */
int jf_merge_split(const char *text, size_t from, size_t len, unsigned long line0,
		   struct jf_msplit *s, unsigned long *bad);
void jf_msplit_release(struct jf_msplit *s);

/* One entry as the YAML reader saw it. */
struct jf_mitem {
	unsigned long line;     /* where its mapping starts */
	const char *id;         /* its id (points into canon) */
	struct jf_buf canon;    /* what it says: "key\0value\0" for each field,
				 * in order */
};

struct jf_mitems {
	struct jf_mitem *v;
	size_t n;
};

/* Read text[0..n) strictly (yread.h, the ledger limits) as a piece of a
 * ledger file made of whole entries: nothing, or one block sequence of flat
 * mappings of plain text, each with a valid 'id' and no key twice.
 * Diagnostics name file, count lines from line0 for text[0], and start
 * with what (may be NULL).  Returns JF_OK, JF_INVALID, or JF_SYSTEM (a
 * scratch file could not be made).  out is released with
 * jf_mitems_release(), also after a failure. */
enum jf_status jf_merge_read(const char *text, size_t n, const char *file,
			     unsigned long line0, const char *what,
			     struct jf_mitems *out, struct jf_diags *d);
void jf_mitems_release(struct jf_mitems *m);

/* A file's bytes, borrowed. */
struct jf_mtext {
	const char *s;
	size_t len;
};

/* Merge the three versions of the ledger file called name (git's %P, used
 * in diagnostics).  On JF_OK out holds the result (appended to out).
 * JF_REFUSED: a side did not only append, a tail is malformed or cut short,
 * or an id conflicts; every problem is in the diagnostics and out is left
 * as it was.  JF_SYSTEM: a scratch file could not be made. */
enum jf_status jf_merge(const char *name, const struct jf_mtext *base,
			const struct jf_mtext *ours, const struct jf_mtext *theirs,
			struct jf_buf *out, struct jf_diags *d);

/* Read the whole file path into out (what names it in messages: "ours").
 * JF_SYSTEM with a diagnostic on an I/O error or a file larger than a
 * ledger may be. */
enum jf_status jf_merge_load(const char *path, const char *what, struct jf_buf *out,
			     struct jf_diags *d);

#endif
