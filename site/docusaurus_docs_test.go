package site

import (
	"reflect"
	"testing"
)

// TestDocusaurus_Categories: a docs folder's _category_ file makes its
// link doc (or, without a link, its index doc) the parent page of the
// folder's other docs, the category's position that page's order; a
// category without a doc gives no parent; unlisted is private unless a
// draft; .mdx docs are read.
func TestDocusaurus_Categories(t *testing.T) {
	root := tree(t, map[string]string{
		"docusaurus.config.js":            "module.exports = { url: 'https://x.org', baseUrl: '/' };\n",
		"docs/intro.md":                   "---\nsidebar_position: 1\n---\nx",
		"docs/guides/_category_.json":     `{"label": "Guides", "position": 2, "link": {"type": "doc", "id": "overview"}}`,
		"docs/guides/overview.mdx":        "x",
		"docs/guides/01-setup.md":         "---\nsidebar_position: 1\n---\nx",
		"docs/guides/deep/_category_.yml": "label: Deep\nposition: 5\n",
		"docs/guides/deep/README.md":      "x",
		"docs/guides/deep/dive.md":        "x",
		"docs/bare/_category_.json":       `{"label": "Bare"}`,
		"docs/bare/x.md":                  "x",
		"docs/secret.md":                  "---\nunlisted: true\n---\nx",
		"docs/wip.md":                     "---\nunlisted: true\ndraft: true\n---\nx",
		"blog/2024-01-01-u.md":            "---\nunlisted: true\n---\nx",
	})
	s, err := Detect(root, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !ReadsMDX(s) {
		t.Error("ReadsMDX: false")
	}
	for rel, want := range map[string]map[string]any{
		"docs/intro.md":              {"menu_order": 1},
		"docs/guides/overview.mdx":   {"menu_order": 2},
		"docs/guides/01-setup.md":    {"menu_order": 1, "parent": "/docs/guides/overview.mdx"},
		"docs/guides/deep/README.md": {"menu_order": 5, "parent": "/docs/guides/overview.mdx"},
		"docs/guides/deep/dive.md":   {"parent": "/docs/guides/deep/README.md"},
		"docs/bare/x.md":             nil,
		"docs/secret.md":             {"status": "private"},
		"docs/wip.md":                nil,
		"blog/2024-01-01-u.md":       {"status": "private"},
	} {
		pg := s.Page(rel)
		if pg.Skip != "" {
			t.Errorf("%s: skipped: %s", rel, pg.Skip)
			continue
		}
		if got := pg.Rules.Defaults; !reflect.DeepEqual(got, want) && !(len(got) == 0 && len(want) == 0) {
			t.Errorf("%s: defaults %v, want %v", rel, got, want)
		}
	}
	if !s.Reads("docs/bare/_category_.json") || s.Reads("blog/_category_.json") {
		t.Error("Reads: the docs' category files")
	}
}
