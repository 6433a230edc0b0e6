package e2e

import (
	"fmt"
	"image/color"
	"path/filepath"
	"strings"
	"testing"

	"github.com/wpsync/wpsync/internal/wptest"
)

// Issue 24: pictures and tables the editors saved come back as Markdown
// (![alt](file "caption"), GFM tables), their pictures downloaded; the sync
// right after writes nothing, and an edit of another line sends them back
// as WordPress has them (same address, caption, size class, layout).
func TestPull_EditorMarkdown(t *testing.T) {
	s := wptest.Start(t, "e2e_pull_md", wptest.Options{})
	fixed := readSiteMarkup(t, s).tableAttr // 6.2 and later: new tables have a fixed layout
	green := uploadMedia(t, s, "green.png", "image/png", pngBytes(t, color.RGBA{0, 160, 0, 255}))
	navy := uploadMedia(t, s, "navy.png", "image/png", pngBytes(t, color.RGBA{0, 0, 128, 255}))

	// As the block editor saves a picture inserted from the media library
	// (its default size is large, a small picture's address its own), one
	// linked to its file, and tables with and without a header row.
	captioned := fmt.Sprintf("<!-- wp:image {\"id\":%d,\"sizeSlug\":\"large\",\"linkDestination\":\"none\"} -->\n<figure class=\"wp-block-image size-large\"><img src=\"%s\" alt=\"A green square\" class=\"wp-image-%d\"/><figcaption class=\"wp-element-caption\">Green &amp; large</figcaption></figure>\n<!-- /wp:image -->", green.ID, green.SourceURL, green.ID)
	linked := fmt.Sprintf("<!-- wp:image {\"id\":%d,\"sizeSlug\":\"full\",\"linkDestination\":\"media\"} -->\n<figure class=\"wp-block-image size-full\"><a href=\"%s\"><img src=\"%s\" alt=\"\" class=\"wp-image-%d\"/></a></figure>\n<!-- /wp:image -->", navy.ID, navy.SourceURL, navy.SourceURL, navy.ID)
	tableOpen := "<!-- wp:table -->\n<figure class=\"wp-block-table\"><table>"
	if fixed {
		tableOpen = "<!-- wp:table -->\n<figure class=\"wp-block-table\"><table class=\"has-fixed-layout\">"
	}
	rows := "<tbody><tr><td>Cat</td><td><strong>small</strong></td></tr><tr><td>Dog</td><td>big</td></tr></tbody></table></figure>\n<!-- /wp:table -->"
	headed := tableOpen + "<thead><tr><th>Name</th><th>Size</th></tr></thead>" + rows
	headless := tableOpen + rows
	para := func(text string) string { return "<!-- wp:paragraph -->\n<p>" + text + "</p>\n<!-- /wp:paragraph -->" }
	blocks := strings.Join([]string{para("Intro."), captioned, linked, headed, headless, para("Last line.")}, "\n\n")
	bp := mustPost(t, s, "/wp/v2/posts", map[string]any{"title": "Editor pictures", "slug": "editor-pictures", "status": "publish", "content": blocks})
	if got := getPostOn(t, s, "posts", bp.ID).Content.Raw; got != blocks {
		t.Fatalf("WordPress stored the block post otherwise:\n%s", got)
	}
	// As the classic editor saves a captioned picture.
	caption := fmt.Sprintf(`[caption id="attachment_%d" align="aligncenter" width="8"]<img class="size-full wp-image-%d" src="%s" alt="green" width="8" height="8" /> A green square[/caption]`, green.ID, green.ID, green.SourceURL)
	classic := "First paragraph.\n\n" + caption + "\n\nLast line."
	cp := mustPost(t, s, "/wp/v2/posts", map[string]any{"title": "Classic picture", "slug": "classic-picture", "status": "publish", "content": classic})

	dir := t.TempDir()
	if r, _ := pullOn(t, s, dir); r.code != 0 {
		t.Fatalf("pull: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	files := snapshot(t, dir)
	var greenFile, navyFile string
	for p, data := range files {
		switch {
		case strings.HasPrefix(p, "media/") && strings.HasSuffix(p, "/green.png") && data == string(fetch(t, green.SourceURL)):
			greenFile = p
		case strings.HasPrefix(p, "media/") && strings.HasSuffix(p, "/navy.png") && data == string(fetch(t, navy.SourceURL)):
			navyFile = p
		}
	}
	if greenFile == "" || navyFile == "" {
		t.Fatalf("pictures not downloaded as they are on the site: %v", keys(files))
	}
	gfm := "| Name | Size      |\n|------|-----------|\n| Cat  | **small** |\n| Dog  | big       |\n"
	if fixed {
		gfm += "{hasFixedLayout=true}\n"
	}
	rel := func(p string) string { return "../" + p }
	wantFiles := map[string][]string{
		"posts/editor-pictures.md": {
			"![A green square](" + rel(greenFile) + ` "Green &amp; large"){sizeSlug=large linkDestination=none}`,
			"[![](" + rel(navyFile) + "){sizeSlug=full linkDestination=media}](" + rel(navyFile) + ")",
			"\n\n" + gfm + "\n",
			// No header row: GFM has no form for it.
			headless,
		},
		"posts/classic-picture.md": {"format: classic", "![green](" + rel(greenFile) + ` "A green square"){align=center width=8 height=8 sizeSlug=full}`},
	}
	for p, subs := range wantFiles {
		for _, sub := range subs {
			if !strings.Contains(files[p], sub) {
				t.Errorf("%s lacks %q:\n%s", p, sub, files[p])
			}
		}
		if strings.Contains(files[p], "<!-- wp:image") || strings.Contains(files[p], "[caption") || strings.Count(files[p], "<!-- wp:table") > 1 {
			t.Errorf("%s keeps markup that has a Markdown form:\n%s", p, files[p])
		}
	}

	mark := s.Mark()
	if rep := syncOn(t, s, nil, dir); rep.Summary.Created+rep.Summary.Updated > 0 {
		t.Errorf("sync right after pull: %+v", rep.Summary)
	}
	if w := siteWrites(t, s, mark); len(w) > 0 {
		t.Errorf("sync right after pull wrote %v", w)
	}

	// An edit of the last line of each file: the pictures, their captions,
	// sizes and links and the tables reach WordPress as it had them.
	for _, name := range []string{"posts/editor-pictures.md", "posts/classic-picture.md"} {
		if !strings.Contains(files[name], "Last line.") {
			t.Fatalf("%s lacks its last line:\n%s", name, files[name])
		}
		writeFile(t, dir, name, strings.Replace(files[name], "Last line.", "Last line, edited.", 1))
	}
	if rep := syncOn(t, s, nil, dir); rep.Summary.Updated != 2 {
		t.Errorf("sync of the two edits: %+v", rep.Summary)
	}
	if got, want := getPostOn(t, s, "posts", bp.ID).Content.Raw, strings.Replace(blocks, "Last line.", "Last line, edited.", 1); got != want {
		t.Errorf("block post after the edit:\n%s\nwant\n%s", got, want)
	}
	got := getPostOn(t, s, "posts", cp.ID).Content.Raw
	if !strings.Contains(got, caption) || !strings.Contains(got, "Last line, edited.") {
		t.Errorf("classic post after the edit: want the caption as stored:\n%s", got)
	}
	// And a pull after the sync changes no file but the state's record.
	before := snapshot(t, dir)
	if r, _ := pullOn(t, s, dir); r.code != 0 {
		t.Fatalf("pull after the sync: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	for _, c := range changed(before, snapshot(t, dir)) {
		if c != filepath.ToSlash(filepath.Join(".wpsync", "state.json")) {
			t.Errorf("pull after the sync changed %s", c)
		}
	}
}
