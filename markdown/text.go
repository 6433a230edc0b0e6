package markdown

import (
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"
)

// textRenderer replaces goldmark's text renderer to write a soft line break
// as a space. WordPress runs wpautop over post content, which turns every
// newline left inside a paragraph into <br />, so the line wrapping of the
// Markdown source would show up as forced line breaks.
type textRenderer struct {
	html.Config
}

func newTextRenderer() renderer.NodeRenderer {
	return &textRenderer{Config: html.NewConfig()}
}

// SetOption receives the html options (escaping writer, XHTML) so text is
// escaped exactly as the standard renderer does.
func (r *textRenderer) SetOption(name renderer.OptionName, value any) {
	r.Config.SetOption(name, value)
}

func (r *textRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindText, r.renderText)
}

func (r *textRenderer) renderText(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*ast.Text)
	value := n.Segment.Value(source)
	if n.IsRaw() {
		r.Writer.RawWrite(w, value)
		return ast.WalkContinue, nil
	}
	r.Writer.Write(w, value)
	switch {
	case n.HardLineBreak():
		// wpautop leaves a newline right after <br> alone.
		if r.XHTML {
			_, _ = w.WriteString("<br />\n")
		} else {
			_, _ = w.WriteString("<br>\n")
		}
	case n.SoftLineBreak():
		if spaceAtBreak(value, node.NextSibling(), source) {
			_ = w.WriteByte(' ')
		}
	}
	return ast.WalkContinue, nil
}

// spaceAtBreak reports whether a soft line break after value becomes a space.
// Chinese and Japanese do not separate words with spaces, so a break between
// two wide characters disappears (CSS Text 3 segment break rule; Hangul,
// which uses spaces, is excluded).
func spaceAtBreak(value []byte, next ast.Node, source []byte) bool {
	t, ok := next.(*ast.Text)
	if !ok || len(value) == 0 {
		return true
	}
	nextValue := t.Segment.Value(source)
	if len(nextValue) == 0 {
		return true
	}
	before, _ := utf8.DecodeLastRune(value)
	after, _ := utf8.DecodeRune(nextValue)
	return !(isWide(before) && isWide(after))
}

func isWide(r rune) bool {
	if r < 0x1100 || unicode.Is(unicode.Hangul, r) {
		return false
	}
	switch util.EastAsianWidth(r) {
	case "F", "W", "H":
		return true
	}
	return false
}
