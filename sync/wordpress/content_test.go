package wordpress

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	wpsync "github.com/wpsync/wpsync/sync"
)

// contentSite answers the routes of content.go's calls.
func contentSite(t *testing.T, h http.HandlerFunc) *Client {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	c, err := New(srv.URL, "admin", testPassword, nil)
	if err != nil {
		t.Fatal(err)
	}
	c.root, _ = url.Parse(srv.URL + "/wp-json/")
	return c
}

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
	var got struct {
		disposition, ctype, alt string
		body                    []byte
	}
	c := contentSite(t, func(w http.ResponseWriter, r *http.Request) {
		if r.Method != "POST" || r.URL.Path != "/wp-json/wp/v2/media" {
			http.NotFound(w, r)
			return
		}
		got.disposition, got.ctype, got.alt = r.Header.Get("Content-Disposition"), r.Header.Get("Content-Type"), r.URL.Query().Get("alt_text")
		got.body, _ = io.ReadAll(r.Body)
		if strings.Contains(got.disposition, ".svg") {
			w.WriteHeader(500)
			_, _ = w.Write([]byte(`{"code":"rest_upload_sideload_error","message":"Sorry, you are not allowed to upload this file type.","data":{"status":500}}`))
			return
		}
		w.WriteHeader(201)
		_, _ = w.Write([]byte(`{"id":12,"source_url":"http://wp.test/wp-content/uploads/cafe-uni.png"}`))
	})
	open := func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(data)), nil }
	m, err := c.Upload(context.Background(), &wpsync.MediaFile{Name: "café ünï.png", MIME: "image/png", Size: int64(len(data)), Open: open, Alt: "A & B"})
	if err != nil {
		t.Fatal(err)
	}
	if m.ID != 12 || m.URL != "http://wp.test/wp-content/uploads/cafe-uni.png" {
		t.Errorf("Upload = %+v", m)
	}
	if got.disposition != `attachment; filename="café ünï.png"` || got.ctype != "image/png" || got.alt != "A & B" || !bytes.Equal(got.body, data) {
		t.Errorf("request: %q %q %q %q", got.disposition, got.ctype, got.alt, got.body)
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
	var termBody map[string]any
	c := contentSite(t, func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/wp-json/wp/v2/types":
			_, _ = w.Write([]byte(`{"post":{"slug":"post","rest_base":"posts","hierarchical":false,"taxonomies":["category","post_tag"]},
				"wp_block":{"slug":"wp_block","rest_base":"blocks","hierarchical":false,"taxonomies":[]},
				"page":{"slug":"page","rest_base":"pages","hierarchical":true,"taxonomies":[]}}`))
		case "/wp-json/wp/v2/users":
			if r.URL.Query().Get("context") == "edit" {
				w.WriteHeader(403)
				_, _ = w.Write([]byte(`{"code":"rest_forbidden_context","message":"Sorry, you are not allowed to list users.","data":{"status":403}}`))
				return
			}
			_, _ = w.Write([]byte(`[{"id":3,"slug":"jane-doe","name":"Jane &amp; Doe"},{"id":4,"slug":"bob","name":"Bob"}]`))
		case "/wp-json/wp/v2/categories":
			_ = json.NewDecoder(r.Body).Decode(&termBody)
			w.WriteHeader(400)
			_, _ = w.Write([]byte(`{"code":"term_exists","message":"A term with the name provided already exists with this parent.","data":{"status":400,"term_id":31}}`))
		default:
			http.NotFound(w, r)
		}
	})
	ctx := context.Background()
	types, err := c.Types(ctx)
	if err != nil || len(types) != 3 || types[2].Slug != "wp_block" || types[2].RESTBase != "blocks" {
		t.Errorf("Types = %+v, %v", types, err)
	}
	if types[1].Slug != "post" || types[0].Slug != "page" || !types[0].Hierarchical {
		t.Errorf("Types not sorted or hierarchy lost: %+v", types)
	}
	// An Author (no list_users) falls back to the view context.
	for name, id := range map[string]int{"jane-doe": 3, "Jane & Doe": 3, "bob": 4, "nobody": 0} {
		u, err := c.FindUser(ctx, name)
		if err != nil || (u == nil) != (id == 0) || u != nil && u.ID != id {
			t.Errorf("FindUser(%q) = %+v, %v; want id %d", name, u, err, id)
		}
	}
	term, err := c.CreateChildTerm(ctx, "categories", "Local", 30)
	if err != nil || term.ID != 31 || term.Parent != 30 || termBody["parent"] != float64(30) {
		t.Errorf("CreateChildTerm = %+v, %v (sent %v)", term, err, termBody)
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
	for _, k := range []string{"featured_media", "sticky", "comment_status", "ping_status", "format", "author", "password", "template", "menu_order"} {
		if _, ok := b[k]; ok {
			t.Errorf("body sends %s the file did not give", k)
		}
	}
	// A page always sends its place in the tree, so moving it to the top
	// clears its parent.
	b = (&wpsync.Post{Type: "pages"}).Body()
	if b["parent"] != 0 || b["menu_order"] != 0 {
		t.Errorf("page body: parent %v menu_order %v, want 0 and 0", b["parent"], b["menu_order"])
	}
}
