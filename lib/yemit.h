/* yemit.h - writing YAML: the scalars of the entries writers append.
 *
 * The text a writer puts in an entry (a note, a reason, an operator's
 * name) is first checked with jf_text_check(), then written with
 * jf_yaml_scalar(), which quotes it only when it must, so a ledger stays
 * readable by eye and reads back, through yread.h, as exactly that text.
 */
#ifndef JF_YEMIT_H
#define JF_YEMIT_H

#include "buf.h"

/* Append s to out as a YAML scalar: plain when that reads back as the same
 * text, else double-quoted with escapes. */
void jf_yaml_scalar(struct jf_buf *out, const char *s);
/* Check free text given to a writer (note, reason, operator): valid UTF-8,
 * no control characters, at most 4096 bytes.  NULL if fine, else why. */
const char *jf_text_check(const char *s);

#endif
