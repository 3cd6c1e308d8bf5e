/* kinds.h - the list of entry kinds: one line per kind.
 *
 * Each line names a kind's enum constant (JF_EARN...), the struct
 * jf_kind_ops that describes it (kind.h), defined in the kind's family
 * file (kind_basic.c for the five kinds of SPEC section 1), and its name
 * in Chinese reports (lang: zh; jf_label_kind(), labels.h).  The enum
 * jf_kind and the table jf_kind() reads are both made from this list, so
 * adding a kind is: write its ops in a family file, add its line here.
 * Kinds are numbered in this order, and the number is stored in the reader
 * cache: append new kinds at the end.
 */
#ifndef JF_KINDS_H
#define JF_KINDS_H

#define JF_KIND_LIST(X) \
	X(EARN, jf_kind_earn, "积分") \
	X(REDEEM, jf_kind_redeem, "兑换") \
	X(ADJUST, jf_kind_adjust, "调整") \
	X(RESTOCK, jf_kind_restock, "入库") \
	X(VOID, jf_kind_void, "作废") \
	X(APPROVE, jf_kind_approve, "审核通过") \
	X(OBJECT, jf_kind_object, "异议") \
	X(REJECT, jf_kind_reject, "审核不通过") \
	X(TRANSFER, jf_kind_transfer, "转移") \
	X(EXPIRE, jf_kind_expire, "年度清零") \
	X(WISH, jf_kind_wish, "微心愿") \
	X(TAKE, jf_kind_take, "认领") \
	X(DONE, jf_kind_done, "心愿完成") \
	X(DROP, jf_kind_drop, "心愿撤下") \
	X(SERVE, jf_kind_serve, "志愿服务")

enum jf_kind {
#define JF_KIND_ENUM(K, ops, zh) JF_##K,
	JF_KIND_LIST(JF_KIND_ENUM)
#undef JF_KIND_ENUM
	JF_NKINDS
};

#endif
