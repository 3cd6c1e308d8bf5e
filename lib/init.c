/* init.c - a new book's files. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "alloc.h"
#include "batch.h"
#include "book.h"
#include "fileio.h"
#include "init.h"
#include "strmap.h"
#include "yemit.h"

const struct jf_sheet_col jf_init_columns[JF_INIT_NCOLS] = {
	{ "id|户号", true },      { "head|户主", true }, { "village|村", true },
	{ "village name|村名", false }, { "since|开户", false }, { "until|销户", false },
};
enum { C_ID, C_HEAD, C_VILLAGE, C_VNAME, C_SINCE, C_UNTIL };

static const char catalogue[] =
	"# catalogue.yaml - the points rules and the goods (jf-book(5)).\n"
	"activities:\n"
	"  - {code: clean-yard, name: 庭院整洁, category: 环卫整治, points: 5, limit: 1/week}\n"
	"  - {code: sort-waste, name: 垃圾分类, category: 环卫整治, points: 2}\n"
	"  - {code: volunteer, name: 志愿服务, category: 志愿服务, points: 3}\n"
	"  - {code: litter, name: 乱扔垃圾, category: 环卫整治, points: -5}\n"
	"goods:\n"
	"  - {code: soap, name: 肥皂, unit: 块, points: 3, stock: true}\n"
	"  - {code: washing-powder, name: 洗衣粉, unit: 袋, points: 10, stock: true}\n";

static bool id_ok(const char *s, const char *extra)
{
	size_t n = strlen(s);
	if (n == 0 || n > 64)
		return false;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		      (*s >= '0' && *s <= '9') || strchr(extra, *s)))
			return false;
	return true;
}

static char *trimmed(const char *s)
{
	size_t n = strlen(s);
	while (*s == ' ')
		s++, n--;
	while (n && s[n - 1] == ' ')
		n--;
	return jf_strndup(s, n);
}

static enum jf_status put(const char *dir, const char *name, const struct jf_buf *b,
			  struct jf_diags *d)
{
	struct jf_buf p = JF_BUF_INIT;
	jf_buf_addf(&p, "%s/%s", dir, name);
	int fd = open(p.s, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
	enum jf_status st = JF_OK;
	if (fd < 0 || jf_write_all(fd, b->s, b->len) < 0 || fsync(fd) < 0) {
		jf_error(d, "cannot write '%s': %s", p.s, strerror(errno));
		st = JF_SYSTEM;
	}
	if (fd >= 0 && close(fd) < 0 && st == JF_OK) {
		jf_error(d, "cannot write '%s': %s", p.s, strerror(errno));
		st = JF_SYSTEM;
	}
	jf_buf_release(&p);
	return st;
}

static void kv(struct jf_buf *o, const char *lead, const char *k, const char *v)
{
	jf_buf_addf(o, "%s%s: ", lead, k);
	jf_yaml_scalar(o, v);
	jf_buf_addc(o, '\n');
}

/* The register and villages from the sheet, into hh and vil. */
static enum jf_status from_sheet(const struct jf_init *o, struct jf_buf *hh, struct jf_buf *vil,
				 struct jf_diags *d)
{
	struct jf_sheet s;
	int map[JF_INIT_NCOLS];
	enum jf_status st = jf_sheet_read(&s, o->households, o->enc, d);
	if (st == JF_OK)
		st = jf_sheet_columns(&s, jf_init_columns, JF_INIT_NCOLS, map, d);
	if (st != JF_OK) {
		jf_sheet_release(&s);
		return st;
	}
	struct jf_strmap ids = JF_STRMAP_INIT, vils = JF_STRMAP_INIT;
	char **owned = jf_calloc(2 * s.nrows, sizeof *owned); /* the maps' keys */
	size_t rows = 0, nowned = 0;
	for (size_t r = 1; r < s.nrows; r++) {
		if (s.blank[r])
			continue;
		unsigned long row = r + 1;
		char *c[JF_INIT_NCOLS];
		bool mine[JF_INIT_NCOLS]; /* freed after the row */
		for (int k = 0; k < JF_INIT_NCOLS; k++) {
			c[k] = trimmed(jf_sheet_cell(&s, r, map[k]));
			mine[k] = true;
		}
		const char *why;
		jf_date dt;
		bool bad = false;
		char c0 = c[C_ID][0];
		if (!id_ok(c[C_ID], "-")) {
			jf_error_at(d, s.name, row, 0, "bad household id '%s' (letters, digits and '-', as XB-017)",
				    c[C_ID]);
			bad = true;
		} else if (!((c0 >= 'a' && c0 <= 'z') || (c0 >= 'A' && c0 <= 'Z'))) {
			jf_error_at(d, s.name, row, 0,
				    "household id '%s' does not start with a letter (a spreadsheet turns 017 into 17 and 3-12 into a date): write it as XB-%s",
				    c[C_ID], c[C_ID]);
			bad = true;
		} else if (jf_strmap_gets(&ids, c[C_ID]) >= 0) {
			jf_error_at(d, s.name, row, 0, "household %s twice (first on row %d)", c[C_ID],
				    jf_strmap_gets(&ids, c[C_ID]));
			bad = true;
		} else {
			jf_strmap_put(&ids, c[C_ID], (int)row);
			owned[nowned++] = c[C_ID];
			mine[C_ID] = false;
		}
		if (!*c[C_HEAD] || (why = jf_text_check(c[C_HEAD]))) {
			jf_error_at(d, s.name, row, 0, "the head of household %s", *c[C_HEAD] ? why : "is empty");
			bad = true;
		}
		if (!id_ok(c[C_VILLAGE], "-_")) {
			jf_error_at(d, s.name, row, 0, "bad village code '%s' (letters, digits, '-', '_')",
				    c[C_VILLAGE]);
			bad = true;
		}
		jf_date dates[2] = { JF_DATE_NONE, JF_DATE_NONE };
		for (int k = C_SINCE; k <= C_UNTIL; k++)
			if (*c[k] && jf_batch_date(c[k], &dates[k - C_SINCE], &why) < 0) {
				jf_error_at(d, s.name, row, 0, "bad date '%s': %s", c[k], why);
				bad = true;
			}
		if (!bad && dates[0] != JF_DATE_NONE && dates[1] != JF_DATE_NONE &&
		    dates[1] < dates[0]) {
			jf_error_at(d, s.name, row, 0, "the account closes (%s) before it opens (%s)",
				    c[C_UNTIL], c[C_SINCE]);
			bad = true;
		}
		if (!bad) {
			kv(hh, "  - ", "id", c[C_ID]);
			kv(hh, "    ", "head", c[C_HEAD]);
			kv(hh, "    ", "village", c[C_VILLAGE]);
			char db[JF_DATE_BUFSZ];
			if (*c[C_SINCE] && jf_batch_date(c[C_SINCE], &dt, &why) == 0)
				kv(hh, "    ", "since", jf_date_format(dt, db));
			if (*c[C_UNTIL] && jf_batch_date(c[C_UNTIL], &dt, &why) == 0)
				kv(hh, "    ", "until", jf_date_format(dt, db));
			if (jf_strmap_gets(&vils, c[C_VILLAGE]) < 0) {
				jf_strmap_put(&vils, c[C_VILLAGE], 1);
				kv(vil, "  - ", "code", c[C_VILLAGE]);
				kv(vil, "    ", "name", *c[C_VNAME] ? c[C_VNAME] : c[C_VILLAGE]);
				owned[nowned++] = c[C_VILLAGE];
				mine[C_VILLAGE] = false;
			}
			rows++;
		} else {
			st = JF_USAGE;
		}
		for (int k = 0; k < JF_INIT_NCOLS; k++)
			if (mine[k])
				free(c[k]);
	}
	if (st == JF_OK && rows == 0) {
		jf_error_at(d, s.name, 0, 0, "no households after the header");
		st = JF_USAGE;
	}
	jf_strmap_release(&ids);
	jf_strmap_release(&vils);
	for (size_t i = 0; i < nowned; i++)
		free(owned[i]);
	free(owned);
	jf_sheet_release(&s);
	return st;
}

