package sync_test

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/wpsync/wpsync/internal/wpfake"
	"github.com/wpsync/wpsync/state"
	. "github.com/wpsync/wpsync/sync"
)

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
	wp := wpfake.New(t, wpfake.Options{})
	posts := func() int { return len(live(wp, "posts")) + len(live(wp, "pages")) }

	r := runSync(t, wp, dir, false)
	if r.Summary != (Summary{Created: 3}) {
		t.Fatalf("first run summary = %+v, want 3 created", r.Summary)
	}
	if posts() != 3 {
		t.Fatalf("site has %d posts, want 3", posts())
	}
	// Tags are matched case-insensitively: "go" and "Go" are one tag.
	if n := len(madeTerms(wp, "tags")); n != 2 {
		t.Errorf("site has %d tags, want 2 (go, wordpress)", n)
	}
	if n := len(madeTerms(wp, "categories")); n != 1 {
		t.Errorf("site has %d categories besides Uncategorized, want 1", n)
	}

	t.Run("second run sends nothing", func(t *testing.T) {
		wp.ResetLog()
		r := runSync(t, wp, dir, false)
		if r.Summary != (Summary{Unchanged: 3}) {
			t.Errorf("summary = %+v, want 3 unchanged", r.Summary)
		}
		if reqs := wp.Log(); len(reqs) != 0 {
			t.Errorf("unchanged run made requests: %v", reqs)
		}
	})

	t.Run("one edit is one update", func(t *testing.T) {
		writeFiles(t, dir, map[string]string{"posts/second.md": "+++\ntitle = \"Second, edited\"\ntags = [\"Go\"]\n+++\nBody.\n"})
		wp.ResetLog()
		r := runSync(t, wp, dir, false)
		if r.Summary != (Summary{Updated: 1, Unchanged: 2}) {
			t.Errorf("summary = %+v, want 1 updated", r.Summary)
		}
		if w := wp.Writes(); len(w) != 1 {
			t.Errorf("writes = %v, want exactly one update", w)
		}
	})

	t.Run("a tag alone is a change", func(t *testing.T) {
		writeFiles(t, dir, map[string]string{"posts/second.md": "+++\ntitle = \"Second, edited\"\ntags = [\"Go\", \"new\"]\n+++\nBody.\n"})
		wp.ResetLog()
		r := runSync(t, wp, dir, false)
		if r.Summary.Updated != 1 {
			t.Errorf("summary = %+v, want 1 updated", r.Summary)
		}
		if !slices.ContainsFunc(wp.Writes(), func(r wpfake.Request) bool {
			return r.Method == "POST" && r.Route == "/wp/v2/tags" && r.Param("name") == "new"
		}) {
			t.Errorf("requests = %v, want the new tag created", wp.Log())
		}
	})

	t.Run("dry run writes nothing", func(t *testing.T) {
		writeFiles(t, dir, map[string]string{"posts/third.md": "# Third\n\ntext\n"})
		before, _ := os.ReadFile(state.DefaultPath(dir))
		wp.ResetLog()
		r := runSync(t, wp, dir, true)
		if r.Summary.Created != 1 {
			t.Errorf("dry run summary = %+v, want 1 create planned", r.Summary)
		}
		if w := wp.Writes(); len(w) != 0 {
			t.Errorf("dry run wrote: %v", w)
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
		wp.ResetLog()
		r := runSync(t, wp, dir, false)
		if posts() != 3 {
			t.Errorf("site has %d posts after a run without state, want still 3", posts())
		}
		if w := wp.Writes(); len(w) != 0 {
			t.Errorf("adopting identical posts wrote: %v", w)
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
	wp := wpfake.New(t, wpfake.Options{})
	refuse(wp, "refused")
	r := runSync(t, wp, dir, false)
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
	wp := wpfake.New(t, wpfake.Options{})
	runSync(t, wp, dir, false)

	wp.ResetLog()
	wp.Fail(wpfake.Fault{Status: 503, ContentType: "text/plain", Body: "site down"})
	// Nothing changed: the site is not needed, so its outage does not matter.
	r := runSync(t, wp, dir, false)
	if r.Summary.Unchanged != 1 || len(wp.Requests()) != 0 {
		t.Errorf("unchanged run: summary %+v, requests %v", r.Summary, wp.Requests())
	}

	writeFiles(t, dir, map[string]string{"a.md": "changed\n"})
	st, _ := state.Load(state.DefaultPath(dir))
	_, err := New(client(t, wp), st, Options{Dir: dir}).Run(context.Background())
	var fe *FatalError
	if !errors.As(err, &fe) {
		t.Fatalf("Run error = %v, want *FatalError", err)
	}
}

// A folder with no Markdown file (a run in the wrong folder) asks nothing
// of the site and says so, rather than pass for a run that published.
func TestSyncer_NoMarkdownWarns(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"notes.txt": "not a post\n", ".hidden/a.md": "hidden\n"})
	wp := wpfake.New(t, wpfake.Options{})
	r := runSync(t, wp, dir, false)
	if len(r.Items) != 0 || len(wp.Requests()) != 0 {
		t.Errorf("items %v, requests %v", r.Items, wp.Requests())
	}
	if len(r.Warnings) != 1 || !strings.Contains(r.Warnings[0], "no Markdown file in "+dir) {
		t.Errorf("warnings %q, want one about the folder", r.Warnings)
	}
	writeFiles(t, dir, map[string]string{"a.md": "a\n"})
	for _, w := range runSync(t, wp, dir, false).Warnings {
		if strings.Contains(w, "no Markdown file") {
			t.Errorf("warning %q with a Markdown file", w)
		}
	}
}

// New options that change nothing a file sends are saved by the run that
// finds so, after which sizes and times are trusted again: later runs do
// not read every file.
func TestSyncer_NewOptionsThatChangeNothing(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"a.md": "---\nstatus: draft\n---\naaa\n"})
	wp := wpfake.New(t, wpfake.Options{})
	runSync(t, wp, dir, false)
	statePath := state.DefaultPath(dir)
	before, _ := os.ReadFile(statePath)

	// Every file says its status: a new default changes nothing it sends.
	r := runWith(t, wp, dir, Options{DefaultStatus: "pending"})
	if r.Items[0].Action != ActionUnchanged || len(wp.Writes()) != 1 {
		t.Fatalf("items %+v, writes %v", r.Items, wp.Writes())
	}
	after, _ := os.ReadFile(statePath)
	if bytes.Equal(before, after) {
		t.Fatal("the new options were not saved")
	}

	// Same size and time stamp, other text: a run that trusts the state does
	// not read it (unchanged); one that reads every file would send it.
	fi, err := os.Stat(filepath.Join(dir, "a.md"))
	if err != nil {
		t.Fatal(err)
	}
	writeFiles(t, dir, map[string]string{"a.md": "---\nstatus: draft\n---\nbbb\n"})
	if err := os.Chtimes(filepath.Join(dir, "a.md"), fi.ModTime(), fi.ModTime()); err != nil {
		t.Fatal(err)
	}
	if r := runWith(t, wp, dir, Options{DefaultStatus: "pending"}); r.Items[0].Action != ActionUnchanged {
		t.Errorf("the file was read again: %+v", r.Items[0])
	}
	if again, _ := os.ReadFile(statePath); !bytes.Equal(after, again) {
		t.Error("an unchanged run wrote the state file")
	}
}

