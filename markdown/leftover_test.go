package markdown

import (
	"fmt"
	"strings"
	"testing"
)

// TestLeftovers_Constructs: each construct left in what readers see is
// named once, with the line of the file it is on (front matter counted).
func TestLeftovers_Constructs(t *testing.T) {
	const fm = "---\ntitle: T\n---\n" // the body starts on line 4
	tests := []struct {
		name string
		body string
		want []string // "LINE CONSTRUCT"
	}{
		{"liquid tag", "Intro.\n\n{% include \"x.md\" %}\n", []string{"6 template tag"}},
		{"nunjucks set and its end", "{% set code %}\nnpm i\n{% endset %}\n", []string{"4 template tag"}},
		{"template output", "Hello\n{{ page.title | upcase }}\n", []string{"5 template output"}},
		{"go template", "See {{ .Site.Title }}.\n", []string{"4 template output"}},
		{"hugo shortcode", "{{< unknown \"a\" >}}\n\n{{% note %}}x{{% /note %}}\n", []string{"4 Hugo shortcode", "6 Hugo shortcode"}}, // run by a Hugo site and a plain folder (TestLeftovers_SiteRan)
		{"zola call", "Watch: {{ youtube(id=\"x\") }}\n", []string{"4 Zola shortcode"}},
		{"wikilinks", "See [[Note]] and\n[[Other|text]].\n", []string{"4 Obsidian wikilink", "5 Obsidian wikilink"}},
		{"embed", "![[pic.png|300]]\n", []string{"4 Obsidian embed"}},
		{"callout", "> [!note] Title\n> Body.\n", []string{"4 Obsidian callout or GitHub alert"}},
		{"foldable callout", "Text.\n\n> [!tip]- Folded\n> Body.\n", []string{"6 Obsidian callout or GitHub alert"}},
		{"comment", "Text %% hidden %% more.\n", []string{"4 Obsidian comment"}},
		{"comment over paragraphs", "%%\nfirst\n\nsecond\n%%\n", []string{"4 Obsidian comment"}},
		{"highlight", "Some ==marked text== here.\n", []string{"4 Obsidian highlight"}},
		{"block id", "A block.\nIt ends here. ^abc123\n", []string{"5 Obsidian block id"}},
		{"docusaurus admonition", "Intro.\n\n:::note Title\nBody.\n:::\n", []string{"6 admonition"}},
		{"mkdocs admonition", "!!! warning \"Careful\"\n    Body.\n", []string{"4 MkDocs admonition"}},
		{"mdx import and export", "import Tabs from '@theme/Tabs';\nimport X from \"y\";\n\nexport const meta = 1;\n", []string{"4 MDX import", "5 MDX import", "7 MDX export"}},
		{"jsx component as raw html", "<Tabs groupId=\"x\">\n<TabItem value=\"a\">\n\nText.\n\n</TabItem>\n</Tabs>\n", []string{"4 JSX component", "5 JSX component"}},
		{"jsx component inline", "Go <Link to=\"/x\">there</Link>.\n", []string{"4 JSX component"}},
		{"jsx self-closing", "Text\n\n<Foo/>\n", []string{"6 JSX component"}},
		{"escaped html", "<img src=\"/a.png\" style={{ width: 1 }} />\n", []string{"4 HTML source"}},
		{"escaped html entities", "Text &lt;div class=\"box\"&gt; more.\n", []string{"4 HTML source"}},
		{"kramdown ial", "A paragraph\n{: .lead}\n\nB {: .x} c\n", []string{"5 kramdown attribute list", "7 kramdown attribute list"}}, // read in a Jekyll site (TestLeftovers_SiteRan)
		{"liquid raw", "{% raw %}{{ shown }}{% endraw %}\n", []string{"4 template tag"}},
		{"heading id", "Intro.\n\n## Setup {#setup}\n", []string{"6 heading id"}},
		{"indented html among html", "<div class=\"box\">\n\n    <p>shown as code</p>\n\n</div>\n", []string{"6 HTML shown as code"}},
		{"repeated on one line", "{{ a }} and {{ a }}\n\n{{ a }}\n", []string{"4 template output", "4 template output", "6 template output"}},
	}
	for _, tt := range tests {
		for _, format := range []string{FormatBlocks, FormatClassic} {
			t.Run(tt.name+"/"+format, func(t *testing.T) {
				doc, err := ParseWith("a.md", []byte(fm+tt.body), Options{Format: format})
				if err != nil {
					t.Fatal(err)
				}
				var got []string
				for _, l := range doc.Leftovers {
					got = append(got, fmt.Sprintf("%d %s", l.Line, l.Construct))
				}
				if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
					t.Errorf("leftovers:\n%s\nwant:\n%s\ncontent:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"), doc.Content)
				}
				for _, l := range doc.Leftovers {
					if w := l.String(); !containsString(doc.Warnings, w) {
						t.Errorf("warning %q missing from %q", w, doc.Warnings)
					}
				}
			})
		}
	}
}

