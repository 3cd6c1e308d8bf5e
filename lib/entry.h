/* entry.h - one ledger entry as readers see it.
 *
 * The scanner (ledger.h) hands each valid entry to a jf_entry_fn.  Codes are
 * resolved to indexes into the book; texts are borrowed and live until the
 * callback returns.  An entry replayed from the reader cache (cache.h) has
 * no texts: id, at, by, note, reason, ref and reviewer are NULL; its line
 * and column are where it stands when the scan knows it (always when it
 * asked for places, struct jf_scan: places), else 0, and then
 * jf_entry_texts() (ledger.h) reads its texts again from its bytes (off,
 * len).  What
 * an entry does to accounts and stock is not here but in its moves
 * (kind.h: jf_entry_moves()), worked out by its kind.
 */
#ifndef JF_ENTRY_H
#define JF_ENTRY_H

#include <stdint.h>

#include "date.h"
#include "index.h"
#include "points.h"
#include "state.h"
#include "status.h"

struct jf_entry {
	const char *file;       /* relative to the book, e.g. ledger/2026/XB.yaml */
	unsigned long line, col;
	const char *id, *at, *by, *note, *reason, *ref; /* NULL when absent */
	jf_date date;
	enum jf_kind kind;
	int household;          /* -1 when the entry names none */
	int activity, item;     /* -1 when n/a */
	int village;            /* the shop: restock's village or the household's */
	int64_t qty;            /* 0 when n/a */
	jf_points points;       /* as recorded; 0 when the kind has none */
	int need, notice;       /* a reviewed earn's approvals, notice_days (need 0: not reviewed) */
	const char *reviewer;   /* approve, reject; NULL when absent */
	uint32_t present;       /* JF_FB() bits of the fields present (0: replayed) */
	uint64_t off, len;      /* replayed with places: its bytes in the file
				 * (len 0: not known, or the entry has its texts) */
	uint64_t fid;           /* its file's identity when the scan checked it
				 * (jf_fcache_fid); 0: none.  Bytes read again
				 * must come from the file still so. */
	const struct jf_effect *self;   /* this entry's record */
	const struct jf_effect *target; /* a follow-up (void): the entry it acts on */
	int to;                 /* transfer: the receiving household, else -1 */
	jf_date until;          /* expire: the last valid day, else JF_DATE_NONE */
	struct jf_fu *fus;      /* a stateful target (a reviewed earn): its
				 * follow-ups in canonical order, nfus of them,
				 * to replay as of a day (review.h) */
	size_t nfus;
};

/* Called for each valid entry; a status other than JF_OK stops the scan,
 * which then returns it.  Pointers in *e live until the callback returns. */
typedef enum jf_status (*jf_entry_fn)(void *ctx, const struct jf_entry *e);

#endif
