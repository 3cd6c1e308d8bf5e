/* test_index.c - the per-entry id index. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "id.h"
#include "index.h"

static struct jf_effect effect(const char *id, int i)
{
	struct jf_effect e;

	memset(&e, 0, sizeof e);
	e.key = jf_id_key(id, strlen(id));
	e.date = 20000 + i % 1000;
	e.points = (jf_points)i * 100 - 50;
	e.household = i % 3 == 0 ? -1 : i % 5000;
	e.qty = i % 7 + 1;
	e.what = (uint16_t)(i % 40);
	e.village = (uint16_t)(i % 9);
	e.kind = (uint8_t)(i % JF_NKINDS);
	e.flags = 0;
	return e;
}

static void id_of(int i, char *buf, size_t n)
{
	snprintf(buf, n, "01K%023d", i);
}

static void same_effect(const struct jf_effect *a, const struct jf_effect *b)
{
	assert_true(jf_idkey_eq(a->key, b->key));
	assert_int_equal(a->date, b->date);
	assert_true(a->points == b->points);
	assert_int_equal(a->household, b->household);
	assert_int_equal(a->qty, b->qty);
	assert_int_equal(a->what, b->what);
	assert_int_equal(a->village, b->village);
	assert_int_equal(a->kind, b->kind);
	assert_int_equal(a->flags, b->flags);
}

static void test_record_size(void **state)
{
	(void)state;
	/* index.h promises one 48-byte record per entry (40 before review, SPEC 4.2) */
	assert_int_equal(sizeof(struct jf_effect), 48);
}

static void test_empty(void **state)
{
	struct jf_index ix = JF_INDEX_INIT;

	(void)state;
	assert_null(jf_index_find(&ix, jf_id_key("x", 1)));
	jf_index_release(&ix);
	jf_index_release(&ix);
	assert_int_equal(ix.n, 0);
}

static void test_add_find_dup(void **state)
{
	struct jf_index ix = JF_INDEX_INIT;
	struct jf_effect a = effect("01JDZ3K4M5N6P7Q8R9S0T1U2V3", 1);
	struct jf_effect b = effect("01JDZ3K4M5N6P7Q8R9S0T1U2V4", 2);
	struct jf_effect *ra, *rb, *r;
	int dup = -1;

	(void)state;
	ra = jf_index_add(&ix, &a, &dup);
	assert_non_null(ra);
	assert_int_equal(dup, 0);
	assert_ptr_not_equal(ra, &a); /* a copy */
	same_effect(ra, &a);
	rb = jf_index_add(&ix, &b, &dup);
	assert_int_equal(dup, 0);
	assert_ptr_not_equal(ra, rb);
	assert_int_equal(ix.n, 2);
	assert_ptr_equal(jf_index_find(&ix, a.key), ra);
	assert_ptr_equal(jf_index_find(&ix, b.key), rb);
	assert_null(jf_index_find(&ix, jf_id_key("01JDZ3K4M5N6P7Q8R9S0T1U2V5", 26)));

	/* the same key again: nothing added, the first record returned */
	struct jf_effect a2 = effect("01JDZ3K4M5N6P7Q8R9S0T1U2V3", 3);
	r = jf_index_add(&ix, &a2, &dup);
	assert_int_equal(dup, 1);
	assert_ptr_equal(r, ra);
	assert_int_equal(ix.n, 2);
	same_effect(ra, &a); /* unchanged */

	/* records are writable in place (readers set the voided flag) */
	ra->flags |= JF_EFFECT_VOIDED;
	assert_int_equal(jf_index_find(&ix, a.key)->flags, JF_EFFECT_VOIDED);

	jf_index_release(&ix);
	assert_int_equal(ix.n, 0);
	assert_int_equal(ix.cap, 0);
	assert_null(ix.slots);
	assert_null(ix.segs);
	assert_int_equal(ix.nsegs, 0);
	/* reusable */
	r = jf_index_add(&ix, &b, &dup);
	assert_int_equal(dup, 0);
	assert_ptr_equal(jf_index_find(&ix, b.key), r);
	jf_index_release(&ix);
}

/* A reserve sizes the table once: adding as many records as reserved
 * never grows it, what was in it before is still found, and more than
 * reserved can still be added. */
