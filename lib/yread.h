/* yread.h - a strict, bounded front end to libyaml's event parser.
 *
 * Every jf data file is read through this.  It enforces what SPEC section 1
 * asks of all files before a caller sees an event: valid UTF-8 (checked by
 * jf itself so the error has a line and column), no NUL or other control
 * characters but tab/LF/CR, no aliases, anchors, tags or directives, a
 * bounded file size, scalar size and nesting depth (libyaml 0.2.5 has no
 * depth limit of its own).  Problems become diagnostics "FILE:LINE:COL:".
 * Lines and columns are 1-based; columns count characters.
 *
 * The input is a file descriptor (jf_yread_open, jf_yread_fd) or bytes in
 * memory (jf_yread_mem).  struct jf_yread is the reader's own: callers
 * never write its fields; they set options with jf_yread_set() before the
 * first event and learn where the reader stands with jf_yread_where().
 * With jf_yread_opts.tokens (the ledger reader's) the events of block
 * collections and scalars are made from libyaml's tokens without its
 * parser, which is faster; anything else, and every error, sends the
 * reader back to the start of its input with the parser (yread.c): the
 * events and diagnostics a caller sees are the same either way.
 */
#ifndef JF_YREAD_H
#define JF_YREAD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <yaml.h>

#include "buf.h"
#include "diag.h"
#include "hash.h"
#include "status.h"
#include "strmap.h"

enum jf_yev_type {
	JF_YEV_END,       /* end of stream */
	JF_YEV_DOC_START,
	JF_YEV_DOC_END,
	JF_YEV_SEQ_START,
	JF_YEV_SEQ_END,
	JF_YEV_MAP_START,
	JF_YEV_MAP_END,
	JF_YEV_SCALAR,
};

struct jf_yev {
	enum jf_yev_type type;
	unsigned long line, col;  /* where the event starts */
	const char *value;        /* scalar text, NUL-terminated; valid until
				   * the next jf_yread_next() */
	size_t len;
	bool flow;                /* flow-style collection ({...} or [...]) */
	bool marker;              /* DOC_START, DOC_END: written out ('---',
				   * '...'), not implied */
	bool quoted;              /* SCALAR: in quotes or a block scalar */
};

struct jf_ylimits {
	uint64_t max_bytes;  /* file size */
	size_t max_scalar;   /* bytes in one scalar */
	int max_depth;       /* nested collections */
	bool allow_cr;       /* CR (of CRLF) allowed; ledgers refuse it */
	unsigned long max_line; /* characters in a line, checked as bytes
				 * arrive so an oversized value is refused
				 * before libyaml buffers it (0: no limit) */
};

/* Options of a reader (jf_yread_set); zero: read everything, no hash. */
struct jf_yread_opts {
	uint64_t limit;          /* read no more than this many bytes (0: all) */
	unsigned long line_base; /* lines before the first byte read (a tail) */
	struct jf_hash *hash;    /* if set, every byte read is hashed into it */
	bool tokens;             /* make the events of block collections and
				  * scalars from libyaml's tokens (yread.c;
				  * the input must be memory or a regular
				  * file, read again if need be); the events
				  * are the same either way */
};

/* Where a reader stands (jf_yread_where). */
struct jf_ywhere {
	uint64_t bytes;          /* read so far (what libyaml was handed) */
	unsigned long line;      /* the line the next byte is on (line_base
				  * counted) */
	bool syntax_error;       /* the error was libyaml's: the text does
				  * not parse */
	unsigned long syntax_line; /* where the unparsable construct starts */
};

struct jf_yahead;
struct jf_ytok;

/* The reader's state: private to yread.c (see the top comment). */
struct jf_yread {
	yaml_parser_t parser;
	struct jf_yahead *ahead; /* events parsed ahead (yread.c) */
	struct jf_ytok *tok;     /* events made from tokens (yread.c) */
	bool want_tok;           /* jf_yread_opts.tokens */
	int fd;                  /* -1: reading from memory */
	const unsigned char *mem;
	size_t memlen, memoff;
	bool own_fd;         /* opened by jf_yread_open, closed by close */
	char *name;          /* file name as shown in diagnostics */
	struct jf_ylimits lim;
	struct jf_diags *diags;
	int depth;
	bool failed;         /* an error was reported; no more events */
	bool syntax_error;   /* it was libyaml's: the text does not parse */
	unsigned long syntax_line; /* where the unparsable construct starts */
	/* input checking state */
	uint64_t nread;
	uint64_t limit;      /* read no more than this many bytes (0: all) */
	unsigned long line_base; /* lines before the first byte read (a tail) */
	struct jf_hash *hash;    /* if set, every byte read is hashed into it */
	unsigned long line, col;
	unsigned char pend[4];
	uint64_t nread_before;   /* bytes read before the current chunk */
	size_t seq_off;          /* where the character being read began in it */
	bool after_cr;           /* the last byte was CR */
	size_t npend, need;
	bool input_error;
	bool fail_pending;   /* a bad byte seen; reported when libyaml asks
			      * for input past the good bytes before it */
	struct jf_buf fail_msg;
	unsigned long fail_line, fail_col;
	bool last_newline;   /* the last byte read was '\n' (or none read) */
	uint64_t gap;        /* bytes read since the last event */
	unsigned char mk[8]; /* the first bytes of the current line, to */
	size_t nmk;          /* spot git's conflict markers (8: done) */
	struct { unsigned long line, col; } tabs[64]; /* the last tabs read, */
	size_t ntabs;        /* to name a tab libyaml refuses (ring) */
	enum jf_status sys;  /* JF_SYSTEM after an I/O error */
	/* the input read again after events made from tokens (yread.c):
	 * once recheck_nread bytes are read again they must hash as before */
	bool recheck;
	uint64_t recheck_nread;
	struct jf_hash recheck_hash;
};

