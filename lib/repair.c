/* repair.c - move a cut-short tail into a side file. */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fileio.h"
#include "repair.h"
#include "tail.h"

/* Copy the bytes [off, end) of from to the end of to.  0, or -1 with errno. */
static int copy_range(int from, off_t off, off_t end, int to)
{
	char buf[65536];
	while (off < end) {
		size_t want = (size_t)(end - off) < sizeof buf ? (size_t)(end - off) : sizeof buf;
		ssize_t n = jf_pread_all(from, buf, want, off);
		if (n <= 0) {
			if (n == 0)
				errno = EIO; /* the file shrank under us */
			return -1;
		}
		if (jf_write_all(to, buf, (size_t)n) < 0)
			return -1;
		off += n;
	}
	return 0;
}

enum jf_status jf_repair_cut(const char *root, const struct jf_cut *cut,
			     struct jf_buf *side, uint64_t *moved, struct jf_diags *d)
{
	struct jf_buf path = JF_BUF_INIT, sp = JF_BUF_INIT;
	struct stat st;
	enum jf_status rc = JF_SYSTEM;
	int fd = -1, out = -1;

	*moved = 0;
	jf_buf_addf(&path, "%s/%s", root, cut->file);
	fd = open(path.s, O_RDWR | O_CLOEXEC);
	if (fd < 0 || fstat(fd, &st) < 0) {
		jf_error(d, "cannot open '%s': %s", cut->file, strerror(errno));
		goto done;
	}
	off_t off = jf_tail_line_offset(fd, cut->line);
	if (off < 0 || off > st.st_size) {
		jf_error(d, "'%s': line %lu not found", cut->file, cut->line);
		goto done;
	}
	for (int i = 0; i < 1000 && out < 0; i++) {
		jf_buf_reset(&sp);
		jf_buf_addf(&sp, "%s.cut", cut->file);
		if (i)
			jf_buf_addf(&sp, ".%d", i);
		jf_buf_reset(&path);
		jf_buf_addf(&path, "%s/%s", root, sp.s);
		out = open(path.s, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
		if (out < 0 && errno != EEXIST) {
			jf_error(d, "cannot create '%s': %s", sp.s, strerror(errno));
			goto done;
		}
	}
	if (out < 0) {
		jf_error(d, "no free side file name for '%s'", cut->file);
		goto done;
	}
	if (copy_range(fd, off, st.st_size, out) < 0 || fsync(out) < 0) {
		jf_error(d, "cannot write '%s': %s", sp.s, strerror(errno));
		unlink(path.s);
		goto done;
	}
	if (close(out) < 0) {
		out = -1;
		jf_error(d, "cannot write '%s': %s", sp.s, strerror(errno));
		unlink(path.s);
		goto done;
	}
	out = -1;
	/* and its name too (without it a crash could lose the side file
	 * after the ledger was cut) */
	if (jf_fsync_dir_of(path.s) < 0) {
		jf_error(d, "cannot fsync the directory of '%s': %s", sp.s, strerror(errno));
		unlink(path.s);
		goto done;
	}
	/* the side file is safe on disk: now cut the ledger */
	if (ftruncate(fd, off) < 0 || fsync(fd) < 0) {
		jf_error(d, "cannot shorten '%s': %s (the tail is also in '%s')", cut->file,
			 strerror(errno), sp.s);
		goto done;
	}
	*moved = (uint64_t)(st.st_size - off);
	jf_buf_add(side, sp.s, sp.len);
	rc = JF_OK;
done:
	if (out >= 0)
		close(out);
	if (fd >= 0 && close(fd) < 0 && rc == JF_OK) {
		jf_error(d, "cannot close '%s': %s", cut->file, strerror(errno));
		rc = JF_SYSTEM;
	}
	jf_buf_release(&path);
	jf_buf_release(&sp);
	return rc;
}
