/* lock.c - flock(2) on BOOK/.jf/lock with a bounded wait. */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "buf.h"
#include "lock.h"

enum jf_status jf_private_dir(const char *root, struct jf_diags *d)
{
	struct jf_buf p = JF_BUF_INIT;
	enum jf_status st = JF_OK;
	jf_buf_addf(&p, "%s/.jf", root);
	if (mkdir(p.s, 0777) < 0 && errno != EEXIST) {
		jf_error(d, "cannot create '%s': %s", p.s, strerror(errno));
		st = JF_SYSTEM;
	} else {
		jf_buf_adds(&p, "/.gitignore");
		int fd = open(p.s, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
		if (fd >= 0) {
			ssize_t w = write(fd, "*\n", 2);
			if (close(fd) < 0 || w != 2) {
				jf_error(d, "cannot write '%s': %s", p.s, strerror(errno));
				st = JF_SYSTEM;
			}
		} else if (errno != EEXIST) {
			jf_error(d, "cannot create '%s': %s", p.s, strerror(errno));
			st = JF_SYSTEM;
		}
	}
	jf_buf_release(&p);
	return st;
}

/* Wait at most wait_ms for flock(fd, op); JF_SYSTEM with a message if not. */
static enum jf_status wait_flock(int fd, int op, const char *path, long wait_ms,
				 struct jf_diags *d)
{
	struct timespec start, now;
	clock_gettime(CLOCK_MONOTONIC, &start);
	for (long delay = 1;; delay = delay < 50 ? delay * 2 : 50) {
		if (flock(fd, op | LOCK_NB) == 0)
			return JF_OK;
		if (errno != EWOULDBLOCK && errno != EINTR) {
			jf_error(d, "cannot lock '%s': %s", path, strerror(errno));
			return JF_SYSTEM;
		}
		clock_gettime(CLOCK_MONOTONIC, &now);
		long waited = (now.tv_sec - start.tv_sec) * 1000 +
			      (now.tv_nsec - start.tv_nsec) / 1000000;
		if (waited >= wait_ms) {
			jf_error(d, "another writer holds the book's lock; gave up after %ld.%03ld s (--wait)",
				 wait_ms / 1000, wait_ms % 1000);
			return JF_SYSTEM;
		}
		struct timespec ts = { 0, delay * 1000000L };
		nanosleep(&ts, NULL);
	}
}

enum jf_status jf_lock_take(struct jf_lock *l, const char *root, long wait_ms,
			    struct jf_diags *d)
{
	struct jf_buf p = JF_BUF_INIT;
	enum jf_status st = jf_private_dir(root, d);

	l->fd = -1;
	if (st != JF_OK)
		return st;
	jf_buf_addf(&p, "%s/.jf/lock", root);
	l->fd = open(p.s, O_RDWR | O_CREAT | O_CLOEXEC, 0666);
	if (l->fd < 0) {
		jf_error(d, "cannot open lock '%s': %s", p.s, strerror(errno));
		jf_buf_release(&p);
		return JF_SYSTEM;
	}
	st = wait_flock(l->fd, LOCK_EX, p.s, wait_ms, d);
	if (st != JF_OK) {
		close(l->fd);
		l->fd = -1;
	}
	jf_buf_release(&p);
	return st;
}

enum jf_status jf_lock_shared(struct jf_lock *l, const char *root, long wait_ms,
			      struct jf_diags *d)
{
	struct jf_buf p = JF_BUF_INIT;
	enum jf_status st = JF_OK;

	jf_buf_addf(&p, "%s/.jf/lock", root);
	l->fd = open(p.s, O_RDONLY | O_CLOEXEC);
	if (l->fd >= 0) {
		st = wait_flock(l->fd, LOCK_SH, p.s, wait_ms, d);
		if (st != JF_OK) {
			close(l->fd);
			l->fd = -1;
		}
	}
	jf_buf_release(&p);
	return st;
}

void jf_lock_release(struct jf_lock *l)
{
	if (l->fd >= 0)
		close(l->fd); /* closing drops the flock */
	l->fd = -1;
}
