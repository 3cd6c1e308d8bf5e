/* tail.c - where a ledger file's cut-short tail starts. */
#include <stdbool.h>
#include <unistd.h>

#include "fileio.h"
#include "tail.h"

/* Where lines start, as YAML reads them: a line that begins inside a
 * quoted value (a "..." or '...' folded over lines) starts no item, even
 * when it begins with "-" in column 1. */
struct lines {
	bool bol;             /* the next byte starts a line */
	bool dq, sq, esc;     /* inside "...", inside '...', after a backslash */
	bool sq_end;          /* a ' inside '...': closes unless another follows */
	bool comment;         /* after # outside quotes, to the end of the line */
	char sig;             /* the last non-blank byte outside quotes, this line */
	bool blank_after;     /* a blank followed it */
};

/* Take byte c; true when it starts a line outside any quoted value. */
static bool lines_feed(struct lines *l, char c)
{
	bool start = l->bol && !l->dq && !l->sq;
	if (l->bol) {
		l->sig = 0;
		l->blank_after = false;
		l->comment = false;
	}
	l->bol = c == '\n';
	if (l->sq_end) {
		l->sq_end = false;
		if (c == '\'')
			return start;         /* '' inside '...' */
		l->sq = false;
	}
	if (l->dq) {
		if (l->esc)
			l->esc = false;
		else if (c == '\\')
			l->esc = true;
		else if (c == '"')
			l->dq = false;
		return start;
	}
	if (l->sq) {
		if (c == '\'')
			l->sq_end = true;
		return start;
	}
	if (l->comment || c == '\n')
		return start;
	if (c == ' ' || c == '\t') {
		l->blank_after = l->sig != 0;
		return start;
	}
	if (c == '#' && (!l->sig || l->blank_after)) {
		l->comment = true;
		return start;
	}
	/* a quote opens a quoted value where a value starts: after "key: ",
	 * "- ", or in a flow collection */
	if ((c == '"' || c == '\'') &&
	    (((l->sig == ':' || l->sig == '-') && l->blank_after) ||
	     l->sig == '{' || l->sig == '[' || l->sig == ',')) {
		if (c == '"')
			l->dq = true;
		else
			l->sq = true;
		return start;
	}
	l->sig = c;
	l->blank_after = false;
	return start;
}

/* The line of the file's last item ("-" in column 1, outside any quoted
 * value), or 0 if a line after it starts in column 1 with something else
 * (a stray line, not part of the item: damage, not a cut).  Reads the file
 * once; only files that fail to parse pay for this. */
unsigned long jf_tail_last_item(int fd)
{
	char buf[65536];
	unsigned long line = 1, last = 1;
	bool stray = false;
	struct lines l = { .bol = true };
	ssize_t n;
	off_t off = 0;
	while ((n = jf_pread_all(fd, buf, sizeof buf, off)) > 0) {
		for (ssize_t i = 0; i < n; i++) {
			bool start = lines_feed(&l, buf[i]);
			if (start && buf[i] == '-') {
				last = line;
				stray = false;
			} else if (start && buf[i] != ' ' && buf[i] != '\t' && buf[i] != '\n' &&
				   buf[i] != '#') {
				stray = true;
			}
			line += buf[i] == '\n';
		}
		off += n;
	}
	return stray ? 0 : last;
}

/* A file without a final newline: where does its cut-short tail start?
 * Returns false if the unterminated last line is blank or a comment (no
 * entry was cut).  Else sets the line and byte offset of the cut: the last
 * line itself if it starts an item ("-") or is not YAML at all (say the
 * NUL bytes a crash can leave), or the item it continues if it is indented
 * or inside a quoted value.  Reads the file once; only such files pay. */
bool jf_tail_find_cut(int fd, unsigned long *line, off_t *offset)
{
	char buf[65536];
	unsigned long ln = 1, item_line = 1, last_line = 1;
	off_t off = 0, item_off = 0, last_off = 0;
	bool last_start = true;
	struct lines l = { .bol = true };
	ssize_t n;
	while ((n = jf_pread_all(fd, buf, sizeof buf, off)) > 0) {
		for (ssize_t i = 0; i < n; i++) {
			bool bol = l.bol;
			bool start = lines_feed(&l, buf[i]);
			if (bol) {
				last_line = ln;
				last_off = off + i;
				last_start = start;
				if (start && buf[i] == '-') {
					item_line = ln;
					item_off = off + i;
				}
			}
			ln += buf[i] == '\n';
		}
		off += n;
	}
	/* classify the unterminated last line */
	char c = 0;
	off_t p = last_off;
	while (pread(fd, &c, 1, p) == 1 && (c == ' ' || c == '\t'))
		p++;
	if (last_start && (p >= off || c == '#'))
		return false;
	bool continues = p > last_off || !last_start;
	if (continues) {
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
