package site

import (
	"path/filepath"
	"strings"
	"testing"
)

// Run in a folder inside a site wpsync has an adapter for, Detect reads a
// plain folder but says where the site is: "run wpsync there".
func TestDetect_SiteAbove(t *testing.T) {
	tests := []struct {
		name     string
		files    map[string]string
		sync     string
		generate string
		key      string // "" for none
		evidence string
	}{
		{"hugo content", map[string]string{"hugo.toml": "baseURL = \"https://x/\"\n", "content/posts/a.md": "x"}, "content", "", "hugo", "../hugo.toml"},
		{"hugo section", map[string]string{"hugo.yaml": "title: x\n", "content/posts/a.md": "x"}, "content/posts", "", "hugo", "../../hugo.yaml"},
		{"hugo config.toml", map[string]string{"config.toml": "baseURL = \"https://x/\"\ntheme = \"t\"\n", "content/a.md": "x"}, "content", "", "hugo", "../config.toml"},
		{"hugo config dir", map[string]string{"config/_default/hugo.toml": "title = \"x\"\n", "content/a.md": "x"}, "content", "", "hugo", "../config/_default/hugo.toml"},
		{"another tool's config.toml", map[string]string{"config.toml": "[tool]\nx = 1\n", "content/a.md": "x"}, "content", "", "", ""},
		{"jekyll posts", map[string]string{"_config.yml": "title: x\n", "_posts/2020-01-01-a.md": "x"}, "_posts", "", "jekyll", "../_config.yml"},
		{"a _config.yml without _posts", map[string]string{"_config.yml": "title: x\n", "docs/a.md": "x"}, "docs", "", "", ""},
		{"zola content", map[string]string{"config.toml": "base_url = \"https://x/\"\n", "content/a.md": "x"}, "content", "", "zola", "../config.toml"},
		{"docusaurus docs", map[string]string{"docusaurus.config.js": "", "docs/a.md": "x"}, "docs", "", "docusaurus", "../docusaurus.config.js"},
		{"hexo posts", map[string]string{"_config.yml": "title: x\nnew_post_name: :year-:month-:day-:title.md\n", "source/_posts/a.md": "x"}, "source/_posts", "", "hexo", "../../_config.yml"},
		{"a _config.yml and source/_posts of no Hexo site", map[string]string{"_config.yml": "title: x\n", "source/_posts/a.md": "x"}, "source/_posts", "", "", ""},
		{"astro blog", map[string]string{"astro.config.mjs": "", "src/content/blog/a.md": "x"}, "src/content/blog", "", "astro", "../../../astro.config.mjs"},
		{"astro config.cts", map[string]string{"astro.config.cts": "", "src/content/blog/a.md": "x"}, "src/content/blog", "", "astro", "../../../astro.config.cts"},
		{"astro by its package", map[string]string{"package.json": `{"devDependencies": {"astro": "^5.0.0"}}`, "src/content/docs/a.md": "x"}, "src/content/docs", "", "astro", "../../../package.json"},
		{"not above the checkout", map[string]string{"hugo.toml": "", "content/.git/HEAD": "x", "content/a.md": "x"}, "content", "", "", ""},
		{"a generator named wins", map[string]string{"hugo.toml": "", "content/a.md": "x"}, "content", "obsidian", "", ""},
		{"plain on purpose", map[string]string{"hugo.toml": "", "content/a.md": "x"}, "content", "plain", "", ""},
		{"a nearer unadapted generator wins", map[string]string{"hugo.toml": "", "content/mkdocs.yml": "site_name: x\n", "content/docs/a.md": "x"}, "content/docs", "", "mkdocs", "../mkdocs.yml"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := filepath.Join(tree(t, tt.files), filepath.FromSlash(tt.sync))
			s, err := DetectWith(dir, Settings{Generator: tt.generate})
			if err != nil {
				t.Fatal(err)
			}
			u := s.Unadapted()
			switch {
			case tt.key == "" && u != nil:
				t.Fatalf("Unadapted() = %+v, want none", u)
			case tt.key == "":
				return
			case u == nil:
				t.Fatalf("Unadapted() = nil (generator %s), want %s", s.Generator(), tt.key)
			case u.Key != tt.key || u.Evidence != tt.evidence:
				t.Fatalf("Unadapted() = %+v, want %s by %s", u, tt.key, tt.evidence)
			}
			if s.Generator() != "plain" {
				t.Errorf("Generator() = %q, want plain", s.Generator())
			}
			if u.Site == "" {
				return // an unadapted generator's own warning
			}
			site := tt.evidence[:strings.LastIndex(tt.evidence, "..")+2]
			want := "this looks like the content folder of " + u.Name + " (" + tt.evidence + ") at " + site + ": "
			if msg := u.String(); !strings.HasPrefix(msg, want) || !strings.HasSuffix(msg, "run wpsync there (in "+site+") to read it as that site") {
				t.Errorf("String() = %q, want it to start %q and say to run wpsync in %s", msg, want, site)
			}
			if fix := u.Fix(); !strings.HasPrefix(fix, "run wpsync in "+site) {
				t.Errorf("Fix() = %q", fix)
			}
		})
	}
}
