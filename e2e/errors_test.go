package e2e

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/wpsync/wpsync/internal/wptest"
)

func TestSync_BadCredentials(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "creds-post.md", "hello\n")
	// A broken file settles without the site: its line must still come
	// after the sign-in error.
	writeFile(t, dir, "creds-broken.md", "---\ntitle: [unclosed\n---\nbody\n")
	wrongApp := "wxyzwxyzwxyzwxyzwxyzwxyz" // an application password's form
	login := "correct horse battery"       // a login password's form
	tests := []struct {
		name, secret string
		env          []string
		want         []string
	}{
		// WordPress 6.1 answers both as "not logged in" (see AuthError), so
		// the message must name the user and site and say what to check.
		{"wrong password", wrongApp, []string{"WPSYNC_APP_PASSWORD=" + wrongApp}, []string{`"admin"`, site.URL, "WPSYNC_APP_PASSWORD", "Users → Profile → Application Passwords"}},
		{"login password", login, []string{"WPSYNC_APP_PASSWORD=" + login}, []string{`"admin"`, site.URL, "not an Application Password", "login password", "Users → Profile → Application Passwords"}},
		{"unknown user", "", []string{"WPSYNC_USER=nobody"}, []string{`"nobody"`, site.URL, "WPSYNC_USER is the login name"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			mark := site.Mark()
			r := wpsync(t, tt.env, "sync", dir)
			if r.code != 2 {
				t.Fatalf("exit %d, want 2\n%s%s", r.code, r.stdout, r.stderr)
			}
			for _, want := range append(tt.want, "wpsync doctor") {
				if !strings.Contains(r.stderr, want) {
					t.Errorf("message lacks %q: %s", want, r.stderr)
				}
			}
			if lines := strings.Split(strings.TrimSpace(r.stderr), "\n"); len(lines) != 2 {
				t.Errorf("the sign-in error is %d lines, want 2:\n%s", len(lines), r.stderr)
			}
			if tt.secret != "" && strings.Contains(r.stdout+r.stderr, tt.secret) {
				t.Error("the password reached the output")
			}
			if w := writes(t, mark); len(w) != 0 {
				t.Errorf("a refused sign-in still wrote: %v", w)
			}

			// Under --output github: an ::error annotation before any file's
			// line, and the step summary says why the run stopped.
			summary := filepath.Join(t.TempDir(), "summary.md")
			r = wpsync(t, append(tt.env, "GITHUB_WORKSPACE="+dir, "GITHUB_STEP_SUMMARY="+summary), "sync", dir, "--output", "github")
			if r.code != 2 {
				t.Fatalf("--output github: exit %d, want 2\n%s%s", r.code, r.stdout, r.stderr)
			}
			lines := strings.Split(strings.TrimSpace(r.stdout), "\n")
			if !strings.HasPrefix(lines[0], "::error ") || !strings.Contains(lines[0], "wpsync doctor") || !strings.Contains(lines[0], site.URL) {
				t.Errorf("first line of stdout is not the sign-in ::error annotation:\n%s", r.stdout)
			}
			if !strings.Contains(r.stdout, "::error file=creds-broken.md,line=2") {
				t.Errorf("the broken file's annotation is missing:\n%s", r.stdout)
			}
			b, err := os.ReadFile(summary)
			if err != nil || !strings.Contains(string(b), "stopped") || !strings.Contains(string(b), "wpsync doctor") {
				t.Errorf("step summary %q (%v): want the stop and wpsync doctor", b, err)
			}
		})
	}
}

func TestSync_BadFileDoesNotStopOthers(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "bad-a.md", "---\ntitle: fine\n---\nok\n")
	writeFile(t, dir, "bad-broken.md", "---\ntitle: [unclosed\nstatus: draft\n---\nbody\n")
	writeFile(t, dir, "bad-status.md", "---\nstatus: publised\n---\nbody\n")
	writeFile(t, dir, "bad-z.md", "last\n")
	r := wpsync(t, nil, "sync", dir, "--output", "json")
	if r.code != 1 {
		t.Fatalf("exit %d, want 1\n%s%s", r.code, r.stdout, r.stderr)
	}
	rep := r.json(t)
	if rep.Summary.Created != 2 || rep.Summary.Failed != 2 {
		t.Fatalf("summary %+v, want 2 created, 2 failed", rep.Summary)
	}
	for _, it := range rep.Items {
		switch it.Path {
		case "bad-broken.md":
			if !strings.Contains(it.Error, "bad-broken.md:") {
				t.Errorf("error %q does not name the file and line", it.Error)
			}
		case "bad-status.md":
			if !strings.Contains(it.Error, "publised") || !strings.Contains(it.Error, "status") {
				t.Errorf("error %q does not name the field and value", it.Error)
			}
		}
	}
}

func TestSync_SecondProcessIsLockedOut(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "lock-post.md", "hello\n")
	lockPath := filepath.Join(dir, ".wpsync", "lock")
	if err := os.MkdirAll(filepath.Dir(lockPath), 0o755); err != nil {
		t.Fatal(err)
	}
	f, err := os.OpenFile(lockPath, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString("pid 4242 since 2026-01-01T00:00:00Z\n")
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		t.Fatal(err)
	}
	r := wpsync(t, nil, "sync", dir)
	if r.code != 2 || !strings.Contains(r.stderr, "pid 4242") {
		t.Errorf("exit %d, stderr %q: want 2 and the holder named", r.code, r.stderr)
	}
	f.Close() // as if the holder died
	r = wpsync(t, nil, "sync", dir)
	if r.code != 0 {
		t.Errorf("after the holder went away: exit %d\n%s", r.code, r.stderr)
	}
}

func TestSync_AppPasswordsUnavailable(t *testing.T) {
	prod := wptest.Start(t, "e2e_prod", wptest.Options{Environment: "production"})
	dir := t.TempDir()
	writeFile(t, dir, "prod-post.md", "hello\n")
	r := wpsync(t, prod.Env(), "sync", dir)
	if r.code != 2 || !strings.Contains(r.stderr, "does not offer Application Passwords") || !strings.Contains(r.stderr, "HTTPS") {
		t.Errorf("exit %d, stderr %q: want 2 and Application Passwords named as unavailable", r.code, r.stderr)
	}
}

// A site with plain permalinks has no /wp-json/; the API is found anyway.
func TestSync_PlainPermalinks(t *testing.T) {
	plain := wptest.Start(t, "e2e_plain", wptest.Options{PlainPermalinks: true})
	dir := t.TempDir()
	writeFile(t, dir, "plain-post.md", "---\ntitle: Plain\ntags: [plain]\n---\nbody\n")
	r := wpsync(t, plain.Env(), "sync", dir, "--output", "json")
	if r.code != 0 {
		t.Fatalf("exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	rep := r.json(t)
	if rep.Summary.Created != 1 || !strings.Contains(rep.Items[0].Link, "?p=") {
		t.Errorf("report %+v: want one post with a plain link", rep)
	}
}
