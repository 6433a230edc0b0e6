package sync_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/wpsync/wpsync/internal/wpfake"
)

// A meta key the site does not register is a warning of the file at its
// meta: line, saying what to do, not a warning of the run without a file;
// the runs that find the file unchanged say it again.
func TestSyncer_UnregisteredMetaIsTheFilesWarning(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"a.md": "---\ntitle: A\ndate: 2024-05-01\nmeta:\n  shelf: upstairs\n---\nx\n",
	})
	wp := wpfake.New(t, wpfake.Options{})
	first := runSync(t, wp, dir, false)
	want := itemFor(t, first, "a.md").Warnings
	if len(want) != 1 || !strings.HasPrefix(want[0], "line 4: meta shelf: not registered for the REST API on the site for posts") ||
		!strings.Contains(want[0], "then edit the file so that it is sent again") {
		t.Errorf("a.md warnings %q, want meta shelf at line 4 with what to do", want)
	}
	for _, w := range first.Warnings {
		if strings.Contains(w, "meta shelf") {
			t.Errorf("run warning %q: want it the file's only", w)
		}
	}
	again := runSync(t, wp, dir, false)
	if got := itemFor(t, again, "a.md").Warnings; !slices.Equal(got, want) {
		t.Errorf("unchanged a.md warnings %q, want %q", got, want)
	}
}
