package e2e

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/wpsync/wpsync/internal/wptest"
	"github.com/wpsync/wpsync/state"
)

// Issue 21: cases of shared/cases/trust, copied to testdata/cases: front
// matter closers, host quirks, removed terms, exits (trust_test.go has the
// identity cases).

// D20: YAML front matter closed by "..." (pandoc's export) is published as
// Jekyll renders it.
func TestCases_JekyllDotsCloser(t *testing.T) {
	dir := copyTree(t, filepath.Join("testdata", "cases/D20-jekyll-dots-closer"))
	rep := syncReport(t, dir, 0)
	p := getPost(t, "posts", rep.want(t, "_posts/2024-01-05-pandoc-export.md", "create").ID)
	if p.Title.Raw != "Notes exported by pandoc" || strings.Contains(p.Content.Raw, "layout") || !strings.Contains(p.Content.Raw, "three dots") {
		t.Errorf("pandoc export: %q %q", p.Title.Raw, p.Content.Raw)
	}
	if got := termNames(t, "tags", p.Tags); len(got) != 1 || got[0] != "pandoc" {
		t.Errorf("pandoc export tags %q", got)
	}
	rep.want(t, "_posts/2024-01-06-normal.md", "create")
	secondRunWritesNothing(t, dir, 0)
}

// postsWithSlug counts the posts (any status but trash) that hold a slug.
func postsWithSlug(t *testing.T, s *wptest.Site, slug string) int {
	t.Helper()
	var got []wpPost
	if err := s.GetJSON(context.Background(), "/wp/v2/posts", map[string][]string{"slug": {slug}, "status": {"any"}, "context": {"edit"}}, &got); err != nil {
		t.Fatal(err)
	}
	return len(got)
}

// reportOn is syncReport against another site.
func reportOn(t *testing.T, s *wptest.Site, dir string, want int, args ...string) fullReport {
	t.Helper()
	return fullReportOf(t, wpsync(t, s.Env(), append([]string{"sync", dir, "--output", "json"}, args...)...), want)
}

// outputWarnings returns a run's warnings about output before the answers.
func outputWarnings(rep fullReport) []string {
	var out []string
	for _, w := range rep.Warnings {
		if strings.Contains(w, "before its answers") {
			out = append(out, w)
		}
	}
	return out
}

// D14: a plugin prints a PHP warning before the JSON of every write. Each
// write is recorded as what it is (it landed), once, with one warning per
// run that names the output; nothing is duplicated; every run exits 0.
func TestCases_PHPWarningOnSave(t *testing.T) {
	s := wptest.Start(t, "e2e_phpwarn", wptest.Options{MuPlugins: []string{filepath.Join("testdata", "cases", "D14-php-warning-on-save", "warning-plugin.php")}})
	dir := copyCase(t, "D14-php-warning-on-save")
	const notice = `Warning: Undefined array key \"seo_title\"`
	oneWarning := func(rep fullReport) {
		t.Helper()
		if w := outputWarnings(rep); len(w) != 1 || !strings.Contains(w[0], notice) {
			t.Errorf("warnings %q: want one naming the PHP output", rep.Warnings)
		}
	}
	nothing := func(run string) {
		t.Helper()
		mark := s.Mark()
		rep := reportOn(t, s, dir, 0)
		if w := siteWrites(t, s, mark); len(w) != 0 || rep.Summary.Created+rep.Summary.Updated != 0 {
			t.Errorf("%s: wrote %v, %+v", run, w, rep.Summary)
		}
	}
	appendTo := func(name, text string) {
		t.Helper()
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		writeFile(t, dir, name, string(b)+text)
	}

	mark := s.Mark()
	rep := reportOn(t, s, dir, 0) // run 1
	for _, f := range []string{"one.md", "two.md", "three.md"} {
		rep.want(t, f, "create")
	}
	oneWarning(rep)
	if !slices.ContainsFunc(siteWrites(t, s, mark), func(r wptest.Request) bool { return strings.Contains(r.URI, "batch") }) {
		t.Errorf("run 1 sent no batch: %v", siteWrites(t, s, mark))
	}
	nothing("run 2")

	time.Sleep(2 * time.Second)
	appendTo("two.md", "More text for two.\n")
	mark = s.Mark()
	rep = reportOn(t, s, dir, 0, "--no-batch") // run 3
	two := rep.want(t, "two.md", "update")
	oneWarning(rep)
	if w := siteWrites(t, s, mark); len(w) != 1 {
		t.Errorf("run 3 wrote %v, want one update", w)
	}
	if p := getPostOn(t, s, "posts", two.ID); !strings.Contains(p.Content.Raw, "More text for two.") {
		t.Errorf("two.md's update is not in WordPress: %q", p.Content.Raw)
	}
	nothing("run 4")

	time.Sleep(2 * time.Second)
	appendTo("one.md", "More text for one.\n")
	rep = reportOn(t, s, dir, 0) // run 5
	rep.want(t, "one.md", "update")
	oneWarning(rep)
	nothing("run 6")

	if err := os.Remove(filepath.Join(dir, ".wpsync", "state.json")); err != nil {
		t.Fatal(err)
	}
	nothing("run 7, without the state file")
	for _, slug := range []string{"one", "two", "three"} {
		if n := postsWithSlug(t, s, slug); n != 1 {
			t.Errorf("%d posts with slug %s, want 1", n, slug)
		}
	}
}

