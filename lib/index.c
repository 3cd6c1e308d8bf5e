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

/* A slot is the key's first word (its hash: jf_id_key mixes) above the
 * record number + 1, so that a probe compares keys only when the words
 * agree, and growing the table never reads a record. */
static uint64_t slot_val(struct jf_idkey k, size_t no)
{
	return (uint64_t)k.w[0] << 32 | (uint32_t)(no + 1);
}

/* The slot holding key k, or the empty slot where it would go. */
static size_t probe(const struct jf_index *ix, struct jf_idkey k)
{
	size_t mask = ix->cap - 1, i = k.w[0] & mask;
	for (;; i = (i + 1) & mask) {
		uint64_t v = ix->slots[i];
		if (!v)
			return i;
		if ((uint32_t)(v >> 32) == k.w[0]
		    && jf_idkey_eq(jf_index_at(ix, (uint32_t)v - 1)->key, k))
			return i;
	}
}

struct jf_effect *jf_index_find(const struct jf_index *ix, struct jf_idkey key)
{
	if (!ix->cap)
		return NULL;
	uint64_t v = ix->slots[probe(ix, key)];
	return v ? jf_index_at(ix, (uint32_t)v - 1) : NULL;
}

/* Rehash into a table of cap slots (a power of two, above live * 4/3). */
static void rehash(struct jf_index *ix, size_t cap)
{
	uint64_t *old = ix->slots;
	size_t oldcap = ix->cap;
	ix->cap = cap;
	ix->slots = jf_calloc(ix->cap, sizeof *ix->slots);
	size_t mask = ix->cap - 1;
	for (size_t i = 0; i < oldcap; i++)
		if (old[i]) {
			size_t j = (size_t)(old[i] >> 32) & mask;
			while (ix->slots[j])
				j = (j + 1) & mask;
			ix->slots[j] = old[i];
		}
	free(old);
}

void jf_index_reserve(struct jf_index *ix, size_t n)
{
	if (!n)
		return;
	/* never more than the table can number (records are 32-bit) */
	if (n > UINT32_MAX - ix->live)
		n = UINT32_MAX - ix->live;
	size_t cap = ix->cap ? ix->cap : 1024;
	while ((ix->live + n) * 4 > cap * 3)
		cap *= 2;
	if (cap != ix->cap)
		rehash(ix, cap);
}

/* Room for one more record in the table (it is at most 3/4 full). */
static void room(struct jf_index *ix)
{
	if ((ix->live + 1) * 4 > ix->cap * 3)
		rehash(ix, ix->cap ? ix->cap * 2 : 1024);
}

struct jf_effect *jf_index_insert(struct jf_index *ix, struct jf_effect *r)
{
	room(ix);
	size_t i = probe(ix, r->key);
	if (ix->slots[i])
		return jf_index_at(ix, (uint32_t)ix->slots[i] - 1);
	/* r is in the last adopted segment or an own chunk: find its number */
	for (size_t s = ix->nsegs; s-- > 0;) {
		struct jf_index_seg *g = &ix->segs[s];
		if (r >= g->v && r < g->v + g->n) {
			ix->slots[i] = slot_val(r->key, g->start + (size_t)(r - g->v));
			ix->live++;
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
	/* room in the table at once rather than growing 10 times */
	jf_index_reserve(ix, n);
}

struct jf_effect *jf_index_add(struct jf_index *ix, const struct jf_effect *e, int *dup)
{
	room(ix);
	size_t i = probe(ix, e->key);
	*dup = ix->slots[i] != 0;
	if (*dup)
		return jf_index_at(ix, (uint32_t)ix->slots[i] - 1);
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
	ix->slots[i] = slot_val(e->key, ix->n - 1);
	ix->live++;
	return r;
}
