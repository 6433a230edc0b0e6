package sync_test

import (
	"strings"
	"testing"

	"github.com/wpsync/wpsync/internal/wpfake"
	wpsync "github.com/wpsync/wpsync/sync"
)

// A damaged picture (a PNG whose CR-LF bytes a checkout turned into LF) is
// found while its file is read: the dry run says what the run does — the
// file is not sent, at the picture's line, in the author's terms — and
// nothing is uploaded. A sound picture next to it is uploaded.
func TestSyncer_DamagedPictureAtPlanTime(t *testing.T) {
	good := png(1)
	damaged := strings.ReplaceAll(good, "\r\n", "\n")
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"a.md":      "---\ntitle: A\n---\nText.\n\n![a chart](chart.png)\n",
		"b.md":      "---\ntitle: B\n---\n![fine](fine.png)\n",
		"chart.png": damaged,
		"fine.png":  good,
	})
	wp := wpfake.New(t, wpfake.Options{})
	for _, dry := range []bool{true, false} {
		r := runSync(t, wp, dir, dry)
		a := itemFor(t, r, "a.md")
		if a.Action != wpsync.ActionError || a.Line != 6 {
			t.Fatalf("dry run %v: a.md = %+v, want an error at line 6", dry, a)
		}
		for _, want := range []string{"chart.png is damaged", "does not begin as a PNG picture does", ".gitattributes", "restore the file"} {
			if !strings.Contains(a.Error, want) {
				t.Errorf("dry run %v: error %q lacks %q", dry, a.Error, want)
			}
		}
		if strings.Contains(a.Error, "image:") || strings.Contains(a.Error, "unknown format") {
			t.Errorf("dry run %v: Go's error text reaches the user: %q", dry, a.Error)
		}
		if b := itemFor(t, r, "b.md"); b.Action != wpsync.ActionCreate {
			t.Errorf("dry run %v: b.md = %+v, want created", dry, b)
		}
	}
	if m := wp.MediaItems(); len(m) != 1 || !strings.HasSuffix(m[0].File, "/fine.png") {
		t.Errorf("media library = %+v, want fine.png alone", m)
	}
}
