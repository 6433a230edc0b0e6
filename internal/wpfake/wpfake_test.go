package wpfake_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/wpsync/wpsync/internal/wpfake"
	wpsync "github.com/wpsync/wpsync/sync"
	"github.com/wpsync/wpsync/sync/wordpress"
)

// connect signs in to the fake as its administrator with the real client.
func connect(t *testing.T, wp *wpfake.Server) *wordpress.Client {
	t.Helper()
	c, err := wordpress.New(wp.URL, wpfake.Admin, wpfake.Password, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Connect(context.Background()); err != nil {
		t.Fatal(err)
	}
	return c
}

func TestServer_Discover(t *testing.T) {
	for _, plain := range []bool{false, true} {
		wp := wpfake.New(t, wpfake.Options{Plain: plain})
		c := connect(t, wp)
		if got := strings.Contains(c.Root(), "rest_route"); got != plain {
			t.Errorf("plain=%v: root %s", plain, c.Root())
		}
		if plain {
			resp, err := http.Get(wp.URL + "/wp-json/")
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != 404 {
				t.Errorf("plain permalinks: /wp-json/ answers %d", resp.StatusCode)
			}
		}
	}
}

// Options.Link, SetLink, IndexURL and TLS change what the site announces
// and how it is served.
func TestServer_AnnouncedAddresses(t *testing.T) {
	wp := wpfake.New(t, wpfake.Options{TLS: true, Link: "http://elsewhere.test/wp-json/", IndexURL: "http://elsewhere.test/wp"})
	if !strings.HasPrefix(wp.URL, "https://") || wp.TLSConfig() == nil {
		t.Fatalf("URL %s, TLS config %v", wp.URL, wp.TLSConfig())
	}
	link := func() string {
		resp, err := wp.Client().Head(wp.URL + "/")
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.Header.Get("Link")
	}
	if got := link(); got != `<http://elsewhere.test/wp-json/>; rel="https://api.w.org/"` {
		t.Errorf("Link: %s", got)
	}
	wp.SetLink("http://other.test/wp-json/")
	if got := link(); !strings.Contains(got, "<http://other.test/wp-json/>") {
		t.Errorf("Link after SetLink: %s", got)
	}
	resp, err := wp.Client().Get(wp.URL + "/wp-json/?_fields=url,home")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if want := `{"home":"` + wp.URL + `","url":"http://elsewhere.test/wp"}`; strings.TrimSpace(string(body)) != want {
		t.Errorf("index %s, want %s", body, want)
	}
	if wpfake.New(t, wpfake.Options{}).TLSConfig() != nil {
		t.Error("TLSConfig of a plain-HTTP site")
	}
}

func TestServer_Posts(t *testing.T) {
	wp := wpfake.New(t, wpfake.Options{})
	c := connect(t, wp)
	ctx := context.Background()
	a, err := c.Create(ctx, &wpsync.Post{Type: "posts", Slug: "Café Crème", Title: "A", Status: "publish", Date: "2024-01-02T03:04:05"})
	if err != nil {
		t.Fatal(err)
	}
	if a.Slug != "cafe-creme" || a.Status != "publish" || a.Link != wp.URL+"/cafe-creme/" || a.ModifiedGMT == "" {
		t.Errorf("created %+v", a)
	}
	b, err := c.Create(ctx, &wpsync.Post{Type: "posts", Slug: "cafe-creme", Title: "B", Status: "publish"})
	if err != nil || b.Slug != "cafe-creme-2" {
		t.Fatalf("second create: %+v, %v; want slug cafe-creme-2", b, err)
	}
	wp.AddPost(wpfake.Post{Slug: "taken"})
	if d, err := c.Create(ctx, &wpsync.Post{Type: "posts", Slug: "taken", Status: "draft"}); err != nil || d.Slug != "taken" {
		t.Errorf("a draft keeps a taken slug, as wp_unique_post_slug does: %+v, %v", d, err)
	}
	if f, err := c.Create(ctx, &wpsync.Post{Type: "posts", Slug: "later", Status: "publish", Date: "2030-01-01T00:00:00"}); err != nil || f.Status != "future" {
		t.Errorf("publish with a date ahead: %+v, %v; want future", f, err)
	}
	found, err := c.FindBySlug(ctx, "posts", "cafe-creme-2")
	if err != nil || found == nil || found.ID != b.ID || found.Title != "B" {
		t.Fatalf("FindBySlug = %+v, %v", found, err)
	}
	found.Title = "B again"
	before := found.ModifiedGMT
	up, err := c.Update(ctx, found)
	if err != nil || up.Title != "B again" || up.ModifiedGMT == before {
		t.Errorf("Update = %+v, %v", up, err)
	}
	if err := c.Trash(ctx, "posts", a.ID); err != nil {
		t.Fatal(err)
	}
	var ae *wordpress.APIError
	if err := c.Trash(ctx, "posts", a.ID); !errors.As(err, &ae) || ae.Status != 410 {
		t.Errorf("second trash: %v, want 410", err)
	}
	if p, _ := c.FindBySlug(ctx, "posts", "cafe-creme"); p != nil {
		t.Errorf("status=any leaves the trash out: %+v", p)
	}
	n, err := c.Create(ctx, &wpsync.Post{Type: "posts", Slug: "cafe-creme", Status: "publish"})
	if err != nil || n.Slug != "cafe-creme" {
		t.Errorf("a slug held by a trashed post is given: %+v, %v", n, err)
	}
	if p, _ := wp.GetPost(a.ID); p.Slug != "cafe-creme__trashed" || p.Status != "trash" {
		t.Errorf("the trashed post: %+v", p)
	}
	for range 120 {
		wp.AddPost(wpfake.Post{Title: "Many"})
	}
	all, err := c.Slugs(ctx, "posts")
	if err != nil || len(all) != 125 {
		t.Errorf("Slugs: %d, %v; want 125 across pages", len(all), err)
	}
	if !slices.Contains(wp.Log(), "GET /wp/v2/posts status=publish,draft,pending,private,future context=edit page=2") {
		t.Errorf("the log lacks the second page: %q", wp.Log())
	}
}

func TestServer_TermsMediaUsers(t *testing.T) {
	wp := wpfake.New(t, wpfake.Options{})
	c := connect(t, wp)
	ctx := context.Background()
	id := wp.AddTerm(wpfake.Term{Taxonomy: "tags", Name: "Q&A"})
	terms, err := c.Terms(ctx, "tags")
	if err != nil || len(terms) != 1 || terms[0].Name != "Q&A" || wp.Terms("tags")[0].Name != "Q&amp;A" {
		t.Errorf("Terms = %+v, %v", terms, err)
	}
	if got, err := c.CreateTerm(ctx, "tags", "q&a"); err != nil || got.ID != id {
		t.Errorf("CreateTerm of a taken name: %+v, %v; want %d (term_exists)", got, err, id)
	}

	data := []byte("\x89PNG\r\n\x1a\n")
	open := func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(data)), nil }
	m, err := c.Upload(ctx, &wpsync.MediaFile{Name: "photo.png", MIME: "image/png", Size: int64(len(data)), Open: open, Slug: "photo-png", Alt: "A photo"})
	if err != nil {
		t.Fatal(err)
	}
	m2, err := c.Upload(ctx, &wpsync.MediaFile{Name: "photo.png", MIME: "image/png", Size: int64(len(data)), Open: open})
	if err != nil || !strings.HasSuffix(m2.URL, "/photo-1.png") {
		t.Errorf("second upload of a name: %+v, %v", m2, err)
	}
	var buf bytes.Buffer
	if err := c.Download(ctx, m.URL, &buf); err != nil || !bytes.Equal(buf.Bytes(), data) {
		t.Errorf("Download = %q, %v", buf.Bytes(), err)
	}
	if f, err := c.FindMedia(ctx, "photo-png"); err != nil || f == nil || f.ID != m.ID {
		t.Errorf("FindMedia = %+v, %v", f, err)
	}
	if _, err := c.Upload(ctx, &wpsync.MediaFile{Name: "logo.svg", MIME: "image/svg+xml", Size: int64(len(data)), Open: open}); !errors.Is(err, wpsync.ErrTypeRefused) {
		t.Errorf("SVG upload: %v", err)
	}

	author := wp.AddUser(wpfake.User{Login: "jane", Name: "Jane & Doe", Roles: []string{"author"}, AppPassword: wpfake.Password})
	wp.AddPost(wpfake.Post{Title: "By Jane", Author: author})
	ca, err := wordpress.New(wp.URL, "jane", wpfake.Password, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := ca.Connect(ctx); err != nil {
		t.Fatal(err)
	}
	if ok, _ := ca.Can(ctx, "unfiltered_html"); ok {
		t.Error("an Author has unfiltered_html")
	}
	u, err := ca.FindUser(ctx, "Jane & Doe")
	if err != nil || u == nil || u.ID != author || u.Login != "" {
		t.Errorf("FindUser in view context = %+v, %v", u, err)
	}
	p, err := ca.Create(ctx, &wpsync.Post{Type: "posts", Slug: "fish", Title: `Fish & Chips <3 "x"`, Status: "publish"})
	if err != nil || p.Title != "Fish &amp; Chips &lt;3 &quot;x&quot;" {
		t.Errorf("kses on an Author's title: %+v, %v", p, err)
	}
	var ae *wordpress.APIError
	if _, err := ca.Create(ctx, &wpsync.Post{Type: "pages", Slug: "page", Status: "publish"}); !errors.As(err, &ae) || ae.Status != 403 {
		t.Errorf("an Author's page: %v, want 403", err)
	}
}

