package e2e

import (
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// The Jekyll cases of issue 22 (shared/cases/sites, copied to
// testdata/cases): each renders as its EXPECTED.md says, a second run and
// runs without the state file write nothing.

// listItems returns the text of the list items of rendered HTML.
func listItems(html string) []string {
	var out []string
	for _, m := range regexp.MustCompile(`(?s)<li>(.*?)</li>`).FindAllStringSubmatch(html, -1) {
		out = append(out, strings.TrimSpace(regexp.MustCompile(`<[^>]+>`).ReplaceAllString(m[1], "")))
	}
	return out
}

// liquid-error-whole-page: an unknown filter (offset) and a date of a data
// file no longer leave the page's Liquid as text: the filter passes its
// value on, the date filter reads the data file's timestamp, and each
// page renders as Jekyll shows it.
func TestJekyllCases_LiquidErrorWholePage(t *testing.T) {
	dir := copyTree(t, filepath.Join("testdata", "cases", "liquid-error-whole-page"))
	rep := syncReport(t, dir, 0)
	if rep.Summary.Created != 3 || rep.Summary.Failed != 0 || rep.Summary.Leftovers != 0 {
		t.Errorf("summary %+v: want the three pages created, nothing left as text", rep.Summary)
	}
	mac := rep.want(t, "install/macos.md", "create", `line 11: Liquid filter "offset" is not Jekyll's: the value is passed on unchanged`)
	linux := rep.want(t, "install/linux.md", "create")
	win := rep.want(t, "install/windows.md", "create")
	// One warning, about the filter; nothing said to be left as written.
	if len(mac.Warnings) != 1 || len(linux.Warnings) != 0 || len(win.Warnings) != 0 {
		t.Errorf("warnings: macos %q, linux %q, windows %q; want the filter's alone", mac.Warnings, linux.Warnings, win.Warnings)
	}
	for _, w := range rep.Warnings {
		if strings.Contains(w, "left as written") || strings.Contains(w, "nothing ran it") {
			t.Errorf("run warning %q", w)
		}
	}
	posts := noTemplateSource(t, rep) // no {% %}, {{ }} in what readers see
	for _, p := range posts {
		if p.Type != "page" {
			t.Errorf("%s is a %s, want a page (layout: page)", p.Slug, p.Type)
		}
	}

	m := posts["install/macos.md"]
	wantShown(t, "macos", m,
		"The latest release is Tide 2.4",
		`<a href="https://download.example.org/tide-2.4-release/tide.pkg">Download it</a>`,
	)
	// EXPECTED.md: the list holds Tide 2.3 then Tide 2.2. offset is no
	// filter of Jekyll's, which passes the value on (as EXPECTED.md says),
	// so Jekyll's list is every release, reversed: 2.4 comes first.
	if got := listItems(m.Content.Rendered); strings.Join(got, "|") != "Tide 2.4|Tide 2.3|Tide 2.2" {
		t.Errorf("macos list %q, want Tide 2.4, Tide 2.3, Tide 2.2:\n%s", got, m.Content.Rendered)
	}
	if strings.Contains(m.Content.Rendered, "site.data") || strings.Contains(m.Content.Rendered, "release.name") {
		t.Errorf("macos shows Liquid:\n%s", m.Content.Rendered)
	}

	l := posts["install/linux.md"]
	wantShown(t, "linux", l,
		"The newest snapshot was built on August 21, 2026.",
		`<div class="box"><h3>Tarball</h3><p>Unpack it anywhere.</p></div>`,
	)
	wantShown(t, "windows", posts["install/windows.md"],
		"Use the installer.",
		`<div class="box"><h3>Installer</h3><p>Run it and follow the steps.</p></div>`,
	)
	editorAccepts(t, posts)
	secondRunWritesNothing(t, dir, 0)
	checkStateLoss(t, site, nil, dir)
}

// jekyll-front-matter-fails-post: front matter Jekyll accepts publishes
// the post: a key given twice takes its last value with a warning naming
// both lines, a featured image that is not a file of the folder is left
// out with a warning.
func TestJekyllCases_FrontMatterFailsPost(t *testing.T) {
	dir := copyTree(t, filepath.Join("testdata", "cases", "jekyll-front-matter-fails-post"))
	rep := syncReport(t, dir, 0)
	if rep.Summary.Created != 3 || rep.Summary.Failed != 0 {
		t.Errorf("summary %+v: want the three posts created", rep.Summary)
	}
	tide := rep.want(t, "_posts/2022-03-14-tide-5-6-released.md", "create",
		`line 5: front matter field "published" is given twice (first on line 3): the last value counts`)
	summer := rep.want(t, "_posts/2024-02-13-summer-summary.md", "create",
		`line 7: front matter field "category" is given twice (first on line 4): the last value counts`)
	// The post's picture is featured-image: {url:} (EXPECTED.md), the
	// folder's: the featured image; image: (a social card's name the
	// layouts never read) is not looked at.
	redesign := rep.want(t, "_posts/2025-06-04-redesign-live.md", "create")
	for _, it := range []reportItem{tide, summer} {
		if len(it.Warnings) != 1 {
			t.Errorf("%s: warnings %q, want one", it.Path, it.Warnings)
		}
	}
	if len(redesign.Warnings) != 0 {
		t.Errorf("%s: warnings %q, want none", redesign.Path, redesign.Warnings)
	}

	p := getRich(t, "posts", tide.ID)
	if p.Title.Raw != "Tide 5.6 Released!" || p.Status != "publish" || !strings.HasPrefix(p.Date, "2022-03-14T10:00") || !strings.Contains(p.Content.Raw, "Tide 5.6 is out.") {
		t.Errorf("tide: %q %s %s %q", p.Title.Raw, p.Status, p.Date, p.Content.Raw)
	}
	p = getRich(t, "posts", summer.ID)
	if got := termNames(t, "categories", p.Categories); strings.Join(got, "|") != "Community" || p.Title.Raw != "Summer Summary" || p.Status != "publish" {
		t.Errorf("summer: categories %q, %q %s", got, p.Title.Raw, p.Status)
	}
	p = getRich(t, "posts", redesign.ID)
	if p.Title.Raw != "The redesigned site is live" || p.Status != "publish" || p.FeaturedMedia == 0 {
		t.Errorf("redesign: %q %s featured %d", p.Title.Raw, p.Status, p.FeaturedMedia)
	} else if m := getMedia(t, p.FeaturedMedia); !strings.Contains(m.SourceURL, "redesign") || m.AltText != "Screenshot of the redesigned website." {
		t.Errorf("redesign: featured image %s alt %q, want the folder's redesign.png with its alt", m.SourceURL, m.AltText)
	}
	// The picture the body shows is the folder's, uploaded.
	if !regexp.MustCompile(`<img [^>]*src="[^"]*/wp-content/uploads/[^"]*redesign[^"]*\.png"`).MatchString(p.Content.Rendered) ||
		!strings.Contains(p.Content.Rendered, `alt="Screenshot of the redesigned website."`) {
		t.Errorf("redesign: the picture is not the uploaded one:\n%s", p.Content.Rendered)
	}
	secondRunWritesNothing(t, dir, 0)
	checkStateLoss(t, site, nil, dir)

	// EXPECTED.md: a featured image that is not a file of the folder is
	// left out with a warning, not the post.
	writeFile(t, dir, "_posts/2025-06-05-card.md", "---\nlayout: post\ndate: 2025-06-05 10:00:00\ntitle: \"Harbour card only\"\nimage: \"card-nowhere.png\"\n---\n\nA post with a card.\n")
	rep = syncReport(t, dir, 0)
	card := rep.want(t, "_posts/2025-06-05-card.md", "create",
		"line 5: featured image card-nowhere.png not found (no file _posts/card-nowhere.png in the synced folder): the post is published without a featured image")
	if p := getRich(t, "posts", card.ID); p.Status != "publish" || p.FeaturedMedia != 0 {
		t.Errorf("card: %s featured %d", p.Status, p.FeaturedMedia)
	}
}
