package sync_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/wpsync/wpsync/internal/wpfake"
	wpsync "github.com/wpsync/wpsync/sync"
)

// A post that holds a new file's slug is taken over only when it is the
// file's: what the file sends already, or wpsync's own last write of that
// file (its fingerprint). A post made in WordPress, or written from another
// file of another folder, is a conflict, not overwritten, unless --force.
func TestSyncer_AdoptOnlyTheFilesPost(t *testing.T) {
	wp := wpfake.New(t, wpfake.Options{})
	hand := wp.AddPost(wpfake.Post{Title: "Garden notes", Slug: "garden-notes", CommentStatus: "open", PingStatus: "open", Content: "<p>Written by hand in WordPress, years of work.</p>"})

	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"garden-notes.md": "---\ntitle: Garden notes\n---\n\nA new text.\n"})
	r := runWith(t, wp, dir, wpsync.Options{})
	it := itemFor(t, r, "garden-notes.md")
	if it.Action != wpsync.ActionConflict || it.ID != hand || !strings.Contains(it.Error, "not overwritten") || !strings.Contains(it.Error, "--force") {
		t.Errorf("a post made in WordPress: %s %d %q, want a conflict naming it", it.Action, it.ID, it.Error)
	}
	if p, _ := wp.GetPost(hand); !strings.Contains(p.Content, "years of work") {
		t.Errorf("the post made in WordPress was overwritten: %s", p.Content)
	}

	// Another folder synced to the same site: its file of the same slug
	// does not take the first folder's post over.
	other := t.TempDir()
	writeFiles(t, other, map[string]string{"notes/garden-notes.md": "---\ntitle: Garden notes\n---\n\nAnother folder's text.\n"})
	r = runWith(t, wp, dir, wpsync.Options{Force: true})
	if it := itemFor(t, r, "garden-notes.md"); it.Action != wpsync.ActionUpdate || it.ID != hand {
		t.Fatalf("--force: %s %d %q, want the post taken over", it.Action, it.ID, it.Error)
	}
	r = runWith(t, wp, other, wpsync.Options{})
	if it := itemFor(t, r, "notes/garden-notes.md"); it.Action != wpsync.ActionConflict || !strings.Contains(it.Error, "another file") {
		t.Errorf("another folder's file: %s %d %q, want a conflict saying another file wrote the post", it.Action, it.ID, it.Error)
	}
	if p, _ := wp.GetPost(hand); !strings.Contains(p.Content, "A new text.") {
		t.Errorf("another folder's file overwrote the post: %s", p.Content)
	}

	// The file's own post, its state lost: taken over, nothing written.
	if err := os.RemoveAll(filepath.Join(dir, ".wpsync")); err != nil {
		t.Fatal(err)
	}
	wp.ResetLog()
	r = runWith(t, wp, dir, wpsync.Options{})
	if it := itemFor(t, r, "garden-notes.md"); it.Action != wpsync.ActionUnchanged || it.ID != hand {
		t.Errorf("state lost: %s %d %q, want the post adopted unchanged", it.Action, it.ID, it.Error)
	}
	if w := wp.Writes(); len(w) > 0 {
		t.Errorf("state lost: wrote %v", w)
	}
}
