#!/usr/bin/env bash
# Installs what e2e/editor_test.go and e2e/blocklib need to check block
# markup with WordPress's own block editor: headless Chromium (Debian's
# package), playwright-core, and today's @wordpress/blocks and
# @wordpress/block-library with esbuild (npm, pinned in
# e2e/editor/package-lock.json), bundled into e2e/editor/build/blocklib.js.
# Each is installed or built only when missing or out of date, so a second
# run costs nothing.
#
#   scripts/editor.sh install
set -euo pipefail
cd "$(dirname "$0")/.."

[[ ${1:-} == install ]] || { echo "usage: scripts/editor.sh install" >&2; exit 2; }

missing=()
command -v chromium >/dev/null || missing+=(chromium)
# The machine image ships Node.js 20; Debian's nodejs and npm otherwise.
command -v node >/dev/null || missing+=(nodejs)
command -v npm >/dev/null || missing+=(npm)
if ((${#missing[@]})); then
	[[ $(id -u) -eq 0 ]] || { echo "editor.sh: must run as root to install ${missing[*]}" >&2; exit 1; }
	echo "editor.sh: installing ${missing[*]}" >&2
	apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# npm ci when node_modules is older than the lock file (or absent).
dir=e2e/editor
if [[ ! -f $dir/node_modules/.package-lock.json || $dir/package-lock.json -nt $dir/node_modules/.package-lock.json ]]; then
	(cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
	touch "$dir/node_modules/.package-lock.json"
fi

# The bundle of today's block library for check.mjs (see blocklib.mjs).
out=$dir/build/blocklib.js
if [[ ! -f $out || $dir/package-lock.json -nt $out || $dir/blocklib.mjs -nt $out || ${BASH_SOURCE[0]} -nt $out ]]; then
	mkdir -p "$dir/build"
	# NODE_ENV and the flags the packages read at build time, as in
	# WordPress's own build; minified to load fast in the page. npm nests a
	# second, newer @wordpress/block-editor under core-data; bundled twice,
	# its save hooks would run twice (a paragraph's additional class written
	# twice), where WordPress loads one copy: the alias keeps one.
	"$dir/node_modules/.bin/esbuild" "$dir/blocklib.mjs" --bundle --minify --format=iife \
		--platform=browser --log-level=warning --outfile="$out.tmp" \
		--alias:@wordpress/block-editor="$(cd "$dir" && pwd)/node_modules/@wordpress/block-editor" \
		--define:process.env.NODE_ENV='"production"' \
		--define:globalThis.IS_GUTENBERG_PLUGIN=false --define:globalThis.SCRIPT_DEBUG=false
	mv "$out.tmp" "$out"
fi
