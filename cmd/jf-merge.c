/* jf-merge - git merge driver for ledger files:
 *   git config merge.jf.driver 'jf-merge %O %A %B %P'
 * The result replaces OURS (%A); on any refusal OURS is left untouched. */
#include <string.h>

#include "atomic.h"
#include "cli.h"
#include "merge.h"

int main(int argc, char **argv)
{
	struct jf_cli cli = {
		.prog = "jf-merge",
		.usage = "jf-merge base ours theirs path",
	};
	struct jf_diags d = JF_DIAGS_INIT;
	struct jf_buf base = JF_BUF_INIT, ours = JF_BUF_INIT, theirs = JF_BUF_INIT;
	struct jf_buf out = JF_BUF_INIT;
	enum jf_status st;
	bool done;

	st = jf_cli_parse(&cli, argc, argv, NULL, NULL, NULL, &done, &d);
	if (st == JF_OK && !done && cli.book) {
		jf_error(&d, "jf-merge works on the files git names, not on a book (no -C)");
		st = JF_USAGE;
	}
	if (st == JF_OK && !done && cli.argc != 4) {
		jf_error(&d, "expected 4 arguments (git's %%O %%A %%B %%P), got %d", cli.argc);
		st = JF_USAGE;
	}
	if (st != JF_OK || done)
		return jf_cli_report(&cli, st, &d);

	const char *path = cli.argv[3];
	st = jf_merge_load(cli.argv[0], "base", &base, &d);
	if (st == JF_OK)
		st = jf_merge_load(cli.argv[1], "ours", &ours, &d);
	if (st == JF_OK)
		st = jf_merge_load(cli.argv[2], "theirs", &theirs, &d);
	if (st == JF_OK) {
		struct jf_mtext b = { base.s, base.len }, o = { ours.s, ours.len },
				t = { theirs.s, theirs.len };
		st = jf_merge(path, &b, &o, &t, &out, &d);
	}
	/* nothing to add: ours stays as it is, byte for byte */
	if (st == JF_OK && (out.len != ours.len || memcmp(out.s, ours.s, out.len)))
		st = jf_atomic_write(cli.argv[1], out.s, out.len, JF_ATOMIC_KEEP_MODE, &d);
	if (st != JF_OK)
		jf_error_at(&d, path, 0, 0, "not merged; ours is left as it was "
			    "(ledger files may only be appended to; see jf-merge(1))");
	jf_buf_release(&base);
	jf_buf_release(&ours);
	jf_buf_release(&theirs);
	jf_buf_release(&out);
	return jf_cli_report(&cli, st, &d);
}
