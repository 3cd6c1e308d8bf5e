/* lock.c - flock(2) on BOOK/.jf/lock and the book's directory, with a
 * bounded wait and a turn for writers. */
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "buf.h"
#include "fileio.h"
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
			int w = jf_write_all(fd, "*\n", 2);
			if (close(fd) < 0 || w < 0) {
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

/* Milliseconds since start. */
static long since_ms(const struct timespec *start)
{
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	return (long)((now.tv_sec - start->tv_sec) * 1000 + (now.tv_nsec - start->tv_nsec) / 1000000);
}

/* Try flock(fd, op) until wait_ms have passed since start.  Returns 0, 1
 * when the time ran out, or -1 with errno set. */
static int wait_flock(int fd, int op, const struct timespec *start, long wait_ms)
{
	for (long delay = 1;; delay = delay < 50 ? delay * 2 : 50) {
		if (flock(fd, op | LOCK_NB) == 0)
			return 0;
		if (errno != EWOULDBLOCK && errno != EINTR)
			return -1;
		if (since_ms(start) >= wait_ms)
			return 1;
		struct timespec ts = { 0, delay * 1000000L };
		nanosleep(&ts, NULL);
	}
}

/* Is BOOK/.jf/lock held exclusively (by a writer) right now? */
static bool writer_holds(const char *path)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return false;
	bool held = flock(fd, LOCK_SH | LOCK_NB) < 0 && errno == EWOULDBLOCK;
	close(fd);
	return held;
}

/* Is fd still the file at path (not removed or replaced since it was
 * opened)? */
static bool still_there(int fd, const char *path)
{
	struct stat a, b;
	return fstat(fd, &a) == 0 && stat(path, &b) == 0 && a.st_dev == b.st_dev &&
	       a.st_ino == b.st_ino;
}

static void close_fd(int *fd)
{
	if (*fd >= 0)
		close(*fd); /* closing drops the flock */
	*fd = -1;
}

/* The message for a wait that ran out; by_option: the command's --wait set
 * it (a reader without one waits JF_READ_WAIT_MS). */
static void gave_up(struct jf_diags *d, const char *who, long wait_ms, bool by_option)
{
	if (by_option)
		jf_error(d, "%s; gave up after %ld.%03ld s (--wait)", who, wait_ms / 1000,
			 wait_ms % 1000);
	else
		jf_error(d, "%s; gave up after %ld.%03ld s", who, wait_ms / 1000, wait_ms % 1000);
}

/* What taking either lock starts with: the two lock files' paths, the
 * clock of the wait, and the intent's descriptor (held only while
 * waiting). */
struct attempt {
	struct jf_buf lock, intent;
	struct timespec start;
	int fd;
};

static void begin(struct attempt *a, struct jf_lock *l, const char *root)
{
	l->fd = l->dirfd = a->fd = -1;
	clock_gettime(CLOCK_MONOTONIC, &a->start);
	jf_buf_init(&a->lock);
	jf_buf_init(&a->intent);
	jf_buf_addf(&a->lock, "%s/.jf/lock", root);
	jf_buf_addf(&a->intent, "%s/.jf/intent", root);
}

/* The intent closed, l released unless st is JF_OK; returns st. */
static enum jf_status finish(struct attempt *a, struct jf_lock *l, enum jf_status st)
{
	close_fd(&a->fd);
	if (st != JF_OK)
		jf_lock_release(l);
	jf_buf_release(&a->lock);
	jf_buf_release(&a->intent);
	return st;
}

/* wait_flock(), and an error said in d: "cannot lock PATH". */
static int wait_lock(int fd, const char *path, int op, const struct timespec *start,
		     long wait_ms, struct jf_diags *d)
{
	int r = wait_flock(fd, op, start, wait_ms);
	if (r < 0)
		jf_error(d, "cannot lock '%s': %s", path, strerror(errno));
	return r;
}

/* Open the lock file path into *fd (made if missing) and wait for it
 * exclusively: 0, or 1 when the time ran out (said as "another writer
 * holds the book's lock" if one holds a->lock, else as who), or -1 after
 * an error; either said in d. */
