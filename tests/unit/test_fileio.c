/* test_fileio.c - whole reads and writes, and directory fsync. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "buf.h"
#include "fileio.h"

/* A scratch file, opened read-write, already unlinked. */
static int scratch(void)
{
	const char *t = getenv("TMPDIR");
	char path[256];
	snprintf(path, sizeof path, "%s/jf-fileio-XXXXXX", t && *t ? t : "/tmp");
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(unlink(path), 0);
	return fd;
}

static void test_write_read(void **state)
{
	enum { N = 3 << 20 }; /* more than one pipe or page cache chunk */
	char *big = malloc(N), *back = malloc(N + 1);
	int fd = scratch();

	(void)state;
	assert_non_null(big);
	assert_non_null(back);
	for (size_t i = 0; i < N; i++)
		big[i] = (char)(i * 7 + i / 4096);
	assert_int_equal(jf_write_all(fd, big, N), 0);
	assert_int_equal(jf_write_all(fd, "", 0), 0);
	assert_int_equal(lseek(fd, 0, SEEK_SET), 0);
	/* asking for more than there is: all of it, then 0 at the end */
	assert_int_equal(jf_read_all(fd, back, N + 1), N);
	assert_memory_equal(back, big, N);
	assert_int_equal(jf_read_all(fd, back, 10), 0);
	/* pread: from an offset, the file offset left where it was */
	assert_int_equal(jf_pread_all(fd, back, 10, N - 4), 4);
	assert_memory_equal(back, big + N - 4, 4);
	assert_int_equal(jf_pread_all(fd, back, 100, 5), 100);
	assert_memory_equal(back, big + 5, 100);
	assert_int_equal(lseek(fd, 0, SEEK_CUR), N);
	close(fd);
	free(big);
	free(back);
}

static void test_errors(void **state)
{
	int p[2];

	(void)state;
	/* errors come back as -1 with errno */
	errno = 0;
	assert_int_equal(jf_write_all(-1, "x", 1), -1);
	assert_int_equal(errno, EBADF);
	errno = 0;
	assert_int_equal(jf_read_all(-1, p, 1), -1);
	assert_int_equal(errno, EBADF);
	assert_int_equal(pipe(p), 0);
	errno = 0;
	assert_int_equal(jf_pread_all(p[0], p, 1, 0), -1);
	assert_int_equal(errno, ESPIPE);
	close(p[0]);
	close(p[1]);
}

/* In a child: past a file size limit the write fails with EFBIG, the
 * bytes up to the limit are in, the process lives, and SIGXFSZ is back at
 * its default action.  Exit 0 if all holds, else the failed step. */
static int efbig_child(void)
{
	struct rlimit rl = { 10, 10 };
	struct sigaction sa;
	struct stat st;
	int fd = scratch();
	signal(SIGXFSZ, SIG_DFL);
	if (setrlimit(RLIMIT_FSIZE, &rl) < 0)
		return 10;
	errno = 0;
	if (jf_write_all(fd, "0123456789abcdefghij", 20) != -1 || errno != EFBIG)
		return 11;
	if (fstat(fd, &st) < 0 || st.st_size != 10)
		return 12;
	if (sigaction(SIGXFSZ, NULL, &sa) < 0 || sa.sa_handler != SIG_DFL)
		return 13;
	/* and at the limit already: the first write fails */
	if (jf_write_all(fd, "x", 1) != -1 || errno != EFBIG)
		return 14;
	return 0;
}

static void test_file_size_limit(void **state)
{
	int status;
	(void)state;
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0)
		_exit(efbig_child());
	assert_int_equal(waitpid(pid, &status, 0), pid);
	if (WIFSIGNALED(status))
		fail_msg("the writer died of signal %d", WTERMSIG(status));
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
}

static void test_fsync_dir(void **state)
{
	(void)state;
	assert_int_equal(jf_fsync_dir("."), 0);
	assert_int_equal(jf_fsync_dir("/"), 0);
	assert_int_equal(jf_fsync_dir_of("no-slash"), 0);   /* "." */
	assert_int_equal(jf_fsync_dir_of("/etc/passwd"), 0);
	assert_int_equal(jf_fsync_dir_of("/x"), 0);         /* "/" */
	errno = 0;
	assert_int_equal(jf_fsync_dir("/nonexistent/dir"), -1);
	assert_int_equal(errno, ENOENT);
	errno = 0;
	assert_int_equal(jf_fsync_dir("/etc/passwd"), -1);
	assert_int_equal(errno, ENOTDIR);
	errno = 0;
	assert_int_equal(jf_fsync_dir_of("/nonexistent/dir/f"), -1);
	assert_int_equal(errno, ENOENT);
}

