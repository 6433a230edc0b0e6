package e2e

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/wpsync/wpsync/internal/wptest"
	"github.com/wpsync/wpsync/state"
)

// Issue 22, what themes show that WordPress lost: a themed Hugo blog
// (testdata/sites/hugo-theme) on a site with a series taxonomy, as an
// administrator and as an Author, and on one without it.

// themePost is what these tests read of a post.
type themePost struct {
	ID            int
	Slug          string
	Format        string
	FeaturedMedia int `json:"featured_media"`
	Categories    []int
	Series        []int
	Excerpt       struct{ Raw string }
	Content       struct{ Raw string }
}

// themeSite is a site of the test's own, with the series taxonomy.
type themeSite struct {
	t *testing.T
	s *wptest.Site
}

func (ts themeSite) sync(dir string, env []string, want int) fullReport {
	ts.t.Helper()
	return fullReportOf(ts.t, wpsync(ts.t, append(ts.s.Env(), env...), "sync", dir, "--output", "json"), want)
}

func (ts themeSite) post(id int) themePost {
	ts.t.Helper()
	var p themePost
	if err := ts.s.GetJSON(context.Background(), fmt.Sprintf("/wp/v2/posts/%d", id), map[string][]string{"context": {"edit"}}, &p); err != nil {
		ts.t.Fatalf("get post %d: %v", id, err)
	}
	p.Content.Raw = withoutFingerprint(p.Content.Raw)
	return p
}

// names returns the names of terms of a taxonomy, sorted.
func (ts themeSite) names(taxonomy string, ids []int) []string {
	ts.t.Helper()
	names := []string{}
	for _, id := range ids {
		var tm wpTerm
		if err := ts.s.GetJSON(context.Background(), fmt.Sprintf("/wp/v2/%s/%d", taxonomy, id), nil, &tm); err != nil {
			ts.t.Fatal(err)
		}
		names = append(names, tm.Name)
	}
	slices.Sort(names)
	return names
}

// source returns the file name of a media item's address.
func (ts themeSite) source(id int) string {
	ts.t.Helper()
	if id == 0 {
		return ""
	}
	var m struct {
		SourceURL string `json:"source_url"`
	}
	if err := ts.s.GetJSON(context.Background(), fmt.Sprintf("/wp/v2/media/%d", id), nil, &m); err != nil {
		ts.t.Fatal(err)
	}
	return m.SourceURL[strings.LastIndex(m.SourceURL, "/")+1:]
}

// secondRun syncs dir again: nothing is written or created.
func (ts themeSite) secondRun(dir string, env []string) {
	ts.t.Helper()
	mark := ts.s.Mark()
	r := wpsync(ts.t, append(ts.s.Env(), env...), "sync", dir, "--output", "json")
	rep := fullReportOf(ts.t, r, 0)
	if w := siteWrites(ts.t, ts.s, mark); len(w) != 0 || rep.Summary.Created+rep.Summary.Updated != 0 {
		ts.t.Errorf("second run: %+v, writes %v\n%s", rep.Summary, w, r.stdout)
	}
}

const (
	themeFeature = "content/posts/feature-bundle/index.md"
	themeCover   = "content/posts/cover-image/index.md"
	themeTitled  = "content/posts/titled-image/index.md"
	themeShared  = "content/posts/shared-image.md"
	themeMedium  = "content/posts/on-medium.md"
)

