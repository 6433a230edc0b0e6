package markdown

import (
	"bytes"
	"fmt"
	"net/url"
	"path"
	"regexp"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Obsidian's links and embeds (help.obsidian.md, "Internal links",
// "Embed files"): [[Note]], [[Note|text]], [[Note#Heading]],
// [[Note#^block]], [[#Heading]]; ![[picture.png]], ![[picture.png|300]],
// ![[picture.png|300x200]], ![[file.pdf]], ![[Note]]. Each becomes the
// Markdown link or picture it means, to the path of the file the vault
// finds (Vault.Note, Vault.File): the engine then resolves it as any link
// between files — a note's post's permalink, an uploaded picture.

// obsidianKey holds, in a parse's context, the document being read
// (*obsidianDoc): the parser itself is built once for every vault.
var obsidianKey = parser.NewContextKey()

// obsidianDoc is what the Obsidian parsers know of the note they read.
type obsidianDoc struct {
	vault *Vault
	file  string // the note, relative to the synced folder
	refs  *refCollector
	tags  []string // inline #tags, in order, once each
	// said holds the note embeds (their text inside ![[…]]) whose
	// warning expandEmbeds gave; added is how many lines it added.
	said  map[string]bool
	added int
}

// obsidianOf returns the note a parse reads, nil when the file is not in
// a vault.
func obsidianOf(pc parser.Context) *obsidianDoc {
	d, _ := pc.Get(obsidianKey).(*obsidianDoc)
	return d
}

// warn adds a warning on the line of offset off.
func (d *obsidianDoc) warn(src []byte, off int, key, msg string) {
	if d.refs == nil {
		return
	}
	d.refs.warn("obsidian\x00"+key, fmt.Sprintf("line %d: %s", d.refs.line(src, off), msg))
}

// wikilinkPriority runs before the shortcode parser (150), which would
// read "[[x]]" as an escaped shortcode, and the link parser (200).
const wikilinkPriority = 140

// wikilinkParser reads [[…]] and ![[…]] in a vault's notes.
type wikilinkParser struct{}

func (wikilinkParser) Trigger() []byte { return []byte{'!', '['} }

// sizeRe is an embed's size: |300 or |300x200 (pixels).
var sizeRe = regexp.MustCompile(`^\s*(\d+)(?:\s*x\s*(\d+))?\s*$`)

func (wikilinkParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	d := obsidianOf(pc)
	if d == nil {
		return nil
	}
	line, seg := block.PeekLine()
	i := 0
	embed := len(line) > 0 && line[0] == '!'
	if embed {
		i = 1
	}
	if !bytes.HasPrefix(line[i:], []byte("[[")) {
		return nil
	}
	end := bytes.Index(line[i+2:], []byte("]]"))
	if end <= 0 {
		return nil
	}
	inner := string(line[i+2 : i+2+end])
	if strings.ContainsAny(inner, "[]") {
		return nil
	}
	block.Advance(i + 2 + end + 2)
	// In a table a "|" is written "\|".
	inner = strings.ReplaceAll(inner, `\|`, "|")
	target, label, labelled := strings.Cut(inner, "|")
	name, frag, _ := strings.Cut(target, "#")
	name = strings.TrimSpace(name)
	src := block.Source()
	if embed {
		return d.embed(src, seg.Start, strings.TrimSpace(inner), name, frag, label, labelled)
	}
	if !labelled {
		// As Obsidian shows it: "Note > Heading", "Heading".
		label = strings.TrimSpace(strings.ReplaceAll(strings.Trim(target, "#"), "#", " > "))
		if name == "" {
			label = strings.TrimSpace(strings.TrimPrefix(lastPart(frag), "^"))
		}
	}
	anchor := ""
	if frag != "" {
		anchor = "#" + HeadingAnchor(strings.TrimSpace(lastPart(frag)))
	}
	if name == "" {
		return newTextLink(anchor, label)
	}
	if p, ok := d.vault.Note(d.file, name); ok {
		if d.vault.Unpublished(p) {
			d.warn(src, seg.Start, "unpublished "+p, fmt.Sprintf("[[%s]] links to %s, which says publish: false: shown as its text", inner, p))
			return ast.NewString([]byte(label))
		}
		return newTextLink(relPath(d.file, p)+anchor, label)
	}
	if p, ok := d.vault.File(d.file, name); ok {
		return newTextLink(relPath(d.file, p), label)
	}
	d.warn(src, seg.Start, "missing "+name, fmt.Sprintf("[[%s]] names no note of the vault: shown as its text", inner))
	return ast.NewString([]byte(label))
}

// lastPart is the last heading of a fragment that names a heading inside
// a heading ("Note#A#B" links to B).
func lastPart(frag string) string {
	if i := strings.LastIndexByte(frag, '#'); i >= 0 {
		return frag[i+1:]
	}
	return frag
}

// embed is ![[…]]: a picture at its size, a link to another file, a link
// to a note.
func (d *obsidianDoc) embed(src []byte, off int, inner, name, frag, label string, labelled bool) ast.Node {
	if p, ok := d.vault.File(d.file, name); ok {
		if !IsPicturePath(p) {
			text := path.Base(p)
			if labelled && !sizeRe.MatchString(label) {
				text = label
			}
			return newTextLink(relPath(d.file, p), text)
		}
		img := ast.NewImage(ast.NewLink())
		img.Destination = []byte(relPath(d.file, p))
		if labelled {
			if m := sizeRe.FindStringSubmatch(label); m != nil {
				img.SetAttributeString("width", []byte(m[1]))
				if m[2] != "" {
					img.SetAttributeString("height", []byte(m[2]))
				}
			} else {
				img.AppendChild(img, ast.NewString([]byte(strings.TrimSpace(label))))
			}
		}
		return img
	}
	p, ok := d.vault.Note(d.file, name)
	if name == "" && frag != "" {
		p, ok = d.file, true // ![[#Heading]]: a section of the note itself
	}
	if ok && !d.vault.Unpublished(p) {
		anchor := ""
		if frag != "" {
			anchor = "#" + HeadingAnchor(strings.TrimSpace(lastPart(frag)))
		}
		text := strings.TrimSpace(strings.ReplaceAll(strings.Trim(strings.SplitN(inner, "|", 2)[0], "#"), "#", " > "))
		if !d.said[inner] {
			d.warn(src, off, "embed "+inner, fmt.Sprintf("![[%s]] embeds a note inside a paragraph: written as a link to it (put the embed on a line of its own to show the note in place)", inner))
		}
		if name == "" {
			return newTextLink(anchor, text)
		}
		return newTextLink(relPath(d.file, p)+anchor, text)
	}
	d.warn(src, off, "missing "+name, fmt.Sprintf("![[%s]] names no file of the vault: left out", inner))
	return ast.NewString(nil)
}

// newTextLink is a link to dest whose text is label.
func newTextLink(dest, label string) *ast.Link {
	l := ast.NewLink()
	l.Destination = []byte(dest)
	l.AppendChild(l, ast.NewString([]byte(label)))
	return l
}

// obsidianTransformer gives a vault's notes what Obsidian gives them once
// parsed: ids on headings (the anchors of [[Note#Heading]]), block ids
// (^id) as anchors, and Markdown pictures and links found by name.
type obsidianTransformer struct{}

func (obsidianTransformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	d := obsidianOf(pc)
	if d == nil {
		return
	}
	src := reader.Source()
	used := map[string]bool{}
	var blockIDs []ast.Node
	var quotes []*ast.Blockquote
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Heading:
			if _, ok := n.AttributeString("id"); !ok {
				id := HeadingAnchor(plainText(n, src))
				if id != "" {
					base := id
					for k := 1; used[id]; k++ {
						id = fmt.Sprintf("%s-%d", base, k)
					}
					used[id] = true
					n.SetAttributeString("id", []byte(id))
				}
			}
		case *ast.Paragraph, *ast.TextBlock:
			blockIDs = append(blockIDs, n)
		case *ast.Blockquote:
			quotes = append(quotes, n)
		case *ast.Image:
			d.findByName(&n.Destination, true)
		case *ast.Link:
			d.findByName(&n.Destination, false)
		}
		return ast.WalkContinue, nil
	})
	for _, n := range blockIDs {
		d.blockID(n, src)
	}
	for i := len(quotes) - 1; i >= 0; i-- {
		callout(quotes[i], src) // obsidian_syntax.go
	}
}

