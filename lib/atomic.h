/* atomic.h - replacing a file in one step, so that no reader ever sees it
 * half written.
 *
 * The data goes into a temporary file next to the target (same directory,
 * so the same file system), is written in full and fsync'ed, then renamed
 * over the target, and the directory is fsync'ed so the rename itself
 * survives a crash.  On any failure the temporary file is removed and the
 * target is left as it was.  The new file gets mode 0666 less the umask,
 * like a file created by the shell's ">".
 */
#ifndef JF_ATOMIC_H
#define JF_ATOMIC_H

#include <stddef.h>

#include "diag.h"
#include "status.h"

/* Replace (or create) path with data[0..n).  Returns JF_OK, or JF_SYSTEM
 * with a diagnostic naming the file and the reason. */
enum jf_status jf_atomic_write(const char *path, const void *data, size_t n,
			       struct jf_diags *d);

#endif
