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

#include "kind.h"
#include "review.h"

#define P(kc, f, ...) jf_kcheck_problem(kc, f, JF_SEV_ERROR, __VA_ARGS__)

/* How problems name a follow-up's target: replayed entries have no text. */
#define REFNAME(e) ((e)->ref ? (e)->ref : "(a cached entry's target)")

static void reviewer_check(struct jf_kcheck *kc, const struct jf_entry *e, uint32_t ok)
{
	(void)ok;
	if (!e->reviewer)
		return;
	if (!kc->b->review.set)
		P(kc, JF_F_REVIEWER, "a %s entry, but jf.yaml has no 'review:' block",
		  jf_kind_name(e->kind));
	else if (jf_book_reviewer(kc->b, e->reviewer) < 0)
		P(kc, JF_F_REVIEWER, "'%s' is not one of the reviewers in jf.yaml", e->reviewer);
}

static void object_check(struct jf_kcheck *kc, const struct jf_entry *e, uint32_t ok)
{
	(void)e;
	(void)ok;
	if (!kc->b->review.set)
		P(kc, JF_F_KIND, "an object entry, but jf.yaml has no 'review:' block");
}

/* Any review: its target is a reviewed entry; it names the target's
 * household and shop. */
static bool review_follow(struct jf_kcheck *kc, const struct jf_entry *e,
			  struct jf_effect *self, struct jf_effect *target)
{
	if (!target->need) {
		P(kc, JF_F_REF, "'%s' is a %s that is not under review", REFNAME(e),
		  jf_kind_name((enum jf_kind)target->kind));
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

const struct jf_kind_ops jf_kind_approve = {
	.name = "approve",
	.zh = "审核通过",
	.required = JF_FB(JF_F_REF) | JF_FB(JF_F_REVIEWER),
	.flags = JF_KF_FOLLOW,
	.check = reviewer_check,
	.follow = review_follow,
};

const struct jf_kind_ops jf_kind_object = {
	.name = "object",
	.zh = "异议",
	.required = JF_FB(JF_F_REF) | JF_FB(JF_F_REASON),
	.flags = JF_KF_FOLLOW | JF_KF_LISTED,
	.check = object_check,
	.follow = review_follow,
};

const struct jf_kind_ops jf_kind_reject = {
	.name = "reject",
	.zh = "审核不通过",
	.required = JF_FB(JF_F_REF) | JF_FB(JF_F_REVIEWER) | JF_FB(JF_F_REASON),
	.flags = JF_KF_FOLLOW | JF_KF_LISTED,
	.check = reviewer_check,
	.follow = review_follow,
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
			if (!open) {
				supersede(u, stands);
				break;
			}
			o->st = JF_RV_PENDING;
			o->approvals = 0;
			o->approved = 0;
			o->notice_from = o->counts_from = JF_DATE_NONE;
			completer = -1;
			break;
		case JF_REJECT:
			if (!open) {
				supersede(u, stands);
				break;
			}
			o->st = JF_RV_REJECTED;
			o->notice_from = o->counts_from = JF_DATE_NONE;
			o->ended = u->date;
			o->decided_by = (int)i;
			break;
		case JF_VOID:
			if (o->st == JF_RV_VOIDED) {
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
