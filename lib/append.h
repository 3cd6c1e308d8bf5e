/* append.h - the single-write, fsync'd append of one entry.
 *
 * The entry is written with one write(2) to a file opened O_APPEND (a short
 * write is continued, so the next write says why it fell short), then
 * fsync(2)'d, and the directory too when the file is new.  If anything
 * fails, the entry is taken back: the file is cut back to its old size and
 * fsync'd (a file the append created is removed, with any directories it
 * created), and JF_SYSTEM is returned with a diagnostic.  Existing bytes are
 * never touched.  Callers hold the book's lock.
 *
 * A crash can still leave the first bytes of the entry at the end of the
 * file; the entry's last line is always `by`, so readers see such a tail as
 * cut short and `jf-check --repair` sets it aside (repair.h).
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

/* Failpoints, for the crash tests only: compiled in with make FAILPOINTS=1
 * (-DJF_FAILPOINTS), and to nothing otherwise, the point names included.
 *
 * $JF_FAILPOINT="point=action" makes jf_failpoint(point) act:
 *   kill          raise SIGKILL: a crash, no cleanup (the kernel drops the lock)
 *   exit          end the process at once, status 99
 *   stop          raise SIGSTOP: wait there, holding what it holds, for
 *                 SIGKILL or SIGCONT
 *   error:ENOSPC  return that errno value, for the caller to fail with as
 *   error:EIO     the system call at that point would
 * and otherwise returns 0.  The points, in the order a writer meets them:
 *   after-lock, after-scan (txn.c), before-write, partial-write (the first
 *   write(2) stops at half the entry, then the action), partial-write-end
 *   (the same, 3 bytes before the end: inside the `by` line), before-fsync,
 *   after-fsync (an error fails the close) (append.c), after-append (the
 *   entry is in, the reader cache not yet extended; txn.c).
 * Hooks whose caller cannot fail there are written
 * (void)jf_failpoint("point"): an error action does nothing at those. */
#ifdef JF_FAILPOINTS
int jf_failpoint(const char *point);
/* Does $JF_FAILPOINT name point (whatever the action)? */
int jf_failpoint_armed(const char *point);
#else
#define jf_failpoint(point) 0
#define jf_failpoint_armed(point) 0
#endif

#endif
