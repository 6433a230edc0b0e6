package sync_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/wpsync/wpsync/internal/wpfake"
	sitegen "github.com/wpsync/wpsync/site"
	wpsync "github.com/wpsync/wpsync/sync"
)

// A Docusaurus post whose authors key its authors.yml has not is told so,
// at the line of authors:, with where to add it — not asked for a login
// name; a key it has is the WordPress user of its name.
func TestSync_DocusaurusUnknownAuthorKey(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"docusaurus.config.js": "export default {url: 'https://example.org', baseUrl: '/'};\n",
		"blog/authors.yml":     "jane:\n  name: jane\n  title: Editor\n",
		"blog/2024-01-01-a.md": "---\ntitle: A\nauthors: [nobody, jane]\n---\nA.\n",
		"blog/2024-01-02-b.md": "---\ntitle: B\nauthors: jane\n---\nB.\n",
	})
	gen, err := sitegen.Detect(dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	wp := wpfake.New(t, wpfake.Options{})
	jane := addUser(wp, "jane", "author")
	r := runWith(t, wp, dir, wpsync.Options{Generator: gen})
	a := itemFor(t, r, "blog/2024-01-01-a.md")
	want := `line 3: authors: "nobody" is not a key of blog/authors.yml`
	if !slices.ContainsFunc(a.Warnings, func(w string) bool {
		return strings.HasPrefix(w, want) && strings.Contains(w, "add nobody to blog/authors.yml")
	}) {
		t.Errorf("a.md warnings %q lack %q", a.Warnings, want)
	}
	if slices.ContainsFunc(a.Warnings, func(w string) bool { return strings.Contains(w, "login name") }) {
		t.Errorf("a.md is asked for a login name: %q", a.Warnings)
	}
	b := itemFor(t, r, "blog/2024-01-02-b.md")
	if len(b.Warnings) != 0 {
		t.Errorf("b.md warnings %q", b.Warnings)
	}
	if p := post(t, wp, b.ID); p.Author != jane {
		t.Errorf("b's author %d, want jane (%d)", p.Author, jane)
	}
}
