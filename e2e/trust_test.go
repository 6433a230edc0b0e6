package e2e

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/wpsync/wpsync/internal/wptest"
	syncpkg "github.com/wpsync/wpsync/sync"
)

// Issue 21: one file, one post, as any user, with or without the state
// file; a lost state file costs reads, not writes, whatever WordPress and
// its plugins do to what is saved.

// runOn runs wpsync sync --output json on s and returns the exit code
// and the report.
func runOn(t *testing.T, s *wptest.Site, env []string, dir string, args ...string) (int, report, result) {
	t.Helper()
	r := wpsync(t, append(s.Env(), env...), append([]string{"sync", dir, "--output", "json"}, args...)...)
	return r.code, r.json(t), r
}

func itemOf(t *testing.T, rep report, path string) (action, msg string, id int) {
	t.Helper()
	for _, it := range rep.Items {
		if it.Path == path {
			return it.Action, it.Error, it.ID
		}
	}
	t.Fatalf("no item for %s in %+v", path, rep.Items)
	return "", "", 0
}

// rawPost reads a post's content.raw as stored, fingerprint included.
func rawPost(t *testing.T, s *wptest.Site, typ string, id int) wpPost {
	t.Helper()
	var p wpPost
	if err := s.GetJSON(context.Background(), fmt.Sprintf("/wp/v2/%s/%d", typ, id), map[string][]string{"context": {"edit"}}, &p); err != nil {
		t.Fatalf("get %s %d: %v", typ, id, err)
	}
	return p
}

func countPosts(t *testing.T, s *wptest.Site, typ, search string) int {
	t.Helper()
	var all []wpPost
	q := map[string][]string{"context": {"edit"}, "per_page": {"100"}, "status": {"publish,future,draft,private,pending,trash"}}
	if search != "" {
		q["search"] = []string{search}
	}
	if err := s.GetJSON(context.Background(), "/wp/v2/"+typ, q, &all); err != nil {
		t.Fatal(err)
	}
	return len(all)
}

// author-owned-post: an administrator synced the folder; an Author edits
// a file and syncs, with the state file, with --force, without the state
// file. The post exists: it is named with its owner, exit 1, nothing
// written, never a second post.
func TestTrust_AuthorOwnedPost(t *testing.T) {
	s := wptest.Start(t, "e2e_trust_owned", wptest.Options{})
	env := authorOn(t, s, "trust-author")
	dir := copyCase(t, "author-owned-post")
	rep := syncOn(t, s, nil, dir)
	_, _, id := itemOf(t, rep, "http-status-codes.md")
	writeFile(t, dir, "http-status-codes.md", "---\ntitle: HTTP Status Codes\ntags: [web, reference]\n---\n\nA short list, edited by the Author.\n")

	for _, step := range []struct {
		name string
		args []string
		lose bool // the state file
	}{
		{name: "with the state file"},
		{name: "--force", args: []string{"--force"}},
		{name: "without the state file", lose: true},
		{name: "without the state file, --force", args: []string{"--force"}, lose: true},
		{name: "--rebuild-state", args: []string{"--rebuild-state"}},
	} {
		t.Run(step.name, func(t *testing.T) {
			if step.lose {
				if err := os.RemoveAll(filepath.Join(dir, ".wpsync")); err != nil {
					t.Fatal(err)
				}
			}
			mark := s.Mark()
			code, rep, r := runOn(t, s, env, dir, step.args...)
			action, msg, _ := itemOf(t, rep, "http-status-codes.md")
			if code != 1 || action != "error" {
				t.Fatalf("exit %d, item %s %q; want exit 1 and an error\n%s", code, action, msg, r.stderr)
			}
			for _, want := range []string{fmt.Sprint(id), "belongs to", "admin", "Sync as an Editor or as"} {
				if !strings.Contains(msg, want) {
					t.Errorf("message %q lacks %q", msg, want)
				}
			}
			if strings.Contains(r.stdout+r.stderr, "--force to create") || strings.Contains(msg, "deleted") {
				t.Errorf("advice that would duplicate the post, or a false claim it was deleted:\n%s%s", r.stdout, r.stderr)
			}
			if w := siteWrites(t, s, mark); len(w) != 0 {
				t.Errorf("writes: %v", w)
			}
			if n := countPosts(t, s, "posts", "HTTP Status Codes"); n != 1 {
				t.Errorf("%d posts titled HTTP Status Codes, want 1", n)
			}
		})
	}
}

