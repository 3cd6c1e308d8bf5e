/* cmp.h - three-way comparison for qsort comparators.
 *
 * JF_CMP(a, b) is -1, 0 or 1 as a is below, equal to or above b (a and b
 * are evaluated twice: pass plain fields).  A comparator of several keys
 * chains them, the first that differs deciding:
 *
 *	int c;
 *	if ((c = JF_CMP(x->date, y->date)) || (c = JF_CMP(x->household, y->household)))
 *		return c;
 *	return strcmp(x->id, y->id);
 */
#ifndef JF_CMP_H
#define JF_CMP_H

#define JF_CMP(a, b) (((a) > (b)) - ((a) < (b)))

#endif
