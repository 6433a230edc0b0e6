package e2e

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"github.com/wpsync/wpsync/internal/wptest"
	"image/color"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// Real sites (issue 12): the cases of shared/cases/front-matter (copied to
// testdata/cases) and small Hugo, Jekyll and Zola sites of our own
// (testdata/sites), each synced into a folder of its own.

// fullReport is the --output json report with its run warnings.
type fullReport struct {
	Summary  struct{ Created, Updated, Unchanged, Failed, Skipped, Leftovers int }
	Items    []reportItem
	Warnings []string
	Notes    []string // how the site was read: information, not warnings
	byPath   map[string]reportItem
}

// syncReport runs wpsync sync DIR --output json with extra environment,
// failing unless the exit code is want.
func syncReport(t *testing.T, dir string, want int, env ...string) fullReport {
	t.Helper()
	return fullReportOf(t, wpsync(t, env, "sync", dir, "--output", "json"), want)
}

// fullReportOf is the JSON report of a run, failing the test unless its
// exit code is want.
func fullReportOf(t *testing.T, r result, want int) fullReport {
	t.Helper()
	if r.code != want {
		t.Fatalf("exit %d, want %d\n%s\n%s", r.code, want, r.stdout, r.stderr)
	}
	var rep fullReport
	if err := json.Unmarshal([]byte(r.stdout), &rep); err != nil {
		t.Fatalf("%v\n%s", err, r.stdout)
	}
	rep.byPath = map[string]reportItem{}
	for _, it := range rep.Items {
		rep.byPath[it.Path] = it
	}
	return rep
}

// item returns the report's item of a file, failing when there is none.
func (r fullReport) item(t *testing.T, p string) reportItem {
	t.Helper()
	it, ok := r.byPath[p]
	if !ok {
		t.Fatalf("no item for %s in %+v", p, r.Items)
	}
	return it
}

// want checks an item's action, and that some warning (or the error)
// holds each of parts.
func (r fullReport) want(t *testing.T, p, action string, parts ...string) reportItem {
	t.Helper()
	it := r.item(t, p)
	if it.Action != action {
		t.Errorf("%s: %s (%s %q), want %s", p, it.Action, it.Error, it.Warnings, action)
	}
	text := it.Error + "\n" + strings.Join(it.Warnings, "\n")
	for _, part := range parts {
		if !strings.Contains(text, part) {
			t.Errorf("%s: %q does not say %q", p, text, part)
		}
	}
	return it
}

// secondRunWritesNothing syncs dir again and checks that no write reached
// the site.
func secondRunWritesNothing(t *testing.T, dir string, want int, env ...string) fullReport {
	t.Helper()
	mark := site.Mark()
	rep := syncReport(t, dir, want, env...)
	if w := writes(t, mark); len(w) != 0 {
		t.Errorf("second run wrote %v", w)
	}
	if rep.Summary.Created+rep.Summary.Updated != 0 {
		t.Errorf("second run: %+v", rep.Summary)
	}
	return rep
}

// termNames returns the names of a post's terms.
func termNames(t *testing.T, taxonomy string, ids []int) []string {
	t.Helper()
	var names []string
	for _, id := range ids {
		var tm wpTerm
		if err := site.GetJSON(context.Background(), fmt.Sprintf("/wp/v2/%s/%d", taxonomy, id), nil, &tm); err != nil {
			t.Fatal(err)
		}
		names = append(names, tm.Name)
	}
	slices.Sort(names)
	return names
}

