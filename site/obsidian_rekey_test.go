package site

import (
	"os"
	"path/filepath"
	"testing"
)

// TestObsidian_ReindexKeysAsFresh: a vault reindexed after notes were
// written (a pull) has the key a fresh reading of it gives, the one the
// next sync records: the state file's options stay as they are. What the
// settings add to the key (inline_tags: false) is kept.
func TestObsidian_ReindexKeysAsFresh(t *testing.T) {
	for _, set := range []Settings{{}, {InlineTags: new(bool)}} {
		dir := tree(t, map[string]string{
			".obsidian/app.json": `{"useMarkdownLinks": false}`,
			"Home.md":            "[[Guide]]\n",
		})
		s, err := DetectWith(dir, set)
		if err != nil {
			t.Fatal(err)
		}
		before := s.Key()
		if err := os.WriteFile(filepath.Join(dir, "Guide.md"), []byte("---\naliases: [Start]\n---\nHello\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		s.(interface{ Reindex() }).Reindex()
		fresh, err := DetectWith(dir, set)
		if err != nil {
			t.Fatal(err)
		}
		if s.Key() != fresh.Key() || s.Key() == before {
			t.Errorf("settings %+v: key after Reindex %s, fresh %s, before %s: want the fresh one, not the one before", set, s.Key(), fresh.Key(), before)
		}
	}
}
