package e2e

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/wpsync/wpsync/internal/wptest"
)

// TestOutput_Scales: on a site of 130 files, the first sync under
// --output github gives at most 60 annotations however many warnings there
// are, and after 3 edits sync and status print at most 15 lines each (not
// a terminal): the changed files, each warning once, the counts.
func TestOutput_Scales(t *testing.T) {
	dir := t.TempDir()
	const files = 130
	for i := range files {
		// Two warnings a file: links to files that are not in the folder.
		writeFile(t, dir, fmt.Sprintf("notes/note-%03d.md", i), fmt.Sprintf(
			"---\ntitle: Output note %d\n---\nSee [the old page](gone-%d.md).\n\nAnd [another](also-gone.md).\n", i, i))
	}
	s := wptest.Start(t, "e2e_output", wptest.Options{}) // 130 posts of its own
	env := s.Env()

	r := wpsync(t, append(env, "GITHUB_WORKSPACE="+dir), "sync", "--output", "github", dir)
	if r.code != 0 {
		t.Fatalf("first sync: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	annotations := strings.Count(r.stdout, "\n::warning") + strings.Count(r.stdout, "\n::error")
	if annotations > 60 || annotations < 10 {
		t.Errorf("first sync of %d files with 2 warnings each: %d annotations, want 10 to 60", files, annotations)
	}
	if !strings.Contains(r.stdout, "more annotations") {
		t.Errorf("the annotations left out are not counted:\n%s", tail(r.stdout, 800))
	}

	for _, i := range []int{3, 50, 101} {
		path := filepath.Join(dir, fmt.Sprintf("notes/note-%03d.md", i))
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, append(data, []byte("\nEdited.\n")...), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, cmd := range []string{"status", "sync"} {
		r := wpsync(t, env, cmd, dir)
		if r.code != 0 {
			t.Fatalf("%s: exit %d\n%s%s", cmd, r.code, r.stdout, r.stderr)
		}
		out := r.stdout + r.stderr
		t.Logf("%s after 3 edits:\n%s", cmd, out)
		if n := strings.Count(out, "\n"); n > 15 {
			t.Errorf("%s after 3 edits of %d files: %d lines, want at most 15:\n%s", cmd, files, n, out)
		}
		for _, i := range []int{3, 50, 101} {
			if !strings.Contains(out, fmt.Sprintf("note-%03d.md", i)) {
				t.Errorf("%s does not name edited note-%03d.md:\n%s", cmd, i, out)
			}
		}
		if !strings.Contains(out, "127 unchanged") && !strings.Contains(out, "unchanged 127") {
			t.Errorf("%s does not count the unchanged files:\n%s", cmd, out)
		}
	}
	// --all lists them all.
	if r := wpsync(t, env, "sync", "--all", dir); strings.Count(r.stdout, "unchanged ") < files {
		t.Errorf("sync --all lists %d unchanged lines, want %d", strings.Count(r.stdout, "unchanged "), files)
	}
}

func tail(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[len(s)-n:]
}
