package markdown

import (
	"bytes"
	"strconv"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"
)

// Captions in the classic format
//
// A classic post shows a picture with its caption through WordPress's
// [caption] shortcode (img_caption_shortcode), which needs the picture's
// width. In the classic format, an image with a title (the caption) and an
// attribute list giving its width (imageattrs.go), as `wpsync pull` writes
// a [caption] it finds:
//
//	![A cat](cat.jpg "A cat on a wall"){align=none width=300 height=200 sizeSlug=medium}
//
// is written as the classic editor saves that caption:
//
//	[caption id="attachment_12" align="alignnone" width="300"]<img class="size-medium wp-image-12" src="…/cat.jpg" alt="A cat" width="300" height="200" /> A cat on a wall[/caption]
//
// An image without the list is an <img> with a title, as before.

// classicCaptions replaces each image of doc given a width by its [caption]
// shortcode (with the link around it, when the link holds only it).
func classicCaptions(doc ast.Node, src []byte, opts Options) {
	var imgs []*ast.Image
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if img, ok := n.(*ast.Image); ok && entering && len(img.Title) > 0 {
			// A caption needs its text: an image sized otherwise (an
			// Obsidian embed's ![[x.png|300]]) is an image, not a caption.
			if _, ok := img.AttributeString("width"); ok {
				imgs = append(imgs, img)
			}
		}
		return ast.WalkContinue, nil
	})
	for _, img := range imgs {
		attrs := map[string]string{}
		for _, a := range imageAttributes(img, captionAttrs) {
			attrs[a.key] = a.val.(string)
		}
		url := string(util.URLEscape(img.Destination, true))
		id := 0
		if opts.ImageID != nil {
			id = opts.ImageID(url)
		}
		var b bytes.Buffer
		b.WriteString("[caption ")
		if id > 0 {
			b.WriteString(`id="attachment_` + strconv.Itoa(id) + `" `)
		}
		align := attrs["align"]
		if align == "" {
			align = "none" // the shortcode's default
		}
		b.WriteString(`align="align` + align + `" width="` + attrs["width"] + `"]`)
		node := ast.Node(img)
		if l, ok := img.Parent().(*ast.Link); ok && l.FirstChild() == img && (l.ChildCount() == 1 || l.ChildCount() == 2 && emptyString(l.LastChild())) {
			node = l
			b.WriteString(`<a href="` + escapeAttribute(string(util.URLEscape(l.Destination, true))) + `">`)
		}
		b.WriteString("<img ")
		class := ""
		if s := attrs["sizeSlug"]; s != "" {
			class = "size-" + s
		}
		if id > 0 {
			if class != "" {
				class += " "
			}
			class += "wp-image-" + strconv.Itoa(id)
		}
		if class != "" {
			b.WriteString(`class="` + class + `" `)
		}
		b.WriteString(`src="` + escapeAttribute(url) + `" alt="` + escapeAttribute(plainText(img, src)) + `" width="` + attrs["width"] + `" `)
		if h := attrs["height"]; h != "" {
			b.WriteString(`height="` + h + `" `)
		}
		b.WriteString("/>")
		if node != ast.Node(img) {
			b.WriteString("</a>")
		}
		b.WriteString(" ")
		var caption bytes.Buffer
		html.DefaultWriter.Write(bufWriter{&caption}, bytes.TrimSpace(img.Title))
		b.Write(caption.Bytes())
		b.WriteString("[/caption]")
		s := ast.NewString(b.Bytes())
		s.SetCode(true) // written as it is
		parent := node.Parent()
		parent.ReplaceChild(parent, node, s)
	}
}
