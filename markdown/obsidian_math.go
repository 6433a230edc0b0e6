package markdown

import (
	"bytes"
	"fmt"

	"github.com/yuin/goldmark/ast"
)

// Mermaid in a vault (help.obsidian.md, "Advanced formatting syntax"):
// Obsidian draws ```mermaid blocks as diagrams. WordPress does not, so
// until wpsync does, each is reported (a warning with its line) rather
// than shown as source without a word. (Its $…$ and $$…$$ math is
// rendered: mathsyntax.go.)

// adviceMath says what to do about diagrams.
const adviceMath = "WordPress shows it as written: add a plugin that renders it on the site, or write it as a picture"

// warnRich warns about a Mermaid code block.
func (d *obsidianDoc) warnRich(n ast.Node, src []byte) {
	if cb, ok := n.(*ast.FencedCodeBlock); ok {
		if string(cb.Language(src)) == "mermaid" && cb.Lines().Len() > 0 {
			// The line of the opening fence, before the first of code.
			off := max(bytes.LastIndexByte(src[:max(cb.Lines().At(0).Start-1, 0)], '\n')+1, 0)
			d.warn(src, off, fmt.Sprintf("mermaid %d", off), "a ```mermaid diagram is shown as its source: "+adviceMath)
		}
	}
}