static void test_reserve(void **state)
{
	enum { PRE = 1000, N = 50000 };
	struct jf_index ix = JF_INDEX_INIT;
	struct jf_effect e;
	char id[32];
	int dup;

	(void)state;
	for (int i = 0; i < PRE; i++) {
		id_of(i, id, sizeof id);
		e = effect(id, i);
		jf_index_add(&ix, &e, &dup);
	}
	jf_index_reserve(&ix, N);
	size_t cap = ix.cap;
	assert_true((PRE + N) * 4 <= cap * 3);
	assert_true((PRE + N) * 2 > cap * 3 / 4); /* not more than twice what is needed */
	for (int i = 0; i < PRE; i++) {
		id_of(i, id, sizeof id);
		assert_non_null(jf_index_find(&ix, jf_id_key(id, strlen(id))));
	}
	for (int i = PRE; i < PRE + N; i++) {
		id_of(i, id, sizeof id);
		e = effect(id, i);
		jf_index_add(&ix, &e, &dup);
		assert_int_equal(dup, 0);
	}
	assert_int_equal(ix.cap, cap);
	jf_index_reserve(&ix, 0);
	jf_index_reserve(&ix, 10);
	assert_int_equal(ix.cap, cap); /* already room */
	for (int i = PRE + N; i < PRE + 2 * N; i++) {
		id_of(i, id, sizeof id);
		e = effect(id, i);
		jf_index_add(&ix, &e, &dup);
	}
	assert_true(ix.cap > cap);
	for (int i = 0; i < PRE + 2 * N; i++) {
		id_of(i, id, sizeof id);
		struct jf_effect *r = jf_index_find(&ix, jf_id_key(id, strlen(id)));
		assert_non_null(r);
		e = effect(id, i);
		same_effect(r, &e);
	}
	/* on an empty index too */
	struct jf_index ey = JF_INDEX_INIT;
	jf_index_reserve(&ey, 3000);
	assert_int_equal(ey.cap, 4096);
	jf_index_release(&ey);
	jf_index_release(&ix);
}

/* 200,000 ids: every one found, duplicates seen, and the record pointers
 * handed out early still valid (and unmoved) after all the growth. */
static void test_many(void **state)
{
	enum { N = 200000 };
	struct jf_index ix = JF_INDEX_INIT;
	struct jf_effect **ptr = calloc(N, sizeof *ptr);
	char id[40];
	int dup;

	(void)state;
	assert_non_null(ptr);
	for (int i = 0; i < N; i++) {
		struct jf_effect e;
		id_of(i, id, sizeof id);
		e = effect(id, i);
		ptr[i] = jf_index_add(&ix, &e, &dup);
		assert_int_equal(dup, 0);
		assert_non_null(ptr[i]);
	}
	assert_int_equal(ix.n, N);
	assert_true(ix.cap > (size_t)N);
	/* writes through early pointers survive the rehashes */
	ptr[0]->flags = JF_EFFECT_VOIDED;
	for (int i = 0; i < N; i++) {
		struct jf_effect e;
		id_of(i, id, sizeof id);
		e = effect(id, i);
		if (i == 0)
			e.flags = JF_EFFECT_VOIDED;
		struct jf_effect *r = jf_index_find(&ix, e.key);
		assert_ptr_equal(r, ptr[i]);
		same_effect(r, &e);
		/* and each is a duplicate now */
		assert_ptr_equal(jf_index_add(&ix, &e, &dup), ptr[i]);
		assert_int_equal(dup, 1);
	}
	assert_int_equal(ix.n, N);
	for (int i = N; i < N + 5000; i++) {
		id_of(i, id, sizeof id);
		assert_null(jf_index_find(&ix, jf_id_key(id, strlen(id))));
	}
	jf_index_release(&ix);
	free(ptr);
}

/* Keys that collide in the part of the key the table hashes on must still
 * be told apart by the whole key. */
