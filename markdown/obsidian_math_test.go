package markdown

import (
	"strings"
	"testing"
)

// TestObsidian_MathWarns: inline and display math and a Mermaid block in
// a vault's note each give a warning with their line; dollars as money,
// escaped, or in code do not.
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
		"line 1: math $e^{i\\pi} + 1 = 0$ is shown as its source",
		"line 5: math $$ \\int_0^1 x\\,dx $$ is shown as its source",
		"line 17: math $\\pi r^2$ is shown as its source",
		"line 9: a ```mermaid diagram is shown as code", // as in every dialect (mermaid.go)
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
