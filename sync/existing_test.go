package sync_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/wpsync/wpsync/internal/wpfake"
	"github.com/wpsync/wpsync/markdown"
	"github.com/wpsync/wpsync/state"
	. "github.com/wpsync/wpsync/sync"
)

// existing puts a post into the fake site with the content body renders
// to, as if it had been made in WordPress, and returns it as the REST
// client reads it.
func existing(t *testing.T, wp *wpfake.Server, p wpfake.Post, body string) *Post {
	t.Helper()
	content, err := markdown.RenderBlocks([]byte(body))
	if err != nil {
		t.Fatal(err)
	}
	p.Content, p.Status = content, "publish"
	return fetch(t, wp, p.Type, wp.AddPost(p))
}

// fetch reads a post through the REST client.
func fetch(t *testing.T, wp *wpfake.Server, typ string, id int) *Post {
	t.Helper()
	c := client(t, wp)
	if err := c.Connect(context.Background()); err != nil {
		t.Fatal(err)
	}
	got, err := c.Posts(context.Background(), typ, []int{id})
	if err != nil || got[id] == nil {
		t.Fatalf("read %s %d: %v", typ, id, err)
	}
	return got[id]
}

func record(t *testing.T, wp *wpfake.Server, dir string, files map[string]*Post) *Report {
	t.Helper()
	st, err := state.Load(state.DefaultPath(dir))
	if err != nil {
		t.Fatal(err)
	}
	r, err := New(client(t, wp), st, Options{Dir: dir, Site: wp.URL}).Record(context.Background(), files, nil)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestSyncer_Record(t *testing.T) {
	dir := t.TempDir()
	wp := wpfake.New(t, wpfake.Options{})
	wp.AddTerm(wpfake.Term{ID: 7, Taxonomy: "tags", Name: "Go"})
	about := existing(t, wp, wpfake.Post{Type: "pages", Slug: "about", Title: "About"}, "About us.")
	team := existing(t, wp, wpfake.Post{Type: "pages", Slug: "team", Title: "Team", Parent: about.ID}, "The team.")
	// The link in hello renders to about's permalink.
	hello := existing(t, wp, wpfake.Post{Type: "posts", Slug: "hello", Title: "Hello", Tags: []int{7}}, "Hi, see [about]("+about.Link+").")
	writeFiles(t, dir, map[string]string{
		"posts/hello.md": "---\ntitle: Hello\nslug: hello\ntags: [Go]\n---\nHi, see [about](../about.md).\n",
		"about.md":       "---\ntitle: About\ntype: page\n---\nAbout us.\n",
		"about/team.md":  "---\ntitle: Team\ntype: page\n---\nThe team.\n",
		"wrong.md":       "---\ntitle: Not the title\nslug: wrong\n---\nAbout us.\n",
	})
	wrong := existing(t, wp, wpfake.Post{Type: "posts", Slug: "wrong", Title: "About"}, "About us.")
	wp.ResetLog()

	r := record(t, wp, dir, map[string]*Post{"posts/hello.md": hello, "about.md": about, "about/team.md": team, "wrong.md": wrong})
	actions := map[string]Action{}
	for _, it := range r.Items {
		actions[it.Path] = it.Action
		if it.Action == ActionError && it.Path != "wrong.md" {
			t.Errorf("%s: %s", it.Path, it.Error)
		}
	}
	if actions["wrong.md"] != ActionError || !strings.Contains(errorOf(r, "wrong.md"), "title") {
		t.Errorf("a file whose title is not the post's was recorded: %+v", r.Items)
	}
	if w := wp.Writes(); len(w) != 0 {
		t.Fatalf("Record wrote to the site: %v", w)
	}
	st, _ := state.Load(state.DefaultPath(dir))
	if e := st.Files["about/team.md"]; e == nil || e.ID != team.ID || e.ModifiedGMT != team.ModifiedGMT || e.Refs["about.md"] == "" {
		t.Errorf("team's entry: %+v", e)
	}
	if st.Files["wrong.md"] != nil {
		t.Errorf("wrong.md recorded")
	}

	// The sync after: everything recorded is unchanged, without a request
	// about it; only wrong.md (not recorded) needs the site.
	wp.ResetLog()
	if err := removeFile(dir, "wrong.md"); err != nil {
		t.Fatal(err)
	}
	rs := runSync(t, wp, dir, false)
	if rs.Summary.Unchanged != 3 || len(wp.Writes()) != 0 || len(wp.Requests()) != 0 {
		t.Errorf("sync after Record: %+v, requests %v", rs.Summary, wp.Log())
	}

	// LocalChanges tells an edited file from an untouched one.
	writeFiles(t, dir, map[string]string{"about.md": "---\ntitle: About\ntype: page\n---\nAbout us, edited.\n"})
	st, _ = state.Load(state.DefaultPath(dir))
	got := New(client(t, wp), st, Options{Dir: dir, Site: wp.URL}).LocalChanges([]string{"about.md", "about/team.md", "posts/hello.md", "gone.md"})
	if !got["about.md"] || got["about/team.md"] || got["posts/hello.md"] || len(got) != 3 {
		t.Errorf("LocalChanges = %v", got)
	}
}

// Record never creates a term: a file naming one the site lacks is not
// recorded.
func TestSyncer_RecordCreatesNoTerm(t *testing.T) {
	dir := t.TempDir()
	wp := wpfake.New(t, wpfake.Options{})
	p := existing(t, wp, wpfake.Post{Type: "posts", Slug: "hello", Title: "Hello"}, "Hi.")
	writeFiles(t, dir, map[string]string{"hello.md": "---\ntitle: Hello\ntags: [New]\n---\nHi.\n"})
	r := record(t, wp, dir, map[string]*Post{"hello.md": p})
	if len(r.Items) != 1 || r.Items[0].Action != ActionError || len(wp.Writes()) != 0 {
		t.Errorf("items %+v, requests %v", r.Items, wp.Log())
	}
}

func errorOf(r *Report, path string) string {
	for _, it := range r.Items {
		if it.Path == path {
			return it.Error
		}
	}
	return ""
}

func removeFile(dir, name string) error {
	return os.Remove(filepath.Join(dir, filepath.FromSlash(name)))
}
