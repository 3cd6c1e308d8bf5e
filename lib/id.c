/* id.c - ULIDs for new entries and 96-bit keys for any id. */
#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <sys/types.h>
#include <time.h>

#include "fileio.h"
#include "id.h"

#define ULID_TIME_CHARS 10
#define ULID_RAND_BYTES 10
#define ULID_MS_MAX ((UINT64_C(1) << 48) - 1)

static const char crockford[32] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/*
 * Ten characters of the 48-bit millisecond time (the first one holds only
 * 3 bits), then sixteen of the 80 random bits, most significant first, so
 * that ids compare as their times do.
 */
int jf_id_new(time_t t, int ms, char out[JF_ID_LEN + 1])
{
	unsigned char rnd[ULID_RAND_BYTES];
	uint64_t when, acc = 0;
	int bits = 0, k = ULID_TIME_CHARS;

	if (t < 0 || ms < 0 || ms > 999 ||
	    (uint64_t)t > (ULID_MS_MAX - (uint64_t)ms) / 1000) {
		errno = EINVAL;
		return -1;
	}
	if (jf_random(rnd, sizeof rnd) < 0)
		return -1;
	when = (uint64_t)t * 1000 + (uint64_t)ms;
	for (int i = ULID_TIME_CHARS - 1; i >= 0; i--) {
		out[i] = crockford[when & 31];
		when >>= 5;
	}
	for (size_t i = 0; i < sizeof rnd; i++) {
		acc = (acc << 8 | rnd[i]) & 0x1fff; /* at most 12 bits pending */
		bits += 8;
		while (bits >= 5) {
			bits -= 5;
			out[k++] = crockford[(acc >> bits) & 31];
		}
	}
	out[JF_ID_LEN] = '\0';
	return 0;
}

/* The bytes an id may hold, A-Z a-z 0-9 - _ (test_valid_bytes checks
 * the table). */
static const unsigned char id_char[256] = {
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0,
	0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 1,
	0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0,
	/* 0x80..0xFF: none */
};

bool jf_id_valid(const char *s)
{
	return s && jf_id_valid_n(s, strlen(s));
}

bool jf_id_valid_n(const char *s, size_t n)
{
	/* every byte looked up, no branch per byte: ids are read by the
	 * million */
	unsigned char ok = 1;
	if (n == 0 || n > JF_ID_MAX)
		return false;
	for (size_t i = 0; i < n; i++)
		ok &= id_char[(unsigned char)s[i]];
	return ok;
}

/* Odd constants drawn at random for this file; any odd value with about
 * half its bits set spreads bits upward under multiplication. */
#define K1 UINT64_C(0x32aaf2593c8c8529)
#define K2 UINT64_C(0x53ce7c0218da7149)
#define K3 UINT64_C(0x8120e0c8c22c653f)
#define K4 UINT64_C(0x17fcb32522f48707)
#define SEED_A UINT64_C(0x389c38b72d05c928)
#define SEED_B UINT64_C(0x7041ff8e2ac048da)

static uint64_t rotl64(uint64_t x, unsigned r)
{
	return x << r | x >> (64 - r);
}

/* Spread every input bit over the whole word: xorshifts carry high bits
 * down, multiplications carry low bits up. */
static uint64_t finish(uint64_t x, uint64_t k)
{
	x ^= x >> 32;
	x *= k;
	x ^= x >> 29;
	x *= K4;
	x ^= x >> 31;
	x *= k;
	x ^= x >> 30;
	return x;
}

/* Up to 8 bytes as a little-endian word, the same on every machine. */
static uint64_t load_le(const unsigned char *p, size_t n)
{
	uint64_t v = 0;

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	if (n == 8) { /* a whole word: the machine's own load is the same */
		memcpy(&v, p, sizeof v);
		return v;
	}
#endif
	for (size_t i = n; i > 0; i--)
		v = v << 8 | p[i - 1];
	return v;
}

/*
 * Two independent 64-bit lanes, seeded differently and with the length
 * folded in, absorb the id 8 bytes at a time (the tail zero-padded, which
 * the length disambiguates); each is then finished and mixed with the
 * other.  The key is 64 bits of lane A and the high 32 of lane B.
 */
struct jf_idkey jf_id_key(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	uint64_t a = SEED_A ^ ((uint64_t)n * K1);
	uint64_t b = SEED_B + ((uint64_t)n * K3);
	struct jf_idkey key;
	size_t i = 0;

	do {
		size_t len = n - i < 8 ? n - i : 8;
		uint64_t c = len ? load_le(p + i, len) : 0;

		a ^= c * K1;
		a = rotl64(a, 31) * K2 + K3;
		b += rotl64(c, 23) * K3;
		b ^= b >> 27;
		b = rotl64(b, 17) * K4 + K1;
		i += len;
	} while (i < n);

	a = finish(a ^ rotl64(b, 32), K2);
	b = finish(b + a, K3);
	key.w[0] = (uint32_t)a;
	key.w[1] = (uint32_t)(a >> 32);
	key.w[2] = (uint32_t)(b >> 32);
	return key;
}

int jf_id_after(const char *prev, char out[JF_ID_LEN + 1])
{
	size_t n = strlen(prev);
	bool ulid = n == JF_ID_LEN;
	for (size_t i = 0; ulid && i < n; i++)
		ulid = memchr(crockford, prev[i], sizeof crockford) != NULL;
	if (ulid) {
		memcpy(out, prev, n + 1);
		for (size_t i = n; i-- > 10;) { /* the 80 random bits, not the time */
			const char *c = memchr(crockford, out[i], sizeof crockford);
			if (c < crockford + 31) {
				out[i] = c[1];
				return 0;
			}
			out[i] = crockford[0];
		}
	}
	if (n + 2 > JF_ID_LEN)
		return -1;
	memcpy(out, prev, n);
	memcpy(out + n, "-0", 3);
	return 0;
}

void jf_id_copy(char out[JF_ID_MAX + 1], const char *id)
{
	size_t k = strnlen(id, JF_ID_MAX);
	memcpy(out, id, k);
	out[k] = '\0';
}
