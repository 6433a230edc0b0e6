package site

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/wpsync/wpsync/markdown"
)

// frontMatter reads the front matter of the file rel under root.
func frontMatter(t *testing.T, root, rel string) map[string]any {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(rel)))
	if err != nil {
		t.Fatal(err)
	}
	fm, _ := markdown.FrontMatterMap(rel, raw)
	return fm
}

// TestDocusaurus reads a Docusaurus site: its configuration's literal
// strings, which files are posts, pages or none, their addresses, and
// authors by their key in authors.yml.
func TestDocusaurus(t *testing.T) {
	root := tree(t, map[string]string{
		"docusaurus.config.js":            "module.exports = {\n  url: 'https://x.org',\n  baseUrl: '/site/',\n  presets: [['classic', { docs: { routeBasePath: 'guide' }, blog: { path: 'news', routeBasePath: process.env.B } }]],\n};\n",
		"news/authors.yml":                "jo:\n  name: Jo Smith\n  title: Editor\n",
		"news/2024-01-02-hi.md":           "---\nauthors: [jo, ann]\n---\nx\n",
		"news/2024-02-03-folder/index.md": "---\nauthors:\n  - name: Inline Person\n---\nx\n",
		"news/plain.md":                   "---\nslug: my-plain\n---\nx\n",
		"docs/01-intro.md":                "---\nsidebar_position: 3\n---\nx\n",
		"docs/02-guides/setup.md":         "---\nid: set-up\n---\nx\n",
		"docs/02-guides/index.md":         "x\n",
		"docs/_partial.md":                "x\n",
		"src/pages/about.md":              "x\n",
		"README.md":                       "x\n",
	})
	s, err := Detect(root, nil)
	if err != nil {
		t.Fatal(err)
	}
	if s.Generator() != "docusaurus" || s.Config() != "docusaurus.config.js" {
		t.Fatalf("generator %s (%s)", s.Generator(), s.Config())
	}
	if got := s.Bases(); !slices.Contains(got, "/site") {
		t.Errorf("Bases() = %q, want /site among them", got)
	}
	if n := s.Notes(); len(n) != 1 || !strings.Contains(n[0], `blog: routeBasePath is not written as a string: read as Docusaurus's default "blog"`) {
		t.Errorf("Notes() = %q", n)
	}
	for rel, want := range map[string]string{
		"news/2024-01-02-hi.md":           "/blog/2024/01/02/hi",
		"news/2024-02-03-folder/index.md": "/blog/2024/02/03/folder",
		"news/plain.md":                   "/blog/my-plain",
		"docs/01-intro.md":                "/guide/intro",
		"docs/02-guides/setup.md":         "/guide/guides/set-up",
		"docs/02-guides/index.md":         "/guide/guides",
		"src/pages/about.md":              "/about",
	} {
		if got := s.Address(rel, frontMatter(t, root, rel)); got != want {
			t.Errorf("Address(%s) = %q, want %q", rel, got, want)
		}
	}
	for rel, want := range map[string]string{"docs/_partial.md": "a partial", "README.md": "not in the Docusaurus site's"} {
		if got := s.Page(rel).Skip; !strings.Contains(got, want) {
			t.Errorf("Page(%s).Skip = %q, want %q", rel, got, want)
		}
	}
	if p := s.Page("docs/01-intro.md"); p.Rules == nil || p.Rules.Page != "page" || p.Rules.Defaults["menu_order"] != 3 || !p.Rules.Docusaurus {
		t.Errorf("intro: %+v", p.Rules)
	}
	if p := s.Page("news/2024-01-02-hi.md"); p.Rules == nil || p.Rules.Page != "" || p.Rules.Defaults["author"] != "Jo Smith" {
		t.Errorf("hi: %+v", p.Rules)
	}
	if p := s.Page("news/2024-02-03-folder/index.md"); p.Rules == nil || p.Rules.Defaults["author"] != "Inline Person" {
		t.Errorf("folder: %+v", p.Rules)
	}
	if !s.Reads("news/authors.yml") || !s.Reads("docusaurus.config.js") {
		t.Errorf("Reads misses authors.yml or the configuration")
	}
}
