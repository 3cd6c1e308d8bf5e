/* atomic.c - write a file atomically: temporary file, fsync, rename. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "alloc.h"
#include "atomic.h"
#include "buf.h"
#include "fileio.h"

/* The directory part of path ("." when there is none). */
static char *dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');
	if (!slash)
		return jf_strdup(".");
	if (slash == path)
		return jf_strdup("/");
	return jf_strndup(path, (size_t)(slash - path));
}

/* The mode the new file gets (atomic.h). */
static mode_t new_mode(const char *path, unsigned flags)
{
	struct stat st;
	if ((flags & JF_ATOMIC_KEEP_MODE) && stat(path, &st) == 0)
		return st.st_mode & 07777;
	mode_t mask = umask(0);
	umask(mask);
	return 0666 & ~mask;
}

enum jf_status jf_atomic_write(const char *path, const void *data, size_t n,
			       unsigned flags, struct jf_diags *d)
{
	struct jf_buf tmp = JF_BUF_INIT;
	const char *base = strrchr(path, '/');
	char *dir = dir_of(path);
	const char *what = "cannot create a temporary file for";
	int fd, e = 0;

	base = base ? base + 1 : path;
	if (!*base) {
		jf_error(d, "cannot write '%s': not a file name", path);
		free(dir);
		return JF_SYSTEM;
	}
	jf_buf_addf(&tmp, "%s/.%s.XXXXXX", dir, base);
	fd = mkostemp(tmp.s, O_CLOEXEC);
	if (fd < 0) {
		e = errno;
		goto fail;
	}
	what = "cannot write";
	if (fchmod(fd, new_mode(path, flags)) < 0 || jf_write_all(fd, data, n) < 0 ||
	    fsync(fd) < 0) {
		e = errno;
		close(fd);
		unlink(tmp.s);
		goto fail;
	}
	if (close(fd) < 0) {
		e = errno;
		unlink(tmp.s);
		goto fail;
	}
	if (rename(tmp.s, path) < 0) {
		e = errno;
		what = "cannot replace";
		unlink(tmp.s);
		goto fail;
	}
	/* make the rename durable; a directory that cannot be read (EACCES
	 * from open) or synced (some file systems refuse) is not an error
	 * worth failing for */
	if (jf_fsync_dir(dir) < 0 && errno != EACCES && errno != EINVAL && errno != EROFS) {
		e = errno;
		what = "cannot sync the directory of";
		goto fail;
	}
	jf_buf_release(&tmp);
	free(dir);
	return JF_OK;
fail:
	jf_error(d, "%s '%s': %s", what, path, strerror(e));
	jf_buf_release(&tmp);
	free(dir);
	return JF_SYSTEM;
}
