package sync_test

import (
	"testing"

	"github.com/wpsync/wpsync/internal/wpfake"
	sitegen "github.com/wpsync/wpsync/site"
	. "github.com/wpsync/wpsync/sync"
)

// A category name with "/" is one term in Hugo ("CI/CD"), and a
// Parent/Child path in a plain folder, wpsync's own rule; a second run
// writes nothing either way.
func TestSyncer_Run_SlashInCategory(t *testing.T) {
	const post = "---\ntitle: Pipelines\ncategories: [CI/CD]\n---\nBuilds.\n"
	for _, tt := range []struct {
		name  string
		files map[string]string
		want  map[string]int // name → parent's name's count of terms; "" parent: top
	}{
		{"hugo", map[string]string{"hugo.toml": "baseURL = 'https://example.org/'\n", "content/post/pipelines.md": post}, map[string]int{"CI/CD": 0}},
		{"plain", map[string]string{"pipelines.md": post}, map[string]int{"CI": 0, "CD": 1}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			writeFiles(t, dir, tt.files)
			gen, err := sitegen.Detect(dir, nil)
			if err != nil {
				t.Fatal(err)
			}
			wp := wpfake.New(t, wpfake.Options{})
			run := func() *Report { return runWith(t, wp, dir, Options{Generator: gen}) }
			if r := run(); r.Summary != (Summary{Created: 1}) {
				t.Fatalf("run 1: %+v %+v", r.Summary, r.Items)
			}
			terms := madeTerms(wp, "categories")
			if len(terms) != len(tt.want) {
				t.Fatalf("categories %+v, want %v", terms, tt.want)
			}
			byID := map[int]wpfake.Term{}
			for _, c := range terms {
				byID[c.ID] = c
			}
			for _, c := range terms {
				depth, ok := tt.want[c.Name]
				if !ok {
					t.Errorf("category %q made, want only %v", c.Name, tt.want)
				}
				d := 0
				for p := c.Parent; p != 0; p = byID[p].Parent {
					d++
				}
				if d != depth {
					t.Errorf("category %q is %d levels down, want %d", c.Name, d, depth)
				}
			}
			ps := live(wp, "posts")
			if len(ps) != 1 || len(ps[0].Categories) != 1 || byID[ps[0].Categories[0]].Parent != 0 && tt.name == "hugo" {
				t.Errorf("posts %+v", ps)
			}
			wp.ResetLog()
			if r := run(); r.Summary != (Summary{Unchanged: 1}) || len(wp.Writes()) != 0 {
				t.Errorf("run 2: %+v, writes %v", r.Summary, wp.Writes())
			}
		})
	}
}