// The administrator's own post, gone from under the state file: in the
// trash it is restored in place with --force (a REST update of a trashed
// post sets the status it is sent), deleted for good it is made again only
// with --force.
func TestTrust_TrashedOrDeletedPost(t *testing.T) {
	s := wptest.Start(t, "e2e_trust_trash", wptest.Options{})
	ctx := context.Background()
	dir := t.TempDir()
	writeFile(t, dir, "a.md", "---\ntitle: Trashed then restored\n---\n\nFirst.\n")
	writeFile(t, dir, "b.md", "---\ntitle: Deleted for good\n---\n\nFirst.\n")
	rep := syncOn(t, s, nil, dir)
	_, _, a := itemOf(t, rep, "a.md")
	_, _, b := itemOf(t, rep, "b.md")
	if err := s.Delete(ctx, fmt.Sprintf("/wp/v2/posts/%d", a), nil); err != nil {
		t.Fatal(err)
	}
	if err := s.Delete(ctx, fmt.Sprintf("/wp/v2/posts/%d", b), map[string][]string{"force": {"true"}}); err != nil {
		t.Fatal(err)
	}
	writeFile(t, dir, "a.md", "---\ntitle: Trashed then restored\n---\n\nSecond.\n")
	writeFile(t, dir, "b.md", "---\ntitle: Deleted for good\n---\n\nSecond.\n")

	mark := s.Mark()
	code, rep, _ := runOn(t, s, nil, dir)
	if act, msg, _ := itemOf(t, rep, "a.md"); code != 1 || act != "conflict" || !strings.Contains(msg, "is in the trash") || strings.Contains(msg, "create it again") {
		t.Errorf("a.md: exit %d, %s %q; want a conflict saying the post is in the trash", code, act, msg)
	}
	if act, msg, _ := itemOf(t, rep, "b.md"); act != "conflict" || !strings.Contains(msg, "was deleted") {
		t.Errorf("b.md: %s %q; want a conflict saying the post was deleted", act, msg)
	}
	if w := siteWrites(t, s, mark); len(w) != 0 {
		t.Errorf("writes without --force: %v", w)
	}

	code, rep, r := runOn(t, s, nil, dir, "--force")
	if code != 0 {
		t.Fatalf("--force: exit %d\n%s%s", code, r.stdout, r.stderr)
	}
	if act, _, id := itemOf(t, rep, "a.md"); act != "update" || id != a {
		t.Errorf("a.md with --force: %s post %d, want post %d updated in place", act, id, a)
	}
	p := rawPost(t, s, "posts", a)
	if p.Status != "publish" || !strings.Contains(p.Content.Raw, "Second.") {
		t.Errorf("post %d after --force: status %q, content %q; want it published with the file's text", a, p.Status, p.Content.Raw)
	}
	if strings.Contains(p.Slug, "trashed") {
		t.Errorf("post %d kept a trashed slug: %q", a, p.Slug)
	}
	if act, _, id := itemOf(t, rep, "b.md"); act != "create" || id == b {
		t.Errorf("b.md with --force: %s post %d, want a new post", act, id)
	}
	if n := countPosts(t, s, "posts", "Trashed then restored"); n != 1 {
		t.Errorf("%d posts titled Trashed then restored, want 1", n)
	}
}

// D01: WordPress gives embed.md the slug embed-2. Runs without the state
// file find the post by its fingerprint among the slug's numbered forms.
func TestTrust_ReservedSlugs(t *testing.T) {
	s := wptest.Start(t, "e2e_trust_reserved", wptest.Options{})
	dir := copyCase(t, "D01-reserved-slugs")
	code, rep, r := runOn(t, s, nil, dir)
	if code != 0 || rep.Summary.Created != 5 {
		t.Fatalf("run 1: exit %d, summary %+v\n%s%s", code, rep.Summary, r.stdout, r.stderr)
	}
	if strings.Contains(r.stdout, "holds it") && !strings.Contains(r.stdout, "no post this user can see holds it") {
		t.Errorf("run 1 claims another post holds a slug:\n%s", r.stdout)
	}
	want := mapping(t, dir)
	for run, args := range [][]string{nil, {"lose"}, {"--rebuild-state"}} {
		if len(args) == 1 && args[0] == "lose" {
			if err := os.RemoveAll(filepath.Join(dir, ".wpsync")); err != nil {
				t.Fatal(err)
			}
			args = nil
		}
		mark := s.Mark()
		code, rep, r := runOn(t, s, nil, dir, args...)
		if code != 0 || rep.Summary.Created != 0 || rep.Summary.Updated != 0 {
			t.Errorf("run %d: exit %d, summary %+v\n%s", run+2, code, rep.Summary, r.stderr)
		}
		if w := siteWrites(t, s, mark); len(w) != 0 {
			t.Errorf("run %d: writes %v", run+2, w)
		}
		if got := mapping(t, dir); fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("run %d: files map to %v, want %v", run+2, got, want)
		}
	}
	if n := countPosts(t, s, "posts", "") + countPosts(t, s, "pages", ""); n != 5 {
		t.Errorf("%d posts and pages, want 5", n)
	}
}

