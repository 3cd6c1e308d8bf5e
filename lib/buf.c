/* buf.c - growable NUL-terminated buffers. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "buf.h"

char jf_buf_empty[1];

void jf_buf_init(struct jf_buf *b)
{
	b->s = jf_buf_empty;
	b->len = 0;
	b->cap = 0;
}

void jf_buf_release(struct jf_buf *b)
{
	if (b->cap)
		free(b->s);
	jf_buf_init(b);
}

void jf_buf_reset(struct jf_buf *b)
{
	jf_buf_setlen(b, 0);
}

char *jf_buf_detach(struct jf_buf *b)
{
	char *s = b->cap ? b->s : jf_strdup("");
	jf_buf_init(b);
	return s;
}

void jf_buf_grow(struct jf_buf *b, size_t n)
{
	size_t need;
	if (n > SIZE_MAX - b->len - 1)
		jf_oom();
	need = b->len + n + 1;
	if (need <= b->cap)
		return;
	size_t cap = b->cap ? b->cap : 64;
	while (cap < need)
		cap = cap > SIZE_MAX / 2 ? need : cap * 2;
	if (b->cap) {
		b->s = jf_reallocarray(b->s, cap, 1);
	} else {
		b->s = jf_malloc(cap);
		b->s[0] = '\0';
	}
	b->cap = cap;
}

void jf_buf_add(struct jf_buf *b, const void *s, size_t n)
{
	if (!n)
		return;
	jf_buf_grow(b, n);
	memmove(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

void jf_buf_adds(struct jf_buf *b, const char *s)
{
	jf_buf_add(b, s, strlen(s));
}

void jf_buf_addc(struct jf_buf *b, char c)
{
	jf_buf_add(b, &c, 1);
}

void jf_buf_vaddf(struct jf_buf *b, const char *fmt, va_list ap)
{
	va_list cp;
	int n;

	va_copy(cp, ap);
	n = vsnprintf(b->s + b->len, b->cap ? b->cap - b->len : 0, fmt, cp);
	va_end(cp);
	if (n < 0)
		jf_oom(); /* only an encoding error; treat as fatal */
	if (b->cap && (size_t)n < b->cap - b->len) {
		b->len += (size_t)n;
		return;
	}
	jf_buf_grow(b, (size_t)n);
	n = vsnprintf(b->s + b->len, b->cap - b->len, fmt, ap);
	if (n < 0)
		jf_oom();
	b->len += (size_t)n;
}

void jf_buf_addf(struct jf_buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	jf_buf_vaddf(b, fmt, ap);
	va_end(ap);
}

void jf_buf_setlen(struct jf_buf *b, size_t len)
{
	if (len > b->len)
		len = b->len;
	b->len = len;
	if (b->cap)
		b->s[len] = '\0';
}
