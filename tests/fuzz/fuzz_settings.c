/* fuzz_settings.c - libFuzzer target for the settings readers (jf_book_open
 * over jf.yaml, catalogue.yaml, households.yaml).
 *
 * Build and run with tests/fuzz/run.sh.  A book with valid settings and a
 * small valid ledger is written once into a temporary directory.  The first
 * byte of the input chooses which settings file the rest replaces (taken
 * mod 3: jf.yaml, catalogue.yaml, households.yaml); the other two keep their
 * valid text.  The book is opened; when it opens, everything a command does
 * with the settings is done too: the ledger is scanned against it (codes
 * looked up, limits and windows applied with jf-check's warnings on), every
 * village's ledger path is expanded, every code is looked up again, and the
 * settings hash of the reader cache is taken.  The file gets back its valid
 * text afterwards.
 *
 * Settings files may have CRLF line ends: when the input has no CR (and no
 * line near the length limit), the same text with CRLF line ends is read
 * too, and must give the same book, or be refused too.  A difference
 * aborts, so the fuzzer keeps the input.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <ftw.h>

#include "book.h"
#include "cache.h"
#include "diag.h"
#include "ledger.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char jf_yaml[] =
	"township: 龙渠乡\n"
	"timezone: Asia/Shanghai\n"
	"villages:\n"
	"  - {code: XB, name: 下堡村}\n"
	"  - {code: LQ, name: 龙渠村}\n"
	"low_stock: 5\n";

static const char catalogue_yaml[] =
	"activities:\n"
	"  - {code: clean-yard, name: 庭院整洁, category: 环卫整治, points: 5, limit: 1/week}\n"
	"  - {code: litter, name: 乱扔垃圾, category: 环卫整治, points: -5}\n"
	"  - {code: harvest-help, name: 秋收互助, category: 志愿服务, points: 8,"
	" since: 2026-09-01, until: 2026-10-31}\n"
	"goods:\n"
	"  - {code: washing-powder, name: 洗衣粉, unit: 袋, points: 10, stock: true}\n"
	"  - {code: soap, name: 肥皂, unit: 块, points: 3}\n";

static const char households_yaml[] =
	"households:\n"
	"  - {id: XB-017, head: 司学霞, village: XB, since: 2023-01-01}\n"
	"  - {id: LQ-003, head: 李明, village: LQ}\n"
	"  - {id: XB-020, head: 张秀英, village: XB, until: 2026-06-30}\n";

/* entries naming the codes above, and a void */
static const char ledger_yaml[] =
	"- id: 01JDZ3K4M5N6P7Q8R9S0T1U2VA\n  date: 2026-09-20\n  kind: earn\n"
	"  household: XB-017\n  activity: harvest-help\n  qty: 2\n  points: 16\n  by: baiyang\n"
	"- id: 01JDZ3K4M5N6P7Q8R9S0T1U2VB\n  date: 2026-11-20\n  kind: redeem\n"
	"  household: LQ-003\n  item: washing-powder\n  qty: 1\n  points: -10\n  by: baiyang\n"
	"- id: 01JDZ3K4M5N6P7Q8R9S0T1U2VC\n  date: 2026-11-20\n  kind: restock\n"
	"  village: XB\n  item: soap\n  qty: 10\n  by: baiyang\n"
	"- id: 01JDZ3K4M5N6P7Q8R9S0T1U2VD\n  date: 2026-11-21\n  kind: adjust\n"
	"  household: XB-020\n  points: 3.5\n  reason: x\n  by: baiyang\n"
	"- id: 01JDZ3K4M5N6P7Q8R9S0T1U2VE\n  date: 2026-11-21\n  kind: void\n"
	"  ref: 01JDZ3K4M5N6P7Q8R9S0T1U2VB\n  reason: x\n  by: baiyang\n";

static const struct {
	const char *name, *text;
	size_t len;
} files[3] = {
	{ "jf.yaml", jf_yaml, sizeof jf_yaml - 1 },
	{ "catalogue.yaml", catalogue_yaml, sizeof catalogue_yaml - 1 },
	{ "households.yaml", households_yaml, sizeof households_yaml - 1 },
};

static char root[64];
static char paths[3][128];

static void die(const char *what)
{
	fprintf(stderr, "fuzz_settings: %s: %s\n", what, strerror(errno));
	abort();
}

static void put(const char *path, const void *p, size_t n)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
	if (fd < 0)
		die(path);
	const char *s = p;
	while (n) {
		ssize_t w = write(fd, s, n);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			die(path);
		}
		s += w;
		n -= (size_t)w;
	}
	close(fd);
}

static int rm_one(const char *p, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st; (void)flag; (void)ftw;
	return remove(p);
}

