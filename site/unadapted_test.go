package site

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestDetect_Unadapted recognises the generators wpsync has no adapter
// for, beside or above the synced folder, and names what it saw.
func TestDetect_Unadapted(t *testing.T) {
	tests := []struct {
		name     string
		files    map[string]string
		sync     string // the synced folder under the tree
		generate string // wpsync.yaml's generator:
		key      string // want; "" for none
		evidence string
		gen      string // the adapter, "plain" unless said
	}{
		// An Obsidian vault has its adapter (obsidian.go).
		{"obsidian", map[string]string{".obsidian/app.json": "{}", "a.md": "x"}, "", "", "", "", "obsidian"},
		{"obsidian above", map[string]string{".obsidian/app.json": "{}", "notes/a.md": "x"}, "notes", "", "", "", "obsidian"},
		{"obsidian named", map[string]string{"a.md": "x"}, "", "Obsidian", "", "", "obsidian"},
		{"obsidian by its notes", map[string]string{"a.md": "[[b]]", "b.md": "![[c.png]]", "c.md": "x"}, "", "", "", "", "obsidian"},
		{"escaped shortcodes are no vault", map[string]string{"a.md": "[[gallery]]", "b.md": "[[caption]]"}, "", "", "", "", ""},
		// Eleventy has its adapter (eleventy.go): no vault either.
		{"eleventy with wikilinks", map[string]string{"eleventy.config.js": "", "a.md": "[[b]]", "b.md": "[[a]]"}, "", "", "", "", "eleventy"},
		{"eleventy beside src", map[string]string{"eleventy.config.js": "", "src/a.md": "x"}, "src", "", "", "", "eleventy"},
		{"eleventy old name", map[string]string{".eleventy.js": "", "a.md": "x"}, "", "", "", "", "eleventy"},
		{"eleventy named", map[string]string{"a.md": "x"}, "", "eleventy", "", "", "eleventy"},
		// Docusaurus has its adapter (docusaurus.go).
		{"docusaurus", map[string]string{"docusaurus.config.ts": "", "blog/a.md": "x"}, "", "", "", "", "docusaurus"},
		{"docusaurus above", map[string]string{"docusaurus.config.js": "", "blog/a.md": "x"}, "blog", "", "docusaurus", "../docusaurus.config.js", ""},
		{"docusaurus named", map[string]string{"blog/a.md": "x"}, "", "docusaurus", "", "", "docusaurus"},
		{"astro", map[string]string{"astro.config.mjs": "", "src/content/blog/a.md": "x"}, "src/content/blog", "", "astro", "../../../astro.config.mjs", ""},
		// Hexo has its adapter (hexo.go).
		{"hexo", map[string]string{"_config.yml": "title: x\nnew_post_name: :title.md\n", "source/_posts/a.md": "x"}, "", "", "", "", "hexo"},
		{"hexo by its package", map[string]string{"_config.yml": "title: x\n", "package.json": `{"dependencies": {"hexo": "^7.0.0"}}`, "source/_posts/a.md": "x"}, "", "", "", "", "hexo"},
		{"hexo named", map[string]string{"source/_posts/a.md": "x"}, "", "hexo", "", "", "hexo"},
		{"hexo above", map[string]string{"_config.yml": "title: x\npost_asset_folder: true\n", "source/_posts/a.md": "x"}, "source/_posts", "", "hexo", "../../_config.yml", ""},
		{"jekyll is not hexo", map[string]string{"_config.yml": "title: x\n", "source/_posts/a.md": "x"}, "", "", "", "", "jekyll"},
		{"mkdocs beside docs", map[string]string{"mkdocs.yml": "site_name: x\n", "docs/a.md": "x"}, "docs", "", "mkdocs", "../mkdocs.yml", ""},
		{"vitepress", map[string]string{".vitepress/config.mts": "", "a.md": "x"}, "", "", "vitepress", ".vitepress/", ""},
		{"none", map[string]string{"a.md": "x"}, "", "", "", "", ""},
		{"not above the checkout", map[string]string{"eleventy.config.js": "", "repo/.git/HEAD": "x", "repo/a.md": "x"}, "repo", "", "", "", ""},
		{"hugo has its adapter", map[string]string{"hugo.toml": "baseURL = \"https://x\"\n", "eleventy.config.js": ""}, "", "", "", "", "hugo"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := tree(t, tt.files)
			dir := filepath.Join(root, filepath.FromSlash(tt.sync))
			s, err := DetectWith(dir, Settings{Generator: tt.generate})
			if err != nil {
				t.Fatal(err)
			}
			want := tt.gen
			if want == "" {
				want = "plain"
			}
			if s.Generator() != want {
				t.Errorf("Generator() = %q, want %q", s.Generator(), want)
			}
			u := s.Unadapted()
			switch {
			case tt.key == "" && u != nil:
				t.Errorf("Unadapted() = %+v, want none", u)
			case tt.key != "" && u == nil:
				t.Errorf("Unadapted() = nil, want %s", tt.key)
			case u != nil && (u.Key != tt.key || u.Evidence != tt.evidence || !strings.Contains(u.String(), u.Name+" ("+tt.evidence+")")):
				t.Errorf("Unadapted() = %+v (%s), want %s by %s", u, u, tt.key, tt.evidence)
			}
		})
	}
	t.Run("unknown generator", func(t *testing.T) {
		_, err := DetectWith(tree(t, map[string]string{"a.md": "x"}), Settings{Generator: "gatsby"})
		if err == nil || !strings.Contains(err.Error(), `generator: unknown value "gatsby"`) || !strings.Contains(err.Error(), "obsidian") {
			t.Errorf("err = %v", err)
		}
	})
}
