package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"image/color"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/wpsync/wpsync/internal/wptest"
)

// galleryPost is a paragraph of three pictures, one twice in the folder's
// posts, with titles and alt text.
const galleryPost = `---
title: A walk in Lisbon
---
Three pictures of the walk:

![A red door](img/door.png "The red door, Alfama") ![A blue window](img/window.png)
![Tiled roofs](img/roofs.png "Roofs from the castle")

And the door once more, alone:

![The door again](img/door.png)
`

// TestGallery_Paragraph: a paragraph of pictures becomes a Gallery block
// of Image blocks that name their media items; each picture is uploaded
// once, with its alt text and its title as the media item's caption; the
// editor keeps the post as it is; a second run and runs without the state
// file write nothing.
func TestGallery_Paragraph(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "lisbon.md", galleryPost)
	writeBytes(t, dir, "img/door.png", pngBytes(t, color.RGBA{170, 40, 50, 255}))
	writeBytes(t, dir, "img/window.png", pngBytes(t, color.RGBA{40, 50, 170, 255}))
	writeBytes(t, dir, "img/roofs.png", pngBytes(t, color.RGBA{200, 120, 30, 255}))
	mark := site.Mark()
	rep := syncReport(t, dir, 0)
	p := getPost(t, "posts", rep.want(t, "lisbon.md", "create").ID)
	if n := len(uploads(t, mark)); n != 3 {
		t.Errorf("%d uploads, want 3 (the door once)", n)
	}

	gallery := regexp.MustCompile(`(?s)<!-- wp:gallery \{(?:"wpsync":"[^"]*",)?"linkTo":"none"\} -->\n<figure class="wp-block-gallery has-nested-images columns-default is-cropped">(.*?)</figure>\n<!-- /wp:gallery -->`).FindStringSubmatch(p.Content.Raw)
	if gallery == nil {
		t.Fatalf("no Gallery block in:\n%s", p.Content.Raw)
	}
	images := regexp.MustCompile(`<!-- wp:image \{"id":(\d+),"linkDestination":"none"\} -->\n<figure class="wp-block-image"><img src="([^"]+)" alt="([^"]*)" class="wp-image-(\d+)"/>(?:<figcaption class="wp-element-caption">([^<]*)</figcaption>)?</figure>\n<!-- /wp:image -->`).FindAllStringSubmatch(gallery[1], -1)
	want := []struct{ file, alt, caption string }{
		{"door", "A red door", "The red door, Alfama"},
		{"window", "A blue window", ""},
		{"roofs", "Tiled roofs", "Roofs from the castle"},
	}
	if len(images) != len(want) {
		t.Fatalf("gallery holds %d Image blocks, want %d:\n%s", len(images), len(want), gallery[0])
	}
	for i, w := range want {
		img := images[i]
		if img[1] != img[4] || !strings.Contains(img[2], "/wp-content/uploads/") || !strings.Contains(img[2], w.file) || img[3] != w.alt || img[5] != w.caption {
			t.Errorf("image %d = %s, want %s with alt %q and caption %q", i, img[0], w.file, w.alt, w.caption)
		}
		id, _ := strconv.Atoi(img[1])
		var m struct {
			AltText string `json:"alt_text"`
			Caption struct{ Raw string }
		}
		if err := site.GetJSON(context.Background(), fmt.Sprintf("/wp/v2/media/%d", id), map[string][]string{"context": {"edit"}}, &m); err != nil {
			t.Fatal(err)
		}
		if m.AltText != w.alt || m.Caption.Raw != w.caption {
			t.Errorf("media item %d: alt %q, caption %q; want %q, %q", id, m.AltText, m.Caption.Raw, w.alt, w.caption)
		}
	}
	// The lone picture is an Image block of the same media item.
	if !strings.Contains(p.Content.Raw, `<!-- wp:image {"id":`+images[0][1]+`} -->`) {
		t.Errorf("the door alone is not an Image block of item %s:\n%s", images[0][1], p.Content.Raw)
	}
	if siteHasEditor(t) {
		got := runEditorCheck(t, []editorItem{{Name: "gallery post", Content: p.Content.Raw}}, 0, "")
		if len(got.Items) != 1 || got.Items[0].Blocks < 5 {
			t.Fatalf("editor check: %+v", got)
		}
		for _, pr := range got.Items[0].Problems {
			t.Errorf("block %s: %s", pr.Block, strings.Join(pr.Issues, "; "))
		}
		if got.Items[0].Saved != "" {
			t.Errorf("saving in the editor would change it:\n%s", firstDiff(p.Content.Raw, got.Items[0].Saved))
		}
	}
	secondRunWritesNothing(t, dir, 0)
	checkStateLoss(t, site, nil, dir)
}

