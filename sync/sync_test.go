package sync

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/wpsync/wpsync/state"
)

func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// runSync syncs dir with a fresh Syncer and the state on disk, as one CLI
// run would.
func runSync(t *testing.T, fake *fakePublisher, dir string, dryRun bool) *Report {
	t.Helper()
	st, err := state.Load(state.DefaultPath(dir))
	if err != nil {
		t.Fatal(err)
	}
	r, err := New(fake, st, Options{Dir: dir, DryRun: dryRun, Site: "http://wp.test"}).Run(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return r
}

var site = map[string]string{
	"posts/hello.md":    "---\ntitle: Hello\ntags: [go, wordpress]\ncategories: News\n---\nHello *world*.\n",
	"posts/second.md":   "+++\ntitle = \"Second\"\ntags = [\"Go\"]\n+++\nBody.\n",
	"about.md":          "---\ntype: page\ntitle: About\n---\nAbout us.\n",
	".hidden/secret.md": "not published",
	"notes.txt":         "not markdown",
}

func TestSyncer_Run(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, site)
	fake := newFake()

	r := runSync(t, fake, dir, false)
	if r.Summary != (Summary{Created: 3}) {
		t.Fatalf("first run summary = %+v, want 3 created", r.Summary)
	}
	if len(fake.posts) != 3 {
		t.Fatalf("site has %d posts, want 3", len(fake.posts))
	}
	// Tags are matched case-insensitively: "go" and "Go" are one tag.
	if n := len(fake.terms["tags"]); n != 2 {
		t.Errorf("site has %d tags, want 2 (go, wordpress)", n)
	}
	if n := len(fake.terms["categories"]); n != 1 {
		t.Errorf("site has %d categories, want 1", n)
	}

	t.Run("second run sends nothing", func(t *testing.T) {
		fake.reset()
		r := runSync(t, fake, dir, false)
		if r.Summary != (Summary{Unchanged: 3}) {
			t.Errorf("summary = %+v, want 3 unchanged", r.Summary)
		}
		if len(fake.calls) != 0 {
			t.Errorf("unchanged run made requests: %v", fake.calls)
		}
	})

	t.Run("one edit is one update", func(t *testing.T) {
		writeFiles(t, dir, map[string]string{"posts/second.md": "+++\ntitle = \"Second, edited\"\ntags = [\"Go\"]\n+++\nBody.\n"})
		fake.reset()
		r := runSync(t, fake, dir, false)
		if r.Summary != (Summary{Updated: 1, Unchanged: 2}) {
			t.Errorf("summary = %+v, want 1 updated", r.Summary)
		}
		if fake.writes() != 1 {
			t.Errorf("writes = %v, want exactly one update", fake.calls)
		}
	})

	t.Run("a tag alone is a change", func(t *testing.T) {
		writeFiles(t, dir, map[string]string{"posts/second.md": "+++\ntitle = \"Second, edited\"\ntags = [\"Go\", \"new\"]\n+++\nBody.\n"})
		fake.reset()
		r := runSync(t, fake, dir, false)
		if r.Summary.Updated != 1 {
			t.Errorf("summary = %+v, want 1 updated", r.Summary)
		}
		if !slices.Contains(fake.calls, "create-term tags/new") {
			t.Errorf("calls = %v, want the new tag created", fake.calls)
		}
	})

	t.Run("dry run writes nothing", func(t *testing.T) {
		writeFiles(t, dir, map[string]string{"posts/third.md": "# Third\n\ntext\n"})
		before, _ := os.ReadFile(state.DefaultPath(dir))
		fake.reset()
		r := runSync(t, fake, dir, true)
		if r.Summary.Created != 1 {
			t.Errorf("dry run summary = %+v, want 1 create planned", r.Summary)
		}
		if fake.writes() != 0 {
			t.Errorf("dry run wrote: %v", fake.calls)
		}
		after, _ := os.ReadFile(state.DefaultPath(dir))
		if string(before) != string(after) {
			t.Error("dry run changed the state file")
		}
	})

	t.Run("lost state adopts instead of duplicating", func(t *testing.T) {
		os.Remove(filepath.Join(dir, "posts/third.md"))
		if err := os.Remove(state.DefaultPath(dir)); err != nil {
			t.Fatal(err)
		}
		fake.reset()
		r := runSync(t, fake, dir, false)
		if len(fake.posts) != 3 {
			t.Errorf("site has %d posts after a run without state, want still 3", len(fake.posts))
		}
		if fake.writes() != 0 {
			t.Errorf("adopting identical posts wrote: %v", fake.calls)
		}
		for _, it := range r.Items {
			if !it.Adopted || it.Action != ActionUnchanged {
				t.Errorf("%s: action %s adopted %v, want unchanged and adopted", it.Path, it.Action, it.Adopted)
			}
		}
		st, _ := state.Load(state.DefaultPath(dir))
		if len(st.Files) != 3 {
			t.Errorf("rebuilt state has %d entries, want 3", len(st.Files))
		}
	})
}

