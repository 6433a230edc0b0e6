package site

import (
	"testing"

	"github.com/wpsync/wpsync/markdown"
)

// Each generator's heading ids as its configuration sets them, with its
// defaults when it says nothing.
func TestHeadingIDs_Configuration(t *testing.T) {
	for _, tc := range []struct {
		name  string
		files map[string]string
		page  string
		want  markdown.HeadingIDs
	}{
		{"hugo default", map[string]string{"hugo.toml": "baseURL = \"https://x\"\n"}, "content/a.md", markdown.HeadingIDs{Style: markdown.IDsGitHub}},
		{"hugo off", map[string]string{"hugo.toml": "[markup.goldmark.parser]\nautoHeadingID = false\n"}, "content/a.md", markdown.HeadingIDs{}},
		{"hugo ascii", map[string]string{"hugo.yaml": "markup:\n  goldmark:\n    parser:\n      autoHeadingIDType: github-ascii\n"}, "content/a.md", markdown.HeadingIDs{Style: markdown.IDsGitHubASCII}},
		{"hugo markup.toml", map[string]string{"config/_default/hugo.toml": "title = \"x\"\n", "config/_default/markup.toml": "[goldmark.parser]\nautoHeadingIDType = \"blackfriday\"\n"}, "content/a.md", markdown.HeadingIDs{Style: markdown.IDsBlackfriday}},
		{"hugo markup.toml off", map[string]string{"config/_default/hugo.toml": "title = \"x\"\n", "config/_default/markup.toml": "[goldmark.parser]\nautoHeadingID = false\n"}, "content/a.md", markdown.HeadingIDs{}},
		{"jekyll default", map[string]string{"_config.yml": "title: x\n"}, "_posts/2024-01-02-a.md", markdown.HeadingIDs{Style: markdown.IDsKramdownGFM}},
		{"jekyll off", map[string]string{"_config.yml": "kramdown:\n  auto_ids: false\n"}, "_posts/2024-01-02-a.md", markdown.HeadingIDs{}},
		{"jekyll kramdown input", map[string]string{"_config.yml": "kramdown:\n  input: kramdown\n  auto_id_prefix: s-\n"}, "a.md", markdown.HeadingIDs{Style: markdown.IDsKramdown, Prefix: "s-"}},
		{"jekyll stripping", map[string]string{"_config.yml": "kramdown:\n  input: kramdown\n  auto_id_stripping: true\n"}, "a.md", markdown.HeadingIDs{Style: markdown.IDsKramdownStripped}},
		{"jekyll commonmark", map[string]string{"_config.yml": "markdown: CommonMark\n"}, "a.md", markdown.HeadingIDs{}},
		{"zola default", map[string]string{"config.toml": "base_url = \"https://x\"\n"}, "content/a.md", markdown.HeadingIDs{Style: markdown.IDsZola}},
		{"zola safe", map[string]string{"config.toml": "base_url = \"https://x\"\n[slugify]\nanchors = \"safe\"\n"}, "content/a.md", markdown.HeadingIDs{Style: markdown.IDsZolaSafe}},
		// GitHub's ids, as it shows the folder; a _posts file is Jekyll's
		// (kramdown's GFM ids); an Obsidian vault gives none.
		{"plain", map[string]string{"a.md": "# A\n"}, "a.md", markdown.HeadingIDs{Style: markdown.IDsGitHubSlugger}},
		{"plain _posts", map[string]string{"_posts/2020-01-02-a.md": "# A\n"}, "_posts/2020-01-02-a.md", markdown.HeadingIDs{Style: markdown.IDsKramdownGFM}},
		{"obsidian", map[string]string{".obsidian/app.json": "{}\n", "a.md": "# A\n"}, "a.md", markdown.HeadingIDs{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, err := Detect(tree(t, tc.files), nil)
			if err != nil {
				t.Fatal(err)
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

// A plain folder reads $…$ and $$…$$ as GitHub does; its _posts files
// kramdown's math, an Obsidian vault its own.
func TestMath_Plain(t *testing.T) {
	for _, tc := range []struct {
		name  string
		files map[string]string
		page  string
		want  *markdown.MathSyntax
	}{
		{"plain", map[string]string{"a.md": "# A\n"}, "a.md", &markdown.GitHubMath},
		{"plain _posts", map[string]string{"_posts/2020-01-02-a.md": "# A\n"}, "_posts/2020-01-02-a.md", &markdown.KramdownMath},
		{"obsidian", map[string]string{".obsidian/app.json": "{}\n", "a.md": "# A\n"}, "a.md", &markdown.ObsidianMath},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, err := Detect(tree(t, tc.files), nil)
			if err != nil {
				t.Fatal(err)
			}
			p := s.Page(tc.page)
			if p.Rules == nil {
				t.Fatalf("Page(%s) = %+v", tc.page, p)
			}
			if got := p.Rules.MathSyntax(); got != tc.want {
				t.Errorf("MathSyntax() = %+v, want %+v", got, tc.want)
			}
		})
	}
}
