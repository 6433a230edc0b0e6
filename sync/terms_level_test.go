package sync_test

import (
	"slices"
	"testing"

	"github.com/wpsync/wpsync/internal/wpfake"
	sitegen "github.com/wpsync/wpsync/site"
	. "github.com/wpsync/wpsync/sync"
)

// A category named alone is the one of that name at the top, when the
// site also has a child of that name (Hexo's [[Notes], [Tea]] beside
// [Kitchen, Tea]): whatever order the site lists them in, a run without
// the state file finds the same one.
func TestSyncer_Run_TopCategoryOverChild(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"b.md": "---\ntitle: B\ncategories: [Tea]\n---\nText.\n"})
	gen, err := sitegen.Detect(dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	wp := wpfake.New(t, wpfake.Options{})
	top := wp.AddTerm(wpfake.Term{Taxonomy: "categories", Name: "Tea"})
	kitchen := wp.AddTerm(wpfake.Term{Taxonomy: "categories", Name: "Kitchen"})
	wp.AddTerm(wpfake.Term{Taxonomy: "categories", Name: "Tea", Slug: "kitchen-tea", Parent: kitchen})
	if r := runWith(t, wp, dir, Options{Generator: gen}); r.Summary != (Summary{Created: 1}) {
		t.Fatalf("run 1: %+v %+v", r.Summary, r.Items)
	}
	ps := live(wp, "posts")
	if len(ps) != 1 || !slices.Equal(ps[0].Categories, []int{top}) {
		t.Errorf("posts %+v, want the top Tea (%d)", ps, top)
	}
}
