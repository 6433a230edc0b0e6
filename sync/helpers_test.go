package sync

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/wpsync/wpsync/state"
)

func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// runSync syncs dir with a fresh Syncer and the state on disk, as one CLI
// run would.
func runSync(t *testing.T, fake *fakePublisher, dir string, dryRun bool) *Report {
	t.Helper()
	st, err := state.Load(state.DefaultPath(dir))
	if err != nil {
		t.Fatal(err)
	}
	r, err := New(fake, st, Options{Dir: dir, DryRun: dryRun, Site: "http://wp.test"}).Run(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return r
}
