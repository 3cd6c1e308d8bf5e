/* writer.c - what every writer command does after parsing its operands. */
#include <string.h>

#include "cli.h"
#include "txn.h"

enum jf_status jf_cli_writer_book(const struct jf_cli *cli, struct jf_book *b, jf_date *date,
				  struct jf_diags *d)
{
	enum jf_status st = jf_cli_date(cli->date, "date", date, d);
	if (st == JF_OK && (st = jf_cli_book(cli, b, d)) == JF_INVALID)
		jf_error(d, "the book is invalid; nothing was recorded (see 'jf-check')");
	return st;
}

enum jf_status jf_cli_result(const struct jf_cli *cli, const struct jf_book *b,
			     const struct jf_txn_result *res, struct jf_diags *d)
{
	struct jf_buf out = JF_BUF_INIT;
	if (cli->format == JF_FMT_JSON)
		jf_txn_result_json(b, res, &out);
	else
		jf_txn_result_text(b, res, &out);
	enum jf_status st = jf_cli_emit(&out, d);
	jf_buf_release(&out);
	return st;
}

int jf_cli_write(struct jf_cli *cli, struct jf_txn *t, struct jf_diags *d)
{
	struct jf_book b;
	struct jf_txn_result res;
	enum jf_status st;

	if ((st = jf_cli_writer_book(cli, &b, &t->date, d)) != JF_OK)
		return jf_cli_report(cli, st, d);
	t->by = jf_cli_operator(cli);
	t->note = cli->note;
	t->dry_run = cli->dry_run;
	t->no_cache = cli->no_cache;
	t->wait_ms = cli->wait_ms;
	st = jf_txn_commit(&b, t, &res, d);
	if (st == JF_OK)
		st = jf_cli_result(cli, &b, &res, d);
	jf_txn_result_release(&res);
	jf_book_release(&b);
	return jf_cli_report(cli, st, d);
}

enum jf_status jf_cli_points(const char *s, jf_points *out, struct jf_diags *d)
{
	const char *why;
	if (jf_points_parse(s, out, &why) < 0) {
		jf_error(d, "bad points '%s': %s", s, why);
		return JF_USAGE;
	}
	return JF_OK;
}
