package wordpress

import (
	"bytes"
	"context"
	"errors"
	"io"
	"slices"
	"strings"
	"testing"

	"github.com/wpsync/wpsync/internal/wpfake"
	wpsync "github.com/wpsync/wpsync/sync"
)

func TestContentDisposition(t *testing.T) {
	for name, want := range map[string]string{
		"x.png":           `attachment; filename="x.png"`,
		"café ünï.png":    `attachment; filename="café ünï.png"`, // raw UTF-8: WordPress reads no filename*=
		`a"b;c\d.png`:     `attachment; filename="a_b_c_d.png"`,
		"line\nbreak.png": `attachment; filename="line_break.png"`,
		`"";`:             `attachment; filename="file"`,
		"日本語の写真.jpeg":     `attachment; filename="日本語の写真.jpeg"`,
	} {
		if got := contentDisposition(name); got != want {
			t.Errorf("contentDisposition(%q) = %s, want %s", name, got, want)
		}
	}
}

func TestClient_Upload(t *testing.T) {
	data := []byte("\x89PNG\r\n\x1a\nnot really")
	wp := wpfake.New(t, wpfake.Options{})
	c, err := connect(t, wp, "admin", testPassword)
	if err != nil {
		t.Fatal(err)
	}
	open := func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(data)), nil }
	m, err := c.Upload(context.Background(), &wpsync.MediaFile{Name: "café ünï.png", MIME: "image/png", Size: int64(len(data)), Open: open, Alt: "A & B"})
	if err != nil {
		t.Fatal(err)
	}
	items := wp.MediaItems()
	if len(items) != 1 || m.ID != items[0].ID || m.URL != wp.SourceURL(items[0]) {
		t.Errorf("Upload = %+v, stored %+v", m, items)
	}
	reqs := wp.Requests()
	got := reqs[len(reqs)-1]
	stored, _ := wp.File(items[0].File)
	if got.Method+" "+got.Route != "POST /wp/v2/media" || got.Header.Get("Content-Disposition") != `attachment; filename="café ünï.png"` ||
		got.Header.Get("Content-Type") != "image/png" || got.Query.Get("alt_text") != "A & B" || !bytes.Equal(got.Body, data) || !bytes.Equal(stored, data) {
		t.Errorf("request: %s %q %q %q %q", got, got.Header.Get("Content-Disposition"), got.Header.Get("Content-Type"), got.Query.Get("alt_text"), got.Body)
	}
	_, err = c.Upload(context.Background(), &wpsync.MediaFile{Name: "logo.svg", MIME: "image/svg+xml", Size: int64(len(data)), Open: open})
	if err == nil || !strings.Contains(err.Error(), "WordPress refused logo.svg") || !strings.Contains(err.Error(), "rest_upload_sideload_error") {
		t.Errorf("SVG upload error = %v", err)
	}
	var ae *APIError
	if !errors.As(err, &ae) || ae.StatusCode() != 500 {
		t.Errorf("the error does not carry WordPress's status: %v", err)
	}
}

func TestClient_TypesUsersChildTerms(t *testing.T) {
	wp := wpfake.New(t, wpfake.Options{Types: []wpfake.Type{
		{Slug: "post", RESTBase: "posts", Taxonomies: []string{"category", "post_tag"}},
		{Slug: "wp_block", RESTBase: "blocks"},
		{Slug: "page", RESTBase: "pages", Hierarchical: true},
	}})
	wp.AddUser(wpfake.User{ID: 3, Login: "jane", Slug: "jane-doe", Name: "Jane & Doe", Roles: []string{"author"}})
	wp.AddUser(wpfake.User{ID: 4, Login: "bob", Roles: []string{"author"}})
	wp.AddPost(wpfake.Post{Title: "By Jane", Author: 3})
	wp.AddPost(wpfake.Post{Title: "By Bob", Author: 4})
	wp.AddUser(wpfake.User{Login: "writer", Roles: []string{"author"}, AppPassword: testPassword})
	wp.AddTerm(wpfake.Term{ID: 30, Taxonomy: "categories", Name: "Places"})
	wp.AddTerm(wpfake.Term{ID: 31, Taxonomy: "categories", Name: "Local", Parent: 30})
	c, err := connect(t, wp, "admin", testPassword)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	types, err := c.Types(ctx)
	if err != nil || len(types) != 3 || types[2].Slug != "wp_block" || types[2].RESTBase != "blocks" {
		t.Errorf("Types = %+v, %v", types, err)
	}
	if types[1].Slug != "post" || types[0].Slug != "page" || !types[0].Hierarchical {
		t.Errorf("Types not sorted or hierarchy lost: %+v", types)
	}
	// An Author (no list_users) falls back to the view context.
	author, err := connect(t, wp, "writer", testPassword)
	if err != nil {
		t.Fatal(err)
	}
	for name, id := range map[string]int{"jane-doe": 3, "Jane & Doe": 3, "bob": 4, "nobody": 0} {
		u, err := author.FindUser(ctx, name)
		if err != nil || (u == nil) != (id == 0) || u != nil && u.ID != id {
			t.Errorf("FindUser(%q) = %+v, %v; want id %d", name, u, err, id)
		}
	}
	if !slices.Contains(wp.Log(), "GET /wp/v2/users context=edit search=bob") || !slices.Contains(wp.Log(), "GET /wp/v2/users search=bob") {
		t.Errorf("no edit-context search refused, then a view-context one: %q", wp.Log())
	}
	// "Local" exists under 30: term_exists, which names it.
	term, err := c.CreateChildTerm(ctx, "categories", "Local", 30)
	reqs := wp.Requests()
	if err != nil || term.ID != 31 || term.Parent != 30 || !strings.Contains(string(reqs[len(reqs)-1].Body), `"parent":30`) {
		t.Errorf("CreateChildTerm = %+v, %v (sent %s)", term, err, reqs[len(reqs)-1].Body)
	}
	if len(wp.Terms("categories")) != 3 {
		t.Errorf("a term was made: %+v", wp.Terms("categories"))
	}
}

func TestBody_ExtraFields(t *testing.T) {
	sticky := false
	b := (&wpsync.Post{Type: "posts", Title: "t", FeaturedMedia: 5, Sticky: &sticky, CommentStatus: "closed", Format: "aside", Author: 2, Password: "pw", Template: "wide.php"}).Body()
	for k, want := range map[string]any{"featured_media": 5, "sticky": false, "comment_status": "closed", "format": "aside", "author": 2, "password": "pw", "template": "wide.php"} {
		if b[k] != want {
			t.Errorf("body[%s] = %v, want %v", k, b[k], want)
		}
	}
	if _, ok := b["parent"]; ok {
		t.Error("a post's body has a parent")
	}
	// Fields the file does not give are not sent: WordPress keeps its own.
	b = (&wpsync.Post{Type: "posts"}).Body()
	for _, k := range []string{"sticky", "comment_status", "ping_status", "format", "author", "password", "template", "menu_order"} {
		if _, ok := b[k]; ok {
			t.Errorf("body sends %s the file did not give", k)
		}
	}
	// A file without a featured image has none (docs/content.md: "when absent:
	// none"): 0 takes the post's off.
	if v, ok := b["featured_media"]; !ok || v != 0 {
		t.Errorf("body featured_media = %v, %v; want 0", v, ok)
	}
	// A page always sends its place in the tree, so moving it to the top
	// clears its parent.
	b = (&wpsync.Post{Type: "pages"}).Body()
	if b["parent"] != 0 || b["menu_order"] != 0 {
		t.Errorf("page body: parent %v menu_order %v, want 0 and 0", b["parent"], b["menu_order"])
	}
}