func TestServer_Batch(t *testing.T) {
	wp := wpfake.New(t, wpfake.Options{MaxBatch: 3})
	c := connect(t, wp)
	ctx := context.Background()
	if n := c.BatchSize(ctx); n != 3 {
		t.Errorf("BatchSize = %d, want 3", n)
	}
	wp.Fail(wpfake.Fault{Method: "POST", Route: "/wp/v2/posts", Times: 1, Status: 400,
		Body: `{"code":"rest_invalid_param","message":"Invalid parameter(s): status","data":{"status":400}}`})
	res, err := c.WriteBatch(ctx, []*wpsync.Post{{Type: "posts", Slug: "a", Status: "publish"}, {Type: "posts", Slug: "b", Status: "publish"}})
	if err != nil {
		t.Fatal(err)
	}
	var ae *wordpress.APIError
	if !errors.As(res[0].Err, &ae) || ae.Code != "rest_invalid_param" || res[1].Err != nil || res[1].Post.Slug != "b" {
		t.Errorf("results %+v", res)
	}
	if got := wp.Writes(); len(got) != 2 || !got[1].Batch || got[1].Status != 201 {
		t.Errorf("writes %+v", got)
	}
	if _, err := c.WriteBatch(ctx, make([]*wpsync.Post, 4)[:0]); err != nil {
		t.Error(err)
	}
	nb := wpfake.New(t, wpfake.Options{NoBatch: true})
	if n := connect(t, nb).BatchSize(ctx); n != 0 {
		t.Errorf("no batch route: BatchSize = %d", n)
	}
}

