/* wish_list.h - the wishes on the wall as of a day (jf-wish list, SPEC
 * 4.3): open and taken, oldest first, and the wall to print (心愿墙).
 *
 * jf_wish_list_read() reads the ledger (with use_cache, from the reader
 * cache, cache.h), takes every wish posted by the day, replays its
 * follow-ups in canonical order as of that day (jf_wish_state_of) and
 * keeps the open and taken ones, not those of a household whose account
 * is closed on the day (all of them with `all`), sorted by the
 * day posted, then id.  Who took a wish is the standing take's team and
 * volunteer (a take's record, wish.h).  The wish's text is not in its
 * record nor in struct jf_entry, and a wish replayed from the cache has no
 * id either: for each wish kept they are read again while the scan still
 * holds the reader's lock, a replayed wish's from its own bytes
 * (jf_entry_texts, ledger.h), a parsed one's text from its ledger file
 * (each file once).  A wish still up (open or taken) longer
 * than jf.yaml's `wish_days:` is flagged; without `wish_days:` none is.
 *
 * The formats: aligned text, TSV, CSV (the table writer, table.h), JSON
 * (an array of objects with the keys of jf-wish(1)), and the printed wall
 * (print.h): a page per village with wishes (a village asked for always
 * has one), its wishes oldest first with their age and who took them,
 * the flagged ones marked, and the service menu of catalogue.yaml.
 */
#ifndef JF_WISH_LIST_H
#define JF_WISH_LIST_H

#include <stdbool.h>

#include "book.h"
#include "buf.h"
#include "diag.h"
#include "format.h"
#include "id.h"
#include "print.h"
#include "wish.h"

struct jf_wish_item {
	char id[JF_ID_MAX + 1];
	int household, village;
	int service;                /* -1: none */
	char *text;
	enum jf_wish_st st;         /* as of the list's day */
	int team, volunteer;        /* of the standing take; -1: none */
	jf_date posted, taken, ended; /* JF_DATE_NONE: not (yet) */
	int age;                    /* days (jf_wish_age) */
	bool flagged;               /* up longer than wish_days */
};

struct jf_wish_list {
	const struct jf_book *b;
	jf_date as_of;
	int village;                /* -1: every village */
	bool all;                   /* done and dropped wishes too */
	struct jf_wish_item *v;
	size_t n, cap;
};

/* Read book b's wishes as of day as_of, of village (-1: all), open and
 * taken (every state with all), into *l (free with jf_wish_list_release
 * in every case).  JF_OK, or the scan's status with its problems in d. */
enum jf_status jf_wish_list_read(struct jf_wish_list *l, const struct jf_book *b, int village,
				 jf_date as_of, bool all, bool use_cache, struct jf_diags *d);
void jf_wish_list_release(struct jf_wish_list *l);
/* The list as text, TSV, CSV or JSON. */
void jf_wish_list_format(const struct jf_wish_list *l, enum jf_format f, struct jf_buf *out);
/* The wall: a page per village, printed on `printed`. */
void jf_wish_wall(const struct jf_wish_list *l, enum jf_paper paper, jf_date printed,
		  struct jf_buf *out);

/* jf-wish list: argv[0] is skipped (the program with "list" taken out,
 * or "list" itself), the rest are its options (cli.h: -C, --all,
 * --village, --as-of, --no-cache, --format, --bom, --encoding, --paper).
 * Returns the exit status.  The caller has called jf_i18n_init(). */
int jf_wish_list_main(int argc, char **argv);

#endif
