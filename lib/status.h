/* status.h - the outcome of a library call, equal to the exit status of the
 * commands (SPEC section 2).  Library functions return one of these and put
 * the reason into a caller's struct jf_diags. */
#ifndef JF_STATUS_H
#define JF_STATUS_H

enum jf_status {
	JF_OK = 0,      /* done */
	JF_REFUSED = 1, /* refused by a rule; nothing appended */
	JF_USAGE = 2,   /* bad option, argument or date */
	JF_INVALID = 3, /* the book is invalid */
	JF_SYSTEM = 4,  /* I/O error, permission, lock not obtained */
};

/* The worse of two statuses (the one a command should exit with). */
static inline enum jf_status jf_status_worst(enum jf_status a, enum jf_status b)
{
	return a > b ? a : b;
}

#endif
