package sync_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/wpsync/wpsync/internal/wpfake"
	"github.com/wpsync/wpsync/state"
	. "github.com/wpsync/wpsync/sync"
)

// Ctrl-C in the middle of the writes: the writes in flight finish and are
// recorded and counted; the files not sent are "not reached", not failed.
func TestSyncer_Run_Interrupted(t *testing.T) {
	tests := []struct {
		name        string
		opts        wpfake.Options
		route       string
		cancelAfter int // requests to route
		want        int // posts written
	}{
		{"one post a request", wpfake.Options{NoBatch: true}, "/wp/v2/posts", 3, 3},
		{"batches", wpfake.Options{MaxBatch: 2}, "/batch/v1", 2, 4},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			files := map[string]string{}
			for i := range 10 {
				files[fmt.Sprintf("p%02d.md", i)] = fmt.Sprintf("# Post %d\n\nText %d.\n", i, i)
			}
			writeFiles(t, dir, files)
			wp := wpfake.New(t, tt.opts)
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			n := 0
			wp.Fail(wpfake.Fault{Method: "POST", Route: tt.route, Before: func() {
				if n++; n == tt.cancelAfter {
					cancel() // while this write is in flight
				}
			}})
			st, err := state.Load(state.DefaultPath(dir))
			if err != nil {
				t.Fatal(err)
			}
			r, err := New(clientAs(t, wp, wpfake.Admin), st, Options{Dir: dir, Site: wp.URL, Concurrency: 1}).Run(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if !r.Interrupted || r.Summary != (Summary{Created: tt.want, NotReached: 10 - tt.want}) {
				t.Errorf("interrupted %v, summary %+v; want %d created, %d not reached", r.Interrupted, r.Summary, tt.want, 10-tt.want)
			}
			if got := len(live(wp, "posts")); got != tt.want {
				t.Errorf("%d posts on the site, want %d", got, tt.want)
			}
			saved, err := state.Load(state.DefaultPath(dir))
			if err != nil {
				t.Fatal(err)
			}
			if len(saved.Files) != tt.want {
				t.Errorf("the state has %d files, want the %d written", len(saved.Files), tt.want)
			}
			// The next run sends the rest, no duplicate.
			wp.ClearFaults()
			if r := runSync(t, wp, dir, false); r.Summary != (Summary{Created: 10 - tt.want, Unchanged: tt.want}) || len(live(wp, "posts")) != 10 {
				t.Errorf("next run: %+v, %d posts", r.Summary, len(live(wp, "posts")))
			}
		})
	}
}
