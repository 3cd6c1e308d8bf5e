/* review_read.c - a reviewed entry's state as the readers show it. */
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "cmp.h"
#include "kind.h"
#include "review_read.h"

bool jf_review_entry(const struct jf_entry *e, jf_date as_of, struct jf_review_state *out)
{
	if (!e->self || !e->self->need || !jf_effect_stateful(e->self))
		return false;
	struct jf_fu few[16], *f = few;
	if (e->nfus > sizeof few / sizeof *few)
		f = jf_reallocarray(NULL, e->nfus, sizeof *f);
	if (e->nfus)
		memcpy(f, e->fus, e->nfus * sizeof *f);
	jf_review_replay(e->self, f, e->nfus, as_of, out);
	if (f != few)
		free(f);
	return true;
}

int jf_review_key_cmp(struct jf_review_key x, struct jf_review_key y)
{
	int c;
	if ((c = JF_CMP(x.village, y.village)) || (c = JF_CMP(x.day, y.day)) ||
	    (c = JF_CMP(x.household, y.household)))
		return c;
	return strcmp(x.id, y.id);
}
