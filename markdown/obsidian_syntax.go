package markdown

import (
	"bytes"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Obsidian's formatting (help.obsidian.md, "Basic formatting syntax"):
// %%comments%%, which only the editor shows, and ==highlights==.

// stripComments removes %%…%% comments from a note's body, outside code:
// a comment may span lines and blocks, and one never closed runs to the
// end of the note. Its line breaks stay, so lines keep their numbers.
func (d *obsidianDoc) stripComments(src []byte) []byte {
	if !bytes.Contains(src, []byte("%%")) {
		return src
	}
	code := codeRanges(src) // hugo.go
	inCode := func(off int) bool { return inRanges(code, off) }
	var out bytes.Buffer
	last := 0
	for i := 0; i+1 < len(src); {
		if src[i] != '%' || src[i+1] != '%' || inCode(i) {
			i++
			continue
		}
		end := len(src)
		for j := i + 2; j+1 < len(src); j++ {
			if src[j] == '%' && src[j+1] == '%' && !inCode(j) {
				end = j + 2
				break
			}
		}
		out.Write(src[last:i])
		out.Write(bytes.Repeat([]byte("\n"), bytes.Count(src[i:end], []byte("\n"))))
		last, i = end, end
	}
	out.Write(src[last:])
	return out.Bytes()
}

// KindMark is the kind of Mark nodes.
var KindMark = ast.NewNodeKind("Mark")

// Mark is highlighted text (==text==), written <mark>.
type Mark struct{ ast.BaseInline }

// Kind implements ast.Node.
func (*Mark) Kind() ast.NodeKind { return KindMark }

// Dump implements ast.Node.
func (m *Mark) Dump(src []byte, level int) { ast.DumpHelper(m, src, level, nil, nil) }

// markDelimiters pairs "==" like goldmark's strikethrough pairs "~~".
type markDelimiters struct{}

func (markDelimiters) IsDelimiter(b byte) bool { return b == '=' }
func (markDelimiters) CanOpenCloser(opener, closer *parser.Delimiter) bool {
	return opener.Char == closer.Char
}
func (markDelimiters) OnMatch(int) ast.Node { return &Mark{} }

// markParser reads ==text== in a vault's notes.
type markParser struct{}

func (markParser) Trigger() []byte { return []byte{'='} }

func (markParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	if obsidianOf(pc) == nil {
		return nil
	}
	before := block.PrecendingCharacter()
	line, seg := block.PeekLine()
	node := parser.ScanDelimiter(line, before, 2, markDelimiters{})
	if node == nil || node.OriginalLength != 2 || before == '=' {
		return nil
	}
	node.Segment = seg.WithStop(seg.Start + node.OriginalLength)
	block.Advance(node.OriginalLength)
	pc.PushDelimiter(node)
	return node
}

// markRenderer writes Mark nodes.
type markRenderer struct{}

func (markRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindCallout, renderCallout)
	reg.Register(KindMark, func(w util.BufWriter, _ []byte, _ ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			_, _ = w.WriteString("<mark>")
		} else {
			_, _ = w.WriteString("</mark>")
		}
		return ast.WalkContinue, nil
	})
}

// obsidianRenderers are the renderers of the Obsidian dialect's nodes,
// which every renderer has (the nodes come from its parser only).
func obsidianRenderers() []util.PrioritizedValue {
	return []util.PrioritizedValue{util.Prioritized(markRenderer{}, 500)}
}

// Callouts (help.obsidian.md, "Callouts"): a quote whose first line is
// [!type] Title, [!type]- Title (folded) or [!type]+ Title (foldable,
// open) is a box with its title. One that does not fold is a Group block
// (a <div> in the classic format) whose first paragraph, of class
// callout-title, is its title in bold; a foldable one a Details block
// (<details>, its title the <summary>), or a Group block on a WordPress
// without one (before 6.3, Markup.NoDetails). Their classes keep the type
// — "callout callout-tip", and "is-folded" for a folded one shown as a
// Group — for a theme to style. The node serves other dialects'
// admonitions as well.

// KindCallout is the kind of Callout nodes.
var KindCallout = ast.NewNodeKind("Callout")

