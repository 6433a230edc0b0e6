package e2e

import (
	"context"
	"strings"
	"testing"

	"github.com/wpsync/wpsync/internal/wptest"
)

// mathNote is a vault's note with math as Obsidian writes it (inline and
// display, dollars as money and escaped) and a footnote.
const mathNote = `---
title: Circles
date: 2026-11-02
---
The area of a circle is $\pi r^2$, which costs $5 and $10 to print, or \$3.

$$
\int_0^1 x\,dx = \frac{1}{2}
$$

Every circle has one[^1].

[^1]: Since Euclid.
`

// TestMath_Delimiters: math between the delimiters each generator
// documents (a vault's $…$ and $$…$$, kramdown's $$ in a Jekyll site, a
// Hugo site's passthrough delimiters) is the editor's inline math format
// and a Math block (6.9+; its MathML in Custom HTML before), money stays
// money; the editor keeps the post as it is; a second run and a run
// without the state write nothing.
func TestMath_Delimiters(t *testing.T) {
	const display = "$$\n\\int_0^1 x\\,dx = \\frac{1}{2}\n$$\n"
	front := func(slug string) string { return "---\ntitle: Circles\ndate: 2026-11-02\nslug: " + slug + "\n---\n" }
	sites := []struct {
		name  string
		files map[string]string
		post  string // the file
		text  string // the paragraph's words after the math
	}{
		{"obsidian", map[string]string{".obsidian/app.json": "{}\n", "Circles.md": mathNote}, "Circles.md", ", which costs $5 and $10 to print, or $3.</p>"},
		{"jekyll", map[string]string{"_config.yml": "title: Math\n",
			"_posts/2026-11-02-circles.md": front("circles-jekyll") + "The area of a circle is $$\\pi r^2$$, which costs $5.\n\n" + display},
			"_posts/2026-11-02-circles.md", ", which costs $5.</p>"},
		{"hugo", map[string]string{"hugo.toml": "baseURL = \"https://example.org/\"\n[markup.goldmark.extensions.passthrough]\nenable = true\n[markup.goldmark.extensions.passthrough.delimiters]\nblock = [['\\[', '\\]'], ['$$', '$$']]\ninline = [['\\(', '\\)']]\n",
			"content/posts/circles.md": front("circles-hugo") + "The area of a circle is \\(\\pi r^2\\), which costs $5 and $10.\n\n" + display},
			"content/posts/circles.md", ", which costs $5 and $10.</p>"},
	}
	for _, sc := range sites {
		t.Run(sc.name, func(t *testing.T) {
			dir := t.TempDir()
			for name, data := range sc.files {
				writeFile(t, dir, name, data)
			}
			rep := syncReport(t, dir, 0)
			it := rep.want(t, sc.post, "create")
			if len(it.Warnings) > 0 {
				t.Errorf("warnings: %q", it.Warnings)
			}
			c := getPost(t, "posts", it.ID).Content.Raw
			inline := `<p>The area of a circle is <math data-latex="\pi r^2"><semantics><mrow><mi>π</mi><msup><mi>r</mi><mn>2</mn></msup></mrow><annotation encoding="application/x-tex">\pi r^2</annotation></semantics></math>` + sc.text
			display := "<!-- wp:html -->\n<math display=\"block\"><semantics>"
			if hasBlockType(t, "core/math") {
				display = `<!-- wp:math {"latex":"\u005cint_0^1 x\u005c,dx = \u005cfrac{1}{2}"} -->` + "\n<div class=\"wp-block-math\"><math display=\"block\"><semantics>"
			}
			for _, w := range []string{inline, display} {
				if !strings.Contains(c, w) {
					t.Errorf("content lacks\n%s\n%s", w, c)
				}
			}
			if strings.Contains(c, "$$") || strings.Contains(c, `$\pi`) || strings.Contains(c, `\(`) {
				t.Errorf("delimiters of math left in the post:\n%s", c)
			}
			if siteHasEditor(t) {
				got := runEditorCheck(t, []editorItem{{Name: "math in " + sc.name, Content: c}}, 0, "")
				if len(got.Items) != 1 || got.Items[0].Blocks == 0 {
					t.Fatalf("editor check: %+v", got)
				}
				for _, pr := range got.Items[0].Problems {
					t.Errorf("block %s: %s", pr.Block, strings.Join(pr.Issues, "; "))
				}
				if got.Items[0].Saved != "" {
					t.Errorf("saving in the editor would change it:\n%s", firstDiff(c, got.Items[0].Saved))
				}
			}
			secondRunWritesNothing(t, dir, 0)
			checkStateLoss(t, site, nil, dir)
		})
	}
}

// TestMath_PullRoundTrip: math and footnotes synced to a site come back
// through pull as a vault writes them, and a sync right after writes
// nothing.
func TestMath_PullRoundTrip(t *testing.T) {
	s := wptest.Start(t, "e2e_math_pull", wptest.Options{})
	dir := t.TempDir()
	writeFile(t, dir, ".obsidian/app.json", "{}\n")
	writeFile(t, dir, "Circles.md", mathNote)
	syncOn(t, s, nil, dir)

	back := t.TempDir()
	writeFile(t, back, ".obsidian/app.json", "{}\n")
	r, rep := pullOn(t, s, back)
	if r.code != 0 || rep.Summary.Created != 1 {
		t.Fatalf("pull: exit %d, created %d\n%s\n%s", r.code, rep.Summary.Created, r.stdout, r.stderr)
	}
	files := snapshot(t, back)
	var note string
	for p, data := range files {
		if strings.HasSuffix(p, ".md") {
			note = data
		}
	}
	native := hasBlockTypeOn(t, s, "core/math")
	want := []string{`The area of a circle is $\pi r^2$, which costs $5 and $10 to print`}
	if hasBlockTypeOn(t, s, "core/footnotes") { // else goldmark's list, kept as written
		want = append(want, "Every circle has one[^", "]: Since Euclid.")
	}
	for _, w := range want {
		if !strings.Contains(note, w) {
			t.Errorf("pulled note lacks %q:\n%s", w, note)
		}
	}
	if native && !strings.Contains(note, "```math\n\\int_0^1 x\\,dx = \\frac{1}{2}\n```") {
		t.Errorf("pulled note lacks the Math block as ```math:\n%s", note)
	}
	if strings.Contains(note, "data-fn") || strings.Contains(note, "wp:footnotes") || strings.Contains(note, "data-latex") || strings.Contains(note, "wp:math") {
		t.Errorf("pulled note keeps markup:\n%s", note)
	}
	mark := s.Mark()
	srep := syncOn(t, s, nil, back)
	if w := siteWrites(t, s, mark); len(w) > 0 || srep.Summary.Created+srep.Summary.Updated > 0 {
		t.Fatalf("sync after pull wrote %v (summary %+v)", w, srep.Summary)
	}
	after := snapshot(t, back)
	// Nothing changes, the state file neither: pull records the vault's
	// key as the sync after reads the vault (site/obsidian.go Reindex).
	for _, c := range changed(files, after) {
		t.Errorf("sync after pull changed %s:\n%s", c, firstDiff(files[c], after[c]))
	}
}

// hasBlockTypeOn reports whether site s registers a block type.
func hasBlockTypeOn(t *testing.T, s *wptest.Site, name string) bool {
	t.Helper()
	var types []struct{ Name string }
	if err := s.GetJSON(context.Background(), "/wp/v2/block-types", map[string][]string{"_fields": {"name"}}, &types); err != nil {
		t.Fatal(err)
	}
	for _, bt := range types {
		if bt.Name == name {
			return true
		}
	}
	return false
}
