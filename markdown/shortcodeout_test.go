package markdown

import (
	"strings"
	"testing"
)

// shortcodeSite is a Hugo site whose own shortcodes (in
// layouts/shortcodes) are the templates given, by name.
func shortcodeSite(t *testing.T, templates map[string]string) *SiteRules {
	t.Helper()
	files := map[string]string{}
	for name, tpl := range templates {
		files["layouts/shortcodes/"+name+".html"] = tpl
	}
	_, site := themeSite(t, files)
	return site
}

// TestShortcodeOutput_AsHTML checks Hugo's rule for a shortcode's output:
// {{< >}} output is HTML put in place as it is, {{% %}} output is
// Markdown; indented HTML, HTML with blank lines and output inside an HTML
// block stay HTML, in the block that holds them, in both formats.
func TestShortcodeOutput_AsHTML(t *testing.T) {
	site := shortcodeSite(t, map[string]string{
		// Indented, with a blank line: Markdown would make code of it.
		"disclaimer": "<div class=\"disclaimer\">\n\n    <p>\n        <font color=\"red\">Not advice.</font>\n    </p>\n</div>\n",
		"button":     `<a class="btn" href="https://example.org/go">Go</a>`,
		"bold":       `**{{ .Get 0 }}**`,
		"poem":       "<pre>one\n\ntwo</pre>\n\n<p>end</p>",
		"widget":     "<div id=\"w\">\n  <iframe src=\"https://example.org/embed\"></iframe>\n</div>\n",
	})
	tests := []struct {
		name, src string
		classic   []string // in the classic format's HTML
		blocks    []string // in the block markup
		never     []string // in neither
	}{{
		name:    "indented HTML alone on its line",
		src:     "Before.\n\n{{< disclaimer >}}\n\nAfter.\n",
		classic: []string{"<p>Before.</p>\n<div class=\"disclaimer\">\n    <p>\n        <font color=\"red\">Not advice.</font>\n    </p>\n</div>\n<p>After.</p>"},
		blocks:  []string{"<!-- wp:html -->\n<div class=\"disclaimer\">\n\n    <p>\n        <font color=\"red\">Not advice.</font>\n    </p>\n</div>\n<!-- /wp:html -->"},
		never:   []string{"<pre", "<code", "&lt;"},
	}, {
		name:    "inline output in a paragraph",
		src:     "Press {{< button >}} to start.\n",
		classic: []string{`<p>Press <a class="btn" href="https://example.org/go">Go</a> to start.</p>`},
		blocks:  []string{"<!-- wp:paragraph -->\n<p>Press <a class=\"btn\" href=\"https://example.org/go\">Go</a> to start.</p>\n<!-- /wp:paragraph -->"},
		never:   []string{"&lt;a"},
	}, {
		name:    "inline output alone in its paragraph",
		src:     "{{< button >}}\n",
		classic: []string{`<a class="btn" href="https://example.org/go">Go</a>`},
		blocks:  []string{"<!-- wp:paragraph -->\n<p><a class=\"btn\" href=\"https://example.org/go\">Go</a></p>\n<!-- /wp:paragraph -->"},
		never:   []string{"&lt;a", "<p><p>"},
	}, {
		name:    "{{< >}} output is not Markdown, {{% %}} output is",
		src:     "A {{< bold x >}} and a {{% bold y %}}.\n",
		classic: []string{"<p>A **x** and a <strong>y</strong>.</p>"},
		blocks:  []string{"<p>A **x** and a <strong>y</strong>.</p>"},
	}, {
		name:    "output inside an HTML block",
		src:     "  <div class=\"container\">\n    <p>Thanks</p>\n    <div class=\"pt-2\">\n      {{< widget >}}\n    </div>\n  </div>\n",
		classic: []string{"<div class=\"pt-2\">\n      <div id=\"w\">\n  <iframe src=\"https://example.org/embed\"></iframe>\n</div>\n    </div>\n  </div>"},
		blocks:  []string{"<!-- wp:html -->\n<div class=\"container\">\n    <p>Thanks</p>\n    <div class=\"pt-2\">\n      <div id=\"w\">\n  <iframe src=\"https://example.org/embed\"></iframe>\n</div>\n    </div>\n  </div>\n<!-- /wp:html -->"},
		never:   []string{"<pre", "<code", "&lt;/div"},
	}, {
		name:    "blank lines kept in <pre> only",
		src:     "{{< poem >}}\n",
		classic: []string{"<pre>one\n\ntwo</pre>\n<p>end</p>"},
		blocks:  []string{"<!-- wp:html -->\n<pre>one\n\ntwo</pre>\n\n<p>end</p>\n<!-- /wp:html -->"},
	}, {
		name:    "block-level output amid text",
		src:     "See {{< widget >}} here.\n",
		classic: []string{"<p>See <div id=\"w\">"},
		blocks:  []string{"<!-- wp:html -->\n<p>See </p><div id=\"w\">"},
		never:   []string{"<!-- wp:paragraph -->"},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, format := range []string{FormatClassic, FormatBlocks} {
				doc, err := ParseWith("content/x.md", []byte(tt.src), Options{Format: format, Site: site})
				if err != nil {
					t.Fatal(err)
				}
				want := tt.classic
				if format == FormatBlocks {
					want = tt.blocks
				} else {
					checkNoBlankLine(t, doc.Content) // wpautop's paragraphs
				}
				for _, w := range want {
					if !strings.Contains(doc.Content, w) {
						t.Errorf("%s: lacks %q:\n%s", format, w, doc.Content)
					}
				}
				for _, n := range append(tt.never, scTokenPrefix) {
					if strings.Contains(doc.Content, n) {
						t.Errorf("%s: holds %q:\n%s", format, n, doc.Content)
					}
				}
				if format == FormatBlocks && strings.Count(doc.Content, "<!-- wp:") != strings.Count(doc.Content, "<!-- /wp:") {
					t.Errorf("unbalanced blocks:\n%s", doc.Content)
				}
			}
		})
	}
}

