/* yamlloop.c - the baseline: a bare libyaml event loop over a ledger.
 *
 * usage: yamlloop DIR
 *
 * Parses every *.yaml under DIR (recursively) with libyaml's event API and
 * sums the values of the `points` keys of the entries, as exact hundredths.
 * No checks, no index, no accounts: the least any YAML reader must do, and
 * the yardstick bench/run.sh divides the jf timings by.  Prints
 * "F files, E entries, points S".
 */
#define _XOPEN_SOURCE 700
#include <errno.h>
#include <ftw.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <yaml.h>

static long long nfiles, nentries;
static int64_t total; /* hundredths */

/* "6.5" -> 650, "-0.25" -> -25; no validation. */
static int64_t hundredths(const unsigned char *s, size_t n)
{
	int neg = 0, frac = -1;
	int64_t v = 0;
	size_t i = 0;
	if (i < n && (s[i] == '-' || s[i] == '+'))
		neg = s[i++] == '-';
	for (; i < n; i++) {
		if (s[i] == '.') {
			frac = 0;
			continue;
		}
		if (frac >= 2)
			break;
		v = v * 10 + (s[i] - '0');
		if (frac >= 0)
			frac++;
	}
	for (int k = frac < 0 ? 0 : frac; k < 2; k++)
		v *= 10;
	return neg ? -v : v;
}

static int parse(const char *path)
{
	FILE *f = fopen(path, "rb");
	yaml_parser_t p;
	yaml_event_t ev;
	int depth = 0, nscalar = 0, points_next = 0, done = 0, ok = 1;

	if (!f) {
		fprintf(stderr, "yamlloop: %s: %s\n", path, strerror(errno));
		return -1;
	}
	yaml_parser_initialize(&p);
	yaml_parser_set_input_file(&p, f);
	while (!done) {
		if (!yaml_parser_parse(&p, &ev)) {
			fprintf(stderr, "yamlloop: %s:%zu:%zu: %s\n", path, p.problem_mark.line + 1,
				p.problem_mark.column + 1, p.problem ? p.problem : "parse error");
			ok = 0;
			break;
		}
		switch (ev.type) {
		case YAML_MAPPING_START_EVENT:
			depth++;
			nscalar = 0;
			if (depth == 1)
				nentries++;
			break;
		case YAML_MAPPING_END_EVENT:
			depth--;
			break;
		case YAML_SCALAR_EVENT:
			if (depth == 1) {
				if (points_next)
					total += hundredths(ev.data.scalar.value, ev.data.scalar.length);
				points_next = nscalar % 2 == 0 && ev.data.scalar.length == 6 &&
					      !memcmp(ev.data.scalar.value, "points", 6);
				nscalar++;
			}
			break;
		case YAML_STREAM_END_EVENT:
			done = 1;
			break;
		default:
			break;
		}
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&p);
	fclose(f);
	nfiles++;
	return ok ? 0 : -1;
}

static int visit(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
	size_t n = strlen(path);
	(void)st;
	(void)ftw;
	if (type == FTW_F && n > 5 && !strcmp(path + n - 5, ".yaml"))
		return parse(path) < 0 ? 1 : 0;
	return 0;
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: yamlloop DIR\n");
		return 2;
	}
	int r = nftw(argv[1], visit, 16, FTW_PHYS);
	if (r < 0) {
		fprintf(stderr, "yamlloop: %s: %s\n", argv[1], strerror(errno));
		return 1;
	}
	if (r)
		return 1;
	int64_t mag = total < 0 ? -total : total;
	printf("%lld files, %lld entries, points %s%" PRId64 ".%02d\n", nfiles, nentries,
	       total < 0 ? "-" : "", mag / 100, (int)(mag % 100));
	return 0;
}
