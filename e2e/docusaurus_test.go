package e2e

import (
	"path/filepath"
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
	rep.want(t, "blog/2017-08-16-lessons.md", "error", "the file is not a valid PNG picture", "CR-LF")
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
