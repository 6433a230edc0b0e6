package sync_test

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/wpsync/wpsync/internal/wpfake"
	"github.com/wpsync/wpsync/state"
	wpsync "github.com/wpsync/wpsync/sync"
)

// A file's warnings are said again on the runs that find it unchanged
// without reading it: they come from the cache, with no request, and
// never reach the committed state file.
func TestSyncer_UnchangedFileKeepsItsWarnings(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"a.md": "---\ntitle: A\n---\nSee [the missing one](gone.md).\n",
		"b.md": "---\ntitle: B\n---\nNothing wrong.\n",
	})
	wp := wpfake.New(t, wpfake.Options{})
	first := runSync(t, wp, dir, false)
	want := itemFor(t, first, "a.md").Warnings
	if len(want) == 0 {
		t.Fatalf("first run: a.md has no warning: %+v", first.Items)
	}
	for _, dry := range []bool{true, false} {
		wp.ResetLog()
		r := runSync(t, wp, dir, dry)
		if r.Summary.Unchanged != 2 {
			t.Fatalf("dry run %v: summary = %+v, want 2 unchanged", dry, r.Summary)
		}
		if reqs := wp.Log(); len(reqs) != 0 {
			t.Errorf("dry run %v: unchanged run made requests: %v", dry, reqs)
		}
		if got := itemFor(t, r, "a.md").Warnings; !slices.Equal(got, want) {
			t.Errorf("dry run %v: unchanged a.md warnings = %q, want %q", dry, got, want)
		}
		if got := itemFor(t, r, "b.md").Warnings; len(got) != 0 {
			t.Errorf("dry run %v: b.md warnings = %q, want none", dry, got)
		}
	}
	committed, err := os.ReadFile(state.DefaultPath(dir))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(committed), "warning") || strings.Contains(string(committed), want[0]) {
		t.Errorf("state.json holds the warning; it belongs to cache.json:\n%s", committed)
	}
	cache, err := os.ReadFile(filepath.Join(dir, ".wpsync", "cache.json"))
	if err != nil || !strings.Contains(string(cache), strings.ReplaceAll(want[0], `"`, `\"`)) {
		t.Errorf("cache.json = %s (%v), want a.md's warning in it", cache, err)
	}

	// Fixed: the warning goes with the edit, from the report and the cache.
	writeFiles(t, dir, map[string]string{"a.md": "---\ntitle: A\n---\nSee nothing.\n"})
	if r := runSync(t, wp, dir, false); len(itemFor(t, r, "a.md").Warnings) != 0 {
		t.Errorf("edited a.md: warnings = %q, want none", itemFor(t, r, "a.md").Warnings)
	}
	if r := runWith(t, wp, dir, wpsync.Options{}); len(itemFor(t, r, "a.md").Warnings) != 0 || r.Summary.Unchanged != 2 {
		t.Errorf("after the fix: %+v, want 2 unchanged and no warning", r.Items)
	}
}
