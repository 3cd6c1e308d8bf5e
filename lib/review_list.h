/* review_list.h - the entries under review as of a day (jf-review list,
 * SPEC 4.2): pending and on notice, and the 公示 sheet that posts them.
 *
 * jf_review_list_read() reads the ledger (with use_cache, from the reader
 * cache, cache.h: then the id of each entry listed is read again from its
 * bytes, jf_entry_texts), takes every reviewed earn dated up to the day, replays its follow-ups in canonical order as of that day
 * (jf_review_replay) and keeps those pending or on notice, sorted by
 * village (the book's order), date, household, id.  The formats: aligned
 * text, TSV, CSV (the table writer, table.h), JSON (an array of objects
 * with exactly the keys of jf-review(1)), and the printed 公示 sheet
 * (print.h): a page per village.
 */
#ifndef JF_REVIEW_LIST_H
#define JF_REVIEW_LIST_H

#include <stdbool.h>
#include <stdint.h>

#include "book.h"
#include "buf.h"
#include "diag.h"
#include "format.h"
#include "id.h"
#include "print.h"
#include "review.h"

struct jf_review_item {
	char id[JF_ID_MAX + 1];
	int household, village, activity;
	jf_points points;
	jf_date date;
	enum jf_review_st st;       /* JF_RV_PENDING or JF_RV_NOTICE */
	int approvals, needed, notice_days;
	uint64_t approved;          /* bit per index into b->review.reviewers */
	jf_date notice_from, counts_from; /* JF_DATE_NONE while pending */
};

struct jf_review_list {
	const struct jf_book *b;
	jf_date as_of;
	int village;                /* -1: every village */
	struct jf_review_item *v;
	size_t n, cap;
};

/* Read book b's entries under review as of day as_of, of village
 * (-1: all), into *l (free with jf_review_list_release in every case).
 * JF_OK, or the scan's status with its problems in d. */
enum jf_status jf_review_list_read(struct jf_review_list *l, const struct jf_book *b,
				   int village, jf_date as_of, bool use_cache, struct jf_diags *d);
void jf_review_list_release(struct jf_review_list *l);
/* The list as text, TSV, CSV or JSON. */
void jf_review_list_format(const struct jf_review_list *l, enum jf_format f,
			   struct jf_buf *out);
/* The 公示 sheet: a page per village with entries under review (a page
 * saying there are none when no village has any), printed on `printed`. */
void jf_review_sheet(const struct jf_review_list *l, enum jf_paper paper, jf_date printed,
		     struct jf_buf *out);

#endif
