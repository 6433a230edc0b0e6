package site

import (
	"strings"
	"testing"

	"github.com/wpsync/wpsync/markdown"
)

// Hexo's, Astro's and Docusaurus's heading ids; Eleventy's markdown-it
// gives none.
func TestHeadingIDs_JavaScriptConfiguration(t *testing.T) {
	hexoPkg := `{"dependencies": {"hexo": "^7.0.0"}}`
	for _, tc := range []struct {
		name  string
		files map[string]string
		page  string
		want  markdown.HeadingIDs
	}{
		{"hexo default", map[string]string{"package.json": hexoPkg, "_config.yml": "title: x\n", "source/_posts/a.md": "# A\n"}, "source/_posts/a.md", markdown.HeadingIDs{Style: markdown.IDsHexo}},
		{"hexo lower", map[string]string{"package.json": hexoPkg, "_config.yml": "marked:\n  modifyAnchors: 1\n", "source/_posts/a.md": "# A\n"}, "source/_posts/a.md", markdown.HeadingIDs{Style: markdown.IDsHexoLower}},
		{"hexo upper", map[string]string{"package.json": hexoPkg, "_config.yml": "marked:\n  modifyAnchors: 2\n", "source/_posts/a.md": "# A\n"}, "source/_posts/a.md", markdown.HeadingIDs{Style: markdown.IDsHexoUpper}},
		{"hexo off", map[string]string{"package.json": hexoPkg, "_config.yml": "marked:\n  headerIds: false\n", "source/_posts/a.md": "# A\n"}, "source/_posts/a.md", markdown.HeadingIDs{}},
		{"astro", map[string]string{"astro.config.mjs": "export default {}\n", "src/content/blog/a.md": "# A\n"}, "src/content/blog/a.md", markdown.HeadingIDs{Style: markdown.IDsAstro}},
		{"astro mdx", map[string]string{"astro.config.mjs": "export default {}\n", "src/content/blog/a.mdx": "# A\n"}, "src/content/blog/a.mdx", markdown.HeadingIDs{Style: markdown.IDsAstro}},
		{"docusaurus", map[string]string{"docusaurus.config.js": "module.exports = {}\n", "docs/a.md": "# A\n"}, "docs/a.md", markdown.HeadingIDs{Style: markdown.IDsGitHubSlugger}},
		{"eleventy", map[string]string{"eleventy.config.js": "module.exports = {}\n", "a.md": "# A\n"}, "a.md", markdown.HeadingIDs{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, err := Detect(tree(t, tc.files), nil)
			if err != nil {
				t.Fatal(err)
			}
			if s.Generator() != strings.Fields(tc.name)[0] {
				t.Fatalf("generator %q", s.Generator())
			}
			p := s.Page(tc.page)
			if p.Rules == nil {
				t.Fatalf("Page(%s) = %+v", tc.page, p)
			}
			if p.Rules.HeadingIDs != tc.want {
				t.Errorf("HeadingIDs = %+v, want %+v", p.Rules.HeadingIDs, tc.want)
			}
		})
	}
}
