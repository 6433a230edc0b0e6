package markdown

import (
	"errors"
	"os"
	"slices"
	"testing"
	"unicode/utf8"
)

// FuzzParse checks that Parse never panics and only fails with ErrEmpty or
// *Error. Seeds: testdata/fuzz/FuzzParse and the golden inputs.
func FuzzParse(f *testing.F) {
	for _, md := range goldenFiles(f) {
		src, err := os.ReadFile(md)
		if err != nil {
			f.Fatal(err)
		}
		f.Add("post/"+md, src)
	}
	f.Add("_posts/2024-03-05-x.md", []byte("---\ntitle: x\ncategories: a b\ndate: 2025-01-29 18:15:32 +0530\n---\n# H\n[gallery ids=\"1\"]\n"))
	f.Add("x/index.md", []byte("+++\ndate = 2024-03-05\ntags = [\"a\"]\n+++\nbody\n"))
	f.Add("x.md", []byte("{\n\"title\": \"x\"\n}\n\nbody\n"))
	// What readers see of other dialects (leftover.go).
	f.Add("note.md", []byte("---\ntitle: n\n---\n[[A|b]] ![[c.png]] ==d== %% e %% ^f1\n\n> [!tip]- T\n> x\n\n:::note\ny\n:::\n\n!!! warning\n    z\n"))
	f.Add("mdx.md", []byte("import T from '@t';\n\n<Tabs a=\"1\">\n<TabItem>\n\n`{% x %}` {{ y }}\n\n</TabItem>\n</Tabs>\n\n## H {#h}\n\n<div>\n\n    <p>i</p>\n\n</div>\n\n<img style={{ a: 1 }} />\n"))
	f.Fuzz(func(t *testing.T, path string, src []byte) {
		doc, err := Parse(path, src)
		if err != nil {
			var e *Error
			if !errors.Is(err, ErrEmpty) && !errors.As(err, &e) {
				t.Fatalf("Parse error %T %v is neither ErrEmpty nor *Error", err, err)
			}
			return
		}
		if !utf8.ValidString(doc.Content) || !utf8.ValidString(doc.Title) {
			t.Errorf("invalid UTF-8 in output: %+v", doc)
		}
		if doc.Status != "" && !slices.Contains(Statuses, doc.Status) {
			t.Errorf("Status = %q", doc.Status)
		}
		if s := slugify(doc.Slug); s != doc.Slug {
			t.Errorf("Slug %q is not normalised (%q)", doc.Slug, s)
		}
	})
}
