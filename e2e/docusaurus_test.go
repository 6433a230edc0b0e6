package e2e

import (
	"context"
	"fmt"
	"image/color"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// Docusaurus sites (issue 26): the case of shared/cases/dialects
// (testdata/cases/docusaurus-blog-and-docs) and a site of our own
// (testdata/sites/docusaurus).

// docusaurusSource is Docusaurus's syntax, which no post may show.
var docusaurusSource = []string{":::", "import ", "@theme/", "<Tabs", "TabItem", "{#", "style={{", "<Link", "{/*", "truncate"}

// TestDocusaurus_Case: what EXPECTED.md expects of the case: admonition
// boxes (one titled "Archived"), the tabs, no import lines, the heading
// with id setup, links to the docs by path, by /docs/<id> and by relative
// id, and the picture.
func TestDocusaurus_Case(t *testing.T) {
	dir := copyTree(t, filepath.Join("testdata", "cases", "docusaurus-blog-and-docs"))
	rep := syncReport(t, dir, 1)
	parser := rep.want(t, "docs/eslint-parser.md", "create")
	plugins := rep.want(t, "docs/plugins.md", "create")
	booleans := rep.want(t, "docs/plugin-booleans.md", "create")
	release := rep.want(t, "blog/2015-03-31-5.0.0.md", "create")
	// JavaScript's Date reads 29 February 2017 as 1 March.
	upgrade := rep.want(t, "blog/2017-03-01-upgrade-to-7.md", "create", `line 4: date: "2017-02-29 11:00:00" is no day of the calendar: read as 2017-03-01`)
	rep.want(t, "blog/2017-08-16-lessons.md", "error", "question.png is damaged: it does not begin as a PNG picture does", "CR-LF", ".gitattributes")
	if rep.Summary.Leftovers != 0 {
		t.Errorf("leftovers: %+v", rep.Items)
	}
	for _, it := range []reportItem{parser, plugins, booleans} {
		if it.Type != "pages" && it.Type != "page" {
			t.Errorf("%s: type %q, want a page", it.Path, it.Type)
		}
	}
	posts := map[string]wpPost{
		"eslint-parser": getPost(t, "pages", parser.ID),
		"plugins":       getPost(t, "pages", plugins.ID),
		"5-0-0":         getPost(t, "posts", release.ID),
	}
	wantShown(t, "eslint-parser", posts["eslint-parser"],
		`wp-block-group callout callout-note`, "You only need this parser if you transform your code.",
		shownHeading(t, 2, "", "setup", "Setup"),
		">eslint.config.js</h3>", "export default", ">.eslintrc.js</h3>", "module.exports",
		`wp-block-group callout callout-caution`, "<strong>Archived</strong>", "This package is no longer maintained.",
		`<a href="`+plugins.Link+`">plugins</a>`, `<a href="`+booleans.Link+`">booleans</a>`)
	wantShown(t, "plugins", posts["plugins"], `wp-block-group callout callout-tip`, "Plugins run before presets.")
	wantShown(t, "5-0-0", posts["5-0-0"], "Version 5 is out.", `<a href="`+plugins.Link+`">docs</a>`, "New Features")
	if m := uploadedSrc.FindAllStringSubmatch(posts["5-0-0"].Content.Rendered, -1); len(m) != 1 || !strings.Contains(m[0][1], "success") {
		t.Errorf("5-0-0: pictures %q, want /img/success.png uploaded:\n%s", m, posts["5-0-0"].Content.Rendered)
	}
	if !strings.Contains(posts["5-0-0"].Content.Raw, "<!--more-->") {
		t.Errorf("5-0-0: no more tag where <!--truncate--> is:\n%s", posts["5-0-0"].Content.Raw)
	}
	if d := getPost(t, "posts", upgrade.ID).Date; !strings.HasPrefix(d, "2017-03-01T11:00") {
		t.Errorf("upgrade-to-7: date %s, want 1 March 2017", d)
	}
	for name, p := range posts {
		for _, source := range docusaurusSource {
			if strings.Contains(p.Content.Rendered, source) && !(source == "import " && strings.Contains(p.Content.Rendered, "import parser from")) {
				t.Errorf("%s shows %q:\n%s", name, source, p.Content.Rendered)
			}
		}
	}
	editorAccepts(t, map[string]wpPost{"eslint-parser.md": posts["eslint-parser"], "5-0-0.md": posts["5-0-0"]})
}

// codeParts are code spans and blocks, where Docusaurus's syntax is
// shown as written.
var codeParts = regexp.MustCompile(`(?s)<code[^>]*>.*?</code>`)

// TestDocusaurus_Site: a site of our own (testdata/sites/docusaurus): a
// configuration with a baseUrl and the docs' routeBasePath, blog posts
// dated by their file and folder names, a draft, docs as pages ordered by
// sidebar_position, a partial, admonitions (titled, nested, the
// component), tabs, details, heading ids, links by path, by doc id and
// by address, a picture from static/. No source syntax reaches readers
// outside code, every link resolves, the picture is uploaded once, and a
// second run and a run without the state file write nothing.
func TestDocusaurus_Site(t *testing.T) {
	dir := copyTree(t, filepath.Join("testdata", "sites", "docusaurus"))
	writeBytes(t, dir, "static/img/du-logo.png", pngBytes(t, color.RGBA{37, 194, 160, 255}))
	mark := site.Mark()
	rep := syncReport(t, dir, 0)
	hello := rep.want(t, "blog/2024-01-10-du-hello.md", "create", "line 16: MDX component <Highlight> is not run")
	folder := rep.want(t, "blog/2024-02-01-du-folder-post/index.md", "create")
	draft := rep.want(t, "blog/2024-03-01-du-draft.md", "create")
	intro := rep.want(t, "docs/du-intro.md", "create")
	setup := rep.want(t, "docs/guides/01-du-setup.md", "create")
	rep.want(t, "docs/_du-partial.md", "skipped", "a partial")
	// An .mdx doc, the link doc of its folder's _category_.yml, and an
	// unlisted post.
	overview := rep.want(t, "docs/tools/du-tools-overview.mdx", "create")
	hammer := rep.want(t, "docs/tools/du-hammer.md", "create")
	unlisted := rep.want(t, "blog/2024-04-01-du-unlisted.md", "create")
	if n := len(uploads(t, mark)); n != 1 {
		t.Errorf("%d uploads, want the logo once", n)
	}
	if rep.Summary.Leftovers != 0 {
		t.Errorf("leftovers: %+v", rep.Items)
	}
	posts := map[string]wpPost{
		"hello": getPost(t, "posts", hello.ID), "folder": getPost(t, "posts", folder.ID), "draft": getPost(t, "posts", draft.ID),
		"intro": getPost(t, "pages", intro.ID), "setup": getPost(t, "pages", setup.ID),
		"overview": getPost(t, "pages", overview.ID), "hammer": getPost(t, "pages", hammer.ID), "unlisted": getPost(t, "posts", unlisted.ID),
	}
	// unlisted: in no listing: private, as WordPress has no unlisted.
	if s := posts["unlisted"].Status; s != "private" {
		t.Errorf("unlisted: status %q, want private", s)
	}
	// The category's link doc is the parent of the folder's docs, ordered
	// by the category's position; a category without a doc (guides)
	// gives none.
	if p := posts["hammer"].Parent; p != overview.ID {
		t.Errorf("hammer: parent %d, want the tools overview %d", p, overview.ID)
	}
	if p := posts["setup"].Parent; p != 0 {
		t.Errorf("setup: parent %d, want none (guides' category links no doc)", p)
	}
	if a, b := menuOrder(t, overview.ID), menuOrder(t, hammer.ID); a != 3 || b != 1 {
		t.Errorf("menu_order %d, %d, want the category's position 3 and sidebar_position 1", a, b)
	}
	wantShown(t, "overview", posts["overview"], `<a href="`+hammer.Link+`">hammer</a>`, ">Small tools</h3>", "A spoon.",
		"&lt;Tabs&gt;&lt;TabItem value=")
	wantShown(t, "hammer", posts["hammer"], `<a href="`+overview.Link+`">tools</a>`, `<a href="`+overview.Link+`">by address</a>`)
	if strings.Contains(posts["overview"].Content.Rendered, "Keep this list short") {
		t.Errorf("overview shows the MDX comment")
	}
	if s := posts["draft"].Status; s != "draft" {
		t.Errorf("draft: status %q", s)
	}
	for name, want := range map[string]string{"hello": "2024-01-10", "folder": "2024-02-01"} {
		if !strings.HasPrefix(posts[name].Date, want) {
			t.Errorf("%s: date %s, want %s from its name", name, posts[name].Date, want)
		}
	}
	if a, b := menuOrder(t, intro.ID), menuOrder(t, setup.ID); a != 1 || b != 2 {
		t.Errorf("menu_order %d, %d, want sidebar_position 1, 2", a, b)
	}
	if got := termNames(t, "tags", posts["hello"].Tags); !slices.Equal(got, []string{"kettle", "news"}) {
		t.Errorf("hello tags %q", got)
	}
	wantShown(t, "hello", posts["hello"], "The first post of the blog.",
		`<a href="`+intro.Link+`">introduction</a>`, `<a href="`+setup.Link+`">setup</a>`, `<a href="`+folder.Link+`">folder post</a>`,
		`wp-block-group callout callout-tip`, "<strong>Before you start</strong>", "Fill the kettle with fresh water.")
	wantShown(t, "folder", posts["folder"], `<a href="`+hello.Link+`">the first post</a>`)
	wantShown(t, "intro", posts["intro"],
		`<a href="`+setup.Link+`">setup</a>`, `<a href="`+setup.Link+`#boil-water">setup by id</a>`, `<a href="`+setup.Link+`">by address</a>`,
		shownHeading(t, 2, "", "install-kettle", "Install"), ">Debian</h3>", "apt install kettle", ">macOS</h3>", "brew install kettle",
		`wp-block-group callout callout-warning`, "<strong>Hot water</strong>", `wp-block-group callout callout-danger`,
		`wp-block-group callout callout-info`, "<strong>Did you know?</strong>", "Tea needs 95")
	shownFolded(t, "intro", posts["intro"], "details", "Why a kettle?", false)
	wantShown(t, "setup", posts["setup"], `<a href="`+intro.Link+`#install-kettle">introduction</a>`,
		shownHeading(t, 2, "", "boil-water", "Boil water"), ":::note", "&lt;Tabs&gt;&lt;TabItem")
	if strings.Contains(posts["setup"].Content.Rendered, "comment for editors") {
		t.Errorf("setup shows the MDX comment")
	}
	srcs := map[string]bool{}
	for _, name := range []string{"hello", "folder"} {
		m := uploadedSrc.FindAllStringSubmatch(posts[name].Content.Rendered, -1)
		if len(m) != 1 || !strings.Contains(m[0][1], "du-logo") {
			t.Errorf("%s: pictures %q, want the logo", name, m)
			continue
		}
		srcs[m[0][1]] = true
	}
	if len(srcs) != 1 {
		t.Errorf("the logo: %v, want one upload", srcs)
	}
	for name, p := range posts {
		prose := codeParts.ReplaceAllString(p.Content.Rendered, "")
		for _, source := range append(docusaurusSource, "<Highlight", "<Admonition", "\n  <summary>") {
			if strings.Contains(prose, source) {
				t.Errorf("%s shows %q:\n%s", name, source, p.Content.Rendered)
			}
		}
		if strings.Contains(prose, `href="/`) || strings.Contains(prose, `.md"`) {
			t.Errorf("%s: a link left unresolved:\n%s", name, p.Content.Rendered)
		}
	}
	// github-slugger's id of a heading without an {#id}.
	landsOnHeading(t, "intro", posts["intro"], "wait", setup.Link, "pour-then-wait")
	editorAccepts(t, map[string]wpPost{"hello.md": posts["hello"], "intro.md": posts["intro"], "setup.md": posts["setup"], "overview.mdx": posts["overview"]})
	secondRunWritesNothing(t, dir, 0)
	if err := os.Remove(filepath.Join(dir, ".wpsync", "state.json")); err != nil {
		t.Fatal(err)
	}
	secondRunWritesNothing(t, dir, 0)
}

// menuOrder is the menu_order of the page id.
func menuOrder(t *testing.T, id int) int {
	t.Helper()
	var p struct {
		MenuOrder int `json:"menu_order"`
	}
	if err := site.GetJSON(context.Background(), fmt.Sprintf("/wp/v2/pages/%d", id), map[string][]string{"context": {"edit"}}, &p); err != nil {
		t.Fatal(err)
	}
	return p.MenuOrder
}

// TestDocusaurus_Readers: the fixture of testdata/readers/docusaurus,
// which TestReaders_Generators read when Docusaurus had no adapter, its
// files moved into docs/ (Docusaurus renders no Markdown at the site's
// root): every construct is rendered, none is a leftover, no generator is
// named as unadapted, and what is in code stays as written.
func TestDocusaurus_Readers(t *testing.T) {
	dir := copyTree(t, filepath.Join("testdata", "readers", "docusaurus"))
	if err := os.MkdirAll(filepath.Join(dir, "docs"), 0o755); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"rd-docusaurus-shown.md", "rd-docusaurus-code.md"} {
		if err := os.Rename(filepath.Join(dir, f), filepath.Join(dir, "docs", f)); err != nil {
			t.Fatal(err)
		}
	}
	// --strict: a construct left as text would fail its file.
	rep := fullReportOf(t, wpsync(t, nil, "sync", dir, "--output", "json", "--strict"), 0)
	shown := rep.want(t, "docs/rd-docusaurus-shown.md", "create")
	code := rep.want(t, "docs/rd-docusaurus-code.md", "create")
	if rep.Summary.Leftovers != 0 {
		t.Errorf("leftovers: %+v", rep.Items)
	}
	for _, w := range rep.Warnings {
		if strings.Contains(w, "no adapter") {
			t.Errorf("run warning %q", w)
		}
	}
	s := getPost(t, "pages", shown.ID)
	wantShown(t, "shown", s, "wp-block-group callout callout-tip", "<strong>Title</strong>", "Tip text.",
		shownHeading(t, 2, "", "install", "Install"), ">a</h3>", "Tab text.")
	prose := codeParts.ReplaceAllString(s.Content.Rendered, "")
	for _, source := range docusaurusSource {
		if strings.Contains(prose, source) {
			t.Errorf("shown shows %q:\n%s", source, s.Content.Rendered)
		}
	}
	wantShown(t, "code", getPost(t, "pages", code.ID), "<code>:::note</code>", "import Tabs from '@theme/Tabs';\n\n:::note",
		`&lt;Tabs&gt;&lt;TabItem value="a"&gt;A&lt;/TabItem&gt;&lt;/Tabs&gt;`, `<div class="admonition">A note in HTML.</div>`)
	secondRunWritesNothing(t, dir, 0)
}
