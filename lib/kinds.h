/* kinds.h - the list of entry kinds: one line per kind.
 *
 * Each line names a kind's enum constant (JF_EARN...) and the struct
 * jf_kind_ops that describes it (kind.h), defined in the kind's family
 * file (kind_basic.c for the five kinds of SPEC section 1).  The enum
 * jf_kind and the table jf_kind() reads are both made from this list, so
 * adding a kind is: write its ops in a family file, add its line here.
 * Kinds are numbered in this order, and the number is stored in the reader
 * cache: append new kinds at the end.
 */
#ifndef JF_KINDS_H
#define JF_KINDS_H

#define JF_KIND_LIST(X) \
	X(EARN, jf_kind_earn) \
	X(REDEEM, jf_kind_redeem) \
	X(ADJUST, jf_kind_adjust) \
	X(RESTOCK, jf_kind_restock) \
	X(VOID, jf_kind_void) \
	X(APPROVE, jf_kind_approve) \
	X(OBJECT, jf_kind_object) \
	X(REJECT, jf_kind_reject) \
	X(TRANSFER, jf_kind_transfer) \
	X(EXPIRE, jf_kind_expire) \
	X(WISH, jf_kind_wish) \
	X(TAKE, jf_kind_take) \
	X(DONE, jf_kind_done) \
	X(DROP, jf_kind_drop) \
	X(SERVE, jf_kind_serve)

enum jf_kind {
#define JF_KIND_ENUM(K, ops) JF_##K,
	JF_KIND_LIST(JF_KIND_ENUM)
#undef JF_KIND_ENUM
	JF_NKINDS
};

#endif
