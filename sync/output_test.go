package sync_test

import (
	"strings"
	"testing"

	"github.com/wpsync/wpsync/internal/wpfake"
	. "github.com/wpsync/wpsync/sync"
)

// A site whose PHP prints a warning before the JSON of its writes: the
// writes are what they are, and the run says once what the site prints.
func TestSyncer_Run_OutputBeforeAnswers(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"a.md": "# A\n\nText a.\n", "b.md": "# B\n\nText b.\n", "c.md": "# C\n\nText c.\n"})
	wp := wpfake.New(t, wpfake.Options{MaxBatch: 2})
	wp.Fail(wpfake.Fault{Method: "POST", Prefix: "<br />\n<b>Notice</b>:  Function x is deprecated in <b>/srv/p.php</b><br />\n"})
	r := runSync(t, wp, dir, false)
	if r.Summary != (Summary{Created: 3}) {
		t.Errorf("summary %+v, want 3 created", r.Summary)
	}
	var told []string
	for _, w := range r.Warnings {
		if strings.Contains(w, "PHP output before its answers") {
			told = append(told, w)
		}
	}
	if len(told) != 1 || !strings.Contains(told[0], "Notice: Function x is deprecated in /srv/p.php") {
		t.Errorf("warnings %q, want one naming the notice", r.Warnings)
	}
	writeFiles(t, dir, map[string]string{"a.md": "# A\n\nText a, edited.\n"})
	if r := runSync(t, wp, dir, false); r.Summary != (Summary{Updated: 1, Unchanged: 2}) || len(r.Warnings) != 1 {
		t.Errorf("second run: %+v, warnings %q", r.Summary, r.Warnings)
	}
}
