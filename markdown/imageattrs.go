package markdown

import (
	"bytes"
	"regexp"
	"strconv"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// Image block attributes in Markdown
//
// A picture the block editor inserts carries attributes Markdown has no
// word for: the size picked in the editor (sizeSlug, which save() writes
// as the figure's size-large class) and where the picture links to
// (linkDestination). `wpsync pull` writes them in an attribute list right
// after the image, in the {key=value} form of goldmark's, Pandoc's and
// markdown-it-attrs' attribute lists, with the block attributes' own
// names:
//
//	![A cat](cat.jpg "The caption"){sizeSlug=large linkDestination=none}
//
// so a picture alone in its paragraph renders back to the Image block the
// editor saved, and an edit elsewhere in the file keeps the size. Only a
// list made of these attributes, right after an image, is read; any other
// braces stay text.

// imageBlockAttrs are the Image block attributes an attribute list may set
// in the blocks format, in the order of the block type's attribute list
// (image/block.json), each with the values it may take.
var imageBlockAttrs = []imageAttr{
	{"sizeSlug", sizeSlug},
	{"linkDestination", regexp.MustCompile(`^(none|media|attachment|custom)$`)},
}

// captionAttrs are what an attribute list may set in the classic format,
// where a captioned picture is WordPress's [caption] shortcode (caption.go).
var captionAttrs = []imageAttr{
	{"align", regexp.MustCompile(`^(none|left|center|right)$`)},
	{"width", pixels},
	{"height", pixels},
	{"sizeSlug", sizeSlug},
}

type imageAttr struct {
	name  string
	valid *regexp.Regexp
}

var (
	sizeSlug = regexp.MustCompile(`^[A-Za-z0-9_-]+$`)
	pixels   = regexp.MustCompile(`^[1-9][0-9]{0,5}$`)
)

// formatKey holds the format a document is parsed for (Options.Format):
// what an attribute list after an image may say depends on it.
var formatKey = parser.NewContextKey()

// parseDoc parses src in the dialect of opts, for its format.
func parseDoc(src []byte, opts Options) ast.Node {
	pc := parser.NewContext()
	pc.Set(formatKey, opts.Format)
	pc.Set(headingIDsKey, opts.headingIDs) // headingids.go
	if opts.docusaurus != nil {
		pc.Set(headingIDsExplicitKey, opts.docusaurus.anchorOf(src)) // headingids.go
	}
	p := parserFor(opts)
	if opts.obsidian != nil { // an Obsidian vault's note (obsidian_links.go)
		pc.Set(obsidianKey, opts.obsidian)
		p = obsidianMD.Parser()
	}
	if m := opts.mathSyntax(); !m.empty() {
		p = mathParser(opts, m) // mathsyntax.go
	}
	doc := p.Parse(text.NewReader(src), parser.WithContext(pc))
	if opts.docusaurus != nil {
		opts.docusaurus.transform(doc, src) // docusaurus.go
	}
	alerts(doc, src, opts.alerts) // alerts.go
	return doc
}

// imageAttrs reads "{sizeSlug=large linkDestination=none}" right after an
// image: the image gets the attributes.
type imageAttrs struct{}

func (imageAttrs) Trigger() []byte { return []byte{'{'} }

func (imageAttrs) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	img, ok := parent.LastChild().(*ast.Image)
	if !ok {
		return nil
	}
	line, _ := block.PeekLine()
	if bytes.HasPrefix(line, []byte("{:")) { // kramdown's (kramdown.go)
		return nil
	}
	known := imageBlockAttrs
	if f, _ := pc.Get(formatKey).(string); f != FormatBlocks {
		if len(bytes.TrimSpace(img.Title)) == 0 {
			return nil // only a caption has a form for them
		}
		known = captionAttrs
	}
	saved, pos := block.Position()
	attrs, ok := parser.ParseAttributes(block)
	if !ok || len(attrs) == 0 {
		block.SetPosition(saved, pos)
		return nil
	}
	for _, a := range attrs {
		if imageAttrValue(known, a.Name, a.Value) == "" {
			block.SetPosition(saved, pos)
			return nil
		}
	}
	for _, a := range attrs {
		img.SetAttribute(a.Name, []byte(imageAttrValue(known, a.Name, a.Value)))
	}
	// Nothing to show; an empty text node keeps the inline tree valid.
	return ast.NewString(nil)
}

