package site

import (
	"os"
	"path/filepath"
	"testing"
)

// TestObsidian_ReadsNotes: what changes the names a vault's links find is
// an input of the site (a watch reads the vault again): a note or a
// picture added, a note renamed or removed, a folder of notes removed, an
// alias edited; an edit of a note's text is not. Reindex takes them in.
func TestObsidian_ReadsNotes(t *testing.T) {
	dir := tree(t, map[string]string{
		".obsidian/app.json": `{}`,
		"Home.md":            "[[Guide]]\n",
		"Notes/Guide.md":     "---\naliases: [Start]\n---\nHello\n",
		"Old/Gone.md":        "gone\n",
	})
	s, err := DetectWith(dir, Settings{})
	if err != nil {
		t.Fatal(err)
	}
	write := func(rel, text string) {
		t.Helper()
		p := filepath.Join(dir, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("Home.md", "[[Guide]] and more\n")
	write("Notes/Guide.md", "---\naliases: [Start]\n---\nHello again\n")
	for _, rel := range []string{"Home.md", "Notes/Guide.md", "Nothing.md"} {
		if s.Reads(rel) {
			t.Errorf("Reads(%q) = true, want false", rel)
		}
	}
	write("Notes/New.md", "new\n")
	write("pic.png", "png")
	if err := os.RemoveAll(filepath.Join(dir, "Old")); err != nil {
		t.Fatal(err)
	}
	for _, rel := range []string{"Notes/New.md", "pic.png", "Old/Gone.md", "Old"} {
		if !s.Reads(rel) {
			t.Errorf("Reads(%q) = false, want true", rel)
		}
	}
	write("Notes/Guide.md", "---\naliases: [Begin]\n---\nHello again\n")
	if !s.Reads("Notes/Guide.md") {
		t.Error("an alias edited: Reads = false")
	}
	key := s.Key()
	s.(interface{ Reindex() }).Reindex()
	if s.Key() == key {
		t.Error("Reindex kept the key")
	}
	for _, rel := range []string{"Notes/New.md", "pic.png", "Old/Gone.md", "Notes/Guide.md"} {
		if s.Reads(rel) {
			t.Errorf("after Reindex, Reads(%q) = true", rel)
		}
	}
}
