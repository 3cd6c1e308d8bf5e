/* index.h - the per-entry id index readers keep to check ids and voids.
 *
 * For every entry jf keeps one 40-byte struct jf_effect: the 96-bit key of
 * its id and what it did (kind, date, household or village, rule or item,
 * qty, points), so that a duplicate id is found and a void can be checked
 * and reversed without keeping any ledger text.  About 48 MB per million
 * entries with the hash table; nothing else read grows with the ledger.
 * Records live in fixed chunks, so pointers to them stay valid until
 * jf_index_release().
 */
#ifndef JF_INDEX_H
#define JF_INDEX_H

#include <stddef.h>
#include <stdint.h>

#include "date.h"
#include "id.h"
#include "points.h"

enum jf_kind { JF_EARN, JF_REDEEM, JF_ADJUST, JF_RESTOCK, JF_VOID, JF_NKINDS };

#define JF_EFFECT_VOIDED 1u /* a void of this entry has been read */

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
};

struct jf_index {
	struct jf_effect **chunks;
	size_t n, nchunks;
	uint32_t *slots;    /* 0: empty, else record number + 1 */
	size_t cap;         /* slots, a power of two */
};

#define JF_INDEX_INIT { NULL, 0, 0, NULL, 0 }

void jf_index_release(struct jf_index *ix);
/* The record with this key, or NULL. */
struct jf_effect *jf_index_find(const struct jf_index *ix, struct jf_idkey key);
/* Add a copy of *e.  If its key is already present, nothing is added and
 * the existing record is returned with *dup set; else the new record. */
struct jf_effect *jf_index_add(struct jf_index *ix, const struct jf_effect *e, int *dup);

#endif