// mermaidPost holds a diagram.
const mermaidPost = "---\ntitle: The build\n---\nHow a build goes:\n\n```mermaid\ngraph TD\n  A[Push & test] -->|green| B(Deploy)\n```\n"

// TestMermaid_Plugin: on a site with MerPress's block type (a must-use
// plugin registers it as the plugin does), a ```mermaid block is that
// block; on a site without, a Code block and a warning naming the line and
// the plugin; doctor says which. Second runs and runs without the state
// file write nothing on both.
func TestMermaid_Plugin(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "build.md", mermaidPost)

	t.Run("without a plugin", func(t *testing.T) {
		rep := syncReport(t, dir, 0)
		it := rep.want(t, "build.md", "create")
		p := getPost(t, "posts", it.ID)
		code := `<!-- wp:code {"className":"language-mermaid"} -->` + "\n" + `<pre class="wp-block-code language-mermaid"><code>graph TD` + "\n" + `  A&#91;Push &amp; test] --&gt;|green| B(Deploy)</code></pre>`
		if !strings.Contains(p.Content.Raw, code) {
			t.Errorf("content:\n%s\nwant the Code block\n%s", p.Content.Raw, code)
		}
		if !hasWarning(it.Warnings, "line 6: a ```mermaid diagram is shown as code", "install the MerPress plugin") {
			t.Errorf("warnings %q: want one for line 6 naming MerPress", it.Warnings)
		}
		if got := doctorCheck(t, site, "diagrams"); !strings.Contains(got, "sent as code blocks") {
			t.Errorf("doctor: %s", got)
		}
		secondRunWritesNothing(t, dir, 0)
		checkStateLoss(t, site, nil, filepath.Clean(dir))
	})

	t.Run("MerPress", func(t *testing.T) {
		s := wptest.Start(t, "e2e_merpress", wptest.Options{MuPlugins: []string{"testdata/plugins/merpress-block.php"}})
		dir := t.TempDir()
		writeFile(t, dir, "build.md", mermaidPost)
		rep := reportOn(t, s, dir, 0)
		it := rep.want(t, "build.md", "create")
		var p wpPost
		if err := s.GetJSON(context.Background(), fmt.Sprintf("/wp/v2/posts/%d", it.ID), map[string][]string{"context": {"edit"}}, &p); err != nil {
			t.Fatal(err)
		}
		block := regexp.MustCompile(`<!-- wp:merpress/mermaidjs (?:\{"wpsync":"[^"]*"\} )?-->\n<pre class="wp-block-merpress-mermaidjs mermaid">graph TD\n  A\[Push &amp; test\] -->\|green\| B\(Deploy\)</pre>\n<!-- /wp:merpress/mermaidjs -->`)
		if !block.MatchString(p.Content.Raw) {
			t.Errorf("content:\n%s\nwant MerPress's block", p.Content.Raw)
		}
		if hasWarning(it.Warnings, "mermaid") {
			t.Errorf("warnings %q: want none about the diagram", it.Warnings)
		}
		// WordPress shows the diagram's text where MerPress's script finds it.
		if !strings.Contains(p.Content.Rendered, `<pre class="wp-block-merpress-mermaidjs mermaid">graph TD`) {
			t.Errorf("rendered:\n%s", p.Content.Rendered)
		}
		if got := doctorCheck(t, s, "diagrams"); !strings.Contains(got, "MerPress's Mermaid block") {
			t.Errorf("doctor: %s", got)
		}
		mark := s.Mark()
		rep = reportOn(t, s, dir, 0)
		if w := siteWrites(t, s, mark); len(w) != 0 || rep.Summary.Created+rep.Summary.Updated != 0 {
			t.Errorf("second run wrote %v, %+v", w, rep.Summary)
		}
		checkStateLoss(t, s, nil, dir)
	})
}

// hasWarning reports whether a warning says each of parts.
func hasWarning(warnings []string, parts ...string) bool {
	for _, w := range warnings {
		ok := true
		for _, p := range parts {
			ok = ok && strings.Contains(w, p)
		}
		if ok {
			return true
		}
	}
	return false
}

