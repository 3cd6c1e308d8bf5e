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

static int write_all(int fd, const char *p, size_t n)
{
	while (n) {
		ssize_t w = write(fd, p, n);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

enum jf_status jf_atomic_write(const char *path, const void *data, size_t n,
			       struct jf_diags *d)
{
	struct jf_buf tmp = JF_BUF_INIT;
	const char *base = strrchr(path, '/');
	char *dir = dir_of(path);
	const char *what = "cannot create a temporary file for";
	int fd, dfd, e = 0;
	mode_t mask;

	base = base ? base + 1 : path;
	if (!*base) {
		jf_error(d, "cannot write '%s': not a file name", path);
		free(dir);
		return JF_SYSTEM;
	}
	jf_buf_addf(&tmp, "%s/.%s.XXXXXX", dir, base);
	fd = mkstemp(tmp.s);
	if (fd < 0) {
		e = errno;
		goto fail;
	}
	mask = umask(0);
	umask(mask);
	what = "cannot write";
	if (fchmod(fd, 0666 & ~mask) < 0 || write_all(fd, data, n) < 0 || fsync(fd) < 0) {
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
	/* make the rename durable; a directory that cannot be synced
	 * (some file systems refuse) is not an error worth failing for */
	dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd >= 0) {
		if (fsync(dfd) < 0 && errno != EINVAL && errno != EROFS) {
			e = errno;
			close(dfd);
			what = "cannot sync the directory of";
			goto fail;
		}
		close(dfd);
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
