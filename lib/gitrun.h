/* gitrun.h - running git safely and keeping what it prints.
 *
 * git is started with posix_spawnp(3) from an argv array, never through a
 * shell, so no argument is ever re-read as shell syntax.  Its stdin is
 * /dev/null; its stdout is captured into a buffer up to a size cap; the
 * start of its stderr is kept for messages.  The environment is passed on
 * unchanged (a hook's GIT_DIR keeps working).
 */
#ifndef JF_GITRUN_H
#define JF_GITRUN_H

#include <stddef.h>

#include "buf.h"
#include "diag.h"
#include "status.h"

/* How much of git's stderr is kept. */
#define JF_GITRUN_ERR_MAX 4096

struct jf_gitrun {
	struct jf_buf out;      /* all of stdout (at most the cap) */
	struct jf_buf err;      /* the first JF_GITRUN_ERR_MAX bytes of stderr */
	int status;             /* git's exit status */
};

#define JF_GITRUN_INIT { JF_BUF_INIT, JF_BUF_INIT, 0 }

/* Run "git ARGS..." (args is NULL-terminated and leaves out "git").
 * Returns JF_OK when git ran to its end, whatever its exit status (in
 * g->status; g->out and g->err hold what it printed); JF_SYSTEM with a
 * diagnostic when git could not be started (not installed), was killed by
 * a signal, or printed more than max_out bytes to stdout.  g is reset
 * first; the caller releases it. */
enum jf_status jf_gitrun(struct jf_gitrun *g, const char *const *args, size_t max_out,
			 struct jf_diags *d);
/* Free g's buffers; g is reusable afterwards. */
void jf_gitrun_release(struct jf_gitrun *g);
/* Append the first line of git's stderr to out, without a "fatal: " or
 * "error: " prefix ("git failed" if it printed nothing). */
void jf_gitrun_errline(const struct jf_gitrun *g, struct jf_buf *out);

#endif
