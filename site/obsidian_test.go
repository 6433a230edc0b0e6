package site

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/wpsync/wpsync/markdown"
)

// TestObsidian_Vault: the adapter indexes the vault's notes (their aliases
// and publish: false) and files, gives every note the dialect, leaves out
// what says publish: false, and its key changes with the names links
// find.
func TestObsidian_Vault(t *testing.T) {
	dir := tree(t, map[string]string{
		".obsidian/app.json":     `{"attachmentFolderPath": "Assets"}`,
		"Home.md":                "[[Guide]] and [[start here]], ![[pic.png|100]]\n",
		"Notes/Guide.md":         "---\naliases: [Start here]\n---\nHello\n",
		"Private/Secret.md":      "---\npublish: false\n---\nNo\n",
		"Assets/pic.png":         "png",
		".trash/Guide.md":        "old",
		"_posts/2024-01-02-x.md": "a _posts folder is no Jekyll's in a vault {% raw %}",
	})
	s, err := DetectWith(dir, Settings{})
	if err != nil {
		t.Fatal(err)
	}
	if s.Generator() != "obsidian" || s.Unadapted() != nil {
		t.Fatalf("Generator() = %q, Unadapted() = %v", s.Generator(), s.Unadapted())
	}
	parse := func(rel string) *markdown.Document {
		t.Helper()
		src, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(rel)))
		if err != nil {
			t.Fatal(err)
		}
		p := s.Page(rel)
		doc, err := markdown.ParseWith(rel, src, markdown.Options{Format: markdown.FormatClassic, Site: p.Rules})
		if err != nil {
			t.Fatal(err)
		}
		return doc
	}
	home := parse("Home.md")
	want := `<p><a href="Notes/Guide.md">Guide</a> and <a href="Notes/Guide.md">start here</a>, <img src="Assets/pic.png" alt="" width="100"></p>`
	if home.Content != want+"\n" {
		t.Errorf("Home.md:\n%s\nwant\n%s", home.Content, want)
	}
	if why := s.Rendered("Private/Secret.md", parse("Private/Secret.md")); why == "" {
		t.Error("publish: false is published")
	}
	if why := s.Rendered("Home.md", home); why != "" {
		t.Errorf("Home.md: %s", why)
	}
	if r := s.Page("_posts/2024-01-02-x.md").Rules; r.Liquid != nil || r.Kramdown {
		t.Errorf("_posts/ read as Jekyll's in a vault: %+v", r)
	}
	key := s.Key()
	if err := os.WriteFile(filepath.Join(dir, "Notes", "New.md"), []byte("new"), 0o644); err != nil {
		t.Fatal(err)
	}
	again, err := DetectWith(dir, Settings{})
	if err != nil {
		t.Fatal(err)
	}
	if again.Key() == key {
		t.Error("a new note left the key as it was")
	}
	off := false
	quiet, err := DetectWith(dir, Settings{InlineTags: &off})
	if err != nil {
		t.Fatal(err)
	}
	if quiet.Page("Home.md").Rules.Obsidian.Tags || quiet.Key() == again.Key() {
		t.Error("inline_tags: false did not turn inline tags off")
	}
}
