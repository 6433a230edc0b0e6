package e2e

import (
	"image/color"
	"os"
	"path/filepath"
	"regexp"
	"slices"
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
		`wp-block-group callout callout-info`, `<strong>Here&#8217;s a callout title</strong>`,
		`<a href="`+link.Link+`">links</a>`,
		"Click the title to open it.")
	shownFolded(t, "callouts", posts["callouts"], "tip", "Foldable callouts", false)
	// $$ e^{i\pi} + 1 = 0 $$ is math, as Obsidian Publish shows it.
	if c := posts["callouts"].Content.Raw; !strings.Contains(c, `<math display="block"><semantics>`) || strings.Contains(c, "$$") {
		t.Errorf("callouts: the math is not math:\n%s", c)
	}
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

// TestObsidian_Vault: a vault of our own (testdata/sites/obsidian):
// nested folders, two notes of one name, an alias, the attachment folder
// of .obsidian/app.json, pictures with sizes, callouts of every form,
// comments, highlights, block ids, inline tags and publish: false. No
// source syntax reaches readers, every picture is uploaded once, every
// link to a published note is its post's, and a second run and a run
// without the state file write nothing.
func TestObsidian_Vault(t *testing.T) {
	dir := copyTree(t, filepath.Join("testdata", "sites", "obsidian"))
	photo := pngBytes(t, color.RGBA{200, 30, 30, 255})
	writeBytes(t, dir, "Assets/ob-photo.png", photo)
	writeBytes(t, dir, "Assets/ob-wide.png", pngBytes(t, color.RGBA{30, 200, 30, 255}))
	writeBytes(t, dir, "Assets/ob-diagram.png", pngBytes(t, color.RGBA{30, 30, 200, 255}))
	mark := site.Mark()
	rep := syncReport(t, dir, 0)
	home := rep.want(t, "Home.md", "create", "[[Private note]] links to Private/Private note.md, which says publish: false")
	guide := rep.want(t, "Notes/Guide.md", "create")
	old := rep.want(t, "Archive/Old/Guide.md", "create")
	rep.want(t, "Private/Private note.md", "skipped", "publish: false")
	if n := len(uploads(t, mark)); n != 4 {
		t.Errorf("%d uploads, want 3 pictures and the PDF, once each", n)
	}
	if rep.Summary.Leftovers != 0 {
		t.Errorf("leftovers: %+v", rep.Items)
	}
	posts := map[string]wpPost{"home": getPost(t, "posts", home.ID), "guide": getPost(t, "posts", guide.ID), "old": getPost(t, "posts", old.ID)}
	h := posts["home"]
	wantShown(t, "home", h,
		`<a href="`+guide.Link+`">Guide</a>`, `<a href="`+old.Link+`">the old guide</a>`,
		`<a href="`+guide.Link+`">how to start</a>`, `<a href="`+guide.Link+`#install-steps">install steps</a>`,
		`<a href="`+guide.Link+`#step-one">the first step</a>`, `<a href="#pictures">Pictures</a>`,
		"A private note: Private note.",
		`alt="Diagram of the vault"`, `/ob-manual.pdf">ob-manual.pdf</a>`,
		`wp-block-group callout callout-note`, `<strong>A note</strong>`, `<a href="`+guide.Link+`">Guide</a>.`,
		"Careful with <mark>hot</mark> water.",
		`wp-block-group callout callout-info`, `<strong>Info</strong>`,
		`id="home-block">Text you <mark>highlight</mark> stands out.</p>`, "#welcome")
	shownFolded(t, "home", h, "tip", "A folded tip", false)
	shownFolded(t, "home", h, "warning", "Nested", true)
	if strings.Contains(h.Content.Rendered, "Editors") {
		t.Errorf("home shows the comment:\n%s", h.Content.Rendered)
	}
	wantShown(t, "guide", posts["guide"], shownHeading(t, 2, "", "install-steps", "Install steps"),
		`id="step-one">First, fill the kettle.</p>`, `<a href="`+home.Link+`">Home</a>`)
	wantShown(t, "old", posts["old"], `<a href="`+guide.Link+`">new one</a>`)
	for name, p := range posts {
		for _, source := range []string{"[[", "]]", "[!", "%%", "==", "^home-block", "^step-one"} {
			if strings.Contains(p.Content.Rendered, source) {
				t.Errorf("%s shows %q:\n%s", name, source, p.Content.Rendered)
			}
		}
	}
	// The photo both notes embed is one upload; the sized ones are resized.
	srcs := map[string]string{}
	for _, name := range []string{"home", "guide"} {
		for _, m := range uploadedSrc.FindAllStringSubmatch(posts[name].Content.Rendered, -1) {
			if strings.Contains(m[1], "ob-photo") {
				srcs[name] = m[1]
			}
		}
	}
	if srcs["home"] == "" || srcs["home"] != srcs["guide"] {
		t.Errorf("the photo: %q, want one upload shown in both notes", srcs)
	}
	if n := len(uploadedSrc.FindAllString(h.Content.Rendered, -1)); n != 3 {
		t.Errorf("home shows %d uploaded pictures, want 3", n)
	}
	if n := strings.Count(h.Content.Rendered, "is-resized"); n != 2 {
		t.Errorf("home: %d resized pictures, want 2:\n%s", n, h.Content.Rendered)
	}
	if got := termNames(t, "tags", h.Tags); !slices.Equal(got, []string{"vault", "welcome"}) {
		t.Errorf("home tags %q", got)
	}
	if got := termNames(t, "tags", posts["guide"].Tags); !slices.Equal(got, []string{"howto/kitchen"}) {
		t.Errorf("guide tags %q", got)
	}
	editorAccepts(t, map[string]wpPost{"home.md": h, "guide.md": posts["guide"], "old.md": posts["old"]})
	secondRunWritesNothing(t, dir, 0)
	if err := os.Remove(filepath.Join(dir, ".wpsync", "state.json")); err != nil {
		t.Fatal(err)
	}
	secondRunWritesNothing(t, dir, 0)
}

