package markdown

import (
	"strings"
	"testing"
)

// A ```math block is a Math block with Temml's MathML; LaTeX Temml cannot
// read stays code and is named in a warning.
func TestMath_Fence(t *testing.T) {
	doc, err := ParseWith("a.md", []byte("```math\nx^2\n```\n\n```math\n\\frac{a}{\n```\n"), Options{Format: FormatBlocks})
	if err != nil {
		t.Fatal(err)
	}
	want := `<!-- wp:math {"latex":"x^2"} -->` + "\n" + `<div class="wp-block-math"><math display="block"><semantics><msup><mi>x</mi><mn>2</mn></msup><annotation encoding="application/x-tex">x^2</annotation></semantics></math></div>`
	if !strings.HasPrefix(doc.Content, want) {
		t.Errorf("content:\n%s\nwant it to start with\n%s", doc.Content, want)
	}
	if len(doc.Warnings) != 1 || !strings.Contains(doc.Warnings[0], "cannot be converted to MathML") || !strings.Contains(doc.Content, "<code>\\frac{a}{</code>") {
		t.Errorf("warnings %q, content:\n%s", doc.Warnings, doc.Content)
	}
}
