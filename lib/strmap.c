/* strmap.c - string to int map. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "bytes.h"
#include "strmap.h"

/* The first (up to) 8 bytes of s[0..n), zero-padded, as a little-endian
 * word; read in at most two loads that overlap (no byte past n read). */
static uint64_t head_of(const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	if (n >= 8)
		return jf_le64(s);
	if (n >= 4)
		return jf_le32(s) | (uint64_t)jf_le32(s + n - 4) << (8 * (n - 4));
	if (n == 0)
		return 0;
	return u[0] | (uint64_t)u[n / 2] << (8 * (n / 2)) | (uint64_t)u[n - 1] << (8 * (n - 1));
}

/* The hash of s[0..n), whose head is `head`: keys are short codes, most
 * of them 8 bytes or less (one word to mix); longer ones are taken 8
 * bytes at a time, the last word ending where the key ends. */
static size_t hash(const char *s, size_t n, uint64_t head)
{
	uint64_t h = (head ^ UINT64_C(0x9e3779b97f4a7c15)) * UINT64_C(0xbf58476d1ce4e5b9) ^ n;
	for (size_t i = 8; i < n; i += 8) {
		h ^= jf_le64(s + (n - i < 8 ? n - 8 : i));
		h *= UINT64_C(0x94d049bb133111eb);
		h ^= h >> 31;
	}
	h ^= h >> 30;
	h *= UINT64_C(0xbf58476d1ce4e5b9);
	h ^= h >> 27;
	return (size_t)(h ^ h >> 32);
}

void jf_strmap_release(struct jf_strmap *m)
{
	free(m->slots);
	memset(m, 0, sizeof *m);
}

/* The slot of key[0..len) (whose head and hash are head and h), or the
 * empty one it would take.  A key's home is the 32 bits of its hash kept
 * in the slot, as grow() places it. */
static size_t find(const struct jf_strmap *m, const char *key, size_t len, uint64_t head,
		   size_t h)
{
	size_t i = (uint32_t)h & (m->cap - 1);
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
	size_t len = strlen(key), i;
	uint64_t head = head_of(key, len);
	size_t h = hash(key, len, head);
	if ((m->n + 1) * 2 > m->cap)
		grow(m);
	i = find(m, key, len, head, h);
	if (m->slots[i].key)
		return m->slots[i].val;
	m->slots[i] = (struct jf_strmap_slot){
		.key = key, .len = len, .head = head, .hash = (uint32_t)h, .val = val,
	};
	m->n++;
	return -1;
}

int jf_strmap_get(const struct jf_strmap *m, const char *key, size_t len)
{
	if (!m->cap)
		return -1;
	uint64_t head = head_of(key, len);
	size_t i = find(m, key, len, head, hash(key, len, head));
	return m->slots[i].key ? m->slots[i].val : -1;
}

int jf_strmap_gets(const struct jf_strmap *m, const char *key)
{
	return jf_strmap_get(m, key, strlen(key));
}