// doctorCheck runs wpsync doctor against s and returns the message and
// fix of the check with that ID.
func doctorCheck(t *testing.T, s *wptest.Site, id string) string {
	t.Helper()
	dir := t.TempDir()
	writeFile(t, dir, "doctor-post.md", "hello\n")
	r := wpsync(t, s.Env(), "doctor", dir, "--output", "json")
	var out struct {
		Checks []struct{ ID, Status, Message, Fix string }
	}
	if err := json.Unmarshal([]byte(r.stdout), &out); err != nil {
		t.Fatalf("doctor: %v\n%s\n%s", err, r.stdout, r.stderr)
	}
	for _, c := range out.Checks {
		if c.ID == id {
			return c.Status + ": " + c.Message + " (" + c.Fix + ")"
		}
	}
	t.Fatalf("doctor has no %s check:\n%s", id, r.stdout)
	return ""
}

// TestGallery_HugoShortcode: a Hugo theme's gallery shortcode of figures,
// in a page bundle whose pictures are beside it, is a Gallery block of the
// uploaded pictures, even though the site's theme has a template for it;
// the editor keeps it; a second run writes nothing.
func TestGallery_HugoShortcode(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "hugo.toml", "baseURL = 'https://example.org/'\ntitle = 'Trips'\ntheme = 'easy'\n")
	// hugo-easy-gallery's template writes markup for PhotoSwipe.
	writeFile(t, dir, "themes/easy/layouts/shortcodes/gallery.html", `<div class="gallery caption-position-bottom">{{ .Inner }}</div>`)
	writeFile(t, dir, "content/posts/porto/index.md", "---\ntitle: Porto\ndate: 2024-05-01\n---\n{{< gallery >}}\n  {{< figure src=\"bridge.png\" alt=\"The bridge\" caption=\"Dom Luís I\" >}}\n  {{< figure src=\"river.png\" alt=\"The river\" >}}\n{{< /gallery >}}\n")
	writeBytes(t, dir, "content/posts/porto/bridge.png", pngBytes(t, color.RGBA{90, 90, 90, 255}))
	writeBytes(t, dir, "content/posts/porto/river.png", pngBytes(t, color.RGBA{20, 60, 160, 255}))
	rep := syncReport(t, dir, 0)
	it := rep.want(t, "content/posts/porto/index.md", "create")
	p := getPost(t, "posts", it.ID)
	if len(it.Warnings) != 0 {
		t.Errorf("warnings %q", it.Warnings)
	}
	images := regexp.MustCompile(`<!-- wp:image \{"id":(\d+),"linkDestination":"none"\} -->\n<figure class="wp-block-image"><img src="[^"]+/(bridge|river)(?:-\d+)?\.png" alt="([^"]*)" class="wp-image-\d+"/>(?:<figcaption class="wp-element-caption">([^<]*)</figcaption>)?</figure>`).FindAllStringSubmatch(p.Content.Raw, -1)
	if !strings.Contains(p.Content.Raw, `"linkTo":"none"} -->`+"\n"+`<figure class="wp-block-gallery has-nested-images columns-default is-cropped">`) || len(images) != 2 ||
		images[0][2] != "bridge" || images[0][3] != "The bridge" || images[0][4] != "Dom Luís I" || images[1][2] != "river" || images[1][3] != "The river" || images[1][4] != "" {
		t.Errorf("content:\n%s\nwant a Gallery of the bridge (captioned) and the river", p.Content.Raw)
	}
	if strings.Contains(p.Content.Raw, "caption-position-bottom") {
		t.Errorf("the theme's template ran:\n%s", p.Content.Raw)
	}
	if siteHasEditor(t) {
		got := runEditorCheck(t, []editorItem{{Name: "Hugo gallery", Content: p.Content.Raw}}, 0, "")
		if len(got.Items) != 1 || got.Items[0].Blocks < 3 {
			t.Fatalf("editor check: %+v", got)
		}
		for _, pr := range got.Items[0].Problems {
			t.Errorf("block %s: %s", pr.Block, strings.Join(pr.Issues, "; "))
		}
		if got.Items[0].Saved != "" {
			t.Errorf("saving in the editor would change it:\n%s", firstDiff(p.Content.Raw, got.Items[0].Saved))
		}
	}
	secondRunWritesNothing(t, dir, 0)
}