// TestLeftovers_NoFalseAlarms: what is code, an attribute, escaped on
// purpose or plain prose is not named.
func TestLeftovers_NoFalseAlarms(t *testing.T) {
	tests := []struct{ name, body string }{
		{"fenced code", "```\n{% include x %} [[a]] ==b== :::note\nimport X from 'y';\n```\n"},
		{"tilde fence with language", "~~~liquid\n{{ page.title }}\n~~~\n"},
		{"indented code after prose", "Write this:\n\n    <div class=\"x\">[[a]]</div>\n"},
		{"code spans", "Use `{% raw %}`, `[[link]]`, `==x==`, `{#id}` and ``{{ x }}``.\n"},
		{"pre and code elements", "<pre>{{ x }} [[y]]</pre>\n\n<p><code>{% if %}</code></p>\n"},
		{"script and style", "<script>var a = \"{{ x }}\"; // [[y]]</script>\n\n<style>a::after { content: \"[[x]]\" }</style>\n"},
		{"attributes", "<a href=\"/x\" title=\"{{ t }} [[w]]\" data-x=\"{% y %}\">link</a>\n"},
		{"hugo escape", "Write {{</* youtube ID */>}} to embed.\n"},
		{"wordpress shortcode escape", "Escaped for display: [[gallery]] shows it.\n"},
		{"prose", "It costs 5% and x == y; a [link](/x) [[1, 2], [3, 4]] and 2^10. Import data from the shop.\n"},
		{"nested arrays and math", "The matrix [[1, 2], [3, 4]] and e^{i} and a == b == c.\n"},
		{"html in prose as html", "<div class=\"note\">A note.</div>\n\nSome <span class=\"x\">span</span>.\n"},
		{"uppercase html", "<DIV>old</DIV>\n"},
		{"heading without id", "## Setup {the braces are prose}\n"},
		{"closing admonition alone", "Text\n\n:::\n"},
		{"emoji and colons", "Time: 10:30:00 and ::: ok\n"},
		{"caret in prose", "Press ^C to stop.\n"},
		{"caret at a line end", "To stop, press ^C\n"},
	}
	for _, tt := range tests {
		for _, format := range []string{FormatBlocks, FormatClassic} {
			t.Run(tt.name+"/"+format, func(t *testing.T) {
				doc, err := ParseWith("a.md", []byte(tt.body), Options{Format: format})
				if err != nil {
					t.Fatal(err)
				}
				if len(doc.Leftovers) > 0 {
					t.Errorf("leftovers %+v\ncontent:\n%s", doc.Leftovers, doc.Content)
				}
			})
		}
	}
}

// TestLeftovers_SiteRan: what the site's adapter runs is not left over.
func TestLeftovers_SiteRan(t *testing.T) {
	tests := []struct{ name, gen, body string }{
		{"hugo heading id", "hugo", "## Setup {#setup}\n"},
		{"jekyll ial", "jekyll", "A paragraph\n{: .lead}\n"},
		{"jekyll toc", "jekyll", "* TOC\n{:toc}\n\n## A\n"},
		{"jekyll raw region", "jekyll", "{% raw %}{{ shown }} and {% tag %}{% endraw %}\n"},
		{"plain hugo shortcode", "plain", "{{< unknown \"a\" >}}\n\n{{% note %}}x{{% /note %}}\n"},
		{"jekyll liquid", "jekyll", "{% assign x = 1 %}{{ x }}\n"},
		{"zola escape", "zola", "Write {{/* youtube(id=\"x\") */}}.\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := ParseWith("a.md", []byte(tt.body), Options{Site: rulesOf(tt.gen)})
			if err != nil {
				t.Fatal(err)
			}
			if len(doc.Leftovers) > 0 {
				t.Errorf("leftovers %+v\ncontent:\n%s", doc.Leftovers, doc.Content)
			}
		})
	}
}

