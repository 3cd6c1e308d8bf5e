/* strmap.c - string to int map. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "strmap.h"

/* FNV-1a: keys are short codes; good enough and stable. */
static size_t hash(const char *s, size_t n)
{
	uint64_t h = 1469598103934665603ULL;
	for (size_t i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 1099511628211ULL;
	}
	return (size_t)(h ^ (h >> 29));
}

void jf_strmap_release(struct jf_strmap *m)
{
	free(m->keys);
	free(m->lens);
	free(m->vals);
	memset(m, 0, sizeof *m);
}

static size_t find(const struct jf_strmap *m, const char *key, size_t len)
{
	size_t i = hash(key, len) & (m->cap - 1);
	while (m->keys[i] && !(m->lens[i] == len && !memcmp(m->keys[i], key, len)))
		i = (i + 1) & (m->cap - 1);
	return i;
}

static void grow(struct jf_strmap *m)
{
	struct jf_strmap old = *m;
	m->cap = old.cap ? old.cap * 2 : 16;
	m->keys = jf_calloc(m->cap, sizeof *m->keys);
	m->lens = jf_calloc(m->cap, sizeof *m->lens);
	m->vals = jf_calloc(m->cap, sizeof *m->vals);
	for (size_t i = 0; i < old.cap; i++) {
		if (!old.keys[i])
			continue;
		size_t j = find(m, old.keys[i], old.lens[i]);
		m->keys[j] = old.keys[i];
		m->lens[j] = old.lens[i];
		m->vals[j] = old.vals[i];
	}
	free(old.keys);
	free(old.lens);
	free(old.vals);
}

int jf_strmap_put(struct jf_strmap *m, const char *key, int val)
{
	size_t len = strlen(key), i;
	if ((m->n + 1) * 2 > m->cap)
		grow(m);
	i = find(m, key, len);
	if (m->keys[i])
		return m->vals[i];
	m->keys[i] = key;
	m->lens[i] = len;
	m->vals[i] = val;
	m->n++;
	return -1;
}

int jf_strmap_get(const struct jf_strmap *m, const char *key, size_t len)
{
	if (!m->cap)
		return -1;
	size_t i = find(m, key, len);
	return m->keys[i] ? m->vals[i] : -1;
}

int jf_strmap_gets(const struct jf_strmap *m, const char *key)
{
	return jf_strmap_get(m, key, strlen(key));
}
