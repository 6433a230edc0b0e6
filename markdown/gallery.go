package markdown

import (
	"bytes"

	"github.com/yuin/goldmark/ast"
)

// Galleries
//
// A paragraph made of two or more pictures and nothing else (spaces and
// line breaks between them), the way writers put a row of pictures in
// Markdown, is a Gallery block in the blocks format, as the editor saves a
// gallery since WordPress 5.9: the core/gallery block, with linkTo and the
// classes save() writes for no column count and cropped pictures, holding
// one Image block per picture (its title the caption, its alt the alt).
// WordPress 6.1's and 7.x's editors save it alike (gallery/save.js,
// saveWithInnerBlocks). The classic format keeps the pictures as they are,
// in one paragraph: WordPress's [gallery] shortcode would show the media
// items' own captions and link them to attachment pages, and it takes
// only pictures of the media library.

// galleryItem is one picture of a gallery, and the link around it.
type galleryItem struct {
	img  *ast.Image
	link *ast.Link
}

// galleryItems returns the pictures of a paragraph that is a gallery: two
// or more pictures (each perhaps inside a link holding only it), with
// only white space between them. A picture given a class or id by a
// kramdown attribute list keeps the paragraph a paragraph.
func galleryItems(p *ast.Paragraph, src []byte) []galleryItem {
	var items []galleryItem
	for c := p.FirstChild(); c != nil; c = c.NextSibling() {
		switch n := c.(type) {
		case *ast.Image:
			items = append(items, galleryItem{img: n})
		case *ast.Link:
			img, _ := n.FirstChild().(*ast.Image)
			if img == nil || !(n.ChildCount() == 1 || n.ChildCount() == 2 && emptyString(n.LastChild())) {
				return nil
			}
			items = append(items, galleryItem{img: img, link: n})
		case *ast.Text:
			if len(bytes.TrimSpace(n.Segment.Value(src))) > 0 {
				return nil
			}
		case *ast.String:
			if len(bytes.TrimSpace(n.Value)) > 0 {
				return nil
			}
		default:
			return nil
		}
	}
	if len(items) < 2 {
		return nil
	}
	for _, it := range items {
		if _, ok := it.img.AttributeString("class"); ok {
			return nil
		}
		if _, ok := it.img.AttributeString("id"); ok {
			return nil
		}
	}
	return items
}

// gallery writes a Gallery block holding one Image block per picture. An
// Image block the editor puts in a gallery names where its picture links
// to: nowhere, or where the Markdown's link goes.
func (b *blockWriter) gallery(items []galleryItem) {
	b.open("gallery", attr{"linkTo", "none"})
	b.str(`<figure class="wp-block-gallery has-nested-images columns-default is-cropped">`)
	for i, it := range items {
		if i > 0 {
			b.str("\n\n")
		}
		dest := "none"
		if it.link != nil {
			dest = "custom"
		}
		b.image(it.img, it.link, attr{"linkDestination", dest})
	}
	b.str("</figure>")
	b.close("gallery")
}

// withDefaults returns the attributes of imageBlockAttrs that attrs or
// else defaults give, in the block type's order.
func withDefaults(attrs, defaults []attr) []attr {
	if len(defaults) == 0 {
		return attrs
	}
	var out []attr
	for _, known := range imageBlockAttrs {
		found := false
		for _, list := range [][]attr{attrs, defaults} {
			for _, a := range list {
				if a.key == known.name && !found {
					out = append(out, a)
					found = true
				}
			}
		}
	}
	return out
}
