/* index.c - the per-entry id index: chunked records and a hash table. */
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "index.h"

#define CHUNK 65536u

void jf_index_release(struct jf_index *ix)
{
	for (size_t i = 0; i < ix->nchunks; i++)
		free(ix->chunks[i]);
	free(ix->chunks);
	free(ix->slots);
	memset(ix, 0, sizeof *ix);
}

static struct jf_effect *rec(const struct jf_index *ix, size_t i)
{
	return &ix->chunks[i / CHUNK][i % CHUNK];
}

static size_t slot_of(const struct jf_index *ix, struct jf_idkey k)
{
	return (k.w[0] ^ ((size_t)k.w[1] << 13)) & (ix->cap - 1);
}

struct jf_effect *jf_index_find(const struct jf_index *ix, struct jf_idkey key)
{
	if (!ix->cap)
		return NULL;
	for (size_t i = slot_of(ix, key);; i = (i + 1) & (ix->cap - 1)) {
		uint32_t s = ix->slots[i];
		if (!s)
			return NULL;
		if (jf_idkey_eq(rec(ix, s - 1)->key, key))
			return rec(ix, s - 1);
	}
}

static void rehash(struct jf_index *ix)
{
	size_t cap = ix->cap ? ix->cap * 2 : 1024;
	free(ix->slots);
	ix->slots = jf_calloc(cap, sizeof *ix->slots);
	ix->cap = cap;
	for (size_t r = 0; r < ix->n; r++) {
		size_t i = slot_of(ix, rec(ix, r)->key);
		while (ix->slots[i])
			i = (i + 1) & (cap - 1);
		ix->slots[i] = (uint32_t)(r + 1);
	}
}

struct jf_effect *jf_index_add(struct jf_index *ix, const struct jf_effect *e, int *dup)
{
	struct jf_effect *old = jf_index_find(ix, e->key);
	*dup = old != NULL;
	if (old)
		return old;
	if (ix->n >= UINT32_MAX - 1)
		jf_oom();
	if ((ix->n + 1) * 4 > ix->cap * 3)
		rehash(ix);
	if (ix->n / CHUNK >= ix->nchunks) {
		ix->chunks = jf_reallocarray(ix->chunks, ix->nchunks + 1, sizeof *ix->chunks);
		ix->chunks[ix->nchunks++] = jf_malloc(CHUNK * sizeof **ix->chunks);
	}
	struct jf_effect *r = rec(ix, ix->n);
	*r = *e;
	size_t i = slot_of(ix, e->key);
	while (ix->slots[i])
		i = (i + 1) & (ix->cap - 1);
	ix->slots[i] = (uint32_t)(++ix->n);
	return r;
}
