/* init.h - jf init DIR: a new, minimal, valid book (SPEC 4.1). */
#ifndef JF_INIT_H
#define JF_INIT_H

#include "diag.h"
#include "sheet.h"
#include "status.h"

struct jf_init {
	const char *households;  /* a sheet of the register, or NULL */
	const char *township;    /* NULL: a placeholder */
	enum jf_sheet_enc enc;
};

/* The columns of a register sheet: id|户号, head|户主, village|村 (a code),
 * and optionally village name|村名, since|开户, until|销户. */
#define JF_INIT_NCOLS 6
extern const struct jf_sheet_col jf_init_columns[JF_INIT_NCOLS];

/* Write the book into dir (made; it must not exist, or be empty): jf.yaml
 * (the villages of the register), catalogue.yaml, households.yaml,
 * .gitattributes (merge=jf for the ledger), .gitignore (.jf/) and ledger/.  A
 * register sheet's bad ids, duplicates, empty heads, bad dates are refused
 * as "FILE:ROW: message" (JF_USAGE), before anything is written.  The book
 * written is opened once to prove it valid. */
enum jf_status jf_init_book(const char *dir, const struct jf_init *o, struct jf_diags *d);

#endif
