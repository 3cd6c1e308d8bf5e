/* jf-wish - the wish wall (SPEC 4.3).  This file only dispatches `list`
 * (wish_list.c); the writers (post, take, done, drop) come with their own
 * jf-wish.c, which keeps this dispatch. */
#include <string.h>

#include "cli.h"
#include "i18n.h"
#include "wish_list.h"

int main(int argc, char **argv)
{
	jf_i18n_init();
	if (argc > 1 && !strcmp(argv[1], "list"))
		return jf_wish_list_main(argc - 1, argv + 1);
	/* --help, --version and anything else: the list's own parser says it */
	return jf_wish_list_main(argc, argv);
}
