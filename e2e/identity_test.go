package e2e

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/wpsync/wpsync/internal/wpslug"
	"github.com/wpsync/wpsync/internal/wptest"
	"github.com/wpsync/wpsync/state"
)

// One file, one post, whatever the state file says: the identity tests run
// on a site of their own, so that no other test's slugs get in the way.

// copyTree copies a folder of test data into a new temporary folder.
func copyTree(t *testing.T, src string) string {
	t.Helper()
	dst := t.TempDir()
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if d.IsDir() {
			if d.Name() == ".wpsync" {
				return filepath.SkipDir
			}
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dst
}

// mapping reads the state file: each file's post, as "type/id".
func mapping(t *testing.T, dir string) map[string]string {
	t.Helper()
	st, err := state.Load(state.DefaultPath(dir))
	if err != nil {
		t.Fatal(err)
	}
	m := map[string]string{}
	owner := map[string]string{}
	for p, e := range st.Files {
		key := fmt.Sprintf("%s/%d", e.Type, e.ID)
		if other, ok := owner[key]; ok {
			t.Fatalf("two files on one post: %s and %s are both %s", other, p, key)
		}
		owner[key] = p
		m[p] = key
	}
	return m
}

// siteWrites returns the requests to s since mark that change something.
func siteWrites(t *testing.T, s *wptest.Site, mark int) []wptest.Request {
	t.Helper()
	reqs, err := s.RequestsSince(mark)
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

// syncOn runs wpsync sync --output json against s and fails the test on a
// failed item.
func syncOn(t *testing.T, s *wptest.Site, env []string, dir string, args ...string) report {
	t.Helper()
	r := wpsync(t, append(s.Env(), env...), append([]string{"sync", dir, "--output", "json"}, args...)...)
	rep := r.json(t)
	if r.code != 0 {
		t.Fatalf("sync %v: exit %d\n%s\n%s", args, r.code, r.stdout, r.stderr)
	}
	return rep
}

// storingWrites is siteWrites without the uploads WordPress refused, which
// store nothing: a file of a type the site does not take (an SVG) is
// remembered as refused in the state file only, so it is offered again
// once the state is lost. Any other write counts.
func storingWrites(t *testing.T, s *wptest.Site, mark int) []wptest.Request {
	t.Helper()
	var w []wptest.Request
	for _, r := range siteWrites(t, s, mark) {
		refusedUpload := r.Method == "POST" && r.Status >= 400 && (strings.HasPrefix(r.URI, "/wp-json/wp/v2/media") || strings.Contains(r.URI, "rest_route=%2Fwp%2Fv2%2Fmedia") || strings.Contains(r.URI, "rest_route=/wp/v2/media"))
		if !refusedUpload {
			w = append(w, r)
		}
	}
	return w
}

// checkStateLoss syncs dir, loses the state file (and with --rebuild-state,
// sets it aside) and syncs again: no post is created, nothing is written,
// every file is tied to the post it had, and the files that failed (a slug
// another user's post holds) fail the same way each time.
func checkStateLoss(t *testing.T, s *wptest.Site, env []string, dir string) {
	t.Helper()
	run := func(args ...string) (report, []string) {
		t.Helper()
		r := wpsync(t, append(s.Env(), env...), append([]string{"sync", dir, "--output", "json"}, args...)...)
		rep := r.json(t)
		var failed []string
		for _, it := range rep.Items {
			if it.Action == "error" {
				failed = append(failed, it.Path)
			}
		}
		if r.code != 0 && (r.code != 1 || len(failed) == 0) {
			t.Fatalf("sync %v: exit %d\n%s\n%s", args, r.code, r.stdout, r.stderr)
		}
		return rep, failed
	}
	first, failedFirst := run()
	want := mapping(t, dir)
	// An Author may publish none of some folders (pages, new categories,
	// refused uploads): then the runs without state must fail the same
	// files and write nothing all the same.
	if len(want) == 0 && (env == nil || len(failedFirst) == 0) {
		t.Fatalf("the first sync published nothing: %+v", first)
	}
	for _, how := range []string{"deleted", "--rebuild-state"} {
		var args []string
		if how == "deleted" {
			if err := os.RemoveAll(filepath.Join(dir, ".wpsync")); err != nil {
				t.Fatal(err)
			}
		} else {
			args = []string{"--rebuild-state"}
		}
		mark := s.Mark()
		rep, failed := run(args...)
		if w := storingWrites(t, s, mark); len(w) != 0 || rep.Summary.Created != 0 || rep.Summary.Updated != 0 {
			t.Errorf("state %s: %d writes (%v), summary %+v; want none", how, len(w), w, rep.Summary)
		}
		if got := mapping(t, dir); fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("state %s: files map to\n%v\nwant\n%v", how, got, want)
		}
		if fmt.Sprint(failed) != fmt.Sprint(failedFirst) {
			t.Errorf("state %s: failed %v, the first run %v", how, failed, failedFirst)
		}
	}
	// Only the folder's own posts: other tests on a shared site keep a
	// link to a missing file as written on purpose (content_test.go).
	ids := map[string]bool{}
	for _, key := range want {
		ids[key] = true
	}
	if bad := revisionsHoldMD(t, s, ids); len(bad) > 0 {
		t.Errorf("revisions linking to a .md file:\n%s", strings.Join(bad, "\n"))
	}
}

// TestIdentity_StateLoss: over every fixture and case folder of the
// end-to-end tests, as an administrator and as an Author (each on a site of
// its own, so that the Author's slugs are not the administrator's posts),
// a run without the state file and one with --rebuild-state create
// nothing and write nothing (checkStateLoss).
func TestIdentity_StateLoss(t *testing.T) {
	folders := map[string]string{"sample-content": "../sample-content"}
	for _, glob := range []string{"testdata/identity/*", "testdata/cases/*", "testdata/sites/*"} {
		found, _ := filepath.Glob(glob)
		for _, c := range found {
			folders[filepath.Base(filepath.Dir(c))+"/"+filepath.Base(c)] = c
		}
	}
	names := make([]string, 0, len(folders))
	for name := range folders {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, role := range []string{"administrator", "author"} {
		t.Run(role, func(t *testing.T) {
			s := wptest.Start(t, "e2e_identity_"+role, wptest.Options{})
			var env []string
			if role == "author" {
				env = authorOn(t, s, "state-loss-author")
			}
			for _, name := range names {
				t.Run(name, func(t *testing.T) {
					// Each folder on an empty site: a folder's file does
					// not take over another folder's post of the same
					// slug (a conflict), so they must not meet here.
					emptySite(t, s)
					checkStateLoss(t, s, env, copyTree(t, folders[name]))
				})
			}
		})
	}
}

// emptySite deletes every post and page of s for good, the trash too.
func emptySite(t *testing.T, s *wptest.Site) {
	t.Helper()
	ctx := context.Background()
	for _, typ := range []string{"posts", "pages"} {
		for _, status := range []string{"publish,future,draft,pending,private", "trash"} {
			for {
				var got []struct{ ID int }
				if err := s.GetJSON(ctx, "/wp/v2/"+typ, map[string][]string{"status": {status}, "per_page": {"100"}, "context": {"edit"}, "_fields": {"id"}}, &got); err != nil {
					t.Fatal(err)
				}
				if len(got) == 0 {
					break
				}
				for _, p := range got {
					if err := s.Delete(ctx, fmt.Sprintf("/wp/v2/%s/%d", typ, p.ID), map[string][]string{"force": {"true"}}); err != nil {
						t.Fatal(err)
					}
				}
			}
		}
	}
}

// C09: non-ASCII slugs are stored the way WordPress stores them, with no
// false warning that another post holds them.
func TestIdentity_UnicodeSlugs(t *testing.T) {
	s := wptest.Start(t, "e2e_identity_uni", wptest.Options{})
	dir := copyTree(t, "testdata/identity/C09-unicode-slug")
	rep := syncOn(t, s, nil, dir)
	want := map[string]string{
		"café-crème.md": "cafe-creme",
		"mixed.md":      "uber-strase",
		"seoul.md":      "%ec%84%9c%ec%9a%b8-%ec%97%ac%ed%96%89",
		"greeting.md":   "%e4%bd%a0%e5%a5%bd%e4%b8%96%e7%95%8c",
	}
	r := wpsync(t, s.Env(), "sync", dir, "--output", "json", "--rebuild-state")
	if strings.Contains(r.stdout, "holds it") {
		t.Errorf("a warning claims another post holds a slug:\n%s", r.stdout)
	}
	for _, it := range rep.Items {
		var p wpPost
		if err := s.GetJSON(context.Background(), fmt.Sprintf("/wp/v2/posts/%d", it.ID), map[string][]string{"context": {"edit"}}, &p); err != nil {
			t.Fatal(err)
		}
		if p.Slug != want[it.Path] {
			t.Errorf("%s: slug %q, want %q", it.Path, p.Slug, want[it.Path])
		}
	}
	if len(rep.Items) != len(want) {
		t.Errorf("%d items, want %d", len(rep.Items), len(want))
	}
}

// C14: two files that want one slug get two posts, each with its own text,
// and an edit of one changes only its own post.
func TestIdentity_SameSlug(t *testing.T) {
	s := wptest.Start(t, "e2e_identity_same", wptest.Options{})
	dir := copyTree(t, "testdata/identity/C14-same-slug")
	checkStateLoss(t, s, nil, dir)
	m := mapping(t, dir)
	var food, travel wpPost
	get := func(key string, p *wpPost) {
		if err := s.GetJSON(context.Background(), "/wp/v2/"+key, map[string][]string{"context": {"edit"}}, p); err != nil {
			t.Fatal(err)
		}
	}
	get(m["food/hello.md"], &food)
	get(m["travel/hello.md"], &travel)
	if food.Slug != "hello" || travel.Slug != "hello-2" {
		t.Errorf("slugs: food %q, travel %q; want hello, hello-2 (by path)", food.Slug, travel.Slug)
	}
	src, _ := os.ReadFile(filepath.Join(dir, "food", "hello.md"))
	if !strings.Contains(food.Content.Raw, firstBodyWord(string(src))) {
		t.Errorf("food post does not hold the food text: %q", food.Content.Raw)
	}
	// Edit the food file: exactly one write, to the food post.
	writeFile(t, dir, "food/hello.md", string(src)+"\nA new line about soup.\n")
	mark := s.Mark()
	syncOn(t, s, nil, dir)
	w := siteWrites(t, s, mark)
	if len(w) != 1 || !strings.Contains(w[0].URI, strings.TrimPrefix(m["food/hello.md"], "posts")) {
		t.Fatalf("edit of food/hello.md: writes %v, want one to %s", w, m["food/hello.md"])
	}
	var travel2 wpPost
	get(m["travel/hello.md"], &travel2)
	if travel2.Content.Raw != travel.Content.Raw || travel2.Title.Raw != travel.Title.Raw {
		t.Error("the travel post changed when only the food file did")
	}
	// As on a fresh checkout: no cache, every file read again. Each keeps
	// its slug; nothing is written.
	if err := os.Remove(filepath.Join(dir, ".wpsync", "cache.json")); err != nil {
		t.Fatal(err)
	}
	mark = s.Mark()
	syncOn(t, s, nil, dir)
	if w := siteWrites(t, s, mark); len(w) != 0 {
		t.Errorf("a sync without the cache wrote %v", w)
	}
}

// firstBodyWord returns a word of the file's body, to find it in a post.
func firstBodyWord(src string) string {
	body := src
	if i := strings.LastIndex(src, "---\n"); i >= 0 {
		body = src[i+4:]
	}
	for _, w := range strings.Fields(body) {
		if len(w) > 4 {
			return w
		}
	}
	return body
}

// mdLink is a link or a source that names a Markdown file (a .md name
// shown as text, in code or a template tag, is none).
var mdLink = regexp.MustCompile(`(?i)\b(?:href|src)\s*=\s*["']?[^"'\s>]*\.md(?:#[^"'\s>]*)?(?:["'\s>]|$)`)

// revisionsHoldMD reports a revision of a post of s whose content links
// to a .md file: of every post, or of those in only (as
// mapping gives them: "posts/ID") when only is not nil.
func revisionsHoldMD(t *testing.T, s *wptest.Site, only map[string]bool) []string {
	t.Helper()
	var posts []wpPost
	if err := s.GetJSON(context.Background(), "/wp/v2/posts", map[string][]string{"context": {"edit"}, "per_page": {"100"}, "status": {"publish,future,draft,private,pending"}}, &posts); err != nil {
		t.Fatal(err)
	}
	var bad []string
	for _, p := range posts {
		if only != nil && !only[fmt.Sprintf("posts/%d", p.ID)] {
			continue
		}
		var revs []wpPost
		if err := s.GetJSON(context.Background(), fmt.Sprintf("/wp/v2/posts/%d/revisions", p.ID), map[string][]string{"context": {"edit"}, "per_page": {"100"}}, &revs); err != nil {
			t.Fatal(err)
		}
		for _, r := range append(revs, p) {
			if mdLink.MatchString(r.Content.Raw) {
				bad = append(bad, fmt.Sprintf("post %d (%s): %s", p.ID, p.Slug, r.Content.Raw))
			}
		}
	}
	return bad
}

// C18: no revision of any post ever links to a .md file: not on the first
// sync of two new files that link to each other, not after the state is
// lost, not after the linked file is renamed.
func TestIdentity_NoLinkToMarkdownFile(t *testing.T) {
	s := wptest.Start(t, "e2e_identity_links", wptest.Options{})
	dir := copyTree(t, "testdata/identity/C18-links-between-files")
	// two.md links back: the two new files link to each other.
	two, _ := os.ReadFile(filepath.Join(dir, "two.md"))
	writeFile(t, dir, "two.md", string(two)+"\nBack to [the first](one.md).\n")
	writeFile(t, dir, "three.md", "---\ntitle: Three\n---\n\nOn to [one](one.md#top).\n")
	checkStateLoss(t, s, nil, dir)
	// Rename two.md, and the link to it.
	if err := os.Rename(filepath.Join(dir, "two.md"), filepath.Join(dir, "second.md")); err != nil {
		t.Fatal(err)
	}
	one, _ := os.ReadFile(filepath.Join(dir, "one.md"))
	writeFile(t, dir, "one.md", strings.ReplaceAll(string(one), "two.md", "second.md"))
	before := mapping(t, dir)
	syncOn(t, s, nil, dir)
	after := mapping(t, dir)
	if after["second.md"] != before["two.md"] {
		t.Errorf("renamed file: second.md is %s, two.md was %s: want the same post", after["second.md"], before["two.md"])
	}
	if bad := revisionsHoldMD(t, s, nil); len(bad) > 0 {
		t.Errorf("revisions linking to a .md file:\n%s", strings.Join(bad, "\n"))
	}
	var p wpPost
	if err := s.GetJSON(context.Background(), "/wp/v2/"+after["one.md"], map[string][]string{"context": {"edit"}}, &p); err != nil {
		t.Fatal(err)
	}
	var second wpPost
	if err := s.GetJSON(context.Background(), "/wp/v2/"+after["second.md"], map[string][]string{"context": {"edit"}}, &second); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(p.Content.Raw, second.Link) {
		t.Errorf("one links not to second's permalink %s: %s", second.Link, p.Content.Raw)
	}
}

// A fresh checkout of a folder whose state file is committed, synced with
// nothing to do, leaves the state file byte for byte and git clean.
func TestIdentity_FreshCheckoutKeepsStateFile(t *testing.T) {
	s := wptest.Start(t, "e2e_identity_git", wptest.Options{})
	repo := copyTree(t, "testdata/identity/C18-links-between-files")
	git := func(dir string, args ...string) string {
		t.Helper()
		cmd := exec.Command("git", append([]string{"-c", "user.name=t", "-c", "user.email=t@example.test"}, args...)...)
		cmd.Dir = dir
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
		return string(out)
	}
	git(repo, "init", "-q")
	syncOn(t, s, nil, repo)
	git(repo, "add", "-A")
	git(repo, "commit", "-qm", "content and state")
	committed, _ := os.ReadFile(filepath.Join(repo, ".wpsync", "state.json"))
	clone := filepath.Join(t.TempDir(), "clone")
	git(filepath.Dir(clone), "clone", "-q", repo, clone)
	mark := s.Mark()
	syncOn(t, s, nil, clone)
	if reqs, _ := s.RequestsSince(mark); len(reqs) != 0 {
		t.Errorf("an unchanged sync of a fresh checkout sent %d requests", len(reqs))
	}
	got, _ := os.ReadFile(filepath.Join(clone, ".wpsync", "state.json"))
	if string(got) != string(committed) {
		t.Errorf("state file changed:\n%s\nwas\n%s", got, committed)
	}
	if st := git(clone, "status", "--porcelain"); st != "" {
		t.Errorf("git status after the sync:\n%s", st)
	}
}

// An Author sees neither another user's post in edit context nor may edit
// it: a file wanting its slug is an error naming it, never a second post,
// with or without the state file. The Author's own posts (titles with "&",
// "<" and quotes, which kses stores escaped) are adopted without a write.
func TestIdentity_Author(t *testing.T) {
	s := wptest.Start(t, "e2e_identity_author", wptest.Options{})
	ctx := context.Background()
	var theirs struct{ ID int }
	if err := s.PostJSON(ctx, "/wp/v2/posts", map[string]any{"title": "Hello from the admin", "slug": "hello", "status": "publish", "content": "Admin text."}, &theirs); err != nil {
		t.Fatal(err)
	}
	var user struct{ ID int }
	if err := s.PostJSON(ctx, "/wp/v2/users", map[string]any{
		"username": "identity-author", "email": "ia@example.test", "password": "a-long-login-password-2", "roles": []string{"author"},
	}, &user); err != nil {
		t.Fatal(err)
	}
	var app struct{ Password string }
	if err := s.PostJSON(ctx, fmt.Sprintf("/wp/v2/users/%d/application-passwords", user.ID), map[string]any{"name": "wpsync"}, &app); err != nil {
		t.Fatal(err)
	}
	env := []string{"WPSYNC_USER=identity-author", "WPSYNC_APP_PASSWORD=" + app.Password}
	dir := t.TempDir()
	writeFile(t, dir, "hello.md", "---\ntitle: Hello from the author\n---\n\nAuthor text.\n")
	writeFile(t, dir, "fish.md", "---\ntitle: Fish & Chips <3 \"always\"\nexcerpt: Salt & vinegar\n---\n\nFried.\n")
	writeFile(t, dir, "future.md", "---\ntitle: Later\ndate: 2099-01-02T03:04:05Z\n---\n\nNot yet.\n")
	for round := range 2 {
		mark := s.Mark()
		r := wpsync(t, append(s.Env(), env...), "sync", dir, "--output", "json")
		rep := r.json(t)
		var hello string
		for _, it := range rep.Items {
			if it.Path == "hello.md" {
				hello = it.Action + ": " + it.Error
			}
		}
		if !strings.HasPrefix(hello, "error") || !strings.Contains(hello, fmt.Sprint(theirs.ID)) || !strings.Contains(hello, "slug") {
			t.Errorf("round %d: hello.md: %q, want an error naming post %d and the slug", round, hello, theirs.ID)
		}
		var all []wpPost
		if err := s.GetJSON(ctx, "/wp/v2/posts", map[string][]string{"search": {"Hello from"}, "context": {"edit"}, "status": {"publish,future,draft,private,pending"}}, &all); err != nil {
			t.Fatal(err)
		}
		if len(all) != 1 {
			t.Errorf("round %d: %d posts titled Hello from…, want only the admin's", round, len(all))
		}
		if round == 1 {
			if w := siteWrites(t, s, mark); len(w) != 0 {
				t.Errorf("state-less run as an Author wrote %v", w)
			}
		}
		if err := os.RemoveAll(filepath.Join(dir, ".wpsync")); err != nil {
			t.Fatal(err)
		}
	} // doctor tells what an Author may not do with other users' posts.
	r := wpsync(t, append(s.Env(), env...), "doctor", dir)
	if !strings.Contains(r.stdout+r.stderr, "may not edit other users' posts") {
		t.Errorf("doctor as an Author does not say it may not edit other users' posts:\n%s%s", r.stdout, r.stderr)
	}
	// The case folders, as the Author: state loss costs no write either.
	cases, _ := filepath.Glob("testdata/identity/*")
	for _, c := range cases {
		t.Run(filepath.Base(c), func(t *testing.T) {
			checkStateLoss(t, s, env, copyTree(t, c))
		})
	}
}

// WordPress's slugs for a few hundred generated names are the ones wpslug
// computes: accents, scripts, emoji, punctuation, lengths.
func TestIdentity_SlugParity(t *testing.T) {
	s := wptest.Start(t, "e2e_identity_slugs", wptest.Options{})
	names := slugNames()
	taken := map[string]bool{}
	var requests []map[string]any
	var want, sent []string
	for _, n := range names {
		base := wpslug.Sanitize(n)
		if base == "" {
			continue // WordPress falls back on the title
		}
		// wp_unique_post_slug: the slug, else the first free "-N".
		slug := base
		for k := 2; taken[slug]; k++ {
			slug = wpslug.Numbered(base, k)
		}
		taken[slug] = true
		want = append(want, slug)
		sent = append(sent, n)
		requests = append(requests, map[string]any{"method": "POST", "path": "/wp/v2/posts", "body": map[string]any{"title": "parity", "slug": n, "status": "publish"}})
	}
	if len(want) < 300 {
		t.Fatalf("only %d names", len(want))
	}
	var got []string
	for len(requests) > 0 {
		k := min(25, len(requests)) // /batch/v1's limit
		var resp struct {
			Responses []struct {
				Status int
				Body   struct {
					Slug string
					Code string
				}
			}
		}
		if err := s.PostJSON(context.Background(), "/batch/v1", map[string]any{"requests": requests[:k]}, &resp); err != nil {
			t.Fatal(err)
		}
		for _, r := range resp.Responses {
			if r.Status != 201 {
				t.Fatalf("create: %d %s", r.Status, r.Body.Code)
			}
			got = append(got, r.Body.Slug)
		}
		requests = requests[k:]
	}
	bad := 0
	for i := range want {
		if got[i] != want[i] {
			bad++
			if bad <= 20 {
				t.Errorf("%q: WordPress stored %q, wpslug says %q", sent[i], got[i], want[i])
			}
		}
	}
	if bad > 0 {
		t.Errorf("%d of %d slugs differ", bad, len(want))
	}
}

// slugNames generates names that exercise every step of sanitize_title.
func slugNames() []string {
	parts := []string{
		"Café", "crème brûlée", "Über", "Straße", "ÆØÅ", "Ðåñ", "Łódź", "Ørsted", "ñandú", "Ģirts",
		"Ελληνικά", "Москва", "ПРИВЕТ", "서울", "東京", "你好", "עברית", "العربية", "हिन्दी", "ไทย",
		"🙂", "🚀 launch", "™", "©2026", "½", "×", "–", "—", "…", "“quotes”", "‘single’", "«guillemets»",
		"it's", "C++", "a/b", "a.b", "a_b", "a  b", "tab\there", "&amp;", "&", "<b>tag</b>", "100%", "%41",
		"#hash", "?q", "dots...", "UPPER", "MiXeD", "ǅ", "Ǆ", "ǈ", "ĳ", "œuvre", "Ŀ", "ſ", "ẞ", "İstanbul",
		"Đà Nẵng", "Hà Nội", "Việt", "Ångström", "naïve", "façade", "piñata", "smörgåsbord", "\u00a0nbsp", "zero\u200bwidth",
		"e\u0301", "a\u0308", "soft\u00adhyphen", "€100", "£5", "¿qué?", "¡sí!", "x\u2009y",
	}
	var names []string
	for i, p := range parts {
		names = append(names, "n "+p)
		names = append(names, fmt.Sprintf("n%d %s %s", i, p, parts[(i*7+3)%len(parts)]))
		names = append(names, strings.Repeat(p+" ", 1+i%5)+"end")
		names = append(names, strings.ToUpper(p)+"-"+parts[(i*11+5)%len(parts)])
	}
	// Lengths around the 200-byte limit, in one-, two-, three- and four-byte
	// characters, and a repeated name that WordPress numbers.
	for _, c := range []string{"a", "é", "ß", "서", "🙂", "ab-"} {
		for _, n := range []int{30, 66, 67, 100, 199, 200, 201, 250} {
			names = append(names, "n"+strings.Repeat(c, n))
		}
	}
	for range 3 {
		names = append(names, "Same name", "same-name")
	}
	return names
}
