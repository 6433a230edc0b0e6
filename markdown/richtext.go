package markdown

import (
	"bytes"
	"io"
	"regexp"
	"slices"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"
	xhtml "golang.org/x/net/html"
)

// Rich text is the inside of a paragraph, heading, list item or table cell
// block: the editor keeps it as the HTML string a browser serialises
// (innerHTML), and saves it back as that string.

// phrasing are the elements a paragraph, heading, list item or table cell
// block may hold in the HTML the author wrote: ones a browser keeps inside
// a <p>. Another element (a <div>, say) would close the paragraph when the
// editor reads it, and the block would be invalid.
var phrasing = map[string]bool{
	"a": true, "abbr": true, "b": true, "bdi": true, "bdo": true, "br": true, "cite": true,
	"code": true, "data": true, "del": true, "dfn": true, "em": true, "i": true, "img": true,
	"input": true, "ins": true, "kbd": true, "mark": true, "q": true, "s": true, "samp": true,
	"small": true, "span": true, "strong": true, "sub": true, "sup": true, "time": true,
	"u": true, "var": true, "wbr": true,
}

// skipMath reads up to the end of a <math> element (MathML, which the
// editor's inline math format keeps as it is) and reports whether it
// found it.
func skipMath(z *xhtml.Tokenizer) bool {
	for {
		switch z.Next() {
		case xhtml.ErrorToken:
			return false
		case xhtml.EndTagToken:
			if name, _ := z.TagName(); string(name) == "math" {
				return true
			}
		}
	}
}

// void reports whether a phrasing element has no end tag.
func void(name string) bool {
	switch name {
	case "br", "img", "input", "wbr":
		return true
	}
	return false
}

// richSafe reports whether a browser reads the rich text h (goldmark's
// output, with the author's inline HTML in it) into the elements it shows:
// only phrasing elements, each closed in order, no link inside a link, and
// no processing instruction, declaration or CDATA (which the tokenizer
// reads as bogus comments or a doctype).
func richSafe(h []byte) bool {
	open := make([]string, 0, 8)
	z := xhtml.NewTokenizer(bytes.NewReader(h))
	for {
		switch z.Next() {
		case xhtml.ErrorToken:
			return z.Err() == io.EOF && len(open) == 0
		case xhtml.CommentToken:
			// Only a whole "<!-- ... -->": the tokenizer also reads "<?",
			// "<!x", "</" without a name and an unclosed comment as one.
			raw := z.Raw()
			if len(raw) < len("<!---->") || !bytes.HasPrefix(raw, []byte("<!--")) || !bytes.HasSuffix(raw, []byte("-->")) {
				return false
			}
		case xhtml.DoctypeToken:
			return false
		case xhtml.StartTagToken:
			name, _ := z.TagName()
			if string(name) == "math" && !skipMath(z) {
				return false
			}
			switch {
			case string(name) == "math": // the editor's inline math format
			case !phrasing[string(name)]:
				return false
			case void(string(name)):
			case string(name) == "a" && slices.Contains(open, "a"):
				return false
			default:
				open = append(open, string(name))
			}
		case xhtml.SelfClosingTagToken:
			name, _ := z.TagName()
			if !phrasing[string(name)] || !void(string(name)) {
				return false // "<span/>" opens a span that never closes
			}
		case xhtml.EndTagToken:
			name, _ := z.TagName()
			if len(open) == 0 || open[len(open)-1] != string(name) {
				return false
			}
			open = open[:len(open)-1]
		}
	}
}

// inline renders the inside of blocks: goldmark's HTML renderer with the
// extensions md uses, and rich text written as a browser serialises it.
var inline = renderer.NewRenderer(
	renderer.WithNodeRenderers(
		util.Prioritized(html.NewRenderer(), 1000),
		util.Prioritized(extension.NewStrikethroughHTMLRenderer(), 500),
		util.Prioritized(extension.NewTaskCheckBoxHTMLRenderer(), 500),
		util.Prioritized(extension.NewFootnoteHTMLRenderer(), 500),
		util.Prioritized(richTextRenderer{}, 100),
		util.Prioritized(markRenderer{}, 500), // Obsidian's ==highlights== (obsidian_syntax.go)
		util.Prioritized(mathRenderer{}, 500), // math between delimiters (mathsyntax.go)
	),
	html.WithUnsafe(),
)

// richTextRenderer writes text and code spans as a browser's innerHTML has
// them: quotes unescaped, no-break spaces as &nbsp;. Soft line breaks are
// spaces as in the classic format; a hard break is a bare <br>, as the
// editor writes it.
type richTextRenderer struct{}

func (richTextRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindText, renderRichText)
	reg.Register(ast.KindCodeSpan, renderRichCodeSpan)
	reg.Register(ast.KindRawHTML, renderRichRawHTML)
	// The blocks that hold rich text: blockWriter writes their markup.
	for _, k := range []ast.NodeKind{ast.KindParagraph, ast.KindHeading, ast.KindTextBlock, east.KindTableCell} {
		reg.Register(k, renderRichContainer)
	}
}

