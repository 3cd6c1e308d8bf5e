/* outenc.h - the bytes of a spreadsheet output: UTF-8 BOM or GB18030.
 *
 * A CSV or TSV is built in UTF-8, like every output of jf; what a
 * spreadsheet on a Chinese PC opens is UTF-8 with a byte order mark, or
 * GB18030 (what Excel and WPS take for "ANSI" there).  These turn the
 * finished buffer into either, in place.  GB18030 maps every Unicode
 * character, so a conversion can fail only on bytes that are not UTF-8:
 * that is refused with the offset, never dropped or replaced.
 */
#ifndef JF_OUTENC_H
#define JF_OUTENC_H

#include <stdbool.h>

#include "buf.h"
#include "diag.h"
#include "status.h"

enum jf_outenc { JF_ENC_UTF8, JF_ENC_GB18030 };

/* Parse an --encoding value ("utf-8", "utf8", "gb18030", any case) into
 * *out; false if it names no encoding jf writes. */
bool jf_outenc_parse(const char *s, enum jf_outenc *out);
/* Prefix out with the UTF-8 byte order mark (EF BB BF). */
void jf_outenc_bom(struct jf_buf *out);
/* Convert out from UTF-8 to enc in place (JF_ENC_UTF8: nothing to do).
 * JF_REFUSED with a diagnostic naming the byte offset if out is not valid
 * UTF-8 (out is then unchanged); JF_SYSTEM if the C library has no such
 * converter (iconv_open fails). */
enum jf_status jf_outenc_convert(struct jf_buf *out, enum jf_outenc enc, struct jf_diags *d);

#endif
