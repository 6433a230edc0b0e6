package markdown

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"regexp"
	"strconv"
	"strings"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
)

// Footnote is one note of WordPress's footnotes (6.3+): the post meta
// "footnotes" holds them as a JSON list of these, in the order the text
// refers to them, and the text marks each reference with
// <sup data-fn="ID" class="fn"><a href="#ID" id="ID-link">N</a></sup>.
type Footnote struct {
	ID      string `json:"id"`
	Content string `json:"content"` // inline HTML, as the editor's rich text holds it
}

// FootnotesMeta is the value of the post meta "footnotes" for notes: a
// JSON list of {id, content}, as the editor writes it (JSON.stringify: no
// HTML escaping); "" when there are none.
func FootnotesMeta(notes []Footnote) string {
	if len(notes) == 0 {
		return ""
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(notes) // strings only: cannot fail
	return strings.TrimSuffix(b.String(), "\n")
}

// footnoteSink collects the notes of one file (set by ParseWith).
type footnoteSink struct {
	path  string // the file, which with a note's label makes its ID
	notes []Footnote
}

// footnoteID is a note's ID: the editor makes a random UUID; wpsync
// derives one from the file and the note's label, so that the same file
// sends the same post again (a second run writes nothing). It has a UUID's
// shape (version 8, "custom").
//
// A label that is itself such an ID (what `wpsync pull` writes for a note
// made in the editor, whose ID no label derives) is the note's ID.
func footnoteID(path string, label []byte) string {
	if uuidLabel.Match(label) {
		return strings.ToLower(string(label))
	}
	sum := sha256.Sum256([]byte(path + "\x00" + string(label)))
	sum[6] = sum[6]&0x0f | 0x80
	sum[8] = sum[8]&0x3f | 0x80
	h := hex.EncodeToString(sum[:16])
	return h[:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:32]
}

// uuidLabel is a footnote label that is a note's ID: a UUID.
var uuidLabel = regexp.MustCompile(`^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$`)

// FootnoteID is the ID of the note labelled label ([^label]) in the file
// at path (a slash path relative to the synced folder), as sync sends it.
func FootnoteID(path, label string) string { return footnoteID(path, []byte(label)) }

// footnotesBlock stands for the Footnotes block (core/footnotes), which
// saves nothing of its own: WordPress renders the notes from the meta.
type footnotesBlock struct{ ast.BaseBlock }

var kindFootnotesBlock = ast.NewNodeKind("WordPressFootnotes")

func (n *footnotesBlock) Kind() ast.NodeKind { return kindFootnotesBlock }

func (n *footnotesBlock) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }

// nativeFootnotes turns the footnotes of doc into WordPress's own: each
// reference into the footnote format's mark, the list into a Footnotes
// block, the notes' text into sink.notes, in the order of the references
// (the editor's order; it renumbers the marks by it). A note referred to
// more than once is marked at its first reference; the others link to it
// with the same number, as plain superscript links (WordPress's footnotes
// are referred to once each).
func nativeFootnotes(doc ast.Node, src []byte, sink *footnoteSink, shortcodes *shortcodeOutputs) {
	var list *east.FootnoteList
	var links []*east.FootnoteLink
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *east.FootnoteList:
			list = n
			return ast.WalkSkipChildren, nil
		case *east.FootnoteLink:
			links = append(links, n)
		}
		return ast.WalkContinue, nil
	})
	if list == nil {
		return
	}
	notes := map[int]*east.Footnote{}
	for c := list.FirstChild(); c != nil; c = c.NextSibling() {
		if fn, ok := c.(*east.Footnote); ok {
			notes[fn.Index] = fn
		}
	}
	number := map[int]int{} // goldmark's index → the editor's number
	ids := map[int]string{}
	for _, l := range links {
		fn := notes[l.Index]
		if fn == nil {
			continue
		}
		var mark string
		if n, seen := number[l.Index]; seen {
			mark = `<sup><a href="#` + ids[l.Index] + `">` + strconv.Itoa(n) + `</a></sup>`
		} else {
			id := footnoteID(sink.path, fn.Ref)
			number[l.Index], ids[l.Index] = len(sink.notes)+1, id
			sink.notes = append(sink.notes, Footnote{ID: id, Content: noteContent(fn, src, shortcodes)})
			mark = `<sup data-fn="` + id + `" class="fn"><a href="#` + id + `" id="` + id + `-link">` + strconv.Itoa(len(sink.notes)) + `</a></sup>`
		}
		s := ast.NewString([]byte(mark))
		s.SetCode(true) // written as it is
		l.Parent().ReplaceChild(l.Parent(), l, s)
	}
	list.Parent().ReplaceChild(list.Parent(), list, &footnotesBlock{})
}

// noteContent is a note's text as inline HTML, without goldmark's links
// back to the reference (WordPress adds its own). Paragraphs of a note
// are joined with a line break: a note is one line of rich text.
func noteContent(fn *east.Footnote, src []byte, shortcodes *shortcodeOutputs) string {
	var parts []string
	for c := fn.FirstChild(); c != nil; c = c.NextSibling() {
		var buf bytes.Buffer
		if c.Kind() == ast.KindParagraph || c.Kind() == ast.KindTextBlock {
			for i := c.FirstChild(); i != nil; {
				next := i.NextSibling()
				if _, ok := i.(*east.FootnoteBacklink); ok {
					c.RemoveChild(c, i)
				}
				i = next
			}
			// Rich text, as in a paragraph block (richtext.go).
			_ = inline.Render(bufWriter{&buf}, src, c)
		} else {
			// A list or code in a note: its HTML, on one line.
			var block bytes.Buffer
			_ = md.Renderer().Render(bufWriter{&block}, src, c)
			buf.WriteString(strings.Join(strings.Fields(block.String()), " "))
		}
		if s := strings.TrimSpace(buf.String()); s != "" {
			parts = append(parts, s)
		}
	}
	return shortcodes.expand(strings.Join(parts, "<br>"), false)
}
