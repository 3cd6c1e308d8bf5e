/* since.c - ledger files at a git revision must be prefixes of them now. */
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fileio.h"
#include "gitrun.h"
#include "ledger.h"
#include "merge.h"
#include "since.h"
#include "width.h"

#define LS_TREE_MAX (256u << 20)


/* Append what holds byte off of the file text[0..n) at REV: "entry 'ID'",
 * or where it is when no entry holds it. */
static void holder(const char *rel, const char *text, size_t n, size_t off,
		   struct jf_buf *out)
{
	struct jf_msplit sp;
	unsigned long bad;
	size_t k;

	if (jf_merge_split(text, 0, n, 1, &sp, &bad) < 0) {
		jf_buf_adds(out, "a file that does not read as entries");
		return;
	}
	for (k = 0; k < sp.n && off >= sp.v[k].end; k++)
		;
	if (k == sp.n) {
		jf_buf_adds(out, sp.n ? "the lines after the last entry" : "a file of no entries");
	} else {
		const struct jf_mentry *e = &sp.v[k];
		struct jf_mitems one;
		struct jf_diags ignore = JF_DIAGS_INIT;
		if (jf_merge_read(text + e->start, e->end - e->start, rel, e->sline, NULL, &one,
				  &ignore) == JF_OK && one.n == 1)
			jf_buf_addf(out, "entry '%s'", one.v[0].id);
		else
			jf_buf_addf(out, "the entry at line %lu", e->line);
		jf_mitems_release(&one);
		jf_diags_release(&ignore);
	}
	jf_msplit_release(&sp);
}

enum change { SAME, CHANGED, SHORTER, GONE, NOT_FILE };

/* Compare root/rel with the bytes it had (old[0..n)); *off gets the first
 * differing byte.  When it begins with them (SAME), *now holds all of the
 * file.  JF_SYSTEM on an I/O error or a file larger than a ledger may be. */
static enum jf_status compare(const char *root, const char *rel, const char *old, size_t n,
			      enum change *ch, size_t *off, struct jf_buf *now,
			      struct jf_diags *d)
{
	struct jf_buf path = JF_BUF_INIT;
	char chunk[65536];
	struct stat st;
	size_t at = 0;
	int fd;

	*ch = SAME;
	*off = 0;
	jf_buf_addf(&path, "%s/%s", root, rel);
	fd = jf_open(path.s, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK, 0);
	jf_buf_release(&path);
	if (fd < 0) {
		if (errno == ENOENT || errno == ENOTDIR) {
			*ch = GONE;
			return JF_OK;
		}
		if (errno == ELOOP) {
			*ch = NOT_FILE;
			return JF_OK;
		}
		jf_error(d, "cannot open '%s': %s", rel, strerror(errno));
		return JF_SYSTEM;
	}
	if (fstat(fd, &st) < 0) {
		jf_error(d, "cannot stat '%s': %s", rel, strerror(errno));
		close(fd);
		return JF_SYSTEM;
	}
	if (!S_ISREG(st.st_mode)) {
		*ch = NOT_FILE;
		close(fd);
		return JF_OK;
	}
	while (at < n) {
		size_t want = n - at < sizeof chunk ? n - at : sizeof chunk;
		ssize_t got = jf_read_some(fd, chunk, want);
		if (got < 0) {
			jf_error(d, "cannot read '%s': %s", rel, strerror(errno));
			close(fd);
			return JF_SYSTEM;
		}
		if (got == 0) {
			*ch = SHORTER;
			break;
		}
		if (memcmp(chunk, old + at, (size_t)got)) {
			size_t i = 0;
			while (chunk[i] == old[at + i])
				i++;
			at += i;
			*ch = CHANGED;
			break;
		}
		jf_buf_add(now, chunk, (size_t)got);
		at += (size_t)got;
	}
	/* the rest, for the proof that it only adds entries */
	int r = *ch == SAME ? jf_read_rest(fd, now, JF_LEDGER_MAX_BYTES) : 0;
	if (r) {
		jf_error(d, "cannot read '%s': %s", rel, r < 0 ? strerror(errno) :
			 "larger than a ledger file may be");
		close(fd);
		return JF_SYSTEM;
	}
	close(fd);
	*off = at;
	return JF_OK;
}

/* The file at REV (old[0..n)) is a prefix of the file now (now[0..len)):
 * did what came after it only add entries, its last entry reading as it
 * did?  The same proof as jf-merge's for a side's tail (merge.h): the
 * bytes at REV end a line, no appended line before the first new entry
 * continues the last old one (only blank and comment lines may), and the
 * last old entry, with those lines, reads as the same fields.  Reports
 * and returns false if not. */
