package markdown

import (
	"path/filepath"
	"strings"
	"testing"
)

// themeSite writes files into a new site folder and returns it with its
// Hugo shortcodes (the site's and the theme "t"'s), data and translations
// read.
func themeSite(t *testing.T, files map[string]string) (string, *SiteRules) {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		writeSiteFile(t, dir, name, content)
	}
	hs, err := NewHugoSite(map[string]any{"company": "Acme"}, []string{
		filepath.Join(dir, "layouts", "shortcodes"), filepath.Join(dir, "themes", "t", "layouts", "shortcodes"),
	}, nil)
	if err != nil {
		t.Fatal(err)
	}
	hs.ReadSiteFiles([]string{dir, filepath.Join(dir, "themes", "t")}, "en-us")
	return dir, siteOf("hugo", SiteRules{Hugo: hs})
}

// TestHugoSite_ThemeFunctions runs what themes' templates commonly use:
// the page's Scratch shared by its shortcodes, translations of the site
// over the theme's, hugo, site.Data and a section's .Pages.
func TestHugoSite_ThemeFunctions(t *testing.T) {
	dir, site := themeSite(t, map[string]string{
		"themes/t/layouts/shortcodes/count.html": `<span>#{{ .Page.Scratch.Add "n" 1 }}{{ .Page.Scratch.Get "n" }}</span>`,
		"themes/t/layouts/shortcodes/def.html":   `{{ .Page.Store.SetInMap "terms" (.Get "id") (.Get "name") }}<dfn>{{ .Get "name" }}</dfn>`,
		"themes/t/layouts/shortcodes/terms.html": `<ul>{{ range .Page.Store.GetSortedMapValues "terms" }}<li>{{ . }}</li>{{ end }}</ul>`,
		"themes/t/layouts/shortcodes/words.html": `<em>{{ i18n "read_time" 1 }}, {{ T "read_time" 5 }}, {{ i18n "hello" }}, {{ i18n "bye" }}[{{ i18n "missing" }}]</em>`,
		"themes/t/layouts/shortcodes/gen.html":   `<code>{{ hugo.Environment }} {{ if hugo.IsProduction }}prod{{ end }} {{ hugo.Version }}</code>`,
		"themes/t/layouts/shortcodes/team.html":  `<ul>{{ range site.Data.team.people }}<li>{{ .name }}</li>{{ end }}</ul>`,
		"themes/t/layouts/shortcodes/more.html":  `<i>{{ add 1 2 }} {{ div 7 2 }} {{ mul 1.5 2 }} {{ delimit (first 2 (after 1 (split "a,b,c,d" ","))) "+" }} {{ range seq 3 }}{{ . }}{{ end }} {{ .Inner | .Page.RenderString }}</i>`,
		"themes/t/layouts/shortcodes/list.html":  `<ul>{{ range .Page.Pages }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}</ul>`,
		"themes/t/i18n/en.toml":                  "hello = \"Hello (theme)\"\nbye = \"Bye\"\n[read_time]\none = \"{{ .Count }} minute\"\nother = \"{{ .Count }} minutes\"\n",
		"i18n/en.yaml":                           "hello: Hello\n",
		"themes/t/data/team/people.yaml":         "- name: Ann\n- name: Bo\n",
		"content/docs/_index.md":                 "---\ntitle: Docs\n---\n{{< list >}}\n",
		"content/docs/b.md":                      "---\ntitle: Bee\nweight: 2\n---\nB.\n",
		"content/docs/a.md":                      "---\ntitle: Ay\nlinkTitle: A\nweight: 1\n---\nA.\n",
		"content/docs/c.md":                      "---\ntitle: Sea\n---\nC.\n",
		"content/docs/wip.md":                    "---\ntitle: WIP\ndraft: true\n---\nW.\n",
		"content/docs/sub/_index.md":             "---\ntitle: Sub\nweight: 3\n---\n",
	})
	src := "{{< count >}} {{< count >}}\n\n{{< def id=\"b\" name=\"Berth\" >}} {{< def id=\"a\" name=\"Anchor\" >}}\n\n{{< terms >}}\n\n{{< words >}}\n\n{{< gen >}}\n\n{{< team >}}\n\n{{< more >}}*x*{{< /more >}}\n"
	doc, err := ParseWith("content/page.md", []byte(src), Options{Format: FormatClassic, Site: site, Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"<span>#1</span> <span>#2</span>",
		"<dfn>Berth</dfn> <dfn>Anchor</dfn>",
		"<ul><li>Anchor</li><li>Berth</li></ul>",
		"<em>1 minute, 5 minutes, Hello, Bye[]</em>",
		"<code>production prod " + hugoVersion + "</code>",
		"<ul><li>Ann</li><li>Bo</li></ul>",
		"<i>3 3 3 b+c 123 <em>x</em></i>",
	} {
		if !strings.Contains(doc.Content, want) {
			t.Errorf("lacks %q:\n%s", want, doc.Content)
		}
	}
	if len(doc.Warnings) != 0 {
		t.Errorf("warnings %q", doc.Warnings)
	}

	// A section's pages in Hugo's order (weight, then those without),
	// drafts left out, linked to their files.
	raw := []byte("---\ntitle: Docs\n---\n{{< list >}}\n")
	doc, err = ParseWith("content/docs/_index.md", raw, Options{Format: FormatClassic, Site: site, Dir: dir,
		Resolve: func(r Ref) (string, bool) { return "https://wp.example/" + r.Path, true }})
	if err != nil {
		t.Fatal(err)
	}
	const list = `<ul><li><a href="https://wp.example/content/docs/a.md">A</a></li><li><a href="https://wp.example/content/docs/b.md">Bee</a></li>` +
		`<li><a href="https://wp.example/content/docs/sub/_index.md">Sub</a></li><li><a href="https://wp.example/content/docs/c.md">Sea</a></li></ul>`
	if !strings.Contains(doc.Content, list) || len(doc.Refs) != 4 {
		t.Errorf("refs %+v, content:\n%s\nwant %s", doc.Refs, doc.Content, list)
	}
}

// TestHugoSite_TemplateCannotRun: a template that uses what wpsync does
// not have keeps what it means — the arguments it prints as text (not
// the one in an attribute) and what it encloses, as Markdown when it
// renders it so — with one warning naming the template's file and line,
// in the author's terms.
func TestHugoSite_TemplateCannotRun(t *testing.T) {
	_, site := themeSite(t, map[string]string{
		"layouts/shortcodes/term.html": "{{ $name := .Get \"name\" }}\n<dt id=\"{{ .Get \"id\" }}\">{{ $name }}</dt>\n<dd>{{ partial \"icon\" . }}{{ .Inner | markdownify }}</dd>\n",
		"layouts/shortcodes/card.html": "<div class=\"card\">\n{{ .Page.GetPage \"x\" }}{{ with .Get 0 }}<b>{{ . }}</b>{{ end }}</div>\n",
		"layouts/shortcodes/raw.html":  "<pre>{{ .Inner }}{{ .Page.Nope }}</pre>",
	})
	src := "{{< term id=\"berth\" name=\"Berth\" >}}\nA place where a [boat](https://example.org/boat) is moored.\n{{< /term >}}\n\n" +
		"Some {{< card \"Spare parts\" >}} here.\n\n{{< raw >}}\nx = [1](2)\n{{< /raw >}}\n"
	doc, err := ParseWith("content/x.md", []byte(src), Options{Format: FormatClassic, Site: site})
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		`<p><strong>Berth</strong>: A place where a <a href="https://example.org/boat">boat</a> is moored.</p>`,
		"<p>Some Spare parts here.</p>",
		"<pre><code>x = [1](2)\n</code></pre>",
	} {
		if !strings.Contains(doc.Content, want) {
			t.Errorf("lacks %q:\n%s", want, doc.Content)
		}
	}
	if strings.Contains(doc.Content, "berth") || strings.Contains(doc.Content, "{{") {
		t.Errorf("shows an attribute's argument or template source:\n%s", doc.Content)
	}
	if len(doc.Warnings) != 3 {
		t.Fatalf("warnings %q: want one per shortcode", doc.Warnings)
	}
	for i, want := range [][]string{
		{`line 1: Hugo shortcode "term"`, "(layouts/shortcodes/term.html, line 3) uses what wpsync cannot run: function \"partial\" not defined",
			"readers get the arguments it prints (name) and what it encloses, as text", "shortcodes: {term: …}"},
		{`line 5: Hugo shortcode "card"`, "(layouts/shortcodes/card.html, line 2) cannot run here: <.Page.GetPage>: the page (.Page) has no GetPage here",
			"readers get the arguments it prints (0), as text"},
		{`line 7: Hugo shortcode "raw"`, "(layouts/shortcodes/raw.html, line 1) cannot run here: <.Page.Nope>: the page (.Page) has no Nope here", "readers get what it encloses, as text"},
	} {
		for _, w := range want {
			if !strings.Contains(doc.Warnings[i], w) {
				t.Errorf("warning %q lacks %q", doc.Warnings[i], w)
			}
		}
		if strings.Contains(doc.Warnings[i], "markdown.") {
			t.Errorf("warning %q names Go internals", doc.Warnings[i])
		}
	}
}
