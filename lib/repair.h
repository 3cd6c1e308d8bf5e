/* repair.h - setting a cut-short tail aside (jf-check --repair).
 *
 * Only the bytes of a cut-short last entry (struct jf_cut, found by a scan)
 * are moved: copied byte for byte into a side file FILE.cut (FILE.cut.1 ...
 * if taken) next to the ledger file, fsync'd with its directory (so its
 * name is durable too), and only then cut off the ledger with ftruncate +
 * fsync.  Nothing is thrown away; nothing before the cut entry is
 * touched.  Callers hold the book's lock.
 */
#ifndef JF_REPAIR_H
#define JF_REPAIR_H

#include "buf.h"
#include "diag.h"
#include "ledger.h"

/* Move the tail of root/cut->file from the start of line cut->line into a
 * side file.  Appends the side file's relative path to side and sets
 * *moved to the number of bytes moved.  JF_SYSTEM on I/O errors. */
enum jf_status jf_repair_cut(const char *root, const struct jf_cut *cut,
			     struct jf_buf *side, uint64_t *moved, struct jf_diags *d);

#endif