func TestSyncer_BadFileDoesNotStopOthers(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"a.md":       "---\ntitle: A\n---\nok\n",
		"bad.md":     "---\nstatus: publised\n---\nbody\n",
		"broken.md":  "---\ntitle: [unclosed\n---\nbody\n",
		"refused.md": "---\nslug: refused\n---\nbody\n",
		"z.md":       "z\n",
	})
	fake := newFake()
	fake.failSlug = "refused"
	r := runSync(t, fake, dir, false)
	if r.Summary.Created != 2 || r.Summary.Failed != 3 {
		t.Fatalf("summary = %+v, want 2 created and 3 failed", r.Summary)
	}
	for _, it := range r.Items {
		if it.Action == ActionError && !strings.Contains(it.Error, it.Path) {
			t.Errorf("error %q does not name the file %s", it.Error, it.Path)
		}
	}
	st, _ := state.Load(state.DefaultPath(dir))
	if len(st.Files) != 2 {
		t.Errorf("state has %d entries, want the 2 good files", len(st.Files))
	}
}

func TestSyncer_ConnectOnlyWhenNeeded(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"a.md": "a\n"})
	fake := newFake()
	runSync(t, fake, dir, false)

	fake.reset()
	fake.connectErr = errors.New("site down")
	// Nothing changed: the site is not needed, so its outage does not matter.
	r := runSync(t, fake, dir, false)
	if r.Summary.Unchanged != 1 || slices.Contains(fake.calls, "connect") {
		t.Errorf("unchanged run: summary %+v, calls %v", r.Summary, fake.calls)
	}

	writeFiles(t, dir, map[string]string{"a.md": "changed\n"})
	st, _ := state.Load(state.DefaultPath(dir))
	_, err := New(fake, st, Options{Dir: dir}).Run(context.Background())
	var fe *FatalError
	if !errors.As(err, &fe) {
		t.Fatalf("Run error = %v, want *FatalError", err)
	}
}

func TestSyncer_RefusesStateOfAnotherSite(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"a.md": "a\n"})
	fake := newFake()
	runSync(t, fake, dir, false)
	st, _ := state.Load(state.DefaultPath(dir))
	_, err := New(fake, st, Options{Dir: dir, Site: "http://other.test"}).Run(context.Background())
	var fe *FatalError
	if !errors.As(err, &fe) || !strings.Contains(err.Error(), "--state") {
		t.Fatalf("Run error = %v, want a fatal error suggesting --state", err)
	}
}

func TestIgnored(t *testing.T) {
	tests := []struct {
		path  string
		globs []string
		want  bool
	}{
		{"drafts/x.md", []string{"drafts"}, true},
		{"a/drafts/x.md", []string{"drafts"}, true},
		{"a/drafts-old/x.md", []string{"drafts"}, false},
		{"a/b/x.tmp.md", []string{"*.tmp.md"}, true},
		{"notes/x.md", []string{"notes/*.md"}, true},
		{"a/notes/x.md", []string{"notes/*.md"}, false},
		{"x.md", nil, false},
	}
	for _, tt := range tests {
		if got := Ignored(tt.path, tt.globs); got != tt.want {
			t.Errorf("Ignored(%q, %q) = %v, want %v", tt.path, tt.globs, got, tt.want)
		}
	}
}

func TestScan(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"a.md": "a", "b.markdown": "b", "c.txt": "c", ".git/x.md": "x", ".wpsync/y.md": "y",
		"drafts/d.md": "d", "sub/e.MD": "e",
	})
	if err := os.Symlink(dir, filepath.Join(dir, "loop")); err != nil {
		t.Fatal(err)
	}
	got, err := Scan(dir, []string{"drafts"})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"a.md", "b.markdown", "sub/e.MD"}
	if !slices.Equal(got, want) {
		t.Errorf("Scan = %v, want %v", got, want)
	}
}
