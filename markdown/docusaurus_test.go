package markdown

import (
	"strings"
	"testing"
)

// TestDocusaurus reads Docusaurus's Markdown and MDX constructs: what
// Docusaurus runs becomes blocks, and none of its syntax reaches prose.
func TestDocusaurus(t *testing.T) {
	tests := []struct {
		name    string
		src     string
		want    []string // in the blocks, in order
		not     []string // nowhere in them
		warning string   // in a warning; "" for none
	}{
		{"admonition", ":::note\nOnly *this*.\n:::\n\nAfter.",
			[]string{`callout callout-note`, `<strong>Note</strong>`, `<em>this</em>`, `</div>`, `<p>After.</p>`}, []string{":::", "[!note]"}, ""},
		{"admonition title after a space", ":::tip My title\nBody.\n:::",
			[]string{`callout callout-tip`, `<strong>My title</strong>`, `<p>Body.</p>`}, []string{":::"}, ""},
		{"admonition title in brackets", ":::warning[Careful **now**]\n\nBody.\n\n:::",
			[]string{`callout callout-warning`, `Careful`, `<p>Body.</p>`}, []string{":::", "[Careful"}, ""},
		{"nested admonitions", "::::info Outer\nA.\n\n:::danger Inner\nB.\n:::\n\nC.\n::::\n\nD.",
			[]string{`callout callout-info`, `<strong>Outer</strong>`, `<p>A.</p>`, `callout callout-danger`, `<strong>Inner</strong>`, `<p>B.</p>`, `<p>C.</p>`, `<p>D.</p>`}, []string{":::"}, ""},
		{"admonition keeps code", ":::note\n```js\nconst a = 1;\n```\n:::",
			[]string{`callout callout-note`, `wp:code`, `const a = 1;`}, []string{":::", "&gt; "}, ""},
		{"colons in code stay", "```\n:::note\n```",
			[]string{`:::note`}, []string{"callout"}, ""},
		{"imports and exports", "import Tabs from '@theme/Tabs';\nimport {\n  A,\n  B,\n} from './x';\nexport const meta = {\n  a: 1,\n};\n\nText.",
			[]string{`<p>Text.</p>`}, []string{"import", "export", "@theme", "meta"}, ""},
		{"prose that starts with import", "import the file first, then\nexport it.", []string{"<p>import the file first, then export it.</p>"}, nil, ""},
		{"tabs", "## Install\n\n<Tabs groupId=\"pm\">\n<TabItem value=\"npm\" label=\"npm\" default>\n\n```\nnpm i\n```\n\n</TabItem>\n<TabItem value=\"yarn\">\n\nWith yarn.\n\n</TabItem>\n</Tabs>",
			[]string{`<h2`, `Install`, `"level":3`, `>npm</h3>`, `npm i`, `>yarn</h3>`, `<p>With yarn.</p>`}, []string{"<Tabs", "TabItem", "</Tabs>"}, ""},
		{"admonition component", "<Admonition type=\"tip\" title=\"Hint\">\n\nBody.\n\n</Admonition>",
			[]string{`callout callout-tip`, `<strong>Hint</strong>`, `<p>Body.</p>`}, []string{"Admonition"}, ""},
		{"details", "<details>\n  <summary>Why **so**?</summary>\n\nBecause.\n\n</details>\n\nAfter.",
			[]string{`wp:details`, `<summary>Why`, `<p>Because.</p>`, `</details>`, `<p>After.</p>`}, []string{"[!details]", "&lt;"}, ""},
		{"heading id", "## Getting ready {#getting-ready}\n\nText.",
			[]string{`"anchor":"getting-ready"`, `id="getting-ready"`, `>Getting ready</h2>`}, []string{"{#"}, ""},
		{"truncate", "Intro.\n\n<!-- truncate -->\n\nMore.", []string{`<p>Intro.</p>`, `<!-- wp:more -->`, `<p>More.</p>`}, []string{"truncate"}, ""},
		{"truncate in mdx", "Intro.\n\n{/* truncate */}\n\nMore.", []string{`<!-- wp:more -->`}, []string{"truncate", "{/*"}, ""},
		{"mdx comment", "A {/* not shown */} b.\n\n{/*\nlong\n*/}\n\nC.", []string{`<p>A  b.</p>`, `<p>C.</p>`}, []string{"not shown", "long", "{/*"}, ""},
		{"unknown component", "Intro.\n\n<Highlight color=\"#25c2a0\">green</Highlight> text.",
			[]string{`green`, `text.`}, []string{"<Highlight", "</Highlight"}, "line 6: MDX component <Highlight> is not run"},
		{"link component", `See <Link to="/docs/intro">the intro</Link>.`, []string{`<a href="/docs/intro">the intro</a>`}, []string{"<Link"}, ""},
		// A <Link id> is a place to link to: a heading's anchor, else an
		// <a id>; never a closing </a> without its opening.
		{"link id in a heading", "## Options <Link id=\"options\" />\n\n## <Link id=\"more\">More</Link>\n\nA <Link id=\"here\">place</Link>.",
			[]string{`id="options"`, `Options</h2>`, `id="more"`, `More</h2>`, `A <a id="here">place</a>.`}, []string{"<Link", "</a></h2>"}, ""},
		{"link without an address", `Go <Link className="x">there</Link> or <Link to={useBaseUrl('/x')}>here</Link>.`,
			[]string{"Go there or here."}, []string{"<Link", "</a>"}, "line 4: <Link> names no address (to or href): its tag is left out, its text kept"},
		{"jsx style attribute", "<img alt=\"x\" src=\"/img/a.png\" style={{\n  width: \"50%\"\n}} />\n\nAfter.",
			[]string{`/img/a.png`, `<p>After.</p>`}, []string{"style", "{{", "width"}, ""},
		{"components in code stay", "Use `<Tabs>` and:\n\n```jsx\n<Tabs>\nimport x from 'y';\n```",
			[]string{`<code>&lt;Tabs&gt;</code>`, `&lt;Tabs&gt;`, `import x from`}, nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := ParseWith("docs/a.mdx", []byte("---\ntitle: T\n---\n"+tt.src+"\n"), Options{Site: &SiteRules{Docusaurus: true}, Format: FormatBlocks})
			if err != nil {
				t.Fatal(err)
			}
			rest := doc.Content
			for _, w := range tt.want {
				i := strings.Index(rest, w)
				if i < 0 {
					t.Fatalf("missing %q (in order) in\n%s", w, doc.Content)
				}
				rest = rest[i+len(w):]
			}
			for _, n := range tt.not {
				if strings.Contains(doc.Content, n) {
					t.Errorf("%q shown in\n%s", n, doc.Content)
				}
			}
			warns := strings.Join(doc.Warnings, "\n")
			if tt.warning == "" && strings.Contains(warns, "MDX") || tt.warning != "" && !strings.Contains(warns, tt.warning) {
				t.Errorf("warnings = %q, want %q", warns, tt.warning)
			}
		})
	}
}

