#!/bin/sh
# Settings files are read only as regular files: a symbolic link could make
# jf read, and quote in its messages, any file on the machine.
. "$JF_TOP/tests/cmd/lib.sh"
t_book b; cd b || exit 99
printf 'secret: 42\n' >"$T/secret.yaml"
for f in jf.yaml catalogue.yaml households.yaml; do
	mv "$f" "$T/$f.real"
	ln -s "$T/$f.real" "$f"
	t_invalid "$f as a symbolic link" "$f: not a regular file (symbolic links are not followed)"
	rm "$f"
	ln -s "$T/secret.yaml" "$f"
	run jf-check
	t_rc 3 "$f linked to another file: exit 3"
	t_ok "$f linked to another file: its text is not quoted" sh -c "! grep -q secret '$T/err'"
	rm "$f"
	mv "$T/$f.real" "$f"
done
run jf-check -q
t_rc 0 "the book is valid again with regular files"
