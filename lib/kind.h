/* kind.h - what an entry kind is: its fields, its checks, its effect.
 *
 * Every kind (earn, redeem, ... see kinds.h) is described once, by a
 * struct jf_kind_ops in the file of its family.  The scanner, the writers,
 * the accounts, the statements and the report consult these descriptions;
 * none of them switches on a kind.
 *
 * Fields.  An entry is a flat mapping; each key is one of enum jf_field.
 * A field has one type (enum jf_ftype), which says how readers parse it
 * and writers write it.  A kind lists the fields it requires and those it
 * allows besides the common ones (id, date, at, kind, by, note).
 *
 * Moves.  What an entry does is a short list of moves (struct jf_move):
 * points into one of a household's buckets, stock in or out of a shop,
 * uses of a rule, each from a day on.  A kind's moves() works them out
 * from the entry's record (index.h) alone, so they are the same whether
 * the entry was parsed or replayed from the cache.  An effect that starts
 * on a later day (a reviewed entry on its counting day) is a move with a
 * later `from`; one that touches two accounts (a transfer) is two moves; a
 * follow-up (a void) acts through its target: its moves are worked out
 * from the target's record, with the follow-up's own date.  Follow-ups are
 * delivered after their target (a follow-up read first is held back) and
 * meet it in follow(), which may refuse them and marks the target.
 *
 * Writers.  A request (txn.h) is checked in two steps: prepare(), before
 * the ledger is read (codes, windows, prices), and settle(), with the
 * accounts read and the new entry's moves worked out (balance, stock,
 * target).  The entry's text is written from the fields the kind has, in
 * jf_field_write_order, with `by` last.
 *
 * Stateful follow-ups (state.h).  Where a target's state depends on its
 * follow-ups in canonical order (a reviewed earn: approve, object,
 * reject, void; next, a wish: take, done, drop), each follow-up is kept as
 * a struct jf_fu (date, `at` as an instant, id) with its target, and the
 * target kind's replay (jf_review_replay() for reviewed earns) works the
 * state out as of any day: the target record's `counts` is its counting
 * day, and a follow-up a writer would have refused is marked
 * JF_EFFECT_SUPERSEDED.  A reviewed earn's points move then has `from` =
 * its counting day (no points move while it never counts), its rule use
 * stays on its own date (limits), and a void takes back only what counted
 * by the void's date.
 *
 * To add a kind:
 *   1. In the family's file (say kind_review.c, for approve, object and
 *      reject), define `const struct jf_kind_ops jf_kind_approve = { .name =
 *      "approve", .required = JF_FB(JF_F_REF) | JF_FB(JF_F_REVIEWER), ...}`
 *      with the hooks it needs (NULL: nothing to check, no moves).
 *   2. Add its line at the end of JF_KIND_LIST in kinds.h, with its name
 *      in Chinese reports: `X(APPROVE, jf_kind_approve, "审核通过")`.
 *   A kind with a field no kind had before also adds the field: a constant
 *   in enum jf_field and its line in the field table (kind.c).
 */
#ifndef JF_KIND_H
#define JF_KIND_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "book.h"
#include "diag.h"
#include "entry.h"
#include "kinds.h"
#include "state.h"

enum jf_field {
	JF_F_ID, JF_F_DATE, JF_F_AT, JF_F_KIND, JF_F_HOUSEHOLD, JF_F_ACTIVITY,
	JF_F_ITEM, JF_F_VILLAGE, JF_F_QTY, JF_F_POINTS, JF_F_BY, JF_F_NOTE,
	JF_F_REASON, JF_F_REF,
	JF_F_SHEET,      /* earn, redeem from a batch: the sheet's id (sheet.h) */
	JF_F_APPROVALS, JF_F_NOTICE_DAYS, JF_F_REVIEWER,   /* SPEC 4.2 */
	JF_F_TO, JF_F_UNTIL,      /* transfer's receiver, expire's last valid day */
	JF_F_TEXT, JF_F_SERVICE,  /* SPEC 4.3: a wish's text and service, */
	JF_F_TEAM, JF_F_VOLUNTEER, /* who takes it on or serves, */
	JF_F_HOURS, JF_F_WISH,    /* a serve's hours and the wish it served */
	JF_NFIELDS
};

