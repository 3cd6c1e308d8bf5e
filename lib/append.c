/* append.c - one write, fsync, and undo on failure. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "append.h"
#include "buf.h"

#ifdef JF_FAILPOINTS
int jf_failpoint(const char *point)
{
	const char *fp = getenv("JF_FAILPOINT");
	size_t n = strlen(point);
	if (!fp || strncmp(fp, point, n) || fp[n] != '=')
		return 0;
	fp += n + 1;
	if (!strcmp(fp, "kill"))
		raise(SIGKILL);
	if (!strcmp(fp, "exit"))
		_exit(99);
	if (!strcmp(fp, "error:ENOSPC"))
		return ENOSPC;
	if (!strcmp(fp, "error:EIO"))
		return EIO;
	return 0;
}
#endif

static int fsync_dir(const char *path)
{
	int fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	int rc = fsync(fd);
	int e = errno;
	close(fd);
	errno = e;
	return rc;
}

/* mkdir -p of the directories above root/rel; fsyncs each parent of a new
 * directory.  Returns 0 or -1 with errno. */
static int make_dirs(const char *root, const char *rel)
{
	struct jf_buf p = JF_BUF_INIT;
	int rc = 0;
	for (const char *s = strchr(rel, '/'); s; s = strchr(s + 1, '/')) {
		jf_buf_reset(&p);
		jf_buf_addf(&p, "%s/%.*s", root, (int)(s - rel), rel);
		if (mkdir(p.s, 0777) == 0) {
			char *slash = strrchr(p.s, '/');
			*slash = '\0';
			if (fsync_dir(p.s) < 0) {
				rc = -1;
				break;
			}
		} else if (errno != EEXIST) {
			rc = -1;
			break;
		}
	}
	jf_buf_release(&p);
	return rc;
}

enum jf_status jf_append(const char *root, const char *rel, const char *text,
			 size_t len, struct jf_diags *d)
{
	struct jf_buf path = JF_BUF_INIT;
	struct stat st;
	int fd = -1, err = 0;
	bool created = false;
	const char *what = "";
	enum jf_status rc = JF_OK;

	jf_buf_addf(&path, "%s/%s", root, rel);
	if (make_dirs(root, rel) < 0) {
		jf_error(d, "cannot create the directories of '%s': %s", rel, strerror(errno));
		jf_buf_release(&path);
		return JF_SYSTEM;
	}
	fd = open(path.s, O_RDWR | O_APPEND | O_CLOEXEC);
	if (fd < 0 && errno == ENOENT) {
		fd = open(path.s, O_RDWR | O_APPEND | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
		created = fd >= 0;
	}
	if (fd < 0 || fstat(fd, &st) < 0) {
		jf_error(d, "cannot open '%s' for appending: %s", rel, strerror(errno));
		if (fd >= 0)
			close(fd);
		jf_buf_release(&path);
		return JF_SYSTEM;
	}
	off_t old = st.st_size;
	struct jf_buf nl = JF_BUF_INIT;
	if (old > 0) {
		/* a file whose last line (a comment) lacks its newline gets one
		 * in the same write as the entry */
		char last;
		if (pread(fd, &last, 1, old - 1) != 1) {
			err = errno ? errno : EIO;
			what = "read";
			goto undo;
		}
		if (last != '\n') {
			jf_buf_addc(&nl, '\n');
			jf_buf_add(&nl, text, len);
			text = nl.s;
			len = nl.len;
		}
	}

	if ((err = jf_failpoint("before-write"))) {
		what = "write";
		goto undo;
	}
	ssize_t w;
	size_t part = len;
	if ((err = jf_failpoint("partial-write")))
		part = len / 2; /* write half, then fail as a crash would */
	do
		w = write(fd, text, part);
	while (w < 0 && errno == EINTR);
	if (w < 0 || (size_t)w != len) {
		err = w < 0 ? errno : err ? err : EIO;
		what = "write";
		goto undo;
	}
	if ((err = jf_failpoint("before-fsync")) || (fsync(fd) < 0 && (err = errno))) {
		what = "fsync";
		goto undo;
	}
	if (created) {
		char *slash = strrchr(path.s, '/');
		*slash = '\0';
		if (fsync_dir(path.s) < 0) {
			err = errno;
			*slash = '/';
			what = "fsync of the directory of";
			goto undo;
		}
		*slash = '/';
	}
	if ((err = jf_failpoint("after-fsync"))) {
		what = "close";
		goto undo;
	}
	if (close(fd) < 0) {
		fd = -1;
		err = errno;
		what = "close";
		goto undo_closed;
	}
	jf_buf_release(&path);
	jf_buf_release(&nl);
	return JF_OK;

undo:
	/* take the entry back: nothing of it may remain */
	if (ftruncate(fd, old) < 0 || fsync(fd) < 0)
		jf_error(d, "'%s': could not remove a partly written entry: %s; "
			 "'jf-check' will report the cut-short tail", rel, strerror(errno));
	close(fd);
	goto out;
undo_closed:
	if (truncate(path.s, old) < 0)
		jf_error(d, "'%s': could not remove a partly written entry: %s", rel,
			 strerror(errno));
out:
	jf_error(d, "%s '%s' failed: %s; nothing was recorded", what, rel, strerror(err));
	if (created && old == 0)
		unlink(path.s);
	rc = JF_SYSTEM;
	jf_buf_release(&path);
	jf_buf_release(&nl);
	return rc;
}
