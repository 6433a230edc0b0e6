package site

import (
	"strings"
	"testing"
)

// TestSite_Alerts: a GitHub alert is a callout in a plain folder and a
// Hugo site (Hugo's blockquote render hooks read its title too); Jekyll,
// Zola and a plain folder's _posts (read as Jekyll reads it) show a
// quote, named as a leftover.
func TestSite_Alerts(t *testing.T) {
	const body = "---\ntitle: T\n---\n> [!WARNING]\n> Back up first.\n\n> [!tip] Shortcut\n> Use the menu.\n"
	tests := []struct {
		gen, rel  string
		files     map[string]string
		shows     []string
		leftovers int
	}{
		{"plain", "x.md", map[string]string{"x.md": body},
			[]string{`callout callout-warning`, `<strong>Warning</strong>`, `<p>[!tip] Shortcut`}, 1},
		{"plain", "_posts/2024-01-02-x.md", map[string]string{"_posts/2024-01-02-x.md": body},
			[]string{`<p>[!WARNING]`}, 2},
		{"hugo", "content/x.md", map[string]string{"hugo.toml": "baseURL = \"https://example.org/\"\n", "content/x.md": body},
			[]string{`callout callout-warning`, `<strong>Warning</strong>`, `callout callout-tip`, `<strong>Shortcut</strong>`}, 0},
		{"jekyll", "x.md", map[string]string{"_config.yml": "title: x\n", "x.md": body},
			[]string{`<p>[!WARNING]`}, 2},
		{"zola", "content/x.md", map[string]string{"config.toml": "base_url = \"https://example.org\"\n", "content/x.md": body},
			[]string{`<p>[!WARNING]`}, 2},
	}
	for _, tt := range tests {
		t.Run(tt.gen+"/"+tt.rel, func(t *testing.T) {
			dir := tree(t, tt.files)
			s, err := DetectWith(dir, Settings{})
			if err != nil {
				t.Fatal(err)
			}
			if s.Generator() != tt.gen {
				t.Fatalf("Generator() = %q", s.Generator())
			}
			skip, doc := judge(t, s, dir, tt.rel)
			if skip != "" {
				t.Fatalf("skipped: %s", skip)
			}
			for _, w := range tt.shows {
				if !strings.Contains(doc.Content, w) {
					t.Errorf("content lacks %s:\n%s", w, doc.Content)
				}
			}
			if tt.leftovers == 0 && strings.Contains(doc.Content, "[!") {
				t.Errorf("marker left:\n%s", doc.Content)
			}
			if len(doc.Leftovers) != tt.leftovers {
				t.Errorf("leftovers %v, want %d", doc.Leftovers, tt.leftovers)
			}
		})
	}
}
