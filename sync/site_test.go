package sync_test

// Helpers of the tests that drive sync through the real REST client
// (sync/wordpress) against a fake WordPress (internal/wpfake).

import (
	"context"
	"net/http"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/wpsync/wpsync/internal/wpfake"
	"github.com/wpsync/wpsync/state"
	wpsync "github.com/wpsync/wpsync/sync"
	"github.com/wpsync/wpsync/sync/wordpress"
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

// client returns a REST client signed in to wp as its administrator, whose
// retries do not wait.
func client(t *testing.T, wp *wpfake.Server) *wordpress.Client {
	t.Helper()
	return clientAs(t, wp, wpfake.Admin)
}

// clientAs is client signed in as another user, whose application
// password is wpfake.Password (see addUser).
func clientAs(t *testing.T, wp *wpfake.Server, login string) *wordpress.Client {
	t.Helper()
	rt := wordpress.NewRetryTransport(http.DefaultTransport)
	rt.Sleep = func(context.Context, time.Duration) error { return nil }
	c, err := wordpress.New(wp.URL, login, wpfake.Password, &http.Client{Transport: rt})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// addUser adds a user of a WordPress role (author, editor, …) to wp, who
// signs in with wpfake.Password, and returns its ID.
func addUser(wp *wpfake.Server, login, role string) int {
	return wp.AddUser(wpfake.User{Login: login, Roles: []string{role}, AppPassword: wpfake.Password})
}

// runWith syncs dir with a fresh Syncer, a fresh client and the state on
// disk, as one CLI run would; opts.Site defaults to the fake's address.
func runWith(t *testing.T, wp *wpfake.Server, dir string, opts wpsync.Options) *wpsync.Report {
	t.Helper()
	return runAs(t, wp, wpfake.Admin, dir, opts)
}

// runAs is runWith signed in as another user (see addUser).
func runAs(t *testing.T, wp *wpfake.Server, login, dir string, opts wpsync.Options) *wpsync.Report {
	t.Helper()
	st, err := state.Load(state.DefaultPath(dir))
	if err != nil {
		t.Fatal(err)
	}
	opts.Dir = dir
	if opts.Site == "" {
		opts.Site = wp.URL
	}
	r, err := wpsync.New(clientAs(t, wp, login), st, opts).Run(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// runSync is runWith with only DryRun set.
func runSync(t *testing.T, wp *wpfake.Server, dir string, dryRun bool) *wpsync.Report {
	t.Helper()
	return runWith(t, wp, dir, wpsync.Options{DryRun: dryRun})
}

// live returns the site's objects of a type that are not in the trash.
func live(wp *wpfake.Server, typ string) []wpfake.Post {
	var out []wpfake.Post
	for _, p := range wp.Posts(typ) {
		if p.Status != "trash" {
			out = append(out, p)
		}
	}
	return out
}

// madeTerms returns a taxonomy's terms but WordPress's own Uncategorized.
func madeTerms(wp *wpfake.Server, taxonomy string) []wpfake.Term {
	var out []wpfake.Term
	for _, t := range wp.Terms(taxonomy) {
		if t.ID != 1 {
			out = append(out, t)
		}
	}
	return out
}

// refuse makes WordPress refuse (400) every write of a slug.
func refuse(wp *wpfake.Server, slug string) {
	wp.Fail(wpfake.Fault{Method: http.MethodPost, Route: "/wp/v2/*", Status: 400,
		If: func(r wpfake.Request) bool { return r.Param("slug") == slug }})
}

func itemFor(t *testing.T, r *wpsync.Report, path string) wpsync.Item {
	t.Helper()
	for _, it := range r.Items {
		if it.Path == path {
			return it
		}
	}
	t.Fatalf("no item for %s in %+v", path, r.Items)
	return wpsync.Item{}
}
