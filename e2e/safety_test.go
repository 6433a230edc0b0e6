package e2e

import (
	"context"
	"encoding/json"
	"encoding/pem"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/wpsync/wpsync/internal/wpfake"
	"github.com/wpsync/wpsync/markdown"
	"github.com/wpsync/wpsync/state"
)

// genSite writes n posts with slugs prefix-000 … and returns their paths.
func genSite(t *testing.T, dir, prefix string, n int, round int) []string {
	t.Helper()
	var paths []string
	for i := 0; i < n; i++ {
		name := fmt.Sprintf("%s-%03d.md", prefix, i)
		writeFile(t, dir, name, fmt.Sprintf("---\ntitle: %s %d\ntags: [%s]\n---\nRound %d of post %d.\nA second line.\n", prefix, i, prefix, round, i))
		paths = append(paths, name)
	}
	return paths
}

// checkConsistent asserts that every file of dir has exactly one post
// (any status but trash) whose content equals the rendered file, and that
// the state file maps each file to that post.
func checkConsistent(t *testing.T, dir, prefix string, paths []string) {
	t.Helper()
	st, err := state.Load(filepath.Join(dir, ".wpsync", "state.json"))
	if err != nil {
		t.Fatalf("state: %v", err)
	}
	posts := listAll(t, "/wp/v2/posts", map[string][]string{"status": {"publish,future,draft,pending,private"}, "search": {prefix}})
	bySlug := map[string][]wpPost{}
	for _, p := range posts {
		if strings.HasPrefix(p.Slug, prefix+"-") {
			bySlug[p.Slug] = append(bySlug[p.Slug], p)
		}
	}
	if len(bySlug) != len(paths) {
		t.Errorf("%d %s slugs on the site, want %d", len(bySlug), prefix, len(paths))
	}
	for _, path := range paths {
		src, err := os.ReadFile(filepath.Join(dir, path))
		if err != nil {
			t.Fatal(err)
		}
		doc, err := markdown.Parse(path, src)
		if err != nil {
			t.Fatal(err)
		}
		got := bySlug[doc.Slug]
		if len(got) != 1 {
			t.Errorf("%s: %d posts with slug %s, want exactly 1", path, len(got), doc.Slug)
			continue
		}
		if got[0].Content.Raw != doc.Content || got[0].Title.Raw != doc.Title {
			t.Errorf("%s: post %d holds %q / %q, want %q / %q", path, got[0].ID, got[0].Title.Raw, got[0].Content.Raw, doc.Title, doc.Content)
		}
		if e := st.Files[path]; e == nil || e.ID != got[0].ID {
			t.Errorf("%s: state entry %+v, want post %d", path, e, got[0].ID)
		}
	}
}

// Across seeded runs through a proxy that resets, fails, rate-limits and
// stalls: every file ends with exactly one post, equal to the source, and
// the state agrees with the site.
func TestSafety_FaultProxy(t *testing.T) {
	for seed := uint64(1); seed <= 4; seed++ {
		t.Run(fmt.Sprintf("seed=%d", seed), func(t *testing.T) {
			// The request time-out must outlast WordPress on a loaded
			// machine (a batch of posts can take a few seconds there) and
			// the stall must outlast the time-out, or the faults are not
			// the ones meant and a slow machine fails the test.
			const timeout = 4 * time.Second
			proxy := newFaultProxy(t, site.URL, seed, 0.3, 2*timeout)
			prefix := fmt.Sprintf("fault%d", seed)
			dir := t.TempDir()
			env := []string{"WPSYNC_URL=" + proxy.URL()}
			args := []string{"sync", dir, "--output", "json", "--request-timeout", timeout.String()}
			for round := 1; round <= 2; round++ {
				paths := genSite(t, dir, prefix, 12, round)
				var r result
				for try := 1; try <= 8; try++ {
					r = wpsync(t, env, args...)
					if r.code == 0 {
						break
					}
					if r.code == 2 && !strings.Contains(r.stderr, "cannot reach") && !strings.Contains(r.stderr, "503") && !strings.Contains(r.stderr, "50") {
						t.Fatalf("round %d try %d: exit 2: %s", round, try, r.stderr)
					}
				}
				if r.code != 0 {
					var errs []string
					for _, it := range r.json(t).Items {
						if it.Error != "" {
							errs = append(errs, it.Error)
						}
					}
					t.Fatalf("round %d: still failing after 8 runs: exit %d\n%s\n%s", round, r.code, strings.Join(errs, "\n"), r.stderr)
				}
				checkConsistent(t, dir, prefix, paths)
			}
			t.Logf("faults injected: %v", proxy.summary())
		})
	}
}

