#!/bin/sh
# 0819-cache-attack.sh - a hostile user against the reader cache (cache
# VERSION 12), from the attack helper.  Each case is a bug it found,
# failing before the fix named with it.
#
# 1. A ledger file edited (or replaced) while a reader that replays the
#    cache is between its cache check and its re-read of an entry's texts
#    (jf_entry_texts, by byte offset): the re-read checks only the id, date,
#    kind and ref of the bytes, so the command prints the entry's old
#    points (from the cached record) with its new texts: a line that no
#    version of the file ever held, exit 0.  It must be the error at the
#    entry ("the entry changed while the ledger was read"), as when the id
#    changes (0815), or the output of one version of the file.  Fixed:
#    the scan notes each file's identity when it checks it (jf_entry.fid)
#    and the re-read refuses a file that no longer has it.
. "$JF_TOP/tests/cmd/lib.sh"
XDG_CACHE_HOME=$T/key
export XDG_CACHE_HOME
t_failpoints

cd "$T" && t_book b && cd b || exit 99
F=ledger/2026/XB.yaml
t_setup jf-adjust -d 2026-11-01 -r 期初 XB-017 30
t_setup jf-add -d 2026-11-02 -n hello XB-017 clean-yard
t_setup jf-log XB-017

# the old version's output and the new one's: the reader must print one of
# them or stop with the error at the entry
jf-log XB-017 --no-cache >"$T/old"
sed 's/reason: 期初/reason: ABCDEF/; s/points: 30/points: 99/' $F >"$T/new.yaml"
JF_FAILPOINT=before-texts=stop "$FP/jf-log" XB-017 >"$T/out" 2>"$T/err" &
pid=$!
t_ok "1: jf-log stopped before reading the entry again" stopped $pid
# an edit in place that keeps the size (the id, date and kind stay)
cat "$T/new.yaml" >$F
# it stops before each entry it reads again
cont() { while kill -CONT "$1" 2>/dev/null && stopped "$1"; do :; done; }
cont $pid
wait $pid; rc=$?
jf-log XB-017 --no-cache >"$T/newout"
# stopped with the error: nothing printed; else one version, whole
if [ $rc -ne 0 ]; then
	if [ -s "$T/out" ]; then torn=yes; else torn=no; fi
elif cmp -s "$T/out" "$T/old" || cmp -s "$T/out" "$T/newout"; then torn=no; else torn=yes; fi
[ $torn = no ] || { echo "# printed:"; sed 's/^/#   /' "$T/out"; }
t_ok "1: an entry edited under the re-read: no torn line (old points, new texts)" [ $torn = no ]
if [ $rc -ne 0 ]; then
	t_errhas "1: an entry edited under the re-read: the error at the entry" \
		'the entry changed while the ledger was read; read it again'
fi