func TestCases_TemplateKey(t *testing.T) {
	dir := copyTree(t, filepath.Join("testdata", "cases/template-key"))
	rep := syncReport(t, dir, 0)
	l := rep.want(t, "lighthouse.md", "create", "line 4: template: true is not a WordPress page template")
	a := rep.want(t, "almanac.md", "create", `line 3: template: "almanac.html" is not a WordPress page template`)
	if p := getPost(t, "posts", l.ID); p.Title.Raw != "Keeping the Lamp Lit" || !strings.HasPrefix(p.Date, "2022-09-14") || !strings.Contains(p.Content.Raw, "trims the wick") {
		t.Errorf("lighthouse: %q %s %q", p.Title.Raw, p.Date, p.Content.Raw)
	}
	if p := getPost(t, "posts", a.ID); p.Title.Raw != "Tide Almanac" || !strings.HasPrefix(p.Date, "2023-02-01") {
		t.Errorf("almanac: %q %s", p.Title.Raw, p.Date)
	}
	secondRunWritesNothing(t, dir, 0)

	// The test site's block theme (Twenty Twenty-Three) offers the custom
	// templates blank and blog-alternative: one of them is sent, a name it
	// does not offer is not.
	writeFile(t, dir, "st-tpl-blank.md", "---\ntype: page\ntemplate: blank\n---\nA blank page.\n")
	writeFile(t, dir, "st-tpl-php.md", "---\ntype: page\ntemplate: templates/full-width.php\n---\nA wide page.\n")
	rep = syncReport(t, dir, 0)
	var blank struct{ Template string }
	if err := site.GetJSON(context.Background(), fmt.Sprintf("/wp/v2/pages/%d", rep.want(t, "st-tpl-blank.md", "create").ID), map[string][]string{"context": {"edit"}}, &blank); err != nil || blank.Template != "blank" {
		t.Errorf("blank: template %q (%v)", blank.Template, err)
	}
	rep.want(t, "st-tpl-php.md", "create", `line 3: template: "templates/full-width.php" is not a page template of the site (it offers `, "blank")
	secondRunWritesNothing(t, dir, 0)
}

func TestCases_TagsOneLine(t *testing.T) {
	dir := copyTree(t, filepath.Join("testdata", "cases/C06-tags-one-line"))
	rep := syncReport(t, dir, 0)
	comma := getPost(t, "posts", rep.want(t, "comma-string.md", "create").ID)
	flow := getPost(t, "posts", rep.want(t, "flow-list.md", "create").ID)
	if got := termNames(t, "tags", comma.Tags); !slices.Equal(got, []string{"garden", "summer", "tomatoes"}) {
		t.Errorf("comma-string tags %q", got)
	}
	if got := termNames(t, "categories", comma.Categories); !slices.Equal(got, []string{"Food", "Outdoors"}) {
		t.Errorf("comma-string categories %q", got)
	}
	if got := termNames(t, "tags", flow.Tags); !slices.Equal(got, []string{"garden", "tomatoes"}) {
		t.Errorf("flow-list tags %q", got)
	}
	for _, tag := range terms(t, "tags") {
		if strings.Contains(tag[0].Name, ",") {
			t.Errorf("a tag holds a comma: %q", tag[0].Name)
		}
	}
	secondRunWritesNothing(t, dir, 0)
}

func TestCases_ZolaPathDate(t *testing.T) {
	dir := copyTree(t, filepath.Join("testdata", "cases/zola-path-date"))
	rep := syncReport(t, dir, 0)
	// A date in path is one Zola blog's habit (blog.rust-lang.org), not
	// what Zola documents: the posts have no date, and the run says so
	// (the case's second expectation).
	for file, day := range map[string]string{"Harbour-3.1.md": "2019-11-21", "Harbour-3.2.md": "2020-02-03"} {
		if p := getPost(t, "posts", rep.want(t, file, "create").ID); strings.HasPrefix(p.Date, day) {
			t.Errorf("%s: date %s taken from path", file, p.Date)
		}
	}
	undated := false
	for _, w := range rep.Warnings {
		undated = undated || strings.Contains(w, "2 new post(s) have no date") && strings.Contains(w, "Harbour-3.1.md") && strings.Contains(w, "Harbour-3.2.md")
	}
	if !undated {
		t.Errorf("no run warning names the undated posts: %q", rep.Warnings)
	}
}

func TestCases_HugoHeadlessCascade(t *testing.T) {
	dir := copyTree(t, filepath.Join("testdata", "cases/hugo-headless-cascade"))
	rep := syncReport(t, dir, 0)
	rep.want(t, "content/_snippets/safety-note.md", "skipped", "not a page", "build: render: never")
	rep.want(t, "content/_snippets/_index.md", "skipped", "no title and no body")
	p := getPost(t, "posts", rep.want(t, "content/guide/wiring.md", "create").ID)
	if p.Title.Raw != "Wiring a plug" || !strings.Contains(p.Content.Raw, "Brown to live") {
		t.Errorf("wiring: %q %q", p.Title.Raw, p.Content.Raw)
	}
	if got := listAll(t, "/wp/v2/posts", map[string][]string{"search": {"Always switch the power off"}}); len(got) != 0 {
		t.Errorf("the snippet was published: %+v", got)
	}
	secondRunWritesNothing(t, dir, 0)
}

