#!/bin/sh
# tests/render-html.sh REPORT.html [OUT.png] - render a jf-report HTML page to
# a PNG with headless Chromium (A4 portrait at 150 dpi: 1240x1754 pixels) so
# that a person can look at it.  Chromium runs with every network and update
# feature off and a throw-away profile.  Without /usr/bin/chromium it prints
# a skip message and exits 0.  OUT.png defaults to REPORT.png.
set -u
if [ $# -lt 1 ] || [ $# -gt 2 ]; then
	echo "usage: tests/render-html.sh REPORT.html [OUT.png]" >&2
	exit 2
fi
in=$1
out=${2:-${in%.html}.png}
chromium=${CHROMIUM:-/usr/bin/chromium}
if [ ! -x "$chromium" ]; then
	echo "skip: $chromium not found; not rendering $in (apt-get install chromium)"
	exit 0
fi
[ -f "$in" ] || { echo "render-html.sh: no such file: $in" >&2; exit 2; }
case $in in /*) url=file://$in ;; *) url=file://$(pwd)/$in ;; esac
profile=$(mktemp -d) || exit 4
trap 'rm -rf "$profile"' EXIT INT TERM
"$chromium" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
	--disable-background-networking --disable-component-update --disable-sync \
	--user-data-dir="$profile" --screenshot="$out" --window-size=1240,1754 \
	"$url" >"$profile/log" 2>&1
rc=$?
if [ "$rc" -ne 0 ] || [ ! -s "$out" ]; then
	echo "render-html.sh: chromium failed (exit $rc):" >&2
	sed 's/^/    /' "$profile/log" >&2
	exit 1
fi
echo "rendered $in to $out"
