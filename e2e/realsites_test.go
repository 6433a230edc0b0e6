package e2e

import (
	"context"
	"fmt"
	"image/color"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/wpsync/wpsync/internal/wptest"
)

// Issue 22, all together: sites of our own built as their owners have them
// (testdata/sites/hugo-blog, hugo-bilingual-dir, hugo-bilingual-suffix,
// jekyll-site), each synced at its root on a WordPress of its own. The
// per-feature tests check each piece in detail; these check that the
// pieces hold in one site: no source syntax left, every link between
// files reaching the post the file meant, nothing written twice.

// realPost is what these tests read of a post or page.
type realPost struct {
	ID            int
	Slug          string
	Link          string
	Type          string
	Parent        int
	FeaturedMedia int `json:"featured_media"`
	Series        []int
	Title         struct{ Raw string }
	Content       struct{ Raw string }
}

// realSite is one synced fixture: its report and every post and page of
// its WordPress, by the file each came from.
type realSite struct {
	t     *testing.T
	s     *wptest.Site
	dir   string
	rep   fullReport
	posts map[string]realPost // by file path
	all   []realPost          // every post and page on the site
}

// syncRealSite copies fixture, lets prepare add to it (pictures), syncs it
// at its root on a site of its own and reads back what it published.
func syncRealSite(t *testing.T, name, fixture string, opts wptest.Options, prepare func(dir string)) *realSite {
	t.Helper()
	rs := &realSite{t: t, s: wptest.Start(t, name, opts), dir: copyTree(t, filepath.Join("testdata", "sites", fixture))}
	if prepare != nil {
		prepare(rs.dir)
	}
	rs.rep = fullReportOf(t, wpsync(t, rs.s.Env(), "sync", rs.dir, "--output", "json"), 0)
	rs.posts = map[string]realPost{}
	for _, it := range rs.rep.Items {
		if it.Action == "error" {
			t.Errorf("%s: %s", it.Path, it.Error)
		}
		if it.ID == 0 {
			continue
		}
		typ := "posts"
		if it.Type == "page" {
			typ = "pages"
		}
		var p realPost
		if err := rs.s.GetJSON(context.Background(), fmt.Sprintf("/wp/v2/%s/%d", typ, it.ID), url.Values{"context": {"edit"}}, &p); err != nil {
			t.Fatalf("get %s %d: %v", typ, it.ID, err)
		}
		p.Content.Raw = withoutFingerprint(p.Content.Raw)
		rs.posts[it.Path] = p
	}
	for _, route := range []string{"/wp/v2/posts", "/wp/v2/pages"} {
		var got []realPost
		if err := rs.s.GetJSON(context.Background(), route, url.Values{"per_page": {"100"}, "status": {"any"}, "context": {"edit"}}, &got); err != nil {
			t.Fatal(err)
		}
		rs.all = append(rs.all, got...)
	}
	return rs
}

// published checks that exactly the files of want were published.
func (rs *realSite) published(want ...string) {
	rs.t.Helper()
	var got []string
	for p := range rs.posts {
		got = append(got, p)
	}
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		rs.t.Errorf("published\n%q\nwant\n%q\nreport: %+v", got, want, rs.rep.Items)
	}
	if len(rs.all) != len(want) {
		var slugs []string
		for _, p := range rs.all {
			slugs = append(slugs, p.Type+"/"+p.Slug)
		}
		rs.t.Errorf("the site holds %d posts and pages (%q), want %d", len(rs.all), slugs, len(want))
	}
}

// noSource checks that no leftover is reported and no post holds
// template, shortcode, wikilink or unresolved ref syntax, and that no
// slug got a -N suffix its file's name does not have.
func (rs *realSite) noSource() {
	rs.t.Helper()
	if rs.rep.Summary.Leftovers != 0 {
		rs.t.Errorf("%d leftovers reported", rs.rep.Summary.Leftovers)
	}
	for _, it := range rs.rep.Items {
		if it.Leftovers != 0 {
			rs.t.Errorf("%s: %d leftovers (%q)", it.Path, it.Leftovers, it.Warnings)
		}
	}
	suffixed := regexp.MustCompile(`-\d+$`)
	for path, p := range rs.posts {
		for _, src := range []string{"{{", "}}", "{%", "%}", "[[", "wpsync-ref:"} {
			if strings.Contains(p.Content.Raw, src) {
				rs.t.Errorf("%s holds %q:\n%s", path, src, p.Content.Raw)
			}
		}
		if suffixed.MatchString(p.Slug) && !strings.Contains(path, p.Slug) {
			rs.t.Errorf("%s: slug %q", path, p.Slug)
		}
	}
}

