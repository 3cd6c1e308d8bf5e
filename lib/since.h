/* since.h - proof that a book's ledger files were only appended to since a
 * git revision (jf-check --since REV).
 *
 * With git (gitrun.h): every ledger file (*.yaml under ledger/, as the
 * readers choose them) in the commit REV must still be in the working tree
 * at the same path, and its bytes at REV must be a prefix of the file's
 * bytes now.  The bytes compared are git's blob at REV and the working tree
 * file as it is (not the index).  Only history along which files were
 * appended to passes: a merge made by jf-merge keeps its first parent's
 * files as a prefix, not its second parent's.
 */
#ifndef JF_SINCE_H
#define JF_SINCE_H

#include "diag.h"
#include "status.h"

/* Check the book at root against revision rev.  Every file that lost or
 * changed bytes, or is gone (deleted or renamed), is an error naming
 * FILE:LINE:COL of the first differing byte (in the file at REV) and the id
 * of the entry holding it.  Returns JF_OK, JF_INVALID (problems in d),
 * JF_USAGE (root is not in a git work tree, or rev names no commit) or
 * JF_SYSTEM (git cannot be run, an I/O error). */
enum jf_status jf_since_check(const char *root, const char *rev, struct jf_diags *d);

#endif
