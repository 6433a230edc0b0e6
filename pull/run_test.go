package pull

import (
	"context"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/wpsync/wpsync/internal/wpfake"
	"github.com/wpsync/wpsync/state"
	wpsync "github.com/wpsync/wpsync/sync"
	"github.com/wpsync/wpsync/sync/wordpress"
)

// pullAs pulls wp into dir signed in as login, with the state on disk, as
// one `wpsync pull` would.
func pullAs(t *testing.T, wp *wpfake.Server, login, dir string) *wpsync.Report {
	t.Helper()
	rt := wordpress.NewRetryTransport(http.DefaultTransport)
	rt.Sleep = func(context.Context, time.Duration) error { return nil }
	c, err := wordpress.New(wp.URL, login, wpfake.Password, &http.Client{Transport: rt})
	if err != nil {
		t.Fatal(err)
	}
	st, err := state.Load(state.DefaultPath(dir))
	if err != nil {
		t.Fatal(err)
	}
	rep, err := Run(context.Background(), c, st, Options{Sync: wpsync.Options{Dir: dir, Site: wp.URL}})
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

func item(rep *wpsync.Report, path string) *wpsync.Item {
	for i := range rep.Items {
		if rep.Items[i].Path == path {
			return &rep.Items[i]
		}
	}
	return nil
}

// A file at the path pull would write, which the state does not tie to the
// post, is kept byte for byte and named; the others are pulled.
func TestRun_KeepsUntrackedFile(t *testing.T) {
	wp := wpfake.New(t, wpfake.Options{})
	wp.AddPost(wpfake.Post{Title: "Hello", Slug: "hello", Content: "<!-- wp:paragraph -->\n<p>From WordPress.</p>\n<!-- /wp:paragraph -->"})
	wp.AddPost(wpfake.Post{Title: "Other", Slug: "other", Content: "<!-- wp:paragraph -->\n<p>Other.</p>\n<!-- /wp:paragraph -->"})
	dir := t.TempDir()
	mine := "---\ntitle: My own hello\n---\n\nWritten here, never synced.\n"
	local := filepath.Join(dir, "posts", "hello.md")
	if err := os.MkdirAll(filepath.Dir(local), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(local, []byte(mine), 0o644); err != nil {
		t.Fatal(err)
	}
	rep := pullAs(t, wp, wpfake.Admin, dir)
	got, _ := os.ReadFile(local)
	if string(got) != mine {
		t.Errorf("pull overwrote posts/hello.md:\n%s", got)
	}
	it := item(rep, "posts/hello.md")
	if it == nil || it.Action != wpsync.ActionConflict || !strings.Contains(it.Error, "posts/hello.md") || !strings.Contains(it.Error, "not overwritten") {
		t.Errorf("item for the kept file: %+v", it)
	}
	if it := item(rep, "posts/other.md"); it == nil || it.Action != wpsync.ActionCreate {
		t.Errorf("other.md: %+v", it)
	}
}

// An Author pulls the posts it may edit: its own. Pages (an Author may
// edit none) and other users' posts are left out, and the report says so;
// none of them is taken for deleted.
func TestRun_AsAuthor(t *testing.T) {
	wp := wpfake.New(t, wpfake.Options{})
	author := wp.AddUser(wpfake.User{Login: "author1", Roles: []string{"author"}, AppPassword: wpfake.Password})
	p := func(typ, title string, by int, status string) {
		wp.AddPost(wpfake.Post{Type: typ, Title: title, Author: by, Status: status, Content: "<!-- wp:paragraph -->\n<p>" + title + ".</p>\n<!-- /wp:paragraph -->"})
	}
	p("pages", "About", 1, "publish")
	p("posts", "Club news", 1, "publish")
	p("posts", "My first report", author, "publish")
	p("posts", "Report in progress", author, "draft")
	dir := t.TempDir()
	rep := pullAs(t, wp, "author1", dir)
	if rep.Failed() {
		t.Fatalf("report failed: %+v", rep)
	}
	var paths []string
	for _, it := range rep.Items {
		paths = append(paths, it.Path+" "+string(it.Action))
	}
	want := []string{"posts/my-first-report.md create", "posts/report-in-progress.md create"}
	if strings.Join(paths, ",") != strings.Join(want, ",") {
		t.Errorf("items %v, want %v", paths, want)
	}
	warnings := strings.Join(rep.Warnings, "\n")
	if !strings.Contains(warnings, "no pages pulled") || !strings.Contains(warnings, "edit_pages") {
		t.Errorf("run warnings do not say the pages were left out:\n%s", warnings)
	}
	// Again, with the state: still nothing of the others, nothing deleted.
	rep = pullAs(t, wp, "author1", dir)
	for _, it := range rep.Items {
		if it.Action != wpsync.ActionUnchanged {
			t.Errorf("second pull: %s %s %s", it.Path, it.Action, it.Error)
		}
	}

	// A folder an administrator pulled (its state ties files to the
	// administrator's post and page), pulled again by the Author: the
	// administrator's post, which WordPress does not list to an Author,
	// is not taken for deleted; the files are kept.
	shared := t.TempDir()
	pullAs(t, wp, wpfake.Admin, shared)
	rep = pullAs(t, wp, "author1", shared)
	for _, it := range rep.Items {
		if it.Action == wpsync.ActionConflict || it.Action == wpsync.ActionError {
			t.Errorf("the Author's pull of the administrator's folder: %s %s %s", it.Path, it.Action, it.Error)
		}
	}
	if w := strings.Join(rep.Warnings, "\n"); !strings.Contains(w, "other users not pulled again") {
		t.Errorf("run warnings do not say the other user's post was left:\n%s", w)
	}
	if _, err := os.Stat(filepath.Join(shared, "posts", "club-news.md")); err != nil {
		t.Errorf("the administrator's post's file: %v", err)
	}
}