/* Open path for reading (name is how diagnostics call it; copied).
 * Returns JF_OK, or JF_SYSTEM with a diagnostic. */
enum jf_status jf_yread_open(struct jf_yread *r, const char *path, const char *name,
			     const struct jf_ylimits *lim, struct jf_diags *d);
/* Read from an already open fd (not closed by jf_yread_close). */
void jf_yread_fd(struct jf_yread *r, int fd, const char *name,
		 const struct jf_ylimits *lim, struct jf_diags *d);
/* Read the n bytes at s (they must outlive the reader). */
void jf_yread_mem(struct jf_yread *r, const char *s, size_t n, const char *name,
		  const struct jf_ylimits *lim, struct jf_diags *d);
/* Set the reader's options; only before the first jf_yread_next(). */
void jf_yread_set(struct jf_yread *r, const struct jf_yread_opts *o);
/* Where the reader stands. */
void jf_yread_where(const struct jf_yread *r, struct jf_ywhere *w);
/* Next event into *ev.  Returns 1 for an event, 0 at the end of the stream
 * and -1 after an error (reported once into the diagnostics). */
int jf_yread_next(struct jf_yread *r, struct jf_yev *ev);
/* Skip the rest of the collection whose START event was just returned.
 * Returns 0, or -1 on error. */
int jf_yread_skip(struct jf_yread *r);
/* Close and free.  Returns JF_SYSTEM if an I/O error happened, else JF_OK. */
enum jf_status jf_yread_close(struct jf_yread *r);

/* A small document tree for the settings files (jf.yaml, catalogue.yaml,
 * households.yaml), which are small: memory grows with their size. */
enum jf_ynode_type { JF_YN_SCALAR, JF_YN_SEQ, JF_YN_MAP };

struct jf_ynode {
	enum jf_ynode_type type;
	unsigned long line, col;
	char *value;             /* scalar text (JF_YN_SCALAR) */
	struct jf_ynode **kids;  /* SEQ: items; MAP: key, value, key, value... */
	size_t nkids, cap;
};

/* Read a whole file into a tree (NULL for an empty file).  Duplicate keys
 * are reported.  Returns JF_OK, JF_INVALID or JF_SYSTEM with diagnostics;
 * *root is set only on JF_OK and freed with jf_ynode_free(). */
enum jf_status jf_yread_tree(const char *path, const char *name,
			     const struct jf_ylimits *lim, struct jf_ynode **root,
			     struct jf_diags *d);
void jf_ynode_free(struct jf_ynode *n);
/* A node of type t at ev's place (a scalar takes ev's text); free it with
 * jf_ynode_free(). */
struct jf_ynode *jf_ynode_new(enum jf_ynode_type t, const struct jf_yev *ev);
/* Add child k to p (p owns it now). */
void jf_ynode_push(struct jf_ynode *p, struct jf_ynode *k);

/* The keys of one mapping being read, copied (events do not keep their
 * text), so that a duplicate is found.  Start from JF_YKEYS_INIT. */
struct jf_ykeys {
	struct jf_strmap m;
	char **v;
	size_t n;
};
#define JF_YKEYS_INIT { JF_STRMAP_INIT, NULL, 0 }
void jf_ykeys_release(struct jf_ykeys *k);
/* Note key ev of a mapping in k: false after an error that ends the read
 * (the key is not plain text); a duplicate is said and sets *bad. */
bool jf_ykey_ok(struct jf_yread *r, struct jf_ykeys *k, const struct jf_yev *ev, bool *bad);

/* A bound on the nodes jf_yread_value() makes: left counts down; the node
 * that finds none left is not read, over is set and line, col say where it
 * starts (the caller says why it refuses so many). */
struct jf_ybudget {
	size_t left;
	bool over;
	unsigned long line, col;
};
/* The value whose first event is ev, as a tree: collections to depth levels
 * (deeper ones become empty nodes of their type, their contents read past
 * with the same key checks), keys checked by jf_ykey_ok(), at most
 * budget->left nodes when budget is not NULL.  Recursion is bounded by the
 * reader's depth limit.  NULL after an error. */
struct jf_ynode *jf_yread_value(struct jf_yread *r, const struct jf_yev *ev, bool *bad,
				int depth, struct jf_ybudget *budget);

#endif
