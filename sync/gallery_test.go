package sync_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/wpsync/wpsync/internal/wpfake"
	. "github.com/wpsync/wpsync/sync"
)

// TestGallery_MediaCaptions: the pictures of a gallery are uploaded once
// each, with the alt text and the title as the media item's alt text and
// caption, and the Gallery block's Image blocks name them.
func TestGallery_MediaCaptions(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"trip.md":        "---\ntitle: Trip\n---\n![A red door](img/door.png \"The red door\") ![A window](img/window.png)\n",
		"img/door.png":   png(1),
		"img/window.png": png(2),
	})
	wp := wpfake.New(t, wpfake.Options{})
	r := runWith(t, wp, dir, Options{})
	if r.Summary.Created != 1 || r.Summary.Failed != 0 {
		t.Fatalf("summary %+v: %+v", r.Summary, r.Items)
	}
	door, window := mediaOf(wp, png(1)), mediaOf(wp, png(2))
	if len(door) != 1 || len(window) != 1 {
		t.Fatalf("door %d, window %d media items; want one each", len(door), len(window))
	}
	if door[0].AltText != "A red door" || door[0].Caption != "The red door" || window[0].AltText != "A window" || window[0].Caption != "" {
		t.Errorf("door %+v, window %+v", door[0], window[0])
	}
	p := post(t, wp, itemFor(t, r, "trip.md").ID)
	for _, want := range []string{
		`"linkTo":"none"} -->` + "\n" + `<figure class="wp-block-gallery has-nested-images columns-default is-cropped"><!-- wp:image`,
		fmt.Sprintf(`<!-- wp:image {"id":%d,"linkDestination":"none"} -->`, door[0].ID),
		fmt.Sprintf(`class="wp-image-%d"/><figcaption class="wp-element-caption">The red door</figcaption>`, door[0].ID),
		fmt.Sprintf(`<!-- wp:image {"id":%d,"linkDestination":"none"} -->`, window[0].ID),
	} {
		if !strings.Contains(p.Content, want) {
			t.Errorf("content lacks %s:\n%s", want, p.Content)
		}
	}
}

// TestMermaid_SiteWithMerPress: a ```mermaid block is MerPress's block on
// a site that has it, without the warning of its first rendering (in the
// markup the state did not know yet); when the plugin is installed later,
// the next run that sends something finds it, as after an upgrade of the
// editor (markup.go), and sends the diagram as the block.
func TestMermaid_SiteWithMerPress(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"flow.md": "---\ntitle: Flow\n---\n```mermaid\ngraph TD\n  A-->B\n```\n"})
	without := wpfake.BlockTypesOf("latest")
	with := append(append([]byte(nil), without[:len(without)-1]...), `,{"name":"merpress/mermaidjs"}]`...)
	wp := wpfake.New(t, wpfake.Options{BlockTypes: without})
	r := runWith(t, wp, dir, Options{})
	it := itemFor(t, r, "flow.md")
	if len(it.Warnings) != 1 || !strings.HasPrefix(it.Warnings[0], "line 4: a ```mermaid diagram is shown as code") {
		t.Errorf("without MerPress: warnings %q", it.Warnings)
	}
	if p := post(t, wp, it.ID); !strings.Contains(p.Content, "language-mermaid") {
		t.Errorf("without MerPress:\n%s", p.Content)
	}

	wp.SetBlockTypes(with)
	writeFiles(t, dir, map[string]string{"flow.md": "---\ntitle: Flow\n---\n```mermaid\ngraph TD\n  A-->B\n```\n\nEdited.\n"})
	r = runWith(t, wp, dir, Options{})
	it = itemFor(t, r, "flow.md")
	if r.Summary != (Summary{Updated: 1}) || len(it.Warnings) != 0 {
		t.Errorf("after MerPress came: %+v, warnings %q; want flow.md updated without a warning", r.Summary, it.Warnings)
	}
	if p := post(t, wp, it.ID); !strings.Contains(p.Content, `<pre class="wp-block-merpress-mermaidjs mermaid">graph TD`+"\n"+`  A-->B</pre>`) {
		t.Errorf("with MerPress:\n%s", p.Content)
	}

	// A new site with MerPress from the start: the first rendering's
	// warning (in today's markup, before the site was asked) is gone.
	wp2 := wpfake.New(t, wpfake.Options{BlockTypes: with})
	dir2 := t.TempDir()
	writeFiles(t, dir2, map[string]string{"flow.md": "```mermaid\ngraph TD\n```\n"})
	r = runWith(t, wp2, dir2, Options{})
	if it := itemFor(t, r, "flow.md"); len(it.Warnings) != 0 || !strings.Contains(post(t, wp2, it.ID).Content, "wp:merpress/mermaidjs") {
		t.Errorf("new site with MerPress: warnings %q, content %s", it.Warnings, post(t, wp2, it.ID).Content)
	}
}
