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