static bool only_added(const char *rel, const char *rev, const char *old, size_t n,
		       const char *now, size_t len, struct jf_diags *d)
{
	struct jf_msplit tail = { NULL, 0, 0 }, was = { NULL, 0, 0 };
	struct jf_buf who = JF_BUF_INIT;
	unsigned long bad;
	bool ok = true;

	if (len == n)
		return true;
	if (n)
		holder(rel, old, n, n - 1, &who);
	if (n && old[n - 1] != '\n') {
		jf_error_at(d, rel, jf_text_line(old, n - 1), jf_text_col(old, n - 1) + 1,
			    "changed since '%s': its last line was continued, in %s; ledger "
			    "files are append-only (undo a mistake with 'jf-void')", rev, who.s);
		ok = false;
		goto out;
	}
	if (jf_merge_split(now, n, len, jf_text_line(now, n), &tail, &bad) < 0) {
		jf_error_at(d, rel, bad, 1,
			    "changed since '%s': this appended line neither starts an entry "
			    "('-' in column 1) nor is a comment, so it changes %s; ledger files "
			    "are append-only (undo a mistake with 'jf-void')", rev,
			    n ? who.s : "the file");
		ok = false;
		goto out;
	}
	if (!n || jf_merge_split(old, 0, n, 1, &was, &bad) < 0 || !was.n)
		goto out;
	/* the last entry at REV and the same bytes now, up to the next entry */
	const struct jf_mentry *e = &was.v[was.n - 1];
	size_t end = tail.n ? tail.v[0].body : len;
	struct jf_mitems a = { NULL, 0 }, b = { NULL, 0 };
	struct jf_diags ignore = JF_DIAGS_INIT;
	if (jf_merge_read(old + e->start, n - e->start, rel, e->sline, NULL, &a, &ignore) == JF_OK &&
	    a.n == 1) {
		bool same = jf_merge_read(now + e->start, end - e->start, rel, e->sline, NULL, &b,
					  &ignore) == JF_OK && b.n == 1 &&
			    a.v[0].canon.len == b.v[0].canon.len &&
			    !memcmp(a.v[0].canon.s, b.v[0].canon.s, a.v[0].canon.len);
		if (!same) {
			jf_error_at(d, rel, e->line, 1,
				    "changed since '%s': the lines appended after %s change what it "
				    "says; ledger files are append-only (undo a mistake with "
				    "'jf-void')", rev, who.s);
			ok = false;
		}
	}
	jf_mitems_release(&a);
	jf_mitems_release(&b);
	jf_diags_release(&ignore);
out:
	jf_msplit_release(&tail);
	jf_msplit_release(&was);
	jf_buf_release(&who);
	return ok;
}

/* Check one ledger file of REV (blob oid).  Returns JF_OK, JF_INVALID
 * (reported) or JF_SYSTEM. */
static enum jf_status check_file(const char *root, const char *rev, const char *rel,
				 const char *oid, struct jf_diags *d)
{
	const char *args[] = { "--no-replace-objects", "-C", root, "cat-file", "blob", oid, NULL };
	struct jf_gitrun g = JF_GITRUN_INIT;
	struct jf_buf who = JF_BUF_INIT, now = JF_BUF_INIT;
	enum jf_status st;
	enum change ch;
	size_t off;

	st = jf_gitrun(&g, args, JF_LEDGER_MAX_BYTES, d);
	if (st == JF_OK && g.status) {
		struct jf_buf m = JF_BUF_INIT;
		jf_gitrun_errline(&g, &m);
		jf_error(d, "cannot read '%s' at '%s' from git: %s", rel, rev, m.s);
		jf_buf_release(&m);
		st = JF_SYSTEM;
	}
	if (st == JF_OK)
		st = compare(root, rel, g.out.s, g.out.len, &ch, &off, &now, d);
	if (st == JF_OK && ch == SAME &&
	    !only_added(rel, rev, g.out.s, g.out.len, now.s, now.len, d))
		st = JF_INVALID;
	jf_buf_release(&now);
	if (st != JF_OK || ch == SAME) {
		jf_gitrun_release(&g);
		return st;
	}
	holder(rel, g.out.s, g.out.len, off, &who);
	unsigned long line = jf_text_line(g.out.s, off), col = jf_text_col(g.out.s, off);
	switch (ch) {
	case CHANGED:
		jf_error_at(d, rel, line, col,
			    "changed since '%s': the first differing byte is here, in %s; "
			    "ledger files are append-only (undo a mistake with 'jf-void')",
			    rev, who.s);
		break;
	case SHORTER:
		jf_error_at(d, rel, line, col,
			    "cut short since '%s': the file now ends here, in %s; "
			    "ledger files are append-only", rev, who.s);
		break;
	case GONE:
		jf_error_at(d, rel, line, col,
			    "gone since '%s' (deleted or renamed; it begins with %s); ledger "
			    "files are append-only and stay where they are", rev, who.s);
		break;
	case NOT_FILE:
		jf_error_at(d, rel, line, col,
			    "no longer a regular file since '%s' (it begins with %s)", rev, who.s);
		break;
	case SAME:
		break;
	}
	jf_buf_release(&who);
	jf_gitrun_release(&g);
	return JF_INVALID;
}

