/* tail.h - finding a ledger file's cut-short tail, for the scanner and
 * jf-check --repair (repair.h).
 *
 * A writer killed mid-append leaves a last entry cut short.  The scanner
 * reports it at the line its item starts; repair moves the bytes from
 * there on into a side file.  Each function reads the file through fd with
 * pread(), so the file offset is left alone; only files that need it (no
 * final newline, a parse error) pay for the extra read.
 */
#ifndef JF_TAIL_H
#define JF_TAIL_H

#include <stdbool.h>
#include <sys/types.h>

/* The line of the file's last item ("-" in column 1), or 0 if a line
 * after it starts in column 1 with something else (damage, not a cut). */
unsigned long jf_tail_last_item(int fd);
/* A file without a final newline: sets the line and byte offset where its
 * cut-short tail starts and returns true; false if the unterminated last
 * line is blank or a comment (no entry was cut). */
bool jf_tail_find_cut(int fd, unsigned long *line, off_t *offset);
/* The byte offset of the start of line `line` (1-based), or -1. */
off_t jf_tail_line_offset(int fd, unsigned long line);

#endif