// TestLeftoverHits_Rendered: the rules over rendered HTML that no
// Markdown of today's renderer leaves (a kramdown attribute list it did
// not read), and what is not prose in it.
func TestLeftoverHits_Rendered(t *testing.T) {
	tests := []struct {
		name, html string
		want       []string // "CONSTRUCT TEXT"
	}{
		{"kramdown", "<p>B {: .x} and {::nomarkdown}</p>", []string{"kramdown attribute list {: .x}", "kramdown attribute list {::nomarkdown}"}},
		{"heading id with class", "<h2>Setup {#setup .wide}</h2>", []string{"heading id {#setup .wide}"}},
		{"braces in a paragraph are no heading id", "<p>Setup {#setup}</p>", nil},
		{"callout only at the start of a quote", "<blockquote><p>Text [!note] x</p></blockquote><p>[!note] y</p>", nil},
		{"callout in a quote of the block editor", "<!-- wp:quote --><blockquote class=\"wp-block-quote\"><!-- wp:paragraph --><p>[!warning] Careful</p><!-- /wp:paragraph --></blockquote><!-- /wp:quote -->", []string{"Obsidian callout or GitHub alert [!warning]"}},
		{"textarea and template", "<textarea>{{ x }}</textarea><template>[[y]]</template>", nil},
		{"code inside a paragraph joins nothing", "<p>{{ a <code>x</code> }}</p>", nil},
		{"indented html without a language", "<pre><code>&lt;p&gt;x&lt;/p&gt;\n</code></pre>", []string{"HTML shown as code <p>x</p>"}},
		{"fenced html with a language", "<pre><code class=\"language-html\">&lt;p&gt;x&lt;/p&gt;\n</code></pre>", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			hits, _ := leftoverHits(tt.html)
			var got []string
			for _, h := range hits {
				got = append(got, h.rule+" "+h.text)
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("hits:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

// TestLeftover_String is the warning's form.
func TestLeftover_String(t *testing.T) {
	l := Leftover{Line: 5, Construct: "Obsidian wikilink", Text: "[[Note]]", Advice: "write it as a Markdown link"}
	if got, want := l.String(), "line 5: Obsidian wikilink [[Note]] is shown to readers as text: write it as a Markdown link"; got != want {
		t.Errorf("String() = %q, want %q", got, want)
	}
}

func containsString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// TestLeftovers_RuleOfAnotherGenerator: a rule fires only for the
// generator that documents it (its adapter's SiteRules); elsewhere what it
// would have read is shown as written, and named with its line.
func TestLeftovers_RuleOfAnotherGenerator(t *testing.T) {
	tests := []struct {
		name, gen, body string
		want            []string // "LINE CONSTRUCT"
	}{
		// kramdown is Jekyll's Markdown: its attribute lists and {:toc}.
		{"kramdown ial in hugo", "hugo", "A paragraph\n{: .lead}\n", []string{"2 kramdown attribute list"}},
		{"kramdown ial in zola", "zola", "A paragraph\n{: .lead}\n", []string{"2 kramdown attribute list"}},
		{"kramdown toc in a plain folder", "plain", "* TOC\n{:toc}\n\n## A\n", []string{"2 kramdown attribute list"}},
		// Liquid is Jekyll's: Hugo, Zola and a plain folder outside
		// _posts do not run it, not even its common tags.
		{"liquid highlight in hugo", "hugo", "{% highlight go %}\nx := 1\n{% endhighlight %}\n", []string{"1 template tag"}},
		{"liquid baseurl in a plain folder", "plain", "![a]({{ site.baseurl }}/a.png) and {{ site.title }}\n", []string{"1 template output", "1 template output"}},
		{"liquid post_url in zola", "zola", "See {% post_url 2024-01-02-x %}.\n", []string{"1 template tag"}},
		// The Go blog's template: true is its adapter's (generator: goblog).
		{"go template in a plain folder", "plain", "---\ntemplate: true\n---\n{{image \"gc/heap.png\" 850}}\n", []string{"4 template output"}},
		// Zola's calls are Zola's; Hugo's shortcodes Hugo's.
		{"zola call in hugo", "hugo", "{{ youtube(id=\"x\") }}\n", []string{"1 Zola shortcode"}},
		{"hugo shortcode in zola", "zola", "{{< youtube x >}}\n", []string{"1 Hugo shortcode"}},
		{"hugo shortcode in jekyll", "jekyll", "{{< youtube x >}}\n", []string{"1 Hugo shortcode"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := ParseWith("a.md", []byte(tt.body), Options{Site: rulesOf(tt.gen)})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, l := range doc.Leftovers {
				got = append(got, fmt.Sprintf("%d %s", l.Line, l.Construct))
				if !containsString(doc.Warnings, l.String()) {
					t.Errorf("warning %q missing from %q", l.String(), doc.Warnings)
				}
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("leftovers:\n%s\nwant:\n%s\ncontent:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"), doc.Content)
			}
		})
	}
}
