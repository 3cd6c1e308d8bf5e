/* alloc.h - allocation that cannot return NULL.
 *
 * The one place where the library ends the process: when memory runs out it
 * writes "jf: out of memory" to stderr and exits with status 4 (system
 * error), as git's xmalloc and sbase's ealloc do.  Nothing is half-written
 * then: writers allocate everything before they append.
 */
#ifndef JF_ALLOC_H
#define JF_ALLOC_H

#include <stddef.h>

void *jf_malloc(size_t n);
void *jf_calloc(size_t n, size_t size);
/* realloc of n elements of size bytes each, refusing overflow of n * size. */
void *jf_reallocarray(void *p, size_t n, size_t size);
char *jf_strdup(const char *s);
/* jf_strdup(s), or NULL for NULL. */
char *jf_strdup_or_null(const char *s);
char *jf_strndup(const char *s, size_t n);
/* Room for one more element in array p of n elements of size bytes,
 * *cap allocated: when n reaches *cap it doubles (from first) and p is
 * reallocated.  Returns the array (p, or where it moved). */
void *jf_grow(void *p, size_t n, size_t *cap, size_t first, size_t size);
/* Called on allocation failure; never returns. */
void jf_oom(void) __attribute__((noreturn));

#endif