// blockIDRe is a block id at the end of a block: " ^id".
var blockIDRe = regexp.MustCompile(`(?:^|[ \t])\^([A-Za-z0-9-]+)[ \t]*$`)

// blockID takes a block id (^id) off the end of a paragraph or list
// item's text and makes it the paragraph's id; a paragraph of only a
// block id gives it to the block before (a list, a quote, a table), as
// Obsidian reads one written on the line after them.
func (d *obsidianDoc) blockID(n ast.Node, src []byte) {
	last, ok := n.LastChild().(*ast.Text)
	if !ok {
		return
	}
	v := last.Segment.Value(src)
	m := blockIDRe.FindSubmatchIndex(v)
	if m == nil {
		return
	}
	id := string(v[m[2]:m[3]])
	last.Segment = last.Segment.WithStop(last.Segment.Start + m[0])
	if last.Segment.Len() == 0 {
		n.RemoveChild(n, last)
	} else if t, ok := n.LastChild().(*ast.Text); ok {
		t.Segment = t.Segment.TrimRightSpace(src)
	}
	target := n
	if n.ChildCount() == 0 {
		target = n.PreviousSibling()
		n.Parent().RemoveChild(n.Parent(), n)
		if target == nil {
			return
		}
	}
	if _, isPara := target.(*ast.Paragraph); isPara {
		if _, ok := target.AttributeString("id"); !ok {
			target.SetAttributeString("id", []byte(HeadingAnchor("^"+id)))
		}
	}
}