func TestServer_Faults(t *testing.T) {
	wp := wpfake.New(t, wpfake.Options{})
	c := connect(t, wp)
	ctx := context.Background()

	wp.Fail(wpfake.Fault{Method: "POST", Route: "/wp/v2/posts", Times: 1, Status: 403, ContentType: "text/html", Body: wpfake.HTMLPage("403 Forbidden")})
	_, err := c.Create(ctx, &wpsync.Post{Type: "posts", Slug: "waf", Status: "publish"})
	var ae *wordpress.APIError
	if !errors.As(err, &ae) || !ae.HTMLPage || ae.PageTitle != "403 Forbidden" {
		t.Errorf("HTML page: %v", err)
	}

	wp.Fail(wpfake.Fault{Method: "POST", Route: "/wp/v2/posts", Times: 1, LoseAnswer: true})
	if _, err := c.Create(ctx, &wpsync.Post{Type: "posts", Slug: "lost", Status: "publish"}); err == nil {
		t.Error("a lost answer gave no error")
	}
	if _, ok := wp.PostBySlug("posts", "lost"); !ok {
		t.Error("a lost answer's write was not stored")
	}

	wp.Fail(wpfake.Fault{Method: "POST", Route: "/wp/v2/posts", Times: 1, Before: func() {
		wp.AddPost(wpfake.Post{Slug: "first", Title: "Landed first"})
	}})
	p, err := c.Create(ctx, &wpsync.Post{Type: "posts", Slug: "first", Status: "publish"})
	if err != nil || p.Slug != "first-2" {
		t.Errorf("a write landing first: %+v, %v", p, err)
	}
	if wp.Requests()[len(wp.Requests())-1].Status != 201 {
		t.Errorf("log %+v", wp.Requests())
	}

	wp.FailNext(503)
	if _, err := c.Posts(ctx, "posts", []int{p.ID}); err != nil {
		t.Errorf("a 503 on a GET is retried: %v", err)
	}
}

