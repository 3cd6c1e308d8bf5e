/* diag.h - diagnostics collected by the library for the command to print.
 *
 * The library never prints: it adds a diagnostic (severity, file, line,
 * column, message) to the caller's struct jf_diags and returns a status.
 * A line or column of 0 means "not known" and is left out when formatted.
 * After JF_DIAG_MAX errors further ones are only counted, so a hostile book
 * cannot make jf use unbounded memory for messages.
 */
#ifndef JF_DIAG_H
#define JF_DIAG_H

#include <stdarg.h>
#include <stddef.h>
#include "buf.h"

#define JF_DIAG_MAX 100

enum jf_severity { JF_SEV_ERROR, JF_SEV_WARNING };

struct jf_diag {
	enum jf_severity sev;
	char *file; /* may be NULL: not about a file */
	unsigned long line, col;
	char *msg;
};

struct jf_diags {
	struct jf_diag *v;
	size_t n, cap;
	size_t errors, warnings; /* counted, including dropped ones */
	size_t dropped;
};

#define JF_DIAGS_INIT { NULL, 0, 0, 0, 0, 0 }

void jf_diags_init(struct jf_diags *d);
/* Free every diagnostic; d is empty afterwards. */
void jf_diags_release(struct jf_diags *d);
/* Add every diagnostic of from to to, in order; from is empty afterwards. */
void jf_diags_move(struct jf_diags *to, struct jf_diags *from);
/* Add a diagnostic; file (copied) may be NULL. */
void jf_diag_add(struct jf_diags *d, enum jf_severity sev, const char *file,
		 unsigned long line, unsigned long col, const char *fmt, ...)
	__attribute__((format(printf, 6, 7), cold));
void jf_diag_vadd(struct jf_diags *d, enum jf_severity sev, const char *file,
		  unsigned long line, unsigned long col, const char *fmt, va_list ap)
	__attribute__((format(printf, 6, 0), cold));
/* Shorthands for an error about a file position / with no position. */
void jf_error_at(struct jf_diags *d, const char *file, unsigned long line,
		 unsigned long col, const char *fmt, ...)
	__attribute__((format(printf, 5, 6), cold));
void jf_error(struct jf_diags *d, const char *fmt, ...)
	__attribute__((format(printf, 2, 3), cold));
/* Append "FILE:LINE:COL: [warning: ]message" for one diagnostic to out. */
void jf_diag_format(const struct jf_diag *g, struct jf_buf *out);
/* Append every diagnostic, each as "PROG: " + jf_diag_format + "\n",
 * followed by a line counting dropped ones, if any. */
void jf_diags_format(const struct jf_diags *d, const char *prog, struct jf_buf *out);

#endif