// kill -9 at random moments of a large sync, then a clean run: no
// duplicate, nothing lost, no corrupt state.
func TestSafety_KillDuringSync(t *testing.T) {
	dir := t.TempDir()
	paths := genSite(t, dir, "crash", 300, 1)
	rng := rand.New(rand.NewPCG(42, 7))
	for i := 0; i < 3; i++ {
		cmd := exec.Command(binary, "sync", dir, "--concurrency", "2")
		cmd.Env = append(baseEnv(), site.Env()...)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		delay := time.Duration(200+rng.IntN(1500)) * time.Millisecond
		time.Sleep(delay)
		cmd.Process.Signal(syscall.SIGKILL)
		cmd.Wait()
		// The state on disk is always whole.
		if _, err := state.Load(filepath.Join(dir, ".wpsync", "state.json")); err != nil {
			t.Fatalf("after kill %d at %v: %v", i, delay, err)
		}
	}
	r := wpsync(t, nil, "sync", dir, "--output", "json")
	if r.code != 0 {
		t.Fatalf("exit %d\n%s", r.code, r.stderr)
	}
	checkConsistent(t, dir, "crash", paths)
}

func TestSafety_ConflictWithEditInWordPress(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "conflict-a.md", "---\ntitle: From the file\n---\nbody\n")
	r := wpsync(t, nil, "sync", dir, "--output", "json")
	id := r.json(t).Items[0].ID
	ctx := context.Background()
	time.Sleep(1100 * time.Millisecond) // modified_gmt has one-second resolution
	if err := site.PostJSON(ctx, fmt.Sprintf("/wp/v2/posts/%d", id), map[string]any{"title": "Edited in WordPress"}, nil); err != nil {
		t.Fatal(err)
	}
	writeFile(t, dir, "conflict-a.md", "---\ntitle: Edited in the file\n---\nbody\n")

	mark := site.Mark()
	r = wpsync(t, nil, "sync", dir, "--output", "json")
	rep := r.json(t)
	if r.code != 1 || rep.Items[0].Action != "conflict" || !strings.Contains(rep.Items[0].Error, "--force") {
		t.Fatalf("exit %d, items %+v: want a conflict and exit 1", r.code, rep.Items)
	}
	if w := writes(t, mark); len(w) != 0 {
		t.Errorf("a conflict still wrote: %v", w)
	}
	check(t, "title kept", getPost(t, "posts", id).Title.Raw, "Edited in WordPress")

	r = wpsync(t, nil, "sync", dir, "--force", "--output", "json")
	if r.code != 0 || r.json(t).Items[0].Action != "update" {
		t.Fatalf("--force: exit %d %s", r.code, r.stdout)
	}
	check(t, "title overwritten", getPost(t, "posts", id).Title.Raw, "Edited in the file")

	// Trashed in WordPress: reported; --force restores that very post with
	// the file's text (never a second post: the trashed one exists).
	if err := site.Delete(ctx, fmt.Sprintf("/wp/v2/posts/%d", id), nil); err != nil {
		t.Fatal(err)
	}
	writeFile(t, dir, "conflict-a.md", "---\ntitle: Edited again\n---\nbody\n")
	r = wpsync(t, nil, "sync", dir, "--output", "json")
	if rep := r.json(t); r.code != 1 || !strings.Contains(rep.Items[0].Error, "is in the trash") {
		t.Fatalf("trashed post: exit %d %+v", r.code, rep.Items)
	}
	r = wpsync(t, nil, "sync", dir, "--force", "--output", "json")
	if rep := r.json(t); r.code != 0 || rep.Items[0].Action != "update" || rep.Items[0].ID != id {
		t.Fatalf("--force on a trashed post: exit %d %+v", r.code, rep.Items)
	}
	if p := getPost(t, "posts", id); p.Status != "publish" || p.Title.Raw != "Edited again" {
		t.Errorf("post %d after --force: status %q, title %q; want it restored with the file's title", id, p.Status, p.Title.Raw)
	}
}

