package markdown

import (
	"bytes"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// shortcodeParser keeps WordPress shortcodes such as [gallery ids="1,2"] or
// [/caption] byte for byte: without it their quotes become &quot;, their
// underscores emphasis and their brackets links, and WordPress no longer
// recognises them.
//
// It runs after the task-list (0) and footnote (101) parsers, so "[x]" at
// the start of a list item and "[^1]" keep their meaning, and before the
// link parser (200), which it defers to for anything that is a link.
type shortcodeParser struct{}

const shortcodePriority = 150

func (shortcodeParser) Trigger() []byte { return []byte{'['} }

func (shortcodeParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, _ := block.PeekLine()
	n, name, closing, selfClosing := scanShortcode(line)
	if n == 0 {
		return nil
	}
	// "[text](url)" and "[ref]: url" are Markdown links, as are "[ref]",
	// "[ref][]" and "[text][ref]" when "ref" is defined. A following "[" that
	// is not a defined reference is text to Markdown, so
	// [video src="a.mp4"][/video] is still a shortcode pair.
	if n < len(line) && (line[n] == '(' || line[n] == ':') {
		return nil
	}
	if isReference(pc, line[1:n-1]) {
		return nil
	}
	if n < len(line) && line[n] == '[' {
		if end := bytes.IndexByte(line[n:], ']'); end >= 0 {
			if label := line[n+1 : n+end]; len(label) == 0 || isReference(pc, label) {
				return nil
			}
		}
	}
	// WordPress reads the content of [embed]URL[/embed] (and [video]…,
	// [audio]…) as a URL, so keep a space-free content and its closing tag
	// raw too; otherwise "&" in it would become "&amp;" and "*" emphasis.
	if !closing && !selfClosing {
		n += urlContentLen(line[n:], name)
	}
	block.Advance(n)
	// A "code" String is written out as is; Raw would still escape quotes.
	s := ast.NewString(line[:n])
	s.SetCode(true)
	return s
}

// scanShortcode measures a shortcode tag at the start of line: "[" or "[/",
// a name [A-Za-z][A-Za-z0-9_-]*, then "]", "/]" or whitespace and attributes
// up to the first "]" on the line. n is 0 when line does not start with one.
// Attributes may not hold "[" or "`" so nested brackets and code spans keep
// their Markdown meaning.
func scanShortcode(line []byte) (n int, name []byte, closing, selfClosing bool) {
	i := 1
	if i < len(line) && line[i] == '/' {
		closing = true
		i++
	}
	start := i
	if i >= len(line) || !isASCIILetter(line[i]) {
		return 0, nil, false, false
	}
	for i < len(line) && (isASCIILetter(line[i]) || isASCIIDigit(line[i]) || line[i] == '_' || line[i] == '-') {
		i++
	}
	name = line[start:i]
	if i >= len(line) {
		return 0, nil, false, false
	}
	switch c := line[i]; {
	case c == ']':
		return i + 1, name, closing, false
	case closing:
		return 0, nil, false, false
	case c == '/' && i+1 < len(line) && line[i+1] == ']':
		return i + 2, name, false, true
	case c != ' ' && c != '\t':
		return 0, nil, false, false
	}
	for ; i < len(line); i++ {
		switch line[i] {
		case ']':
			return i + 1, name, false, line[i-1] == '/'
		case '[', '`', '\n', '\r':
			return 0, nil, false, false
		}
	}
	return 0, nil, false, false
}

// urlContentLen returns the length of "content[/name]" at the start of s when
// content is non-empty and has no spaces, brackets or angle brackets; else 0.
func urlContentLen(s, name []byte) int {
	i := bytes.IndexAny(s, " \t\r\n[]`<>")
	if i <= 0 {
		return 0
	}
	end := s[i:]
	if len(end) < len(name)+3 || end[0] != '[' || end[1] != '/' ||
		!bytes.Equal(end[2:2+len(name)], name) || end[2+len(name)] != ']' {
		return 0
	}
	return i + len(name) + 3
}

// isShortcode reports whether n was made by shortcodeParser.
func isShortcode(n ast.Node) bool {
	s, ok := n.(*ast.String)
	return ok && s.IsCode() && len(s.Value) > 0 && s.Value[0] == '['
}

// linkifyGuard wraps GFM's linkify parser. goldmark treats the position right
// after any inline node as a line start, where linkify may begin, so a URL
// glued to a shortcode tag ("[caption]https://…") would become a link,
// which it never is after ordinary text such as "]".
type linkifyGuard struct {
	parser.InlineParser
}

func (g linkifyGuard) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	if isShortcode(parent.LastChild()) {
		line, _ := block.PeekLine()
		// linkify itself steps over one of these before a URL.
		if len(line) == 0 || bytes.IndexByte([]byte(" \t*_~("), line[0]) < 0 {
			return nil
		}
	}
	return g.InlineParser.Parse(parent, block, pc)
}

func isReference(pc parser.Context, label []byte) bool {
	_, ok := pc.Reference(util.ToLinkReference(label))
	return ok
}

func isASCIILetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }
func isASCIIDigit(c byte) bool  { return c >= '0' && c <= '9' }
