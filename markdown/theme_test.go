package markdown

import (
	"strings"
	"testing"
)

// An image's title is its caption; in a Hugo site (MarkdownTitles) its
// Markdown is inline HTML there, as themes' image render hooks show it,
// elsewhere text; what the editor would not keep stays text.
func TestParse_CaptionMarkdown(t *testing.T) {
	tests := []struct {
		gen, title, want string
	}{
		{"hugo", `a *b* [c](https://example.org/u) ` + "`d`", `<figcaption class="wp-element-caption">a <em>b</em> <a href="https://example.org/u">c</a> <code>d</code></figcaption>`},
		{"hugo", `plain & simple`, `<figcaption class="wp-element-caption">plain &amp; simple</figcaption>`},
		{"hugo", `# not a heading`, `<figcaption class="wp-element-caption"># not a heading</figcaption>`},
		{"plain", `a *b*`, `<figcaption class="wp-element-caption">a *b*</figcaption>`},
		{"jekyll", `a *b*`, `<figcaption class="wp-element-caption">a *b*</figcaption>`},
	}
	for _, tt := range tests {
		t.Run(tt.gen+" "+tt.title, func(t *testing.T) {
			src := "![alt](https://example.org/x.png \"" + tt.title + "\")\n"
			doc, err := ParseWith("post/x.md", []byte(src), Options{Format: FormatBlocks, Site: rulesOf(tt.gen)})
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(doc.Content, tt.want) {
				t.Errorf("content %s\nwant %s", doc.Content, tt.want)
			}
		})
	}
}

// The bundle's picture (SiteRules.BundleImage) is the featured image when
// the front matter names none; one named there wins, even one that is not
// a file of the folder.
func TestParse_BundleImage(t *testing.T) {
	tests := []struct {
		name, fm, want string
	}{
		{"none named", "title: T\n", "post/one/feature.png"},
		{"cover.image", "title: T\ncover:\n  image: mine.png\n", "post/one/mine.png"},
		{"images", "title: T\nimages: [shared.png]\n", "post/one/shared.png"},
		{"elsewhere", "title: T\nimages: [https://example.org/a.png]\n", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rules := hugoRules()
			rules.BundleImage = "feature.png"
			doc, err := ParseWith("post/one/index.md", []byte("---\n"+tt.fm+"---\nText.\n"), Options{Site: rules})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, r := range doc.Refs {
				if r.Kind == RefFeatured {
					got = append(got, r.Path)
				}
			}
			if tt.want == "" && len(got) != 0 || tt.want != "" && (len(got) != 1 || got[0] != tt.want) {
				t.Errorf("featured %v, want %q", got, tt.want)
			}
		})
	}
}

// externalUrl (Congo, Blowfish) makes a Hugo post a link post whose
// content links to the address, never an empty one, and says so; other
// generators give the key no meaning.
func TestParse_ExternalURL(t *testing.T) {
	tests := []struct {
		name, gen, src, content, format string
		warned                          bool
	}{
		{"no body", "hugo", "---\ntitle: On Medium\nexternalUrl: https://medium.com/@me/x?a=1&b=2\n---\n",
			"<!-- wp:paragraph -->\n<p><a href=\"https://medium.com/@me/x?a=1&amp;b=2\">https://medium.com/@me/x?a=1&amp;b=2</a></p>\n<!-- /wp:paragraph -->", "link", true},
		{"a summary body", "hugo", "---\ntitle: On Medium\nexternalUrl: https://medium.com/x\nformat: aside\n---\nA summary.\n",
			"<!-- wp:paragraph -->\n<p>A summary.</p>\n<!-- /wp:paragraph -->\n\n<!-- wp:paragraph -->\n<p><a href=\"https://medium.com/x\">https://medium.com/x</a></p>\n<!-- /wp:paragraph -->", "aside", true},
		{"not an address", "hugo", "---\ntitle: T\nexternalUrl: [a, b]\n---\nText.\n", "<!-- wp:paragraph -->\n<p>Text.</p>\n<!-- /wp:paragraph -->", "", true},
		{"plain folder", "plain", "---\ntitle: T\nexternalUrl: https://medium.com/x\n---\nText.\n", "<!-- wp:paragraph -->\n<p>Text.</p>\n<!-- /wp:paragraph -->", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := ParseWith("post/x.md", []byte(tt.src), Options{Format: FormatBlocks, Site: rulesOf(tt.gen)})
			if err != nil {
				t.Fatal(err)
			}
			if doc.Content != tt.content || doc.PostFormat != tt.format {
				t.Errorf("content %q format %q\nwant %q format %q", doc.Content, doc.PostFormat, tt.content, tt.format)
			}
			warned := false
			for _, w := range doc.Warnings {
				warned = warned || strings.Contains(w, "externalUrl")
			}
			if warned != tt.warned {
				t.Errorf("warnings %q, want one of externalUrl: %v", doc.Warnings, tt.warned)
			}
		})
	}
}

// Jekyll themes name a post's picture featured-image (with its
// featured-image-alt) or image: as a path or a mapping with path: or url:
// (jekyll-seo-tag's, Chirpy's): each is the featured image.
func TestParse_JekyllFeaturedImageForms(t *testing.T) {
	tests := []struct {
		name, fm, want, alt string
	}{
		{"featured-image", "featured-image: pic.jpg\nfeatured-image-alt: A pier\n", "_posts/pic.jpg", "A pier"},
		{"image path", "image:\n  path: /assets/pic.jpg\n  alt: A boat\n", "/assets/pic.jpg", "A boat"},
		{"image url", "image:\n  url: /assets/pic.png\n", "/assets/pic.png", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := ParseWith("_posts/2024-01-02-a.md", []byte("---\ntitle: T\n"+tt.fm+"---\nText.\n"), Options{Site: jekyllRules()})
			if err != nil {
				t.Fatal(err)
			}
			var got []Ref
			for _, r := range doc.Refs {
				if r.Kind == RefFeatured {
					got = append(got, r)
				}
			}
			if len(got) != 1 || got[0].Path != tt.want || got[0].Alt != tt.alt {
				t.Errorf("featured %+v, want %q alt %q", got, tt.want, tt.alt)
			}
		})
	}
}
