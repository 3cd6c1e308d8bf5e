/* lock.h - the book's exclusive writer lock.
 *
 * Writers hold an flock(2) on BOOK/.jf/lock while they read, check and
 * append, so two writers never spend the same points twice.  The kernel
 * drops the lock when its holder dies, so a killed writer never blocks the
 * next.  BOOK/.jf/ holds jf's private files; it carries its own .gitignore.
 */
#ifndef JF_LOCK_H
#define JF_LOCK_H

#include "diag.h"
#include "status.h"

struct jf_lock {
	int fd;
};

/* Make BOOK/.jf (with a .gitignore of "*") if missing; JF_SYSTEM on failure. */
enum jf_status jf_private_dir(const char *root, struct jf_diags *d);
/* Take the lock, waiting at most wait_ms milliseconds (0: try once).
 * JF_SYSTEM with a diagnostic when it cannot be had. */
enum jf_status jf_lock_take(struct jf_lock *l, const char *root, long wait_ms,
			    struct jf_diags *d);
/* Readers: share the lock, so that no writer appends while they read (a
 * reader would see half an entry and call it cut short).  Without
 * BOOK/.jf/lock (no writer ever ran, or a read-only copy) there is nothing
 * to share: JF_OK with l->fd == -1.  Never creates anything. */
enum jf_status jf_lock_shared(struct jf_lock *l, const char *root, long wait_ms,
			      struct jf_diags *d);
/* Drop the lock (closing its file). */
void jf_lock_release(struct jf_lock *l);

#endif
