/* wish_write.c - the requests of jf-wish and jf-serve, and their write. */
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "batch.h"
#include "wish_write.h"

void jf_serve_request(struct jf_txn *t, const char *volunteer, const char *hours,
		      const char *activity, const char *wish)
{
	*t = (struct jf_txn){ .kind = JF_SERVE, .code = activity, .date = JF_DATE_NONE };
	t->val[JF_F_VOLUNTEER] = volunteer;
	t->val[JF_F_HOURS] = hours;
	t->val[JF_F_WISH] = wish;
}

enum jf_status jf_serve_split(const char *arg, char **vol, const char **hours,
			      struct jf_diags *d)
{
	const char *c = strrchr(arg, ':');
	*vol = NULL;
	*hours = NULL;
	if (!c || c == arg || !c[1] || strchr(arg, ':') != c) {
		jf_error(d, "bad --serve '%s': VOLUNTEER:HOURS, as V001:2.5", arg);
		return JF_USAGE;
	}
	*vol = jf_strndup(arg, (size_t)(c - arg));
	*hours = c + 1;
	return JF_OK;
}

int jf_wish_write(struct jf_cli *cli, struct jf_txn *t, size_t n, struct jf_diags *d)
{
	if (n == 1)
		return jf_cli_write(cli, &t[0], d);
	struct jf_book b;
	jf_date date;
	enum jf_status st = jf_cli_writer_book(cli, &b, &date, d);
	if (st == JF_OK) {
		for (size_t i = 0; i < n; i++)
			t[i].date = date;
		st = jf_cli_write_many(cli, &b, t, n, d);
		if (st != JF_OK && st != JF_SYSTEM)
			jf_error(d, "nothing was recorded");
		jf_book_release(&b);
	}
	return jf_cli_report(cli, st, d);
}
