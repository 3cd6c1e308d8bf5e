/* index.h - the per-entry id index readers keep to check ids and voids.
 *
 * For every entry jf keeps one 48-byte struct jf_effect: the 96-bit key of
 * its id and what it did (kind, date, household or village, rule or item,
 * qty, points), so that a duplicate id is found and a void can be checked
 * and reversed without keeping any ledger text.  About 64 MB per million
 * entries with the hash table; nothing else read grows with the ledger.
 */
#ifndef JF_INDEX_H
#define JF_INDEX_H

#include <stddef.h>
#include <stdint.h>

#include "date.h"
#include "id.h"
#include "kinds.h"
#include "points.h"



#define JF_EFFECT_VOIDED 1u     /* a void of this entry has been read */
#define JF_EFFECT_FOLLOWED 2u   /* a stateful follow-up of it has been read */
#define JF_EFFECT_SUPERSEDED 4u /* a follow-up that has no effect (state.h) */
#define JF_EFFECT_HELD 16u      /* a follow-up of a stateful target, held to the end */
#define JF_EFFECT_ENDED 8u      /* a reviewed earn that will never count (rejected,
				 * or voided before it counted): `counts` is the
				 * day that ended its review */

struct jf_effect {
	struct jf_idkey key;
	jf_date date;
	jf_points points;   /* 0 for restock and void */
	int32_t household;  /* -1: none (restock, and void of a restock) */
	int32_t qty;
	uint16_t what;      /* activity (earn) or item (redeem, restock) */
	uint16_t village;   /* the shop: restock's village, else the household's */
	uint8_t kind;       /* enum jf_kind */
	uint8_t flags;
	uint8_t need;       /* a reviewed earn: the approvals it needs (0: not reviewed) */
	int8_t who;         /* reviewer index (review.h): an approve's or reject's
			     * reviewer, a reviewed earn's `by`; -1: none */
	uint16_t notice;    /* a reviewed earn: its notice_days */
	uint16_t vol;       /* a serve: its volunteer's index + 1 (wish.h); else 0 */
	jf_date counts;     /* worked out after the scan (review.h), not read:
			     * a reviewed earn's counting day, JF_DATE_NONE: none
			     * yet; with JF_EFFECT_ENDED the day its review ended */
};

_Static_assert(sizeof(struct jf_effect) == 48, "a record is 48 bytes (index.h, cache.h)");

/* Records live in segments: the index's own, of 65536 records each, and
 * arrays adopted from the reader cache.  Neither ever moves, so pointers
 * to records stay valid until jf_index_release(). */
struct jf_index_seg {
	struct jf_effect *v;
	size_t start;               /* number of its first record */
	size_t n, cap;
};

struct jf_index {
	struct jf_index_seg *segs;
	size_t nsegs;
	size_t n;                   /* records, in all segments */
	uint64_t *slots;            /* hash table: key word << 32 | record number + 1;
				     * 0: empty (index.c) */
	size_t cap;                 /* slots, a power of two */
	size_t live;                /* records in the table */
};

#define JF_INDEX_INIT { NULL, 0, 0, NULL, 0, 0 }

void jf_index_release(struct jf_index *ix);
/* Record number i (0 <= i < ix->n), in the order they were added. */
struct jf_effect *jf_index_at(const struct jf_index *ix, size_t i);
/* The record with this key, or NULL. */
struct jf_effect *jf_index_find(const struct jf_index *ix, struct jf_idkey key);
/* Start loading the table slot where key k is looked up (a hint: the
 * reader calls it when an entry's id is read, and jf_index_add() of that
 * entry then finds the slot in the cache instead of waiting on memory). */
static inline void jf_index_prefetch(const struct jf_index *ix, struct jf_idkey k)
{
	if (ix->cap)
		__builtin_prefetch(&ix->slots[k.w[0] & (ix->cap - 1)]);
}
/* Add a copy of *e.  If its key is already present, nothing is added and
 * the existing record is returned with *dup set; else the new record. */
struct jf_effect *jf_index_add(struct jf_index *ix, const struct jf_effect *e, int *dup);
/* Take the n records of v (malloc'd; the index now owns and frees them)
 * as the next records, in order, without putting them in the hash table:
 * call jf_index_insert() for each. */
void jf_index_adopt(struct jf_index *ix, struct jf_effect *v, size_t n);
/* Make room in the hash table for n more records, so that adding them
 * does not grow it step by step (a hint: more can still be added, and
 * too large an n only costs memory; capped at what the table numbers). */
void jf_index_reserve(struct jf_index *ix, size_t n);
/* Put record r (already held by the index) into the hash table.  Returns
 * NULL, or the other record with r's key (r then stays out). */
struct jf_effect *jf_index_insert(struct jf_index *ix, struct jf_effect *r);

#endif
