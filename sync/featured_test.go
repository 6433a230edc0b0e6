package sync_test

import (
	"strings"
	"testing"

	"github.com/wpsync/wpsync/internal/wpfake"
	. "github.com/wpsync/wpsync/sync"
)

// TestFeatured_MissingFileLeftOut: a featured image the folder does not
// hold is left out with a warning naming its line; the post is published,
// and a second run sends nothing. The picture saved there later becomes
// the post's featured image on the next run.
func TestFeatured_MissingFileLeftOut(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"posts/a.md":      "---\ntitle: A\nimage: \"redesign.png\"\n---\nThe new design.\n",
		"posts/b.md":      "---\ntitle: B\nfeatured_image: /img/nowhere.png\n---\nB.\n",
		"posts/c.md":      "---\ntitle: C\nfeatured_image: img/cover.png\n---\nC.\n",
		"posts/img/c.png": png(3),
	})
	wp := wpfake.New(t, wpfake.Options{})
	r := runWith(t, wp, dir, Options{})
	if r.Summary.Created != 3 || r.Summary.Failed != 0 {
		t.Fatalf("summary %+v: %+v", r.Summary, r.Items)
	}
	for p, want := range map[string]string{
		"posts/a.md": "line 3: featured image redesign.png not found (no file posts/redesign.png in the synced folder): the post is published without a featured image",
		"posts/b.md": "line 3: featured image /img/nowhere.png not found: a path from the site's root is looked for in",
		"posts/c.md": "line 3: featured image img/cover.png not found (no file posts/img/cover.png in the synced folder): the post is published without a featured image",
	} {
		it := itemFor(t, r, p)
		n := 0
		for _, w := range it.Warnings {
			if strings.Contains(w, "featured image") {
				n++
				if !strings.Contains(w, want) {
					t.Errorf("%s: warning %q, want %q", p, w, want)
				}
			}
		}
		if n != 1 {
			t.Errorf("%s: %d warnings about the featured image, want 1: %q", p, n, it.Warnings)
		}
		if got := post(t, wp, it.ID); got.FeaturedMedia != 0 {
			t.Errorf("%s: featured media %d, want none", p, got.FeaturedMedia)
		}
	}
	wp.ResetLog()
	r = runWith(t, wp, dir, Options{})
	if r.Summary.Unchanged != 3 || len(wp.Requests()) != 0 {
		t.Errorf("second run: summary %+v, requests %v", r.Summary, wp.Log())
	}

	writeFiles(t, dir, map[string]string{"posts/redesign.png": png(4)})
	r = runWith(t, wp, dir, Options{})
	a := itemFor(t, r, "posts/a.md")
	if r.Summary.Updated != 1 || a.Action != ActionUpdate || len(a.Warnings) != 0 {
		t.Fatalf("the picture added: summary %+v, a.md %+v", r.Summary, a)
	}
	if m := mediaOf(wp, png(4)); len(m) != 1 || post(t, wp, a.ID).FeaturedMedia != m[0].ID {
		t.Errorf("a.md's featured image is not the picture added: %+v", m)
	}
	wp.ResetLog()
	r = runWith(t, wp, dir, Options{})
	if r.Summary.Unchanged != 3 || len(wp.Requests()) != 0 {
		t.Errorf("the run after: summary %+v, requests %v", r.Summary, wp.Log())
	}
}
