#!/usr/bin/env bash
# Installs what e2e/editor_test.go needs to check block markup with
# WordPress's own block editor: headless Chromium (Debian's package) and
# playwright-core (npm, pinned in e2e/editor/package-lock.json). Each is
# installed only when missing or out of date, so a second run costs nothing.
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
