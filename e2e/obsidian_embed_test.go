package e2e

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/wpsync/wpsync/internal/wptest"
)

// TestObsidian_Embeds: a vault's note embeds (testdata/sites/obsidian-embeds)
// show the embedded note, heading section and block in place; a note
// embedding itself is a link with a warning; a second run and a run
// without the state file write nothing; an edit of the embedded note
// rewrites it and the note that embeds it, and nothing else. Math is
// math; a Mermaid diagram is a warning with its line.
func TestObsidian_Embeds(t *testing.T) {
	dir := copyTree(t, filepath.Join("testdata", "sites", "obsidian-embeds"))
	rep := syncReport(t, dir, 0)
	embeds := rep.want(t, "Embeds.md", "create")
	tea := rep.want(t, "Notes/Tea.md", "create")
	recipes := rep.want(t, "Kitchen/Recipes.md", "create")
	rep.want(t, "Loop.md", "create", "line 6: ![[Loop]] embeds a note that embeds it (Loop.md → Loop.md): written as a link to it")
	// Math is math (math_test.go); diagrams are not drawn yet: the
	// diagram says so, money does not.
	math := rep.want(t, "Math.md", "create", "line 10: a ```mermaid diagram is shown as code: the site has no Mermaid plugin wpsync knows")
	if len(math.Warnings) != 1 {
		t.Errorf("Math.md warnings %q, want 1", math.Warnings)
	}
	m := getPost(t, "posts", math.ID).Content.Raw
	for _, w := range []string{`Euler wrote <math data-latex="e^{i\pi} + 1 = 0">`, "and tea costs $5 and $10.", `<math display="block"><semantics>`} {
		if !strings.Contains(m, w) {
			t.Errorf("Math.md lacks %q:\n%s", w, m)
		}
	}
	if strings.Contains(m, "$$") {
		t.Errorf("Math.md shows $$:\n%s", m)
	}
	e := getPost(t, "posts", embeds.ID)
	wantShown(t, "embeds", e,
		"Tea is <strong>hot</strong>. See <a href=\""+recipes.Link+"\">Recipes</a>.",
		shownHeading(t, 2, "", "kettle", "Kettle"), "Boil the water.", "Either works.",
		`id="cups-line">Warm the cups first.</p>`,
		`<a href="`+embeds.Link+`">Embeds</a> is a link.`)
	for _, not := range []string{"![[", "]]", "<strong>Cups", ">Cups</h2>", "^cups-line", "slug:"} {
		if strings.Contains(e.Content.Rendered, not) {
			t.Errorf("embeds shows %q:\n%s", not, e.Content.Rendered)
		}
	}
	editorAccepts(t, map[string]wpPost{"embeds.md": e})
	secondRunWritesNothing(t, dir, 0)
	if err := os.Remove(filepath.Join(dir, ".wpsync", "state.json")); err != nil {
		t.Fatal(err)
	}
	secondRunWritesNothing(t, dir, 0)

	// An edit of the embedded note: it and the embedding note only.
	p := filepath.Join(dir, "Notes", "Tea.md")
	if err := os.WriteFile(p, []byte("---\nslug: obe-tea\n---\nTea is *warm* now.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	later := time.Now().Add(2 * time.Second)
	if err := os.Chtimes(p, later, later); err != nil {
		t.Fatal(err)
	}
	mark := site.Mark()
	rep = syncReport(t, dir, 0)
	rep.want(t, "Embeds.md", "update")
	rep.want(t, "Notes/Tea.md", "update")
	rep.want(t, "Kitchen/Recipes.md", "unchanged")
	rep.want(t, "Loop.md", "unchanged")
	rep.want(t, "Math.md", "unchanged")
	// The two posts, in one batch request or one request each (the
	// report above says which files were written).
	if w := writes(t, mark); len(w) == 0 || len(w) > 2 || len(w) == 1 && !strings.Contains(w[0].URI, "batch/v1") {
		t.Errorf("the edit wrote %v, want the two posts", w)
	}
	wantShown(t, "embeds", getPost(t, "posts", tea.ID), "Tea is <em>warm</em> now.")
	wantShown(t, "embeds", getPost(t, "posts", embeds.ID), "Tea is <em>warm</em> now.", "Boil the water.")
	secondRunWritesNothing(t, dir, 0)
}

// TestPull_Vault: pulled into an Obsidian vault, a link to a pulled post
// is a [[wikilink]] (Obsidian's default), or a Markdown link when
// .obsidian/app.json says useMarkdownLinks: true; the pulled vault syncs
// back without a write.
func TestPull_Vault(t *testing.T) {
	s := wptest.Start(t, "e2e_pull_vault", wptest.Options{})
	tea := mustPost(t, s, "/wp/v2/posts", map[string]any{"title": "Tea", "slug": "tea", "status": "publish",
		"content": "<!-- wp:paragraph -->\n<p>Hot water.</p>\n<!-- /wp:paragraph -->"})
	mustPost(t, s, "/wp/v2/posts", map[string]any{"title": "Home", "slug": "home", "status": "publish",
		"content": fmt.Sprintf("<!-- wp:paragraph -->\n<p>Read <a href=\"%s\">Tea time</a> first.</p>\n<!-- /wp:paragraph -->", tea.Link)})
	for _, c := range []struct {
		name, app, want, not string
	}{
		{"wikilinks", `{"attachmentFolderPath": "media"}`, "|Tea time]]", "[Tea time]("},
		{"markdown links", `{"useMarkdownLinks": true}`, "[Tea time](", "[["},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			writeFile(t, dir, ".obsidian/app.json", c.app)
			r, _ := pullOn(t, s, dir)
			if r.code != 0 {
				t.Fatalf("pull: exit %d\n%s\n%s", r.code, r.stdout, r.stderr)
			}
			found := false
			for p, text := range snapshot(t, dir) {
				if strings.HasSuffix(p, ".md") && strings.Contains(text, "Tea time") {
					found = true
					if !strings.Contains(text, c.want) || strings.Contains(text, c.not) {
						t.Errorf("%s:\n%s\nwant %q, not %q", p, text, c.want, c.not)
					}
				}
			}
			if !found {
				t.Fatalf("no pulled note links to Tea: %v", keys(snapshot(t, dir)))
			}
			mark := s.Mark()
			srep := syncOn(t, s, nil, dir)
			if w := siteWrites(t, s, mark); len(w) > 0 || srep.Summary.Unchanged != 2 {
				t.Errorf("sync after pull: writes %v, summary %+v", w, srep.Summary)
			}
		})
	}
}
