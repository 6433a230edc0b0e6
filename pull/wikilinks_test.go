package pull

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/wpsync/wpsync/markdown"
)

// TestConvert_Wikilinks: pulled into a vault that uses wikilinks, a link
// to a pulled post is [[path|text]] (the body still renders back to the
// stored content); a link to a heading or with Markdown in its text stays
// a Markdown link; without wikilinks it is a Markdown link.
func TestConvert_Wikilinks(t *testing.T) {
	links := &Links{
		Posts: map[string]string{"https://site.test/tea/": "Notes/Tea.md", "https://site.test/other/": "posts/other.md"},
		Media: map[string]string{}, MediaIDs: map[string]int{},
	}
	stored, ok := render("See [Tea time](../Notes/Tea.md), [other](other.md), [a part](other.md#part) and [**bold**](other.md).", "posts/x.md", markdown.FormatBlocks, links)
	if !ok {
		t.Fatal("render failed")
	}
	links.Wikilinks = true
	got := Convert(stored, "posts/x.md", links)
	if !got.Exact {
		t.Fatalf("not exact; body:\n%s", got.Body)
	}
	for _, want := range []string{"[[Notes/Tea|Tea time]]", "[[posts/other|other]]", "[a part](other.md#part)", "[**bold**](other.md)"} {
		if !strings.Contains(got.Body, want) {
			t.Errorf("body lacks %q:\n%s", want, got.Body)
		}
	}
	if back, _ := render(got.Body, "posts/x.md", got.Format, links); back != stored {
		t.Errorf("renders back to\n%s\nwant\n%s", back, stored)
	}
	links = &Links{Posts: links.Posts, Media: map[string]string{}, MediaIDs: map[string]int{}}
	if got := Convert(stored, "posts/x.md", links); !strings.Contains(got.Body, "[Tea time](../Notes/Tea.md)") {
		t.Errorf("without wikilinks:\n%s", got.Body)
	}
}

// TestVaultUsesWikilinks: a vault writes wikilinks unless its app.json
// says useMarkdownLinks: true; another generator's folder never does.
func TestVaultUsesWikilinks(t *testing.T) {
	dir := t.TempDir()
	if !vaultUsesWikilinks(dir, "obsidian") || vaultUsesWikilinks(dir, "hugo") {
		t.Error("no app.json: want wikilinks for a vault only")
	}
	if err := os.MkdirAll(filepath.Join(dir, ".obsidian"), 0o755); err != nil {
		t.Fatal(err)
	}
	for app, want := range map[string]bool{`{"useMarkdownLinks": false}`: true, `{"useMarkdownLinks": true}`: false, `{}`: true} {
		if err := os.WriteFile(filepath.Join(dir, ".obsidian", "app.json"), []byte(app), 0o644); err != nil {
			t.Fatal(err)
		}
		if got := vaultUsesWikilinks(dir, "obsidian"); got != want {
			t.Errorf("%s: %v, want %v", app, got, want)
		}
	}
}