var hrefRE = regexp.MustCompile(`href="([^"]*)"`)

// links checks every link of every post to the site itself: each reaches
// a post or page of the fixture, and the links of each file are want's
// (file → its links, as "path" or "path#fragment", or "/" for the site's
// front page, in any order).
func (rs *realSite) links(want map[string][]string) {
	rs.t.Helper()
	base, err := url.Parse(rs.s.URL)
	if err != nil {
		rs.t.Fatal(err)
	}
	byLink := map[string]string{}
	for path, p := range rs.posts {
		byLink[strings.TrimSuffix(p.Link, "/")] = path
	}
	for path, p := range rs.posts {
		got := []string{}
		for _, m := range hrefRE.FindAllStringSubmatch(p.Content.Raw, -1) {
			href := strings.ReplaceAll(m[1], "&amp;", "&")
			u, err := base.Parse(href)
			if err != nil {
				rs.t.Errorf("%s: href %q: %v", path, href, err)
				continue
			}
			if u.Host != base.Host && u.Scheme != "" {
				continue // a link out
			}
			if strings.Contains(u.Path, "/wp-content/") {
				continue // a picture or file uploaded
			}
			frag := u.Fragment
			u.Fragment = ""
			target, ok := byLink[strings.TrimSuffix(u.String(), "/")]
			switch {
			case strings.HasPrefix(href, "#"):
				target = path // the page itself
			case strings.TrimSuffix(u.String(), "/") == strings.TrimSuffix(base.String(), "/"):
				target = "/" // the site's front page
			case !ok:
				target = "NO POST: " + u.String()
			}
			if frag != "" {
				target += "#" + frag
			}
			got = append(got, target)
		}
		w := append([]string{}, want[path]...)
		slices.Sort(got)
		slices.Sort(w)
		if !slices.Equal(got, w) {
			rs.t.Errorf("%s links to\n%q\nwant\n%q\n%s", path, got, w, p.Content.Raw)
		}
	}
	for path := range want {
		if _, ok := rs.posts[path]; !ok {
			rs.t.Errorf("%s has links to check but was not published", path)
		}
	}
}

// again checks that a second run and a run without the state file (and
// one with --rebuild-state) write nothing.
func (rs *realSite) again() {
	rs.t.Helper()
	mark := rs.s.Mark()
	r := wpsync(rs.t, rs.s.Env(), "sync", rs.dir, "--output", "json")
	rep := fullReportOf(rs.t, r, 0)
	if w := siteWrites(rs.t, rs.s, mark); len(w) != 0 || rep.Summary.Created+rep.Summary.Updated != 0 {
		rs.t.Errorf("second run: %+v, writes %v\n%s", rep.Summary, w, r.stdout)
	}
	checkStateLoss(rs.t, rs.s, nil, rs.dir)
	if _, err := os.Stat(filepath.Join(rs.dir, ".wpsync")); err != nil {
		rs.t.Errorf("no state file after the runs: %v", err)
	}
}

// contains checks that a file's post holds each of parts.
func (rs *realSite) contains(path string, parts ...string) {
	rs.t.Helper()
	for _, part := range parts {
		if !strings.Contains(rs.posts[path].Content.Raw, part) {
			rs.t.Errorf("%s lacks %q:\n%s", path, part, rs.posts[path].Content.Raw)
		}
	}
}

// noText checks that no post or page on the site holds any of texts.
func (rs *realSite) noText(texts ...string) {
	rs.t.Helper()
	for _, p := range rs.all {
		for _, text := range texts {
			if strings.Contains(p.Content.Raw, text) || p.Title.Raw == text {
				rs.t.Errorf("%s/%s holds %q, which should not be published", p.Type, p.Slug, text)
			}
		}
	}
}

// source returns the file name of a media item's address ("" for none).
func (rs *realSite) source(id int) string {
	rs.t.Helper()
	return themeSite{rs.t, rs.s}.source(id)
}