static void on_alarm(int sig)
{
	(void)sig;
}

/* A read(2) on a pipe, interrupted by signals (no SA_RESTART) while the
 * writer sleeps: made again each time, it returns the bytes. */
static void test_read_some_eintr(void **state)
{
	struct sigaction sa;
	struct itimerval it = { { 0, 5000 }, { 0, 5000 } }, off = { { 0, 0 }, { 0, 0 } };
	char got[8];
	int p[2];

	(void)state;
	assert_int_equal(pipe(p), 0);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		struct timespec ts = { 0, 100000000L };
		close(p[0]);
		nanosleep(&ts, NULL);
		_exit(write(p[1], "late", 4) == 4 ? 0 : 1);
	}
	close(p[1]);
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_alarm;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = 0;
	assert_int_equal(sigaction(SIGALRM, &sa, NULL), 0);
	assert_int_equal(setitimer(ITIMER_REAL, &it, NULL), 0);
	ssize_t n = jf_read_some(p[0], got, sizeof got);
	assert_int_equal(setitimer(ITIMER_REAL, &off, NULL), 0);
	/*
	 * An alarm raised before the timer stopped may still be on its way
	 * (valgrind delivers signals late): ignoring SIGALRM discards it,
	 * where restoring the default action at once would kill the test.
	 */
	sa.sa_handler = SIG_IGN;
	assert_int_equal(sigaction(SIGALRM, &sa, NULL), 0);
	assert_int_equal(n, 4);
	assert_memory_equal(got, "late", 4);
	assert_int_equal(jf_read_some(p[0], got, sizeof got), 0);
	close(p[0]);
	int status;
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	errno = 0;
	assert_int_equal(jf_read_some(-1, got, 1), -1);
	assert_int_equal(errno, EBADF);
}

static void test_read_rest(void **state)
{
	enum { N = 200000 }; /* more than one chunk */
	struct jf_buf b = JF_BUF_INIT;
	char *big = malloc(N);
	int fd = scratch();

	(void)state;
	assert_non_null(big);
	for (size_t i = 0; i < N; i++)
		big[i] = (char)('a' + i % 26);
	assert_int_equal(jf_write_all(fd, big, N), 0);
	/* appended after what b holds, from the file offset on */
	assert_int_equal(lseek(fd, 10, SEEK_SET), 10);
	jf_buf_adds(&b, "head:");
	assert_int_equal(jf_read_rest(fd, &b, 5 + N - 10), 0);
	assert_int_equal(b.len, 5 + N - 10);
	assert_memory_equal(b.s, "head:", 5);
	assert_memory_equal(b.s + 5, big + 10, N - 10);
	assert_int_equal(b.s[b.len], '\0');
	/* one byte over the limit: 1, b within the limit */
	jf_buf_reset(&b);
	assert_int_equal(lseek(fd, 0, SEEK_SET), 0);
	assert_int_equal(jf_read_rest(fd, &b, N - 1), 1);
	assert_true(b.len <= N - 1);
	/* at the end already: nothing added */
	jf_buf_reset(&b);
	assert_int_equal(jf_read_rest(fd, &b, 0), 0);
	assert_int_equal(b.len, 0);
	errno = 0;
	assert_int_equal(jf_read_rest(-1, &b, 10), -1);
	assert_int_equal(errno, EBADF);
	jf_buf_release(&b);
	close(fd);
	free(big);
}

static void test_open_random(void **state)
{
	unsigned char a[64], b[64], zero[64] = { 0 };

	(void)state;
	int fd = jf_open("/etc/passwd", O_RDONLY | O_CLOEXEC, 0);
	assert_true(fd >= 0);
	close(fd);
	errno = 0;
	assert_int_equal(jf_open("/nonexistent/x", O_RDONLY, 0), -1);
	assert_int_equal(errno, ENOENT);
	memset(a, 0, sizeof a);
	memset(b, 0, sizeof b);
	assert_int_equal(jf_random(a, sizeof a), 0);
	assert_int_equal(jf_random(b, sizeof b), 0);
	assert_int_equal(jf_random(b, 0), 0);
	/* 512 random bits: all zero, or twice the same, does not happen */
	assert_memory_not_equal(a, zero, sizeof a);
	assert_memory_not_equal(a, b, sizeof a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_write_read),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_file_size_limit),
		cmocka_unit_test(test_fsync_dir),
		cmocka_unit_test(test_read_some_eintr),
		cmocka_unit_test(test_read_rest),
		cmocka_unit_test(test_open_random),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
