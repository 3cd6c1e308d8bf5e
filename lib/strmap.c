/* strmap.c - string to int map. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "strmap.h"

/* FNV-1a: keys are short codes; good enough and stable. */
static size_t hash(const char *s, size_t n)
{
	uint64_t h = 1469598103934665603ULL;
	for (size_t i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 1099511628211ULL;
	}
	return (size_t)(h ^ (h >> 29));
}

/* The first (up to) 8 bytes of s[0..n), zero-padded. */
static uint64_t head_of(const char *s, size_t n)
{
	uint64_t v = 0;
	memcpy(&v, s, n < sizeof v ? n : sizeof v);
	return v;
}

void jf_strmap_release(struct jf_strmap *m)
{
	free(m->slots);
	memset(m, 0, sizeof *m);
}

/* The slot of key[0..len) (whose hash is h), or the empty one it would
 * take.  A key's home is the 32 bits of its hash kept in the slot, as
 * grow() places it. */
static size_t find(const struct jf_strmap *m, const char *key, size_t len, size_t h)
{
	size_t i = (uint32_t)h & (m->cap - 1);
	uint64_t head = head_of(key, len);
	const struct jf_strmap_slot *s;
	while ((s = &m->slots[i])->key &&
	       !(s->hash == (uint32_t)h && s->len == len && s->head == head &&
		 (len <= sizeof head || !memcmp(s->key + sizeof head, key + sizeof head,
						len - sizeof head))))
		i = (i + 1) & (m->cap - 1);
	return i;
}

static void grow(struct jf_strmap *m)
{
	struct jf_strmap old = *m;
	m->cap = old.cap ? old.cap * 2 : 16;
	m->slots = jf_calloc(m->cap, sizeof *m->slots);
	for (size_t i = 0; i < old.cap; i++) {
		const struct jf_strmap_slot *s = &old.slots[i];
		if (!s->key)
			continue;
		/* the keys are distinct: the first empty slot from its home */
		size_t j = s->hash & (m->cap - 1);
		while (m->slots[j].key)
			j = (j + 1) & (m->cap - 1);
		m->slots[j] = *s;
	}
	free(old.slots);
}

int jf_strmap_put(struct jf_strmap *m, const char *key, int val)
{
	size_t len = strlen(key), h = hash(key, len), i;
	if ((m->n + 1) * 2 > m->cap)
		grow(m);
	i = find(m, key, len, h);
	if (m->slots[i].key)
		return m->slots[i].val;
	m->slots[i] = (struct jf_strmap_slot){
		.key = key, .len = len, .head = head_of(key, len), .hash = (uint32_t)h, .val = val,
	};
	m->n++;
	return -1;
}

int jf_strmap_get(const struct jf_strmap *m, const char *key, size_t len)
{
	if (!m->cap)
		return -1;
	size_t i = find(m, key, len, hash(key, len));
	return m->slots[i].key ? m->slots[i].val : -1;
}

int jf_strmap_gets(const struct jf_strmap *m, const char *key)
{
	return jf_strmap_get(m, key, strlen(key));
}
