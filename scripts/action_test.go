package scripts_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// The stub wpsync records its arguments, writes the state file it is given
// (STUB_STATE) into DIR/.wpsync, and exits with STUB_EXIT.
const stub = `#!/bin/sh
echo "$@" >> "$STUB_LOG"
if [ -n "$STUB_STATE" ]; then
	mkdir -p "$2/.wpsync"
	printf '%s\n' "$STUB_STATE" > "$2/.wpsync/state.json"
fi
exit "${STUB_EXIT:-0}"
`

type repo struct {
	t            *testing.T
	remote, work string
	env          []string
	log          string
}

// newRepo makes a bare remote and a clone of it holding content/a.md, as
// actions/checkout leaves a repository, and a stub wpsync.
func newRepo(t *testing.T) *repo {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	dir := t.TempDir()
	r := &repo{t: t, remote: filepath.Join(dir, "remote.git"), work: filepath.Join(dir, "work"), log: filepath.Join(dir, "stub.log")}
	bin := filepath.Join(dir, "wpsync")
	if err := os.WriteFile(bin, []byte(stub), 0o755); err != nil {
		t.Fatal(err)
	}
	r.env = append(os.Environ(),
		"HOME="+dir, "GIT_CONFIG_NOSYSTEM=1", "GIT_CONFIG_GLOBAL="+filepath.Join(dir, "gitconfig"),
		"GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@example.com", "GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@example.com",
		"WPSYNC_BIN="+bin, "WPSYNC_DIR=content", "GITHUB_REF_NAME=main", "STUB_LOG="+r.log,
		"WPSYNC_URL=", "WPSYNC_USER=", "WPSYNC_APP_PASSWORD=x",
	)
	r.git(dir, "init", "--quiet", "--bare", "-b", "main", r.remote)
	r.git(dir, "clone", "--quiet", r.remote, r.work)
	r.git(r.work, "checkout", "--quiet", "-b", "main")
	r.write(r.work, "content/a.md", "hello\n")
	r.git(r.work, "add", ".")
	r.git(r.work, "commit", "--quiet", "-m", "first")
	r.git(r.work, "push", "--quiet", "-u", "origin", "main")
	return r
}

func (r *repo) git(dir string, args ...string) string {
	r.t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir, cmd.Env = dir, r.env
	out, err := cmd.CombinedOutput()
	if err != nil {
		r.t.Fatalf("git %v: %v\n%s", args, err, out)
	}
	return strings.TrimSpace(string(out))
}

func (r *repo) write(dir, name, content string) {
	r.t.Helper()
	p := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		r.t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		r.t.Fatal(err)
	}
}

// action runs scripts/action.sh in the clone and returns its exit code and
// output.
func (r *repo) action(env ...string) (int, string) {
	r.t.Helper()
	script, err := filepath.Abs("action.sh")
	if err != nil {
		r.t.Fatal(err)
	}
	cmd := exec.Command("bash", script)
	cmd.Dir, cmd.Env = r.work, append(append([]string{}, r.env...), env...)
	out, err := cmd.CombinedOutput()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		r.t.Fatal(err)
	}
	return code, string(out)
}

// remoteLog is the remote's history, newest first: one subject a commit.
func (r *repo) remoteLog() []string {
	return strings.Split(r.git(r.work, "--git-dir", r.remote, "log", "--format=%s", "main"), "\n")
}

func (r *repo) remoteFile(name string) string {
	return r.git(r.work, "--git-dir", r.remote, "show", "main:"+name)
}

func TestAction_CommitsTheStateFileWhenItChanged(t *testing.T) {
	r := newRepo(t)

	// No state file (nothing published yet): nothing to commit.
	code, out := r.action()
	if code != 0 || len(r.remoteLog()) != 1 || !strings.Contains(out, "no state file") {
		t.Fatalf("exit %d, remote %v:\n%s", code, r.remoteLog(), out)
	}
	args, _ := os.ReadFile(r.log)
	if got := strings.TrimSpace(string(args)); got != "sync content --output github" {
		t.Errorf("wpsync ran with %q", got)
	}

	// A new state file is committed and pushed.
	code, out = r.action("STUB_STATE={\"v\":1}")
	if code != 0 {
		t.Fatalf("exit %d:\n%s", code, out)
	}
	if log := r.remoteLog(); len(log) != 2 || log[0] != "wpsync: update state file" {
		t.Errorf("remote history %v", log)
	}
	if got := r.remoteFile("content/.wpsync/state.json"); got != `{"v":1}` {
		t.Errorf("remote state %q", got)
	}

	// The same state again: no commit.
	code, out = r.action("STUB_STATE={\"v\":1}")
	if code != 0 || len(r.remoteLog()) != 2 || !strings.Contains(out, "unchanged") {
		t.Errorf("exit %d, remote %v:\n%s", code, r.remoteLog(), out)
	}

	// Someone pushed meanwhile: the state commit is rebased onto theirs.
	other := filepath.Join(t.TempDir(), "other")
	r.git(r.work, "clone", "--quiet", r.remote, other)
	r.write(other, "content/b.md", "another post\n")
	r.git(other, "add", ".")
	r.git(other, "commit", "--quiet", "-m", "a new post")
	r.git(other, "push", "--quiet", "origin", "main")
	code, out = r.action("STUB_STATE={\"v\":2}")
	if code != 0 {
		t.Fatalf("exit %d after a concurrent push:\n%s", code, out)
	}
	if log := r.remoteLog(); len(log) != 4 || log[0] != "wpsync: update state file" || log[1] != "a new post" {
		t.Errorf("remote history %v: want the state commit on top of the other push", log)
	}

	// Some files failed (exit 1): the others' state is still committed,
	// and the step fails.
	code, out = r.action("STUB_STATE={\"v\":3}", "STUB_EXIT=1")
	if code != 1 || r.remoteFile("content/.wpsync/state.json") != `{"v":3}` {
		t.Errorf("exit %d, remote state %q:\n%s", code, r.remoteFile("content/.wpsync/state.json"), out)
	}

	// The run stopped before any file (exit 2): nothing is committed.
	code, out = r.action("STUB_STATE={\"v\":4}", "STUB_EXIT=2")
	if code != 2 || len(r.remoteLog()) != 5 {
		t.Errorf("exit %d, remote %v after exit 2:\n%s", code, r.remoteLog(), out)
	}
	r.git(r.work, "checkout", "--quiet", "--", "content/.wpsync/state.json")

	// commit-state: false leaves the state alone.
	code, out = r.action("STUB_STATE={\"v\":5}", "WPSYNC_COMMIT_STATE=false")
	if code != 0 || len(r.remoteLog()) != 5 {
		t.Errorf("exit %d, remote %v with commit-state false:\n%s", code, r.remoteLog(), out)
	}
}

// Without a version (and not used at a tag) nothing is installed: the
// action says how to pin one.
func TestAction_NeedsAVersion(t *testing.T) {
	r := newRepo(t)
	code, out := r.action("WPSYNC_BIN=", "WPSYNC_VERSION=", "ACTION_REF=")
	if code != 2 || !strings.Contains(out, "::error title=wpsync::no wpsync version to install") {
		t.Errorf("exit %d:\n%s", code, out)
	}
}