// findByName points a Markdown picture or link whose file is not where
// its path says at the file of that name the vault finds, as Obsidian
// does (![](picture.png) for Attachments/picture.png).
func (d *obsidianDoc) findByName(dest *[]byte, picture bool) {
	raw := string(*dest)
	if raw == "" || strings.HasPrefix(raw, "#") || strings.HasPrefix(raw, "/") || hasScheme(raw) {
		return
	}
	p, frag, _ := strings.Cut(raw, "#")
	if u, err := url.PathUnescape(p); err == nil {
		p = u
	}
	if p == "" || strings.HasSuffix(p, "/") {
		return
	}
	if rel := path.Join(path.Dir(d.file), p); d.vault.lower[strings.ToLower(rel)] == rel {
		return // where it says
	}
	var found string
	var ok bool
	switch {
	case picture || !IsMarkdownPath(p) && path.Ext(p) != "":
		found, ok = d.vault.File(d.file, p)
	default:
		found, ok = d.vault.Note(d.file, p)
	}
	if !ok {
		return
	}
	if picture {
		frag = "" // Obsidian reads no fragment of a picture
	}
	out := relPath(d.file, found)
	if frag != "" {
		out += "#" + frag
	}
	*dest = []byte(out)
}

// obsidianParsers are the inline parsers and transformers of the
// Obsidian dialect.
func obsidianOptions() []parser.Option {
	return []parser.Option{
		parser.WithInlineParsers(util.Prioritized(wikilinkParser{}, wikilinkPriority), util.Prioritized(markParser{}, 500), util.Prioritized(tagParser{}, 500)),
		parser.WithASTTransformers(util.Prioritized(obsidianTransformer{}, 900)),
	}
}
