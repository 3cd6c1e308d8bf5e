/* wish_list.c - jf-wish list: a stub until the wall is built. */
#include <stdio.h>

#include "wish_list.h"

int jf_wish_list_main(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	fputs("jf-wish list: not built yet\n", stderr);
	return 2;
}