// New posts without a date are named in one run warning; pages, which no
// listing orders by date, are not.
func TestSyncer_WarnsUndatedPosts(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"undated.md": "---\ntitle: Undated\n---\nx\n",
		"dated.md":   "---\ntitle: Dated\ndate: 2024-05-01\n---\nx\n",
		"about.md":   "---\ntitle: About\ntype: page\n---\nx\n",
	})
	r := runSync(t, wpfake.New(t, wpfake.Options{}), dir, false)
	var dates []string
	for _, w := range r.Warnings {
		if strings.Contains(w, "have no date") {
			dates = append(dates, w)
		}
	}
	if len(dates) != 1 || !strings.HasPrefix(dates[0], "1 new post(s)") || !strings.HasSuffix(dates[0], ": undated.md") || !strings.Contains(dates[0], "add date: YYYY-MM-DD to the front matter") {
		t.Errorf("date warnings %q, want one naming undated.md alone", dates)
	}
}

func TestSyncer_RefusesStateOfAnotherSite(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"a.md": "a\n"})
	wp := wpfake.New(t, wpfake.Options{})
	runSync(t, wp, dir, false)
	st, _ := state.Load(state.DefaultPath(dir))
	_, err := New(client(t, wp), st, Options{Dir: dir, Site: "http://other.test"}).Run(context.Background())
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

func TestExcluded(t *testing.T) {
	for _, tt := range []struct {
		path  string
		globs []string
		want  bool
	}{
		{"x.md", nil, false},
		{".wpsync/state.json", nil, true},
		{"a/.git/x.md", nil, true},
		{"img/.x.png", nil, true},
		{"a/..b/x.md", nil, true},
		{"drafts/x.md", []string{"drafts"}, true},
		{"a/b.c/x.md", nil, false},
	} {
		if got := Excluded(tt.path, tt.globs); got != tt.want {
			t.Errorf("Excluded(%q, %q) = %v, want %v", tt.path, tt.globs, got, tt.want)
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