func TestSafety_OrphansAndPrune(t *testing.T) {
	dir := t.TempDir()
	paths := genSite(t, dir, "prune", 10, 1)
	r := wpsync(t, nil, "sync", dir, "--output", "json")
	ids := map[string]int{}
	for _, it := range r.json(t).Items {
		ids[it.Path] = it.ID
	}
	os.Remove(filepath.Join(dir, paths[0]))

	mark := site.Mark()
	r = wpsync(t, nil, "sync", dir, "--output", "json")
	rep := r.json(t)
	if r.code != 0 || rep.Items[0].Action != "orphan" || len(writes(t, mark)) != 0 {
		t.Fatalf("exit %d items %+v: want an orphan, untouched", r.code, rep.Items[0])
	}
	os.Remove(filepath.Join(dir, paths[1]))
	r = wpsync(t, nil, "sync", dir, "--prune", "--output", "json") // 2 of 10 > 10%
	if r.code != 1 || !strings.Contains(r.stdout, "prune-max") {
		t.Fatalf("over the limit: exit %d %s", r.code, r.stdout)
	}
	r = wpsync(t, nil, "sync", dir, "--prune", "--prune-max", "20%", "--output", "json")
	if r.code != 0 {
		t.Fatalf("exit %d %s %s", r.code, r.stdout, r.stderr)
	}
	for _, p := range paths[:2] {
		var got wpPost
		if err := site.GetJSON(context.Background(), fmt.Sprintf("/wp/v2/posts/%d", ids[p]), map[string][]string{"context": {"edit"}}, &got); err != nil {
			t.Fatal(err)
		}
		check(t, p+" status", got.Status, "trash")
	}
}

func TestSafety_CorruptStateAndRebuild(t *testing.T) {
	dir := t.TempDir()
	paths := genSite(t, dir, "rebuild", 8, 1)
	if r := wpsync(t, nil, "sync", dir); r.code != 0 {
		t.Fatal(r.stderr)
	}
	statePath := filepath.Join(dir, ".wpsync", "state.json")
	os.WriteFile(statePath, []byte(`{"version":1,"files":{`), 0o644)
	r := wpsync(t, nil, "sync", dir)
	if r.code != 2 || !strings.Contains(r.stderr, "--rebuild-state") || !strings.Contains(r.stderr, statePath) {
		t.Fatalf("corrupt state: exit %d %q", r.code, r.stderr)
	}
	mark := site.Mark()
	r = wpsync(t, nil, "sync", dir, "--rebuild-state", "--output", "json")
	if rep := r.json(t); r.code != 0 || rep.Summary.Unchanged != len(paths) {
		t.Fatalf("rebuild: exit %d %+v %s", r.code, rep.Summary, r.stderr)
	}
	if w := writes(t, mark); len(w) != 0 {
		t.Errorf("rebuild wrote: %v", w)
	}
	checkConsistent(t, dir, "rebuild", paths)
}

// An author (no unfiltered_html) loses <iframe>: warned once, and the next
// run does not count it as a change.
func TestSafety_KsesWarnsOnce(t *testing.T) {
	ctx := context.Background()
	var user struct{ ID int }
	err := site.PostJSON(ctx, "/wp/v2/users", map[string]any{
		"username": "kses-author", "email": "author@example.test", "password": "a-long-login-password-1", "roles": []string{"author"},
	}, &user)
	if err != nil {
		t.Fatal(err)
	}
	var app struct{ Password string }
	if err := site.PostJSON(ctx, fmt.Sprintf("/wp/v2/users/%d/application-passwords", user.ID), map[string]any{"name": "wpsync"}, &app); err != nil {
		t.Fatal(err)
	}
	env := []string{"WPSYNC_USER=kses-author", "WPSYNC_APP_PASSWORD=" + app.Password}
	dir := t.TempDir()
	writeFile(t, dir, "kses-post.md", "Video:\n\n<iframe src=\"https://example.test/v\"></iframe>\n")
	r := wpsync(t, env, "sync", dir, "--output", "json")
	if strings.Contains(r.stdout+r.stderr, app.Password) {
		t.Fatal("the author's application password reached the output")
	}
	var rep struct {
		Items []struct {
			Action   string
			Warnings []string
		}
	}
	json.Unmarshal([]byte(r.stdout), &rep)
	if r.code != 0 || len(rep.Items) != 1 || !strings.Contains(strings.Join(rep.Items[0].Warnings, " "), "unfiltered_html") {
		t.Fatalf("exit %d %s %s: want a warning naming unfiltered_html", r.code, r.stdout, r.stderr)
	}
	mark := site.Mark()
	r = wpsync(t, env, "sync", dir, "--output", "json")
	if rep := r.json(t); r.code != 0 || rep.Summary.Unchanged != 1 || len(writes(t, mark)) != 0 {
		t.Fatalf("second run: exit %d %+v", r.code, rep.Summary)
	}
}

