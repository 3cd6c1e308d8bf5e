/* atomic.h - replacing a file in one step, so that no reader ever sees it
 * half written.
 *
 * The data goes into a temporary file next to the target (same directory,
 * so the same file system; named .NAME.XXXXXX, which readers skip), is
 * written in full and fsync'ed, then renamed over the target, and the
 * directory is fsync'ed so the rename itself survives a crash (a
 * directory that cannot be opened for reading, EACCES, or a file system
 * that cannot sync one, EINVAL or EROFS, is let be).  On
 * any failure before the rename the temporary file is removed and the
 * target is left as it was.  The new file gets mode 0666 less the umask,
 * like a file created by the shell's ">", or with JF_ATOMIC_KEEP_MODE the
 * permission bits of the file it replaces (when there is one).
 *
 * jf-report -o writes its report so; jf-merge its merged ledger file,
 * keeping the mode.
 */
#ifndef JF_ATOMIC_H
#define JF_ATOMIC_H

#include <stddef.h>

#include "diag.h"
#include "status.h"

/* Flags of jf_atomic_write(). */
#define JF_ATOMIC_KEEP_MODE 0x01u /* the replaced file's permissions */

/* Replace (or create) path with data[0..n).  Returns JF_OK, or JF_SYSTEM
 * with a diagnostic naming the file and the reason. */
enum jf_status jf_atomic_write(const char *path, const void *data, size_t n,
			       unsigned flags, struct jf_diags *d);

#endif
