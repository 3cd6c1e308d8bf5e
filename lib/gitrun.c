/* gitrun.c - git as a child process: posix_spawnp, pipes, a size cap. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "alloc.h"
#include "fileio.h"
#include "gitrun.h"

extern char **environ;

void jf_gitrun_release(struct jf_gitrun *g)
{
	jf_buf_release(&g->out);
	jf_buf_release(&g->err);
	g->status = 0;
}

void jf_gitrun_errline(const struct jf_gitrun *g, struct jf_buf *out)
{
	const char *s = g->err.s;
	size_t n = strcspn(s, "\n");
	if (!strncmp(s, "fatal: ", 7) || !strncmp(s, "error: ", 7)) {
		s += 7;
		n -= 7;
	}
	if (n)
		jf_buf_add(out, s, n);
	else
		jf_buf_adds(out, "git failed");
}

/* The git subcommand named by args, for messages ("rev-parse"). */
static const char *subcommand(const char *const *args)
{
	for (size_t i = 0; args[i]; i++) {
		if (!strcmp(args[i], "-C") || !strcmp(args[i], "-c")) {
			if (!args[++i])
				break;
		} else if (args[i][0] != '-') {
			return args[i];
		}
	}
	return "";
}

static void close_fd(int *fd)
{
	if (*fd >= 0)
		close(*fd);
	*fd = -1;
}

/* Read what is there from *fd into b (up to cap bytes kept); closes *fd at
 * the end of the stream.  Returns -1 on a read error, 1 if more than cap
 * bytes came, else 0. */
static int drain(int *fd, struct jf_buf *b, size_t cap, int keep_reading)
{
	char chunk[65536];
	ssize_t n = jf_read_some(*fd, chunk, sizeof chunk);
	if (n < 0)
		return -1;
	if (n == 0) {
		close_fd(fd);
		return 0;
	}
	size_t room = cap - b->len;
	if ((size_t)n > room) {
		jf_buf_add(b, chunk, room);
		return keep_reading ? 0 : 1;
	}
	jf_buf_add(b, chunk, (size_t)n);
	return 0;
}

enum jf_status jf_gitrun(struct jf_gitrun *g, const char *const *args, size_t max_out,
			 struct jf_diags *d)
{
	int op[2] = { -1, -1 }, ep[2] = { -1, -1 };
	posix_spawn_file_actions_t fa;
	enum jf_status st = JF_OK;
	size_t n = 0;
	char **argv;
	pid_t pid;
	int rc, ws;
	bool too_long = false;

	jf_gitrun_release(g);
	while (args[n])
		n++;
	argv = jf_calloc(n + 2, sizeof *argv);
	argv[0] = (char *)"git";
	for (size_t i = 0; i < n; i++)
		argv[i + 1] = (char *)args[i];

	if (pipe2(op, O_CLOEXEC) < 0 || pipe2(ep, O_CLOEXEC) < 0) {
		jf_error(d, "cannot run 'git': pipe: %s", strerror(errno));
		close_fd(&op[0]);
		close_fd(&op[1]);
		free(argv);
		return JF_SYSTEM;
	}
	if ((rc = posix_spawn_file_actions_init(&fa)) != 0)
		jf_oom();
	if ((rc = posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0)) == 0 &&
	    (rc = posix_spawn_file_actions_adddup2(&fa, op[1], 1)) == 0)
		rc = posix_spawn_file_actions_adddup2(&fa, ep[1], 2);
	if (rc == 0)
		rc = posix_spawnp(&pid, "git", &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	free(argv);
	close_fd(&op[1]);
	close_fd(&ep[1]);
	if (rc != 0) {
		if (rc == ENOENT)
			jf_error(d, "cannot run 'git': %s (git is needed for this; is it installed "
				 "and on PATH?)", strerror(rc));
		else
			jf_error(d, "cannot run 'git': %s", strerror(rc));
		close_fd(&op[0]);
		close_fd(&ep[0]);
		return JF_SYSTEM;
	}

	while (op[0] >= 0 || ep[0] >= 0) {
		struct pollfd p[2] = { { op[0], POLLIN, 0 }, { ep[0], POLLIN, 0 } };
		if (poll(p, 2, -1) < 0) {
			if (errno == EINTR)
				continue;
			jf_error(d, "cannot read from 'git': poll: %s", strerror(errno));
			st = JF_SYSTEM;
			break;
		}
		if (p[0].revents && op[0] >= 0) {
			rc = drain(&op[0], &g->out, max_out, 0);
			if (rc) {
				if (rc > 0) {
					too_long = true;
				} else {
					jf_error(d, "cannot read from 'git': %s", strerror(errno));
					st = JF_SYSTEM;
				}
				break;
			}
		}
		if (p[1].revents && ep[0] >= 0 &&
		    drain(&ep[0], &g->err, JF_GITRUN_ERR_MAX, 1) < 0) {
			jf_error(d, "cannot read from 'git': %s", strerror(errno));
			st = JF_SYSTEM;
			break;
		}
	}
	if (op[0] >= 0 || ep[0] >= 0) {
		/* stopped early: git need not finish */
		kill(pid, SIGKILL);
		close_fd(&op[0]);
		close_fd(&ep[0]);
	}
	while (waitpid(pid, &ws, 0) < 0) {
		if (errno != EINTR) {
			jf_error(d, "cannot wait for 'git': %s", strerror(errno));
			return JF_SYSTEM;
		}
	}
	if (st != JF_OK)
		return st;
	if (too_long) {
		jf_error(d, "'git %s' printed more than the limit of %zu bytes", subcommand(args),
			 max_out);
		return JF_SYSTEM;
	}
	if (WIFSIGNALED(ws)) {
		jf_error(d, "'git %s' was killed by signal %d", subcommand(args), WTERMSIG(ws));
		return JF_SYSTEM;
	}
	g->status = WEXITSTATUS(ws);
	if (g->status == 127 && !g->out.len && !g->err.len) {
		/* the child could not exec git, where posix_spawnp does not say
		 * so itself (a fork-based fallback, as under valgrind): git
		 * itself never exits 127 without a word */
		jf_error(d, "cannot run 'git': No such file or directory, or not executable (the "
			 "child exited 127; git is needed for this; is it installed and on PATH?)");
		return JF_SYSTEM;
	}
	return JF_OK;
}
