/* format.h - the output formats a reader can write (--format).
 *
 * The values are bits, so a command can say which formats it accepts as
 * one mask (struct jf_cli's formats, cli.h); the formatters (balance.h,
 * stmt.h, report.h) take one of them.
 */
#ifndef JF_FORMAT_H
#define JF_FORMAT_H

enum jf_format {
	JF_FMT_TEXT = 1 << 0, JF_FMT_TSV = 1 << 1, JF_FMT_CSV = 1 << 2,
	JF_FMT_JSON = 1 << 3, JF_FMT_MARKDOWN = 1 << 4, JF_FMT_HTML = 1 << 5,
};

#endif
