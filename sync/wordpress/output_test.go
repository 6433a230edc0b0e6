package wordpress

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/wpsync/wpsync/internal/wpfake"
	wpsync "github.com/wpsync/wpsync/sync"
)

// phpWarning is what PHP prints for a warning with html_errors on.
const phpWarning = "<br />\n<b>Warning</b>:  Undefined array key \"seo_title\" in <b>/var/www/wp-content/plugins/old-seo/old-seo.php</b> on line <b>77</b><br />\n"

func TestAfterOutput(t *testing.T) {
	tests := []struct {
		name     string
		body     string
		jsonType bool
		prefix   string // "" with value "": not found
		value    string
	}{
		{name: "json", body: `{"id":1}`, jsonType: true},
		{name: "json with spaces", body: "\n {\"id\":1}\n", jsonType: true},
		{name: "empty", body: "", jsonType: true},
		{name: "bom", body: bom + `{"id":1}`, jsonType: true, prefix: bom, value: `{"id":1}`},
		{name: "bom before a list", body: bom + `[{"id":1}]`, jsonType: true, prefix: bom, value: `[{"id":1}]`},
		{name: "php warning", body: phpWarning + `{"id":1,"title":{"raw":"a {b} [c]"}}`, jsonType: true, prefix: phpWarning, value: `{"id":1,"title":{"raw":"a {b} [c]"}}`},
		{name: "php warning, html type", body: phpWarning + `{"id":1}`, prefix: phpWarning, value: `{"id":1}`},
		{name: "notice with brackets", body: "Notice: [x] {y} in a.php\n{\"id\":1}", jsonType: true, prefix: "Notice: [x] {y} in a.php\n", value: `{"id":1}`},
		{name: "not at a line start", body: "oops{\"id\":1}", jsonType: true, prefix: "oops", value: `{"id":1}`},
		{name: "output after the json too", body: phpWarning + "{\"id\":1}\n<b>Notice</b>: x", jsonType: true, prefix: phpWarning, value: `{"id":1}`},
		{name: "output after the json, not json", body: phpWarning + "{\"id\":1}\n<b>Notice</b>: x"},
		{name: "html page", body: wpfake.HTMLPage("403 Forbidden")},
		{name: "html page with a script", body: "<html><script>\n{\"a\": 1}\n</script></html>"},
		{name: "broken json", body: `{"id":`, jsonType: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			prefix, value, ok := afterOutput([]byte(tt.body), tt.jsonType)
			if ok != (tt.value != "") || string(prefix) != tt.prefix || string(value) != tt.value {
				t.Errorf("afterOutput = %q, %q, %v; want %q, %q", prefix, value, ok, tt.prefix, tt.value)
			}
		})
	}
}

func TestOutputWarning(t *testing.T) {
	if w := outputWarning([]byte(bom)); !strings.Contains(w, "byte-order mark") || strings.Contains(w, bom) {
		t.Errorf("BOM: %q", w)
	}
	w := outputWarning([]byte(phpWarning + strings.Repeat("x", 300)))
	if !strings.Contains(w, `PHP output before its answers: "Warning: Undefined array key \"seo_title\" in /var/www/`) || strings.Contains(w, "<b>") || strings.Contains(w, "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx") || !strings.Contains(w, "display_errors") {
		t.Errorf("warning: %q", w)
	}
}

// A site that prints something before every answer (a BOM) or before the
// answers to writes (a plugin's PHP warning): every call reads the JSON
// after it, writes are what they are, refusals keep their code, and the
// client has one warning for the whole run.
func TestClient_OutputBeforeJSON(t *testing.T) {
	tests := []struct {
		name  string
		fault wpfake.Fault
		want  string
	}{
		{"bom before every answer", wpfake.Fault{Prefix: bom}, "byte-order mark"},
		{"php warning before writes", wpfake.Fault{Method: "POST", Prefix: phpWarning}, `"Warning: Undefined array key \"seo_title\"`},
		{"php warning, text/html", wpfake.Fault{Method: "POST", Prefix: phpWarning, ContentType: "text/html; charset=UTF-8"}, "Warning: Undefined"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx := context.Background()
			wp := wpfake.New(t, wpfake.Options{})
			wp.Fail(tt.fault)
			c, err := connect(t, wp, wpfake.Admin, testPassword)
			if err != nil {
				t.Fatalf("Connect: %v", err)
			}
			got, err := c.Create(ctx, &wpsync.Post{Type: "posts", Slug: "a", Title: "A", Status: "publish"})
			if err != nil || got.ID == 0 || got.Slug != "a" {
				t.Fatalf("Create = %+v, %v", got, err)
			}
			up, err := c.Update(ctx, &wpsync.Post{Type: "posts", ID: got.ID, Slug: "a", Title: "A2", Status: "publish"})
			if err != nil || up.Title != "A2" {
				t.Fatalf("Update = %+v, %v", up, err)
			}
			res, err := c.WriteBatch(ctx, []*wpsync.Post{{Type: "posts", Slug: "b", Title: "B", Status: "publish"}, {Type: "posts", ID: got.ID, Slug: "a", Title: "A3", Status: "publish"}})
			if err != nil || len(res) != 2 || res[0].Err != nil || res[1].Err != nil || res[0].Post.Slug != "b" || res[1].Post.Title != "A3" {
				t.Fatalf("WriteBatch = %+v, %v", res, err)
			}
			_, err = c.Update(ctx, &wpsync.Post{Type: "posts", ID: got.ID, Status: "nonsense"})
			var ae *APIError
			if !errors.As(err, &ae) || ae.Code != "rest_invalid_param" {
				t.Errorf("refused update: %v, want rest_invalid_param", err)
			}
			if n := len(wp.Posts("posts")); n != 2 {
				t.Errorf("%d posts, want 2", n)
			}
			w := c.Warnings()
			if len(w) != 1 || !strings.Contains(w[0], tt.want) {
				t.Errorf("Warnings = %q, want one saying %q", w, tt.want)
			}
			if w := c.Warnings(); w != nil {
				t.Errorf("Warnings again = %q, want none", w)
			}
		})
	}
}