#define JF_FB(f) (1u << (f))
_Static_assert(JF_NFIELDS <= 32, "field bits are a uint32_t");
/* The fields every entry may have. */
#define JF_FIELDS_COMMON (JF_FB(JF_F_ID) | JF_FB(JF_F_DATE) | JF_FB(JF_F_AT) | \
			  JF_FB(JF_F_KIND) | JF_FB(JF_F_BY) | JF_FB(JF_F_NOTE))

/* How a field's value is read and written. */
enum jf_ftype {
	JF_FT_TEXT,      /* free text */
	JF_FT_ID,        /* an entry id (id, ref) */
	JF_FT_DATE,      /* YYYY-MM-DD */
	JF_FT_TIME,      /* RFC 3339 */
	JF_FT_KIND,
	JF_FT_HOUSEHOLD, /* codes of the book, resolved to indexes */
	JF_FT_ACTIVITY,
	JF_FT_ITEM,
	JF_FT_VILLAGE,
	JF_FT_QTY,       /* an integer */
	JF_FT_POINTS,    /* exact decimal points */
	JF_FT_COUNT,     /* a small whole number (approvals, notice_days) */
	JF_FT_SERVICE,   /* codes of volunteers.h: parsed by the kind's hooks */
	JF_FT_TEAM,
	JF_FT_VOLUNTEER,
	JF_FT_HOURS,     /* exact decimal hours, a jf_points (volunteers.h) */
};

struct jf_field_def {
	const char *name;
	enum jf_ftype type;
};

extern const struct jf_field_def jf_fields[JF_NFIELDS];
/* The order writers write a kind's own fields in (after id, date, at and
 * kind; `by` comes last), JF_NFIELDS-terminated. */
extern const enum jf_field jf_field_write_order[];
/* The field named k (len bytes), or -1. */
int jf_field_lookup(const char *k, size_t len);

/* The bucket of a household's account that points land in. */
enum jf_bucket {
	JF_BUCKET_NONE,
	JF_BUCKET_EARN,   /* earnings, and deductions (negative) */
	JF_BUCKET_ADJUST, /* adjustments */
	JF_BUCKET_SPEND,  /* redemptions (negative points) */
	JF_BUCKET_TRANSFER, /* transfers between households (signed) */
};

/* One effect of an entry.  Fields that do not apply are -1 or 0. */
struct jf_move {
	int household;          /* the account, or -1 */
	enum jf_bucket bucket;
	jf_points points;       /* signed as it counts in the balance */
	bool deduction;         /* from a deduction rule (an earn below 0) */
	int rule;               /* activity used, or -1 */
	int item;               /* goods, or -1 */
	int64_t qty;            /* uses of the rule, or goods taken (signed) */
	int village;            /* the shop, or -1 */
	int64_t stock;          /* stock into the shop (negative: out) */
	jf_date from;           /* the day it starts to count (JF_DATE_NEVER: not yet) */
	jf_date dated;          /* the day of the deed it comes from (limits) */
	bool reviewed;          /* a reviewed earn's points: pending from `dated`
				 * until they count (or until pend_end) */
	jf_date pend_end;       /* reviewed, never counting: the day the review
				 * ended (rejected, voided), else JF_DATE_NONE */
	bool hours;             /* qty is hours in hundredths (a serve's use of
				 * its rule); else whole uses, each one hour
				 * where a limit counts hours (txn.c) */
};

/* A move that does not count on any day (yet). */
#define JF_DATE_NEVER INT32_MAX

#define JF_MOVES_MAX 4

/* Kind flags. */
#define JF_KF_FOLLOW   0x01u /* acts on the entry named by `ref` */
#define JF_KF_VOIDABLE 0x02u /* jf-void may undo it */
#define JF_KF_LISTED   0x04u /* reports list it for review (voids, adjustments) */
#define JF_KF_ONCE     0x08u /* a follow-up at most once per target (void) */
#define JF_KF_CLOSED_OK 0x80u /* may name a closed household (transfer out, expire) */

