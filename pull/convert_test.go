package pull

import (
	"strings"
	"testing"

	"github.com/wpsync/wpsync/markdown"
)

const buttons = "<!-- wp:buttons -->\n<div class=\"wp-block-buttons\"><!-- wp:button -->\n<div class=\"wp-block-button\"><a class=\"wp-block-button__link wp-element-button\" href=\"https://example.com/\">Go</a></div>\n<!-- /wp:button --></div>\n<!-- /wp:buttons -->"

func testLinks() *Links {
	return &Links{
		Posts:    map[string]string{"https://site.test/other/": "posts/other.md"},
		Media:    map[string]string{"https://site.test/wp-content/uploads/2026/11/cat.jpg": "media/2026/11/cat.jpg"},
		MediaIDs: map[string]int{"https://site.test/wp-content/uploads/2026/11/cat.jpg": 7},
	}
}

// Block content as wpsync's renderer writes it (WordPress 6.1's save())
// comes back as Markdown that renders to it byte for byte; blocks without
// a Markdown form stay as written.
func TestConvert_Blocks(t *testing.T) {
	src := "## A heading\n\nSome *emphasis*, **strong**, ~~gone~~ and [a link](https://site.test/other/#part).\n\n" +
		"- one\n- two\n  - nested\n\n3. three\n4. four\n\n> quoted\n\n```go\nfunc main() {}\n```\n\n" +
		"| a | b |\n|---|---|\n| 1 | 2 |\n\n---\n\n![A cat](../media/2026/11/cat.jpg \"The caption\")\n\n<!--more-->\n\nEnd."
	links := testLinks()
	stored, ok := render(src, "posts/x.md", markdown.FormatBlocks, links)
	if !ok {
		t.Fatal("render failed")
	}
	content := stored + "\n\n" + buttons
	got := Convert(content, "posts/x.md", links)
	if !got.Exact {
		t.Fatalf("not exact; body:\n%s", got.Body)
	}
	if back, _ := render(got.Body, "posts/x.md", got.Format, links); back != content {
		t.Fatalf("renders back to\n%s\nwant\n%s", back, content)
	}
	for _, want := range []string{"## A heading", "**strong**", "[a link](other.md#part)", "- nested", "3. three", "> quoted", "```go", "| a | b |", "![A cat](../media/2026/11/cat.jpg", "<!--more-->", buttons} {
		if !strings.Contains(got.Body, want) {
			t.Errorf("body lacks %q:\n%s", want, got.Body)
		}
	}
	if strings.Contains(got.Body, "wp:paragraph") || strings.Contains(got.Body, "wp:heading") {
		t.Errorf("core blocks left as markup:\n%s", got.Body)
	}
}

// A block another editor version wrote (its save() differs from wpsync's:
// here WordPress 6.1's heading, where the site's is today's) is kept as
// written, and the body still renders back exactly.
func TestConvert_ForeignBlockKept(t *testing.T) {
	heading := "<!-- wp:heading -->\n<h2>Old style</h2>\n<!-- /wp:heading -->"
	para := "<!-- wp:paragraph -->\n<p>Plain.</p>\n<!-- /wp:paragraph -->"
	content := heading + "\n\n" + para
	got := Convert(content, "posts/x.md", testLinks())
	if !got.Exact || !strings.Contains(got.Body, heading) || !strings.Contains(got.Body, "Plain.") || strings.Contains(got.Body, "wp:paragraph") {
		t.Fatalf("exact %v, body:\n%s", got.Exact, got.Body)
	}
	// On a site whose editor saves 6.1's markup, the same heading is
	// wpsync's own, and converts.
	links := testLinks()
	links.Markup = markdown.MarkupWP61
	if got := Convert(content, "posts/x.md", links); !got.Exact || !strings.Contains(got.Body, "## Old style") {
		t.Errorf("on a 6.1 site: exact %v, body:\n%s", got.Exact, got.Body)
	}
}

func TestConvert_Classic(t *testing.T) {
	caption := `[caption id="attachment_7" align="alignnone" width="300"]<img class="size-medium wp-image-7" src="https://site.test/wp-content/uploads/2026/11/cat.jpg" alt="" width="300" height="200" /> A cat[/caption]`
	content := "First <strong>bold</strong> paragraph\nwith a line break.\n\n" + caption + "\n\n<!--more-->\n\nSee <a href=\"https://site.test/other/\">the other</a>.\n\n[gallery ids=\"7,8\"]"
	got := Convert(content, "posts/x.md", testLinks())
	if got.Format != markdown.FormatClassic {
		t.Fatalf("format %q", got.Format)
	}
	// The caption is the picture in Markdown, downloaded; other
	// shortcodes stay.
	for _, want := range []string{"First **bold** paragraph", `![](../media/2026/11/cat.jpg "A cat"){align=none width=300 height=200 sizeSlug=medium}`, "<!--more-->", "[the other](other.md)", `[gallery ids="7,8"]`} {
		if !strings.Contains(got.Body, want) {
			t.Errorf("body lacks %q:\n%s", want, got.Body)
		}
	}
	if strings.Contains(got.Body, "[caption") || len(got.Media) != 1 || got.Media[0] != catURL {
		t.Errorf("caption: media %v, body:\n%s", got.Media, got.Body)
	}
	if alone := Convert("Text.\n\n"+caption, "posts/x.md", testLinks()); !alone.Displays || strings.Contains(alone.Body, "[caption") {
		t.Errorf("a caption converted does not display as stored:\n%s", alone.Body)
	}
	// An edit elsewhere sends the caption as the classic editor saved it.
	edited := strings.Replace(got.Body, "See ", "Now see ", 1)
	if back, _ := render(edited, "posts/x.md", got.Format, testLinks()); !strings.Contains(back, "<p>"+caption+"</p>") {
		t.Errorf("after an edit the caption renders as\n%s", back)
	}
}

