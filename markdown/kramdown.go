package markdown

import (
	"bytes"
	"strconv"
	"strings"
	"unicode"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"golang.org/x/net/html"
)

// kramdown, Jekyll's Markdown, as Jekyll shows it
//
// kramdown reads three things CommonMark does not, which Jekyll sites (and
// their themes' documentation) lean on:
//
//   - inline attribute lists (IALs): a line "{: .class #id key="v"}" right
//     under a block gives that block its attributes, and "{: .btn}" right
//     after a link, image, emphasis or code span gives them to that span;
//   - "{:toc}" under a one-item list ("1. TOC") replaces the list with a
//     table of contents: a list of links to the headings;
//   - an HTML block ends at its closing tag, so a code fence on the very
//     next line is code (CommonMark ends an HTML block only at a blank
//     line, and would keep the fence as HTML).
//
// The attributes are read by goldmark's own attribute parser
// (parser.ParseAttributes, the one behind parser.WithAttribute), with
// kramdown's ":" after the brace taken off; what it cannot read (kramdown's
// references to attribute list definitions, "{: toc}" aside) is dropped, so
// no "{:" ever reaches readers. The "{:" form is kramdown's alone, so this
// holds for every file, whatever its generator.

// tocAttr marks the block a "{:toc}" was under; tocTransformer replaces
// that list, so the marker is never rendered.
var tocAttr = []byte("data-wpsync-toc")

// ial reads a kramdown inline attribute list that is all of line (spaces
// around aside): its attributes (nil when there are none goldmark can
// read) and whether it names the table of contents. ok is false when line
// is no attribute list.
func ial(line []byte) (attrs parser.Attributes, toc, ok bool) {
	line = bytes.TrimSpace(line)
	if !bytes.HasPrefix(line, []byte("{:")) || !bytes.HasSuffix(line, []byte("}")) || bytes.Count(line, []byte("}")) != 1 {
		return nil, false, false
	}
	inner := bytes.TrimSpace(line[2 : len(line)-1])
	// Bare words are references to attribute list definitions; the one
	// every Jekyll theme uses is toc.
	var rest [][]byte
	for _, f := range bytes.Fields(inner) {
		if string(f) == "toc" {
			toc = true
			continue
		}
		rest = append(rest, f)
	}
	if len(rest) > 0 {
		a, read := parser.ParseAttributes(text.NewReader(append(append([]byte("{"), bytes.Join(rest, []byte(" "))...), '}')))
		if read {
			attrs = a
		}
	}
	return attrs, toc, true
}

// ialParagraphs applies the block IALs: it runs when goldmark closes a
// paragraph, before its inlines are parsed, so the attribute list's line
// is taken out of the paragraph as a link reference definition would be.
type ialParagraphs struct{}

func (ialParagraphs) Transform(p *ast.Paragraph, reader text.Reader, pc parser.Context) {
	lines := p.Lines()
	if lines.Len() == 0 {
		return
	}
	src := reader.Source()
	last := lines.At(lines.Len() - 1)
	attrs, toc, ok := ial(last.Value(src))
	if !ok {
		return
	}
	if lines.Len() > 1 {
		// "text\n{: .lead}": the paragraph's own attributes; "1. TOC\n
		// {:toc}" marks the list the paragraph is in (a tight list's
		// paragraphs are replaced later, their attributes with them).
		lines.SetSliced(0, lines.Len()-1)
		target := ast.Node(p)
		if toc {
			if item, ok := p.Parent().(*ast.ListItem); ok {
				target = item.Parent()
			}
		}
		setAttributes(target, attrs, toc)
		return
	}
	// A line of its own applies to the block before it (a heading, a
	// list, a code block); with none it applies to nothing.
	if prev := p.PreviousSibling(); prev != nil {
		setAttributes(prev, attrs, toc)
	}
	p.Parent().RemoveChild(p.Parent(), p)
}

