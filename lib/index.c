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
	/* the last segment whose start is <= i: few segments, binary search */
	size_t lo = 0, hi = ix->nsegs;
	if (i >= ix->n)
		return NULL;
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		if (ix->segs[mid].start <= i)
			lo = mid;
		else
			hi = mid;
	}
	return &ix->segs[lo].v[i - ix->segs[lo].start];
}

static size_t slot_of(const struct jf_index *ix, struct jf_idkey k)
{
	return (k.w[0] ^ ((size_t)k.w[1] << 13)) & (ix->cap - 1);
}

/* The slot holding key k, or the empty slot where it would go. */
static size_t probe(const struct jf_index *ix, struct jf_idkey k)
{
	size_t i = slot_of(ix, k);
	while (ix->slots[i] && !jf_idkey_eq(jf_index_at(ix, ix->slots[i] - 1)->key, k))
		i = (i + 1) & (ix->cap - 1);
	return i;
}

struct jf_effect *jf_index_find(const struct jf_index *ix, struct jf_idkey key)
{
	if (!ix->cap)
		return NULL;
	uint32_t v = ix->slots[probe(ix, key)];
	return v ? jf_index_at(ix, v - 1) : NULL;
}

static void grow(struct jf_index *ix)
{
	uint32_t *old = ix->slots;
	size_t oldcap = ix->cap;
	ix->cap = ix->cap ? ix->cap * 2 : 1024;
	ix->slots = jf_calloc(ix->cap, sizeof *ix->slots);
	for (size_t i = 0; i < oldcap; i++)
		if (old[i]) {
			size_t j = slot_of(ix, jf_index_at(ix, old[i] - 1)->key);
			while (ix->slots[j])
				j = (j + 1) & (ix->cap - 1);
			ix->slots[j] = old[i];
		}
	free(old);
}

/* Put record number no into the table (its key known absent). */
static void place(struct jf_index *ix, size_t no)
{
	if ((ix->live + 1) * 4 > ix->cap * 3)
		grow(ix);
	ix->slots[probe(ix, jf_index_at(ix, no)->key)] = (uint32_t)(no + 1);
	ix->live++;
}

struct jf_effect *jf_index_insert(struct jf_index *ix, struct jf_effect *r)
{
	struct jf_effect *old = jf_index_find(ix, r->key);
	if (old)
		return old;
	/* r is in the last adopted segment or an own chunk: find its number */
	for (size_t s = ix->nsegs; s-- > 0;) {
		struct jf_index_seg *g = &ix->segs[s];
		if (r >= g->v && r < g->v + g->n) {
			place(ix, g->start + (size_t)(r - g->v));
			return NULL;
		}
	}
	return NULL;
}

static void push_seg(struct jf_index *ix, struct jf_effect *v, size_t n, size_t cap)
{
	ix->segs = jf_reallocarray(ix->segs, ix->nsegs + 1, sizeof *ix->segs);
	ix->segs[ix->nsegs].v = v;
	ix->segs[ix->nsegs].start = ix->n;
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
	if (n >= UINT32_MAX - 1 - ix->n)
		jf_oom();
	push_seg(ix, v, n, n);
	/* reserve room in the table at once rather than growing 10 times */
	while ((ix->live + n) * 4 > ix->cap * 3)
		grow(ix);
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
	if (ix->n >= UINT32_MAX - 1)
		jf_oom(); /* more records than the table can number */
	struct jf_effect *r = &last->v[last->n++];
	ix->n++;
	*r = *e;
	place(ix, ix->n - 1);
	return r;
}
