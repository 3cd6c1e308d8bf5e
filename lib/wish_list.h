/* wish_list.h - jf-wish list: the wish wall (SPEC 4.3). */
#ifndef JF_WISH_LIST_H
#define JF_WISH_LIST_H

/* The whole of `jf-wish list`: argv[0] is the program ("jf-wish"), the
 * subcommand "list" taken out, the rest its options.  Returns the exit
 * status. */
int jf_wish_list_main(int argc, char **argv);

#endif
