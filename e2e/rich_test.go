package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"testing"
)

// footnotesPost has footnotes: one referred to twice, one with two paragraphs
// and a link.
const footnotesPost = `---
title: Notes and sources
---
A claim[^src], another[^more], and the first again[^src].

[^src]: The *source*, "quoted".
[^more]: See [the docs](https://example.com/docs).

    A second paragraph.
`

// TestRich_Footnotes: footnotes become WordPress's own where the editor
// has a Footnotes block (6.3+: marks in the text, the notes in the
// footnotes meta, which WordPress shows), else goldmark's list as before;
// the editor keeps the post as it is, and a second run and runs without
// the state file write nothing.
func TestRich_Footnotes(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "notes-and-sources.md", footnotesPost)
	rep := syncReport(t, dir, 0)
	it := rep.want(t, "notes-and-sources.md", "create")
	p := getPost(t, "posts", it.ID)
	var withMeta struct {
		Meta    json.RawMessage // [] when the site registers none (6.1)
		Content struct{ Rendered string }
	}
	if err := site.GetJSON(context.Background(), fmt.Sprintf("/wp/v2/posts/%d", it.ID), map[string][]string{"context": {"edit"}}, &withMeta); err != nil {
		t.Fatal(err)
	}
	var meta map[string]any
	_ = json.Unmarshal(withMeta.Meta, &meta) // [] leaves it empty
	stored, _ := meta["footnotes"].(string)
	native := hasBlockType(t, "core/footnotes")
	t.Logf("WordPress %s: Footnotes block %v", site.Version, native)
	if native {
		var notes []struct{ ID, Content string }
		if err := json.Unmarshal([]byte(stored), &notes); err != nil || len(notes) != 2 {
			t.Fatalf("footnotes meta = %q (%v): want two notes", stored, err)
		}
		if notes[0].Content != `The <em>source</em>, "quoted".` || notes[1].Content != `See <a href="https://example.com/docs">the docs</a>.<br>A second paragraph.` {
			t.Errorf("notes = %+v", notes)
		}
		marks := regexp.MustCompile(`<sup data-fn="([^"]+)" class="fn"><a href="#([^"]+)" id="([^"]+)-link">(\d)</a></sup>`).FindAllStringSubmatch(p.Content.Raw, -1)
		if len(marks) != 2 {
			t.Fatalf("content has %d footnote marks, want 2:\n%s", len(marks), p.Content.Raw)
		}
		for i, m := range marks {
			if m[1] != notes[i].ID || m[2] != notes[i].ID || m[3] != notes[i].ID || m[4] != fmt.Sprint(i+1) {
				t.Errorf("mark %d = %s, want note %s numbered %d", i, m[0], notes[i].ID, i+1)
			}
		}
		if !strings.Contains(p.Content.Raw, `again<sup><a href="#`+notes[0].ID+`">1</a></sup>`) {
			t.Errorf("the second reference to a note does not link to it:\n%s", p.Content.Raw)
		}
		if !strings.HasSuffix(p.Content.Raw, "<!-- wp:footnotes /-->") {
			t.Errorf("content does not end with the Footnotes block:\n%s", p.Content.Raw)
		}
		// WordPress shows the notes from the meta.
		r := withMeta.Content.Rendered
		if !strings.Contains(r, `wp-block-footnotes`) || !strings.Contains(r, `<li id="`+notes[1].ID+`">`) || !strings.Contains(r, "A second paragraph.") {
			t.Errorf("the site does not show the notes:\n%s", r)
		}
	} else {
		if stored != "" || strings.Contains(p.Content.Raw, "data-fn") || !strings.Contains(p.Content.Raw, `<li id="fn:2">`) || !strings.Contains(p.Content.Raw, "<!-- wp:html -->") {
			t.Errorf("without a Footnotes block: meta %q, content:\n%s", stored, p.Content.Raw)
		}
	}
	if siteHasEditor(t) {
		items := []editorItem{{Name: "footnotes post", Content: p.Content.Raw}}
		got := runEditorCheck(t, items, 0, "")
		if len(got.Items) != 1 || got.Items[0].Blocks == 0 {
			t.Fatalf("editor check: %+v", got)
		}
		for _, pr := range got.Items[0].Problems {
			t.Errorf("block %s: %s", pr.Block, strings.Join(pr.Issues, "; "))
		}
		if got.Items[0].Saved != "" {
			t.Errorf("saving in the editor would change it:\n%s", firstDiff(p.Content.Raw, got.Items[0].Saved))
		}
	}
	secondRunWritesNothing(t, dir, 0)
	checkStateLoss(t, site, nil, dir)
}

// hasBlockType reports whether the test site registers a block type.
func hasBlockType(t *testing.T, name string) bool {
	t.Helper()
	var types []struct{ Name string }
	if err := site.GetJSON(context.Background(), "/wp/v2/block-types", map[string][]string{"_fields": {"name"}}, &types); err != nil {
		t.Fatal(err)
	}
	for _, bt := range types {
		if bt.Name == name {
			return true
		}
	}
	return false
}

// TestRich_Math: a ```math block is a Math block where the editor has one
// (6.9+), else its MathML in a Custom HTML block; the editor keeps it, and
// a second run writes nothing.
func TestRich_Math(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "formula.md", "---\ntitle: A formula\n---\nThe area:\n\n```math\n\\pi r^2\n```\n")
	rep := syncReport(t, dir, 0)
	p := getPost(t, "posts", rep.want(t, "formula.md", "create").ID)
	mathML := `<semantics><mrow><mi>π</mi><msup><mi>r</mi><mn>2</mn></msup></mrow><annotation encoding="application/x-tex">\pi r^2</annotation></semantics>`
	want := "<!-- wp:html -->\n<math display=\"block\">" + mathML + "</math>\n<!-- /wp:html -->"
	if hasBlockType(t, "core/math") {
		want = `<!-- wp:math {"latex":"\u005cpi r^2"} -->` + "\n<div class=\"wp-block-math\"><math display=\"block\">" + mathML + "</math></div>\n<!-- /wp:math -->"
	}
	if !strings.Contains(p.Content.Raw, want) {
		t.Errorf("content:\n%s\nwant it to hold\n%s", p.Content.Raw, want)
	}
	if siteHasEditor(t) {
		got := runEditorCheck(t, []editorItem{{Name: "math post", Content: p.Content.Raw}}, 0, "")
		if len(got.Items) != 1 || got.Items[0].Blocks == 0 {
			t.Fatalf("editor check: %+v", got)
		}
		for _, pr := range got.Items[0].Problems {
			t.Errorf("block %s: %s", pr.Block, strings.Join(pr.Issues, "; "))
		}
		if got.Items[0].Saved != "" {
			t.Errorf("saving in the editor would change it:\n%s", firstDiff(p.Content.Raw, got.Items[0].Saved))
		}
	}
	secondRunWritesNothing(t, dir, 0)
}