static void cleanup(void)
{
	nftw(root, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc; (void)argv;
	char p[128];
	const char *tmp = getenv("TMPDIR");

	if (!tmp || !*tmp)
		tmp = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
	if ((size_t)snprintf(root, sizeof root, "%s/jf-fuzz-XXXXXX", tmp) >= sizeof root ||
	    !mkdtemp(root))
		die("mkdtemp");
	for (int i = 0; i < 3; i++) {
		snprintf(paths[i], sizeof paths[i], "%s/%s", root, files[i].name);
		put(paths[i], files[i].text, files[i].len);
	}
	snprintf(p, sizeof p, "%s/ledger", root);
	mkdir(p, 0777);
	snprintf(p, sizeof p, "%s/ledger/2026", root);
	mkdir(p, 0777);
	snprintf(p, sizeof p, "%s/ledger/2026/XB.yaml", root);
	put(p, ledger_yaml, sizeof ledger_yaml - 1);
	atexit(cleanup);
	return 0;
}

static enum jf_status count(void *ctx, const struct jf_entry *e)
{
	size_t *n = ctx;
	(*n)++;
	if (e->kind == JF_VOID && !e->target)
		abort();
	return JF_OK;
}

/* What a command does with an open book. */
static void use(const struct jf_book *b)
{
	struct jf_buf out = JF_BUF_INIT;
	struct jf_diags d = JF_DIAGS_INIT;
	struct jf_scan s;
	size_t n = 0;
	jf_date day;
	const char *why;

	if (jf_date_parse("2026-11-28", &day, &why) < 0)
		abort();
	for (size_t i = 0; i < b->nvillages; i++) {
		jf_book_ledger_path(b, (int)i, day, &out);
		if (jf_book_village(b, b->villages[i].code) < 0)
			abort();
		jf_buf_reset(&out);
	}
	for (size_t i = 0; i < b->nactivities; i++)
		if (jf_book_activity(b, b->activities[i].code) < 0 ||
		    b->activities[i].cat < 0 || (size_t)b->activities[i].cat >= b->ncategories)
			abort();
	for (size_t i = 0; i < b->ngoods; i++)
		if (jf_book_good(b, b->goods[i].code) < 0)
			abort();
	for (size_t i = 0; i < b->nhouseholds; i++) {
		const struct jf_household *h = &b->households[i];
		if (jf_book_household(b, h->id) < 0 || h->village < 0 ||
		    (size_t)h->village >= b->nvillages)
			abort();
	}
	(void)jf_cache_settings(b);

	jf_scan_init(&s);
	s.warnings = true;
	jf_ledger_scan(&s, b, count, &n, &d);
	if (s.entries != n)
		abort();
	jf_diags_format(&d, "fuzz", &out);
	jf_scan_release(&s);
	jf_diags_release(&d);
	jf_buf_release(&out);
}

/* What opening the book gave: status, sizes, where the problems are. */
struct outcome {
	enum jf_status st;
	size_t n[4];
	size_t ndiag;
	unsigned long lines[8];
};

static void open_book(const uint8_t *text, size_t len, int which, bool full,
		      struct outcome *o)
{
	struct jf_book b;
	struct jf_diags d = JF_DIAGS_INIT;
	struct jf_buf out = JF_BUF_INIT;

	memset(o, 0, sizeof *o);
	put(paths[which], text, len);
	o->st = jf_book_open(&b, root, &d);
	jf_diags_format(&d, "fuzz", &out);
	if (o->st == JF_OK) {
		if (d.errors)
			abort(); /* an error reported, yet the book opened */
		o->n[0] = b.nvillages;
		o->n[1] = b.nactivities;
		o->n[2] = b.ngoods;
		o->n[3] = b.nhouseholds;
		if (full)
			use(&b);
		jf_book_release(&b);
	} else if (o->st == JF_INVALID && !d.errors) {
		abort(); /* refused without saying why */
	}
	o->ndiag = d.n;
	for (size_t i = 0; i < d.n && i < 8; i++)
		o->lines[i] = d.v[i].line;
	jf_buf_release(&out);
	jf_diags_release(&d);
}

/* Settings files may have CRLF line ends: the same text with CRLF must give
 * the same book, or be refused too.  Only for texts without
 * CR and with short lines (CR counts against the line length limit). */
static bool crlf_comparable(const uint8_t *p, size_t n)
{
	size_t col = 0;
	if (memchr(p, '\r', n))
		return false;
	for (size_t i = 0; i < n; i++) {
		col = p[i] == '\n' ? 0 : col + 1;
		if (col > 4000)
			return false;
	}
	return true;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct outcome lf, crlf;

	if (size < 1)
		return 0;
	int which = data[0] % 3;
	const uint8_t *text = data + 1;
	size_t len = size - 1;
	open_book(text, len, which, true, &lf);
	if (crlf_comparable(text, len)) {
		uint8_t *t = malloc(2 * len + 1);
		size_t k = 0;
		if (!t)
			abort();
		for (size_t i = 0; i < len; i++) {
			if (text[i] == '\n')
				t[k++] = '\r';
			t[k++] = text[i];
		}
		open_book(t, k, which, false, &crlf);
		free(t);
		/* where an invalid text is first refused may differ: libyaml reads
		 * ahead by bytes, so which of two problems (a syntax error, a bad
		 * byte a line later) it meets first can depend on the line ends */
		if (lf.st != crlf.st || memcmp(lf.n, crlf.n, sizeof lf.n) ||
		    (lf.st == JF_OK && lf.ndiag != crlf.ndiag)) {
			fprintf(stderr, "fuzz_settings: %s read differently with CRLF line ends: "
				"status %d/%d, %zu/%zu problems, first at line %lu/%lu\n",
				files[which].name, lf.st, crlf.st, lf.ndiag, crlf.ndiag,
				lf.lines[0], crlf.lines[0]);
			abort();
		}
	}
	put(paths[which], files[which].text, files[which].len);
	return 0;
}
