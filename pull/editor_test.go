package pull

import (
	"strings"
	"testing"

	"github.com/wpsync/wpsync/markdown"
)

const catURL = "https://site.test/wp-content/uploads/2026/11/cat.jpg"

// editorImage is an Image block as the block editor saves a picture
// inserted from the media library (WordPress 6.1 and 7.x alike).
func editorImage(attrs, class, inner string) string {
	return "<!-- wp:image " + attrs + " -->\n<figure class=\"wp-block-image" + class + "\">" + inner + "</figure>\n<!-- /wp:image -->"
}

// An image the editor saved, with its size and link choices, becomes
// ![alt](file "caption"){…} and renders back byte for byte, on 6.1's
// markup and today's; one with attributes Markdown has no form for stays
// as written.
func TestConvert_EditorImages(t *testing.T) {
	img := `<img src="` + catURL + `" alt="A cat" class="wp-image-7"/>`
	cases := []struct {
		name, block, want string
	}{
		{"captioned", editorImage(`{"id":7,"sizeSlug":"large","linkDestination":"none"}`, " size-large", img+`<figcaption class="wp-element-caption">The best cat &amp; friends</figcaption>`),
			`![A cat](../media/2026/11/cat.jpg "The best cat &amp; friends"){sizeSlug=large linkDestination=none}`},
		{"plain", editorImage(`{"id":7,"sizeSlug":"full","linkDestination":"none"}`, " size-full", img),
			`![A cat](../media/2026/11/cat.jpg){sizeSlug=full linkDestination=none}`},
		{"linked to the file", editorImage(`{"id":7,"sizeSlug":"large","linkDestination":"media"}`, " size-large", `<a href="`+catURL+`">`+img+`</a>`),
			`[![A cat](../media/2026/11/cat.jpg){sizeSlug=large linkDestination=media}](../media/2026/11/cat.jpg)`},
	}
	for _, markup := range []markdown.Markup{{}, markdown.MarkupWP61} {
		for _, c := range cases {
			links := testLinks()
			links.Markup = markup
			content := c.block + "\n\n<!-- wp:paragraph -->\n<p>After.</p>\n<!-- /wp:paragraph -->"
			got := Convert(content, "posts/x.md", links)
			if !got.Exact || !strings.Contains(got.Body, c.want) || strings.Contains(got.Body, "wp:image") {
				t.Errorf("%s on %s: exact %v, body:\n%s\nwant it to hold %s", c.name, markup, got.Exact, got.Body, c.want)
			}
			if len(got.Media) == 0 || got.Media[0] != catURL {
				t.Errorf("%s: media %v, want the picture downloaded", c.name, got.Media)
			}
			// An edit elsewhere keeps the block as the editor saved it.
			edited := strings.Replace(got.Body, "After.", "After, edited.", 1)
			if back, _ := render(edited, "posts/x.md", got.Format, links); !strings.HasPrefix(back, c.block+"\n\n") {
				t.Errorf("%s: after an edit renders to\n%s\nwant it to start with\n%s", c.name, back, c.block)
			}
		}
	}
	// Aligned (its align attribute has no Markdown form): kept.
	aligned := editorImage(`{"align":"center","id":7,"sizeSlug":"large","linkDestination":"none"}`, " aligncenter size-large", img)
	if got := Convert(aligned, "posts/x.md", testLinks()); !got.Exact || !strings.Contains(got.Body, aligned) {
		t.Errorf("aligned image: exact %v, body:\n%s", got.Exact, got.Body)
	}
}

// Tables as the editor saves them: with a header row they become GFM
// tables (today's fixed layout written under it), without one they stay
// as written; each renders back byte for byte.
func TestConvert_EditorTables(t *testing.T) {
	const head = "<thead><tr><th>Name</th><th>Size</th></tr></thead>"
	const body = "<tbody><tr><td>Cat</td><td><strong>small</strong></td></tr><tr><td>Dog</td><td>big</td></tr></tbody>"
	const gfm = "| Name | Size      |\n|------|-----------|\n| Cat  | **small** |\n| Dog  | big       |"
	cases := []struct {
		name   string
		markup markdown.Markup
		block  string
		want   string // "" when the block stays
	}{
		{"7.x fixed", markdown.Markup{}, "<!-- wp:table -->\n<figure class=\"wp-block-table\"><table class=\"has-fixed-layout\">" + head + body + "</table></figure>\n<!-- /wp:table -->", "\n{hasFixedLayout=true}"},
		{"7.x flexible", markdown.Markup{}, "<!-- wp:table {\"hasFixedLayout\":false} -->\n<figure class=\"wp-block-table\"><table>" + head + body + "</table></figure>\n<!-- /wp:table -->", ""},
		{"6.1", markdown.MarkupWP61, "<!-- wp:table -->\n<figure class=\"wp-block-table\"><table>" + head + body + "</table></figure>\n<!-- /wp:table -->", ""},
		{"6.1 fixed", markdown.MarkupWP61, "<!-- wp:table {\"hasFixedLayout\":true} -->\n<figure class=\"wp-block-table\"><table class=\"has-fixed-layout\">" + head + body + "</table></figure>\n<!-- /wp:table -->", "\n{hasFixedLayout=true}"},
	}
	for _, c := range cases {
		links := testLinks()
		links.Markup = c.markup
		got := Convert(c.block, "posts/x.md", links)
		if !got.Exact || strings.Contains(got.Body, "wp:table") || !strings.Contains(got.Body, gfm+c.want) {
			t.Errorf("%s: exact %v, body:\n%s", c.name, got.Exact, got.Body)
		}
		if c.want == "" && strings.Contains(got.Body, "{hasFixedLayout") {
			t.Errorf("%s: an attribute list where the layout is the default:\n%s", c.name, got.Body)
		}
	}
	// No header row: GFM has no form for it, the block is kept.
	for _, markup := range []markdown.Markup{{}, markdown.MarkupWP61} {
		noHead := "<!-- wp:table -->\n<figure class=\"wp-block-table\"><table class=\"has-fixed-layout\">" + body + "</table></figure>\n<!-- /wp:table -->"
		links := testLinks()
		links.Markup = markup
		if got := Convert(noHead, "posts/x.md", links); !got.Exact || got.Body != noHead {
			t.Errorf("table without a header on %s: exact %v, body:\n%s", markup, got.Exact, got.Body)
		}
	}
}
