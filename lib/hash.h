/* hash.h - a fast, resumable 64-bit hash of a byte stream.
 *
 * Kept by the reader cache of the bytes of a ledger file it holds, and
 * resumed by the writers' appends.  It is not cryptographic, so nothing
 * trusts it against bytes someone else wrote: a file whose identity
 * changed is read whole (ledger.c; tests/cmd/0823 crafts a collision).
 * The state can be saved and resumed, so hashing can continue where a
 * previous run stopped.  Same bytes, same value, on every machine.
 */
#ifndef JF_HASH_H
#define JF_HASH_H

#include <stddef.h>
#include <stdint.h>

struct jf_hash {
	uint64_t h;
	uint64_t n;         /* bytes hashed */
	uint8_t part[8];    /* bytes not yet folded in (n % 8 of them) */
};

void jf_hash_init(struct jf_hash *s);
void jf_hash_update(struct jf_hash *s, const void *p, size_t n);
/* The value of everything hashed so far (s is not changed). */
uint64_t jf_hash_value(const struct jf_hash *s);
/* One-shot hash of a buffer. */
uint64_t jf_hash_bytes(const void *p, size_t n);

#endif