const (
	blogFirst   = "content/posts/first-pipeline/index.md"
	blogSecond  = "content/posts/second-steps/index.md"
	blogThird   = "content/posts/third-release/index.md"
	blogPosts   = "content/posts/_index.md"
	blogAbout   = "content/about/index.md"
	blogHome    = "content/_index.md"
	blogSeries  = "Build Shed"
	blogShedPNG = "content/posts/first-pipeline/shed.png"
)

func TestRealSites_HugoBlog(t *testing.T) {
	rs := syncRealSite(t, "e2e_realsites_hugo_blog", "hugo-blog",
		wptest.Options{MuPlugins: []string{"testdata/plugins/series-taxonomy.php"}},
		func(dir string) {
			// Congo's and Blowfish's names: feature*, then cover*, then
			// thumbnail*; shed.png is a picture in the text.
			writeBytes(t, dir, "content/posts/first-pipeline/feature.png", pngBytes(t, color.RGBA{200, 30, 30, 255}))
			writeBytes(t, dir, blogShedPNG, pngBytes(t, color.RGBA{30, 30, 200, 255}))
			writeBytes(t, dir, "content/posts/second-steps/cover.png", pngBytes(t, color.RGBA{30, 200, 30, 255}))
			writeBytes(t, dir, "content/posts/third-release/thumbnail.png", pngBytes(t, color.RGBA{200, 200, 30, 255}))
		})
	// The home page is the site's front, not a page; the headless bundle's
	// pages are shown by the theme, not built.
	rs.published(blogFirst, blogSecond, blogThird, blogPosts, blogAbout)
	rs.rep.want(t, blogHome, "skipped", "Hugo's home page")
	for _, path := range []string{"content/homepage/index.md", "content/homepage/about.md", "content/homepage/work.md"} {
		rs.rep.want(t, path, "skipped")
	}
	rs.noSource()
	rs.noText("Welcome to the build shed", "Shown on the home page by the theme", "The theme lists the work here")

	rs.links(map[string][]string{
		blogFirst:  {blogSecond, blogThird + "#ship-it", blogFirst + "#tools"},
		blogSecond: {blogFirst + "#setup", blogThird, blogThird, blogAbout},
		blogThird:  {blogFirst, "/"},
		blogAbout:  {blogFirst + "#setup", blogPosts},
	})

	// The theme's shortcodes write indented HTML, put in as it is: no code
	// block, the notice's Markdown rendered, i18n and data read.
	for _, path := range []string{blogFirst, blogSecond, blogAbout} {
		if raw := rs.posts[path].Content.Raw; strings.Contains(raw, "<pre") || strings.Contains(raw, "&lt;div") || strings.Contains(raw, "&lt;a") {
			t.Errorf("%s shows the theme's HTML as text:\n%s", path, raw)
		}
	}
	rs.contains(blogFirst, `<div class="notice notice-warning">`, "<strong>Note</strong>", "<strong>runner</strong>",
		"<td>Runner</td>", "<td>2.4</td>", "<td>Cache</td>")
	rs.contains(blogSecond, `<div class="notice notice-info">`, `<a class="button button-primary"`, "On to the release", `<div class="callout">`)
	rs.contains(blogAbout, `<a class="button button-secondary"`, "All posts")

	// Each bundle's feature picture, by the theme's order of names.
	for path, want := range map[string]string{blogFirst: "feature", blogSecond: "cover", blogThird: "thumbnail"} {
		if src := rs.source(rs.posts[path].FeaturedMedia); !strings.HasPrefix(src, want) {
			t.Errorf("%s: featured image %q, want the bundle's %s picture", path, src, want)
		}
	}
	rs.contains(blogFirst, "shed")

	// The series of the three posts; CI/CD one category.
	ts := themeSite{t, rs.s}
	for _, path := range []string{blogFirst, blogSecond, blogThird} {
		if got := ts.names("series", rs.posts[path].Series); !slices.Equal(got, []string{blogSeries}) {
			t.Errorf("%s: series %q, want [%s]", path, got, blogSeries)
		}
	}
	var first struct{ Categories []int }
	if err := rs.s.GetJSON(context.Background(), fmt.Sprintf("/wp/v2/posts/%d", rs.posts[blogFirst].ID), nil, &first); err != nil {
		t.Fatal(err)
	}
	if got := ts.names("categories", first.Categories); !slices.Equal(got, []string{"CI/CD"}) {
		t.Errorf("first-pipeline: categories %q, want [CI/CD]", got)
	}
	rs.again()
}

