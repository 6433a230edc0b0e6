package markdown

import (
	"regexp"
	"slices"
	"strings"
	"testing"
)

// headingIDsOf returns the ids of the headings of src rendered with site,
// in order ("" for a heading without one).
func headingIDsOf(t *testing.T, site *SiteRules, src string) []string {
	t.Helper()
	doc, err := ParseWith("x.md", []byte("---\ntitle: T\n---\n"+src), Options{Format: FormatClassic, Site: site})
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, m := range regexp.MustCompile(`<h\d([^>]*)>`).FindAllStringSubmatch(doc.Content, -1) {
		id := ""
		if a := regexp.MustCompile(`id="([^"]*)"`).FindStringSubmatch(m[1]); a != nil {
			id = a[1]
		}
		ids = append(ids, id)
	}
	return ids
}

func withIDs(r *SiteRules, ids HeadingIDs) *SiteRules {
	r.HeadingIDs = ids
	return r
}

func TestHeadingIDs_Generators(t *testing.T) {
	const body = "## Setup\n\n## Setup\n\n## The *best* way\n\n## Café & Crème\n\n## Don't stop\n\n## `go test` now\n\n## 2. Install it\n"
	for _, tc := range []struct {
		name string
		site *SiteRules
		src  string
		want []string
	}{
		{"hugo github", hugoRules(), body,
			[]string{"setup", "setup-1", "the-best-way", "café--crème", "dont-stop", "go-test-now", "2-install-it"}},
		{"hugo github-ascii", withIDs(hugoRules(), HeadingIDs{Style: IDsGitHubASCII}), body,
			[]string{"setup", "setup-1", "the-best-way", "cafe--creme", "dont-stop", "go-test-now", "2-install-it"}},
		{"hugo blackfriday", withIDs(hugoRules(), HeadingIDs{Style: IDsBlackfriday}), body,
			[]string{"setup", "setup-1", "the-best-way", "café-crème", "don-t-stop", "go-test-now", "2-install-it"}},
		// The text without markup; ’ (the typographer's) is no word character.
		{"jekyll gfm", jekyllRules(), body,
			[]string{"setup", "setup-1", "the-best-way", "café--crème", "dont-stop", "go-test-now", "2-install-it"}},
		{"jekyll gfm prefix", withIDs(jekyllRules(), HeadingIDs{Style: IDsKramdownGFM, Prefix: "p-"}), "## Setup\n\n## Setup\n",
			[]string{"p-setup", "p-setup-1"}},
		// kramdown's own: the source text, from its first ASCII letter.
		{"jekyll kramdown", withIDs(jekyllRules(), HeadingIDs{Style: IDsKramdown}), body + "## 123\n\n## 456\n",
			[]string{"setup", "setup-1", "the-best-way", "caf--crme", "dont-stop", "go-test-now", "install-it", "section", "section-1"}},
		{"zola", zolaRules(), body,
			[]string{"setup", "setup-1", "the-best-way", "cafe-creme", "don-t-stop", "go-test-now", "2-install-it"}},
		{"zola safe", withIDs(zolaRules(), HeadingIDs{Style: IDsZolaSafe}), "## Hello World\n\n## Hello World\n",
			[]string{"Hello_World", "Hello_World-1"}},
		// Hugo's idFactory: an explicit id above takes its name; the
		// repeat steps to the next free number.
		{"hugo explicit", hugoRules(), "## Other {#setup-1}\n\n## Setup\n\n## Setup\n\n## Setup {#mine}\n",
			[]string{"setup-1", "setup", "setup-2", "mine"}},
		{"hugo empty", hugoRules(), "## !!\n\n## ?\n", []string{"heading", "heading-1"}},
		{"setext and quoted", hugoRules(), "Intro\n=====\n\n> ## In a quote\n", []string{"intro", "in-a-quote"}},
		// Off: no ids.
		{"off", withIDs(hugoRules(), HeadingIDs{}), "## Setup\n", []string{""}},
		// A plain folder: GitHub's (github-slugger), from the heading's
		// text, all its lines.
		{"plain", plainRules(), body,
			[]string{"setup", "setup-1", "the-best-way", "café--crème", "dont-stop", "go-test-now", "2-install-it"}},
		{"plain setext", plainRules(), "Set up\nthe tool\n===\n\n## !!\n", []string{"set-up-the-tool", ""}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := headingIDsOf(t, tc.site, tc.src); !slices.Equal(got, tc.want) {
				t.Errorf("ids = %q, want %q", got, tc.want)
			}
		})
	}
}

// The first heading that says the title is not shown, but the generator
// counted it: the repeat after it keeps its number.
func TestHeadingIDs_TitleCounted(t *testing.T) {
	doc, err := ParseWith("x.md", []byte("---\ntitle: Setup\n---\n## Setup\n\nx\n\n## Setup\n"), Options{Format: FormatClassic, Site: hugoRules()})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(doc.Content, `<h2 id="setup-1">Setup</h2>`) || strings.Contains(doc.Content, `id="setup"`) {
		t.Errorf("content = %q", doc.Content)
	}
}

// kramdown's {:toc} links to the ids the headings get.
func TestHeadingIDs_JekyllTOC(t *testing.T) {
	doc, err := ParseWith("x.md", []byte("---\ntitle: T\n---\n* list\n{:toc}\n\n## Don't stop\n\n## Don't stop\n"), Options{Format: FormatClassic, Site: jekyllRules()})
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`href="#dont-stop"`, `href="#dont-stop-1"`, `<h2 id="dont-stop">`, `<h2 id="dont-stop-1">`} {
		if !strings.Contains(doc.Content, want) {
			t.Errorf("no %s in %q", want, doc.Content)
		}
	}
}

// In block markup the id is the Heading block's anchor, where the
// editor keeps it.
func TestHeadingIDs_Blocks(t *testing.T) {
	for _, tc := range []struct {
		markup Markup
		want   string
	}{
		{Markup{}, "<!-- wp:heading {\"anchor\":\"setup\"} -->\n<h2 id=\"setup\" class=\"wp-block-heading\">Setup</h2>"},
		{MarkupWP61, "<!-- wp:heading -->\n<h2 id=\"setup\">Setup</h2>"},
	} {
		doc, err := ParseWith("x.md", []byte("---\ntitle: T\n---\n## Setup\n"), Options{Format: FormatBlocks, Markup: tc.markup, Site: jekyllRules()})
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(doc.Content, tc.want) {
			t.Errorf("%s: content = %q, want %q", tc.markup, doc.Content, tc.want)
		}
	}
}

// A shortcode in a heading is no part of its id.
func TestHeadingIDs_ShortcodeToken(t *testing.T) {
	got := headingIDsOf(t, hugoRules(), "## Install {{< param \"x\" >}}\n")
	if len(got) != 1 || strings.Contains(got[0], "wpsync") {
		t.Errorf("ids = %q", got)
	}
}
