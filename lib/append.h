/* append.h - the single-write, fsync'd append of one entry.
 *
 * The entry is written with one write(2) to a file opened O_APPEND (a short
 * write is continued, so the next write says why it fell short; a file
 * size limit is the error EFBIG, not SIGXFSZ: fileio.h), then
 * fsync(2)'d, and the directory too when the file is new.  If anything
 * fails, the entry is taken back: the file is cut back to its old size and
 * fsync'd (a file the append created is removed, with any directories it
 * created), and JF_SYSTEM is returned with a diagnostic.  Existing bytes are
 * never touched.  Callers hold the book's lock.
 *
 * A crash can still leave the first bytes of the entry at the end of the
 * file; the entry's last line is always `by`, so readers see such a tail as
 * cut short and `jf-check --repair` sets it aside (repair.h).  The crash
 * tests stop or fail it at the points failpoint.h lists.
 */
#ifndef JF_APPEND_H
#define JF_APPEND_H

#include <stddef.h>

#include "diag.h"
#include "status.h"

/* Append len bytes of text to root/rel, creating directories and the file
 * as needed. */
enum jf_status jf_append(const char *root, const char *rel, const char *text,
			 size_t len, struct jf_diags *d);

#endif
