# scripts/po-opts.awk FILE.c... - the help strings of the option tables
# (struct jf_cli_opt: { "name", 'x', "ARG", "help", val }, as in cmd/*.c and
# lib/cli.c) as .pot entries, so that `make pot` finds them without a
# marker.  lib/cli.c translates them when it prints --help.
/\{ *"[a-z][a-z0-9-]*", *('[^']*'|0|[A-Za-z_][A-Za-z0-9_]*), *(NULL|"[^"]*"), *"/ {
	s = $0
	sub(/.*\{ *"[a-z][a-z0-9-]*", *('[^']*'|0|[A-Za-z_][A-Za-z0-9_]*), *(NULL|"[^"]*"), *"/, "", s)
	if (!sub(/", *[A-Za-z0-9_']+ *\}.*/, "", s))
		next
	if (s in seen)
		next   # the same help in two tables: one message
	seen[s] = 1
	printf "#: %s:%d\nmsgid \"%s\"\nmsgstr \"\"\n\n", FILENAME, FNR, s
}
