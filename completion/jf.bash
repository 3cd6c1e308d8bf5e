# bash completion for jf and the jf-* commands (jf(7)).
#
# Completes the commands of 'jf', each command's options and the values of
# --format, --week, --month and --village, -C/--book (a directory), -o (a
# file), --since (a git revision), and the operands from the book in use
# (-C DIR, else $JF_BOOK, else upward from the working directory):
# household ids, activity codes, goods codes and village codes.  The codes
# come from 'jf complete KIND', which reads the book's settings with jf's
# library (not its ledger); the options and formats from 'jf-CMD --help', so
# they are always those of the installed commands.
#
# Installed by 'make install' as
# $(PREFIX)/share/bash-completion/completions/jf (and a link per jf-CMD),
# loaded by bash-completion on first use; or: . completion/jf.bash

# _jf_opts HELP: the options listed in HELP (a command's --help), one a line;
# _jf_argopts HELP: those that take an argument.
_jf_opts()
{
	printf '%s\n' "$1" | awk '/^ +-/ {
		for (i = 1; i <= NF; i++) {
			if ($i !~ /^-/) break
			o = $i; sub(/,$/, "", o); print o
		} }'
}
_jf_argopts()
{
	printf '%s\n' "$1" | awk '/^ +-/ && /--[a-z-]+ [^ ]/ {
		for (i = 1; i <= NF; i++) {
			if ($i !~ /^-/) break
			o = $i; sub(/,$/, "", o); print o
		} }'
}
# _jf_values HELP OPT: the words an option's argument may be, from its help
# line: "--format FMT  output as text|tsv|json ..." or "--week WEEK  ISO week:
# YYYY-Www, this or last".
_jf_values()
{
	printf '%s\n' "$1" | awk -v opt="$2" '/^ +-/ {
		for (i = 1; i <= NF; i++) {
			if ($i !~ /^-/) break
			o = $i; sub(/,$/, "", o)
			if (o != opt) continue
			if (opt == "--format") {
				for (j = i + 2; j <= NF; j++)
					if ($j ~ /\|/) {
						n = split($j, v, "|")
						for (k = 1; k <= n; k++)
							if (v[k] ~ /^[a-z][a-z0-9-]*$/) print v[k]
						break
					}
				continue
			}
			# periods: "YYYY-Www|this|last" or "YYYY-Www, this or last"
			for (j = i + 1; j <= NF; j++) {
				w = $j; gsub(/[,()]/, "", w)
				n = split(w, v, "|")
				for (k = 1; k <= n; k++)
					if (v[k] == "this" || v[k] == "last") print v[k]
			}
		} }'
}

_jf()
{
	local cur=${COMP_WORDS[COMP_CWORD]} first=${COMP_WORDS[0]##*/}
	local cmd start j w help opts argopts book= skip= n=0 ddash= kind=
	COMPREPLY=()

	if [[ $first == jf ]]; then
		if ((COMP_CWORD == 1)); then
			COMPREPLY=($(compgen -W "$(jf --help 2>/dev/null |
				awk '/^commands:/ { on = 1; next } on && /^    [a-z]/ { print $1 }')
				--help --version" -- "$cur"))
			return 0
		fi
		cmd=jf-${COMP_WORDS[1]}
		start=2
	else
		cmd=$first
		start=1
	fi
	help=$("$cmd" --help 2>/dev/null) || return 0
	opts=$(_jf_opts "$help")
	argopts=" $(_jf_argopts "$help" | tr '\n' ' ') "

	# the words before this one: the book, the operands so far, and
	# whether this word is an option's argument
	for ((j = start; j < COMP_CWORD; j++)); do
		w=${COMP_WORDS[j]}
		if [[ -n $skip ]]; then
			[[ $skip == -C || $skip == --book ]] && book=$w
			skip=
			continue
		fi
		if [[ -n $ddash ]]; then
			n=$((n + 1))
			continue
		fi
		case $w in
		--) ddash=1 ;;
		-[0-9]*) n=$((n + 1)) ;;   # a negative number is an operand
		-?*) [[ $argopts == *" $w "* ]] && skip=$w ;;
		*) n=$((n + 1)) ;;
		esac
	done
	book=${book/#\~/$HOME}

	if [[ -n $skip ]]; then
		case $skip in
		-C | --book)
			COMPREPLY=($(compgen -d -- "$cur"))
			return 0 ;;
		-o | --output)
			COMPREPLY=($(compgen -f -- "$cur"))
			return 0 ;;
		--village) kind=villages ;;
		--reviewer) kind=reviewers ;;
		--team) kind=teams ;;
		--volunteer) kind=volunteers ;;
		--service) kind=services ;;
		--activity) kind=activities ;;
		--since)
			COMPREPLY=($(compgen -W "HEAD $(git ${book:+-C "$book"} for-each-ref \
				--format='%(refname:short)' 2>/dev/null)" -- "$cur"))
			return 0 ;;
		*)
			COMPREPLY=($(compgen -W "$(_jf_values "$help" "$skip")" -- "$cur"))
			return 0 ;;
		esac
	elif [[ -z $ddash && $cur == -* ]]; then
		COMPREPLY=($(compgen -W "$opts" -- "$cur"))
		return 0
	else
		case $cmd:$n in
		jf-add:0 | jf-redeem:0 | jf-adjust:0 | jf-log:0 | jf-balance:* | jf-transfer:0 | jf-transfer:1) kind=households ;;
		jf-add:1) kind=activities ;;
		jf-redeem:1 | jf-restock:1) kind=goods ;;
		jf-restock:0) kind=villages ;;
		jf-review:0)
			COMPREPLY=($(compgen -W "approve object reject list" -- "$cur"))
			return 0 ;;
		jf-wish:0)
			COMPREPLY=($(compgen -W "post take done drop list" -- "$cur"))
			return 0 ;;
		jf-wish:1) [[ " ${COMP_WORDS[*]} " == *" post "* ]] && kind=households ;;
		jf-serve:0) kind=volunteers ;;
		jf-merge:*)
			COMPREPLY=($(compgen -f -- "$cur"))
			return 0 ;;
		esac
	fi
	[[ -n $kind ]] || return 0
	COMPREPLY=($(compgen -W "$(jf complete ${book:+-C "$book"} "$kind" 2>/dev/null)" -- "$cur"))
	return 0
}

complete -F _jf jf jf-add jf-adjust jf-balance jf-check jf-log jf-merge jf-redeem jf-report \
	jf-restock jf-void jf-transfer jf-expire jf-init jf-review jf-wish jf-serve