func TestRealSites_HugoBilingualContentDir(t *testing.T) {
	const (
		mooring = "content/en/guides/mooring.md"
		fees    = "content/en/guides/fees.md"
		guides  = "content/en/guides/_index.md"
	)
	rs := syncRealSite(t, "e2e_realsites_hugo_dir", "hugo-bilingual-dir", wptest.Options{}, nil)
	rs.published(mooring, fees, guides)
	rs.noSource()
	noItemUnder(t, rs.rep, "content/fr/")
	runWarning(t, rs.rep, "of other languages left out (fr: 4)", "wpsync publishes one language, en")
	rs.noText("Amarrez-vous", "Dix le mètre", "Astuce", "Quai", "The quay's guides")
	rs.links(map[string][]string{
		mooring: {fees + "#by-length"},
		fees:    {mooring},
	})
	rs.contains(mooring, `<aside class="tip">`, "<h4>Tip</h4>", "<strong>harbour master</strong>")
	for path, slug := range map[string]string{mooring: "mooring", fees: "fees", guides: "guides"} {
		if rs.posts[path].Slug != slug {
			t.Errorf("%s: slug %q, want %q", path, rs.posts[path].Slug, slug)
		}
	}
	rs.again()
}

func TestRealSites_HugoBilingualFileSuffix(t *testing.T) {
	const (
		berths  = "content/guides/berths/index.md"
		booking = "content/guides/booking.md"
		guides  = "content/guides/_index.md"
	)
	rs := syncRealSite(t, "e2e_realsites_hugo_suffix", "hugo-bilingual-suffix", wptest.Options{}, nil)
	rs.published(berths, booking, guides)
	rs.noSource()
	runWarning(t, rs.rep, "of other languages left out (fr: 4)", "wpsync publishes one language, en")
	rs.noText("Les postes", "Réservez", "Attention", "Les guides du quai", "The dock's pages")
	rs.links(map[string][]string{
		berths:  {booking},
		booking: {berths, booking + "#rules"},
	})
	rs.contains(berths, `<div class="warn">`, "<strong>Warning</strong>", "Berth 4 is closed.")
	for path, slug := range map[string]string{berths: "berths", booking: "booking", guides: "guides"} {
		if rs.posts[path].Slug != slug {
			t.Errorf("%s: slug %q, want %q", path, rs.posts[path].Slug, slug)
		}
	}
	rs.again()
}

func TestRealSites_Jekyll(t *testing.T) {
	const (
		home    = "index.md"
		docs    = "docs/index.md"
		berths  = "docs/berths/index.md"
		install = "install/index.md"
		release = "_posts/2024-06-20-release-1-1.md"
		summer  = "_posts/2024-07-01-summer-hours.md"
	)
	rs := syncRealSite(t, "e2e_realsites_jekyll", "jekyll-site", wptest.Options{}, nil)
	// One post or page a file: a redirect_from address is no page of its
	// own; the home page is the site's front page, as Hugo's.
	rs.published(docs, berths, install, release, summer)
	rs.rep.want(t, home, "skipped", "Jekyll's home page")
	rs.noSource()
	rs.noText("Welcome to the Marina")
	// Every link by a redirect_from address reaches the page it names.
	rs.links(map[string][]string{
		docs:    {berths},
		berths:  {docs},
		install: {berths},
		release: {install, berths},
		summer:  {release, install, "/"},
	})
	// The parent page is the child's parent, from the first run on.
	if p, c := rs.posts[docs], rs.posts[berths]; c.Parent != p.ID || p.ID == 0 {
		t.Errorf("docs/berths is under %d, want docs (%d)", c.Parent, p.ID)
	}
	// Lenient Liquid: the data file's date, the include, offset (which
	// Jekyll's Liquid does not know) ignored, an unknown filter ignored.
	rs.contains(docs, "June 20, 2024")
	rs.contains(berths, `<div class="box">`, "Berths close in January.", "Latest tools: 1.0, 1.1.")
	rs.contains(release, "Version 1.1 is out", "Nothing to do.")
	rs.contains(summer, "It was 1 July.")
	rs.again()
}