// TestShortcodeOutput_Refs: a link in a shortcode's HTML output resolves
// like one the page writes itself.
func TestShortcodeOutput_Refs(t *testing.T) {
	site := shortcodeSite(t, map[string]string{"see": `<a href="{{ .Get 0 }}">see</a>`})
	doc, err := ParseWith("content/a.md", []byte("Text.\n\n{{< see \"b.md\" >}}\n"), Options{Site: site,
		Resolve: func(r Ref) (string, bool) { return "https://wp.example/" + r.Path, true }})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(doc.Content, `href="https://wp.example/content/b.md"`) || len(doc.Refs) != 1 || doc.Refs[0].Line != 3 {
		t.Errorf("refs %+v, content:\n%s", doc.Refs, doc.Content)
	}
}

// TestShortcodeOutput_Mapped: a template wpsync.yaml maps is wpsync's own,
// and its output is read as Markdown, so that it may write a code block.
func TestShortcodeOutput_Mapped(t *testing.T) {
	hs, err := NewHugoSite(nil, nil, map[string]string{"code-toggle": "```toml\n{{ .Inner }}\n```"})
	if err != nil {
		t.Fatal(err)
	}
	doc, err := ParseWith("content/x.md", []byte("{{< code-toggle >}}\na = 1\n{{< /code-toggle >}}\n"),
		Options{Format: FormatClassic, Site: siteOf("hugo", SiteRules{Hugo: hs})})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(doc.Content, `<pre><code class="language-toml">`) || !strings.Contains(doc.Content, "a = 1") || strings.Contains(doc.Content, "```") {
		t.Errorf("not a code block:\n%s", doc.Content)
	}
}

// TestShortcodeOutput_InAddress: a shortcode that gives a link's target or
// an attribute's value is put there as it is.
func TestShortcodeOutput_InAddress(t *testing.T) {
	site := shortcodeSite(t, map[string]string{"docs": "https://docs.example.org/{{ .Get 0 }}\n"})
	src := "See [the guide]({{< docs guide >}}) and <a href=\"{{< docs faq >}}\">the FAQ</a>.\n\n[ref]: {{< docs api >}}\n\n[API][ref]\n"
	for _, format := range []string{FormatClassic, FormatBlocks} {
		doc, err := ParseWith("content/x.md", []byte(src), Options{Format: format, Site: site})
		if err != nil {
			t.Fatal(err)
		}
		for _, want := range []string{`<a href="https://docs.example.org/guide">the guide</a>`, `<a href="https://docs.example.org/faq">the FAQ</a>`,
			`<a href="https://docs.example.org/api">API</a>`} {
			if !strings.Contains(doc.Content, want) {
				t.Errorf("%s: lacks %q:\n%s", format, want, doc.Content)
			}
		}
		if len(doc.Warnings) != 0 || len(doc.Refs) != 0 {
			t.Errorf("%s: warnings %q, refs %+v", format, doc.Warnings, doc.Refs)
		}
	}
}
