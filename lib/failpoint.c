/* failpoint.c - $JF_FAILPOINT, for the crash tests (failpoint.h).  Empty
 * unless built with -DJF_FAILPOINTS. */
#include "failpoint.h"

#ifdef JF_FAILPOINTS
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The action $JF_FAILPOINT sets for point, or NULL. */
static const char *failpoint_action(const char *point)
{
	const char *fp = getenv("JF_FAILPOINT");
	size_t n = strlen(point);
	if (!fp || strncmp(fp, point, n) || fp[n] != '=')
		return NULL;
	return fp + n + 1;
}

int jf_failpoint_armed(const char *point)
{
	return failpoint_action(point) != NULL;
}

int jf_failpoint(const char *point)
{
	const char *act = failpoint_action(point);
	if (!act)
		return 0;
	if (!strcmp(act, "kill"))
		raise(SIGKILL);
	if (!strcmp(act, "exit"))
		_exit(99);
	if (!strcmp(act, "stop"))
		return raise(SIGSTOP); /* held where it is until killed or continued */
	if (!strcmp(act, "error:ENOSPC"))
		return ENOSPC;
	if (!strcmp(act, "error:EIO"))
		return EIO;
	/* a misspelt action must not let a test pass unnoticed */
	fprintf(stderr, "JF_FAILPOINT: unknown action '%s' at %s\n", act, point);
	_exit(98);
}
#endif
