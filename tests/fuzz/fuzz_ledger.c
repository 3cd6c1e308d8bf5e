/* fuzz_ledger.c - libFuzzer target for the ledger reader (jf_ledger_scan).
 *
 * Build and run with tests/fuzz/run.sh (clang -fsanitize=fuzzer,address,
 * undefined, the library sources linked in directly).
 *
 * A small fixed book is written once into a temporary directory.  The input
 * is split at form feeds (byte 0x0C, which no ledger may hold anyway) into
 * up to three parts:
 *
 *   A  ledger/2026/XB.yaml
 *   B  ledger/2025/LQ.yaml   (read before A: path order; voids across files)
 *   C  bytes appended to A after a first scan has cached it
 *
 * Every input is scanned plainly with jf-check's warnings on.  Then the
 * reader cache (cache.h) is checked against a plain scan: it must never
 * change a result.  Without C the book is scanned with the cache twice (the
 * second replays every record without reading a byte); with C, A is cached,
 * C appended, and the cached scan (reading only the new bytes) must agree
 * with a plain read of the whole book: the same status and, when valid, the
 * same entries.  A disagreement aborts, so the fuzzer keeps the input, as
 * does an entry whose position lies outside its file's text when lines are
 * counted at LF, as git, grep and editors count them.  And A is read with
 * the YAML reader both ways, events from libyaml's parser and events made
 * from its tokens (jf_yread_opts.tokens): every event, place, where the
 * reader stands and diagnostic must be the same.
 * Set JF_FUZZ_NO_ORACLE=1 to only look for memory errors and UB.
 */
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "book.h"
#include "buf.h"
#include "diag.h"
#include "hash.h"
#include "ledger.h"
#include "yread.h"

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
	"  - {code: sort-waste, name: 垃圾分类, category: 环卫整治, points: 0.5}\n"
	"  - {code: harvest-help, name: 秋收互助, category: 志愿服务, points: 8,"
	" since: 2026-09-01, until: 2026-10-31}\n"
	"goods:\n"
	"  - {code: washing-powder, name: 洗衣粉, unit: 袋, points: 10, stock: true}\n"
	"  - {code: soap, name: 肥皂, unit: 块, points: 3}\n";

static const char households_yaml[] =
	"households:\n"
	"  - {id: XB-017, head: 司学霞, village: XB, since: 2023-01-01}\n"
	"  - {id: XB-018, head: 王建国, village: XB}\n"
	"  - {id: LQ-003, head: 李明, village: LQ}\n"
	"  - {id: XB-020, head: 张秀英, village: XB, until: 2026-06-30}\n";

static char root[64];
static char path_a[128], path_b[128], dir_jf[128];
static struct jf_book book;
static bool oracle = true;
static volatile size_t text_bytes;

static void die(const char *what)
{
	fprintf(stderr, "fuzz_ledger: %s: %s\n", what, strerror(errno));
	abort();
}

static void put(const char *path, const void *p, size_t n, bool append)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC | (append ? O_APPEND : O_TRUNC), 0666);
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

static void sub(char *out, size_t cap, const char *rel)
{
	if ((size_t)snprintf(out, cap, "%s/%s", root, rel) >= cap)
		abort();
}

static int rm_one(const char *p, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st; (void)flag; (void)ftw;
	return remove(p);
}

