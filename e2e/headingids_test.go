package e2e

import (
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// Heading ids (issue 22): in a Hugo and a Jekyll site every heading gets
// the id its generator gives it (goldmark's github ids; kramdown's GFM
// ids), repeats numbered, an explicit {#id} kept; a link "post#heading"
// between files, by path or by ref/relref/post_url/link, keeps its
// fragment and lands on the heading of the published post.

// headingIDCase is one site of the test: its folder, the target and
// source files, and the links the source must hold (text → fragment on
// the target; "" for a fragment of the page itself).
type headingIDCase struct {
	site, target, source string
	links                map[string]string
	ids                  []string // ids the target's headings must have
}

func TestHeadingIDs_LinksReachHeadings(t *testing.T) {
	links := map[string]string{
		"the setup":        "#setup",
		"the server setup": "#setup-1",
		"keep going":       "#dont-stop-now",
		"the place":        "#my-place",
	}
	ids := []string{"setup", "setup-1", "dont-stop-now", "my-place"}
	for _, tc := range []headingIDCase{
		{"heading-ids-hugo", "content/posts/anchor-guide.md", "content/posts/anchor-start.md", links, ids},
		{"heading-ids-jekyll", "_posts/2024-03-01-anchor-notes.md", "_posts/2024-03-02-anchor-begin.md", links, ids},
	} {
		t.Run(tc.site, func(t *testing.T) { checkHeadingIDs(t, tc) })
	}
}

func checkHeadingIDs(t *testing.T, tc headingIDCase) {
	dir := copyTree(t, filepath.Join("testdata", "sites", tc.site))
	rep := syncReport(t, dir, 0)
	target := rep.want(t, tc.target, "create")
	source := rep.want(t, tc.source, "create")
	for _, it := range []reportItem{target, source} {
		if len(it.Warnings) != 0 {
			t.Errorf("%s: %q", it.Path, it.Warnings)
		}
	}
	tp, sp := getPost(t, "posts", target.ID), getPost(t, "posts", source.ID)
	want := map[string]string{"below": "#next-steps"}
	for text, frag := range tc.links {
		want[text] = target.Link + frag
	}
	hasLinks(t, tc.source, sp, want)

	// In the block markup the ids are the headings' anchors: the editor
	// keeps them as they are (checked below); on the published pages
	// each fragment names a heading.
	pages := map[string]string{
		target.Link: string(fetch(t, target.Link)),
		source.Link: string(fetch(t, source.Link)),
	}
	for _, id := range tc.ids {
		if !regexp.MustCompile(`<h[1-6][^>]*\sid="` + regexp.QuoteMeta(id) + `"`).MatchString(pages[target.Link]) {
			t.Errorf("%s: no heading with id %q on the published page:\n%s", tc.target, id, headingsOf(pages[target.Link]))
		}
	}
	if !regexp.MustCompile(`<h2[^>]*\sid="next-steps"`).MatchString(pages[source.Link]) {
		t.Errorf("%s: no heading with id next-steps on the published page:\n%s", tc.source, headingsOf(pages[source.Link]))
	}
	// Every link's fragment lands on an element of its page.
	for _, m := range regexp.MustCompile(`href="([^"#]*)#([^"]+)"`).FindAllStringSubmatch(sp.Content.Rendered, -1) {
		page := m[1]
		if page == "" {
			page = source.Link
		}
		html, ok := pages[page]
		if !ok {
			t.Errorf("%s links to %s, no page of the site", tc.source, m[0])
			continue
		}
		if !strings.Contains(html, ` id="`+m[2]+`"`) {
			t.Errorf("%s: %s lands on no element of %s", tc.source, m[0], page)
		}
	}
	editorAccepts(t, map[string]wpPost{tc.target: tp, tc.source: sp})
	secondRunWritesNothing(t, dir, 0)
	checkStateLoss(t, site, nil, dir)
}

// headingsOf lists a page's headings, for messages.
func headingsOf(html string) string {
	return strings.Join(regexp.MustCompile(`<h[1-6][^>]*>`).FindAllString(html, -1), "\n")
}