enum jf_status jf_init_book(const char *dir, const struct jf_init *o, struct jf_diags *d)
{
	struct jf_buf hh = JF_BUF_INIT, vil = JF_BUF_INIT, b = JF_BUF_INIT;
	enum jf_status st = JF_OK;

	DIR *dp = opendir(dir);
	if (dp) {
		struct dirent *de;
		bool empty = true;
		while ((de = readdir(dp)))
			if (strcmp(de->d_name, ".") && strcmp(de->d_name, ".."))
				empty = false;
		closedir(dp);
		if (!empty) {
			jf_error(d, "'%s' is not empty: a new book goes into a new or empty directory", dir);
			return JF_USAGE;
		}
	} else if (errno != ENOENT) {
		jf_error(d, "cannot read '%s': %s", dir, strerror(errno));
		return JF_SYSTEM;
	}
	jf_buf_adds(&hh, "# households.yaml - the register (jf-book(5)); ids best start with a letter.\nhouseholds:\n");
	if (o->households) {
		st = from_sheet(o, &hh, &vil, d);
	} else {
		kv(&hh, "  - ", "id", "V1-001");
		kv(&hh, "    ", "head", "户主");
		kv(&hh, "    ", "village", "V1");
		kv(&vil, "  - ", "code", "V1");
		kv(&vil, "    ", "name", "一村");
	}
	if (st != JF_OK) {
		jf_error(d, "no book was written");
		goto out;
	}
	if (mkdir(dir, 0777) < 0 && errno != EEXIST) {
		jf_error(d, "cannot make '%s': %s", dir, strerror(errno));
		st = JF_SYSTEM;
		goto out;
	}
	jf_buf_adds(&b, "# jf.yaml - the book's settings (jf-book(5)).\n");
	kv(&b, "", "township", o->township ? o->township : "乡镇");
	jf_buf_adds(&b, "timezone: Asia/Shanghai\nvillages:\n");
	jf_buf_add(&b, vil.s, vil.len);
	st = put(dir, "jf.yaml", &b, d);
	jf_buf_reset(&b);
	jf_buf_adds(&b, catalogue);
	if (st == JF_OK)
		st = put(dir, "catalogue.yaml", &b, d);
	if (st == JF_OK)
		st = put(dir, "households.yaml", &hh, d);
	jf_buf_reset(&b);
	jf_buf_adds(&b, "# jf-merge keeps every entry of both sides (jf-merge(1)):\n"
			"#   git config merge.jf.driver 'jf-merge %O %A %B %P'\n"
			"ledger/** merge=jf\n");
	if (st == JF_OK)
		st = put(dir, ".gitattributes", &b, d);
	jf_buf_reset(&b);
	jf_buf_adds(&b, ".jf/\n");
	if (st == JF_OK)
		st = put(dir, ".gitignore", &b, d);
	jf_buf_reset(&b);
	jf_buf_addf(&b, "%s/ledger", dir);
	if (st == JF_OK && mkdir(b.s, 0777) < 0) {
		jf_error(d, "cannot make '%s': %s", b.s, strerror(errno));
		st = JF_SYSTEM;
	}
	if (st == JF_OK && jf_fsync_dir(dir) < 0) {
		jf_error(d, "cannot sync '%s': %s", dir, strerror(errno));
		st = JF_SYSTEM;
	}
	if (st == JF_OK) {
		struct jf_book bk;
		st = jf_book_open(&bk, dir, d);
		if (st == JF_OK)
			jf_book_release(&bk);
	}
out:
	jf_buf_release(&hh);
	jf_buf_release(&vil);
	jf_buf_release(&b);
	return st;
}
