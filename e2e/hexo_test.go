package e2e

import (
	"image/color"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// Hexo sites (issue 26): a site of our own (testdata/sites/hexo) with
// each construct of docs/hexo.md.

// hexoSource is template syntax a reader must not see.
var hexoSource = []string{"{%", "%}", "{{", "}}", "<!-- more -->"}

// TestHexo_Site: _config.yml's permalink, new_post_name, post_asset_folder,
// timezone, source_dir and skip_render; posts (one published: false, one
// with its own permalink and excerpt), a page, a draft, a folder
// starting with _, a theme and scaffolds; tag plugins (codeblock,
// blockquote, youtube, post_link, asset_img, pullquote, link, iframe, raw,
// img) and a theme's tag; the more tag; categories as hierarchies. No
// template syntax in prose, code stays code, links between files (by
// post_link, by file and by the old permalink) resolve, the asset picture
// is uploaded once and shown twice, and a second run and a run without
// the state file write nothing.
func TestHexo_Site(t *testing.T) {
	dir := copyTree(t, filepath.Join("testdata", "sites", "hexo"))
	writeBytes(t, dir, "source/_posts/2024-03-01-hx-kettle/kettle.png", pngBytes(t, color.RGBA{150, 40, 30, 255}))
	writeBytes(t, dir, "source/images/hx-cup.png", pngBytes(t, color.RGBA{30, 40, 150, 255}))
	mark := site.Mark()
	rep := syncReport(t, dir, 0)
	kettle := rep.want(t, "source/_posts/2024-03-01-hx-kettle.md", "create")
	brew := rep.want(t, "source/_posts/2024-03-05-hx-brew.md", "create",
		`line 21: Hexo tag plugin "note" is the theme's or a plugin's own`)
	about := rep.want(t, "source/hx-about/index.md", "create")
	draft := rep.want(t, "source/_drafts/hx-draft.md", "create")
	unpublished := rep.want(t, "source/_posts/2024-03-07-hx-unpublished.md", "create")
	for _, p := range []string{"source/_partials/hx-partial.md", "source/hx-kept/readme.md", "themes/landscape/README.md", "scaffolds/post.md"} {
		if it, ok := rep.byPath[p]; ok && it.Action != "skipped" {
			t.Errorf("%s: %s, want it not published", p, it.Action)
		}
	}
	if rep.Summary.Leftovers != 0 {
		t.Errorf("leftovers: %+v", rep.Items)
	}
	for _, w := range rep.Warnings {
		if strings.Contains(w, "no adapter") {
			t.Errorf("run warning %q", w)
		}
	}
	if n := len(uploads(t, mark)); n != 2 {
		t.Errorf("%d uploads, want the kettle and the cup once each", n)
	}
	posts := map[string]wpPost{"kettle": getPost(t, "posts", kettle.ID), "brew": getPost(t, "posts", brew.ID), "about": getPost(t, "pages", about.ID)}
	if d := getPost(t, "posts", draft.ID); d.Status != "draft" {
		t.Errorf("_drafts/hx-draft.md: status %q, want draft (render_drafts: false)", d.Status)
	}
	if u := getPost(t, "posts", unpublished.ID); u.Status != "draft" {
		t.Errorf("hx-unpublished.md: status %q, want draft (published: false)", u.Status)
	}
	k := posts["kettle"]
	wantShown(t, "kettle", k, "A kettle post for The kettle.<br>", "It boils water.",
		`<pre class="wp-block-code language-js"><code>const t = "{{ not a template }}";`,
		`console.log('{% raw %}')`,
		"Tea tempers the spirits.", "<strong>Lu Yu</strong>, <cite>The Classic of Tea</cite>",
		"youtube.com/watch?v=dQw4w9WgXcQ",
		`<a href="`+brew.Link+`">How we brew</a>`, `<a href="`+brew.Link+`">how we brew</a>`,
		"Our kettle")
	if !strings.Contains(k.Content.Raw, "<!-- wp:more -->") {
		t.Errorf("kettle: no more tag:\n%s", k.Content.Raw)
	}
	if !strings.Contains(k.Content.Raw, "<!-- wp:embed") {
		t.Errorf("kettle: the video is no embed block:\n%s", k.Content.Raw)
	}
	if !strings.HasPrefix(k.DateGMT, "2024-03-01T09:00:00") {
		t.Errorf("kettle date GMT %s, want 09:00 (10:00 in the site's timezone Europe/Berlin)", k.DateGMT)
	}
	b := posts["brew"]
	wantShown(t, "brew", b, `<a href="`+kettle.Link+`">the kettle post</a>`, `<a href="`+kettle.Link+`">the kettle file</a>`,
		"// stays as written: {{ water }} and {% raw %}", "Less is more.", "A theme’s note, its text kept.",
		`href="https://hexo.io/docs/"`, `title="Hexo docs"`, `<iframe src="https://example.com/hx-frame"`,
		`<span class="hx-raw">kept as written</span>`, "A cup")
	wantShown(t, "about", posts["about"], `<a href="`+kettle.Link+`">the kettle</a>`,
		`<a href="`+brew.Link+`">its own address</a>`) // brew's front matter permalink
	if got := strings.TrimSpace(b.Excerpt.Raw); got != "Water first, then the leaves." {
		t.Errorf("brew excerpt %q, want the front matter's", got)
	}
	for name, p := range posts {
		prose := codeBlock.ReplaceAllString(p.Content.Rendered, "")
		for _, s := range hexoSource {
			if strings.Contains(prose, s) {
				t.Errorf("%s shows %q outside code:\n%s", name, s, p.Content.Rendered)
			}
		}
	}
	// The asset picture, once uploaded, in both places of the post.
	srcs := uploadedSrc.FindAllStringSubmatch(k.Content.Rendered, -1)
	if len(srcs) != 2 || srcs[0][1] != srcs[1][1] {
		t.Errorf("kettle pictures %q, want one upload shown twice", srcs)
	}
	// Categories: [Kitchen, Tea] is Tea under Kitchen; [[Tasting], [Tea]]
	// two top categories.
	cats := terms(t, "categories")
	kitchen, tea := cats["Kitchen"], cats["Tea"]
	if len(kitchen) != 1 || kitchen[0].Parent != 0 {
		t.Fatalf("Kitchen categories %+v, want one at the top", kitchen)
	}
	var teaUnder, teaTop int
	for _, c := range tea {
		switch c.Parent {
		case kitchen[0].ID:
			teaUnder = c.ID
		case 0:
			teaTop = c.ID
		}
	}
	if teaUnder == 0 || teaTop == 0 {
		t.Fatalf("Tea categories %+v, want one under Kitchen and one at the top", tea)
	}
	if !slices.Equal(k.Categories, []int{teaUnder}) {
		t.Errorf("kettle categories %v, want [%d] (Tea under Kitchen)", k.Categories, teaUnder)
	}
	// A name no other test of the shared site gives a category: another
	// test's "notes" has the slug "Notes" would get, and would be taken
	// for it.
	if len(cats["Tasting"]) != 1 {
		t.Fatalf("Tasting categories %+v, want one", cats["Tasting"])
	}
	wantCats := []int{cats["Tasting"][0].ID, teaTop}
	got := slices.Clone(b.Categories)
	slices.Sort(got)
	slices.Sort(wantCats)
	if !slices.Equal(got, wantCats) {
		t.Errorf("brew categories %v, want %v (Tasting and Tea, both at the top)", got, wantCats)
	}
	if tags := termNames(t, "tags", k.Tags); !slices.Equal(tags, []string{"kitchen", "tea"}) {
		t.Errorf("kettle tags %q", tags)
	}
	// hexo-renderer-marked's ids: the case kept, a repeat "-1".
	landsOnHeading(t, "brew", b, "the second heating", kettle.Link, "Heat-the-Water-1")
	editorAccepts(t, map[string]wpPost{"kettle.md": k, "brew.md": b, "about.md": posts["about"]})
	secondRunWritesNothing(t, dir, 0)
	if err := os.Remove(filepath.Join(dir, ".wpsync", "state.json")); err != nil {
		t.Fatal(err)
	}
	secondRunWritesNothing(t, dir, 0)
}

// TestHexo_Readers: the fixture of testdata/readers/hexo, which
// TestReaders_Generators read when Hexo had no adapter: with --strict,
// the tag plugins are rendered (the quote with its citation, the asset
// folder's picture), none is a leftover, no generator is named as
// unadapted, and what is in code stays as written.
func TestHexo_Readers(t *testing.T) {
	dir := copyTree(t, filepath.Join("testdata", "readers", "hexo"))
	writeBytes(t, dir, "source/_posts/rd-hexo-shown/picture.png", pngBytes(t, color.RGBA{20, 120, 60, 255}))
	rep := fullReportOf(t, wpsync(t, nil, "sync", dir, "--output", "json", "--strict"), 0)
	shown := rep.want(t, "source/_posts/rd-hexo-shown.md", "create")
	code := rep.want(t, "source/_posts/rd-hexo-code.md", "create")
	if rep.Summary.Leftovers != 0 {
		t.Errorf("leftovers: %+v", rep.Items)
	}
	for _, w := range rep.Warnings {
		if strings.Contains(w, "no adapter") {
			t.Errorf("run warning %q", w)
		}
	}
	s := getPost(t, "posts", shown.ID)
	wantShown(t, "shown", s, "Do not just want, but be.", "<strong>David Levithan</strong>, <cite>Wide Awake</cite>", "A picture")
	if !uploadedSrc.MatchString(s.Content.Rendered) {
		t.Errorf("shown: the asset picture is not uploaded:\n%s", s.Content.Rendered)
	}
	prose := codeParts.ReplaceAllString(s.Content.Rendered, "")
	for _, source := range hexoSource {
		if strings.Contains(prose, source) {
			t.Errorf("shown shows %q:\n%s", source, s.Content.Rendered)
		}
	}
	wantShown(t, "code", getPost(t, "posts", code.ID), "<code>{% asset_img name.png %}</code>",
		"{% codeblock lang:js %}\nalert('x');\n{% endcodeblock %}")
	secondRunWritesNothing(t, dir, 0)
}
