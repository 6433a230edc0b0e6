package main

import (
	"errors"
	"flag"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime/debug"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
	"github.com/wpsync/wpsync/internal/wpfake"
)

var update = flag.Bool("update", false, "rewrite the cmp files of failing testscripts")

// TestMain lets the testscripts run wpsync as a command, in this process's
// binary, exactly as main does.
func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"wpsync": main,
	})
}

// TestScripts runs testdata/script/*.txtar: the commands as a user types
// them, without WordPress. $FAKEWP is a read-only fake WordPress (newFakeWP)
// for the commands that must reach a site; the real thing is in e2e/.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:                 "testdata/script",
		UpdateScripts:       *update,
		RequireExplicitExec: true,
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			// envsubst FILE...: replace $VAR and ${VAR} in files with the
			// script's environment (for URLs known only at run time).
			"envsubst": func(ts *testscript.TestScript, neg bool, args []string) {
				for _, f := range args {
					ts.Check(os.WriteFile(ts.MkAbs(f), []byte(os.Expand(ts.ReadFile(f), ts.Getenv)), 0o644))
				}
			},
		},
		Setup: func(env *testscript.Env) error {
			wp := newFakeWP()
			env.Defer(wp.Close)
			env.Setenv("FAKEWP", wp.URL)
			// The same server by another name, to tell sources apart.
			env.Setenv("FAKEWP2", strings.Replace(wp.URL, "127.0.0.1", "localhost", 1))
			env.Setenv("APP_PASSWORD", fakePassword)
			return nil
		},
	})
}

const fakePassword = wpfake.Password

// newFakeWP starts the fake site of the testscripts: what status, pull and
// doctor ask a site, with one post, slug "existing" (ID 7), without a
// title. It refuses every write: status and doctor must not write. Wrong
// credentials are answered as to a visitor, as WordPress 6.1 does.
func newFakeWP() *wpfake.Server {
	wp := wpfake.Start(wpfake.Options{BadAuthAsVisitor: true})
	wp.AddPost(wpfake.Post{ID: 7, Slug: "existing", Status: "publish"})
	for _, m := range []string{http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete} {
		wp.Fail(wpfake.Fault{Method: m, Route: "/wp/v2/*", Status: 405, Body: `{"code":"fake_read_only","message":"this fake takes no writes","data":{"status":405}}`})
		wp.Fail(wpfake.Fault{Method: m, Route: "/batch/v1", Status: 405, Body: `{"code":"fake_read_only","message":"this fake takes no writes","data":{"status":405}}`})
	}
	return wp
}

func TestVersionOf(t *testing.T) {
	rev := "0123456789abcdef0123456789abcdef01234567"
	tests := []struct {
		bi   debug.BuildInfo
		want string
	}{
		{debug.BuildInfo{Main: debug.Module{Version: "v1.4.0"}}, "v1.4.0"},
		{debug.BuildInfo{Main: debug.Module{Version: "(devel)"}, Settings: []debug.BuildSetting{
			{Key: "vcs.revision", Value: rev}, {Key: "vcs.time", Value: "2026-11-30T22:00:00Z"}, {Key: "vcs.modified", Value: "false"},
		}}, "commit 0123456789ab (2026-11-30T22:00:00Z)"},
		{debug.BuildInfo{Settings: []debug.BuildSetting{{Key: "vcs.revision", Value: rev}, {Key: "vcs.modified", Value: "true"}}}, "commit 0123456789ab+dirty"},
		{debug.BuildInfo{Main: debug.Module{Version: "(devel)"}}, "(devel)"},
	}
	for _, tt := range tests {
		if got := versionOf(&tt.bi); got != tt.want {
			t.Errorf("versionOf(%+v) = %q, want %q", tt.bi, got, tt.want)
		}
	}
}

func TestExitCode(t *testing.T) {
	tests := []struct {
		err  error
		want int
	}{
		{nil, 0},
		{&filesFailedError{n: 2}, 1},
		{&usageError{errors.New("x")}, 2},
		{&shownError{errors.New("sign-in refused")}, 2},
		{errInterrupted, 130},
	}
	for _, tt := range tests {
		if got := exitCode(tt.err); got != tt.want {
			t.Errorf("exitCode(%v) = %d, want %d", tt.err, got, tt.want)
		}
	}
}

// A binary built with go build in a checkout names the commit it was built
// from (Go stamps the VCS revision when -buildvcs is on, its default; this
// test asks for it in case the machine's GOFLAGS turns it off).
func TestVersion_BuiltFromCheckout(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the command")
	}
	head, err := exec.Command("git", "rev-parse", "HEAD").Output()
	if err != nil {
		t.Skipf("not in a git checkout: %v", err)
	}
	if gitDir, err := exec.Command("git", "rev-parse", "--absolute-git-dir").Output(); err == nil && filepath.Base(strings.TrimSpace(string(gitDir))) != ".git" {
		// .git/worktrees/NAME: a linked worktree (git worktree add).
		t.Skip("a linked worktree: Go stamps no revision into a build there")
	}
	bin := filepath.Join(t.TempDir(), "wpsync")
	build := exec.Command("go", "build", "-buildvcs=true", "-o", bin, ".")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	out, err := exec.Command(bin, "--version").Output()
	if err != nil {
		t.Fatal(err)
	}
	// "v0.0.0-20261207041750-0123456789ab" (Go 1.24+ makes a pseudo-version
	// of the revision) or "commit 0123456789ab (…)".
	if want := string(head[:12]); !strings.Contains(string(out), want) {
		t.Errorf("--version printed %q, want it to name %s", out, want)
	}
}
