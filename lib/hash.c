/* hash.c - a word-at-a-time multiply/rotate hash with a resumable state. */
#include <string.h>

#include "hash.h"

#define P1 0x9E3779B185EBCA87ULL
#define P2 0xC2B2AE3D27D4EB4FULL

static uint64_t rotl(uint64_t x, int r)
{
	return (x << r) | (x >> (64 - r));
}

static uint64_t load64(const uint8_t *p)
{
	/* little-endian on every machine, so values are portable */
	return (uint64_t)p[0] | (uint64_t)p[1] << 8 | (uint64_t)p[2] << 16 |
	       (uint64_t)p[3] << 24 | (uint64_t)p[4] << 32 | (uint64_t)p[5] << 40 |
	       (uint64_t)p[6] << 48 | (uint64_t)p[7] << 56;
}

static uint64_t fold(uint64_t h, uint64_t w)
{
	return rotl(h ^ (w * P2), 31) * P1;
}

void jf_hash_init(struct jf_hash *s)
{
	memset(s, 0, sizeof *s);
	s->h = 0x27D4EB2F165667C5ULL;
}

void jf_hash_update(struct jf_hash *s, const void *data, size_t n)
{
	const uint8_t *p = data;
	size_t have = (size_t)(s->n % 8);
	if (!n)
		return;
	s->n += n;
	if (have) {
		size_t take = 8 - have < n ? 8 - have : n;
		memcpy(s->part + have, p, take);
		p += take;
		n -= take;
		if (have + take < 8)
			return;
		s->h = fold(s->h, load64(s->part));
	}
	for (; n >= 8; p += 8, n -= 8)
		s->h = fold(s->h, load64(p));
	if (n)
		memcpy(s->part, p, n);
}

uint64_t jf_hash_value(const struct jf_hash *s)
{
	uint64_t h = s->h;
	size_t have = (size_t)(s->n % 8);
	if (have) {
		uint8_t last[8] = { 0 };
		memcpy(last, s->part, have);
		h = fold(h, load64(last) ^ 0xFF);
	}
	h ^= s->n * P2;
	h ^= h >> 33;
	h *= P1;
	h ^= h >> 29;
	return h;
}

uint64_t jf_hash_bytes(const void *p, size_t n)
{
	struct jf_hash s;
	jf_hash_init(&s);
	jf_hash_update(&s, p, n);
	return jf_hash_value(&s);
}