func TestServer_Replay(t *testing.T) {
	for _, batch := range []bool{false, true} {
		wp := wpfake.New(t, wpfake.Options{})
		c := connect(t, wp)
		ctx := context.Background()
		wp.Fail(wpfake.Fault{Method: "POST", Route: "/wp/v2/posts", Times: 1, Replay: true})
		var p *wpsync.Post
		var err error
		if batch {
			var res []wpsync.WriteResult
			res, err = c.WriteBatch(ctx, []*wpsync.Post{{Type: "posts", Slug: "a", Title: "A", Status: "publish"}})
			if err == nil {
				p, err = res[0].Post, res[0].Err
			}
		} else {
			p, err = c.Create(ctx, &wpsync.Post{Type: "posts", Slug: "a", Title: "A", Status: "publish"})
		}
		if err != nil || p.Slug != "a-2" {
			t.Fatalf("batch=%v: the create after its copy: %+v, %v; want slug a-2", batch, p, err)
		}
		if first, ok := wp.PostBySlug("posts", "a"); !ok || first.Title != "A" {
			t.Errorf("batch=%v: the copy: %+v", batch, first)
		}
		if w := wp.Writes(); len(w) != 1 {
			t.Errorf("batch=%v: the copy was logged: %v", batch, w)
		}
	}
}

func TestServer_Templates(t *testing.T) {
	wp := wpfake.New(t, wpfake.Options{PageTemplates: []string{"wide.php"}})
	c := connect(t, wp)
	ctx := context.Background()
	if _, known, err := c.PageTemplates(ctx); known || err != nil {
		t.Errorf("a classic theme's templates are listed: %v, %v", known, err)
	}
	if p, err := c.Create(ctx, &wpsync.Post{Type: "pages", Slug: "w", Status: "publish", Template: "wide.php"}); err != nil || p.Template != "wide.php" {
		t.Errorf("a classic theme's page template: %+v, %v", p, err)
	}
	var ae *wordpress.APIError
	if _, err := c.Create(ctx, &wpsync.Post{Type: "pages", Slug: "n", Status: "publish", Template: "narrow.php"}); !errors.As(err, &ae) || ae.Status != 400 {
		t.Errorf("a template the theme lacks: %v, want 400", err)
	}
}

func TestServer_BlockTypes(t *testing.T) {
	wp := wpfake.New(t, wpfake.Options{BlockTypes: wpfake.BlockTypesOf("6.1")})
	c := connect(t, wp)
	ctx := context.Background()
	heading := func() wpsync.BlockType {
		t.Helper()
		types, err := c.BlockTypes(ctx, "supports.className", "supports.typography.textAlign")
		if err != nil {
			t.Fatal(err)
		}
		for _, b := range types {
			if b.Name == "core/heading" {
				return b
			}
		}
		t.Fatalf("no core/heading in %+v", types)
		return wpsync.BlockType{}
	}
	if h := heading(); fmt.Sprint(h.Supports["className"]) != "false" {
		t.Errorf("6.1's heading: %+v", h)
	}
	// A field inside an empty object comes back as WordPress gives it: the
	// object, as PHP's empty array.
	req, _ := http.NewRequest("GET", wp.URL+"/wp-json/wp/v2/block-types?_fields=name,supports.typography.textAlign", nil)
	req.SetBasicAuth(wpfake.Admin, wpfake.Password)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	raw, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if !strings.Contains(string(raw), `{"name":"core/heading","supports":{"typography":[]}}`) {
		t.Errorf("6.1's block types with _fields: %s", raw)
	}
	wp.SetBlockTypes(wpfake.BlockTypesOf("latest"))
	if h := heading(); fmt.Sprint(h.Supports["className"]) != "true" || !strings.Contains(fmt.Sprint(h.Supports["typography"]), "textAlign:true") {
		t.Errorf("the latest heading: %+v", h)
	}
}
