#!/usr/bin/env bash
# Render the sample article's HTML report and screenshot it with headless Chromium, to look at
# the page by eye (not run in CI). Needs Debian's chromium: apt-get install -y chromium
#
#   benchmarks/screenshot_html.sh [OUT.png] [WIDTH,HEIGHT]
set -euo pipefail
cd "$(dirname "$0")/.."

out="${1:-/tmp/factcheck-report.png}"
size="${2:-1200,1600}"
html="$(mktemp --suffix=.html)"
profile="$(mktemp -d)"
trap 'rm -rf "$html" "$profile"' EXIT

# Exit code 1 only means the article has findings.
factcheck --format html -o "$html" examples/envoy-returns.txt || [ $? -eq 1 ]
chromium --headless --no-sandbox --disable-gpu --disable-background-networking \
  --disable-component-update --disable-sync --no-first-run --user-data-dir="$profile" \
  --hide-scrollbars --screenshot="$out" --window-size="$size" "file://$html" 2>/dev/null
echo "screenshot: $out"
