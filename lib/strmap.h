/* strmap.h - a map from strings to small integers (codes to table indexes).
 *
 * Open addressing with linear probing; keys are borrowed, not copied: they
 * must outlive the map (they are the book's own strings).
 */
#ifndef JF_STRMAP_H
#define JF_STRMAP_H

#include <stddef.h>

struct jf_strmap {
	const char **keys;
	size_t *lens;
	int *vals;
	size_t cap, n;
};

#define JF_STRMAP_INIT { NULL, NULL, NULL, 0, 0 }

void jf_strmap_release(struct jf_strmap *m);
/* Map key (borrowed) to val.  Returns the value already stored for key
 * (and stores nothing), or -1 if key was new. */
int jf_strmap_put(struct jf_strmap *m, const char *key, int val);
/* The value for key[0..len), or -1. */
int jf_strmap_get(const struct jf_strmap *m, const char *key, size_t len);
/* The value for the NUL-terminated key, or -1. */
int jf_strmap_gets(const struct jf_strmap *m, const char *key);

#endif