/* What a kind's reader hooks see: the book, and where problems go. */
struct jf_kcheck {
	const struct jf_book *b;
	bool warnings;          /* also report jf-check's warnings */
	/* report a problem at field f of the entry */
	void (*problem)(struct jf_kcheck *kc, enum jf_field f, enum jf_severity sev,
			const char *fmt, va_list ap);
	/* the text of field f of the entry being read, or NULL when absent;
	 * NULL itself where the reader hands no texts to the kinds (then a
	 * kind that needs its own fields' texts refuses the entry) */
	const char *(*text)(struct jf_kcheck *kc, enum jf_field f);
	void *ctx;
};

struct jf_txn;
struct jf_txn_result;
struct jf_accts;

/* What a kind's writer hooks see. */
struct jf_wctx {
	const struct jf_book *b;
	const struct jf_txn *t;         /* the request */
	struct jf_txn_result *r;        /* the result being filled */
	struct jf_effect *rec;          /* the new entry's record */
	const struct jf_effect *target; /* settle: a follow-up's target */
	const struct jf_accts *acc;     /* settle: the accounts as read */
	jf_points balance;              /* settle: the household's, before */
	struct jf_fu *fus;              /* settle: a stateful target's follow-ups so
					 * far, the batch's earlier ones too, in
					 * canonical order (state.h); for the void
					 * of a take, its wish's; for a serve
					 * naming a wish, the wish's */
	size_t nfus;
	const struct jf_fu *self_fu;    /* settle, with fus: the request's own
					 * record for canonical order */
	const struct jf_effect *named;  /* settle: the entry a serve's `wish`
					 * names, or NULL (absent, or not found) */
	jf_points hours_day;            /* settle, a serve: its volunteer's hours
					 * that day so far (read, and the batch's) */
	struct jf_diags *d;
};

struct jf_kind_ops {
	const char *name;       /* its `kind:` in the ledger (its Chinese name:
				 * its line in kinds.h) */
	uint32_t required;      /* JF_FB() bits besides id, date, kind, by */
	uint32_t optional;      /* allowed besides the required and common ones */
	unsigned flags;         /* JF_KF_* */
	int64_t qty_min;        /* the smallest qty allowed (0: 1; never 0 itself) */
	/* Reader: the kind's own rules for an entry whose fields are parsed and
	 * codes resolved (ok: the JF_FB() bits of the fields that parsed).
	 * Report through jf_kcheck_problem(). */
	void (*check)(struct jf_kcheck *kc, const struct jf_entry *e, uint32_t ok);
	/* Reader: jf-check's warnings about a valid entry (kc->warnings). */
	void (*warn)(struct jf_kcheck *kc, const struct jf_entry *e);
	/* Reader, JF_KF_FOLLOW: the entry meets its target.  Refuse it
	 * (return false, having reported why) or mark the target and fill
	 * the entry's own record from it. */
	bool (*follow)(struct jf_kcheck *kc, const struct jf_entry *e,
		       struct jf_effect *self, struct jf_effect *target);
	/* Reader: fill the kind's own slots of a valid entry's record from
	 * its texts (jf_kcheck_text), after the common ones are set. */
	void (*record)(struct jf_kcheck *kc, const struct jf_entry *e,
		       struct jf_effect *rec);
	/* The entry's moves, from its record (and its target's, for a
	 * follow-up); returns how many (at most JF_MOVES_MAX). */
	size_t (*moves)(const struct jf_book *b, const struct jf_effect *self,
			const struct jf_effect *target, struct jf_move *out);
	/* Stateful targets (state.h): does record r have a state that its
	 * follow-ups change (a reviewed earn; NULL: never)?  Then replay()
	 * works it out from its n follow-ups, sorted in canonical order: it
	 * sets what r's moves depend on (r->counts, JF_EFFECT_ENDED) and
	 * marks the follow-ups that have no effect. */
	bool (*stateful)(const struct jf_effect *r);
	void (*replay)(struct jf_effect *r, struct jf_fu *f, size_t n);
	/* Writer: check the request and fill w->rec before the ledger is read. */
	enum jf_status (*prepare)(struct jf_wctx *w);
	/* Writer: check it against the book as read (w->acc, w->target). */
	enum jf_status (*settle)(struct jf_wctx *w);
	/* Writer: may the void w undo w->target, an entry of this kind, in
	 * the state its target is in (a take: the wish's, in w->fus)?  NULL:
	 * the void's own checks are all. */
	enum jf_status (*settle_void)(struct jf_wctx *w);
};

