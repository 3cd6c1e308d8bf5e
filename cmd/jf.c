/* jf - run a jf command: "jf CMD ARGS" runs jf-CMD ARGS. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "status.h"

static const char usage[] = "jf [-h] [--version] command [argument ...]";

static const char *const commands[][2] = {
	{ "add", "record an earning (or a deduction rule)" },
	{ "redeem", "spend points on goods" },
	{ "adjust", "opening balance or township decision" },
	{ "restock", "goods into (or out of) a village shop" },
	{ "void", "undo an entry" },
	{ "balance", "balances: earned, spent, balance" },
	{ "log", "a statement with running balances" },
	{ "check", "validate the whole book" },
	{ "report", "period report for cron" },
	{ "merge", "git merge driver for ledger files" },
};

static void help(FILE *f)
{
	fprintf(f, "usage: %s\n\ncommands:\n", usage);
	for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
		fprintf(f, "    %-9s %s\n", commands[i][0], commands[i][1]);
	fprintf(f, "\n'jf CMD --help' shows a command's options; see jf(7).\n");
}

int main(int argc, char **argv)
{
	struct jf_buf prog = JF_BUF_INIT, path = JF_BUF_INIT;
	char self[PATH_MAX];
	ssize_t n;

	if (argc < 2) {
		help(stderr);
		return JF_USAGE;
	}
	if (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help") ||
	    !strcmp(argv[1], "--version")) {
		if (argv[1][2] == 'v')
			printf("jf %s\n", JF_VERSION);
		else
			help(stdout);
		if (fflush(stdout) == EOF || ferror(stdout)) {
			fprintf(stderr, "jf: write error on standard output: %s\n", strerror(errno));
			return JF_SYSTEM;
		}
		return JF_OK;
	}
	if (argv[1][0] == '-' || strchr(argv[1], '/') || !argv[1][0]) {
		fprintf(stderr, "jf: unknown option or command '%s'\nusage: %s\n", argv[1], usage);
		return JF_USAGE;
	}
	jf_buf_addf(&prog, "jf-%s", argv[1]);
	argv[1] = prog.s;
	/* prefer the jf-CMD installed beside this jf, then $PATH */
	n = readlink("/proc/self/exe", self, sizeof self - 1);
	if (n > 0) {
		self[n] = '\0';
		char *slash = strrchr(self, '/');
		if (slash) {
			*slash = '\0';
			jf_buf_addf(&path, "%s/%s", self, prog.s);
			if (access(path.s, X_OK) == 0)
				execv(path.s, argv + 1);
		}
	}
	execvp(prog.s, argv + 1);
	int err = errno;
	if (err != ENOENT)
		fprintf(stderr, "jf: cannot run '%s': %s\n", prog.s, strerror(err));
	else
		fprintf(stderr, "jf: '%s' is not a jf command; see 'jf --help'\n", prog.s + 3);
	jf_buf_release(&prog);
	jf_buf_release(&path);
	return err == ENOENT ? JF_USAGE : JF_SYSTEM;
}