func TestCases_RedirectStub(t *testing.T) {
	dir := copyTree(t, filepath.Join("testdata", "cases/redirect-stub"))
	rep := syncReport(t, dir, 0)
	rep.want(t, "old-name.md", "skipped", "line 2: a redirect stub (redirect: /blog/new-name)")
	rep.want(t, "new-name.md", "create")
	if got := listAll(t, "/wp/v2/posts", map[string][]string{"slug": {"old-name"}, "status": {"any"}}); len(got) != 0 {
		t.Errorf("the stub was published: %+v", got)
	}
	secondRunWritesNothing(t, dir, 0)
}

func TestCases_JekyllHeaderHTML(t *testing.T) {
	dir := copyTree(t, filepath.Join("testdata", "cases/jekyll-header-html"))
	rep := syncReport(t, dir, 0)
	it := rep.want(t, "documentation/faq/2/index.md", "create", "line 4: header:", "does not name a picture file")
	var header []string
	for _, w := range it.Warnings {
		if strings.Contains(w, "header") {
			header = append(header, w)
		}
	}
	if len(header) != 1 || strings.Count(header[0], "pager") > 1 || strings.Contains(header[0], "<h1>") {
		t.Errorf("warnings %q: one about header:, quoting the value short", it.Warnings)
	}
	p := getRich(t, "pages", it.ID) // layout: page
	if p.Title.Raw != "Garden FAQ, part 2" || p.FeaturedMedia != 0 || !strings.Contains(p.Content.Raw, "When do I prune roses?") {
		t.Errorf("faq: %q featured %d", p.Title.Raw, p.FeaturedMedia)
	}
	secondRunWritesNothing(t, dir, 0)
}

// author makes a user with the Author role (no unfiltered_html) and an
// application password, and returns the environment that signs in as it.
func author(t *testing.T, login string) []string {
	t.Helper()
	return authorOn(t, site, login)
}

// authorOn is author on a site of the test's own.
func authorOn(t *testing.T, site *wptest.Site, login string) []string {
	t.Helper()
	ctx := context.Background()
	var u struct{ ID int }
	err := site.PostJSON(ctx, "/wp/v2/users", map[string]any{"username": login, "email": login + "@example.org", "password": "x-" + login + "-9Kq!", "roles": []string{"author"}}, &u)
	if err != nil {
		var found []struct{ ID int }
		if gerr := site.GetJSON(ctx, "/wp/v2/users", map[string][]string{"search": {login}, "context": {"edit"}}, &found); gerr != nil || len(found) == 0 {
			t.Fatalf("create user %s: %v", login, err)
		}
		u.ID = found[0].ID
	}
	var ap struct {
		Password string
	}
	if err := site.PostJSON(ctx, fmt.Sprintf("/wp/v2/users/%d/application-passwords", u.ID), map[string]any{"name": "e2e"}, &ap); err != nil {
		t.Fatal(err)
	}
	return []string{"WPSYNC_USER=" + login, "WPSYNC_APP_PASSWORD=" + ap.Password}
}

func TestCases_SVGRefused(t *testing.T) {
	t.Run("an author gets an error that says what to do, once sent", func(t *testing.T) {
		dir := copyTree(t, filepath.Join("testdata", "cases/svg-figure-refused"))
		env := author(t, "st-svg-author")
		mark := site.Mark()
		rep := syncReport(t, dir, 1, env...)
		rep.want(t, "survey.md", "error", "survey.md:8:", "chart.svg was refused by the site", "allow SVG uploads", "unfiltered HTML")
		if n := len(uploads(t, mark)); n != 1 {
			t.Errorf("run 1: %d uploads, want the one refused", n)
		}
		rep = secondRunWritesNothing(t, dir, 1, env...)
		rep.want(t, "survey.md", "error", "not sent again until the file changes")
	})
	t.Run("an administrator gets the drawing inline", func(t *testing.T) {
		dir := copyTree(t, filepath.Join("testdata", "cases/svg-figure-refused"))
		rep := syncReport(t, dir, 0)
		p := getPost(t, "posts", rep.want(t, "survey.md", "create").ID)
		const prefix = "data:image/svg+xml;base64,"
		i := strings.Index(p.Content.Raw, prefix)
		if i < 0 {
			t.Fatalf("no drawing in %s", p.Content.Raw)
		}
		enc := p.Content.Raw[i+len(prefix):]
		enc = enc[:strings.IndexAny(enc, `"'`)]
		svg, err := base64.StdEncoding.DecodeString(enc)
		if err != nil || !strings.Contains(string(svg), `<rect x="10" y="20" width="30" height="40" fill="#4a7"`) {
			t.Errorf("drawing %q (%v)", svg, err)
		}
		if !strings.Contains(p.Content.Raw, "Thanks to everyone") {
			t.Errorf("the post lost its text: %s", p.Content.Raw)
		}
		secondRunWritesNothing(t, dir, 0)
	})
}

