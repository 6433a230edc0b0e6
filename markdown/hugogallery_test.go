package markdown

import (
	"strings"
	"testing"
)

// TestHugoGallery: a theme's gallery shortcode enclosing figures
// (hugo-easy-gallery) or <img> elements (Blowfish, Congo) is a Gallery
// block of its pictures; one with dir= is not read so.
func TestHugoGallery(t *testing.T) {
	for _, tt := range []struct {
		name, src string
		want      []string // in order
	}{
		{"figures", "{{< gallery >}}\n  {{< figure src=\"door.jpg\" alt=\"A door\" caption=\"The red door\" >}}\n  {{< figure link=\"/big/roof.jpg\" src=\"roof.jpg\" >}}\n{{< /gallery >}}\n", []string{
			`<!-- wp:gallery {"linkTo":"none"} -->`,
			`<!-- wp:image {"linkDestination":"none"} -->` + "\n" + `<figure class="wp-block-image"><img src="door.jpg" alt="A door"/><figcaption class="wp-element-caption">The red door</figcaption></figure>`,
			`<!-- wp:image {"linkDestination":"custom"} -->` + "\n" + `<figure class="wp-block-image"><a href="/big/roof.jpg"><img src="roof.jpg" alt=""/></a></figure>`,
		}},
		{"img elements", "{{< gallery >}}\n<img src=\"a.jpg\" class=\"grid-w33\" alt=\"A\" />\n<img src=\"b.jpg\" class=\"grid-w33\" title=\"Bee\" />\n{{< /gallery >}}\n", []string{
			`<!-- wp:gallery {"linkTo":"none"} -->`,
			`<img src="a.jpg" alt="A"/></figure>`,
			`<img src="b.jpg" alt=""/><figcaption class="wp-element-caption">Bee</figcaption>`,
		}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := ParseWith("trip.md", []byte(tt.src), Options{Format: FormatBlocks, Site: hugoRules()})
			if err != nil {
				t.Fatal(err)
			}
			rest := doc.Content
			for _, w := range tt.want {
				i := strings.Index(rest, w)
				if i < 0 {
					t.Fatalf("content lacks (in order) %s:\n%s", w, doc.Content)
				}
				rest = rest[i+len(w):]
			}
			if len(doc.Warnings) != 0 {
				t.Errorf("warnings %q", doc.Warnings)
			}
		})
	}
	doc, err := ParseWith("trip.md", []byte("{{< gallery dir=\"/img/trip/\" />}}\n"), Options{Format: FormatBlocks, Site: hugoRules()})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(doc.Content, "wp:gallery") || len(doc.Warnings) == 0 {
		t.Errorf("dir=: content %s, warnings %q; want no gallery, a warning", doc.Content, doc.Warnings)
	}
}
