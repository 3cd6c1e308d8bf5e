/* fileio.c - write-all, read-all and directory fsync, EINTR handled once. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/random.h>
#include <unistd.h>

#include "buf.h"
#include "fileio.h"

int jf_write_all(int fd, const void *p, size_t n)
{
	struct sigaction ign, old;
	const char *s = p;
	int rc = 0, e = 0;

	/* past a file size limit write(2) raises SIGXFSZ, whose default
	 * action ends the process; ignored, the write fails with EFBIG */
	memset(&ign, 0, sizeof ign);
	ign.sa_handler = SIG_IGN;
	sigemptyset(&ign.sa_mask);
	if (sigaction(SIGXFSZ, &ign, &old) < 0)
		return -1;
	while (n > 0) {
		ssize_t w = write(fd, s, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			e = w < 0 ? errno : EIO;
			rc = -1;
			break;
		}
		s += w;
		n -= (size_t)w;
	}
	/* a SIGXFSZ raised meanwhile was discarded, not left pending */
	sigaction(SIGXFSZ, &old, NULL);
	if (rc < 0)
		errno = e;
	return rc;
}

/* Read up to n bytes, with read(2) (off < 0) or pread(2) from off. */
static ssize_t read_loop(int fd, void *p, size_t n, off_t off)
{
	char *s = p;
	size_t got = 0;
	while (got < n) {
		ssize_t k = off < 0 ? read(fd, s + got, n - got)
				    : pread(fd, s + got, n - got, off + (off_t)got);
		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0)
			return -1;
		if (k == 0)
			break;
		got += (size_t)k;
	}
	return (ssize_t)got;
}

ssize_t jf_read_all(int fd, void *p, size_t n)
{
	return read_loop(fd, p, n, -1);
}

ssize_t jf_pread_all(int fd, void *p, size_t n, off_t off)
{
	return off < 0 ? (errno = EINVAL, -1) : read_loop(fd, p, n, off);
}

ssize_t jf_read_some(int fd, void *p, size_t n)
{
	ssize_t k;
	do
		k = read(fd, p, n);
	while (k < 0 && errno == EINTR);
	return k;
}

int jf_read_rest(int fd, struct jf_buf *b, size_t max)
{
	char chunk[65536];
	for (;;) {
		ssize_t k = jf_read_some(fd, chunk, sizeof chunk);
		if (k <= 0)
			return k < 0 ? -1 : 0;
		if (b->len > max || (size_t)k > max - b->len)
			return 1;
		jf_buf_add(b, chunk, (size_t)k);
	}
}

int jf_open(const char *path, int flags, mode_t mode)
{
	int fd;
	do
		fd = open(path, flags, mode);
	while (fd < 0 && errno == EINTR);
	return fd;
}

int jf_random(void *p, size_t n)
{
	unsigned char *s = p;
	size_t got = 0;
	while (got < n) {
		ssize_t r = getrandom(s + got, n - got, 0);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0) {
			if (r == 0)
				errno = EIO;
			return -1;
		}
		got += (size_t)r;
	}
	return 0;
}

int jf_fsync_dir(const char *path)
{
	int fd = jf_open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);
	if (fd < 0)
		return -1;
	int rc = fsync(fd);
	int e = errno;
	close(fd);
	errno = e;
	return rc;
}

int jf_fsync_dir_of(const char *path)
{
	struct jf_buf dir = JF_BUF_INIT;
	const char *slash = strrchr(path, '/');
	if (slash)
		jf_buf_add(&dir, path, slash == path ? 1 : (size_t)(slash - path));
	else
		jf_buf_addc(&dir, '.');
	int rc = jf_fsync_dir(dir.s);
	int e = errno;
	jf_buf_release(&dir);
	errno = e;
	return rc;
}