// TestDocusaurusOff: without the dialect, the syntax is not read.
func TestDocusaurusOff(t *testing.T) {
	doc, err := ParseWith("a.md", []byte(":::note\nx\n:::\n"), Options{Format: FormatBlocks})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(doc.Content, "callout") {
		t.Errorf("callout without the dialect:\n%s", doc.Content)
	}
}

// TestDocusaurusRollDates: a day past the month's end is the next
// month's, as JavaScript's Date reads it, with a warning; without the
// rule it fails the file.
func TestDocusaurusRollDates(t *testing.T) {
	src := []byte("---\ntitle: T\ndate: 2017-02-29 11:00:00\n---\nx\n")
	doc, err := ParseWith("blog/a.md", src, Options{Site: &SiteRules{Docusaurus: true, RollDates: true}})
	if err != nil {
		t.Fatal(err)
	}
	if got := doc.Date.Time.Format("2006-01-02 15:04"); got != "2017-03-01 11:00" {
		t.Errorf("date %s, want 2017-03-01 11:00", got)
	}
	if w := strings.Join(doc.Warnings, "\n"); !strings.Contains(w, `line 3: date: "2017-02-29 11:00:00" is no day of the calendar: read as 2017-03-01`) {
		t.Errorf("warnings %q", w)
	}
	if _, err := ParseWith("blog/a.md", src, Options{}); err == nil || !strings.Contains(err.Error(), "cannot parse date") {
		t.Errorf("without the rule: %v", err)
	}
	if _, err := ParseWith("blog/a.md", []byte("---\ndate: 2017-13-01\n---\nx\n"), Options{Site: &SiteRules{RollDates: true}}); err == nil {
		t.Errorf("month 13 read as a date")
	}
}