func TestHugoTheme_Administrator(t *testing.T) {
	ts := themeSite{t, wptest.Start(t, "e2e_hugo_theme", wptest.Options{MuPlugins: []string{"testdata/plugins/series-taxonomy.php"}})}
	dir := copyTree(t, filepath.Join("testdata", "sites", "hugo-theme"))
	rep := ts.sync(dir, nil, 0)
	for _, w := range rep.Warnings {
		if strings.Contains(w, "series") {
			t.Errorf("the site has a series taxonomy, yet: %q", w)
		}
	}

	// A bundle's feature picture is the featured image (feature wins over
	// a-cover, though a-cover comes first by name); the category CI/CD is
	// one term; the series is the site's series taxonomy.
	feature := ts.post(rep.want(t, themeFeature, "create").ID)
	if src := ts.source(feature.FeaturedMedia); !strings.HasPrefix(src, "feature") {
		t.Errorf("feature-bundle: featured image %q, want the bundle's feature.png", src)
	}
	if got := ts.names("categories", feature.Categories); !slices.Equal(got, []string{"CI/CD"}) {
		t.Errorf("feature-bundle: categories %q, want [CI/CD]", got)
	}
	var cats []struct {
		Name   string
		Parent int
	}
	if err := ts.s.GetJSON(context.Background(), "/wp/v2/categories", map[string][]string{"per_page": {"100"}}, &cats); err != nil {
		t.Fatal(err)
	}
	for _, c := range cats {
		if c.Name == "CI" || c.Name == "CD" || c.Name == "CI/CD" && c.Parent != 0 {
			t.Errorf("category %q under %d: CI/CD is one term at the top", c.Name, c.Parent)
		}
	}
	if got := ts.names("series", feature.Series); !slices.Equal(got, []string{"Go Basics"}) {
		t.Errorf("feature-bundle: series %q, want [Go Basics]", got)
	}

	// PaperMod's cover.image wins over the bundle's feature picture.
	cover := ts.post(rep.want(t, themeCover, "create").ID)
	if src := ts.source(cover.FeaturedMedia); !strings.HasPrefix(src, "hero") {
		t.Errorf("cover-image: featured image %q, want hero.png of cover.image", src)
	}

	// The title's Markdown is HTML in the caption; two series.
	titled := ts.post(rep.want(t, themeTitled, "create").ID)
	const caption = `<figcaption class="wp-element-caption">Sales <em>grew</em> in <a href="https://example.org/q3">the third quarter</a></figcaption>`
	if !strings.Contains(titled.Content.Raw, caption) {
		t.Errorf("titled-image: no caption %s in\n%s", caption, titled.Content.Raw)
	}
	if got := ts.names("series", titled.Series); !slices.Equal(got, []string{"Go Basics", "Rust Basics"}) {
		t.Errorf("titled-image: series %q", got)
	}
	if titled.FeaturedMedia != 0 {
		t.Errorf("titled-image: a featured image %d, though its bundle has no feature, cover or thumbnail picture", titled.FeaturedMedia)
	}

	// Hugo's images: is from the site's root (static/img/share.png); the
	// page is no bundle, so ../assets/diagram.png is
	// /posts/assets/diagram.png: static/posts/assets/, not content/assets/.
	shared := ts.post(rep.want(t, themeShared, "create").ID)
	if src := ts.source(shared.FeaturedMedia); !strings.HasPrefix(src, "share") {
		t.Errorf("shared-image: featured image %q, want static/img/share.png", src)
	}
	st, err := state.Load(state.DefaultPath(dir))
	if err != nil {
		t.Fatal(err)
	}
	m := st.Media["static/posts/assets/diagram.png"]
	if m == nil || st.Media["content/assets/diagram.png"] != nil {
		t.Fatalf("media uploaded: %v; want static/posts/assets/diagram.png, not content/assets/diagram.png", mediaPaths(st.Media))
	}
	if !strings.Contains(shared.Content.Raw, `src="`+m.URL+`"`) {
		t.Errorf("shared-image does not show %s:\n%s", m.URL, shared.Content.Raw)
	}

	// externalUrl: a link post whose content links out, said.
	medium := ts.post(rep.want(t, themeMedium, "create", "externalUrl", "link").ID)
	const out = `<a href="https://medium.com/@theme-example/written-for-medium-1a2b3c">`
	if !strings.Contains(medium.Content.Raw, out) || medium.Format != "link" || medium.Excerpt.Raw != "I wrote this one on Medium." {
		t.Errorf("on-medium: format %q, excerpt %q, content %q; want a link post linking out", medium.Format, medium.Excerpt.Raw, medium.Content.Raw)
	}

	// The block editor keeps the caption's HTML and the link post as sent.
	asPost := func(p themePost) wpPost {
		var w wpPost
		w.Content.Raw = p.Content.Raw
		return w
	}
	editorAccepts(t, map[string]wpPost{"titled-image": asPost(titled), "on-medium": asPost(medium)})

	ts.secondRun(dir, nil)
	checkStateLoss(t, ts.s, nil, dir)
}

// An Author may assign the series terms the site has, and not create
// others: those are left out, said, and the post published; the category
// CI/CD made by an administrator is found as one term.
func TestHugoTheme_Author(t *testing.T) {
	ts := themeSite{t, wptest.Start(t, "e2e_hugo_theme_author", wptest.Options{MuPlugins: []string{"testdata/plugins/series-taxonomy.php"}})}
	ctx := context.Background()
	for _, tm := range []struct{ taxonomy, name string }{{"categories", "CI/CD"}, {"series", "Go Basics"}} {
		if err := ts.s.PostJSON(ctx, "/wp/v2/"+tm.taxonomy, map[string]any{"name": tm.name}, nil); err != nil {
			t.Fatalf("create %s %s: %v", tm.taxonomy, tm.name, err)
		}
	}
	env := authorOn(t, ts.s, "theme-author")
	dir := copyTree(t, filepath.Join("testdata", "sites", "hugo-theme"))
	rep := ts.sync(dir, env, 0)
	feature := ts.post(rep.want(t, themeFeature, "create").ID)
	if got := ts.names("categories", feature.Categories); !slices.Equal(got, []string{"CI/CD"}) {
		t.Errorf("feature-bundle: categories %q, want [CI/CD]", got)
	}
	if got := ts.names("series", feature.Series); !slices.Equal(got, []string{"Go Basics"}) {
		t.Errorf("feature-bundle: series %q, want [Go Basics]", got)
	}
	if src := ts.source(feature.FeaturedMedia); !strings.HasPrefix(src, "feature") {
		t.Errorf("feature-bundle: featured image %q", src)
	}
	titled := ts.post(rep.want(t, themeTitled, "create", `series "Rust Basics" is not on the site`, "may not create").ID)
	if got := ts.names("series", titled.Series); !slices.Equal(got, []string{"Go Basics"}) {
		t.Errorf("titled-image: series %q, want [Go Basics]", got)
	}
	ts.secondRun(dir, env)
	checkStateLoss(t, ts.s, env, dir)
}

// On a site without a series taxonomy, the terms are not sent, and that is
// said once for the run, with how many files name them.
func TestHugoTheme_SiteWithoutSeries(t *testing.T) {
	dir := copyTree(t, filepath.Join("testdata", "sites", "hugo-theme"))
	rep := syncReport(t, dir, 0)
	var said []string
	for _, w := range rep.Warnings {
		if strings.Contains(w, "series") {
			said = append(said, w)
		}
	}
	if len(said) != 1 || !strings.Contains(said[0], "named in 2 file(s)") {
		t.Errorf("run warnings %q: want one of the series taxonomy, named in 2 files", rep.Warnings)
	}
	for _, it := range rep.Items {
		if it.Action != "create" && it.Path != "README.md" {
			t.Errorf("%s: %s %s", it.Path, it.Action, it.Error)
		}
	}
	secondRunWritesNothing(t, dir, 0)
}

// mediaPaths returns the paths of the state's media, sorted.
func mediaPaths(m map[string]*state.MediaEntry) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}
