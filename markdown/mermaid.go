package markdown

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/yuin/goldmark/ast"
)

// Mermaid diagrams
//
// A ```mermaid code block is a diagram to GitHub, GitLab, Obsidian,
// Docusaurus (theme-mermaid) and Hugo (a render hook for the mermaid
// language, gohugo.io/content-management/diagrams): Mermaid, a JavaScript
// library, draws it in the browser. There is no Mermaid renderer in Go, so
// wpsync cannot make the picture; WordPress draws it only with a plugin.
// Where the site has the block of MerPress (wordpress.org/plugins/merpress,
// block type merpress/mermaidjs, found among the site's block types like
// the editor's other differences, Markup.MerPress), the diagram is that
// block, written as its save() writes it (a <pre class="mermaid"> holding
// the diagram's text, which Mermaid reads on the page and in the editor).
// Elsewhere, and in the classic format (MerPress draws only its block), it
// stays a Code block, with a warning naming the line and what to do: never
// a diagram shown as code without a word.

// isMermaidFence reports whether a fenced code block is a Mermaid diagram.
func isMermaidFence(n *ast.FencedCodeBlock, src []byte) bool {
	return strings.EqualFold(string(n.Language(src)), "mermaid")
}

// adviceMermaid says how to have diagrams drawn.
const adviceMermaid = "install the MerPress plugin (wordpress.org/plugins/merpress), whose Mermaid block wpsync then writes, and sync again; or put the diagram in as a picture"

// warnMermaid warns about each ```mermaid block of doc that will be shown
// as code.
func warnMermaid(doc ast.Node, src []byte, opts Options) {
	if opts.refs == nil {
		return
	}
	merpress := opts.Format == FormatBlocks && opts.Markup.MerPress
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		cb, ok := n.(*ast.FencedCodeBlock)
		if !entering || !ok || !isMermaidFence(cb, src) {
			return ast.WalkContinue, nil
		}
		if merpress && ownBlock(cb) {
			return ast.WalkContinue, nil
		}
		off := fenceStart(cb, src)
		msg := "a ```mermaid diagram is shown as code: the site has no Mermaid plugin wpsync knows: " + adviceMermaid
		switch {
		case merpress:
			msg = "a ```mermaid diagram is shown as code: inside a list (or a footnote, or HTML) it is part of a Custom HTML block, where no block can be: give it a place of its own, outside the list"
		case opts.Format != FormatBlocks:
			msg = "a ```mermaid diagram is shown as code in the classic format: the site's MerPress plugin draws only its own block; use format: blocks"
			if !opts.Markup.MerPress {
				msg = "a ```mermaid diagram is shown as code in the classic format: use format: blocks and " + adviceMermaid
			}
		}
		opts.refs.warn(fmt.Sprintf("mermaid\x00%d", off), fmt.Sprintf("line %d: %s", opts.refs.line(src, off), msg))
		return ast.WalkSkipChildren, nil
	})
}

// ownBlock reports whether the block writer writes a code block as a
// block of its own: at the top, or in quotes and callouts, which hold
// blocks (a list item holds text and lists only).
func ownBlock(n ast.Node) bool {
	for p := n.Parent(); p != nil; p = p.Parent() {
		switch p.(type) {
		case *ast.Document:
			return true
		case *ast.Blockquote, *Callout:
		default:
			return false
		}
	}
	return false
}

// fenceStart returns the offset of the line of a code block's opening
// fence: the line before its first line of code (its own line when it
// has none).
func fenceStart(cb *ast.FencedCodeBlock, src []byte) int {
	if cb.Info != nil {
		return bytes.LastIndexByte(src[:cb.Info.Segment.Start], '\n') + 1
	}
	if cb.Lines().Len() > 0 {
		start := cb.Lines().At(0).Start
		return bytes.LastIndexByte(src[:max(start-1, 0)], '\n') + 1
	}
	return 0
}

// merpress writes a Mermaid diagram as MerPress's block: its save() is
// <pre {...useBlockProps.save({className: "mermaid"})}>{content}</pre>,
// the diagram's text escaped as the editor's serializer escapes text
// (ampersands that start no character reference, and "<").
func (b *blockWriter) merpress(n *ast.FencedCodeBlock) {
	var text strings.Builder
	for i := 0; i < n.Lines().Len(); i++ {
		seg := n.Lines().At(i)
		text.Write(seg.Value(b.src))
	}
	content := strings.TrimSuffix(text.String(), "\n")
	content = escapeHTML(content)
	b.open("merpress/mermaidjs")
	b.str(`<pre class="wp-block-merpress-mermaidjs mermaid">`, content, `</pre>`)
	b.close("merpress/mermaidjs")
}
