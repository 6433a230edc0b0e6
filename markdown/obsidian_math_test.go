package markdown

import (
	"strings"
	"testing"
)

// TestObsidian_MathWarns: inline and display math in a vault's note are
// math (mathsyntax.go), a Mermaid block gives a warning with its line
// (mermaid.go, as in every dialect);
// dollars as money, escaped, or in code stay as written.
func TestObsidian_MathWarns(t *testing.T) {
	doc := parseNote(t, "Notes/Math.md", strings.Join([]string{
		"Euler: $e^{i\\pi} + 1 = 0$ holds.", // 1
		"",
		"It costs $5 and $10, or \\$x\\$ and `$y$`.", // 3
		"",
		"$$",               // 5
		"\\int_0^1 x\\,dx", // 6
		"$$",               // 7
		"",
		"```mermaid", // 9
		"graph TD; A-->B",
		"```",
		"",
		"```go",
		"s := \"$a$\"",
		"```",
		"",
		"## Area $\\pi r^2$", // 17
		"",
		"Between $1 and $2, and a $ lone one.",
	}, "\n")+"\n")
	want := []string{
		"line 9: a ```mermaid diagram is shown as code", // as in every dialect (mermaid.go)
	}
	for _, w := range []string{
		`<math data-latex="e^{i\pi} + 1 = 0">`,
		`It costs $5 and $10, or $x$ and <code>$y$</code>.`,
		`<math display="block"><semantics><mrow><msubsup>`,
		`<math data-latex="\pi r^2">`,
		`Between $1 and $2, and a $ lone one.`,
	} {
		if !strings.Contains(doc.Content, w) {
			t.Errorf("content lacks %q:\n%s", w, doc.Content)
		}
	}
	if len(doc.Warnings) != len(want) {
		t.Fatalf("warnings = %q, want %d", doc.Warnings, len(want))
	}
	for i, w := range want {
		if !strings.HasPrefix(doc.Warnings[i], w) {
			t.Errorf("warning %d = %q, want %q…", i, doc.Warnings[i], w)
		}
	}
}
