// Package e2e runs the wpsync binary, as a user does, against a real
// WordPress on 127.0.0.1 (see scripts/wordpress.sh) and checks the result
// through the REST API. `make test` runs it and fails if it was skipped.
package e2e

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/wpsync/wpsync/internal/wptest"
	syncpkg "github.com/wpsync/wpsync/sync"
)

var (
	site   *wptest.Site // one fresh WordPress for this package
	binary string       // the wpsync binary under test
)

func TestMain(m *testing.M) {
	if !wptest.Enabled() {
		fmt.Println("skipping end-to-end tests: run `make test` or set WPSYNC_E2E=1 (needs a local WordPress)")
		os.Exit(0)
	}
	os.Exit(runMain(m))
}

func runMain(m *testing.M) int {
	tmp, err := os.MkdirTemp("", "wpsync-e2e-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer os.RemoveAll(tmp)
	binary = filepath.Join(tmp, "wpsync")
	build := exec.Command("go", "build", "-o", binary, "github.com/wpsync/wpsync/cmd/wpsync")
	build.Stderr = os.Stderr
	if err := build.Run(); err != nil {
		fmt.Fprintln(os.Stderr, "build wpsync:", err)
		return 1
	}
	name := "e2e"
	if n := os.Getenv("WPSYNC_E2E_SITE"); n != "" {
		name = n // sessions running the suite at once each need their own site
	}
	s, down, err := wptest.UpForMain(name, wptest.Options{})
	if err != nil {
		fmt.Fprintln(os.Stderr, "start WordPress:", err)
		return 1
	}
	defer down()
	site = s
	// Which WordPress: `make test` runs the suite once per version
	// (WPSYNC_WP_VERSION, see wptest.Options).
	fmt.Printf("end-to-end tests against WordPress %s at %s\n", s.Version, s.URL)
	return m.Run()
}

// result is one wpsync run.
type result struct {
	code           int
	stdout, stderr string
}

// report is the --output json document.
type report struct {
	Summary struct{ Created, Updated, Unchanged, Failed int }
	Items   []struct {
		Path, Action, Type, Link, Error string
		ID, Line                        int
		Adopted                         bool
	}
}

func (r result) json(t *testing.T) report {
	t.Helper()
	var rep report
	if err := json.Unmarshal([]byte(r.stdout), &rep); err != nil {
		t.Fatalf("stdout is not the JSON report: %v\n%s\nstderr: %s", err, r.stdout, r.stderr)
	}
	return rep
}

// wpsync runs the binary with the site's credentials in its environment,
// plus extra environment entries.
func wpsync(t *testing.T, env []string, args ...string) result {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, binary, args...)
	cmd.Env = append(append(baseEnv(), site.Env()...), env...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatalf("run wpsync: %v", err)
	}
	r := result{code: code, stdout: out.String(), stderr: errb.String()}
	if strings.Contains(r.stdout+r.stderr, site.Password) {
		t.Fatalf("wpsync %v printed the application password", args)
	}
	return r
}

// baseEnv is the test's environment without any WPSYNC_ settings of the
// machine, so each run sees only what the test gives it.
func baseEnv() []string {
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "WPSYNC_") {
			env = append(env, kv)
		}
	}
	return env
}

// writes returns the requests since mark that change something.
func writes(t *testing.T, mark int) []wptest.Request {
	t.Helper()
	reqs, err := site.RequestsSince(mark)
	if err != nil {
		t.Fatal(err)
	}
	var w []wptest.Request
	for _, r := range reqs {
		if r.Method != "GET" && r.Method != "HEAD" && r.Method != "OPTIONS" { // OPTIONS reads a route's schema
			w = append(w, r)
		}
	}
	return w
}

func writeFile(t *testing.T, dir, name, content string) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// wpPost is a post as the REST API returns it in edit context.
type wpPost struct {
	ID         int
	Slug       string
	Status     string
	Type       string
	Link       string
	Date       string
	DateGMT    string `json:"date_gmt"`
	Title      struct{ Raw, Rendered string }
	Content    struct{ Raw, Rendered string }
	Excerpt    struct{ Raw, Rendered string }
	Categories []int
	Tags       []int
	Parent     int
}

func getPost(t *testing.T, typ string, id int) wpPost {
	t.Helper()
	var p wpPost
	if err := site.GetJSON(context.Background(), fmt.Sprintf("/wp/v2/%s/%d", typ, id), map[string][]string{"context": {"edit"}}, &p); err != nil {
		t.Fatalf("get %s %d: %v", typ, id, err)
	}
	p.Content.Raw = withoutFingerprint(p.Content.Raw)
	return p
}

// withoutFingerprint is content.raw without the fingerprint wpsync puts
// into every post it writes (sync/fingerprint.go): the tests that read
// content.raw check the markup wpsync renders.
func withoutFingerprint(raw string) string {
	content, _, _ := syncpkg.SplitFingerprint(raw)
	return content
}

// listAll returns every object of a REST collection, all statuses.
func listAll(t *testing.T, route string, extra map[string][]string) []wpPost {
	t.Helper()
	var all []wpPost
	for page := 1; ; page++ {
		q := map[string][]string{"per_page": {"100"}, "page": {fmt.Sprint(page)}, "context": {"edit"}}
		for k, v := range extra {
			q[k] = v
		}
		var got []wpPost
		if err := site.GetJSON(context.Background(), route, q, &got); err != nil {
			var se *wptest.StatusError
			if errors.As(err, &se) && se.Code == "rest_post_invalid_page_number" {
				return all // the last page was full
			}
			t.Fatalf("list %s: %v", route, err)
		}
		for i := range got {
			got[i].Content.Raw = withoutFingerprint(got[i].Content.Raw)
		}
		all = append(all, got...)
		if len(got) < 100 {
			return all
		}
	}
}

type wpTerm struct {
	ID     int
	Name   string
	Parent int
}

func terms(t *testing.T, taxonomy string) map[string][]wpTerm {
	t.Helper()
	// Every page: the shared site holds more than 100 terms of the tests
	// run before.
	var got []wpTerm
	for page := 1; ; page++ {
		var some []wpTerm
		q := map[string][]string{"per_page": {"100"}, "page": {strconv.Itoa(page)}}
		err := site.GetJSON(context.Background(), "/wp/v2/"+taxonomy, q, &some)
		if err != nil && page > 1 && strings.Contains(err.Error(), "invalid_page_number") {
			break // exactly a multiple of 100
		}
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, some...)
		if len(some) < 100 {
			break
		}
	}
	byName := map[string][]wpTerm{}
	for _, tm := range got {
		byName[tm.Name] = append(byName[tm.Name], tm)
	}
	return byName
}
