package e2e

import (
	"image/color"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// Astro sites (issue 26): a site of our own (testdata/sites/astro).

// astroSource is Astro's and MDX's syntax, which no post may show.
var astroSource = []string{"import ", "export ", "{/*", "<Tabs", "TabItem", "<Aside", "<Telescope", "<Image", "{dome}", "getCollection", "heroImage"}

// TestAstro_Site: a site of our own (testdata/sites/astro): a collection
// configuration with glob loaders, a blog route in src/pages, .md and
// .mdx entries, heroImage relative to the file and from public/, a draft,
// a slug, <Image> of an imported picture, a docs collection as pages, a
// Markdown page of src/pages, links
// by relative path (.md and .mdx) and by address (with the site's base,
// and on its url). No source reaches readers outside code, code stays
// code, every link goes to its post, each picture is uploaded once, and a
// second run and a run without the state file write nothing.
func TestAstro_Site(t *testing.T) {
	dir := copyTree(t, filepath.Join("testdata", "sites", "astro"))
	writeBytes(t, dir, "src/assets/as-hero.png", pngBytes(t, color.RGBA{30, 40, 120, 255}))
	writeBytes(t, dir, "public/as-sky.png", pngBytes(t, color.RGBA{10, 10, 40, 255}))
	mark := site.Mark()
	rep := syncReport(t, dir, 0)
	first := rep.want(t, "src/content/blog/as-first-light.md", "create")
	moons := rep.want(t, "src/content/blog/as-moons.mdx", "create", "line 38: MDX component <Telescope> is not run")
	slugged := rep.want(t, "src/content/blog/as-slugged.md", "create")
	draft := rep.want(t, "src/content/blog/as-draft.md", "create")
	guide := rep.want(t, "src/content/docs/as-guide.md", "create")
	about := rep.want(t, "src/pages/as-about.md", "create")
	rep.want(t, "src/content/docs/_as-shared.md", "skipped", "not an entry")
	rep.want(t, "README.md", "skipped", "Astro renders no page")
	if n := len(uploads(t, mark)); n != 2 {
		t.Errorf("%d uploads, want the hero and the sky once each", n)
	}
	if rep.Summary.Leftovers != 0 {
		t.Errorf("leftovers: %+v", rep.Items)
	}
	for _, it := range []reportItem{guide, about} {
		if it.Type != "pages" && it.Type != "page" {
			t.Errorf("%s: type %q, want a page", it.Path, it.Type)
		}
	}
	rich := map[string]richPost{
		"first": getRich(t, "posts", first.ID), "moons": getRich(t, "posts", moons.ID), "slugged": getRich(t, "posts", slugged.ID),
		"draft": getRich(t, "posts", draft.ID), "guide": getRich(t, "pages", guide.ID), "about": getRich(t, "pages", about.ID),
	}
	posts := map[string]wpPost{}
	for k, p := range rich {
		p.Content.Raw = withoutFingerprint(p.Content.Raw)
		posts[k] = p.wpPost
	}
	if s := posts["draft"].Status; s != "draft" {
		t.Errorf("draft: status %q", s)
	}
	if s := posts["slugged"].Slug; s != "as-custom-slug" {
		t.Errorf("slugged: slug %q", s)
	}
	for name, want := range map[string]string{"first": "2022-07-08", "moons": "2022-07-15"} {
		if !strings.HasPrefix(posts[name].Date, want) {
			t.Errorf("%s: date %s, want %s from pubDate", name, posts[name].Date, want)
		}
	}
	if e := posts["first"].Excerpt.Raw; e != "The telescope sees its first star." {
		t.Errorf("first: excerpt %q, want the description", e)
	}
	if got := termNames(t, "tags", posts["first"].Tags); !slices.Equal(got, []string{"night", "telescope"}) {
		t.Errorf("first: tags %q", got)
	}
	// heroImage: the featured image, the same upload as the picture the
	// body shows; from public/ for the MDX post.
	hero := rich["first"].FeaturedMedia
	if hero == 0 {
		t.Fatal("first: no featured image")
	}
	body := uploadedSrc.FindAllStringSubmatch(posts["first"].Content.Rendered, -1)
	if m := getMedia(t, hero); len(body) != 1 || !strings.Contains(m.SourceURL, "as-hero") || !strings.Contains(body[0][1], "as-hero") {
		t.Errorf("first: featured %s, body pictures %q: want as-hero for both", m.SourceURL, body)
	}
	if m := getMedia(t, rich["moons"].FeaturedMedia); !strings.Contains(m.SourceURL, "as-sky") {
		t.Errorf("moons: featured %s, want public/as-sky.png", m.SourceURL)
	}
	// <Image src={dome}> of an imported picture: that picture's upload.
	if m := uploadedSrc.FindAllStringSubmatch(posts["moons"].Content.Rendered, -1); len(m) != 1 || m[0][1] != body[0][1] {
		t.Errorf("moons: pictures %q, want the hero's upload %s", m, body[0][1])
	}
	wantShown(t, "first", posts["first"], "The telescope saw its first star tonight.",
		`<a href="`+moons.Link+`">the moons</a>`, `<a href="`+guide.Link+`">observing guide</a>`, `<a href="`+slugged.Link+`">the custom one</a>`,
		"import { getCollection } from")
	wantShown(t, "moons", posts["moons"], `<a href="`+first.Link+`">first light</a>`, `<a href="`+guide.Link+`">guide</a>`,
		`wp-block-group callout callout-tip`, "<strong>Clear skies</strong>", "Wait for a night without <strong>clouds</strong>.",
		">Small</h3>", "A 25 mm eyepiece.", ">Large</h3>", "A 10 mm eyepiece.",
		"Jupiter with its <strong>four moons</strong> in a row.",
		"import Telescope from", "&lt;Telescope power=", "{/* shown as written */}")
	wantShown(t, "slugged", posts["slugged"], `<a href="`+moons.Link+`">the moons</a>`)
	wantShown(t, "guide", posts["guide"], `<a href="`+first.Link+`">first light</a>`, `<a href="`+moons.Link+`">moons</a>`)
	wantShown(t, "about", posts["about"], `<a href="`+first.Link+`">first light</a>`)
	if strings.Contains(posts["moons"].Content.Rendered, "Editors: check") {
		t.Error("moons shows the MDX comment")
	}
	for name, p := range posts {
		prose := codeParts.ReplaceAllString(p.Content.Rendered, "")
		for _, source := range astroSource {
			if strings.Contains(prose, source) {
				t.Errorf("%s shows %q:\n%s", name, source, p.Content.Rendered)
			}
		}
		if strings.Contains(prose, `href="/`) || strings.Contains(prose, `.md"`) || strings.Contains(prose, `.mdx"`) || strings.Contains(prose, "stars.example.org") {
			t.Errorf("%s: a link left unresolved:\n%s", name, p.Content.Rendered)
		}
	}
	// Astro's ids (github-slugger's, "-" squeezed), in .md and .mdx.
	landsOnHeading(t, "first", posts["first"], "eyepieces", moons.Link, "eyepieces")
	landsOnHeading(t, "moons", posts["moons"], "what it saw", first.Link, "what-we-saw-vega-deneb")
	editorAccepts(t, map[string]wpPost{"first.md": posts["first"], "moons.mdx": posts["moons"]})
	secondRunWritesNothing(t, dir, 0)
	if err := os.Remove(filepath.Join(dir, ".wpsync", "state.json")); err != nil {
		t.Fatal(err)
	}
	secondRunWritesNothing(t, dir, 0)
}

// TestAstro_Readers: the fixture of testdata/readers/astro, which
// TestReaders_Generators read when Astro had no adapter, its files moved
// into src/pages (Astro renders no Markdown at the site's root), the
// shown one as .mdx (Astro runs no JSX in .md): its import line and
// component are run, none is a leftover, no generator is named as
// unadapted, and what is in code stays as written.
func TestAstro_Readers(t *testing.T) {
	dir := copyTree(t, filepath.Join("testdata", "readers", "astro"))
	if err := os.MkdirAll(filepath.Join(dir, "src", "pages"), 0o755); err != nil {
		t.Fatal(err)
	}
	for from, to := range map[string]string{"rd-astro-shown.md": "rd-astro-shown.mdx", "rd-astro-code.md": "rd-astro-code.md"} {
		if err := os.Rename(filepath.Join(dir, from), filepath.Join(dir, "src", "pages", to)); err != nil {
			t.Fatal(err)
		}
	}
	// --strict: a construct left as text would fail its file.
	rep := fullReportOf(t, wpsync(t, nil, "sync", dir, "--output", "json", "--strict"), 0)
	shown := rep.want(t, "src/pages/rd-astro-shown.mdx", "create", "line 6: MDX component <Card> is not run")
	code := rep.want(t, "src/pages/rd-astro-code.md", "create")
	if rep.Summary.Leftovers != 0 {
		t.Errorf("leftovers: %+v", rep.Items)
	}
	for _, w := range rep.Warnings {
		if strings.Contains(w, "no adapter") {
			t.Errorf("run warning %q", w)
		}
	}
	s := getPost(t, "pages", shown.ID)
	wantShown(t, "shown", s, "Text.")
	for _, source := range []string{"import ", "<Card", "Card.astro"} {
		if strings.Contains(s.Content.Rendered, source) {
			t.Errorf("shown shows %q:\n%s", source, s.Content.Rendered)
		}
	}
	wantShown(t, "code", getPost(t, "pages", code.ID), `<code>&lt;Card title="x" /&gt;</code>`, "import Card from '../components/Card.astro';\n---\n&lt;Card title=\"Hello\" /&gt;</code></pre>")
	secondRunWritesNothing(t, dir, 0)
}
