package markdown

import (
	"strings"
	"testing"
)

// TestMDXOneLineCallout reads a callout component written on one line as
// the box it is over several lines: titled, its content a paragraph.
func TestMDXOneLineCallout(t *testing.T) {
	tests := []struct {
		name, tag, content, para string
		rules                    SiteRules
	}{
		{"astro aside", "Aside", "Use it **well**.", `<p>Use it <strong>well</strong>.</p>`, SiteRules{MDX: true}},
		{"content starts with emphasis", "Aside", "**Use** it.", `<p><strong>Use</strong> it.</p>`, SiteRules{MDX: true}},
		{"docusaurus admonition", "Admonition", "Use it **well**.", `<p>Use it <strong>well</strong>.</p>`, SiteRules{Docusaurus: true}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			open, end := "<"+tt.tag+` type="tip" title="Hint">`, "</"+tt.tag+">"
			var got [2]string
			for k, src := range []string{open + tt.content + end, open + "\n" + tt.content + "\n" + end} {
				doc, err := ParseWith("docs/a.mdx", []byte("---\ntitle: T\n---\n"+src+"\n\nAfter.\n"), Options{Site: &tt.rules, Format: FormatBlocks})
				if err != nil {
					t.Fatal(err)
				}
				if len(doc.Warnings) > 0 {
					t.Errorf("warnings %q", doc.Warnings)
				}
				got[k] = doc.Content
			}
			for _, w := range []string{`callout callout-tip`, `<strong>Hint</strong>`, tt.para, `<p>After.</p>`} {
				if !strings.Contains(got[0], w) {
					t.Errorf("missing %q in\n%s", w, got[0])
				}
			}
			if got[0] != got[1] {
				t.Errorf("one line\n%s\nis not as several lines\n%s", got[0], got[1])
			}
		})
	}
}

// TestMDXExpressions: {frontmatter.x} (Astro) and {frontMatter.x}
// (Docusaurus) of a string or number are its value; any other expression
// outside code stays as written, with a warning naming its line.
func TestMDXExpressions(t *testing.T) {
	tests := []struct {
		name     string
		rules    SiteRules
		src      string
		want     []string
		not      []string
		warnings []string
	}{
		{"astro frontmatter", SiteRules{MDX: true}, "Title: {frontmatter.title}, n={frontmatter.n}.",
			[]string{`Title: A *b*, n=3.`}, []string{"{frontmatter"}, nil},
		{"docusaurus frontMatter", SiteRules{Docusaurus: true}, "Title: {frontMatter.title}.",
			[]string{`Title: A *b*.`}, []string{"{frontMatter"}, nil},
		{"other expressions warn", SiteRules{MDX: true}, "Sum {1 + 1}.\n\nSee {props.x} and {frontmatter.tags}.",
			[]string{`{1 + 1}`, `{props.x}`}, nil,
			[]string{"line 6: MDX expression {1 + 1} is not run", "line 8: MDX expression {props.x} is not run", "line 8: MDX expression {frontmatter.tags} is not run"}},
		{"code, comments and escapes are not expressions", SiteRules{MDX: true}, "`{props.x}` and \\{x\\} {/* note */}\n\n```js\nconst a = {b: 1};\n```",
			[]string{`<code>{props.x}</code>`, `const a = {b: 1};`}, []string{"note"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := ParseWith("docs/a.mdx", []byte("---\ntitle: A *b*\nn: 3\ntags: [x]\n---\n"+tt.src+"\n"), Options{Site: &tt.rules, Format: FormatBlocks})
			if err != nil {
				t.Fatal(err)
			}
			for _, w := range tt.want {
				if !strings.Contains(doc.Content, w) {
					t.Errorf("missing %q in\n%s", w, doc.Content)
				}
			}
			for _, n := range tt.not {
				if strings.Contains(doc.Content, n) {
					t.Errorf("%q shown in\n%s", n, doc.Content)
				}
			}
			warns := strings.Join(doc.Warnings, "\n")
			for _, w := range tt.warnings {
				if !strings.Contains(warns, w) {
					t.Errorf("warnings %q, want %q", warns, w)
				}
			}
			if tt.warnings == nil && strings.Contains(warns, "expression") {
				t.Errorf("warnings %q", warns)
			}
		})
	}
}
