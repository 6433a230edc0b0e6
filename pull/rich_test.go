package pull

import (
	"strings"
	"testing"

	"github.com/wpsync/wpsync/markdown"
)

// pushed renders src as sync sends it to a 7.1 site (blocks, the Math
// and Footnotes blocks), with its footnotes meta.
func pushed(t *testing.T, src string, rules *markdown.SiteRules) (string, map[string]string) {
	t.Helper()
	doc, err := markdown.ParseWith("posts/x.md", []byte("---\ntitle: x\n---\n"+src), markdown.Options{Format: markdown.FormatBlocks, Site: rules})
	if err != nil {
		t.Fatal(err)
	}
	if len(doc.Warnings) > 0 {
		t.Fatalf("warnings: %q", doc.Warnings)
	}
	return doc.Content, map[string]string{"footnotes": markdown.FootnotesMeta(doc.Footnotes)}
}

// TestConvert_MathAndFootnotes: a Math block comes back as a ```math
// block, inline math between the delimiters the site reads (and as its
// HTML where it reads none), WordPress's footnotes as [^n] with their
// notes; each renders back to the stored post and its notes.
func TestConvert_MathAndFootnotes(t *testing.T) {
	const src = "Euler $e^{i\\pi}+1=0$ holds[^1], and money $5 and $10 too[^2].\n\n$$\n\\int_0^1 x\\,dx\n$$\n\n[^1]: A *note*.\n[^2]: Another one.\n"
	vault := &markdown.SiteRules{Math: &markdown.ObsidianMath}
	content, meta := pushed(t, src, vault)
	for _, c := range []struct {
		name string
		math *markdown.MathSyntax
		want []string
	}{
		{"dollars", &markdown.ObsidianMath, []string{"Euler $e^{i\\pi}+1=0$ holds[^1]", "too[^2]", "```math\n\\int_0^1 x\\,dx\n```", "[^1]: A _note_.", "[^2]: Another one."}},
		{"no dollars", nil, []string{`Euler <math data-latex="e^{i\pi}+1=0">`, "holds[^1]", "```math\n\\int_0^1 x\\,dx\n```"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			links := testLinks()
			links.MathFor = func(string) *markdown.MathSyntax { return c.math }
			got := ConvertWith(content, meta, "posts/x.md", links)
			if !got.Exact {
				t.Fatalf("not exact:\n%s", got.Body)
			}
			for _, w := range c.want {
				if !strings.Contains(got.Body, w) {
					t.Errorf("body lacks %q:\n%s", w, got.Body)
				}
			}
			if strings.Contains(got.Body, "data-fn") || strings.Contains(got.Body, "wp:footnotes") || strings.Contains(got.Body, "wp:math") {
				t.Errorf("body keeps block markup:\n%s", got.Body)
			}
			// A sync of the pulled file sends the same post and notes.
			again, meta2 := pushed(t, got.Body, &markdown.SiteRules{Math: c.math})
			if again != content || meta2["footnotes"] != meta["footnotes"] {
				t.Errorf("renders back to\n%s\n%s\nwant\n%s\n%s", again, meta2, content, meta)
			}
		})
	}
}

// TestConvert_EditorFootnotes: notes made in the editor (random IDs), or
// sent from labels other than their numbers, come back labelled by their
// IDs, which sync keeps.
func TestConvert_EditorFootnotes(t *testing.T) {
	named, meta := pushed(t, "Text[^note].\n\n[^note]: A note.\n", nil)
	nid := markdown.FootnoteID("posts/x.md", "note")
	if got := ConvertWith(named, meta, "posts/x.md", testLinks()); !got.Exact || !strings.Contains(got.Body, "Text[^"+nid+"].") {
		t.Errorf("exact %v:\n%s", got.Exact, got.Body)
	}

	const id = "4d9f1c2e-8a7b-4c3d-9e2f-1a2b3c4d5e6f"
	content := "<!-- wp:paragraph -->\n<p>Text<sup data-fn=\"" + id + "\" class=\"fn\"><a href=\"#" + id + "\" id=\"" + id + "-link\">1</a></sup>.</p>\n<!-- /wp:paragraph -->\n\n<!-- wp:footnotes /-->"
	meta = map[string]string{"footnotes": `[{"id":"` + id + `","content":"A note."}]`}
	got := ConvertWith(content, meta, "posts/x.md", testLinks())
	if !got.Exact || !strings.Contains(got.Body, "Text[^"+id+"].") || !strings.Contains(got.Body, "[^"+id+"]: A note.") {
		t.Fatalf("exact %v:\n%s", got.Exact, got.Body)
	}
}

// TestInlineMath: inline math is written between the delimiters the site
// reads, and stays HTML where they could not hold it.
func TestInlineMath(t *testing.T) {
	const m = `<math data-latex="a &lt; b"><mi>a</mi></math>`
	hugo := &markdown.MathSyntax{Inline: []markdown.MathDelimiters{{Open: `\(`, Close: `\)`}}}
	for _, c := range []struct {
		md   string
		math *markdown.MathSyntax
		want string
	}{
		{"x " + m + " y", &markdown.ObsidianMath, "x $a < b$ y"},
		{"x " + m + "2 y", &markdown.ObsidianMath, "x " + m + "2 y"}, // a digit after the closing $
		{"x " + m + " y", &markdown.KramdownMath, "x $$a < b$$ y"},
		{"x " + m + " y", hugo, `x \(a < b\) y`},
		{"x " + m + " y", nil, "x " + m + " y"},
		{`x <math data-latex=" a"><mi>a</mi></math> y`, &markdown.ObsidianMath, `x <math data-latex=" a"><mi>a</mi></math> y`},
	} {
		if got := inlineMath(c.md, c.math); got != c.want {
			t.Errorf("inlineMath(%q, %v) = %q, want %q", c.md, c.math, got, c.want)
		}
	}
}
