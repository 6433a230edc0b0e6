package sync

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/wpsync/wpsync/markdown"
	"github.com/wpsync/wpsync/state"
)

// existing puts a post into the fake site with the content src renders to,
// as if it had been made in WordPress.
func existing(t *testing.T, fake *fakePublisher, id int, typ, slug, title, body string, tags []int) *Post {
	t.Helper()
	content, err := markdown.RenderBlocks([]byte(body))
	if err != nil {
		t.Fatal(err)
	}
	p := Post{ID: id, Type: typ, Slug: slug, Title: title, Content: content, Status: "publish",
		Link: "http://wp.test/" + slug + "/", ModifiedGMT: "2025-05-05T05:05:05", Tags: tags}
	fake.posts[id] = &fakePost{Post: p}
	return &p
}

func record(t *testing.T, fake *fakePublisher, dir string, files map[string]*Post) *Report {
	t.Helper()
	st, err := state.Load(state.DefaultPath(dir))
	if err != nil {
		t.Fatal(err)
	}
	r, err := New(fake, st, Options{Dir: dir, Site: "http://wp.test"}).Record(context.Background(), files, nil)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestSyncer_Record(t *testing.T) {
	dir := t.TempDir()
	fake := newFake()
	fake.terms["tags"] = []Term{{ID: 7, Name: "Go"}}
	hello := existing(t, fake, 1, "posts", "hello", "Hello", "Hi, see [about](../about.md).", []int{7})
	about := existing(t, fake, 2, "pages", "about", "About", "About us.", nil)
	team := existing(t, fake, 3, "pages", "team", "Team", "The team.", nil)
	team.Parent = 2
	fake.posts[3].Parent = 2
	// The link in hello renders to about's permalink.
	hello.Content = strings.ReplaceAll(hello.Content, "../about.md", about.Link)
	fake.posts[1].Content = hello.Content
	writeFiles(t, dir, map[string]string{
		"posts/hello.md": "---\ntitle: Hello\nslug: hello\ntags: [Go]\n---\nHi, see [about](../about.md).\n",
		"about.md":       "---\ntitle: About\ntype: page\n---\nAbout us.\n",
		"about/team.md":  "---\ntitle: Team\ntype: page\n---\nThe team.\n",
		"wrong.md":       "---\ntitle: Not the title\nslug: wrong\n---\nAbout us.\n",
	})
	wrong := *about
	wrong.ID, wrong.Type, wrong.Slug = 4, "posts", "wrong"
	fake.posts[4] = &fakePost{Post: wrong}

	r := record(t, fake, dir, map[string]*Post{"posts/hello.md": hello, "about.md": about, "about/team.md": team, "wrong.md": &wrong})
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
	if fake.writes() != 0 {
		t.Fatalf("Record wrote to the site: %v", fake.calls)
	}
	st, _ := state.Load(state.DefaultPath(dir))
	if e := st.Files["about/team.md"]; e == nil || e.ID != 3 || e.ModifiedGMT != team.ModifiedGMT || e.Refs["about.md"] == "" {
		t.Errorf("team's entry: %+v", e)
	}
	if st.Files["wrong.md"] != nil {
		t.Errorf("wrong.md recorded")
	}

	// The sync after: everything recorded is unchanged, without a request
	// about it; only wrong.md (not recorded) needs the site.
	fake.reset()
	if err := removeFile(dir, "wrong.md"); err != nil {
		t.Fatal(err)
	}
	rs := runSync(t, fake, dir, false)
	if rs.Summary.Unchanged != 3 || fake.writes() != 0 || len(fake.calls) != 0 {
		t.Errorf("sync after Record: %+v, calls %v", rs.Summary, fake.calls)
	}

	// LocalChanges tells an edited file from an untouched one.
	writeFiles(t, dir, map[string]string{"about.md": "---\ntitle: About\ntype: page\n---\nAbout us, edited.\n"})
	st, _ = state.Load(state.DefaultPath(dir))
	got := New(fake, st, Options{Dir: dir, Site: "http://wp.test"}).LocalChanges([]string{"about.md", "about/team.md", "posts/hello.md", "gone.md"})
	if !got["about.md"] || got["about/team.md"] || got["posts/hello.md"] || len(got) != 3 {
		t.Errorf("LocalChanges = %v", got)
	}
}

// Record never creates a term: a file naming one the site lacks is not
// recorded.
func TestSyncer_RecordCreatesNoTerm(t *testing.T) {
	dir := t.TempDir()
	fake := newFake()
	p := existing(t, fake, 1, "posts", "hello", "Hello", "Hi.", nil)
	writeFiles(t, dir, map[string]string{"hello.md": "---\ntitle: Hello\ntags: [New]\n---\nHi.\n"})
	r := record(t, fake, dir, map[string]*Post{"hello.md": p})
	if len(r.Items) != 1 || r.Items[0].Action != ActionError || fake.writes() != 0 {
		t.Errorf("items %+v, calls %v", r.Items, fake.calls)
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
