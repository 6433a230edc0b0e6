package site

import (
	"strings"
	"testing"
)

// TestHugo_PassthroughMath: a Hugo site whose configuration enables
// goldmark's passthrough extension has math between the delimiters it
// names (here \[ \] and \( \), in TOML and YAML); without it, the same
// text stays as written.
func TestHugo_PassthroughMath(t *testing.T) {
	const body = "---\ntitle: T\n---\nArea \\(x^2\\) here, $y$ not.\n\n\\[\nx^2\n\\]\n"
	for name, files := range map[string]map[string]string{
		"toml": {"hugo.toml": "baseURL = \"https://example.org/\"\n[markup.goldmark.extensions.passthrough]\nenable = true\n[markup.goldmark.extensions.passthrough.delimiters]\nblock = [['\\[', '\\]']]\ninline = [['\\(', '\\)']]\n"},
		"yaml": {"hugo.yaml": "baseURL: https://example.org/\nmarkup:\n  goldmark:\n    extensions:\n      passthrough:\n        enable: true\n        delimiters:\n          block: [['\\[', '\\]']]\n          inline: [['\\(', '\\)']]\n"},
		"off":  {"hugo.toml": "baseURL = \"https://example.org/\"\n[markup.goldmark.extensions.passthrough]\nenable = false\n[markup.goldmark.extensions.passthrough.delimiters]\nblock = [['\\[', '\\]']]\n"},
	} {
		t.Run(name, func(t *testing.T) {
			files["content/x.md"] = body
			dir := tree(t, files)
			s, err := DetectWith(dir, Settings{})
			if err != nil {
				t.Fatal(err)
			}
			_, doc := judge(t, s, dir, "content/x.md")
			on := strings.Contains(doc.Content, `<math data-latex="x^2">`) && strings.Contains(doc.Content, `<math display="block">`)
			if on != (name != "off") {
				t.Errorf("math %v:\n%s", on, doc.Content)
			}
			if strings.Contains(doc.Content, `data-latex="y"`) {
				t.Errorf("$y$ is math:\n%s", doc.Content)
			}
		})
	}
}