// Callout is a box with a title; its children are its content.
type Callout struct {
	ast.BaseBlock
	// Variant is the callout's type, lower-cased: note, tip, warning…
	Variant string
	// Title is its title, plain text.
	Title string
	// Fold is '-' for a folded callout, '+' for a foldable open one, 0
	// for one that does not fold.
	Fold byte
}

// Kind implements ast.Node.
func (*Callout) Kind() ast.NodeKind { return KindCallout }

// Dump implements ast.Node.
func (c *Callout) Dump(src []byte, level int) {
	ast.DumpHelper(c, src, level, map[string]string{"Variant": c.Variant, "Title": c.Title}, nil)
}

// Class is the callout's class names; asGroup adds is-folded to a folded
// one shown as a Group.
func (c *Callout) Class(asGroup bool) string {
	class := "callout callout-" + c.Variant
	if c.Fold == '-' && asGroup {
		class += " is-folded"
	}
	return class
}

// calloutRe is a callout's first line.
var calloutRe = regexp.MustCompile(`^\[!([A-Za-z][\w-]*)\]([+-]?)[ \t]*(.*)$`)

// callout turns the quote q into a callout when its first line says so.
func callout(q *ast.Blockquote, src []byte) {
	p, ok := q.FirstChild().(*ast.Paragraph)
	if !ok || p.Lines().Len() == 0 {
		return
	}
	first := p.Lines().At(0)
	m := calloutRe.FindSubmatch(bytes.TrimSpace(first.Value(src)))
	if m == nil {
		return
	}
	c := &Callout{Variant: strings.ToLower(string(m[1]))}
	if len(m[2]) > 0 {
		c.Fold = m[2][0]
	}
	// The title's inline nodes are those of the first line: its text is
	// the title, and they leave the paragraph.
	title := ast.NewParagraph()
	for n := p.FirstChild(); n != nil; {
		next := n.NextSibling()
		p.RemoveChild(p, n)
		title.AppendChild(title, n)
		if t, ok := n.(*ast.Text); ok && (t.SoftLineBreak() || t.HardLineBreak()) {
			break
		}
		n = next
	}
	c.Title = strings.TrimSpace(strings.TrimPrefix(plainText(title, src), string(bytes.TrimSpace(m[0][:len(m[0])-len(m[3])]))))
	if c.Title == "" {
		c.Title = strings.ToUpper(c.Variant[:1]) + c.Variant[1:] // as Obsidian titles it
	}
	if p.ChildCount() == 0 {
		q.RemoveChild(q, p)
	}
	for n := q.FirstChild(); n != nil; {
		next := n.NextSibling()
		c.AppendChild(c, n)
		n = next
	}
	q.Parent().ReplaceChild(q.Parent(), q, c)
}

// renderCallout writes a callout in the classic format.
func renderCallout(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	c := n.(*Callout)
	switch {
	case entering && c.Fold != 0:
		_, _ = w.WriteString(`<details class="` + c.Class(false) + `"` + openAttr(c) + "><summary>")
		writeRichText(w, []byte(c.Title), false)
		_, _ = w.WriteString("</summary>\n")
	case entering:
		_, _ = w.WriteString(`<div class="` + c.Class(false) + `">` + "\n" + `<p class="callout-title"><strong>`)
		writeRichText(w, []byte(c.Title), false)
		_, _ = w.WriteString("</strong></p>\n")
	case c.Fold != 0:
		_, _ = w.WriteString("</details>\n")
	default:
		_, _ = w.WriteString("</div>\n")
	}
	return ast.WalkContinue, nil
}

// openAttr is the open attribute of a foldable callout that is open.
func openAttr(c *Callout) string {
	if c.Fold == '+' {
		return " open"
	}
	return ""
}

