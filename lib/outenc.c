/* outenc.c - UTF-8 BOM and GB18030 output, with iconv(3) from the C library. */
#include <errno.h>
#include <iconv.h>
#include <string.h>
#include <strings.h>

#include "outenc.h"

bool jf_outenc_parse(const char *s, enum jf_outenc *out)
{
	if (!strcasecmp(s, "utf-8") || !strcasecmp(s, "utf8")) {
		*out = JF_ENC_UTF8;
		return true;
	}
	if (!strcasecmp(s, "gb18030")) {
		*out = JF_ENC_GB18030;
		return true;
	}
	return false;
}

void jf_outenc_bom(struct jf_buf *out)
{
	struct jf_buf b = JF_BUF_INIT;
	jf_buf_grow(&b, out->len + 3);
	jf_buf_add(&b, "\xEF\xBB\xBF", 3);
	jf_buf_add(&b, out->s, out->len);
	jf_buf_release(out);
	*out = b;
}

enum jf_status jf_outenc_convert(struct jf_buf *out, enum jf_outenc enc, struct jf_diags *d)
{
	if (enc == JF_ENC_UTF8 || out->len == 0)
		return JF_OK;
	iconv_t cd = iconv_open("GB18030", "UTF-8");
	if (cd == (iconv_t)-1) {
		jf_error(d, "cannot write GB18030: the C library has no converter (%s)",
			 strerror(errno));
		return JF_SYSTEM;
	}
	struct jf_buf to = JF_BUF_INIT;
	char chunk[4096], *in = out->s, *o;
	size_t left = out->len, room;
	enum jf_status st = JF_OK;
	while (left) {
		o = chunk;
		room = sizeof chunk;
		size_t r = iconv(cd, &in, &left, &o, &room);
		int e = errno;
		jf_buf_add(&to, chunk, sizeof chunk - room);
		if (r == (size_t)-1 && e != E2BIG) {
			/* EILSEQ or EINVAL: not UTF-8 (the C library converts
			 * every Unicode character to GB18030) */
			jf_error(d, "cannot write GB18030: the output is not valid UTF-8 at byte %zu",
				 (size_t)(in - out->s));
			st = JF_REFUSED;
			break;
		}
	}
	if (st == JF_OK) {
		/* end the shift state (GB18030 has none; iconv asks for it) */
		o = chunk;
		room = sizeof chunk;
		if (iconv(cd, NULL, NULL, &o, &room) == (size_t)-1) {
			jf_error(d, "cannot write GB18030: %s", strerror(errno));
			st = JF_SYSTEM;
		}
		jf_buf_add(&to, chunk, sizeof chunk - room);
	}
	iconv_close(cd);
	if (st == JF_OK) {
		jf_buf_release(out);
		*out = to;
	} else {
		jf_buf_release(&to);
	}
	return st;
}
