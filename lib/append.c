/* append.c - one write, fsync, and undo on failure. */
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "append.h"
#include "buf.h"
#include "failpoint.h"
#include "fileio.h"

/* The length of the directory part of rel ("ledger/2026" of
 * "ledger/2026/XB.yaml"), 0 for a file in root itself. */
static size_t dir_len(const char *rel)
{
	const char *s = strrchr(rel, '/');
	return s ? (size_t)(s - rel) : 0;
}

/* mkdir -p of the directories of root/rel; fsyncs the parent of each new
 * one.  *made is set to the length of the prefix of rel naming the topmost
 * directory made (0: none), for remove_dirs().  0, or -1 with errno. */
static int make_dirs(const char *root, const char *rel, size_t *made)
{
	struct jf_buf p = JF_BUF_INIT;
	int rc = 0;
	*made = 0;
	for (const char *s = strchr(rel, '/'); s && rc == 0; s = strchr(s + 1, '/')) {
		jf_buf_reset(&p);
		jf_buf_addf(&p, "%s/%.*s", root, (int)(s - rel), rel);
		if (mkdir(p.s, 0777) == 0) {
			if (!*made)
				*made = (size_t)(s - rel);
			*strrchr(p.s, '/') = '\0';
			rc = jf_fsync_dir(p.s);
		} else if (errno != EEXIST) {
			rc = -1;
		}
	}
	jf_buf_release(&p);
	return rc;
}

/* Remove the directories make_dirs() made, deepest first, if empty. */
static void remove_dirs(const char *root, const char *rel, size_t made)
{
	if (!made)
		return;
	struct jf_buf p = JF_BUF_INIT;
	size_t top = strlen(root) + 1 + made;
	jf_buf_addf(&p, "%s/%.*s", root, (int)dir_len(rel), rel);
	while (p.len >= top) {
		rmdir(p.s);
		jf_buf_setlen(&p, (size_t)(strrchr(p.s, '/') - p.s));
	}
	jf_fsync_dir(p.s);
	jf_buf_release(&p);
}

/* Write the entry's len bytes at p to fd (fileio.h), stopping first where
 * a partial-write failpoint is armed.  Returns 0 or an errno value. */
static int write_entry(int fd, const char *p, size_t len)
{
	size_t first = len;
	int err;
	if (jf_failpoint_armed("partial-write"))
		first = len / 2;
	if (jf_failpoint_armed("partial-write-end") && len > 3)
		first = len - 3;
	if (first < len) {
		if (jf_write_all(fd, p, first) < 0)
			return errno;
		if ((err = jf_failpoint("partial-write")) ||
		    (err = jf_failpoint("partial-write-end")))
			return err;
		p += first;
		len -= first;
	}
	return jf_write_all(fd, p, len) < 0 ? errno : 0;
}

/* Does the file (old bytes, fd) end its YAML document with '...'?  Then an
 * entry appended would not be part of it.  Readers refuse such a file
 * (ledger.h), so a writer that read the book never gets here with one;
 * this is the append's own last look.  Looks at the last line that is not
 * blank or a comment, within the last 4 KiB.  1, 0, or -1 with errno. */
static int ends_document(int fd, off_t old)
{
	char buf[4096];
	size_t n = old < (off_t)sizeof buf ? (size_t)old : sizeof buf;
	errno = EIO;
	if (jf_pread_all(fd, buf, n, old - (off_t)n) != (ssize_t)n)
		return -1;
	size_t end = n;
	while (end > 0) {
		size_t ls = end;
		while (ls > 0 && buf[ls - 1] != '\n')
			ls--;
		if (ls == 0 && n < (size_t)old)
			return 0; /* a line longer than what was read: not '...' */
		size_t i = ls;
		while (i < end && (buf[i] == ' ' || buf[i] == '\t'))
			i++;
		if (i < end && buf[i] != '#' && buf[i] != '\n')
			return i == ls && end - ls >= 3 && !memcmp(buf + ls, "...", 3) &&
			       (end - ls == 3 || strchr(" \t#\n", buf[ls + 3]));
		end = ls ? ls - 1 : 0;
	}
	return 0;
}

