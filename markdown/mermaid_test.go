package markdown

import (
	"strings"
	"testing"
)

const mermaidSrc = "---\ntitle: Flow\n---\nA diagram:\n\n```mermaid\ngraph TD\n  A[Start & <go>] -->|yes &amp; no| B(End)\n```\n\n- In a list:\n\n  ```Mermaid\n  sequenceDiagram\n  ```\n"

// TestMermaid_MerPress: where the site has MerPress's block, a ```mermaid
// block is that block as its save() writes it, without a warning, where
// a block can be.
func TestMermaid_MerPress(t *testing.T) {
	doc, err := ParseWith("flow.md", []byte(mermaidSrc), Options{Format: FormatBlocks, Markup: Markup{MerPress: true}})
	if err != nil {
		t.Fatal(err)
	}
	want := "<!-- wp:merpress/mermaidjs -->\n" +
		`<pre class="wp-block-merpress-mermaidjs mermaid">graph TD` + "\n" + `  A[Start &amp; &lt;go>] -->|yes &amp; no| B(End)</pre>` +
		"\n<!-- /wp:merpress/mermaidjs -->"
	if !strings.Contains(doc.Content, want) {
		t.Errorf("content:\n%s\nwant it to hold\n%s", doc.Content, want)
	}
	// A list item holds no block: the diagram in the list is code, and
	// said so.
	if !strings.Contains(doc.Content, `<pre><code class="language-Mermaid">sequenceDiagram`) {
		t.Errorf("the diagram in the list is not code:\n%s", doc.Content)
	}
	if len(doc.Warnings) != 1 || !strings.HasPrefix(doc.Warnings[0], "line 13: a ```mermaid diagram is shown as code: inside a list") {
		t.Errorf("warnings %q, want one for line 13", doc.Warnings)
	}
}

// TestMermaid_Warned: without MerPress, and in the classic format, a
// ```mermaid block is a code block and a warning names its line, in
// every dialect.
func TestMermaid_Warned(t *testing.T) {
	for _, tt := range []struct {
		name string
		opts Options
		want string
	}{
		{"blocks", Options{Format: FormatBlocks}, "the site has no Mermaid plugin wpsync knows: install the MerPress plugin"},
		{"classic", Options{Format: FormatClassic}, "in the classic format: use format: blocks and install the MerPress plugin"},
		{"classic with MerPress", Options{Format: FormatClassic, Markup: Markup{MerPress: true}}, "MerPress plugin draws only its own block; use format: blocks"},
		{"obsidian", Options{Format: FormatBlocks, Site: &SiteRules{Obsidian: testVault()}}, "the site has no Mermaid plugin wpsync knows"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := ParseWith("flow.md", []byte(mermaidSrc), tt.opts)
			if err != nil {
				t.Fatal(err)
			}
			if strings.Contains(doc.Content, "merpress") || !strings.Contains(doc.Content, "language-mermaid") {
				t.Errorf("not a code block:\n%s", doc.Content)
			}
			if len(doc.Warnings) != 2 || !strings.HasPrefix(doc.Warnings[0], "line 6: a ```mermaid diagram is shown as code") ||
				!strings.HasPrefix(doc.Warnings[1], "line 13: ") || !strings.Contains(doc.Warnings[0], tt.want) {
				t.Errorf("warnings %q, want lines 6 and 13 saying %q", doc.Warnings, tt.want)
			}
		})
	}
}
