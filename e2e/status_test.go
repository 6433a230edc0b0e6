package e2e

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// status tells, per file, what sync would do, against the real site, and
// writes nothing.
func TestStatus(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "status-keep.md", "---\ntitle: Keep\n---\nkeep\n")
	writeFile(t, dir, "status-edit.md", "---\ntitle: Edit\n---\nbefore\n")
	writeFile(t, dir, "status-wp.md", "---\ntitle: Edited in WordPress\n---\nours\n")
	writeFile(t, dir, "status-gone.md", "---\ntitle: Gone\n---\nbye\n")
	if r := wpsync(t, nil, "sync", dir, "--output", "json"); r.code != 0 {
		t.Fatalf("first sync: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	rep := wpsync(t, nil, "status", dir, "--output", "json").json(t)
	if rep.Summary.Unchanged != 4 || len(rep.Items) != 4 {
		t.Fatalf("after a sync: %+v, want 4 unchanged", rep)
	}
	var wpID int
	for _, it := range rep.Items {
		if it.Path == "status-wp.md" {
			wpID = it.ID
		}
	}

	// One of each: a new file, an edited file, a file whose post was also
	// edited in WordPress, a deleted file.
	writeFile(t, dir, "status-new.md", "new\n")
	writeFile(t, dir, "status-wp.md", "---\ntitle: Edited in WordPress\n---\nours, edited\n")
	writeFile(t, dir, "status-edit.md", "---\ntitle: Edit\n---\nafter\n")
	if err := os.Remove(filepath.Join(dir, "status-gone.md")); err != nil {
		t.Fatal(err)
	}
	time.Sleep(1100 * time.Millisecond) // modified_gmt has a resolution of one second
	if err := site.PostJSON(context.Background(), "/wp/v2/posts/"+itoa(wpID), map[string]any{"title": "Changed in the editor"}, nil); err != nil {
		t.Fatal(err)
	}
	statePath := filepath.Join(dir, ".wpsync", "state.json")
	before, err := os.ReadFile(statePath)
	if err != nil {
		t.Fatal(err)
	}
	mark := site.Mark()

	r := wpsync(t, nil, "status", dir)
	if r.code != 1 { // a conflict: sync would exit 1
		t.Fatalf("exit %d, want 1\n%s%s", r.code, r.stdout, r.stderr)
	}
	for _, re := range []string{
		`(?m)^create +status-new\.md$`,
		`(?m)^update +status-edit\.md → post \d+ \(changes content\)$`, // the plan: what differs from the post on the site
		`(?m)^conflict +status-wp\.md: post \d+ was changed in WordPress`,
		`(?m)^orphan +status-gone\.md → post \d+$`,
		`(?m)^1 to create, 1 to update, 1 unchanged, 1 in conflict, 1 orphaned, 0 with errors$`,
	} {
		if !regexp.MustCompile(re).MatchString(r.stdout) {
			t.Errorf("status lacks %s:\n%s", re, r.stdout)
		}
	}
	if strings.Contains(r.stdout, "status-keep.md") {
		t.Errorf("unchanged files listed without --all:\n%s", r.stdout)
	}
	if r := wpsync(t, nil, "status", "--all", dir); !regexp.MustCompile(`(?m)^unchanged +status-keep\.md`).MatchString(r.stdout) {
		t.Errorf("--all does not list unchanged files:\n%s", r.stdout)
	}

	if w := writes(t, mark); len(w) != 0 {
		t.Errorf("status wrote to WordPress: %v", w)
	}
	after, err := os.ReadFile(statePath)
	if err != nil {
		t.Fatal(err)
	}
	if string(before) != string(after) {
		t.Error("status changed the state file")
	}
}
