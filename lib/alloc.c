/* alloc.c - allocation that cannot return NULL. */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "alloc.h"
#include "status.h"

void jf_oom(void)
{
	static const char msg[] = "jf: out of memory\n";
	ssize_t r = write(2, msg, sizeof msg - 1);
	(void)r;
	_exit(JF_SYSTEM);
}

void *jf_malloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		jf_oom();
	return p;
}

void *jf_calloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (!p)
		jf_oom();
	return p;
}

void *jf_reallocarray(void *p, size_t n, size_t size)
{
	if (size && n > SIZE_MAX / size)
		jf_oom();
	p = realloc(p, n && size ? n * size : 1);
	if (!p)
		jf_oom();
	return p;
}

char *jf_strdup(const char *s)
{
	return jf_strndup(s, strlen(s));
}

void *jf_grow(void *p, size_t n, size_t *cap, size_t first, size_t size)
{
	if (n < *cap)
		return p;
	*cap = *cap ? *cap * 2 : first;
	return jf_reallocarray(p, *cap, size);
}

char *jf_strdup_or_null(const char *s)
{
	return s ? jf_strdup(s) : NULL;
}

char *jf_strndup(const char *s, size_t n)
{
	char *p = jf_malloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}
