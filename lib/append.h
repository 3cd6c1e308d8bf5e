/* append.h - the single-write, fsync'd append of one entry.
 *
 * The entry is written with one write(2) to a file opened O_APPEND, then
 * fsync(2)'d (and the directory too when the file is new).  If anything
 * fails, the file is truncated back to its old size, so nothing of the entry
 * remains, and JF_SYSTEM is returned.  Existing bytes are never touched.
 * Callers hold the book's lock.
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

/* Test builds only (make FAILPOINTS=1): if $JF_FAILPOINT names point, act
 * as it says ("exit", "kill", "error:EIO").  Returns 0 to go on, or an
 * errno value to fail with.  Compiled to nothing otherwise. */
#ifdef JF_FAILPOINTS
int jf_failpoint(const char *point);
#else
#define jf_failpoint(point) 0
#endif

#endif
