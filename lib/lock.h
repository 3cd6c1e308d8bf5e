/* lock.h - the book's exclusive writer lock.
 *
 * Writers hold an flock(2) on BOOK/.jf/lock while they read, check and
 * append, so two writers never spend the same points twice.  The kernel
 * drops the lock when its holder dies, so a killed writer never blocks the
 * next.  BOOK/.jf/ holds jf's private files; it carries its own .gitignore.
 *
 * Removing BOOK/.jf (rm -rf, git clean -x) under a writer must not let a
 * second one in: a writer checks after flock that the file it locked is
 * still BOOK/.jf/lock (else it locks the new one), and also locks the
 * book's directory itself, which no removal of .jf takes away.  Writers
 * get their turn among readers: a writer first takes BOOK/.jf/intent
 * exclusively, then waits for the lock; readers take the intent shared
 * for a moment before sharing the lock, so while a writer waits no new
 * reader starts.  Order, for everyone: intent, lock, directory.
 */
#ifndef JF_LOCK_H
#define JF_LOCK_H

#include <stdbool.h>

#include "diag.h"
#include "status.h"

struct jf_lock {
	int fd;         /* BOOK/.jf/lock, or -1 */
	int dirfd;      /* the book's directory, or -1 */
};
#define JF_LOCK_INIT { -1, -1 }

/* Make BOOK/.jf (with a .gitignore of "*") if missing; JF_SYSTEM on failure. */
enum jf_status jf_private_dir(const char *root, struct jf_diags *d);
/* Take the lock, waiting at most wait_ms milliseconds (0: try once).
 * JF_SYSTEM with a diagnostic when it cannot be had, saying who holds it
 * (another writer, or readers). */
enum jf_status jf_lock_take(struct jf_lock *l, const char *root, long wait_ms,
			    struct jf_diags *d);
/* How long a reader without --wait waits for a writer. */
#define JF_READ_WAIT_MS 10000L
/* Readers: share the lock, so that no writer appends while they read (a
 * reader would see half an entry and call it cut short), after any writer
 * already waiting.  Without BOOK/.jf/lock (no writer ever ran, or a
 * read-only copy) only the directory is shared: JF_OK with l->fd == -1.
 * Never creates anything.  by_option: wait_ms came from the command's
 * --wait, which the message of a wait that ran out then names. */
enum jf_status jf_lock_shared(struct jf_lock *l, const char *root, long wait_ms,
			      bool by_option, struct jf_diags *d);
/* Drop the lock (closing its file). */
void jf_lock_release(struct jf_lock *l);

#endif