// dateGMT returns a post's date_gmt.
func dateGMT(t *testing.T, typ string, id int) string {
	t.Helper()
	return getPost(t, typ, id).DateGMT
}

func TestSites_Hugo(t *testing.T) {
	dir := copyTree(t, filepath.Join("testdata", "sites/hugo"))
	writeBytes(t, dir, "static/img/hs-dot.png", pngBytes(t, color.RGBA{10, 120, 200, 255}))
	rep := syncReport(t, dir, 0)
	rep.want(t, "README.md", "skipped", "outside Hugo's content folder")
	rep.want(t, "content/snippets/hs-snippet.md", "skipped", "build: render: never")
	rep.want(t, "content/posts/hs-hidden.md", "skipped", "line 3: headless: true")
	rep.want(t, "content/posts/hs-bundle/hs-resource.md", "skipped", "resource of the leaf bundle content/posts/hs-bundle")
	if _, ok := rep.byPath["themes/plain/exampleSite/content/hs-theme-demo.md"]; ok {
		t.Error("the theme's content was looked at")
	}
	// Hugo's home page is the site's front page, no post (issue 22).
	rep.want(t, "content/_index.md", "skipped", "Hugo's home page", "Settings → Reading")
	first := rep.want(t, "content/posts/2024-05-06-hs-first.md", "create")
	if got := dateGMT(t, "posts", first.ID); got != "2024-05-06T04:00:00" {
		t.Errorf("first: date_gmt %s, want midnight in New York", got)
	}
	lenient := rep.want(t, "content/posts/hs-lenient.md", "create")
	lp := getPost(t, "posts", lenient.ID)
	if lp.DateGMT != "2024-04-09T04:00:00" {
		t.Errorf("lenient: date_gmt %s", lp.DateGMT)
	}
	if !strings.Contains(lp.Content.Raw, "/wp-content/uploads/") {
		t.Errorf("the picture from the site's root is not on the site: %s", lp.Content.Raw)
	}
	if got := termNames(t, "categories", lp.Categories); !slices.Equal(got, []string{"Hugo cascade"}) {
		t.Errorf("lenient categories %q, want the config's cascade", got)
	}
	layout := rep.want(t, "content/posts/hs-layout.md", "create", `line 4: type: "section" is not a post type of the site`)
	if got := dateGMT(t, "posts", layout.ID); got != "2024-01-02T03:04:05" {
		t.Errorf("layout: date_gmt %s", got)
	}
	bundle := rep.want(t, "content/posts/hs-bundle/index.md", "create")
	if got := dateGMT(t, "posts", bundle.ID); got != "2024-02-03T05:00:00" {
		t.Errorf("bundle: date_gmt %s", got)
	}
	// The body as Hugo shows it (issue 13).
	rep.want(t, "content/_common/hs-safety.md", "skipped", "headless")
	rep.want(t, "content/posts/hs-body.md", "create", `unknown Hugo shortcode "hs-unknown-toggle"`)
	// include is hugoDocs' own shortcode, not Hugo's: named, its file not
	// inlined.
	rep.want(t, "content/posts/hs-body.md", "create", `line 21: unknown Hugo shortcode "include"`)
	posts := noTemplateSource(t, rep)
	body := posts["content/posts/hs-body.md"]
	wantShown(t, "hs-body", body,
		`Boils faster <span class="hs-new-in">New in v0.153</span>, made by Kettle 2.`,
		"<dl>", "<dt><code>boilPoint</code></dt>",
		`<div class="hs-note hs-note-warn">Do <em>not</em> overfill. (Kettle 2)</div>`,
		"<summary>More</summary>", "<strong>Descaling</strong> once a month.",
		"kettle]\nboil = 100</code></pre>", // as written, in a code block
		"<code>{{&lt; hs-new-in 1 &gt;}}</code>", "{{&lt; hs-new-in 2 &gt;}}",
		`<a href="`+first.Link+`#intro">the first post</a>`, `<a href="`+bundle.Link+`">the bundle</a>`,
		`<a href="`+lenient.Link+`">the lenient one</a>`, `<a href="`+layout.Link+`">the layout one</a>`,
		`<a href="/hs-old/page/">an old page</a>`,
		"Typography as Hugo shows it: \u201cboiling\u201d \u2013 it\u2019s hot\u2026",
		shownHeading(t, 2, "hs-wide", "hs-descale", "Descaling"))
	rep.want(t, "content/posts/hs-body.md", "create", "link to /hs-old/page/: no page of the folder has that address on the site")
	if strings.Contains(body.Content.Rendered, "Always switch the kettle off") {
		t.Errorf("hs-body: the site's include was run as a Hugo built-in:\n%s", body.Content.Rendered)
	}
	editorAccepts(t, map[string]wpPost{"hs-body.md": body})
	secondRunWritesNothing(t, dir, 0)
}

