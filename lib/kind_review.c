/* kind_review.c - the review family (SPEC 4.2): approve, object, reject.
 *
 * Each is a follow-up of a reviewed earn (one that carries `approvals` and
 * `notice_days`).  Reading one checks what the entry alone and its target
 * decide: the reviewer is one of jf.yaml's, the target is under review,
 * nobody approves what they recorded.  What depends on the order of the
 * follow-ups (twice in a round, on notice, after a rejection) is decided
 * when they are replayed in canonical order (review.h), where a follow-up
 * that a writer would have refused has no effect. */
#include <string.h>
#include <time.h>

#include "kind.h"
#include "txn.h"
#include "review.h"

#define P(kc, f, ...) jf_kcheck_problem(kc, f, JF_SEV_ERROR, __VA_ARGS__)
#define W(kc, f, ...) jf_kcheck_problem(kc, f, JF_SEV_WARNING, __VA_ARGS__)

/* How problems name a follow-up's target: replayed entries have no text. */
#define REFNAME(e) ((e)->ref ? (e)->ref : "(a cached entry's target)")

/* A reviewer who has left the committee, or a review: block taken out of
 * jf.yaml, leaves what was decided valid: readers take a review from its
 * entry (SPEC 4.2), and jf-check only warns.  Writers check today's list
 * (review_prepare). */
/* A review is dated the day it is recorded (SPEC 4.2): one dated before
 * the day of its `at` in the book's zone (a hand edit that would shorten
 * the notice period) is warned of. */
static void dated_warn(struct jf_kcheck *kc, const struct jf_entry *e)
{
	int64_t ns;
	jf_date day;
	char d1[JF_DATE_BUFSZ], d2[JF_DATE_BUFSZ];
	if (!e->at || jf_instant_parse(e->at, &ns) < 0 ||
	    jf_date_in_tz((time_t)(ns / 1000000000), kc->b->timezone, &day) < 0 || e->date >= day)
		return;
	W(kc, JF_F_DATE, "this %s is dated %s but was recorded on %s: a review is dated the day "
	  "it is recorded", jf_kind_name(e->kind), jf_date_format(e->date, d1),
	  jf_date_format(day, d2));
}

static void reviewer_warn(struct jf_kcheck *kc, const struct jf_entry *e)
{
	dated_warn(kc, e);
	if (!e->reviewer)
		return;
	if (!kc->b->review.set)
		W(kc, JF_F_REVIEWER, "a %s entry, but jf.yaml has no 'review:' block",
		  jf_kind_name(e->kind));
	else if (jf_book_reviewer(kc->b, e->reviewer) < 0)
		W(kc, JF_F_REVIEWER, "'%s' is not one of the reviewers in jf.yaml (any more?)",
		  e->reviewer);
}

static void object_warn(struct jf_kcheck *kc, const struct jf_entry *e)
{
	dated_warn(kc, e);
	if (!kc->b->review.set)
		W(kc, JF_F_KIND, "an object entry, but jf.yaml has no 'review:' block");
}

/* Any review: its target is a reviewed entry; it names the target's
 * household and shop. */
static bool review_follow(struct jf_kcheck *kc, const struct jf_entry *e,
			  struct jf_effect *self, struct jf_effect *target)
{
	char d1[JF_DATE_BUFSZ];
	if (!target->need) {
		P(kc, JF_F_REF, "'%s' (kind %s) is not under review", REFNAME(e),
		  jf_kind_name((enum jf_kind)target->kind));
		return false;
	}
	/* a review is dated today, never before the deed it reviews: else
	 * the deed's points would count before its own date */
	if (self->date < target->date) {
		P(kc, JF_F_REF, "this %s is dated before the entry it reviews ('%s', dated %s)",
		  jf_kind_name(e->kind), REFNAME(e), jf_date_format(target->date, d1));
		return false;
	}
	if (e->kind == JF_APPROVE && self->who >= 0 && self->who == target->who) {
		P(kc, JF_F_REVIEWER, "'%s' approves an entry they recorded ('%s')",
		  kc->b->review.reviewers[self->who], REFNAME(e));
		return false;
	}
	target->flags |= JF_EFFECT_FOLLOWED;
	self->household = target->household;
	self->village = target->village;
	return true;
}

