/* strmap.h - a map from strings to small integers (codes to table indexes).
 *
 * Open addressing with linear probing; keys are borrowed, not copied: they
 * must outlive the map (they are the book's own strings).
 */
#ifndef JF_STRMAP_H
#define JF_STRMAP_H

#include <stddef.h>
#include <stdint.h>

/* One slot: a key (NULL: empty), its length, 32 bits of its hash and its
 * first 8 bytes (so that other keys are told apart, and keys of up to 8
 * bytes found, without reading the key), and its value: a look-up touches
 * one slot's memory. */
struct jf_strmap_slot {
	const char *key;
	size_t len;
	uint64_t head;
	uint32_t hash;
	int val;
};

struct jf_strmap {
	struct jf_strmap_slot *slots;
	size_t cap, n;
};

#define JF_STRMAP_INIT { NULL, 0, 0 }

void jf_strmap_release(struct jf_strmap *m);
/* Map key (borrowed) to val.  Returns the value already stored for key
 * (and stores nothing), or -1 if key was new. */
int jf_strmap_put(struct jf_strmap *m, const char *key, int val);
/* The value for key[0..len), or -1. */
int jf_strmap_get(const struct jf_strmap *m, const char *key, size_t len);
/* The value for the NUL-terminated key, or -1. */
int jf_strmap_gets(const struct jf_strmap *m, const char *key);

#endif