/* The description of kind k (k < JF_NKINDS). */
const struct jf_kind_ops *jf_kind(enum jf_kind k);
/* The name of a kind ("earn"...), and back (-1 if unknown). */
const char *jf_kind_name(enum jf_kind k);
int jf_kind_parse(const char *s);
/* "earn, redeem, ..." for messages. */
const char *jf_kind_names(void);
/* The table itself: jf_kinds[k] describes kind k. */
extern const struct jf_kind_ops *const jf_kinds[JF_NKINDS];
/* Does kind k have field f (required, allowed or common)? */
static inline bool jf_kind_has(enum jf_kind k, enum jf_field f)
{
	const struct jf_kind_ops *o = jf_kinds[k];
	return ((o->required | o->optional | JF_FIELDS_COMMON) & JF_FB(f)) != 0;
}

/* The moves of an entry (e->self, and e->target for a follow-up). */
size_t jf_entry_moves(const struct jf_book *b, const struct jf_entry *e,
		      struct jf_move *out);
/* Is record r a stateful target (its kind's stateful())? */
bool jf_effect_stateful(const struct jf_effect *r);
/* The sum of the points of moves[0..n) on household h (false on overflow). */
bool jf_moves_points(const struct jf_move *m, size_t n, int h, jf_points *out);

/* Reviewed entries (SPEC 4.2: earn, and a serve that earns; kind_basic.c).
 * jf_reviewed_moves() takes out[0], the entry's move as written, and when
 * r is reviewed (r->need) splits it in two: out[0] the use of its rule on
 * its own date, no points; out[1] its points, which count from its
 * counting day (pending before it), or never once its review ended
 * (rejected, voided before it counted).  Returns how many moves. */
size_t jf_reviewed_moves(const struct jf_effect *r, struct jf_move *out);
/* The stateful() and replay() of such a kind: r is stateful when it is
 * reviewed; replay sets r->counts and JF_EFFECT_ENDED (review.h). */
bool jf_reviewed_stateful(const struct jf_effect *r);
void jf_reviewed_replay(struct jf_effect *r, struct jf_fu *f, size_t n);
/* The hooks of struct jf_kind_ops that make a kind's records reviewed
 * entries: `.optional = ... | JF_REVIEWED_FIELDS, JF_REVIEWED_HOOKS`. */
#define JF_REVIEWED_FIELDS (JF_FB(JF_F_APPROVALS) | JF_FB(JF_F_NOTICE_DAYS))
#define JF_REVIEWED_HOOKS .stateful = jf_reviewed_stateful, .replay = jf_reviewed_replay

/* Writer: the stock of the result's item in its shop, when the item's
 * stock is tracked (false: it is not, or the entry names no goods). */
bool jf_wctx_stock(const struct jf_wctx *w, int64_t *have);
/* Writer: refuse the request unless household h's account is open on its
 * date (closed_ok: or was open once, closed by then). */
enum jf_status jf_wctx_account(struct jf_wctx *w, const struct jf_household *h, bool closed_ok);
/* Writer, a follow-up's settle(): the result names w->target (ref, its
 * kind) and the new record and the result take its household and shop. */
void jf_wctx_follow(struct jf_wctx *w);
/* The text of field f of the entry a reader hook looks at, or NULL (absent,
 * or the reader hands no texts: kc->text is NULL). */
const char *jf_kcheck_text(struct jf_kcheck *kc, enum jf_field f);
/* Report a problem from a kind's reader hook. */
void jf_kcheck_problem(struct jf_kcheck *kc, enum jf_field f, enum jf_severity sev,
		       const char *fmt, ...) __attribute__((format(printf, 4, 5)));
/* Refuse a request: add the message, return st. */
enum jf_status jf_wrefuse(struct jf_wctx *w, enum jf_status st, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#endif
