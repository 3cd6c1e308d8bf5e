/* jf-init - start a book: jf.yaml, a small catalogue, the register (from a
 * sheet with --households), .gitattributes for jf-merge, .jf/ ignored. */
#include "batch.h"
#include "cli.h"
#include "i18n.h"
#include "init.h"

struct opts {
	struct jf_init in;
};

static enum jf_status extra(void *ctx, int val, const char *arg, struct jf_diags *d)
{
	struct opts *o = ctx;
	int e;
	switch (val) {
	case 256:
		o->in.households = arg;
		break;
	case 257:
		if ((e = jf_sheet_enc_parse(arg)) < 0) {
			jf_error(d, "unknown encoding '%s' (utf-8 or gb18030)", arg);
			return JF_USAGE;
		}
		o->in.enc = (enum jf_sheet_enc)e;
		break;
	case 258:
		o->in.township = arg;
		break;
	}
	return JF_OK;
}

int main(int argc, char **argv)
{
	static const struct jf_cli_opt opts[] = {
		{ "households", 0, "FILE", "the register from a sheet (CSV, or TSV for *.tsv)", 256 },
		{ "encoding", 0, "ENC", "the sheet's encoding: utf-8 (default) or gb18030", 257 },
		{ "township", 0, "NAME", "the township's name in jf.yaml", 258 },
		{ NULL, 0, NULL, NULL, 0 },
	};
	struct jf_cli cli = {
		.prog = "jf-init",
		.usage = "jf-init [--households file [--encoding enc]] [--township name] dir",
	};
	struct jf_diags d = JF_DIAGS_INIT;
	struct opts o = { { NULL, NULL, JF_SHEET_UTF8 } };
	enum jf_status st;
	bool done;

	st = jf_cli_parse(&cli, argc, argv, opts, extra, &o, &done, &d);
	if (st == JF_OK && !done && cli.argc != 1) {
		jf_error(&d, "expected the directory of the new book");
		st = JF_USAGE;
	}
	if (st == JF_OK && !done) {
		st = jf_init_book(cli.argv[0], &o.in, &d);
		if (st == JF_OK) {
			struct jf_buf out = JF_BUF_INIT;
			jf_buf_addf(&out, jf_tr("a new book in %s: look over jf.yaml, catalogue.yaml and households.yaml, then 'git init'\n"),
				    cli.argv[0]);
			st = jf_cli_emit(&out, &d);
			jf_buf_release(&out);
		}
		cli.usage = NULL;
	}
	return jf_cli_report(&cli, st, &d);
}