// D07: kses strips an Author's <iframe>. Warned once; no run after writes,
// with or without the state file.
func TestTrust_KsesIframeAuthor(t *testing.T) {
	s := wptest.Start(t, "e2e_trust_kses", wptest.Options{})
	env := authorOn(t, s, "trust-kses")
	dir := copyCase(t, "D07-kses-iframe-author")
	code, rep, r := runOn(t, s, env, dir)
	if code != 0 || rep.Summary.Created != 1 || !strings.Contains(r.stdout, `(\u003ciframe\u003e)`) {
		t.Fatalf("run 1: exit %d, summary %+v, want the post made and a warning naming <iframe>\n%s%s", code, rep.Summary, r.stdout, r.stderr)
	}
	_, _, id := itemOf(t, rep, "map-embed.md")
	p := rawPost(t, s, "posts", id)
	if _, fp, ok := syncpkg.SplitFingerprint(p.Content.Raw); !ok || fp.Sum == "" || strings.Contains(p.Content.Raw, "<iframe") {
		t.Fatalf("as stored for an Author: %q; want the fingerprint kept and the iframe stripped", p.Content.Raw)
	}
	for run, how := range []string{"", "lose", "lose", "--rebuild-state", ""} {
		var args []string
		switch how {
		case "lose":
			if err := os.RemoveAll(filepath.Join(dir, ".wpsync")); err != nil {
				t.Fatal(err)
			}
		case "--rebuild-state":
			args = []string{how}
		}
		mark := s.Mark()
		code, rep, r := runOn(t, s, env, dir, args...)
		if code != 0 || rep.Summary.Updated != 0 || rep.Summary.Created != 0 || strings.Contains(r.stdout, "iframe") {
			t.Errorf("run %d: exit %d, summary %+v\n%s", run+2, code, rep.Summary, r.stdout)
		}
		if w := siteWrites(t, s, mark); len(w) != 0 {
			t.Errorf("run %d: writes %v", run+2, w)
		}
	}
}

// A plugin changes every post's content and excerpt on save, in a way
// wpsync cannot know: runs without the state file write nothing (the
// fingerprint says what was sent). An edit in the block editor (the
// content saved without the fingerprint) and then a change of the file is
// a conflict.
func TestTrust_PluginFiltersOnSave(t *testing.T) {
	s := wptest.Start(t, "e2e_trust_filter", wptest.Options{MuPlugins: []string{"testdata/plugins/save-filter.php"}})
	ctx := context.Background()
	dir := copyTree(t, "testdata/identity/C18-links-between-files")
	writeFile(t, dir, "filtered.md", "---\ntitle: Filtered\ndescription: A summary.\n---\n\nOne paragraph.\n\nAnother one.\n")
	// The Author first: the administrator's run then takes the posts over
	// (an Author may not edit the administrator's).
	for _, env := range [][]string{authorOn(t, s, "trust-filter"), nil} {
		d := copyTree(t, dir)
		checkStateLoss(t, s, env, d)
		if env != nil {
			continue
		}
		id := 0
		for p, key := range mapping(t, d) {
			if p == "filtered.md" {
				fmt.Sscanf(key, "posts/%d", &id)
			}
		}
		p := rawPost(t, s, "posts", id)
		if !strings.Contains(p.Content.Raw, `data-filtered="1"`) || !strings.Contains(p.Excerpt.Raw, "(filtered)") {
			t.Fatalf("the plugin did not filter: %q / %q", p.Content.Raw, p.Excerpt.Raw)
		}
		// An edit in the block editor: the content saved without the
		// fingerprint. modified_gmt, by which an edit is told, counts
		// seconds: a person's edit comes later than the second of
		// wpsync's last write, and so does this one.
		time.Sleep(1100 * time.Millisecond)
		edited := strings.Replace(withoutFingerprint(p.Content.Raw), "Another one.", "Another one, edited in WordPress.", 1)
		if err := s.PostJSON(ctx, fmt.Sprintf("/wp/v2/posts/%d", id), map[string]any{"content": edited}, nil); err != nil {
			t.Fatal(err)
		}
		writeFile(t, d, "filtered.md", "---\ntitle: Filtered\ndescription: A summary.\n---\n\nOne paragraph, edited in the file.\n\nAnother one.\n")
		mark := s.Mark()
		code, rep, _ := runOn(t, s, nil, d)
		if act, _, _ := itemOf(t, rep, "filtered.md"); code != 1 || act != "conflict" {
			t.Errorf("after an edit in WordPress and one in the file: exit %d, %s; want a conflict", code, act)
		}
		if w := siteWrites(t, s, mark); len(w) != 0 {
			t.Errorf("writes: %v", w)
		}
	}
}