/* A rejection: the rule's use no longer counts for limits, from its date. */
static size_t reject_moves(const struct jf_book *b, const struct jf_effect *r,
			   const struct jf_effect *t, struct jf_move *out)
{
	struct jf_move m[JF_MOVES_MAX];
	size_t n = 0;
	if (!t)
		return 0;
	const struct jf_kind_ops *o = jf_kind((enum jf_kind)t->kind);
	size_t tn = o->moves ? o->moves(b, t, NULL, m) : 0;
	for (size_t i = 0; i < tn; i++)
		if (m[i].rule >= 0 && m[i].qty) {
			out[n] = m[i];
			out[n].points = 0;
			out[n].qty = -m[i].qty;
			out[n].stock = 0;
			out[n].from = r->date;
			n++;
		}
	return n;
}

/* Writers (SPEC 4.2).  A review is dated today; an approval or a
 * rejection names a reviewer of jf.yaml (by default the operator). */
static enum jf_status review_prepare(struct jf_wctx *w)
{
	const struct jf_book *b = w->b;
	const struct jf_txn *t = w->t;
	w->rec->who = -1;
	if (!b->review.set)
		return jf_wrefuse(w, JF_REFUSED, "this book has no review procedure (no 'review:' "
				  "block in jf.yaml)");
	if (t->date != JF_DATE_NONE)
		return jf_wrefuse(w, JF_USAGE, "a review is dated today; it takes no date");
	if (!jf_kind_has(t->kind, JF_F_REVIEWER))
		return JF_OK;
	const char *who = t->val[JF_F_REVIEWER] ? t->val[JF_F_REVIEWER] : t->by;
	int i = who ? jf_book_reviewer(b, who) : -1;
	if (i < 0)
		return jf_wrefuse(w, JF_REFUSED, "'%s' is not one of the reviewers in jf.yaml",
				  who ? who : "");
	w->rec->who = (int8_t)i;
	return JF_OK;
}

static enum jf_status review_settle(struct jf_wctx *w)
{
	const struct jf_book *b = w->b;
	const struct jf_txn *t = w->t;
	const struct jf_effect *tg = w->target;
	struct jf_txn_result *r = w->r;
	struct jf_review_state st;
	char d1[JF_DATE_BUFSZ], d2[JF_DATE_BUFSZ];

	if (!tg->need)
		return jf_wrefuse(w, JF_REFUSED, "'%s' (kind %s) is not under review", t->ref,
				  jf_kind_name((enum jf_kind)tg->kind));
	/* dated today: only a clock behind the entry's date comes before it */
	if (r->date < tg->date)
		return jf_wrefuse(w, JF_REFUSED, "'%s' is dated %s, later than this review (%s): "
				  "is this machine's clock behind?", t->ref,
				  jf_date_format(tg->date, d1), jf_date_format(r->date, d2));
	jf_wctx_follow(w);
	w->rec->what = tg->what;
	jf_review_replay(tg, w->fus, w->nfus, r->date, &st);
	switch (st.st) {
	case JF_RV_REJECTED:
		return jf_wrefuse(w, JF_REFUSED, "'%s' was rejected on %s; record the deed again "
				  "if it is to count", t->ref, jf_date_format(st.ended, d1));
	case JF_RV_VOIDED:
		return jf_wrefuse(w, JF_REFUSED, "'%s' is voided", t->ref);
	case JF_RV_COUNTS:
		return jf_wrefuse(w, JF_REFUSED, "'%s' counts since %s: its review is over; "
				  "undo it with jf-void", t->ref, jf_date_format(st.counts_from, d1));
	case JF_RV_NOTICE:
		if (t->kind == JF_APPROVE)
			return jf_wrefuse(w, JF_REFUSED, "'%s' is on notice from %s to %s; an objection "
					  "(jf-review object) reopens it", t->ref,
					  jf_date_format(st.notice_from, d1),
					  jf_date_format(st.counts_from - 1, d2));
		break;
	case JF_RV_PENDING:
		break;
	}
	if (t->kind != JF_APPROVE)
		return JF_OK;
	int who = w->rec->who;
	if (who >= 0 && who == tg->who)
		return jf_wrefuse(w, JF_REFUSED, "'%s' recorded '%s'; nobody approves an entry "
				  "they recorded", b->review.reviewers[who], t->ref);
	if (who >= 0 && who < 64 && (st.approved >> who & 1))
		return jf_wrefuse(w, JF_REFUSED, "'%s' has approved '%s' in this round already",
				  b->review.reviewers[who], t->ref);
	return JF_OK;
}

/* The hooks every review shares: a follow-up of a reviewed entry, read by
 * review_follow() and written by review_prepare() and review_settle(). */
#define REVIEW_HOOKS .follow = review_follow, .prepare = review_prepare, .settle = review_settle