static void cleanup(void)
{
	jf_book_release(&book);
	nftw(root, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc; (void)argv;
	char p[128];
	struct jf_diags d = JF_DIAGS_INIT;
	const char *tmp = getenv("TMPDIR");

	if (getenv("JF_FUZZ_NO_ORACLE"))
		oracle = false;
	/* /dev/shm when there is one: many small writes per input */
	if (!tmp || !*tmp)
		tmp = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
	if ((size_t)snprintf(root, sizeof root, "%s/jf-fuzz-XXXXXX", tmp) >= sizeof root ||
	    !mkdtemp(root))
		die("mkdtemp");
	sub(p, sizeof p, "jf.yaml");
	put(p, jf_yaml, sizeof jf_yaml - 1, false);
	sub(p, sizeof p, "catalogue.yaml");
	put(p, catalogue_yaml, sizeof catalogue_yaml - 1, false);
	sub(p, sizeof p, "households.yaml");
	put(p, households_yaml, sizeof households_yaml - 1, false);
	sub(p, sizeof p, "ledger");
	mkdir(p, 0777);
	sub(p, sizeof p, "ledger/2025");
	mkdir(p, 0777);
	sub(p, sizeof p, "ledger/2026");
	mkdir(p, 0777);
	sub(path_a, sizeof path_a, "ledger/2026/XB.yaml");
	sub(path_b, sizeof path_b, "ledger/2025/LQ.yaml");
	sub(dir_jf, sizeof dir_jf, ".jf");
	if (jf_book_open(&book, root, &d) != JF_OK) {
		struct jf_buf out = JF_BUF_INIT;
		jf_diags_format(&d, "fuzz_ledger", &out);
		fprintf(stderr, "%s", out.s ? out.s : "");
		abort();
	}
	jf_diags_release(&d);
	atexit(cleanup);
	return 0;
}

/* What a scan delivered: a count and a hash of the multiset of the
 * entries' effects.  Order is left out: when every file is replayed from
 * the cache, a void whose file sorts before its target's is delivered
 * before the target (ledger.h promises it is held back until after; the
 * consumers in acct.c and txn.c only add up, so order does not change a
 * result).  Texts are left out: replayed entries come without them. */
struct sig {
	size_t n;
	uint64_t h;
};

static void mix(uint64_t *h, int64_t v)
{
	uint64_t u = (uint64_t)v;
	for (int i = 0; i < 8; i++) { /* FNV-1a over the 8 bytes of v */
		*h ^= (u >> (8 * i)) & 0xff;
		*h *= 0x100000001b3ULL;
	}
}

static void mixkey(uint64_t *h, struct jf_idkey k)
{
	for (size_t i = 0; i < sizeof k.w / sizeof *k.w; i++)
		mix(h, k.w[i]);
}

/* The texts of A and B while the first scan runs, to check that each
 * entry's position (as line breaks are counted by git, grep and editors:
 * at '\n') lies inside its file: a reader that sees line breaks where
 * those tools do not can be shown text that reviewers never see. */
static struct {
	const uint8_t *text;
	size_t len;
} pos_a, pos_b;

static void check_pos(const struct jf_entry *e)
{
	const uint8_t *t, *end;
	if (!e->line || !e->file)
		return;
	if (!strcmp(e->file, "ledger/2026/XB.yaml") && pos_a.text)
		t = pos_a.text, end = t + pos_a.len;
	else if (!strcmp(e->file, "ledger/2025/LQ.yaml") && pos_b.text)
		t = pos_b.text, end = t + pos_b.len;
	else
		return;
	for (unsigned long l = 1; l < e->line; l++) {
		const uint8_t *nl = memchr(t, '\n', (size_t)(end - t));
		if (!nl)
			goto outside;
		t = nl + 1;
	}
	unsigned long chars = 0;
	for (; t < end && *t != '\n'; t++)
		chars += (*t & 0xC0) != 0x80;
	if (e->col >= 1 && e->col <= chars)
		return;
outside:
	fprintf(stderr, "fuzz_ledger: an entry at %s:%lu:%lu, outside the file's "
		"text (lines counted at LF)\n", e->file, e->line, e->col);
	abort();
}

static enum jf_status collect(void *ctx, const struct jf_entry *e)
{
	struct sig *s = ctx;
	if (oracle)
		check_pos(e);
	uint64_t h = 0xcbf29ce484222325ULL;
	s->n++;
	mix(&h, e->kind);
	mix(&h, e->date);
	mix(&h, e->household);
	mix(&h, e->village);
	mix(&h, e->activity);
	mix(&h, e->item);
	mix(&h, e->qty);
	mix(&h, e->points);
	if (e->self)
		mixkey(&h, e->self->key);
	if (e->kind == JF_VOID) {
		if (!e->target)
			abort(); /* a void is always delivered with its target */
		mix(&h, e->target->kind);
		mix(&h, e->target->date);
		mix(&h, e->target->points);
		mix(&h, e->target->household);
		mix(&h, e->target->qty);
		mix(&h, e->target->what);
		mix(&h, e->target->village);
		mixkey(&h, e->target->key);
	}
	s->h += h;
	/* texts, when given, are NUL-terminated and readable */
	const char *t[] = { e->id, e->at, e->by, e->note, e->reason, e->ref, e->file };
	for (size_t i = 0; i < sizeof t / sizeof *t; i++)
		if (t[i])
			text_bytes += strlen(t[i]);
	return JF_OK;
}

static enum jf_status scan(bool cache, bool warnings, struct sig *sig)
{
	struct jf_scan s;
	struct jf_diags d = JF_DIAGS_INIT;
	struct jf_buf out = JF_BUF_INIT;

	jf_scan_init(&s);
	s.use_cache = cache;
	s.warnings = warnings;
	sig->n = 0;
	sig->h = 0;
	enum jf_status st = jf_ledger_scan(&s, &book, collect, sig, &d);
	if (s.entries != sig->n)
		abort();
	/* format the diagnostics too, as the commands do */
	jf_diags_format(&d, "fuzz", &out);
	jf_buf_release(&out);
	jf_diags_release(&d);
	jf_scan_release(&s);
	return st;
}

static void differ(const char *what, enum jf_status plain, enum jf_status cached,
		   const struct sig *a, const struct sig *b)
{
	fprintf(stderr, "fuzz_ledger: the reader cache changed the result (%s): "
		"plain status %d, %zu entries; cached status %d, %zu entries\n",
		what, plain, a->n, cached, b->n);
	abort();
}

/* What a caller of the YAML reader sees of bytes p[0..n): each event, its
 * place, where the reader stands after it, the end, the diagnostics and
 * the hash of what was read. */
static void yevents(const uint8_t *p, size_t n, bool tokens, struct jf_buf *out)
{
	struct jf_diags d = JF_DIAGS_INIT;
	struct jf_yread r;
	struct jf_yev ev;
	struct jf_ywhere w;
	struct jf_hash h;
	int rc;

	jf_hash_init(&h);
	jf_yread_mem(&r, (const char *)p, n, "A.yaml", &jf_ledger_limits, &d);
	jf_yread_set(&r, &(struct jf_yread_opts){ .tokens = tokens, .hash = &h });
	jf_buf_reset(out);
	while ((rc = jf_yread_next(&r, &ev)) > 0) {
		jf_yread_where(&r, &w);
		jf_buf_addf(out, "%d %lu:%lu %d%d%d %zu:", (int)ev.type, ev.line, ev.col, ev.flow,
			    ev.marker, ev.quoted, ev.len);
		if (ev.type == JF_YEV_SCALAR)
			jf_buf_add(out, ev.value, ev.len);
		jf_buf_addf(out, " @%llu/%lu\n", (unsigned long long)w.bytes, w.line);
	}
	jf_yread_where(&r, &w);
	jf_buf_addf(out, "rc %d @%llu/%lu %d %lu close %d %016llx\n", rc,
		    (unsigned long long)w.bytes, w.line, w.syntax_error, w.syntax_line,
		    (int)jf_yread_close(&r), (unsigned long long)jf_hash_value(&h));
	jf_diags_format(&d, "fuzz", out);
	jf_diags_release(&d);
}

static void check_tokens(const uint8_t *p, size_t n)
{
	struct jf_buf a = JF_BUF_INIT, b = JF_BUF_INIT;
	yevents(p, n, false, &a);
	yevents(p, n, true, &b);
	if (strcmp(a.s, b.s)) {
		fprintf(stderr, "fuzz_ledger: events from tokens differ\n--- parser:\n%s"
			"--- tokens:\n%s", a.s, b.s);
		abort();
	}
	jf_buf_release(&a);
	jf_buf_release(&b);
}

static void check_same(const char *what, enum jf_status plain, const struct sig *a,
		       enum jf_status cached, const struct sig *b)
{
	if (plain != cached)
		differ(what, plain, cached, a, b);
	if (plain == JF_OK && (a->n != b->n || a->h != b->h))
		differ(what, plain, cached, a, b);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *part[3] = { NULL, NULL, NULL };
	size_t len[3] = { 0, 0, 0 }, np = 0;
	const uint8_t *p = data, *end = data + size;
	struct sig s1, s2, s3;

	while (np < 3) {
		const uint8_t *ff = np < 2 ? memchr(p, '\f', (size_t)(end - p)) : NULL;
		part[np] = p;
		len[np] = ff ? (size_t)(ff - p) : (size_t)(end - p);
		np++;
		if (!ff)
			break;
		p = ff + 1;
	}

	if (oracle)
		check_tokens(part[0], len[0]);

	/* a fresh book: no cache left from the last input */
	nftw(dir_jf, rm_one, 16, FTW_DEPTH | FTW_PHYS);
	unlink(path_b);
	put(path_a, part[0], len[0], false);
	if (np > 1)
		put(path_b, part[1], len[1], false);

	pos_a.text = part[0];
	pos_a.len = len[0];
	pos_b.text = np > 1 ? part[1] : NULL;
	pos_b.len = np > 1 ? len[1] : 0;
	scan(false, true, &s1);
	pos_a.text = pos_b.text = NULL;
	if (np < 3) {
		enum jf_status plain = scan(false, false, &s1);
		enum jf_status first = scan(true, false, &s2);
		enum jf_status again = scan(true, false, &s3);
		if (oracle) {
			check_same("first cached scan", plain, &s1, first, &s2);
			check_same("replayed scan", plain, &s1, again, &s3);
		}
		return 0;
	}
	/* cache A (and B), append C, read again */
	scan(true, false, &s2);
	if (len[2])
		put(path_a, part[2], len[2], true);
	enum jf_status after = scan(true, false, &s2);
	enum jf_status plain = scan(false, false, &s1);
	if (oracle)
		check_same("cached, then appended", plain, &s1, after, &s2);
	return 0;
}
