package sync_test

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/wpsync/wpsync/internal/wpfake"
	"github.com/wpsync/wpsync/state"
	. "github.com/wpsync/wpsync/sync"
)

// blockTypesAsked counts the requests for the site's block types.
func blockTypesAsked(wp *wpfake.Server) int {
	n := 0
	for _, r := range wp.Requests() {
		if r.Method == http.MethodGet && r.Route == "/wp/v2/block-types" {
			n++
		}
	}
	return n
}

// A lost answer ends the run before any write; a refusal gives today's
// markup.
func TestSyncer_MarkupUnknown(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"a.md": "## Head\n"})
	wp := wpfake.New(t, wpfake.Options{BlockTypes: wpfake.BlockTypesOf("6.1")})
	wp.Fail(wpfake.Fault{Method: http.MethodGet, Route: "/wp/v2/block-types", LoseAnswer: true})
	st, err := state.Load(state.DefaultPath(dir))
	if err != nil {
		t.Fatal(err)
	}
	_, err = New(client(t, wp), st, Options{Dir: dir}).Run(context.Background())
	var fe *FatalError
	if !errors.As(err, &fe) || !strings.Contains(err.Error(), "block types") || len(wp.Writes()) != 0 {
		t.Fatalf("lost answer: %v, requests %v; want a fatal error naming the block types, no write", err, wp.Log())
	}
	wp.ClearFaults()
	wp.Fail(wpfake.Fault{Method: http.MethodGet, Route: "/wp/v2/block-types", Status: http.StatusForbidden})
	r, err := New(client(t, wp), st, Options{Dir: dir}).Run(context.Background())
	if err != nil || r.Summary.Created != 1 {
		t.Fatalf("refused: %v %+v", err, r)
	}
	for _, p := range wp.Posts("posts") {
		if !strings.Contains(p.Content, `<h2 id="head" class="wp-block-heading">`) {
			t.Errorf("refused: not today's markup:\n%s", p.Content)
		}
	}
}

// TestSyncer_MarkupOfTheSite: posts are written in the markup the site's
// editor saves, the site is asked only by runs that send something, and
// when its editor changes every file is sent once more in the new markup.
func TestSyncer_MarkupOfTheSite(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"a.md": "## Head\n\n- x\n\n| t |\n|---|\n| 1 |\n",
		"b.md": "## Other\n",
	})
	wp := wpfake.New(t, wpfake.Options{BlockTypes: wpfake.BlockTypesOf("6.1")})
	run := func() *Report {
		t.Helper()
		wp.ResetLog()
		return runWith(t, wp, dir, Options{})
	}
	content := func(slug string) string {
		t.Helper()
		p, ok := wp.PostBySlug("posts", slug)
		if !ok {
			t.Fatalf("no post %s", slug)
		}
		return p.Content
	}

	if r := run(); r.Summary != (Summary{Created: 2}) || blockTypesAsked(wp) != 1 {
		t.Fatalf("first run: %+v, block types asked %d times; want 2 created, asked once", r.Summary, blockTypesAsked(wp))
	}
	if a := content("a"); !strings.Contains(a, `<h2 id="head">Head</h2>`) || !strings.Contains(a, "<ul><!--") || !strings.Contains(a, "<!-- wp:table -->") {
		t.Errorf("on a 6.1 site, a.md is not in 6.1's markup:\n%s", a)
	}
	if r := run(); r.Summary != (Summary{Unchanged: 2}) || len(wp.Requests()) != 0 {
		t.Errorf("second run: %+v, requests %v; want nothing sent", r.Summary, wp.Log())
	}

	// A state file of a wpsync that did not know markups: files are
	// rendered in today's markup, found to differ, and once the site has
	// answered, found unchanged after all; nothing is written.
	st, err := state.Load(state.DefaultPath(dir))
	if err != nil {
		t.Fatal(err)
	}
	st.Options = strings.Split(st.Options, " markup=")[0]
	if err := st.Save(); err != nil {
		t.Fatal(err)
	}
	if r := run(); r.Summary != (Summary{Unchanged: 2}) || len(wp.Writes()) != 0 || blockTypesAsked(wp) != 1 {
		t.Errorf("run with an older state: %+v, requests %v; want 2 unchanged, no write, block types asked once", r.Summary, wp.Log())
	}
	if r := run(); r.Summary != (Summary{Unchanged: 2}) || len(wp.Requests()) != 0 {
		t.Errorf("run after it: %+v, requests %v; want nothing sent", r.Summary, wp.Log())
	}

	// The site is upgraded; the next run that sends something finds out.
	wp.SetBlockTypes(wpfake.BlockTypesOf("latest"))
	writeFiles(t, dir, map[string]string{"b.md": "## Other, edited\n"})
	if r := run(); r.Summary != (Summary{Updated: 1, Unchanged: 1}) || blockTypesAsked(wp) != 1 {
		t.Errorf("run after the upgrade: %+v, asked %d; want b.md updated", r.Summary, blockTypesAsked(wp))
	}
	if b := content("b"); !strings.Contains(b, `<h2 id="other-edited" class="wp-block-heading">Other, edited</h2>`) {
		t.Errorf("b.md is not in today's markup:\n%s", b)
	}
	if r := run(); r.Summary != (Summary{Updated: 1, Unchanged: 1}) {
		t.Errorf("next run: %+v; want a.md updated to the new markup", r.Summary)
	}
	if a := content("a"); !strings.Contains(a, `<h2 id="head" class="wp-block-heading">Head</h2>`) || !strings.Contains(a, `<ul class="wp-block-list">`) || !strings.Contains(a, `<!-- wp:table {"hasFixedLayout":false} -->`) {
		t.Errorf("a.md is not in today's markup:\n%s", a)
	}
	if r := run(); r.Summary != (Summary{Unchanged: 2}) || len(wp.Requests()) != 0 {
		t.Errorf("last run: %+v, requests %v; want nothing sent", r.Summary, wp.Log())
	}
}
