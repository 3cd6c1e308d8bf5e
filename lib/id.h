/* id.h - entry ids and their compact keys.
 *
 * New ids are ULIDs: 26 characters of Crockford base32 (0-9, A-Z without
 * I, L, O, U): 48 bits of milliseconds since the epoch then 80 bits from the
 * OS random source (getrandom(2)), so ids sort by recording time and are
 * unique across clones.  Readers accept any id of 1..64 characters from
 * [A-Za-z0-9_-] ("ULID-like"), and index it by a 96-bit hash key.
 */
#ifndef JF_ID_H
#define JF_ID_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#define JF_ID_LEN 26
#define JF_ID_MAX 64

struct jf_idkey {
	uint32_t w[3];
};

/* Write a new ULID for time t (plus ms, 0..999) into out (27 bytes with
 * the NUL).  Returns 0, or -1 with errno set if the random source failed. */
int jf_id_new(time_t t, int ms, char out[JF_ID_LEN + 1]);
/* The id right after id `prev` in byte order, into out: for a ULID the
 * next ULID (its last character counted up, Crockford base32); for any
 * other id (or the last ULID of its millisecond) prev + "-0".  Returns 0,
 * or -1 if that would be longer than JF_ID_LEN (out is JF_ID_LEN + 1
 * bytes). */
int jf_id_after(const char *prev, char out[JF_ID_LEN + 1]);
/* Is s an acceptable id (1..64 of [A-Za-z0-9_-])? */
bool jf_id_valid(const char *s);
/* The same for the n bytes at s. */
bool jf_id_valid_n(const char *s, size_t n);
/* Copy id into out, cut at JF_ID_MAX bytes (the reader refuses longer
 * ids, so nothing it hands is cut). */
void jf_id_copy(char out[JF_ID_MAX + 1], const char *id);
/* The 96-bit key of id s (length n): a well-mixed hash, the same on every
 * machine and run. */
struct jf_idkey jf_id_key(const char *s, size_t n);
static inline bool jf_idkey_eq(struct jf_idkey a, struct jf_idkey b)
{
	return a.w[0] == b.w[0] && a.w[1] == b.w[1] && a.w[2] == b.w[2];
}

#endif