// shownFolded checks that p shows a foldable callout: a Details block
// (<details>, open when said) where the site has one, else a Group block
// with its title (and is-folded when folded).
func shownFolded(t *testing.T, name string, p wpPost, variant, title string, open bool) {
	t.Helper()
	r := p.Content.Rendered
	details := regexp.MustCompile(`<details class="wp-block-details callout callout-` + variant + `[^"]*"( open)?><summary>` + regexp.QuoteMeta(title) + `</summary>`).FindStringSubmatch(r)
	switch {
	case details != nil:
		if (details[1] != "") != open {
			t.Errorf("%s: the %s callout is open=%q, want %v:\n%s", name, variant, details[1], open, r)
		}
	case !open && strings.Contains(r, "wp-block-group callout callout-"+variant+" is-folded") && strings.Contains(r, "<strong>"+title+"</strong>"):
	case open && strings.Contains(r, "wp-block-group callout callout-"+variant) && strings.Contains(r, "<strong>"+title+"</strong>"):
	default:
		t.Errorf("%s: no %s callout %q, folded as a Details block or a Group block:\n%s", name, variant, title, r)
	}
}

// TestObsidian_CodeStays: the vault of testdata/readers/obsidian, which
// wpsync read as a plain folder before it had an adapter: its syntax in
// code, and what only looks like it, is shown as written; what the
// adapter cannot find is said.
func TestObsidian_CodeStays(t *testing.T) {
	dir := copyTree(t, filepath.Join("testdata", "readers", "obsidian"))
	rep := syncReport(t, dir, 0)
	code := rep.want(t, "rd-obsidian-code.md", "create")
	shown := rep.want(t, "rd-obsidian-shown.md", "create", "line 6: ![[picture.png|200]] names no file of the vault: left out")
	if rep.Summary.Leftovers != 0 {
		t.Errorf("leftovers: %+v", rep.Items)
	}
	wantShown(t, "rd-obsidian-code", getPost(t, "posts", code.ID),
		"<code>[[Note]]</code>", "<code>![[pic.png]]</code>", "<code>==mark==</code>", "<code>%% x %%</code>",
		"&gt; &#91;!note] a callout\n&#91;&#91;Link]] %% comment %% ==mark== ^abc123", "&#91;&#91;indented code]] ^xyz",
		`title="[[x]] ==y=="`, "A quote that is [!not] a callout.", "x == y", "[[1, 2], [3, 4]]", "2^10")
	s := getPost(t, "posts", shown.ID)
	wantShown(t, "rd-obsidian-shown", s, `<a href="`+code.Link+`">rd-obsidian-code</a>`, `<a href="`+code.Link+`#top">the top</a>`,
		"<mark>marked</mark>", `id="rd-block">A block to link to.</p>`)
	shownFolded(t, "rd-obsidian-shown", s, "warning", "Careful", false)
	if strings.Contains(s.Content.Rendered, "a comment for editors") {
		t.Errorf("the comment is shown:\n%s", s.Content.Rendered)
	}
	secondRunWritesNothing(t, dir, 0)
}
