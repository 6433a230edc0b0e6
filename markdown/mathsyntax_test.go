package markdown

import (
	"strings"
	"testing"
)

// mathDoc renders body in the blocks format with rules and markup.
func mathDoc(t *testing.T, body string, rules *SiteRules, markup Markup) *Document {
	t.Helper()
	doc, err := ParseWith("a.md", []byte("---\ntitle: x\n---\n"+body), Options{Format: FormatBlocks, Site: rules, Markup: markup})
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

func TestMathBetweenDelimiters(t *testing.T) {
	vault := &SiteRules{Obsidian: &Vault{}}
	hugo := &SiteRules{Typographer: true, Math: &MathSyntax{
		Block:  []MathDelimiters{{`\[`, `\]`}, {"$$", "$$"}},
		Inline: []MathDelimiters{{`\(`, `\)`}},
	}}
	jekyll := &SiteRules{Typographer: true, Kramdown: true}
	inlineX := `<math data-latex="x^2"><semantics><msup><mi>x</mi><mn>2</mn></msup><annotation encoding="application/x-tex">x^2</annotation></semantics></math>`
	blockX := "<!-- wp:math {\"latex\":\"x^2\"} -->\n<div class=\"wp-block-math\"><math display=\"block\"><semantics><msup><mi>x</mi><mn>2</mn></msup><annotation encoding=\"application/x-tex\">x^2</annotation></semantics></math></div>\n<!-- /wp:math -->"
	for _, c := range []struct {
		name, body string
		rules      *SiteRules
		want       []string // in the content
		not        []string // not in it
	}{
		{"obsidian inline", "Area $x^2$ here.", vault, []string{"<p>Area " + inlineX + " here.</p>"}, nil},
		{"obsidian money", "It costs $5 and $10 today.", vault, []string{"<p>It costs $5 and $10 today.</p>"}, []string{"<math"}},
		{"obsidian escaped dollar", `A \$x$ sign.`, vault, []string{"<p>A $x$ sign.</p>"}, []string{"<math"}},
		{"obsidian closing before digit", "From $x$1 on.", vault, []string{"$x$1"}, []string{"<math"}},
		{"obsidian display", "Before.\n\n$$\nx^2\n$$\n\nAfter.", vault, []string{blockX}, []string{"$$"}},
		{"obsidian display in a paragraph", "Before\n$$x^2$$\nafter.", vault, []string{blockX, "<p>Before</p>", "<p>after.</p>"}, []string{"$$"}},
		{"obsidian code span keeps dollars", "Run `echo $x$` now.", vault, []string{"<code>echo $x$</code>"}, []string{"<math"}},
		{"hugo block", "Before.\n\n\\[\nx^2\n\\]\n\nAfter.", hugo, []string{blockX}, nil},
		{"hugo inline", `Area \(x^2\) here.`, hugo, []string{"<p>Area " + inlineX + " here.</p>"}, nil},
		{"hugo dollars are not configured", "Area $x^2$ here.", hugo, []string{"$x^2$"}, []string{"<math"}},
		{"kramdown alone", "Before.\n\n$$x^2$$\n\nAfter.", jekyll, []string{blockX}, nil},
		{"kramdown inline", "Area $$x^2$$ here.", jekyll, []string{"<p>Area " + inlineX + " here.</p>"}, nil},
		{"kramdown single dollar", "Area $x^2$ here.", jekyll, []string{"$x^2$"}, []string{"<math"}},
		{"plain folder", "Area $x^2$ and $$x^2$$.", nil, []string{"$x^2$", "$$x^2$$"}, []string{"<math"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			doc := mathDoc(t, c.body, c.rules, Markup{})
			for _, w := range c.want {
				if !strings.Contains(doc.Content, w) {
					t.Errorf("content lacks %q:\n%s", w, doc.Content)
				}
			}
			for _, w := range c.not {
				if strings.Contains(doc.Content, w) {
					t.Errorf("content has %q:\n%s", w, doc.Content)
				}
			}
			if len(doc.Warnings) > 0 {
				t.Errorf("warnings: %q", doc.Warnings)
			}
		})
	}
}

func TestMathBetweenDelimitersBadLatex(t *testing.T) {
	doc := mathDoc(t, "One.\n\nBad $\\frac{x$ here.\n\n$$\n\\begin{x}\n$$\n", &SiteRules{Obsidian: &Vault{}}, Markup{})
	for _, w := range []string{`<p>Bad <code>$\frac{x$</code> here.</p>`, "<!-- wp:code -->\n<pre class=\"wp-block-code\"><code>$$\n\\begin{x}\n$$</code></pre>"} {
		if !strings.Contains(doc.Content, w) {
			t.Errorf("content lacks %q:\n%s", w, doc.Content)
		}
	}
	if len(doc.Warnings) != 2 || !strings.HasPrefix(doc.Warnings[0], "line 6: math $\\frac{x$ is shown as code") || !strings.HasPrefix(doc.Warnings[1], "line 8: math") {
		t.Errorf("warnings: %q", doc.Warnings)
	}
}

func TestMathBetweenDelimitersBefore69(t *testing.T) {
	doc := mathDoc(t, "Area $x^2$.\n\n$$x^2$$\n", &SiteRules{Obsidian: &Vault{}}, MarkupWP61)
	if !strings.Contains(doc.Content, "<!-- wp:html -->\n<math display=\"block\"><semantics>") || strings.Contains(doc.Content, "wp:math") {
		t.Errorf("display math before 6.9:\n%s", doc.Content)
	}
	if !strings.Contains(doc.Content, `<p>Area <math data-latex="x^2"><semantics>`) {
		t.Errorf("inline math before 6.9:\n%s", doc.Content)
	}
}

func TestMathAttribute(t *testing.T) {
	for in, want := range map[string]string{`a & b`: `a &amp; b`, `a<b>"c"`: `a&lt;b&gt;&quot;c&quot;`, `&amp;x`: `&amp;x`} {
		if got := mathAttribute(in); got != want {
			t.Errorf("mathAttribute(%q) = %q, want %q", in, got, want)
		}
	}
}
