package markdown

import (
	"strings"
	"testing"
)

func testVault() *Vault {
	return NewVault([]VaultNote{
		{Path: "Getting started/Link notes.md", Aliases: []string{"How to/Linking"}},
		{Path: "Getting started/Create a note.md"},
		{Path: "Formatting/Callouts.md"},
		{Path: "Deep/er/Callouts.md"},
		{Path: "Private/Secret.md", Unpublished: true},
	}, []string{"Attachments/status-bar.png", "Attachments/table.png", "Files/guide.pdf"})
}

func parseNote(t *testing.T, file, body string) *Document {
	t.Helper()
	doc, err := ParseWith(file, []byte(body), Options{Format: FormatClassic, Site: &SiteRules{Obsidian: testVault()}})
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

func TestVault_Note(t *testing.T) {
	v := testVault()
	for _, c := range []struct{ from, name, want string }{
		{"Getting started/Link notes.md", "Create a note", "Getting started/Create a note.md"},
		{"Getting started/Link notes.md", "create A NOTE", "Getting started/Create a note.md"},
		{"x.md", "Callouts", "Formatting/Callouts.md"},      // the shortest path
		{"Deep/er/y.md", "Callouts", "Deep/er/Callouts.md"}, // beside the note
		{"x.md", "er/Callouts", "Deep/er/Callouts.md"},      // a path's end
		{"x.md", "Formatting/Callouts.md", "Formatting/Callouts.md"},
		{"x.md", "how to/linking", "Getting started/Link notes.md"}, // an alias
		{"x.md", "Nothing", ""},
	} {
		got, _ := v.Note(c.from, c.name)
		if got != c.want {
			t.Errorf("Note(%q, %q) = %q, want %q", c.from, c.name, got, c.want)
		}
	}
}

func TestObsidian_Wikilinks(t *testing.T) {
	doc := parseNote(t, "Getting started/Link notes.md", "See [[Create a note|a note]], [[Callouts]], [[Callouts#Foldable callouts|folds]], [[#Link notes|top]], [[Secret]], [[Nope]] and `[[code]]`.\n")
	for _, want := range []string{
		`<a href="Create%20a%20note.md">a note</a>`,
		`<a href="../Formatting/Callouts.md">Callouts</a>`,
		`<a href="../Formatting/Callouts.md#foldable-callouts">folds</a>`,
		`<a href="#link-notes">top</a>`,
		`, Secret, Nope and <code>[[code]]</code>`,
	} {
		if !strings.Contains(doc.Content, want) {
			t.Errorf("content lacks %s:\n%s", want, doc.Content)
		}
	}
	if len(doc.Warnings) != 2 || !strings.Contains(doc.Warnings[0], "publish: false") || !strings.Contains(doc.Warnings[1], "names no note") {
		t.Errorf("warnings = %q", doc.Warnings)
	}
	var links []string
	for _, r := range doc.Refs {
		links = append(links, string(r.Kind)+" "+r.Path+"#"+r.Fragment)
	}
	if got := strings.Join(links, ", "); got != "link Getting started/Create a note.md#, link Formatting/Callouts.md#, link Formatting/Callouts.md#foldable-callouts" {
		t.Errorf("refs = %s", got)
	}
}

func TestObsidian_Embeds(t *testing.T) {
	doc := parseNote(t, "Getting started/Create a note.md", "![[status-bar.png#interface|300]]\n\n![[table.png|300x200]]\n\n![[guide.pdf]]\n\n![](table.png#interface)\n")
	for _, want := range []string{
		`<img src="../Attachments/status-bar.png" alt="" width="300">`,
		`<img src="../Attachments/table.png" alt="" width="300" height="200">`,
		`<a href="../Files/guide.pdf">guide.pdf</a>`,
		`<img src="../Attachments/table.png" alt="">`,
	} {
		if !strings.Contains(doc.Content, want) {
			t.Errorf("content lacks %s:\n%s", want, doc.Content)
		}
	}
	if len(doc.Refs) != 3 {
		t.Errorf("refs = %+v", doc.Refs)
	}
}

func TestObsidian_Formatting(t *testing.T) {
	doc := parseNote(t, "a.md", "## A heading\n\n%% editors: a comment %%\nText you ==highlight== stands out. ^block-1\n\n```\n%% kept %% ==kept==\n```\n")
	for _, want := range []string{
		`<h2 id="a-heading">A heading</h2>`,
		`<p id="block-1">Text you <mark>highlight</mark> stands out.</p>`,
		"%% kept %% ==kept==",
	} {
		if !strings.Contains(doc.Content, want) {
			t.Errorf("content lacks %s:\n%s", want, doc.Content)
		}
	}
	if strings.Contains(doc.Content, "editors") {
		t.Errorf("the comment is shown:\n%s", doc.Content)
	}
	if len(doc.Leftovers) != 0 {
		t.Errorf("leftovers: %v", doc.Leftovers)
	}
}

func TestObsidian_InlineTags(t *testing.T) {
	src := "---\ntags: [guides]\n---\n# Title\n\nA #Recipe, #guides again, #2024 and #food/baking; not a#b, `#code` or [x](y.md#frag).\n"
	doc := parseNote(t, "a.md", src)
	if got := strings.Join(doc.Tags, ","); got != "guides,Recipe,food/baking" {
		t.Errorf("tags %q", got)
	}
	if !strings.Contains(doc.Content, "A #Recipe, #guides again") {
		t.Errorf("the tags are not in the text:\n%s", doc.Content)
	}
	v := testVault()
	v.Tags = false
	off, err := ParseWith("a.md", []byte(src), Options{Site: &SiteRules{Obsidian: v}})
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(off.Tags, ","); got != "guides" {
		t.Errorf("tags turned off: %q", got)
	}
}

func TestObsidian_Callouts(t *testing.T) {
	src := "> [!info] Here's a *callout* title\n> It supports **Markdown**.\n\n> [!tip]- Folded\n> > [!warning]+\n> > Inside.\n\n> A quote that is [!not] a callout.\n"
	doc := parseNote(t, "a.md", src)
	for _, want := range []string{
		`<div class="callout callout-info">` + "\n" + `<p class="callout-title"><strong>Here's a callout title</strong></p>` + "\n<p>It supports <strong>Markdown</strong>.</p>\n</div>",
		`<details class="callout callout-tip"><summary>Folded</summary>` + "\n" + `<details class="callout callout-warning" open><summary>Warning</summary>` + "\n<p>Inside.</p>\n</details>\n</details>",
		"<blockquote>\n<p>A quote that is [!not] a callout.</p>",
	} {
		if !strings.Contains(doc.Content, want) {
			t.Errorf("content lacks %s:\n%s", want, doc.Content)
		}
	}
	for _, c := range []struct {
		markup Markup
		want   []string
	}{
		{Markup{}, []string{
			`<!-- wp:group {"className":"callout callout-info"} -->` + "\n" + `<div class="wp-block-group callout callout-info"><!-- wp:paragraph {"className":"callout-title"} -->` + "\n" + `<p class="callout-title"><strong>Here's a callout title</strong></p>` + "\n<!-- /wp:paragraph -->\n\n<!-- wp:paragraph -->",
			`<!-- wp:details {"className":"callout callout-tip"} -->` + "\n" + `<details class="wp-block-details callout callout-tip"><summary>Folded</summary><!-- wp:details {"showContent":true,"className":"callout callout-warning"} -->` + "\n" + `<details class="wp-block-details callout callout-warning" open><summary>Warning</summary><!-- wp:paragraph -->`,
		}},
		{MarkupWP61, []string{
			`<!-- wp:group {"className":"callout callout-tip is-folded"} -->` + "\n" + `<div class="wp-block-group callout callout-tip is-folded"><!-- wp:paragraph {"className":"callout-title"} -->`,
		}},
	} {
		blocks, err := ParseWith("a.md", []byte(src), Options{Format: FormatBlocks, Markup: c.markup, Site: &SiteRules{Obsidian: testVault()}})
		if err != nil {
			t.Fatal(err)
		}
		for _, want := range c.want {
			if !strings.Contains(blocks.Content, want) {
				t.Errorf("%s: blocks lack %s:\n%s", c.markup, want, blocks.Content)
			}
		}
		if len(blocks.Leftovers) != 0 {
			t.Errorf("leftovers %v", blocks.Leftovers)
		}
	}
	if len(doc.Leftovers) != 0 {
		t.Errorf("leftovers %v", doc.Leftovers)
	}
}
