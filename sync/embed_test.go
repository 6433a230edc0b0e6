package sync_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/wpsync/wpsync/internal/wpfake"
	sitegen "github.com/wpsync/wpsync/site"
	"github.com/wpsync/wpsync/state"
	wpsync "github.com/wpsync/wpsync/sync"
)

// TestObsidianEmbeds_Rewrite: a note that embeds another (![[Guide]])
// sends the other's text; a second run and a run without the state send
// nothing; an edit of the embedded note sends it and the embedding note
// again, and no other.
func TestObsidianEmbeds_Rewrite(t *testing.T) {
	wp := wpfake.New(t, wpfake.Options{})
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		".obsidian/app.json": "{}",
		"Home.md":            "Home text.\n\n![[Guide#Part]]\n",
		"Notes/Guide.md":     "# Guide\n\n## Part\n\nOld part.\n",
		"Other.md":           "Other, linking [[Guide]].\n",
	})
	run := func() *wpsync.Report {
		t.Helper()
		g, err := sitegen.DetectWith(dir, sitegen.Settings{})
		if err != nil {
			t.Fatal(err)
		}
		return runWith(t, wp, dir, wpsync.Options{Generator: g})
	}
	actions := func(r *wpsync.Report) map[string]wpsync.Action {
		out := map[string]wpsync.Action{}
		for _, it := range r.Items {
			out[it.Path] = it.Action
		}
		return out
	}
	run()
	home := func() string {
		for _, p := range live(wp, "posts") {
			if p.Slug == "home" {
				return p.Content
			}
		}
		t.Fatal("no home post")
		return ""
	}
	if c := home(); !strings.Contains(c, "Old part.") || !strings.Contains(c, `id="part"`) {
		t.Fatalf("home = %s", c)
	}
	for _, it := range run().Items {
		if it.Action != wpsync.ActionUnchanged {
			t.Errorf("second run: %s %s", it.Path, it.Action)
		}
	}
	if err := os.Remove(state.DefaultPath(dir)); err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	for _, it := range run().Items {
		if it.Action != wpsync.ActionUnchanged {
			t.Errorf("run without the state: %s %s", it.Path, it.Action)
		}
	}
	guide := filepath.Join(dir, "Notes", "Guide.md")
	writeFiles(t, dir, map[string]string{"Notes/Guide.md": "# Guide\n\n## Part\n\nNew part.\n"})
	later := time.Now().Add(time.Minute)
	if err := os.Chtimes(guide, later, later); err != nil {
		t.Fatal(err)
	}
	got := actions(run())
	if got["Home.md"] != wpsync.ActionUpdate || got["Notes/Guide.md"] != wpsync.ActionUpdate || got["Other.md"] != wpsync.ActionUnchanged {
		t.Errorf("after the edit: %v", got)
	}
	if c := home(); !strings.Contains(c, "New part.") || strings.Contains(c, "Old part.") {
		t.Errorf("home = %s", c)
	}
	for _, it := range run().Items {
		if it.Action != wpsync.ActionUnchanged {
			t.Errorf("run after the edit: %s %s", it.Path, it.Action)
		}
	}
}