// setAttributes gives n the attributes of an IAL (classes add up, as in
// kramdown).
func setAttributes(n ast.Node, attrs parser.Attributes, toc bool) {
	for _, a := range attrs {
		if string(a.Name) == "class" {
			if old, ok := n.AttributeString("class"); ok {
				if b, ok := old.([]byte); ok {
					n.SetAttribute(a.Name, append(append(append([]byte(nil), b...), ' '), a.Value.([]byte)...))
					continue
				}
			}
		}
		n.SetAttribute(a.Name, a.Value)
	}
	if toc {
		n.SetAttribute(tocAttr, true)
	}
}

// ialSpans reads "{: …}" right after a span: the span gets the attributes.
// After plain text (which has no element to carry them) the list is
// dropped.
type ialSpans struct{}

func (ialSpans) Trigger() []byte { return []byte{'{'} }

func (ialSpans) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, _ := block.PeekLine()
	if !bytes.HasPrefix(line, []byte("{:")) {
		return nil
	}
	end := bytes.IndexByte(line, '}')
	if end < 0 {
		return nil
	}
	attrs, toc, ok := ial(line[:end+1])
	if !ok {
		return nil
	}
	block.Advance(end + 1)
	switch prev := parent.LastChild(); prev.(type) {
	case *ast.Link, *ast.Image, *ast.Emphasis, *ast.CodeSpan:
		setAttributes(prev, attrs, toc)
	}
	// Nothing to show; an empty text node keeps the inline tree valid.
	return ast.NewString(nil)
}

// tocTransformer replaces a list marked "{:toc}" with the table of
// contents kramdown makes: a list, nested by level, of links to the
// headings after the title that are not marked .no_toc. Those headings get
// the ids kramdown gives them, so the links lead somewhere.
type tocTransformer struct{}

func (tocTransformer) Transform(doc *ast.Document, reader text.Reader, _ parser.Context) {
	var marked []ast.Node
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			if _, ok := n.AttributeString(string(tocAttr)); ok {
				marked = append(marked, n)
			}
		}
		return ast.WalkContinue, nil
	})
	if len(marked) == 0 {
		return
	}
	src := reader.Source()
	type entry struct {
		level int
		id    string
		title ast.Node
	}
	var heads []entry
	ids := map[string]int{}
	for c := doc.FirstChild(); c != nil; c = c.NextSibling() {
		h, ok := c.(*ast.Heading)
		if !ok {
			continue
		}
		if class, ok := h.AttributeString("class"); ok {
			if cls, ok := class.([]byte); ok && hasClass(cls, "no_toc") {
				continue
			}
		}
		id := ""
		if v, ok := h.AttributeString("id"); ok {
			id, _ = v.(string)
			if b, isBytes := v.([]byte); isBytes {
				id = string(b)
			}
		}
		if id == "" {
			id = kramdownID(plainText(h, src), ids)
			h.SetAttribute([]byte("id"), []byte(id))
		}
		heads = append(heads, entry{h.Level, id, h})
	}
	for _, m := range marked {
		m.RemoveAttributes()
		// The list the marker sits in: a list item's paragraph, the item
		// or the list itself.
		var list ast.Node
		for n := m; n != nil && n != doc; n = n.Parent() {
			if _, ok := n.(*ast.List); ok {
				list = n
				break
			}
		}
		if list == nil {
			continue
		}
		parent := list.Parent()
		if len(heads) == 0 {
			parent.RemoveChild(parent, list)
			continue
		}
		ordered := list.(*ast.List).IsOrdered()
		newList := func() *ast.List {
			l := ast.NewList('-')
			if ordered {
				l = ast.NewList('.')
				l.Start = 1
			}
			l.IsTight = true
			return l
		}
		root := newList()
		stack := []*ast.List{root}
		levels := []int{heads[0].level}
		for _, h := range heads {
			for len(stack) > 1 && h.level < levels[len(levels)-1] {
				stack, levels = stack[:len(stack)-1], levels[:len(levels)-1]
			}
			if h.level > levels[len(levels)-1] && stack[len(stack)-1].LastChild() != nil {
				sub := newList()
				stack[len(stack)-1].LastChild().AppendChild(stack[len(stack)-1].LastChild(), sub)
				stack, levels = append(stack, sub), append(levels, h.level)
			}
			item := ast.NewListItem(0)
			tb := ast.NewTextBlock()
			link := ast.NewLink()
			link.Destination = []byte("#" + h.id)
			link.AppendChild(link, ast.NewString([]byte(plainText(h.title, src))))
			tb.AppendChild(tb, link)
			item.AppendChild(item, tb)
			cur := stack[len(stack)-1]
			cur.AppendChild(cur, item)
		}
		parent.ReplaceChild(parent, list, root)
	}
}

