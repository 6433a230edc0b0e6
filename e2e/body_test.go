package e2e

import (
	"fmt"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// Real sites, part 2 (issue 13): the body reads as the generator shows it.
// The cases of shared/cases/content (copied to testdata/cases), each synced
// into a folder of its own and read back from WordPress: what readers see
// (content.rendered) and what the editor loads (content.raw, checked by
// the editor itself).

// codeRE finds code blocks and spans, where template source may be shown.
var codeRE = regexp.MustCompile(`(?s)<pre[^>]*>.*?</pre>|<code[^>]*>.*?</code>`)

// outsideCode is rendered HTML without its code.
func outsideCode(html string) string { return codeRE.ReplaceAllString(html, "") }

// editorAccepts runs the block editor's check over posts' block markup and
// fails on any problem it finds.
func editorAccepts(t *testing.T, posts map[string]wpPost) {
	t.Helper()
	var items []editorItem
	for name, p := range posts {
		if !strings.HasPrefix(p.Content.Raw, "<!-- wp:") {
			t.Errorf("%s: content.raw is not block markup:\n%s", name, p.Content.Raw)
		}
		items = append(items, editorItem{Name: name, Content: p.Content.Raw})
	}
	if !siteHasEditor(t) {
		// WordPress 6.5 from npm comes without its editor's scripts (see
		// TestEditor_BlocksValid): the markup these cases use is
		// checked by WordPress 6.1's editor and, in today's form, by
		// e2e/blocklib on the golden files.
		t.Logf("WordPress %s serves no editor to check %d posts with", site.Version, len(items))
		return
	}
	rep := runEditorCheck(t, items, 0, "")
	if len(rep.Items) != len(items) {
		t.Fatalf("editor check: %d of %d items", len(rep.Items), len(items))
	}
	for i, got := range rep.Items {
		if got.Blocks == 0 {
			t.Errorf("%s: no blocks", got.Name)
		}
		for _, p := range got.Problems {
			t.Errorf("%s: block %s: %s", got.Name, p.Block, strings.Join(p.Issues, "; "))
		}
		if got.Saved != "" {
			t.Errorf("%s: saving in the editor would change it:\n%s", got.Name, firstDiff(items[i].Content, got.Saved))
		}
	}
}

// shownHeading is a heading with an HTML anchor as the test site's editor
// saves it: with class="wp-block-heading" before class where the site's
// heading blocks have it; the id after the class in WordPress 6.x (which
// keeps the anchor in the id alone), before it in 7.x.
func shownHeading(t *testing.T, level int, class, id, text string) string {
	t.Helper()
	m := readSiteMarkup(t, site)
	if m.headingClass {
		class = strings.TrimSpace("wp-block-heading " + class)
	}
	c, i := "", ` id="`+id+`"`
	if class != "" {
		c = ` class="` + class + `"`
	}
	attrs := c + i
	if m.anchorAttr {
		attrs = i + c
	}
	return fmt.Sprintf(`<h%d%s>%s</h%d>`, level, attrs, text, level)
}

// shownParagraph is a paragraph block of the given class (may be "") as
// readers see it: WordPress 7.0 and later add the class wp-block-paragraph
// to each paragraph block on display (wp-includes/blocks/paragraph.php),
// after the block's own.
func shownParagraph(t *testing.T, class, html string) string {
	t.Helper()
	major, _, _ := strings.Cut(site.Version, ".")
	if n, err := strconv.Atoi(major); err != nil {
		t.Fatalf("WordPress version %q", site.Version)
	} else if n >= 7 {
		class = strings.TrimSpace(class + " wp-block-paragraph")
	}
	if class == "" {
		return "<p>" + html + "</p>"
	}
	return `<p class="` + class + `">` + html + "</p>"
}

func TestCases_FenceAfterHTMLBlock(t *testing.T) {
	dir := copyTree(t, filepath.Join("testdata", "cases/fence-after-html-block"))
	rep := syncReport(t, dir, 0)
	p := getPost(t, "posts", rep.want(t, "buttons.md", "create").ID)
	raw, shown := p.Content.Raw, p.Content.Rendered
	if !strings.Contains(raw, "<!-- wp:html -->\n<div class=\"example\">\n<a class=\"button\" href=\"#\">Press me</a>\n</div>\n<!-- /wp:html -->") {
		t.Errorf("the div is not a Custom HTML block of its own:\n%s", raw)
	}
	if !strings.Contains(raw, `<!-- wp:code {"className":"language-html"} -->`) {
		t.Errorf("no Code block of class language-html:\n%s", raw)
	}
	if n := strings.Count(shown, ">Press me</a>"); n != 1 {
		t.Errorf("%d live Press me links, want the one of the example:\n%s", n, shown)
	}
	if !strings.Contains(shown, "&lt;a class=") || strings.Contains(outsideCode(shown), "`") || strings.Contains(shown, "“`") {
		t.Errorf("the source is not shown as code:\n%s", shown)
	}
	editorAccepts(t, map[string]wpPost{"buttons.md": p})
	secondRunWritesNothing(t, dir, 0)
}

func TestCases_HugoDefinitionList(t *testing.T) {
	dir := copyTree(t, filepath.Join("testdata", "cases/hugo-definition-list"))
	rep := syncReport(t, dir, 0)
	p := getPost(t, "posts", rep.want(t, "content/settings.md", "create").ID)
	shown := p.Content.Rendered
	for _, want := range []string{
		"<dl>", "<dt><code>boilPoint</code></dt>", "<dd>(<code>int</code>) Temperature at which the kettle stops",
		"<dt><code>keepWarm</code></dt>", "<dd>(<code>bool</code>) Whether to hold the water warm",
	} {
		if !strings.Contains(shown, want) {
			t.Errorf("rendered lacks %q:\n%s", want, shown)
		}
	}
	if strings.Contains(shown, "boilPoint</code> :") || strings.Contains(shown, "<p>: ") {
		t.Errorf("a definition shows as a paragraph:\n%s", shown)
	}
	editorAccepts(t, map[string]wpPost{"settings.md": p})
	secondRunWritesNothing(t, dir, 0)
}

func TestCases_KramdownIAL(t *testing.T) {
	dir := copyTree(t, filepath.Join("testdata", "cases/kramdown-ial"))
	// kramdown is Jekyll's Markdown: in a plain folder its attribute
	// lists are shown as written, and each is named with its line.
	rep := syncReport(t, dir, 0)
	for _, line := range []int{7, 10, 13, 16, 21, 23} {
		rep.want(t, "beekeeping.md", "create", fmt.Sprintf("line %d: kramdown attribute list", line))
	}
	// In the Jekyll site the case comes from, kramdown reads them.
	writeFile(t, dir, "_config.yml", "title: Beekeeping\n")
	rep = syncReport(t, dir, 0)
	p := getPost(t, "pages", rep.want(t, "beekeeping.md", "update").ID) // layout: page
	shown := p.Content.Rendered
	if strings.Contains(shown, "{:") || strings.Contains(shown, "TOC") {
		t.Errorf("an attribute list reached readers:\n%s", shown)
	}
	for _, want := range []string{
		shownParagraph(t, "lead fs-6", "A calm hive starts with a calm keeper."),
		shownParagraph(t, "warning", "Two puffs at the entrance, then wait."),
		`<a href="https://shop.example.org/veil" class="btn btn-primary">Order a veil</a>`,
		`<a href="#smoke">Smoke</a>`, // the table of contents
	} {
		if !strings.Contains(shown, want) {
			t.Errorf("rendered lacks %q:\n%s", want, shown)
		}
	}
	if want := shownHeading(t, 2, "", "smoke", "Smoke"); !strings.Contains(shown, want) { // where it leads
		t.Errorf("rendered lacks %q:\n%s", want, shown)
	}
	if regexp.MustCompile(`<h2[^>]*>Contents</h2>`).FindString(shown) == "" || strings.Contains(shown, `href="#contents"`) {
		t.Errorf("the Contents heading is missing or in its own table (it is .no_toc):\n%s", shown)
	}
	if strings.Contains(shown, "<h1") || strings.Contains(shown, "Beekeeping basics") {
		t.Errorf("the title shows twice: its heading is still in the body:\n%s", shown)
	}
	editorAccepts(t, map[string]wpPost{"beekeeping.md": p})
	secondRunWritesNothing(t, dir, 0)
}

func TestCases_LiquidReferenceDefinitions(t *testing.T) {
	dir := copyTree(t, filepath.Join("testdata", "cases/liquid-reference-definitions"))
	rep := syncReport(t, dir, 0)
	const file = "_posts/2022-03-08-pottery-club.md"
	it := rep.want(t, file, "create", "line 8: Liquid output {{ site.club_url }}")
	p := getPost(t, "posts", it.ID)
	shown := p.Content.Rendered
	for _, want := range []string{
		`<a href="https://wiki.example.org/kiln">club wiki</a>`,
		`<a href="https://lists.example.org/pottery">mailing list</a>`,
	} {
		if !strings.Contains(shown, want) {
			t.Errorf("rendered lacks %q:\n%s", want, shown)
		}
	}
	for _, bad := range []string{"[shelf]", "[wiki]", "[list]", "]:", "{{", "}}"} {
		if strings.Contains(shown, bad) {
			t.Errorf("readers see %q:\n%s", bad, shown)
		}
	}
	// The link whose address holds the undefined value shows its text
	// plain (Jekyll would link to /shelf, which is not there).
	if !strings.Contains(shown, "Glazes are on the shared shelf, the kiln rota") || strings.Contains(shown, "shared shelf</a>") {
		t.Errorf("the shelf's link text is not shown plain:\n%s", shown)
	}
	editorAccepts(t, map[string]wpPost{file: p})
	secondRunWritesNothing(t, dir, 0)
}

// noTemplateSource checks every post a site's sync created or updated:
// what readers see outside code holds no Liquid, shortcode or attribute
// list source, and no title twice. It returns the posts by path.
func noTemplateSource(t *testing.T, rep fullReport) map[string]wpPost {
	t.Helper()
	posts := map[string]wpPost{}
	for _, it := range rep.Items {
		if it.Action != "create" && it.Action != "update" {
			continue
		}
		typ := "posts"
		if it.Type == "page" {
			typ = "pages"
		}
		p := getPost(t, typ, it.ID)
		posts[it.Path] = p
		shown := outsideCode(p.Content.Rendered)
		for _, src := range []string{"{%", "%}", "{{", "}}", "{:"} {
			if strings.Contains(shown, src) {
				t.Errorf("%s: readers see %q:\n%s", it.Path, src, p.Content.Rendered)
			}
		}
		if h := regexp.MustCompile(`(?i)<h[1-6][^>]*>\s*` + regexp.QuoteMeta(p.Title.Raw) + `\s*</h`).FindString(p.Content.Rendered); p.Title.Raw != "" && h != "" {
			t.Errorf("%s: the title shows twice (%s)", it.Path, h)
		}
	}
	return posts
}

// wantShown checks that a post's rendered content holds each of parts.
func wantShown(t *testing.T, name string, p wpPost, parts ...string) {
	t.Helper()
	for _, part := range parts {
		if !strings.Contains(p.Content.Rendered, part) {
			t.Errorf("%s: rendered lacks %q:\n%s", name, part, p.Content.Rendered)
		}
	}
}
