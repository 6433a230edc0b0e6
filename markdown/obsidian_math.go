package markdown

import (
	"bytes"
	"fmt"
	"regexp"

	"github.com/yuin/goldmark/ast"
)

// Math and Mermaid in a vault (help.obsidian.md, "Advanced formatting
// syntax"): Obsidian renders $…$ and $$…$$ with MathJax and ```mermaid
// blocks as diagrams. WordPress renders neither, so until wpsync does,
// each is reported (a warning with its line) rather than shown as source
// without a word. Inline math is read by the rule Obsidian shares with
// Pandoc's tex_math_dollars: a "$" followed by a non-space, closed by a
// "$" after a non-space and not followed by a digit — so "$5 and $10" is
// money, not math. A "\$" is a dollar sign.

// inlineMathRe is inline math: $x$, not $5 and $10, not \$.
var inlineMathRe = regexp.MustCompile(`(?:^|[^\\$])(\$[^\s$](?:[^$]*?[^\s\\$])?\$)(?:[^0-9$]|$)`)

// displayMathRe is a block of math: $$…$$.
var displayMathRe = regexp.MustCompile(`(?s)\$\$.+?\$\$`)

// adviceMath says what to do about math and diagrams.
const adviceMath = "WordPress shows it as written: add a plugin that renders it on the site, or write it as a picture"

// warnRich warns about math in a block of prose (a paragraph, a heading)
// and about a Mermaid code block.
func (d *obsidianDoc) warnRich(n ast.Node, src []byte) {
	if _, ok := n.(*ast.FencedCodeBlock); ok {
		return // a ```mermaid diagram: in every dialect (mermaid.go)
	}
	lines := n.Lines()
	if lines.Len() == 0 {
		return
	}
	start, stop := lines.At(0).Start, lines.At(lines.Len()-1).Stop
	text := append([]byte(nil), src[start:stop]...)
	// Code spans keep their dollars.
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if _, ok := c.(*ast.CodeSpan); !ok {
			continue
		}
		for t := c.FirstChild(); t != nil; t = t.NextSibling() {
			if s, ok := t.(*ast.Text); ok && s.Segment.Start >= start && s.Segment.Stop <= stop {
				copy(text[s.Segment.Start-start:s.Segment.Stop-start], bytes.Repeat([]byte{' '}, s.Segment.Len()))
			}
		}
	}
	if m := displayMathRe.FindIndex(text); m != nil {
		d.warn(src, start+m[0], fmt.Sprintf("math %d", start+m[0]), fmt.Sprintf("math %s is shown as its source: %s", shorten(string(text[m[0]:m[1]])), adviceMath))
		return
	}
	for _, m := range inlineMathRe.FindAllSubmatchIndex(text, -1) {
		d.warn(src, start+m[2], fmt.Sprintf("math %d", start+m[2]), fmt.Sprintf("math %s is shown as its source: %s", shorten(string(text[m[2]:m[3]])), adviceMath))
	}
}