static int open_lock_ex(const struct attempt *a, const char *path, int *fd, const char *who,
			long wait_ms, struct jf_diags *d)
{
	*fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0666);
	if (*fd < 0) {
		jf_error(d, "cannot open lock '%s': %s", path, strerror(errno));
		return -1;
	}
	int r = wait_lock(*fd, path, LOCK_EX, &a->start, wait_ms, d);
	if (r > 0)
		gave_up(d, writer_holds(a->lock.s) ? "another writer holds the book's lock" : who,
			wait_ms, true);
	return r;
}

enum jf_status jf_lock_take(struct jf_lock *l, const char *root, long wait_ms,
			    struct jf_diags *d)
{
	struct attempt a;
	enum jf_status st = JF_SYSTEM;
	int r;

	begin(&a, l, root);
	for (;;) {
		if (jf_private_dir(root, d) != JF_OK)
			goto out;
		/* first the intent: from now on no new reader starts */
		if (open_lock_ex(&a, a.intent.s, &a.fd, "another writer is waiting for the book's lock",
				 wait_ms, d) != 0)
			goto out;
		/* then the lock, waiting for the readers and the writer in it */
		if (open_lock_ex(&a, a.lock.s, &l->fd, "readers hold the book's lock (a long read?)",
				 wait_ms, d) != 0)
			goto out;
		/* a lock file removed (rm -rf .jf, git clean -x) while we
		 * opened or waited for it locks nothing: again, on the new one */
		if (still_there(l->fd, a.lock.s))
			break;
		close_fd(&l->fd);
		close_fd(&a.fd);
	}
	/* and the book's directory, which no 'rm -rf .jf' takes away: a writer
	 * whose lock file was removed under it still holds this */
	l->dirfd = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (l->dirfd < 0) {
		jf_error(d, "cannot open the book '%s': %s", root, strerror(errno));
		goto out;
	}
	r = wait_flock(l->dirfd, LOCK_EX, &a.start, wait_ms);
	if (r < 0) {
		/* a file system that cannot flock a directory (NFS): the lock
		 * file, checked above, is all there is */
		close_fd(&l->dirfd);
		st = JF_OK;
	} else if (r > 0)
		gave_up(d, "another writer holds the book's lock (its lock file was removed)",
			wait_ms, true);
	else
		st = JF_OK;
out:
	return finish(&a, l, st); /* the next writer may queue, readers still wait */
}

enum jf_status jf_lock_shared(struct jf_lock *l, const char *root, long wait_ms,
			      bool by_option, struct jf_diags *d)
{
	struct attempt a;
	enum jf_status st = JF_SYSTEM;
	int r = 0;

	begin(&a, l, root);
	/* a writer waiting holds the intent: wait for it to have its turn */
	a.fd = open(a.intent.s, O_RDONLY | O_CLOEXEC);
	if (a.fd >= 0 && (r = wait_lock(a.fd, a.intent.s, LOCK_SH, &a.start, wait_ms, d)) != 0)
		goto out;
	l->fd = open(a.lock.s, O_RDONLY | O_CLOEXEC);
	if (l->fd >= 0 && (r = wait_lock(l->fd, a.lock.s, LOCK_SH, &a.start, wait_ms, d)) != 0)
		goto out;
	/* a writer whose lock file was removed still holds the directory */
	l->dirfd = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (l->dirfd >= 0) {
		r = wait_flock(l->dirfd, LOCK_SH, &a.start, wait_ms);
		if (r < 0) {
			close_fd(&l->dirfd); /* cannot flock a directory here */
		} else if (r > 0) {
			goto out;
		}
	}
	st = JF_OK;
out:
	if (r > 0) /* the wait ran out; an error was said where it happened */
		gave_up(d, "a writer holds the book's lock", wait_ms, by_option);
	return finish(&a, l, st);
}

void jf_lock_release(struct jf_lock *l)
{
	close_fd(&l->fd);
	close_fd(&l->dirfd);
}
