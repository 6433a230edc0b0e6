package sync_test

import (
	"net/http"
	"testing"

	"github.com/wpsync/wpsync/internal/wpfake"
	. "github.com/wpsync/wpsync/sync"
)

// After a batch whose answer was lost, a file whose slug look-up fails as
// well is not created again blindly (its post may exist): it fails this
// run, and the next run finds and adopts the post.
func TestSyncer_LostBatchAndFailedLookUpMakeNoDuplicate(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"a.md": "a\n", "b.md": "b\n", "c.md": "c\n"})
	wp := wpfake.New(t, wpfake.Options{})
	// Once the batch is sent, look-ups of b fail (a time-out, say).
	lookupFails := wpfake.Fault{Method: http.MethodGet, Route: "/wp/v2/posts", Status: http.StatusGatewayTimeout,
		If: func(r wpfake.Request) bool { return r.Query.Get("slug") == "b" }}
	wp.Fail(wpfake.Fault{Method: http.MethodPost, Route: "/batch/v1", Times: 1, LoseAnswer: true,
		Before: func() { wp.Fail(lookupFails) }})
	r := runWith(t, wp, dir, Options{})
	if r.Summary.Created != 2 || r.Summary.Failed != 1 || itemFor(t, r, "b.md").Action != ActionError {
		t.Errorf("summary %+v: want a and c adopted, b failed", r.Summary)
	}
	if n := len(live(wp, "posts")); n != 3 {
		t.Fatalf("site has %d posts, want 3 (one per file)", n)
	}
	wp.ClearFaults()
	r = runWith(t, wp, dir, Options{})
	if it := itemFor(t, r, "b.md"); it.Action == ActionError || !it.Adopted || it.ID == 0 || len(live(wp, "posts")) != 3 {
		t.Errorf("next run: b.md %+v, %d posts; want b's post adopted, still 3", it, len(live(wp, "posts")))
	}
}