// The application password appears in no state file the suite wrote.
func TestSafety_PasswordNeverInStateFile(t *testing.T) {
	dir := t.TempDir()
	genSite(t, dir, "secret", 2, 1)
	if r := wpsync(t, nil, "sync", dir); r.code != 0 {
		t.Fatal(r.stderr)
	}
	if r := wpsync(t, nil, "sync", dir, "--dry-run"); strings.Contains(r.stdout, site.Password) {
		t.Fatal("dry run printed the password")
	}
	data, err := os.ReadFile(filepath.Join(dir, ".wpsync", "state.json"))
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{site.Password, strings.ReplaceAll(site.Password, " ", "")} {
		if strings.Contains(string(data), s) {
			t.Fatal("the state file holds the application password")
		}
	}
}

func TestSafety_RefusesPlainHTTPToOtherHosts(t *testing.T) {
	t.Run("plain http address", func(t *testing.T) {
		dir := t.TempDir()
		genSite(t, dir, "insecure", 1, 1)
		r := wpsync(t, []string{"WPSYNC_URL=http://wp.example.test"}, "sync", dir)
		if r.code != 2 || !strings.Contains(r.stderr, "--allow-insecure-http") {
			t.Fatalf("exit %d %q", r.code, r.stderr)
		}
	})
	// WordPress behind a TLS proxy announces its REST root as it knows
	// itself: over plain http, or on another host. wpsync, given the
	// proxy's https:// address, sends the credentials there only: an http
	// root on the proxy's host is used over HTTPS, a root elsewhere not at
	// all.
	other := wpfake.NewOtherHost(t, site.Password)
	for _, tt := range []struct{ name, root string }{
		{"http root on the proxy's host", "http://FRONT/wp-json/"},
		{"root on another host", strings.Replace(other.URL, "127.0.0.1", "localhost", 1) + "/wp-json/"},
		{"root on another port", other.URL + "/wp-json/"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			front, caFile := tlsFront(t, tt.root)
			dir := t.TempDir()
			paths := genSite(t, dir, "tlsfront", 2, 1)
			env := []string{"WPSYNC_URL=" + front}
			if r := wpsync(t, env, "sync", dir, "--ca-cert", caFile); r.code != 0 {
				t.Fatalf("sync: exit %d\n%s", r.code, r.stderr)
			}
			checkConsistent(t, dir, "tlsfront", paths)
			if r := wpsync(t, env, "doctor", "--ca-cert", caFile); r.code != 0 {
				t.Errorf("doctor: exit %d\n%s\n%s", r.code, r.stdout, r.stderr)
			}
			if n := other.Hits(); n > 0 {
				t.Errorf("the other host received %d requests", n)
			}
		})
	}
}

// tlsFront is a TLS proxy in front of the site whose front page announces
// root (FRONT in it stands for the proxy's host and port) as the REST
// root; redirects name the proxy. It returns the proxy's address and a
// PEM file of its certificate, for --ca-cert.
func tlsFront(t *testing.T, root string) (front, caFile string) {
	t.Helper()
	target, err := url.Parse(site.URL)
	if err != nil {
		t.Fatal(err)
	}
	proxy := httputil.NewSingleHostReverseProxy(target)
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r.Host = target.Host // as WordPress knows itself, or it redirects there
		proxy.ServeHTTP(w, r)
	}))
	srv.StartTLS()
	t.Cleanup(srv.Close)
	root = strings.ReplaceAll(root, "FRONT", srv.Listener.Addr().String())
	proxy.ModifyResponse = func(resp *http.Response) error {
		for i, v := range resp.Header.Values("Link") {
			resp.Header["Link"][i] = strings.ReplaceAll(v, site.URL+"/wp-json/", root)
		}
		for i, v := range resp.Header.Values("Location") {
			resp.Header["Location"][i] = strings.ReplaceAll(v, site.URL, srv.URL)
		}
		return nil
	}
	caFile = filepath.Join(t.TempDir(), "front.pem")
	if err := os.WriteFile(caFile, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: srv.Certificate().Raw}), 0o600); err != nil {
		t.Fatal(err)
	}
	return srv.URL, caFile
}
