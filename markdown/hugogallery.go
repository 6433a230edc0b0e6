package markdown

import (
	"regexp"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Hugo themes' gallery shortcode
//
// Hugo has no gallery shortcode of its own; themes ship one, called the
// same way: hugo-easy-gallery's encloses figures,
//
//	{{< gallery >}}
//	  {{< figure src="door.jpg" caption="The red door" >}}
//	  {{< figure src="roof.jpg" >}}
//	{{< /gallery >}}
//
// and Blowfish's and Congo's enclose <img> elements
// (<img src="door.jpg" class="grid-w33" />). Their templates write HTML
// that only the theme's styles and scripts (PhotoSwipe, a grid) turn into
// a gallery, which WordPress has not, so wpsync reads such a gallery
// itself, even where the site has the template (not where wpsync.yaml
// maps the shortcode: the user's choice wins): its pictures become one
// paragraph of pictures, which is a Gallery block (gallery.go). A gallery
// of anything else (dir="…", which lists a folder when Hugo builds the
// site) is left to the template, else the usual fallback.

// hugoGallery returns what a paired gallery shortcode that encloses only
// figures and <img> elements becomes: its pictures as Markdown images on
// lines of one paragraph; ok is false for any other gallery.
func (t *templater) hugoGallery(sc *shortcode, inner string, paired bool) (string, bool) {
	if sc.name != "gallery" || !paired || sc.arg("dir", -1) != "" {
		return "", false
	}
	var pictures []string
	rest := galleryFigure.ReplaceAllStringFunc(inner, func(tag string) string {
		fig, ok := scanShortcodeTag([]byte(tag), 0)
		if !ok || fig.closing || fig.name != "figure" {
			return tag
		}
		pictures = append(pictures, markdownImage(fig.arg("src", -1), fig.arg("alt", -1), captionArg(fig), fig.arg("link", -1)))
		return ""
	})
	z := html.NewTokenizer(strings.NewReader(rest))
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			return strings.Join(pictures, "\n"), len(pictures) > 0
		case html.TextToken:
			if strings.TrimSpace(string(z.Text())) != "" {
				return "", false
			}
		case html.StartTagToken, html.SelfClosingTagToken:
			tok := z.Token()
			if tok.DataAtom != atom.Img {
				return "", false
			}
			var src, alt, title string
			for _, a := range tok.Attr {
				switch a.Key {
				case "src":
					src = a.Val
				case "alt":
					alt = a.Val
				case "title":
					title = a.Val
				}
			}
			if src == "" {
				return "", false
			}
			pictures = append(pictures, markdownImage(src, alt, title, ""))
		default:
			return "", false
		}
	}
}

// galleryFigure is a figure shortcode's tag.
var galleryFigure = regexp.MustCompile(`\{\{[<%]\s*figure\s[\s\S]*?[>%]\}\}`)

// captionArg is a figure's caption: its caption, else its title.
func captionArg(sc *shortcode) string {
	if c := sc.arg("caption", -1); c != "" {
		return c
	}
	return sc.arg("title", -1)
}

// markdownImage writes a picture as a Markdown image, its caption as the
// title, inside a link when it has one (as figure does, hugo.go).
func markdownImage(src, alt, caption, link string) string {
	img := "![" + mdEscape(alt) + "](<" + strings.NewReplacer("<", "%3C", ">", "%3E").Replace(src) + ">"
	if caption != "" {
		img += ` "` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(caption) + `"`
	}
	img += ")"
	if link != "" {
		img = "[" + img + "](<" + link + ">)"
	}
	return img
}