// A UTF-8 byte-order mark at the top of a PHP file (here a must-use
// plugin saved "with BOM") comes before every answer of the site: sign-in
// and writes read the JSON after it, with one warning.
func TestSync_ByteOrderMarkBeforeAnswers(t *testing.T) {
	plugin := filepath.Join(t.TempDir(), "bom.php")
	if err := os.WriteFile(plugin, []byte("\uFEFF<?php\n// saved as UTF-8 with BOM\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	s := wptest.Start(t, "e2e_bom", wptest.Options{MuPlugins: []string{plugin}})
	dir := t.TempDir()
	writeFile(t, dir, "a.md", "---\ntitle: A\n---\nBody a.\n")
	writeFile(t, dir, "b.md", "---\ntitle: B\n---\nBody b.\n")
	rep := reportOn(t, s, dir, 0)
	rep.want(t, "a.md", "create")
	rep.want(t, "b.md", "create")
	if w := outputWarnings(rep); len(w) != 1 || !strings.Contains(w[0], "byte-order mark") {
		t.Errorf("warnings %q: want one about the BOM", rep.Warnings)
	}
	writeFile(t, dir, "a.md", "---\ntitle: A\n---\nBody a, edited.\n")
	rep = reportOn(t, s, dir, 0, "--no-batch")
	rep.want(t, "a.md", "update")
	mark := s.Mark()
	rep = reportOn(t, s, dir, 0)
	if w := siteWrites(t, s, mark); len(w) != 0 || rep.Summary.Unchanged != 2 {
		t.Errorf("third run wrote %v, %+v", w, rep.Summary)
	}
}

// D11: tags, categories, the excerpt and the featured image taken out of
// the front matter (or emptied) are taken off the post: no tags, the
// default category, no featured image, no excerpt. A post that already is
// so is left alone, with or without the state file.
func TestCases_RemovedTerms(t *testing.T) {
	root := copyTree(t, filepath.Join("testdata", "cases", "D11-removed-terms"))
	dir := filepath.Join(root, "site")
	edit := func(name string) {
		t.Helper()
		b, err := os.ReadFile(filepath.Join(root, "edits", name))
		if err != nil {
			t.Fatal(err)
		}
		writeFile(t, dir, "garden-diary.md", string(b))
	}
	var settings struct {
		DefaultCategory int `json:"default_category"`
	}
	if err := site.GetJSON(context.Background(), "/wp/v2/settings", nil, &settings); err != nil || settings.DefaultCategory == 0 {
		t.Fatalf("default category: %d, %v", settings.DefaultCategory, err)
	}
	bare := func(run string, id int) {
		t.Helper()
		p := getRich(t, "posts", id)
		if len(p.Tags) != 0 || !slices.Equal(p.Categories, []int{settings.DefaultCategory}) || p.FeaturedMedia != 0 || p.Excerpt.Raw != "" {
			t.Errorf("%s: tags %v categories %v featured %d excerpt %q; want none, [%d], 0, none", run, p.Tags, p.Categories, p.FeaturedMedia, p.Excerpt.Raw, settings.DefaultCategory)
		}
	}

	rep := syncReport(t, dir, 0) // run 1
	id := rep.want(t, "garden-diary.md", "create").ID
	if p := getRich(t, "posts", id); len(p.Tags) != 2 || len(p.Categories) != 1 || p.Categories[0] == settings.DefaultCategory || p.FeaturedMedia == 0 {
		t.Fatalf("run 1: tags %v categories %v featured %d", p.Tags, p.Categories, p.FeaturedMedia)
	}
	secondRunWritesNothing(t, dir, 0) // run 2

	edit("v2.md")
	rep = syncReport(t, dir, 0) // run 3
	rep.want(t, "garden-diary.md", "update")
	bare("run 3", id)
	secondRunWritesNothing(t, dir, 0) // run 4
	for _, run := range []string{"run 5", "run 6"} {
		if err := os.Remove(filepath.Join(dir, ".wpsync", "state.json")); err != nil {
			t.Fatal(err)
		}
		rep := secondRunWritesNothing(t, dir, 0)
		if it := rep.item(t, "garden-diary.md"); it.ID != id {
			t.Errorf("%s: post %d, want %d", run, it.ID, id)
		}
	}

	// Back to the first version, then tags: [] and categories: [].
	b, err := os.ReadFile(filepath.Join("testdata", "cases", "D11-removed-terms", "site", "garden-diary.md"))
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, dir, "garden-diary.md", string(b))
	syncReport(t, dir, 0)
	edit("v3.md")
	rep = syncReport(t, dir, 0) // run 7
	rep.want(t, "garden-diary.md", "update")
	bare("run 7", id)
	secondRunWritesNothing(t, dir, 0)
}

// An Application Password deleted in WordPress while watch runs: the next
// change finds the sign-in refused, and watch exits 2 (the systemd unit
// does not restart it then) saying so, instead of retrying for ever.
func TestWatch_RevokedPasswordExits2(t *testing.T) {
	ctx := context.Background()
	var ap struct {
		Password string `json:"password"`
		UUID     string `json:"uuid"`
	}
	if err := site.PostJSON(ctx, "/wp/v2/users/me/application-passwords", map[string]any{"name": "e2e-revoked"}, &ap); err != nil || ap.UUID == "" {
		t.Fatalf("make an application password: %v", err)
	}
	dir := t.TempDir()
	writeFile(t, dir, "revoked-watch.md", postFile("Revoked watch", "First text."))
	w := startWatch(t, dir, []string{"WPSYNC_APP_PASSWORD=" + ap.Password})
	w.waitFor("the first publish", 30*time.Second, published("revoked-watch.md", "create"))

	if err := site.Delete(ctx, "/wp/v2/users/me/application-passwords/"+ap.UUID, nil); err != nil {
		t.Fatalf("revoke: %v", err)
	}
	writeFile(t, dir, "revoked-watch.md", postFile("Revoked watch", "Second text."))
	select {
	case <-w.done:
	case <-time.After(60 * time.Second):
		t.Fatalf("watch still runs a minute after its password was revoked:\n%s", w.log())
	}
	if w.code != 2 {
		t.Errorf("exit %d, want 2", w.code)
	}
	if log := w.log(); !strings.Contains(log, "refused") || strings.Contains(log, ap.Password) {
		t.Errorf("the log does not say the sign-in is refused (or shows the password):\n%s", log)
	}
}

// Ctrl-C in the middle of a large sync: the writes in flight land and are
// recorded, the report counts them as created and the files it did not
// send as not reached, nothing failed; exit 130. The next run sends the
// rest, without a duplicate.
func TestSync_InterruptedRunSaysWhatItWrote(t *testing.T) {
	dir := t.TempDir()
	paths := genSite(t, dir, "sigint", 150, 1)
	mark := site.Mark()
	cmd := exec.Command(binary, "sync", dir, "--output", "json", "--concurrency", "2")
	cmd.Env = append(baseEnv(), site.Env()...)
	var out, errb strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	for deadline := time.Now().Add(60 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		if slices.ContainsFunc(writes(t, mark), func(r wptest.Request) bool { return strings.Contains(r.URI, "batch") }) {
			break
		}
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			t.Fatal("no batch written within a minute")
		}
	}
	if err := cmd.Process.Signal(syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	_ = cmd.Wait()
	if code := cmd.ProcessState.ExitCode(); code != 130 {
		t.Errorf("exit %d, want 130\n%s", code, errb.String())
	}
	var rep fullReport
	if err := json.Unmarshal([]byte(out.String()), &rep); err != nil {
		t.Fatalf("%v\n%s\n%s", err, out.String(), errb.String())
	}
	var sum struct {
		Summary struct {
			Created, Failed int
			NotReached      int `json:"not_reached"`
		}
		Interrupted bool
	}
	_ = json.Unmarshal([]byte(out.String()), &sum)
	s := sum.Summary
	if !sum.Interrupted || s.Failed != 0 || s.Created == 0 || s.Created+s.NotReached != len(paths) {
		t.Errorf("interrupted %v, summary %+v: want the writes created, the rest not reached, none failed", sum.Interrupted, s)
	}
	st, err := state.Load(filepath.Join(dir, ".wpsync", "state.json"))
	if err != nil {
		t.Fatal(err)
	}
	posts := listAll(t, "/wp/v2/posts", map[string][]string{"search": {"sigint"}, "status": {"publish,future,draft,pending,private"}})
	if len(st.Files) != s.Created || len(posts) != s.Created {
		t.Errorf("state %d files, site %d posts, report %d created: want them equal", len(st.Files), len(posts), s.Created)
	}
	r := wpsync(t, nil, "sync", dir, "--output", "json")
	if r.code != 0 {
		t.Fatalf("next run: exit %d\n%s", r.code, r.stderr)
	}
	checkConsistent(t, dir, "sigint", paths)
}
