package sync

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/wpsync/wpsync/markdown"
	"github.com/wpsync/wpsync/state"
)

// blockTypesJSON are answers of /wp/v2/block-types?_fields=name,
// supports.className,supports.typography.textAlign,attributes.hasFixedLayout
// as real sites give them
// (PHP writes an empty object as []; the client turns that into nil).
var blockTypesJSON = map[string]string{
	"6.1":   `[{"name":"core/heading","supports":{"className":false,"typography":[]}},{"name":"core/list","supports":{"className":false}},{"name":"core/table","attributes":{"hasFixedLayout":{"type":"boolean","default":false}}}]`,
	"6.5":   `[{"name":"core/heading","supports":{"className":true,"typography":[]}},{"name":"core/list","supports":{"className":false}},{"name":"core/table","attributes":{"hasFixedLayout":{"type":"boolean","default":false}}}]`,
	"6.9":   `[{"name":"core/heading","supports":{"className":true,"typography":[]}},{"name":"core/list"},{"name":"core/table","attributes":{"hasFixedLayout":{"type":"boolean","default":true}}}]`,
	"today": `[{"name":"core/heading","supports":{"className":true,"typography":{"textAlign":true}}},{"name":"core/list"},{"name":"core/table","attributes":{"hasFixedLayout":{"type":"boolean","default":true}}}]`,
}

func blockTypes(t *testing.T, version string) []BlockType {
	t.Helper()
	var types []BlockType
	if err := json.Unmarshal([]byte(blockTypesJSON[version]), &types); err != nil {
		t.Fatal(err)
	}
	return types
}

func TestMarkupOf(t *testing.T) {
	tests := []struct {
		version string
		want    markdown.Markup
	}{
		{"6.1", markdown.MarkupWP61},
		{"6.5", markdown.Markup{PlainLists: true, FlexibleTables: true, AnchorsFromID: true}},
		{"6.9", markdown.Markup{AnchorsFromID: true}},
		{"today", markdown.Markup{}},
		{"none", markdown.Markup{}}, // a site that describes none: today's
	}
	for _, tt := range tests {
		t.Run(tt.version, func(t *testing.T) {
			var types []BlockType
			if tt.version != "none" {
				types = blockTypes(t, tt.version)
			}
			if got := markupOf(types); got != tt.want {
				t.Errorf("markupOf = %+v, want %+v", got, tt.want)
			}
		})
	}
	for _, m := range []markdown.Markup{{}, markdown.MarkupWP61, {PlainLists: true}} {
		key := "v3 status=publish format=" + markupKey(m)
		if got := markupFromKey(key); got != m {
			t.Errorf("markupFromKey(%q) = %+v, want %+v", key, got, m)
		}
	}
}

// blockTypesFake is the fake site with a block editor of some version.
type blockTypesFake struct {
	*fakePublisher
	types []BlockType
	err   error
	asked int
}

func (f *blockTypesFake) BlockTypes(ctx context.Context, fields ...string) ([]BlockType, error) {
	f.asked++
	return f.types, f.err
}

// A lost answer ends the run before any write; a refusal gives today's
// markup.
func TestSyncer_MarkupUnknown(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"a.md": "## Head\n"})
	fake := &blockTypesFake{fakePublisher: newFake(), err: errors.New("connection reset by peer")}
	st, err := state.Load(state.DefaultPath(dir))
	if err != nil {
		t.Fatal(err)
	}
	_, err = New(fake, st, Options{Dir: dir}).Run(context.Background())
	var fe *FatalError
	if !errors.As(err, &fe) || !strings.Contains(err.Error(), "block types") || fake.writes() != 0 {
		t.Fatalf("lost answer: %v, calls %v; want a fatal error naming the block types, no write", err, fake.calls)
	}
	fake.err = statusErr(403)
	r, err := New(fake, st, Options{Dir: dir}).Run(context.Background())
	if err != nil || r.Summary.Created != 1 {
		t.Fatalf("refused: %v %+v", err, r)
	}
	for _, p := range fake.posts {
		if !strings.Contains(p.Content, `<h2 class="wp-block-heading">`) {
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
	fake := &blockTypesFake{fakePublisher: newFake(), types: blockTypes(t, "6.1")}
	run := func() *Report {
		t.Helper()
		st, err := state.Load(state.DefaultPath(dir))
		if err != nil {
			t.Fatal(err)
		}
		fake.reset()
		fake.asked = 0
		r, err := New(fake, st, Options{Dir: dir, Site: "http://wp.test"}).Run(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	content := func(slug string) string {
		for _, p := range fake.posts {
			if p.Slug == slug {
				return p.Content
			}
		}
		t.Fatalf("no post %s", slug)
		return ""
	}

	if r := run(); r.Summary != (Summary{Created: 2}) || fake.asked != 1 {
		t.Fatalf("first run: %+v, block types asked %d times; want 2 created, asked once", r.Summary, fake.asked)
	}
	if a := content("a"); !strings.Contains(a, "<h2>Head</h2>") || !strings.Contains(a, "<ul><!--") || !strings.Contains(a, "<!-- wp:table -->") {
		t.Errorf("on a 6.1 site, a.md is not in 6.1's markup:\n%s", a)
	}
	if r := run(); r.Summary != (Summary{Unchanged: 2}) || len(fake.calls) != 0 || fake.asked != 0 {
		t.Errorf("second run: %+v, calls %v, asked %d; want nothing sent", r.Summary, fake.calls, fake.asked)
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
	if r := run(); r.Summary != (Summary{Unchanged: 2}) || fake.writes() != 0 || fake.asked != 1 {
		t.Errorf("run with an older state: %+v, calls %v, asked %d; want 2 unchanged, no write", r.Summary, fake.calls, fake.asked)
	}
	if r := run(); r.Summary != (Summary{Unchanged: 2}) || len(fake.calls) != 0 {
		t.Errorf("run after it: %+v, calls %v; want nothing sent", r.Summary, fake.calls)
	}

	// The site is upgraded; the next run that sends something finds out.
	fake.types = blockTypes(t, "today")
	writeFiles(t, dir, map[string]string{"b.md": "## Other, edited\n"})
	if r := run(); r.Summary != (Summary{Updated: 1, Unchanged: 1}) || fake.asked != 1 {
		t.Errorf("run after the upgrade: %+v, asked %d; want b.md updated", r.Summary, fake.asked)
	}
	if b := content("b"); !strings.Contains(b, `<h2 class="wp-block-heading">Other, edited</h2>`) {
		t.Errorf("b.md is not in today's markup:\n%s", b)
	}
	if r := run(); r.Summary != (Summary{Updated: 1, Unchanged: 1}) {
		t.Errorf("next run: %+v; want a.md updated to the new markup", r.Summary)
	}
	if a := content("a"); !strings.Contains(a, `<h2 class="wp-block-heading">Head</h2>`) || !strings.Contains(a, `<ul class="wp-block-list">`) || !strings.Contains(a, `<!-- wp:table {"hasFixedLayout":false} -->`) {
		t.Errorf("a.md is not in today's markup:\n%s", a)
	}
	if r := run(); r.Summary != (Summary{Unchanged: 2}) || len(fake.calls) != 0 {
		t.Errorf("last run: %+v, calls %v; want nothing sent", r.Summary, fake.calls)
	}
}
