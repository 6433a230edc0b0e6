package pull

import (
	"strings"

	"github.com/wpsync/wpsync/markdown"
)

// galleryOpen is the figure of a Gallery block as package markdown writes
// it for a paragraph of pictures (and the editor for a new gallery): no
// column count, cropped, no caption.
const galleryOpen = `<figure class="wp-block-gallery has-nested-images columns-default is-cropped">`

// galleryMarkdown writes a Gallery block as its pictures on the lines of
// one paragraph, each as imageMarkdown writes an Image block, which
// package markdown reads back as that gallery. A gallery with more (a
// caption, columns, other blocks) does not render back, and
// convertBlocks keeps it as written.
func galleryMarkdown(s markdown.Block, file string, links *Links) (string, []string, bool) {
	body, ok := strings.CutPrefix(strings.TrimSpace(s.Inner), galleryOpen)
	if !ok {
		return "", nil, false
	}
	if body, ok = strings.CutSuffix(body, "</figure>"); !ok {
		return "", nil, false
	}
	var lines, used []string
	for _, b := range markdown.SplitBlocks(body) {
		if b.Name == "" {
			if strings.TrimSpace(b.Text) != "" {
				return "", nil, false
			}
			continue
		}
		if b.Name != "image" {
			return "", nil, false
		}
		md, u, ok := imageMarkdown(b, file, links)
		if !ok {
			return "", nil, false
		}
		lines, used = append(lines, md), append(used, u...)
	}
	if len(lines) < 2 {
		return "", nil, false
	}
	return strings.Join(lines, "\n"), used, true
}
