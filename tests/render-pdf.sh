#!/bin/sh
# tests/render-pdf.sh PAGE.html OUT.pdf [PNG-PREFIX] - print a jf HTML page to
# PDF with headless Chromium, as a browser's "Print" would (the page's own
# @page size, no header or footer lines), and with PNG-PREFIX also each
# sheet as PNG-PREFIX-N.png at 100 dpi (pdftoppm, poppler-utils) so that a
# person can look at it.  Chromium runs with every network and update
# feature off and a throw-away profile.  Exit 0 when done, 1 when chromium
# or pdftoppm failed, 2 on usage, 77 when chromium is not installed.
set -u
if [ $# -lt 2 ] || [ $# -gt 3 ]; then
	echo "usage: tests/render-pdf.sh PAGE.html OUT.pdf [PNG-PREFIX]" >&2
	exit 2
fi
in=$1 out=$2 png=${3:-}
chromium=${CHROMIUM:-/usr/bin/chromium}
[ -x "$chromium" ] || { echo "skip: $chromium not found (apt-get install chromium)"; exit 77; }
[ -f "$in" ] || { echo "render-pdf.sh: no such file: $in" >&2; exit 2; }
case $in in /*) url=file://$in ;; *) url=file://$(pwd)/$in ;; esac
profile=$(mktemp -d) || exit 4
trap 'rm -rf "$profile"' EXIT INT TERM
timeout 120 "$chromium" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
	--disable-background-networking --disable-component-update --disable-sync \
	--user-data-dir="$profile" --no-pdf-header-footer --print-to-pdf="$out" \
	"$url" >"$profile/log" 2>&1
rc=$?
if [ "$rc" -ne 0 ] || [ ! -s "$out" ]; then
	echo "render-pdf.sh: chromium failed (exit $rc):" >&2
	sed 's/^/    /' "$profile/log" >&2
	exit 1
fi
if [ -n "$png" ]; then
	pdftoppm -r 100 -png "$out" "$png" || { echo "render-pdf.sh: pdftoppm failed" >&2; exit 1; }
fi
exit 0
