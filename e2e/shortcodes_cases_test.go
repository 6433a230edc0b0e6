package e2e

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// Hugo's site shortcodes (issue 22): the cases of shared/cases/sites
// (copied to testdata/cases), synced and read back from WordPress.

// blockOpeners finds the opening comments of blocks.
var blockOpeners = regexp.MustCompile(`<!-- wp:([a-z][a-z0-9/-]*)`)

// postOf returns the post or page a report item names.
func postOf(t *testing.T, it reportItem) wpPost {
	t.Helper()
	typ := "posts"
	if it.Type == "page" {
		typ = "pages"
	}
	return getPost(t, typ, it.ID)
}

// elementsOf parses rendered HTML and returns its elements.
func elementsOf(t *testing.T, s string) []*html.Node {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(s))
	if err != nil {
		t.Fatal(err)
	}
	var out []*html.Node
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			out = append(out, n)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return out
}

func attrOf(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// textOf is the text of n and its descendants, white space collapsed.
func textOf(n *html.Node) string {
	var b strings.Builder
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return strings.Join(strings.Fields(b.String()), " ")
}

// within reports whether n has an ancestor for which is holds.
func within(n *html.Node, is func(*html.Node) bool) bool {
	for p := n.Parent; p != nil; p = p.Parent {
		if is(p) {
			return true
		}
	}
	return false
}

// runsWriteNothing checks that a second run, and a run without the state
// file, write nothing.
func runsWriteNothing(t *testing.T, dir string) {
	t.Helper()
	secondRunWritesNothing(t, dir, 0)
	if err := os.RemoveAll(filepath.Join(dir, ".wpsync")); err != nil {
		t.Fatal(err)
	}
	secondRunWritesNothing(t, dir, 0)
}

// html-block-split-by-shortcode: {{< double_donation >}} inside an HTML
// block. Expected: one HTML block, the widget inside <div class="pt-2">
// inside the container, no </div> as text.
func TestCases_HTMLBlockSplitByShortcode(t *testing.T) {
	dir := copyTree(t, filepath.Join("testdata", "cases", "html-block-split-by-shortcode"))
	rep := syncReport(t, dir, 0)
	it := rep.want(t, "content/thankyou.md", "create")
	if len(it.Warnings) != 0 || it.Leftovers != 0 {
		t.Errorf("warnings %q, leftovers %d: want none", it.Warnings, it.Leftovers)
	}
	p := postOf(t, it)
	if got := blockOpeners.FindAllStringSubmatch(p.Content.Raw, -1); len(got) != 1 || got[0][1] != "html" {
		t.Errorf("blocks %q: want one Custom HTML block\n%s", got, p.Content.Raw)
	}
	for _, bad := range []string{"<pre", "<code", "&lt;/div", "&lt;div", "{{"} {
		if strings.Contains(p.Content.Rendered, bad) {
			t.Errorf("rendered holds %q:\n%s", bad, p.Content.Rendered)
		}
	}
	var wrapper, container, pt2 bool
	for _, n := range elementsOf(t, p.Content.Rendered) {
		switch {
		case attrOf(n, "id") == "dd-wrapper":
			wrapper = true
			pt2 = within(n, func(a *html.Node) bool { return attrOf(a, "class") == "pt-2" })
			container = within(n, func(a *html.Node) bool { return attrOf(a, "class") == "container" })
		case n.Data == "iframe":
			if !within(n, func(a *html.Node) bool { return attrOf(a, "id") == "dd-container" }) {
				t.Errorf("the iframe is outside the widget:\n%s", p.Content.Rendered)
			}
		}
	}
	if !wrapper || !pt2 || !container {
		t.Errorf("widget %v, in pt-2 %v, in the container %v:\n%s", wrapper, pt2, container, p.Content.Rendered)
	}
	if !strings.Contains(p.Content.Rendered, "Thank you for your donation") {
		t.Errorf("the text is gone:\n%s", p.Content.Rendered)
	}
	editorAccepts(t, map[string]wpPost{"thankyou": p})
	runsWriteNothing(t, dir)
}

// hugo-site-shortcodes-dropped: templates using .Page.Scratch.SetInMap,
// i18n, hugo.Version, site.Data and .Page.Pages run; the glossary keeps
// its terms, the documentation index lists its pages, the client list is
// there and its note is Markdown rendered, not code.
func TestCases_HugoSiteShortcodesRun(t *testing.T) {
	dir := copyTree(t, filepath.Join("testdata", "cases", "hugo-site-shortcodes-dropped"))
	rep := syncReport(t, dir, 0)
	for _, w := range rep.Warnings {
		if strings.Contains(w, "markdown.") {
			t.Errorf("a run warning names Go internals: %q", w)
		}
	}
	posts := map[string]wpPost{}
	for _, f := range []string{"content/docs/glossary.md", "content/docs/clients.md", "content/docs/_index.md"} {
		// The links to https://example.org/… are to the site's own
		// address (baseURL), which no file has: warned as for any link.
		it := rep.item(t, f)
		if it.Action != "create" || strings.Contains(strings.Join(it.Warnings, "\n"), "shortcode") || it.Leftovers != 0 {
			t.Errorf("%s: %s, warnings %q, leftovers %d: want created, no shortcode warned", f, it.Action, it.Warnings, it.Leftovers)
		}
		posts[f] = postOf(t, it)
	}

	// The glossary: each term with its definition.
	g := posts["content/docs/glossary.md"]
	dfns := map[string]string{}
	for _, n := range elementsOf(t, g.Content.Rendered) {
		if n.Data == "dfn" {
			dfns[attrOf(n, "id")] = textOf(n)
			if p := n.Parent; p == nil || p.Data != "p" {
				t.Errorf("dfn %q is not in a paragraph", attrOf(n, "id"))
			}
		}
	}
	for id, term := range map[string]string{"def-AIS": "Automatic Identification System (AIS)", "def-berth": "Berth", "def-draft": "Draft"} {
		if dfns[id] != term {
			t.Errorf("dfn %s: %q, want %q (all: %q)", id, dfns[id], term, dfns)
		}
	}
	for _, def := range []string{
		"(<abbr>AIS</abbr>)</dfn>: A radio system ships use to broadcast their position.",
		"Berth</dfn>: A place where a boat is moored.", "Draft</dfn>: How deep a hull reaches below the waterline.",
	} {
		if !strings.Contains(g.Content.Rendered, def) {
			t.Errorf("glossary lacks %q:\n%s", def, g.Content.Rendered)
		}
	}

	// The client list from data/clients.json, and the enclosed note as
	// Markdown.
	c := posts["content/docs/clients.md"]
	for _, want := range []string{
		`<ul class="clients"><li><a href="https://example.org/tidelib">tidelib</a></li><li><a href="https://example.org/berth">berth.js</a></li></ul>`,
		`<a href="https://example.org/tide">tide</a>`, `<a href="https://packages.debian.org/">Debian</a>`,
		`<div class="clients-note">`, "These libraries speak our booking API",
	} {
		if !strings.Contains(c.Content.Rendered, want) {
			t.Errorf("clients lacks %q:\n%s", want, c.Content.Rendered)
		}
	}
	for _, bad := range []string{"<pre", "<code", "[tide](", "{{"} {
		if strings.Contains(c.Content.Rendered, bad) {
			t.Errorf("clients holds %q:\n%s", bad, c.Content.Rendered)
		}
	}

	// The documentation index: its pages, linked to their posts.
	d := posts["content/docs/_index.md"]
	links := map[string]string{}
	for _, n := range elementsOf(t, d.Content.Rendered) {
		if n.Data == "a" && within(n, func(a *html.Node) bool { return attrOf(a, "class") == "docs-index" }) {
			links[textOf(n)] = attrOf(n, "href")
		}
	}
	if links["Client Libraries"] != c.Link || links["Glossary"] != g.Link || len(links) != 2 {
		t.Errorf("index links %q, want Client Libraries → %s and Glossary → %s:\n%s", links, c.Link, g.Link, d.Content.Rendered)
	}

	editorAccepts(t, map[string]wpPost{"glossary": g, "clients": c, "docs": d})
	runsWriteNothing(t, dir)

	// The same templates with what wpsync cannot run (a partial, a
	// resource): the terms and the Markdown of the note are kept, with
	// one warning each naming the template's file and line.
	sc := "themes/harbour/layouts/shortcodes/"
	for _, f := range []string{"def.html", "clients.html"} {
		b, err := os.ReadFile(filepath.Join(dir, sc, f))
		if err != nil {
			t.Fatal(err)
		}
		s := strings.Replace(string(b), "{{ .Page.Scratch.SetInMap \"glossary\" $id $name }}", `{{ partial "glossary-entry" . }}`, 1)
		s = strings.Replace(s, "{{ $gen := hugo.Version }}", `{{ $css := resources.Get "clients.css" }}`, 1)
		if s == string(b) {
			t.Fatalf("%s: nothing replaced", f)
		}
		writeFile(t, dir, sc+f, s)
	}
	rep = syncReport(t, dir, 0)
	rep.want(t, "content/docs/glossary.md", "update", `line 5: Hugo shortcode "def": its template (`+sc+`def.html, line 2) uses what wpsync cannot run: function "partial" not defined: readers get the arguments it prints (name, abbr) and what it encloses, as text; map it to a template wpsync can run in wpsync.yaml (shortcodes: {def: …})`)
	rep.want(t, "content/docs/clients.md", "update", `line 7: Hugo shortcode "clients": its template (`+sc+`clients.html, line 1) uses what wpsync cannot run: function "resources" not defined: readers get what it encloses, as text`)
	for _, f := range []string{"content/docs/glossary.md", "content/docs/clients.md"} {
		if n := strings.Count(strings.Join(rep.item(t, f).Warnings, "\n"), "Hugo shortcode"); n != 1 {
			t.Errorf("%s: %d shortcode warnings, want one: %q", f, n, rep.item(t, f).Warnings)
		}
	}
	g, c = postOf(t, rep.item(t, "content/docs/glossary.md")), postOf(t, rep.item(t, "content/docs/clients.md"))
	for _, want := range []string{
		"<strong>Automatic Identification System, AIS</strong>: A radio system ships use to broadcast their position.",
		"<strong>Berth</strong>: A place where a boat is moored.", "<strong>Draft</strong>: How deep a hull reaches below the waterline.",
	} {
		if !strings.Contains(g.Content.Rendered, want) {
			t.Errorf("glossary without its templates lacks %q:\n%s", want, g.Content.Rendered)
		}
	}
	if want := `The Python <a href="https://example.org/tide">tide</a> module is also packaged for <a href="https://packages.debian.org/">Debian</a>`; !strings.Contains(c.Content.Rendered, want) ||
		strings.Contains(c.Content.Rendered, "<pre") || strings.Contains(c.Content.Rendered, "[tide](") {
		t.Errorf("clients without its template: want %q, no code:\n%s", want, c.Content.Rendered)
	}
	editorAccepts(t, map[string]wpPost{"glossary": g, "clients": c})
	runsWriteNothing(t, dir)
}
