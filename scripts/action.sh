#!/usr/bin/env bash
# The logic of the GitHub Action in action.yml: install a pinned wpsync,
# publish a folder with `wpsync sync --output github`, and commit the state
# file back when it exists and changed, rebasing onto what others pushed
# meanwhile. scripts/action_test.go runs it against a local git repository.
#
# Environment (set by action.yml from its inputs):
#   WPSYNC_VERSION   wpsync to install: a tag (v1.2.0) or commit; default
#                    ACTION_REF, the ref the action itself is used at
#   WPSYNC_BIN       a wpsync binary to use instead of installing one (tests)
#   WPSYNC_DIR       the folder to publish (default .)
#   WPSYNC_ARGS      more arguments for `wpsync sync`, split on spaces
#   WPSYNC_COMMIT_STATE  "false" to leave the state file alone
#   WPSYNC_URL, WPSYNC_USER, WPSYNC_APP_PASSWORD  as for wpsync; an empty
#                    URL or user is dropped, so wpsync.yaml's applies
#
# Exit code: wpsync's (0 all synced, 1 some file failed, 2 nothing synced),
# or 3 when the state file could not be pushed.
set -euo pipefail

dir=${WPSYNC_DIR:-.}
bin=${WPSYNC_BIN:-}

if [[ -z $bin ]]; then
	version=${WPSYNC_VERSION:-${ACTION_REF:-}}
	if [[ -z $version ]]; then
		echo "::error title=wpsync::no wpsync version to install: use the action at a tag (uses: wpsync/wpsync@v1.2.0) or set its version input"
		exit 2
	fi
	case $version in
	main | master | latest)
		echo "::warning title=wpsync::wpsync@$version is not pinned: each run may install another wpsync; use a tag" ;;
	esac
	gobin=${RUNNER_TEMP:-$(mktemp -d)}/wpsync-bin
	GOBIN=$gobin go install "github.com/wpsync/wpsync/cmd/wpsync@$version"
	bin=$gobin/wpsync
fi

# An input left empty must not hide wpsync.yaml's value.
for v in WPSYNC_URL WPSYNC_USER; do
	[[ -n ${!v:-} ]] || unset "$v"
done

read -r -a extra <<<"${WPSYNC_ARGS:-}"
code=0
"$bin" sync "$dir" --output github "${extra[@]}" || code=$?

# commit_state commits the state file when it exists and changed, and pushes
# it, rebasing onto commits pushed meanwhile (another run, an author).
commit_state() {
	local state=$dir/.wpsync/state.json
	if [[ ! -f $state ]]; then
		echo "wpsync: no state file at $state: nothing to commit"
		return 0
	fi
	if git check-ignore -q -- "$state"; then
		echo "wpsync: $state is ignored by git: not committed"
		return 0
	fi
	git add -- "$state"
	if git diff --cached --quiet -- "$state"; then
		echo "wpsync: state file unchanged"
		return 0
	fi
	git -c user.name="github-actions[bot]" \
		-c user.email="41898282+github-actions[bot]@users.noreply.github.com" \
		commit --quiet -m "wpsync: update state file" -- "$state"
	local branch=${GITHUB_HEAD_REF:-${GITHUB_REF_NAME:-$(git rev-parse --abbrev-ref HEAD)}}
	local try
	for try in 1 2 3; do
		if git pull --quiet --rebase --autostash origin "$branch" && git push --quiet origin "HEAD:$branch"; then
			echo "wpsync: state file committed and pushed to $branch"
			return 0
		fi
		# A rebase that stopped (the state file changed on both sides)
		# must not stay half done.
		git rebase --abort >/dev/null 2>&1 || true
		sleep $((try * 2))
	done
	echo "::error title=wpsync::could not push the state file to $branch: pull, then run wpsync sync again (it finds every post by its slug, no duplicates)"
	return 1
}

# Exit 2 stopped the run before any file: the state is as it was.
if [[ ${WPSYNC_COMMIT_STATE:-true} != false ]] && ((code != 2)); then
	commit_state || exit 3
fi
exit "$code"
