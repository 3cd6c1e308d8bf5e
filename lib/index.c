/* index.c - the per-entry id index: record segments and a hash table. */
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "index.h"

#define CHUNK 65536u

void jf_index_release(struct jf_index *ix)
{
	for (size_t i = 0; i < ix->nsegs; i++)
		free(ix->segs[i].v);
	free(ix->segs);
	free(ix->slots);
	memset(ix, 0, sizeof *ix);
}

struct jf_effect *jf_index_at(const struct jf_index *ix, size_t i)
{
	/* few segments (one per cached file, one per 65536 read): walk them */
	for (size_t s = 0; s < ix->nsegs; s++) {
		if (i < ix->segs[s].n)
			return &ix->segs[s].v[i];
		i -= ix->segs[s].n;
	}
	return NULL;
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
		struct jf_effect *r = ix->slots[i];
		if (!r || jf_idkey_eq(r->key, key))
			return r;
	}
}

static void place(struct jf_index *ix, struct jf_effect *r)
{
	size_t i = slot_of(ix, r->key);
	while (ix->slots[i])
		i = (i + 1) & (ix->cap - 1);
	ix->slots[i] = r;
}

static void grow(struct jf_index *ix)
{
	struct jf_effect **old = ix->slots;
	size_t oldcap = ix->cap;
	ix->cap = ix->cap ? ix->cap * 2 : 1024;
	ix->slots = jf_calloc(ix->cap, sizeof *ix->slots);
	for (size_t i = 0; i < oldcap; i++)
		if (old[i])
			place(ix, old[i]);
	free(old);
}

struct jf_effect *jf_index_insert(struct jf_index *ix, struct jf_effect *r)
{
	struct jf_effect *old = jf_index_find(ix, r->key);
	if (old)
		return old;
	if ((ix->live + 1) * 4 > ix->cap * 3)
		grow(ix);
	place(ix, r);
	ix->live++;
	return NULL;
}

static void push_seg(struct jf_index *ix, struct jf_effect *v, size_t n, size_t cap)
{
	ix->segs = jf_reallocarray(ix->segs, ix->nsegs + 1, sizeof *ix->segs);
	ix->segs[ix->nsegs].v = v;
	ix->segs[ix->nsegs].n = n;
	ix->segs[ix->nsegs].cap = cap;
	ix->nsegs++;
	ix->n += n;
}

void jf_index_adopt(struct jf_index *ix, struct jf_effect *v, size_t n)
{
	if (!n) {
		free(v);
		return;
	}
	/* reserve room in the table at once rather than growing 10 times */
	while ((ix->live + n) * 4 > ix->cap * 3)
		grow(ix);
	push_seg(ix, v, n, n);
}

struct jf_effect *jf_index_add(struct jf_index *ix, const struct jf_effect *e, int *dup)
{
	struct jf_effect *old = jf_index_find(ix, e->key);
	*dup = old != NULL;
	if (old)
		return old;
	struct jf_index_seg *last = ix->nsegs ? &ix->segs[ix->nsegs - 1] : NULL;
	if (!last || last->n == last->cap || last->cap != CHUNK) {
		push_seg(ix, jf_malloc(CHUNK * sizeof(struct jf_effect)), 0, CHUNK);
		last = &ix->segs[ix->nsegs - 1];
	}
	struct jf_effect *r = &last->v[last->n++];
	ix->n++;
	*r = *e;
	jf_index_insert(ix, r);
	return r;
}