// imageAttrValue is the value of an attribute of known, or "" when name is
// none of them or value not one it takes.
func imageAttrValue(known []imageAttr, name []byte, value any) string {
	var v string
	switch value := value.(type) {
	case []byte:
		v = string(value)
	case float64:
		v = strconv.FormatFloat(value, 'f', -1, 64)
	default:
		return ""
	}
	for _, a := range known {
		if string(name) == a.name && a.valid.MatchString(v) {
			return v
		}
	}
	return ""
}

// imageAttributes are the attributes of known an image was given
// (imageAttrs), in known's order.
func imageAttributes(img *ast.Image, known []imageAttr) []attr {
	var out []attr
	for _, a := range known {
		if v, ok := img.AttributeString(a.name); ok {
			if s := imageAttrValue(known, []byte(a.name), v); s != "" {
				out = append(out, attr{a.name, s})
			}
		}
	}
	return out
}

// imageBlockAttributes are the Image block attributes an image was given.
func imageBlockAttributes(img *ast.Image) []attr { return imageAttributes(img, imageBlockAttrs) }

// Table block attributes in Markdown
//
// A table the block editor makes has a fixed layout (WordPress 6.2 and
// later: hasFixedLayout defaults to true, and save() writes the
// has-fixed-layout class, columns of equal width), while a Markdown table
// sizes its columns to the content. `wpsync pull` writes a fixed layout as
// an attribute list on the line right under the table, where Hugo's
// Markdown attributes put a table's:
//
//	| a | b |
//	|---|---|
//	| 1 | 2 |
//	{hasFixedLayout=true}
//
// Only that attribute is read there, on a line without a pipe; any other
// line stays a table row.

// tableAttrs reads a table attribute list under a table. goldmark's table
// parser makes that line a row of one cell (it holds no pipe): the row is
// taken out and the table gets the attribute. Any other row stays.
type tableAttrs struct{}

func (tableAttrs) Transform(doc *ast.Document, reader text.Reader, _ parser.Context) {
	src := reader.Source()
	var tables []*east.Table
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if t, ok := n.(*east.Table); ok && entering {
			tables = append(tables, t)
		}
		return ast.WalkContinue, nil
	})
	for _, t := range tables {
		row, ok := t.LastChild().(*east.TableRow)
		if !ok || row == t.FirstChild() {
			continue
		}
		cell, ok := row.FirstChild().(*east.TableCell)
		if !ok || cell.Lines().Len() != 1 {
			continue
		}
		empty := true
		for c := cell.NextSibling(); c != nil; c = c.NextSibling() {
			empty = empty && c.Lines().Len() == 0
		}
		seg := cell.Lines().At(0)
		line := seg.Value(src)
		if !empty || bytes.ContainsRune(sourceLine(src, seg.Start), '|') {
			continue
		}
		attrs, ok := parser.ParseAttributes(text.NewReader(line))
		if !ok || len(attrs) != 1 || string(attrs[0].Name) != string(fixedLayoutAttr) {
			continue
		}
		if fixed, ok := attrs[0].Value.(bool); ok {
			t.RemoveChild(t, row)
			t.SetAttribute(fixedLayoutAttr, fixed)
		}
	}
}

// sourceLine is the line of src that offset i is on.
func sourceLine(src []byte, i int) []byte {
	start := bytes.LastIndexByte(src[:i], '\n') + 1
	end := bytes.IndexByte(src[i:], '\n')
	if end < 0 {
		return src[start:]
	}
	return src[start : i+end]
}

// fixedLayoutAttr marks a table's hasFixedLayout, set by tableAttrs.
var fixedLayoutAttr = []byte("hasFixedLayout")

// fixedLayout reports the hasFixedLayout an attribute list gave t, and
// whether it gave one.
func fixedLayout(t *east.Table) (fixed, set bool) {
	v, ok := t.AttributeString(string(fixedLayoutAttr))
	if !ok {
		return false, false
	}
	fixed, ok = v.(bool)
	return fixed, ok
}