func TestSites_Jekyll(t *testing.T) {
	dir := copyTree(t, filepath.Join("testdata", "sites/jekyll"))
	writeBytes(t, dir, "assets/img/js-dot.png", pngBytes(t, color.RGBA{200, 120, 10, 255}))
	writeBytes(t, dir, "assets/js-firings.bmp", bmpBytes()) // a type WordPress takes that is no picture wpsync shows
	rep := syncReport(t, dir, 0)
	rep.want(t, "README.md", "skipped", "no front matter")
	rep.want(t, "_includes/js-footer.md", "skipped", "_includes")
	rep.want(t, "_js_snippets/js-note.md", "skipped", "collection js_snippets")
	rep.want(t, "notes/js-todo.md", "skipped", "exclude: notes")
	rep.want(t, "js-old.md", "skipped", "redirect stub (redirect_to: /js-about/)")
	rep.want(t, "_js_recipes/js-bread.md", "create")
	if about := rep.want(t, "js-about.md", "create"); about.Type != "page" {
		t.Errorf("about: type %s, want page (defaults: layout: page)", about.Type)
	}
	hello := getPost(t, "posts", rep.want(t, "_posts/2024-03-05-js-hello.md", "create").ID)
	if hello.DateGMT != "2024-03-04T15:00:00" {
		t.Errorf("hello: date_gmt %s, want midnight in Tokyo", hello.DateGMT)
	}
	if !strings.Contains(hello.Content.Raw, "/wp-content/uploads/") {
		t.Errorf("the picture from the site's root is not on the site: %s", hello.Content.Raw)
	}
	if got := termNames(t, "categories", hello.Categories); !slices.Equal(got, []string{"Jekyll defaults"}) {
		t.Errorf("hello categories %q, want the defaults'", got)
	}
	ruby := getPost(t, "posts", rep.want(t, "_posts/2023-01-29-js-ruby.md", "create").ID)
	if ruby.DateGMT != "2023-01-30T02:30:22" {
		t.Errorf("ruby: date_gmt %s", ruby.DateGMT)
	}
	if got := termNames(t, "categories", ruby.Categories); !slices.Equal(got, []string{"notes", "release"}) {
		t.Errorf("ruby categories %q, want Jekyll's split on spaces", got)
	}
	if local := getPost(t, "posts", rep.want(t, "_posts/2023-02-01-js-local.md", "create").ID); local.DateGMT != "2023-02-01T00:00:00" {
		t.Errorf("local: date_gmt %s, want 9:00 in Tokyo", local.DateGMT)
	}
	// The body as Jekyll shows it (issue 13).
	rep.want(t, "_posts/2024-03-06-js-body.md", "create", `Liquid tag "js_plugin_tag" is not Jekyll's`,
		"link to /assets/js-chart.svg: the site does not take the file") // WordPress refuses SVG: no failed post for a link
	posts := noTemplateSource(t, rep)
	body := posts["_posts/2024-03-06-js-body.md"]
	wantShown(t, "js-body", body,
		shownParagraph(t, "lead", `Version 3.3.0 is out: <a href="https://example.org/js-3.3.0.tar.gz">download</a>.`),
		`<a href="#issues">Issues</a>`, shownHeading(t, 2, "", "issues", "Issues"),
		`<a href="https://git.example.org/js-club/issues">tracker</a>`,
		`<p class="js-note">Mind the kiln (A small Jekyll site)</p>`,
		`&lt;a class="button" href="#"&gt;Press me&lt;/a&gt;`, "<code>{{ page.title }}</code>",
		`<a href="`+rep.item(t, "js-about.md").Link+`">about</a>`, `<a href="`+rep.item(t, "_js_recipes/js-bread.md").Link+`#dough">bread</a>`,
		`<a href="`+rep.item(t, "js-about.md").Link+`">about again</a>`,
		`<a href="https://old.example.org/js-gone/#top">gone</a>`) // link_base: in wpsync.yaml
	if !regexp.MustCompile(`<a href="[^"]*/wp-content/uploads/[^"]*js-firings[^"]*\.bmp">table</a>`).MatchString(body.Content.Rendered) {
		t.Errorf("js-body: the file linked from raw HTML is not uploaded:\n%s", body.Content.Rendered)
	}
	if !strings.Contains(body.Content.Rendered, `<a href="/assets/js-chart.svg">chart</a>`) {
		t.Errorf("js-body: the refused drawing's link is not as written:\n%s", body.Content.Rendered)
	}
	if n := strings.Count(body.Content.Rendered, ">Press me</a>"); n != 1 {
		t.Errorf("js-body: %d live Press me links, want 1", n)
	}
	editorAccepts(t, map[string]wpPost{"js-body.md": body})
	secondRunWritesNothing(t, dir, 0)
}