static void test_collisions(void **state)
{
	enum { N = 3000 };
	struct jf_index ix = JF_INDEX_INIT;
	struct jf_effect e;
	int dup;

	(void)state;
	memset(&e, 0, sizeof e);
	for (uint32_t i = 0; i < N; i++) {
		e.key.w[0] = 0x12345678u;
		e.key.w[1] = 0x9abcdef0u;
		e.key.w[2] = i;
		e.qty = (int32_t)i;
		jf_index_add(&ix, &e, &dup);
		assert_int_equal(dup, 0);
	}
	assert_int_equal(ix.n, N);
	for (uint32_t i = 0; i < N; i++) {
		struct jf_idkey k = { { 0x12345678u, 0x9abcdef0u, i } };
		struct jf_effect *r = jf_index_find(&ix, k);
		assert_non_null(r);
		assert_int_equal(r->qty, (int32_t)i);
	}
	struct jf_idkey k = { { 0x12345678u, 0x9abcdef0u, N } };
	assert_null(jf_index_find(&ix, k));
	jf_index_release(&ix);
}

/* A slot keeps the key's first word beside the record number (index.c):
 * keys in one slot's chain whose first words differ only above the slot
 * bits, and keys whose first words are equal, are both told apart, and
 * the table grows (it reads no record then) without losing one. */
static void test_first_word(void **state)
{
	enum { N = 5000 };
	struct jf_index ix = JF_INDEX_INIT;
	struct jf_effect e;
	int dup;

	(void)state;
	memset(&e, 0, sizeof e);
	for (uint32_t i = 0; i < N; i++) {
		/* even i: the same low 16 bits, different high ones; odd i:
		 * one first word, told apart by the second */
		e.key.w[0] = i % 2 ? 0xfeed0000u : (i << 16) | 0x4321u;
		e.key.w[1] = i % 2 ? i : 7;
		e.key.w[2] = 0;
		e.qty = (int32_t)i;
		assert_non_null(jf_index_add(&ix, &e, &dup));
		assert_int_equal(dup, 0);
	}
	assert_int_equal(ix.n, N);
	assert_true(ix.cap > 4 * 1024); /* it grew past the first 1024 slots */
	for (uint32_t i = 0; i < N; i++) {
		struct jf_idkey k = { { i % 2 ? 0xfeed0000u : (i << 16) | 0x4321u,
					 i % 2 ? i : 7, 0 } };
		struct jf_effect *r = jf_index_find(&ix, k);
		assert_non_null(r);
		assert_int_equal(r->qty, (int32_t)i);
		k.w[2] = 1; /* all but the last word the same: absent */
		assert_null(jf_index_find(&ix, k));
	}
	jf_index_release(&ix);
}

/* Records adopted from the cache go in by jf_index_insert(): each once,
 * and a second record with a key already in the table is refused with the
 * first one, which stays. */
static void test_adopt_insert(void **state)
{
	enum { N = 3000 };
	struct jf_index ix = JF_INDEX_INIT;
	struct jf_effect *v = calloc(N, sizeof *v);
	char id[40];
	int dup;

	(void)state;
	assert_non_null(v);
	for (int i = 0; i < N; i++) {
		id_of(i % (N - 1), id, sizeof id); /* the last is the first again */
		v[i] = effect(id, i);
	}
	struct jf_effect own = effect("01KOWN", 1);
	struct jf_effect *first = jf_index_add(&ix, &own, &dup);
	assert_int_equal(dup, 0);
	jf_index_adopt(&ix, v, N);
	assert_int_equal(ix.n, N + 1);
	for (int i = 0; i < N - 1; i++)
		assert_null(jf_index_insert(&ix, &v[i]));
	assert_ptr_equal(jf_index_insert(&ix, &v[N - 1]), &v[0]);
	for (int i = 0; i < N - 1; i++) {
		id_of(i, id, sizeof id);
		assert_ptr_equal(jf_index_find(&ix, jf_id_key(id, strlen(id))), &v[i]);
		assert_ptr_equal(jf_index_at(&ix, (size_t)i + 1), &v[i]);
	}
	assert_ptr_equal(jf_index_find(&ix, own.key), first);
	/* an own record after the adopted ones is numbered after them */
	struct jf_effect late = effect("01KLATE", 2);
	struct jf_effect *r = jf_index_add(&ix, &late, &dup);
	assert_int_equal(dup, 0);
	assert_ptr_equal(jf_index_at(&ix, N + 1), r);
	assert_ptr_equal(jf_index_find(&ix, late.key), r);
	jf_index_release(&ix);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_record_size),
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_add_find_dup),
		cmocka_unit_test(test_many),
		cmocka_unit_test(test_reserve),
		cmocka_unit_test(test_collisions),
		cmocka_unit_test(test_first_word),
		cmocka_unit_test(test_adopt_insert),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