const struct jf_kind_ops jf_kind_approve = {
	.name = "approve",
	.required = JF_FB(JF_F_REF) | JF_FB(JF_F_REVIEWER),
	.flags = JF_KF_FOLLOW,
	.warn = reviewer_warn,
	REVIEW_HOOKS,
};

const struct jf_kind_ops jf_kind_object = {
	.name = "object",
	.required = JF_FB(JF_F_REF) | JF_FB(JF_F_REASON),
	.flags = JF_KF_FOLLOW | JF_KF_LISTED,
	.warn = object_warn,
	REVIEW_HOOKS,
};

const struct jf_kind_ops jf_kind_reject = {
	.name = "reject",
	.required = JF_FB(JF_F_REF) | JF_FB(JF_F_REVIEWER) | JF_FB(JF_F_REASON),
	.flags = JF_KF_FOLLOW | JF_KF_LISTED,
	.warn = reviewer_warn,
	.moves = reject_moves,
	REVIEW_HOOKS,
};

/* The state machine of SPEC 4.2 (review.h). */

const char *jf_review_st_name(enum jf_review_st st)
{
	static const char *const names[] = { "pending", "notice", "counts", "rejected", "voided" };
	return (unsigned)st < 5 ? names[st] : "?";
}

static void supersede(struct jf_fu *f, int by)
{
	f->flags |= JF_EFFECT_SUPERSEDED;
	f->superseded_by = by;
}

void jf_review_replay(const struct jf_effect *target, struct jf_fu *f, size_t n,
		      jf_date as_of, struct jf_review_state *o)
{
	int need = target->need ? target->need : 1, completer = -1;
	/* each reviewer's approval in the current round: its index */
	int first[64];
	memset(o, 0, sizeof *o);
	o->st = JF_RV_PENDING;
	o->notice_from = o->counts_from = o->ended = JF_DATE_NONE;
	o->decided_by = -1;
	for (size_t i = 0; i < n; i++) {
		struct jf_fu *u = &f[i];
		u->flags &= (uint8_t)~JF_EFFECT_SUPERSEDED;
		u->superseded_by = -1;
		if (as_of != JF_DATE_NONE && u->date > as_of)
			break;
		/* the notice ends by itself */
		if (o->st == JF_RV_NOTICE && u->date >= o->counts_from)
			o->st = JF_RV_COUNTS;
		bool open = o->st == JF_RV_PENDING || o->st == JF_RV_NOTICE;
		int stands = o->st == JF_RV_REJECTED || o->st == JF_RV_VOIDED ? o->decided_by
								: completer;
		switch ((enum jf_kind)u->kind) {
		case JF_APPROVE:
			if (o->st != JF_RV_PENDING) {
				supersede(u, stands);
			} else if (u->who >= 0 && u->who < 64 && (o->approved >> u->who & 1)) {
				supersede(u, first[u->who]);
			} else {
				if (u->who >= 0 && u->who < 64) {
					o->approved |= 1ull << u->who;
					first[u->who] = (int)i;
				}
				if (++o->approvals >= need) {
					completer = (int)i;
					o->notice_from = u->date;
					o->counts_from = u->date + target->notice;
					o->st = target->notice ? JF_RV_NOTICE : JF_RV_COUNTS;
				}
			}
			break;
		case JF_OBJECT:
		case JF_REJECT:
			if (!open) {
				supersede(u, stands);
				break;
			}
			/* either ends the round and its notice: an objection
			 * opens a new one, a rejection ends the review */
			o->notice_from = o->counts_from = JF_DATE_NONE;
			if (u->kind == JF_OBJECT) {
				o->st = JF_RV_PENDING;
				o->approvals = 0;
				o->approved = 0;
				completer = -1;
			} else {
				o->st = JF_RV_REJECTED;
				o->ended = u->date;
				o->decided_by = (int)i;
			}
			break;
		case JF_VOID:
			/* a rejected entry never counted: nothing to undo */
			if (o->st == JF_RV_VOIDED || o->st == JF_RV_REJECTED) {
				supersede(u, o->decided_by);
				break;
			}
			if (o->st != JF_RV_COUNTS)
				o->notice_from = o->counts_from = JF_DATE_NONE;
			o->st = JF_RV_VOIDED;
			o->ended = u->date;
			o->decided_by = (int)i;
			break;
		default:
			break;
		}
	}
	if (o->st == JF_RV_NOTICE && as_of != JF_DATE_NONE && as_of >= o->counts_from)
		o->st = JF_RV_COUNTS;
}