func TestSites_Zola(t *testing.T) {
	dir := copyTree(t, filepath.Join("testdata", "sites/zola"))
	writeBytes(t, dir, "static/img/zs-dot.png", pngBytes(t, color.RGBA{10, 200, 120, 255}))
	rep := syncReport(t, dir, 0)
	rep.want(t, "content/_index.md", "skipped", "render = false")
	rep.want(t, "content/blog/zs-draft.scratch.md", "skipped", "ignored_content")
	if _, ok := rep.byPath["templates/zs-shortcode.md"]; ok {
		t.Error("templates/ was looked at")
	}
	launch := getPost(t, "posts", rep.want(t, "content/blog/2021-05-06_zs-launch.md", "create").ID)
	if launch.Date != "2021-05-06T00:00:00" || launch.Slug != "zs-launch" {
		t.Errorf("launch: date %s slug %s", launch.Date, launch.Slug)
	}
	if got := termNames(t, "tags", launch.Tags); !slices.Equal(got, []string{"zs-launch", "zs-news"}) {
		t.Errorf("launch tags %q, want [taxonomies]", got)
	}
	harbour := getPost(t, "posts", rep.want(t, "content/blog/zs-harbour.md", "create").ID)
	// Its path (2020/02/03/zs-harbour) is its address, not its date.
	if strings.HasPrefix(harbour.Date, "2020-02-03") || !strings.Contains(harbour.Content.Raw, "/wp-content/uploads/") {
		t.Errorf("harbour: date %s content %s", harbour.Date, harbour.Content.Raw)
	}
	// The body as Zola shows it (issue 13).
	posts := noTemplateSource(t, rep)
	harbourLink := rep.item(t, "content/blog/zs-harbour.md").Link
	wantShown(t, "zs-body", posts["content/blog/zs-body.md"], "<dt>Bollard</dt>", "<dd>A short post to tie a boat to.</dd>",
		`<a href="`+harbourLink+`">harbour</a>`, `<a href="`+rep.item(t, "content/blog/2021-05-06_zs-launch.md").Link+`#news">launch</a>`,
		`<a href="`+harbourLink+`">harbour again</a>`, `<a href="`+rep.item(t, "content/blog/2021-05-06_zs-launch.md").Link+`">launch again</a>`,
		"youtube.com/watch?v=w7Ft2ymGmfc", "Tie a <em>round turn and two half hitches</em>.")
	rep.want(t, "content/blog/zs-body.md", "create", `Zola shortcode "zs_note"`)
	editorAccepts(t, map[string]wpPost{"zs-body.md": posts["content/blog/zs-body.md"]})
	secondRunWritesNothing(t, dir, 0)
}

// bmpBytes is a 1×1 BMP picture.
func bmpBytes() []byte {
	b := []byte{'B', 'M', 58, 0, 0, 0, 0, 0, 0, 0, 54, 0, 0, 0, // file header: size 58, pixels at 54
		40, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 24, 0, // info header: 1×1, 24 bits
		0, 0, 0, 0, 4, 0, 0, 0, 0x13, 0x0b, 0, 0, 0x13, 0x0b, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
		0x40, 0x80, 0xc0, 0} // one pixel, padded to 4 bytes
	return b
}
