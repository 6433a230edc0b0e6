package e2e

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// Obsidian vaults (issue 23): the case of shared/cases/dialects
// (testdata/cases/obsidian-vault-syntax) and a vault of our own
// (testdata/sites/obsidian).

// uploadedSrc finds the uploaded pictures in a post's HTML.
var uploadedSrc = regexp.MustCompile(`<img [^>]*src="([^"]*/wp-content/uploads/[^"]+)"[^>]*>`)

// TestObsidian_Case: what EXPECTED.md expects of the case: links to the
// notes, the pictures, callout boxes with their titles, no ^id, no
// %%…%%, highlighted text; ![](table.png) finds Attachments/table.png.
func TestObsidian_Case(t *testing.T) {
	dir := copyTree(t, filepath.Join("testdata", "cases", "obsidian-vault-syntax"))
	mark := site.Mark()
	rep := syncReport(t, dir, 0)
	link := rep.want(t, "Getting started/Link notes.md", "create")
	create := rep.want(t, "Getting started/Create a note.md", "create")
	callouts := rep.want(t, "Formatting/Callouts.md", "create")
	table := rep.want(t, "Bases/Table view.md", "create")
	if n := len(uploads(t, mark)); n != 2 {
		t.Errorf("%d uploads, want the 2 pictures once each", n)
	}
	if rep.Summary.Leftovers != 0 {
		t.Errorf("leftovers: %+v", rep.Items)
	}
	posts := map[string]wpPost{}
	for name, it := range map[string]reportItem{"link": link, "create": create, "callouts": callouts, "table": table} {
		posts[name] = getPost(t, "posts", it.ID)
	}
	wantShown(t, "link-notes", posts["link"],
		`<a href="`+create.Link+`">Create a note</a>`, `<a href="`+callouts.Link+`">Callouts</a>`,
		`<a href="`+callouts.Link+`#foldable-callouts">foldable callouts</a>`, `<a href="#link-notes">top</a>`,
		`id="linking-block">This line is a block you can link to.</p>`)
	wantShown(t, "create-a-note", posts["create"], `wp-block-image is-resized`, "<mark>highlight</mark>")
	if r := posts["create"].Content.Rendered; !strings.Contains(r, ` width="300"`) && !strings.Contains(r, `style="width:300px;height:auto"`) {
		t.Errorf("create-a-note: the picture is not 300 pixels wide:\n%s", r)
	}
	wantShown(t, "callouts", posts["callouts"],
		`<div class="wp-block-group callout callout-info`, `<strong>Here&#8217;s a callout title</strong>`,
		`<a href="`+link.Link+`">links</a>`,
		`<div class="wp-block-group callout callout-tip is-folded`, `<strong>Foldable callouts</strong>`, "Click the title to open it.")
	for name, p := range posts {
		for _, source := range []string{"[[", "]]", "[!", "%%", "==", "^linking-block"} {
			if strings.Contains(p.Content.Rendered, source) {
				t.Errorf("%s shows %q:\n%s", name, source, p.Content.Rendered)
			}
		}
	}
	for _, name := range []string{"create", "table"} {
		if m := uploadedSrc.FindAllStringSubmatch(posts[name].Content.Rendered, -1); len(m) != 1 {
			t.Errorf("%s: pictures %q, want one uploaded:\n%s", name, m, posts[name].Content.Rendered)
		}
	}
	editorAccepts(t, map[string]wpPost{"link.md": posts["link"], "create.md": posts["create"], "callouts.md": posts["callouts"], "table.md": posts["table"]})
	secondRunWritesNothing(t, dir, 0)
	if err := os.Remove(filepath.Join(dir, ".wpsync", "state.json")); err != nil {
		t.Fatal(err)
	}
	secondRunWritesNothing(t, dir, 0)
}