/* Is rel (from git, relative to the book) a file the ledger readers read:
 * a *.yaml under ledger/, no part of its path starting with '.'? */
static bool ledger_file(const char *rel)
{
	size_t n = strlen(rel);
	const char *base = strrchr(rel, '/');
	if (strncmp(rel, "ledger/", 7) || !base || strlen(base + 1) <= 5 ||
	    strcmp(rel + n - 5, ".yaml"))
		return false;
	for (const char *p = rel; p; p = strchr(p, '/')) {
		if (*p == '/')
			p++;
		if (*p == '.')
			return false;
	}
	return true;
}

static bool hex_oid(const char *s, size_t n)
{
	if (n != 40 && n != 64)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
			return false;
	return true;
}

enum jf_status jf_since_check(const char *root, const char *rev, struct jf_diags *d)
{
	struct jf_gitrun g = JF_GITRUN_INIT;
	struct jf_buf spec = JF_BUF_INIT, msg = JF_BUF_INIT;
	char commit[65];
	enum jf_status st;
	size_t errs = d->errors;

	if (!rev[0] || rev[0] == '-' || strpbrk(rev, "\n\r")) {
		jf_error(d, "bad revision '%s'", rev);
		return JF_USAGE;
	}
	const char *top[] = { "--no-replace-objects", "-C", root, "rev-parse",
			      "--is-inside-work-tree", NULL };
	st = jf_gitrun(&g, top, 4096, d);
	if (st != JF_OK)
		goto done;
	if (g.status || strcmp(g.out.s, "true\n")) {
		if (g.status)
			jf_gitrun_errline(&g, &msg);
		else
			jf_buf_adds(&msg, "no work tree");
		jf_error(d, "'%s' is not in a git work tree (%s); --since needs the book's "
			 "git history", root, msg.s);
		st = JF_USAGE;
		goto done;
	}
	jf_buf_addf(&spec, "%s^{commit}", rev);
	const char *verify[] = { "--no-replace-objects", "-C", root, "rev-parse", "--verify",
				 "--quiet", spec.s, NULL };
	st = jf_gitrun(&g, verify, 4096, d);
	if (st != JF_OK)
		goto done;
	if (g.out.len && g.out.s[g.out.len - 1] == '\n')
		jf_buf_setlen(&g.out, g.out.len - 1);
	if (g.status || !hex_oid(g.out.s, g.out.len)) {
		jf_error(d, "unknown revision '%s' (no commit by that name in the book's "
			 "repository)", rev);
		st = JF_USAGE;
		goto done;
	}
	memcpy(commit, g.out.s, g.out.len + 1);
	const char *ls[] = { "--no-replace-objects", "-C", root, "ls-tree", "-r", "-z", commit,
			     "--", "ledger", NULL };
	st = jf_gitrun(&g, ls, LS_TREE_MAX, d);
	if (st != JF_OK)
		goto done;
	if (g.status) {
		jf_gitrun_errline(&g, &msg);
		jf_error(d, "cannot list the ledger files at '%s': %s", rev, msg.s);
		st = JF_SYSTEM;
		goto done;
	}
	/* records: "MODE SP TYPE SP OID TAB PATH NUL" */
	for (size_t at = 0; at < g.out.len && (st == JF_OK || st == JF_INVALID);) {
		char *rec = g.out.s + at;
		size_t len = strlen(rec);
		char *tab = memchr(rec, '\t', len);
		at += len + 1;
		if (!tab || tab - rec < 12) {
			jf_error(d, "unexpected output from 'git ls-tree'");
			st = JF_SYSTEM;
			break;
		}
		*tab = '\0';
		const char *path = tab + 1;
		char *sp1 = strchr(rec, ' '), *sp2 = sp1 ? strchr(sp1 + 1, ' ') : NULL;
		if (!sp2) {
			jf_error(d, "unexpected output from 'git ls-tree'");
			st = JF_SYSTEM;
			break;
		}
		*sp1 = *sp2 = '\0';
		const char *oid = sp2 + 1;
		if ((strcmp(rec, "100644") && strcmp(rec, "100755")) || strcmp(sp1 + 1, "blob") ||
		    !hex_oid(oid, strlen(oid)) || !ledger_file(path))
			continue;
		enum jf_status fst = check_file(root, rev, path, oid, d);
		st = fst == JF_INVALID ? jf_status_worst(st, fst) : fst == JF_OK ? st : fst;
	}
	if (st == JF_OK && d->errors != errs)
		st = JF_INVALID;
done:
	jf_gitrun_release(&g);
	jf_buf_release(&spec);
	jf_buf_release(&msg);
	return st;
}