// A [caption] whose Markdown would not show as it does stays as written:
// a picture at a generated size (not a file of the media library), markup
// in the caption, the image's attributes in another order.
func TestConvert_ClassicCaptionKept(t *testing.T) {
	for _, caption := range []string{
		`[caption id="attachment_7" align="alignnone" width="300"]<img class="size-medium wp-image-7" src="https://site.test/wp-content/uploads/2026/11/cat-300x200.jpg" alt="" width="300" height="200" /> A cat[/caption]`,
		`[caption id="attachment_7" align="alignnone" width="300"]<img class="size-medium wp-image-7" src="` + catURL + `" alt="" width="300" height="200" /> A <em>cat</em>[/caption]`,
		`[caption id="attachment_7" align="alignnone" width="300"]<img src="` + catURL + `" alt="" width="300" height="200" class="size-medium wp-image-7" /> A cat[/caption]`,
	} {
		got := Convert("Text.\n\n"+caption, "posts/x.md", testLinks())
		if !strings.Contains(got.Body, caption) || !got.Displays || len(got.Media) != 0 {
			t.Errorf("displays %v, media %v, body:\n%s\nwant it to keep %s", got.Displays, got.Media, got.Body, caption)
		}
	}
}

func TestRelative(t *testing.T) {
	for _, c := range [][3]string{
		{"posts/a.md", "posts/b.md", "b.md"},
		{"posts/a.md", "media/2026/x.jpg", "../media/2026/x.jpg"},
		{"about.md", "posts/b.md", "posts/b.md"},
		{"about/team.md", "about.md", "../about.md"},
	} {
		if got := relative(c[0], c[1]); got != c[2] {
			t.Errorf("relative(%s, %s) = %s, want %s", c[0], c[1], got, c[2])
		}
	}
}

// Whatever the content, its segments are all of it, in order, and a
// conversion never panics and renders back exactly when it says so.
func FuzzConvert(f *testing.F) {
	for _, s := range []string{buttons, "free <b>x</b>", "<!-- wp:paragraph -->\n<p>a</p>\n<!-- /wp:paragraph -->", "<!-- wp:x /-->", "<!-- wp:a --><!-- wp:a -->", "[caption]x[/caption]\n\n<!--more-->"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, content string) {
		var joined strings.Builder
		for _, s := range markdown.SplitBlocks(content) {
			joined.WriteString(s.Text)
		}
		if joined.String() != content {
			t.Fatalf("segments of %q join to %q", content, joined.String())
		}
		links := testLinks()
		got := Convert(content, "posts/x.md", links)
		if got.Exact {
			if back, _ := render(got.Body, "posts/x.md", got.Format, links); back != content {
				t.Fatalf("said exact, renders back %q, want %q", back, content)
			}
		}
	})
}

// Code in classic content keeps every line, indentation and blank line
// (wpautop leaves a <pre> alone, and so does pull): a <pre><code> of plain
// text becomes a fenced block that renders back to it byte for byte; a
// <pre> without <code>, or with markup in it, stays as written; a <span>
// stays HTML (Markdown has no form for it). The body displays as the stored content does, and an
// edit elsewhere in the file leaves the code as it is.
func TestConvert_ClassicCode(t *testing.T) {
	python := "<pre><code>def area(w, h):\n    if w &lt; 0:\n        raise ValueError\n\n    return w * h\n</code></pre>"
	shell := "<pre>$ make\ncc -o app main.c\n\n$ ./app\nok</pre>"
	colored := "<pre><code>x = <span style=\"color:#c00\">1</span>\n\ny = 2\n</code></pre>"
	content := "Here is the function:\n\n" + python + "\n\nAnd a shell session:\n\n" + shell + "\n\n" + colored +
		"\n\nA <span style=\"color:#c00\">red warning</span> and <span>plain</span> text."
	links := testLinks()
	got := Convert(content, "posts/x.md", links)
	fenced := "```\ndef area(w, h):\n    if w < 0:\n        raise ValueError\n\n    return w * h\n```"
	for _, want := range []string{fenced, shell, colored, `A <span style="color:#c00">red warning</span> and <span>plain</span> text.`} {
		if !strings.Contains(got.Body, want) {
			t.Errorf("body lacks %q:\n%s", want, got.Body)
		}
	}
	if !got.Displays {
		t.Errorf("classic body does not display as the stored content:\n%s", got.Body)
	}
	edited := strings.Replace(got.Body, "text.", "text, edited.", 1)
	back, ok := render(edited, "posts/x.md", markdown.FormatClassic, links)
	if !ok {
		t.Fatal("render failed")
	}
	for _, code := range []string{python, shell, colored} {
		if !strings.Contains(back, code) {
			t.Errorf("after an edit elsewhere, the code is not sent as stored: want %q in\n%s", code, back)
		}
	}
}
