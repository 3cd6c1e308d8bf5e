/* jf - run a jf command: "jf CMD ARGS" runs jf-CMD ARGS.
 *
 * Not in --help: "jf complete [-C DIR] KIND" prints the codes of the book
 * (households, activities, goods, villages, reviewers, teams, volunteers or
 * services) one a line, for the shell
 * completions of completion/.  It reads the book's settings with the
 * library, never its ledger, and prints nothing (exit 0) where there is no
 * valid book. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "book.h"
#include "buf.h"
#include "diag.h"
#include "i18n.h"
#include "status.h"

static const char usage[] = "jf [-h] [--version] command [argument ...]";

static const char *const commands[][2] = {
	{ "add", N_("record an earning (or a deduction rule)") },
	{ "redeem", N_("spend points on goods") },
	{ "adjust", N_("opening balance or township decision") },
	{ "restock", N_("goods into (or out of) a village shop") },
	{ "void", N_("undo an entry") },
	{ "transfer", N_("points from one household to another") },
	{ "expire", N_("write the receipts of points that expired") },
	{ "review", N_("approve, object to, reject and list reviewed points") },
	{ "wish", N_("the wish wall: post, take, done, drop, list") },
	{ "serve", N_("a volunteer's hours of service") },
	{ "balance", N_("balances: earned, spent, balance") },
	{ "log", N_("a statement with running balances") },
	{ "check", N_("validate the whole book") },
	{ "report", N_("period report for cron") },
	{ "merge", N_("git merge driver for ledger files") },
	{ "init", N_("start a book (the register from a sheet)") },
};

static void help(FILE *f)
{
	fprintf(f, jf_tr("usage: %s\n\ncommands:\n"), usage);
	for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
		fprintf(f, "    %-9s %s\n", commands[i][0], jf_tr(commands[i][1]));
	fprintf(f, jf_tr("\n'jf CMD --help' shows a command's options; see jf(7).\n"));
}

/* jf complete [-C DIR] KIND: see the top of this file.  Exit 0 (even
 * without a book: a completion must not complain), 2 for a bad KIND, 4 when
 * the codes cannot be written. */
static int complete(int argc, char **argv)
{
	static const char cusage[] = "jf complete [-C dir] households|activities|goods|villages|reviewers|teams|volunteers|services";
	const char *dir = NULL, *kind;
	int i = 2;

	if (i + 1 < argc && (!strcmp(argv[i], "-C") || !strcmp(argv[i], "--book"))) {
		dir = argv[i + 1];
		i += 2;
	}
	if (i + 1 != argc) {
		fprintf(stderr, jf_tr("jf: usage: %s\n"), cusage);
		return JF_USAGE;
	}
	kind = argv[i];
	if (strcmp(kind, "households") && strcmp(kind, "activities") && strcmp(kind, "goods") &&
	    strcmp(kind, "villages") && strcmp(kind, "reviewers") && strcmp(kind, "teams") &&
	    strcmp(kind, "volunteers") && strcmp(kind, "services")) {
		fprintf(stderr, jf_tr("jf: unknown kind '%s'\nusage: %s\n"), kind, cusage);
		return JF_USAGE;
	}

	struct jf_diags d = JF_DIAGS_INIT;
	struct jf_book b;
	char *root = NULL;
	int rc = JF_OK;
	if (jf_book_find(dir, &root, &d) != JF_OK || jf_book_open(&b, root, &d) != JF_OK) {
		free(root);
		jf_diags_release(&d);
		return JF_OK;           /* no book here: no candidates */
	}
	if (!strcmp(kind, "households"))
		for (size_t k = 0; k < b.nhouseholds; k++)
			puts(b.households[k].id);
	else if (!strcmp(kind, "activities"))
		for (size_t k = 0; k < b.nactivities; k++)
			puts(b.activities[k].code);
	else if (!strcmp(kind, "goods"))
		for (size_t k = 0; k < b.ngoods; k++)
			puts(b.goods[k].code);
	else if (!strcmp(kind, "reviewers"))
		for (size_t k = 0; k < b.review.nreviewers; k++)
			puts(b.review.reviewers[k]);
	else if (!strcmp(kind, "teams"))
		for (size_t k = 0; k < b.vol.nteams; k++)
			puts(b.vol.teams[k].code);
	else if (!strcmp(kind, "volunteers"))
		for (size_t k = 0; k < b.vol.nvolunteers; k++)
			puts(b.vol.volunteers[k].id);
	else if (!strcmp(kind, "services"))
		for (size_t k = 0; k < b.vol.nservices; k++)
			puts(b.vol.services[k].code);
	else
		for (size_t k = 0; k < b.nvillages; k++)
			puts(b.villages[k].code);
	if (fflush(stdout) == EOF || ferror(stdout))
		rc = JF_SYSTEM;
	jf_book_release(&b);
	free(root);
	jf_diags_release(&d);
	return rc;
}

int main(int argc, char **argv)
{
	struct jf_buf prog = JF_BUF_INIT, path = JF_BUF_INIT;
	char self[PATH_MAX];
	ssize_t n;

	jf_i18n_init();
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
			fprintf(stderr, jf_tr("jf: write error on standard output: %s\n"), strerror(errno));
			return JF_SYSTEM;
		}
		return JF_OK;
	}
	if (!strcmp(argv[1], "complete"))
		return complete(argc, argv);
	if (argv[1][0] == '-' || strchr(argv[1], '/') || !argv[1][0]) {
		fprintf(stderr, jf_tr("jf: unknown option or command '%s'\nusage: %s\n"), argv[1], usage);
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
		fprintf(stderr, jf_tr("jf: cannot run '%s': %s\n"), prog.s, strerror(err));
	else
		fprintf(stderr, jf_tr("jf: '%s' is not a jf command; see 'jf --help'\n"), prog.s + 3);
	jf_buf_release(&prog);
	jf_buf_release(&path);
	return err == ENOENT ? JF_USAGE : JF_SYSTEM;
}
