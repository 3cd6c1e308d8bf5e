/* bytes.h - little-endian loads of 8 and 4 bytes, the same on every machine. */
#ifndef JF_BYTES_H
#define JF_BYTES_H

#include <stdint.h>
#include <string.h>

/* The 8 bytes at p as a word, the first byte lowest. */
static inline uint64_t jf_le64(const void *p)
{
	uint64_t v;
	memcpy(&v, p, sizeof v);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
	v = __builtin_bswap64(v);
#endif
	return v;
}

/* The 4 bytes at p likewise. */
static inline uint32_t jf_le32(const void *p)
{
	uint32_t v;
	memcpy(&v, p, sizeof v);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
	v = __builtin_bswap32(v);
#endif
	return v;
}

#endif
