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
