/* tail.c - where a ledger file's cut-short tail starts. */
#include <stdbool.h>
#include <unistd.h>

#include "fileio.h"
#include "tail.h"

/* The line of the file's last item ("-" in column 1), or 0 if a line after
 * it starts in column 1 with something else (a stray line, not part of the
 * item: damage, not a cut).  Reads the file once; only files that fail to
 * parse pay for this. */
unsigned long jf_tail_last_item(int fd)
{
	char buf[65536];
	unsigned long line = 1, last = 1;
	bool bol = true, stray = false;
	ssize_t n;
	off_t off = 0;
	while ((n = jf_pread_all(fd, buf, sizeof buf, off)) > 0) {
		for (ssize_t i = 0; i < n; i++) {
			if (bol && buf[i] == '-') {
				last = line;
				stray = false;
			} else if (bol && buf[i] != ' ' && buf[i] != '\t' && buf[i] != '\n' &&
				   buf[i] != '#') {
				stray = true;
			}
			bol = buf[i] == '\n';
			line += bol;
		}
		off += n;
	}
	return stray ? 0 : last;
}

/* A file without a final newline: where does its cut-short tail start?
 * Returns false if the unterminated last line is blank or a comment (no
 * entry was cut).  Else sets the line and byte offset of the cut: the last
 * line itself if it starts an item ("-") or is not YAML at all (say the
 * NUL bytes a crash can leave), or the item it continues if it is indented.
 * Reads the file once; only such files pay for this. */
bool jf_tail_find_cut(int fd, unsigned long *line, off_t *offset)
{
	char buf[65536];
	unsigned long ln = 1, item_line = 1, last_line = 1;
	off_t off = 0, item_off = 0, last_off = 0;
	bool bol = true;
	ssize_t n;
	while ((n = jf_pread_all(fd, buf, sizeof buf, off)) > 0) {
		for (ssize_t i = 0; i < n; i++) {
			if (bol) {
				last_line = ln;
				last_off = off + i;
				if (buf[i] == '-') {
					item_line = ln;
					item_off = off + i;
				}
			}
			bol = buf[i] == '\n';
			ln += bol;
		}
		off += n;
	}
	/* classify the unterminated last line */
	char c = 0;
	off_t p = last_off;
	while (pread(fd, &c, 1, p) == 1 && (c == ' ' || c == '\t'))
		p++;
	if (p >= off || c == '#')
		return false;
	bool indented = p > last_off;
	if (indented) {
		*line = item_line;
		*offset = item_off;
	} else {
		*line = last_line;
		*offset = last_off;
	}
	return true;
}

off_t jf_tail_line_offset(int fd, unsigned long line)
{
	char buf[65536];
	unsigned long cur = 1;
	off_t off = 0;
	ssize_t n;
	if (line == 1)
		return 0;
	while ((n = jf_pread_all(fd, buf, sizeof buf, off)) > 0) {
		for (ssize_t i = 0; i < n; i++)
			if (buf[i] == '\n' && ++cur == line)
				return off + i + 1;
		off += n;
	}
	return -1;
}
