package pull

import (
	"strings"
	"testing"

	"github.com/wpsync/wpsync/markdown"
)

// A Gallery block of Image blocks, as sync writes a paragraph of pictures
// and the editor a new gallery, becomes that paragraph again and renders
// back byte for byte; one with a caption stays as written.
func TestConvert_Gallery(t *testing.T) {
	img := func(id, name, caption string) string {
		fc := ""
		if caption != "" {
			fc = `<figcaption class="wp-element-caption">` + caption + `</figcaption>`
		}
		return editorImage(`{"id":`+id+`,"linkDestination":"none"}`, "", `<img src="https://site.test/wp-content/uploads/2026/11/`+name+`.jpg" alt="A `+name+`" class="wp-image-`+id+`"/>`+fc)
	}
	gallery := `<!-- wp:gallery {"linkTo":"none"} -->` + "\n" + galleryOpen + img("7", "cat", "The cat") + "\n\n" + img("8", "dog", "") + "</figure>\n<!-- /wp:gallery -->"
	want := "![A cat](../media/2026/11/cat.jpg \"The cat\"){linkDestination=none}\n![A dog](../media/2026/11/dog.jpg){linkDestination=none}"
	for _, markup := range []markdown.Markup{{}, markdown.MarkupWP61} {
		links := testLinks()
		links.Markup = markup
		links.MediaIDs["https://site.test/wp-content/uploads/2026/11/dog.jpg"] = 8
		links.Media["https://site.test/wp-content/uploads/2026/11/dog.jpg"] = "media/2026/11/dog.jpg"
		got := Convert(gallery+"\n\n<!-- wp:paragraph -->\n<p>After.</p>\n<!-- /wp:paragraph -->", "posts/x.md", links)
		if !got.Exact || !strings.Contains(got.Body, want) || strings.Contains(got.Body, "wp:gallery") {
			t.Errorf("%s: exact %v, body:\n%s\nwant it to hold\n%s", markup, got.Exact, got.Body, want)
		}
	}
	captioned := strings.Replace(gallery, "</figure>\n<!-- /wp:gallery -->", `<figcaption class="blocks-gallery-caption wp-element-caption">Pets</figcaption></figure>`+"\n<!-- /wp:gallery -->", 1)
	if got := Convert(captioned, "posts/x.md", testLinks()); !got.Exact || !strings.Contains(got.Body, captioned) {
		t.Errorf("captioned gallery: exact %v, body:\n%s", got.Exact, got.Body)
	}
}

// MerPress's Mermaid block comes back as a ```mermaid block on a site with
// MerPress; elsewhere it stays as written.
func TestConvert_MerPress(t *testing.T) {
	block := "<!-- wp:merpress/mermaidjs -->\n<pre class=\"wp-block-merpress-mermaidjs mermaid\">graph TD\n  A[a &amp; &lt;b>] -->|x| B</pre>\n<!-- /wp:merpress/mermaidjs -->"
	links := testLinks()
	links.Markup = markdown.Markup{MerPress: true}
	want := "```mermaid\ngraph TD\n  A[a & <b>] -->|x| B\n```"
	if got := Convert(block, "posts/x.md", links); !got.Exact || !strings.Contains(got.Body, want) {
		t.Errorf("exact %v, body:\n%s\nwant\n%s", got.Exact, got.Body, want)
	}
	if got := Convert(block, "posts/x.md", testLinks()); !got.Exact || !strings.Contains(got.Body, block) {
		t.Errorf("without MerPress: exact %v, body:\n%s", got.Exact, got.Body)
	}
}