// hasClass reports whether a class attribute holds name.
func hasClass(class []byte, name string) bool {
	for _, c := range strings.Fields(string(class)) {
		if c == name {
			return true
		}
	}
	return false
}

// kramdownID is the id kramdown's auto_ids give a heading: lower case,
// letters, digits, spaces, "-" and "_" kept, spaces to "-", a leading
// non-letter dropped; repeats numbered -1, -2, …
func kramdownID(title string, seen map[string]int) string {
	var b strings.Builder
	for _, r := range strings.ToLower(title) {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || r == '-' || r == '_':
			b.WriteRune(r)
		case r == ' ':
			b.WriteByte('-')
		}
	}
	id := strings.TrimLeftFunc(b.String(), func(r rune) bool { return !unicode.IsLetter(r) })
	if id == "" {
		id = "section"
	}
	if n, ok := seen[id]; ok {
		seen[id] = n + 1
		id += "-" + strconv.Itoa(n+1)
	} else {
		seen[id] = 0
	}
	return id
}

// htmlThenFence is goldmark's HTML block parser, except that an HTML block
// of the kinds that end at a blank line (<div>, any tag on a line of its
// own) also ends, as in kramdown, before a code fence that follows the
// line closing the block's elements. A fence there is code in Jekyll and
// in every other renderer that ends HTML at its closing tag; as HTML it
// would show the fence's backticks and run the code it shows.
type htmlThenFence struct{ parser.BlockParser }

// It also reads kramdown's markdown="1": an HTML block opened by a tag with
// that attribute ends with its first line, so what follows up to the
// closing tag is Markdown, as kramdown renders it (CommonMark would keep it
// as HTML up to the next blank line).
func (p htmlThenFence) Continue(node ast.Node, reader text.Reader, pc parser.Context) parser.State {
	h := node.(*ast.HTMLBlock)
	if h.HTMLBlockType == ast.HTMLBlockType6 || h.HTMLBlockType == ast.HTMLBlockType7 {
		if first := h.Lines().At(0); h.Lines().Len() == 1 && markdownInside(first.Value(reader.Source())) {
			return parser.Close
		}
		line, _ := reader.PeekLine()
		if isFenceOpener(line) && htmlDepth(htmlBlockText(h, reader.Source())) <= 0 {
			return parser.Close
		}
	}
	return p.BlockParser.Continue(node, reader, pc)
}

// markdownInside reports whether line opens an element with kramdown's
// markdown="1" (or "block") and nothing after it.
func markdownInside(line []byte) bool {
	z := html.NewTokenizer(bytes.NewReader(bytes.TrimSpace(line)))
	if z.Next() != html.StartTagToken {
		return false
	}
	_, hasAttr := z.TagName()
	found := false
	for hasAttr {
		var k, v []byte
		k, v, hasAttr = z.TagAttr()
		if string(k) == "markdown" && (string(v) == "1" || string(v) == "block") {
			found = true
		}
	}
	return found && z.Next() == html.ErrorToken // the tag ends the line
}

// isFenceOpener reports whether line opens a fenced code block: up to three
// spaces, then three or more backticks or tildes.
func isFenceOpener(line []byte) bool {
	i := 0
	for i < 3 && i < len(line) && line[i] == ' ' {
		i++
	}
	rest := line[i:]
	return bytes.HasPrefix(rest, []byte("```")) || bytes.HasPrefix(rest, []byte("~~~"))
}