func renderRichContainer(util.BufWriter, []byte, ast.Node, bool) (ast.WalkStatus, error) {
	return ast.WalkContinue, nil
}

func renderRichText(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*ast.Text)
	value := n.Segment.Value(source)
	if n.IsRaw() {
		writeRichText(w, value, false)
	} else {
		writeRichText(w, value, true)
	}
	switch {
	case n.HardLineBreak():
		_, _ = w.WriteString("<br>")
	case n.SoftLineBreak():
		if spaceAtBreak(value, node.NextSibling(), source) {
			_ = w.WriteByte(' ')
		}
	}
	return ast.WalkContinue, nil
}

func renderRichCodeSpan(w util.BufWriter, source []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		_, _ = w.WriteString("</code>")
		return ast.WalkContinue, nil
	}
	_, _ = w.WriteString("<code>")
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		value := c.(*ast.Text).Segment.Value(source)
		if v, ok := bytes.CutSuffix(value, []byte("\n")); ok {
			writeRichText(w, v, false)
			_ = w.WriteByte(' ')
		} else {
			writeRichText(w, value, false)
		}
	}
	return ast.WalkSkipChildren, nil
}

// renderRichRawHTML writes the author's inline tags as innerHTML writes
// them: <br/> as <br>, attribute values in double quotes.
func renderRichRawHTML(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkSkipChildren, nil
	}
	n := node.(*ast.RawHTML)
	var raw []byte
	for i := 0; i < n.Segments.Len(); i++ {
		seg := n.Segments.At(i)
		raw = append(raw, seg.Value(source)...)
	}
	_, _ = w.WriteString(normalizeTags(raw))
	return ast.WalkSkipChildren, nil
}

// htmlWriter is goldmark's: it resolves backslash escapes and entities.
var htmlWriter = html.NewWriter()

// writeRichText writes text escaped as innerHTML does: & < > and the
// no-break space, nothing else. With resolve, backslash escapes and
// entity references are resolved first (goldmark's Writer.Write).
func writeRichText(w util.BufWriter, value []byte, resolve bool) {
	if plainRichText(value) {
		_, _ = w.Write(value)
		return
	}
	if resolve {
		b := getBuffer()
		defer putBuffer(b)
		htmlWriter.Write(bufWriter{b}, value)
		// goldmark escapes quotes, which innerHTML does not; a quote in
		// the result is always one it escaped.
		value = b.Bytes()
		if bytes.Contains(value, []byte("&quot;")) {
			value = bytes.ReplaceAll(value, []byte("&quot;"), []byte(`"`))
		}
		writeNBSP(w, value)
		return
	}
	start := 0
	for i, c := range value {
		var esc string
		switch c {
		case '&':
			esc = "&amp;"
		case '<':
			esc = "&lt;"
		case '>':
			esc = "&gt;"
		default:
			continue
		}
		writeNBSP(w, value[start:i])
		_, _ = w.WriteString(esc)
		start = i + 1
	}
	writeNBSP(w, value[start:])
}

// plainRichText reports whether value holds none of what writeRichText
// escapes or resolves: & \ " < > NUL and the no-break space.
func plainRichText(value []byte) bool {
	for i, c := range value {
		if richTextSpecial[c] && (c != 0xc2 || i+1 < len(value) && value[i+1] == 0xa0) {
			return false
		}
	}
	return true
}

// richTextSpecial marks the bytes plainRichText looks for; 0xC2 starts the
// no-break space, C2 A0 in UTF-8.
var richTextSpecial = [256]bool{'&': true, '\\': true, '"': true, '<': true, '>': true, 0: true, 0xc2: true}

// writeNBSP writes s with each no-break space as &nbsp;.
func writeNBSP(w util.BufWriter, s []byte) {
	for {
		i := bytes.Index(s, []byte("\u00a0"))
		if i < 0 {
			_, _ = w.Write(s)
			return
		}
		_, _ = w.Write(s[:i])
		_, _ = w.WriteString("&nbsp;")
		s = s[i+2:]
	}
}

// entityLike is what escapeAmpersand of @wordpress/escape-html leaves alone.
var entityLike = regexp.MustCompile(`(?i)^&([a-z0-9]+|#[0-9]+|#x[a-f0-9]+);`)

// escapeAmpersand escapes each "&" that does not start an entity reference.
func escapeAmpersand(s string) string {
	if !strings.Contains(s, "&") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '&' && !entityLike.MatchString(s[i:]) {
			b.WriteString("&amp;")
		} else {
			b.WriteByte(s[i])
		}
	}
	return b.String()
}

// escapeAttribute is @wordpress/escape-html's, which save() uses for
// attribute values.
func escapeAttribute(s string) string {
	s = escapeAmpersand(s)
	s = strings.ReplaceAll(s, `"`, "&quot;")
	return strings.ReplaceAll(s, ">", "&gt;")
}

// escapeHTML is @wordpress/escape-html's, which save() uses for text.
func escapeHTML(s string) string {
	return strings.ReplaceAll(escapeAmpersand(s), "<", "&lt;")
}
