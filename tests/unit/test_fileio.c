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
#include <sys/wait.h>
#include <unistd.h>

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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_write_read),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_file_size_limit),
		cmocka_unit_test(test_fsync_dir),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