/* Cut root/rel back to old bytes, durably, through fd or, if fd < 0, by
 * opening it again.  0, or -1 with errno. */
static int cut_back(int fd, const char *path, off_t old)
{
	int own = -1, rc;
	if (fd < 0 && (fd = own = open(path, O_WRONLY | O_CLOEXEC)) < 0)
		return -1;
	rc = ftruncate(fd, old) < 0 || fsync(fd) < 0 ? -1 : 0;
	if (own >= 0) {
		int e = errno;
		close(own);
		errno = e;
	}
	return rc;
}

enum jf_status jf_append(const char *root, const char *rel, const char *text,
			 size_t len, struct jf_diags *d)
{
	struct jf_buf path = JF_BUF_INIT, nl = JF_BUF_INIT;
	struct stat st;
	const char *what = NULL;
	size_t made = 0;
	bool created = false, wrote = false;
	off_t old = 0;
	int fd = -1, err = 0;
	char last;

	jf_buf_addf(&path, "%s/%s", root, rel);
	if (make_dirs(root, rel, &made) < 0) {
		err = errno;
		what = "create the directories of";
		goto fail;
	}
	fd = open(path.s, O_RDWR | O_APPEND | O_CLOEXEC);
	if (fd < 0 && errno == ENOENT) {
		fd = open(path.s, O_RDWR | O_APPEND | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
		created = fd >= 0;
	}
	if (fd < 0 || fstat(fd, &st) < 0) {
		err = errno;
		what = "open";
		goto fail;
	}
	old = st.st_size;
	if (old > 0) {
		/* a file whose last line (a comment) lacks its newline gets one
		 * in the same write as the entry */
		errno = EIO;
		if (jf_pread_all(fd, &last, 1, old - 1) != 1) {
			err = errno;
			what = "read";
			goto fail;
		}
		int ends = ends_document(fd, old);
		if (ends < 0) {
			err = errno;
			what = "read";
			goto fail;
		}
		if (ends) {
			jf_error(d, "'%s' ends its YAML document with '...': an entry appended "
				 "after it would not be read; nothing was recorded (see 'jf-check')",
				 rel);
			close(fd);
			jf_buf_release(&path);
			jf_buf_release(&nl);
			return JF_INVALID;
		}
		if (last != '\n') {
			jf_buf_addc(&nl, '\n');
			jf_buf_add(&nl, text, len);
			text = nl.s;
			len = nl.len;
		}
	}

	/* from here on bytes of the entry may be in the file: a failure
	 * takes them back */
	wrote = true;
	if ((err = jf_failpoint("before-write")) || (err = write_entry(fd, text, len))) {
		what = "write";
		goto fail;
	}
	if ((err = jf_failpoint("before-fsync")) || (fsync(fd) < 0 && (err = errno))) {
		what = "fsync";
		goto fail;
	}
	if (created && jf_fsync_dir_of(path.s) < 0) {
		err = errno;
		what = "fsync the directory of";
		goto fail;
	}
	err = jf_failpoint("after-fsync");
	if (close(fd) < 0 && !err)
		err = errno;
	fd = -1;
	if (err) {
		what = "close";
		goto fail;
	}
	jf_buf_release(&path);
	jf_buf_release(&nl);
	return JF_OK;

fail:
	if (wrote && cut_back(fd, path.s, old) < 0) {
		int e = errno;
		jf_error(d, "cannot %s '%s': %s", what, rel, strerror(err));
		jf_error(d, "cannot take the entry back out of '%s': %s; some or all of it "
			 "may remain (see 'jf-check')", rel, strerror(e));
	} else {
		if (created && unlink(path.s) == 0)
			jf_fsync_dir_of(path.s);
		remove_dirs(root, rel, made);
		jf_error(d, "cannot %s '%s': %s; nothing was recorded", what, rel, strerror(err));
	}
	if (fd >= 0)
		close(fd);
	jf_buf_release(&path);
	jf_buf_release(&nl);
	return JF_SYSTEM;
}
