#!/usr/bin/env bash
# make demo: start a throwaway WordPress on 127.0.0.1, publish sample-content/
# to it with wpsync, and print where each post went.
set -euo pipefail
cd "$(dirname "$0")/.."

env_file=$(scripts/wordpress.sh up demo)
# shellcheck disable=SC1090
set -a; . "$env_file"; set +a
state="$(dirname "$env_file")/state.json"

echo "WordPress is up at $WPSYNC_URL (admin login: user admin, password in $env_file)"
echo
echo "== wpsync sync sample-content"
bin/wpsync sync sample-content --state "$state"
echo
echo "== a second run sends nothing"
bin/wpsync sync sample-content --state "$state"
echo
echo "Open $WPSYNC_URL to see the posts; stop the site with: scripts/wordpress.sh down demo"
