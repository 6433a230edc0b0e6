package sync_test

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/wpsync/wpsync/internal/wpfake"
	. "github.com/wpsync/wpsync/sync"
)

// D11: tags, categories, the excerpt and the featured image taken out of a
// file (or emptied) are taken off its post (docs/content.md: "when absent: none"),
// categories back to the site's default; a post that already is so
// compares the same, with or without the state file.
func TestSyncer_Run_RemovedTermsAndFeaturedImage(t *testing.T) {
	const (
		full  = "---\ntitle: Garden diary\ntags: [tomatoes, mistakes]\ncategories: [Garden]\nexcerpt: What went wrong.\nfeatured_image: img/cover.png\n---\nThe tomatoes split.\n"
		bare  = "---\ntitle: Garden diary\n---\nThe tomatoes split.\n"
		empty = "---\ntitle: Garden diary\ntags: []\ncategories: []\n---\nThe tomatoes split.\n"
		page  = "---\ntype: page\ntitle: About\n---\nAbout us.\n"
	)
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"garden-diary.md": full, "img/cover.png": png(3), "about.md": page})
	wp := wpfake.New(t, wpfake.Options{})
	r := runSync(t, wp, dir, false)
	if r.Summary != (Summary{Created: 2}) {
		t.Fatalf("run 1: %+v", r.Summary)
	}
	post := func() wpfake.Post {
		t.Helper()
		ps := live(wp, "posts")
		if len(ps) != 1 {
			t.Fatalf("%d posts, want 1", len(ps))
		}
		return ps[0]
	}
	// Pages have neither: none is sent.
	for _, w := range wp.Writes() {
		if strings.HasPrefix(w.Route, "/wp/v2/pages") && (w.Param("tags") != "" || w.Param("categories") != "") {
			t.Errorf("a page was sent terms: %s %s", w, w.Body)
		}
	}
	if p := post(); len(p.Tags) != 2 || len(p.Categories) != 1 || p.Categories[0] == 1 || p.FeaturedMedia == 0 || p.Excerpt == "" {
		t.Fatalf("run 1 post: %+v", p)
	}
	bareIsUnchanged := func(run string) {
		t.Helper()
		wp.ResetLog()
		r := runSync(t, wp, dir, false)
		if r.Summary.Created+r.Summary.Updated+r.Summary.Failed != 0 || len(wp.Writes()) != 0 {
			t.Errorf("%s: %+v, writes %v", run, r.Summary, wp.Writes())
		}
	}
	for _, tt := range []struct{ name, src string }{{"keys removed", bare}, {"lists emptied", empty}} {
		t.Run(tt.name, func(t *testing.T) {
			writeFiles(t, dir, map[string]string{"garden-diary.md": full})
			runSync(t, wp, dir, false)
			writeFiles(t, dir, map[string]string{"garden-diary.md": tt.src})
			wp.ResetLog()
			if r := runSync(t, wp, dir, false); r.Summary.Updated != 1 || r.Summary.Unchanged != 1 {
				t.Fatalf("update: %+v %+v", r.Summary, r.Items)
			}
			if p := post(); len(p.Tags) != 0 || !slices.Equal(p.Categories, []int{1}) || p.FeaturedMedia != 0 || p.Excerpt != "" {
				t.Errorf("after the update: tags %v categories %v featured %d excerpt %q; want none, [1], 0, \"\"", p.Tags, p.Categories, p.FeaturedMedia, p.Excerpt)
			}
			bareIsUnchanged("again")
			// Without the state: the post found by its slug already is
			// what the file says, default category included.
			for i := range 2 {
				if err := os.Remove(filepath.Join(dir, ".wpsync", "state.json")); err != nil {
					t.Fatal(err)
				}
				bareIsUnchanged("without the state " + string(rune('1'+i)))
			}
		})
	}
}
