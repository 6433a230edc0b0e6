package e2e

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestEleventy_JSData: an Eleventy site whose configuration computes its
// input folder (wpsync.yaml's input: names it, and the run says so),
// paired shortcodes mapped in wpsync.yaml (Nunjucks and Liquid, nested,
// with a mapped unpaired one inside) and an unmapped one whose content
// stays, JavaScript data files (blog.11tydata.js with collections and a
// computed permalink; an .11tydata.mjs with eleventyExcludeFromCollections;
// one that requires a module, not run), tags inherited from directory
// data added to a post's own, and a collection-only tag list. No template
// syntax in prose; a second run and a run without the state file write
// nothing.
func TestEleventy_JSData(t *testing.T) {
	dir := copyTree(t, filepath.Join("testdata", "sites", "eleventy-js"))
	rep := syncReport(t, dir, 0)
	paired := rep.want(t, "pages/blog/2024-04-01-ej-paired.md", "create",
		`line 17: Nunjucks shortcode "aside" is the site's own (JavaScript): its tags are left out, its content stays`)
	liquid := rep.want(t, "pages/blog/2024-04-02-ej-liquid.md", "create",
		`line 11: Liquid shortcode "aside" is the site's own (JavaScript): its tags are left out, its content stays`)
	note := rep.want(t, "pages/notes/ej-note.md", "create")
	rep.want(t, "pages/blog/ej-hidden.md", "skipped", "eleventyExcludeFromCollections: true")
	if rep.Summary.Leftovers != 0 {
		t.Errorf("leftovers: %+v", rep.Items)
	}
	if notes := strings.Join(rep.Notes, "\n"); !strings.Contains(notes, "Eleventy: input folder pages/ (input: in wpsync.yaml), templates run before Markdown: Nunjucks") {
		t.Errorf("run notes %q: want the input folder named", rep.Notes)
	}
	warned := strings.Join(rep.Warnings, "\n")
	for _, want := range []string{
		"Eleventy: directory data blog/blog.11tydata.js: permalink computed by a function, not read",
		"Eleventy: directory data notes/notes.11tydata.js is not read (line 1 requires or imports a module, which wpsync does not run)",
	} {
		if !strings.Contains(warned, want) {
			t.Errorf("run warnings %q: want %q", rep.Warnings, want)
		}
	}
	posts := map[string]wpPost{"paired": getPost(t, "posts", paired.ID), "liquid": getPost(t, "posts", liquid.ID), "note": getPost(t, "posts", note.ID)}
	wantShown(t, "paired", posts["paired"],
		">Before the callout.</p>",
		`<aside class="callout-tip">`,
		"Warm the pot with <strong>hot</strong> water, then press <kbd>Start</kbd>.",
		`<aside class="callout-inner">`, "Nested advice for paired shortcodes.",
		">An aside the site&#8217;s JavaScript wraps: <em>its text</em> stays.</p>",
		">After the callout.</p>")
	wantShown(t, "liquid", posts["liquid"],
		`<aside class="callout-warning">`,
		"<strong>paired</strong> shortcode, press <kbd>Stop</kbd>, on ej-liquid.",
		"Liquid aside: <em>kept</em>.")
	for name, p := range posts {
		prose := codeBlock.ReplaceAllString(p.Content.Rendered, "")
		for _, s := range append(eleventySource, "endcallout", "endaside") {
			if strings.Contains(prose, s) {
				t.Errorf("%s shows %q:\n%s", name, s, p.Content.Rendered)
			}
		}
	}
	// journal comes from blog.11tydata.js, kettles from the post; posts
	// is a collection only, so the note has no tag.
	for name, want := range map[string][]string{"paired": {"journal", "kettles"}, "liquid": {"journal"}, "note": nil} {
		if got := termNames(t, "tags", posts[name].Tags); !slices.Equal(got, want) {
			t.Errorf("%s tags %q, want %q", name, got, want)
		}
	}
	editorAccepts(t, map[string]wpPost{"paired.md": posts["paired"], "liquid.md": posts["liquid"], "note.md": posts["note"]})
	secondRunWritesNothing(t, dir, 0)
	if err := os.Remove(filepath.Join(dir, ".wpsync", "state.json")); err != nil {
		t.Fatal(err)
	}
	secondRunWritesNothing(t, dir, 0)
}
