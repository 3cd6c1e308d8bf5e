#!/bin/sh
# 0205-now-range.sh - a JF_NOW that parses but that a writer cannot use is a
# usage error (exit 2) that says so, not a system fault (exit 4) blamed on
# the random source or the time zone: before 1970-01-01T00:00:00Z (a new
# id holds its time since 1970), or a day after 9999-12-31 in the book's
# zone.  Nothing is written.  Readers take such a JF_NOW as before.
. "$JF_TOP/tests/cmd/lib.sh"
U='usage: jf-add [-C dir] [-d date] [-n note] [-b name] [--dry-run] [--wait seconds] [--no-cache] [--format fmt] [--batch file [--encoding enc] [--again]] [household activity [qty]]'
t_book b; cd b || exit 99
for now in 1969-12-31T23:59:59Z 1970-01-01T07:59:59+08:00; do
	JF_NOW=$now t_refuse "jf-add at JF_NOW=$now" 2 jf-add -d 1969-12-31 XB-018 litter <<-EOF
	jf-add: JF_NOW is before 1970-01-01T00:00:00Z: a new entry's id cannot hold that time
	$U
	EOF
done
# 9999-12-31T16:00:00Z is already 10000-01-01 in Asia/Shanghai
JF_NOW=9999-12-31T16:00:00Z t_refuse "jf-add at JF_NOW=9999-12-31T16:00:00Z" 2 jf-add XB-018 litter <<EOF
jf-add: JF_NOW is after 9999-12-31 in the book's time zone 'Asia/Shanghai', the last day jf takes
$U
EOF
# the ends of the range still work
JF_NOW=1970-01-01T08:00:00+08:00 run jf-add --dry-run -d 1970-01-01 XB-018 litter
t_rc 0 "jf-add at JF_NOW=1970-01-01T00:00:00Z: exit 0"
JF_NOW=9999-12-31T15:59:59Z run jf-add --dry-run XB-018 litter
t_rc 0 "jf-add at JF_NOW=9999-12-31T15:59:59Z (23:59:59 in the book's zone): exit 0"
# a reader is not concerned with ids
JF_NOW=1969-12-31T23:59:59Z run jf-balance XB-018
t_rc 0 "jf-balance at JF_NOW=1969-12-31T23:59:59Z: exit 0"
