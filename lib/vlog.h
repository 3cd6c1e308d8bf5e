/* vlog.h - a volunteer's service, line by line (jf-log --volunteer,
 * SPEC 4.3): each serve of the volunteer, and each void of one, in date
 * order (then ledger order), with the running total of hours (志愿服务时长)
 * and, in books with volunteer_stars:, the stars that total earns.  Hours
 * are a record for honours: nothing spends them; a void of a wrong serve
 * takes its hours back on the void's date; a reviewed serve that never
 * counts (rejected, voided before its counting day) is shown with its
 * state but adds nothing, and a void of it takes nothing back.  Lines before the period count
 * toward the total but are not shown (the printed record shows what they
 * add up to on a first line, 承上).  Memory grows with the volunteer's
 * lines only.
 */
#ifndef JF_VLOG_H
#define JF_VLOG_H

#include "format.h"
#include "ledger.h"
#include "print.h"

struct jf_vlog;

/* The service of volunteer v (an index into b->vol.volunteers), lines
 * dated within [from, to] shown (JF_DATE_NONE: open).  Free with
 * jf_vlog_free(). */
struct jf_vlog *jf_vlog_new(const struct jf_book *b, int v, jf_date from, jf_date to);
void jf_vlog_free(struct jf_vlog *s);
/* Take one entry (call from a jf_entry_fn).  The texts of an entry
 * replayed from the cache (ledger.h: places) are read again only for the
 * lines shown; a problem doing so goes to d. */
enum jf_status jf_vlog_add(struct jf_vlog *s, const struct jf_entry *e, struct jf_diags *d);
/* Sort, total and append the lines as text, TSV, CSV or JSON. */
void jf_vlog_format(struct jf_vlog *s, enum jf_format fmt, struct jf_buf *out);
/* The same as a printed record (print.h), printed on `printed`. */
void jf_vlog_print(struct jf_vlog *s, enum jf_paper paper, jf_date printed, struct jf_buf *out);

#endif
