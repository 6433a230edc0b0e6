package markdown

import (
	"slices"
	"strings"
	"testing"
)

// hexo-renderer-marked's, Docusaurus's and Astro's ids, each from its
// generator's source (hexo-util slugize, github-slugger, Astro's
// rehypeHeadingIds).
func TestHeadingIDs_JavaScriptGenerators(t *testing.T) {
	hexo := &SiteRules{Typographer: true, HeadingIDs: HeadingIDs{Style: IDsHexo}}
	docu := &SiteRules{Docusaurus: true, HeadingIDs: HeadingIDs{Style: IDsGitHubSlugger}}
	astro := &SiteRules{HeadingIDs: HeadingIDs{Style: IDsAstro}}
	const body = "## Setup\n\n## Setup\n\n## The *best* way\n\n## Café & Crème\n\n## Don't stop\n\n## `go test` now\n\n## 2. Install it\n\n## A -- B\n"
	for _, tc := range []struct {
		name string
		site *SiteRules
		src  string
		want []string
	}{
		// The case kept; the typographer's ’ is no punctuation to slugize.
		{"hexo", hexo, body,
			[]string{"Setup", "Setup-1", "The-best-way", "Cafe-Creme", "Don’t-stop", "go-test-now", "2-Install-it", "A-–-B"}},
		{"hexo lower", withIDs(&SiteRules{}, HeadingIDs{Style: IDsHexoLower}), "## Über uns\n\n## Über uns\n\n## Über uns\n",
			[]string{"uber-uns", "uber-uns-1", "uber-uns-2"}},
		{"hexo upper", withIDs(&SiteRules{}, HeadingIDs{Style: IDsHexoUpper}), "## Straße\n", []string{"STRASE"}},
		// No text, no id.
		{"hexo empty", hexo, "## ???\n", []string{""}},
		{"docusaurus", docu, body,
			[]string{"setup", "setup-1", "the-best-way", "café--crème", "dont-stop", "go-test-now", "2-install-it", "a----b"}},
		// The explicit id wins and is not counted: the heading after it
		// that makes the same id takes it too, as Docusaurus's does.
		{"docusaurus explicit", docu, "## Setup {#install}\n\n## Install\n\n## Setup\n",
			[]string{"install", "install", "setup"}},
		// github-slugger steps over a made id already taken.
		{"docusaurus taken", docu, "## Setup 1\n\n## Setup\n\n## Setup\n", []string{"setup-1", "setup", "setup-2"}},
		{"astro", astro, body,
			[]string{"setup", "setup-1", "the-best-way", "café-crème", "dont-stop", "go-test-now", "2-install-it", "a-b"}},
		{"astro nbsp", astro, "## Hello\u00a0world\n\n## ¿Qué?\n", []string{"hello-world", "qué"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := headingIDsOf(t, tc.site, tc.src); !slices.Equal(got, tc.want) {
				t.Errorf("ids = %q, want %q", got, tc.want)
			}
		})
	}
}

// An Astro .mdx file's headings get the ids of its .md files.
func TestHeadingIDs_AstroMDX(t *testing.T) {
	site := &SiteRules{MDX: true, HeadingIDs: HeadingIDs{Style: IDsAstro}}
	doc, err := ParseWith("a.mdx", []byte("---\ntitle: T\n---\nimport X from './x.astro';\n\n## Next steps\n\n## Next steps\n"), Options{Format: FormatClassic, Site: site})
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`<h2 id="next-steps">`, `<h2 id="next-steps-1">`} {
		if !strings.Contains(doc.Content, want) {
			t.Errorf("no %s in %q", want, doc.Content)
		}
	}
}
