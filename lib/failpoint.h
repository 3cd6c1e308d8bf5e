/* failpoint.h - named points where the crash tests make a writer fail.
 *
 * Compiled in with make FAILPOINTS=1 (-DJF_FAILPOINTS) only; otherwise the
 * calls below are the constant 0 and no point name or code is built in.
 *
 * $JF_FAILPOINT="point=action" makes jf_failpoint(point) act:
 *   kill          raise SIGKILL: a crash, no cleanup (the kernel drops the lock)
 *   exit          end the process at once, status 99
 *   stop          raise SIGSTOP: wait there, holding what it holds, for
 *                 SIGKILL or SIGCONT
 *   error:ENOSPC  return that errno value, for the caller to fail with as
 *   error:EIO     the system call at that point would
 * and otherwise returns 0; an unknown action ends the process, status 98.
 * The points, in the order a writer meets them:
 *   after-lock, after-scan (txn.c), before-write, partial-write (the
 *   first write(2) stops at half the entry, then the action),
 *   partial-write-end (the same, 3 bytes before the end: inside the `by`
 *   line), before-fsync, after-fsync (an error fails the close)
 *   (append.c), after-append (the entry is in, the reader cache not yet
 *   extended; txn.c).  jf-expire meets expire-planned when it has
 *   worked out its receipts, before it takes the lock.  A reader meets
 *   before-texts each time it reads a replayed entry's texts again
 *   (ledger.c: jf_entry_texts), before-places before it reads the places
 *   of the first file it replays (scan_cache.c).  And short-reads, with
 *   any action: every read(2) of a YAML file gets about 100 bytes at
 *   most, as a network file system may give (yread.c).
 * Hooks whose caller cannot fail there are written
 * (void)jf_failpoint("point"): an error action does nothing at those.
 */
#ifndef JF_FAILPOINT_H
#define JF_FAILPOINT_H

#ifdef JF_FAILPOINTS
/* Act as $JF_FAILPOINT says for point: 0, or an errno value to fail with. */
int jf_failpoint(const char *point);
/* Does $JF_FAILPOINT name point (whatever the action)? */
int jf_failpoint_armed(const char *point);
#else
#define jf_failpoint(point) 0
#define jf_failpoint_armed(point) 0
#endif

#endif