// callout writes a callout as a Details or a Group block.
func (b *blockWriter) callout(c *Callout) {
	if c.Fold != 0 && !b.opts.Markup.NoDetails {
		var attrs []attr
		if c.Fold == '+' {
			attrs = append(attrs, attr{"showContent", true})
		}
		attrs = append(attrs, attr{"className", c.Class(false)})
		b.open("details", attrs...)
		b.str(`<details class="wp-block-details `, c.Class(false), `"`, openAttr(c), "><summary>")
		writeRichText(b.w, []byte(c.Title), false)
		b.str("</summary>")
		b.blocks(c)
		b.str("</details>")
		b.close("details")
		return
	}
	b.open("group", attr{"className", c.Class(true)})
	b.str(`<div class="wp-block-group `, c.Class(true), `">`)
	b.open("paragraph", attr{"className", "callout-title"})
	b.str(`<p class="callout-title"><strong>`)
	writeRichText(b.w, []byte(c.Title), false)
	b.str("</strong></p>")
	b.close("paragraph")
	if c.FirstChild() != nil {
		b.str("\n\n")
	}
	b.blocks(c)
	b.str("</div>")
	b.close("group")
}

// imageSize is the size in pixels a picture was given (Obsidian's
// ![[x.png|300x200]]: its width and height attributes); 0 for none.
func imageSize(img *ast.Image) (width, height int) {
	num := func(name string) int {
		v, ok := img.AttributeString(name)
		if !ok {
			return 0
		}
		b, _ := v.([]byte)
		n, err := strconv.Atoi(string(b))
		if err != nil || n <= 0 {
			return 0
		}
		return n
	}
	return num("width"), num("height")
}

// sizeAttrs adds an Image block's size to its attributes and returns
// what its <img> says of it, as the editor of the site saves it
// (Markup.NumericImageSizes): width="300" height="200" then, today
// style="width:300px;height:auto" (the height the picture's own when
// only the width is given); "" when the picture has no size.
func (b *blockWriter) sizeAttrs(attrs *[]attr, width, height int) string {
	if width == 0 && height == 0 {
		return ""
	}
	var img strings.Builder
	if b.opts.Markup.NumericImageSizes {
		if width > 0 {
			*attrs = append(*attrs, attr{"width", width})
			img.WriteString(` width="` + strconv.Itoa(width) + `"`)
		}
		if height > 0 {
			*attrs = append(*attrs, attr{"height", height})
			img.WriteString(` height="` + strconv.Itoa(height) + `"`)
		}
		return img.String()
	}
	css := func(n int) string {
		if n == 0 {
			return "auto"
		}
		return strconv.Itoa(n) + "px"
	}
	if width > 0 {
		*attrs = append(*attrs, attr{"width", css(width)})
	}
	if height > 0 {
		*attrs = append(*attrs, attr{"height", css(height)})
	}
	return ` style="width:` + css(width) + `;height:` + css(height) + `"`
}

// Inline tags (help.obsidian.md, "Tags"): #tag after a space or at the
// start of a line, of letters, digits, "_", "-" and "/" (nested tags),
// not only digits. Each is a tag of the post (Vault.Tags), and stays in
// the text as written, where Obsidian shows it.

// tagParser reads #tags in a vault's notes.
type tagParser struct{}

func (tagParser) Trigger() []byte { return []byte{'#'} }

func (tagParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	d := obsidianOf(pc)
	if d == nil || !d.vault.Tags {
		return nil
	}
	if before := block.PrecendingCharacter(); before != '\n' && !unicode.IsSpace(before) {
		return nil
	}
	line, _ := block.PeekLine()
	tag := inlineTag(line[1:])
	if tag != "" && !slices.ContainsFunc(d.tags, func(t string) bool { return strings.EqualFold(t, tag) }) {
		d.tags = append(d.tags, tag)
	}
	return nil // the text stays
}

// inlineTag is the tag at the start of s (after its "#"), "" for none.
func inlineTag(s []byte) string {
	end, letter := 0, false
	for end < len(s) {
		r, n := utf8.DecodeRune(s[end:])
		switch {
		case unicode.IsLetter(r) || unicode.IsMark(r) || r == '_' || r == '-' || r == '/':
			letter = true
		case unicode.IsDigit(r):
		default:
			goto done
		}
		end += n
	}
done:
	if !letter {
		return ""
	}
	return strings.Trim(string(s[:end]), "/")
}

// withTags adds the note's inline tags to those of its front matter.
func (d *obsidianDoc) withTags(tags []string) []string {
	for _, t := range d.tags {
		if !slices.ContainsFunc(tags, func(s string) bool { return strings.EqualFold(s, t) }) {
			tags = append(tags, t)
		}
	}
	return tags
}
