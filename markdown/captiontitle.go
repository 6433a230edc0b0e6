package markdown

import (
	"bytes"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
)

// caption writes an image's title as its figcaption's rich text. Where the
// site reads a title as Markdown (SiteRules.MarkdownTitles: Hugo themes'
// image render hooks write {{ .Title | markdownify }} into the
// figcaption), its emphasis, code and links are written as inline HTML,
// the way the editor keeps a caption; a title that is not one paragraph,
// or whose HTML the editor would not keep, is written as text.
func (b *blockWriter) caption(title []byte) {
	if b.opts.Site != nil && b.opts.Site.MarkdownTitles && b.markdownCaption(title) {
		return
	}
	writeRichText(b.w, title, true)
}

// markdownCaption writes title rendered as inline Markdown, and reports
// whether it did.
func (b *blockWriter) markdownCaption(title []byte) bool {
	doc := parserFor(b.opts).Parse(text.NewReader(title))
	p, ok := doc.FirstChild().(*ast.Paragraph)
	if !ok || p.NextSibling() != nil {
		return false
	}
	buf := getBuffer()
	defer putBuffer(buf)
	if err := inline.Render(bufWriter{buf}, title, p); err != nil {
		return false
	}
	out := bytes.TrimSpace(buf.Bytes())
	if len(out) == 0 || !richSafe(out) {
		return false
	}
	_, _ = b.w.Write(out)
	return true
}
