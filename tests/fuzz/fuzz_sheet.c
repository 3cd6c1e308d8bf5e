/* fuzz_sheet.c - libFuzzer target for the sheet reader (sheet.h).
 *
 * Build and run with tests/fuzz/run.sh (target "sheet").  The first byte of
 * the input chooses the separator (bit 0: TSV) and the encoding (bit 1:
 * GB18030); the rest is the sheet.  When it parses, every cell must be
 * valid UTF-8 of at most JF_SHEET_MAX_CELL bytes, every record but blank
 * ones as wide as the header, and the sheet written back as UTF-8 CSV with
 * every cell quoted must parse to the same cells.  A difference aborts, so
 * the fuzzer keeps the input.  The column mapper runs on the header too.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "diag.h"
#include "sheet.h"
#include "width.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const struct jf_sheet_col cols[] = {
	{ "household|户号", true }, { "activity|项目", false }, { "item|商品", false },
	{ "qty|数量", false }, { "date|日期", false }, { "note|备注", false }, { "head|户主", false },
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct jf_diags d = JF_DIAGS_INIT;
	struct jf_sheet s, t;
	if (size < 1)
		return 0;
	char sep = (data[0] & 1) ? '\t' : ',';
	enum jf_sheet_enc enc = (data[0] & 2) ? JF_SHEET_GB18030 : JF_SHEET_UTF8;
	if (jf_sheet_parse(&s, "f.csv", (const char *)data + 1, size - 1, sep, enc, &d) == JF_OK) {
		struct jf_buf b = JF_BUF_INIT;
		size_t off;
		for (size_t r = 0; r < s.nrows; r++) {
			for (size_t c = 0; c < s.ncols; c++) {
				const char *v = jf_sheet_cell(&s, r, (int)c);
				size_t n = strlen(v);
				if (n > JF_SHEET_MAX_CELL || !jf_utf8_valid(v, n, &off))
					abort();
				jf_buf_addf(&b, "%s\"", c ? "," : "");
				for (const char *p = v; *p; p++) {
					if (*p == '"')
						jf_buf_addc(&b, '"');
					jf_buf_addc(&b, *p);
				}
				jf_buf_addc(&b, '"');
			}
			jf_buf_adds(&b, "\r\n");
		}
		struct jf_diags d2 = JF_DIAGS_INIT;
		if (jf_sheet_parse(&t, "g.csv", b.s, b.len, ',', JF_SHEET_UTF8, &d2) != JF_OK ||
		    t.nrows != s.nrows || t.ncols != s.ncols)
			abort();
		for (size_t r = 0; r < s.nrows; r++)
			for (size_t c = 0; c < s.ncols; c++)
				if (strcmp(jf_sheet_cell(&s, r, (int)c), jf_sheet_cell(&t, r, (int)c)))
					abort();
		int map[sizeof cols / sizeof *cols];
		(void)jf_sheet_columns(&s, cols, sizeof cols / sizeof *cols, map, &d2);
		jf_sheet_release(&t);
		jf_diags_release(&d2);
		jf_buf_release(&b);
	}
	jf_sheet_release(&s);
	jf_diags_release(&d);
	return 0;
}
