/* i18n.h - messages in the user's language (GNU gettext, text domain "jf").
 *
 * The English text in the sources is the message id; po/zh_CN.po holds the
 * Chinese, compiled to LOCALEDIR/zh_CN/LC_MESSAGES/jf.mo.  Translation
 * happens at the few funnels that every message passes (jf_diag_vadd, the
 * --help of lib/cli.c, the column headers of jf-balance and jf-log), so a
 * new message needs no marker where it is written: `make pot` extracts it
 * (the keyword list is the Makefile's) and tests/cmd/0057-po.sh fails until
 * po/zh_CN.po translates it.  Until jf_i18n_init() runs (unit tests, or a
 * program that never calls it) jf_tr() returns its argument.
 */
#ifndef JF_I18N_H
#define JF_I18N_H

#include "book.h"
#include "format.h"

/* Mark a string for `make pot` where it is defined; translate it where used. */
#define N_(s) (s)

/* Once per process, before the first message: take LC_MESSAGES and
 * LC_CTYPE from the environment (only those: numbers, dates and sorting
 * stay the C locale's), and bind "jf" to $JF_LOCALEDIR, else the build
 * tree's locale/ beside bin/ when run from there, else the installed
 * PREFIX/share/locale.  Translations come out in UTF-8, as the book does.
 * Calling it again does nothing. */
void jf_i18n_init(void);
/* The translation of msgid (a static string; so is the result). */
const char *jf_tr(const char *msgid) __attribute__((format_arg(1)));
/* A column header or table word ("balance", "total"): Chinese when the
 * book says `lang: zh` (whatever the locale), else as jf_tr(). */
const char *jf_tr_head(enum jf_lang lang, const char *msgid) __attribute__((format_arg(2)));
/* A table's column header in fmt: jf_tr_head() in text, else msgid as it
 * is (TSV, CSV and the others keep the English names). */
const char *jf_tr_col(enum jf_lang lang, enum jf_format fmt, const char *msgid)
	__attribute__((format_arg(3)));

struct jf_table;
/* A new table (table.h) of n columns headed names[] (each as jf_tr_col()),
 * those whose bit (1 << i) is set in right aligned right. */
struct jf_table *jf_tr_table(enum jf_lang lang, enum jf_format fmt, const char *const *names,
			     size_t n, unsigned long long right);

#endif
