package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/wpsync/wpsync/internal/wptest"
)

// D18: code in <pre> comes back byte for byte, in a classic post and in a
// Code block, and an edit of another line of the pulled file leaves the
// code in WordPress as it was.
func TestPull_CodeKeptByteForByte(t *testing.T) {
	s := wptest.Start(t, "e2e_pull_code", wptest.Options{})
	var classic struct{ Title, Status, Content string }
	data, err := os.ReadFile(filepath.Join("testdata", "pull", "D18-pull-classic-pre", "classic-post.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, &classic); err != nil {
		t.Fatal(err)
	}
	python := "<pre><code>def area(w, h):\n    if w &lt; 0:\n        raise ValueError\n\n    return w * h\n</code></pre>"
	shell := "<pre>$ make\ncc -o app main.c\n\n$ ./app\nok</pre>"
	span := `<span style="color:#c00">red warning</span>`
	for _, part := range []string{python, shell, span} {
		if !strings.Contains(classic.Content, part) {
			t.Fatalf("the case's post lacks %q", part)
		}
	}
	cp := mustPost(t, s, "/wp/v2/posts", map[string]any{"title": classic.Title, "slug": "classic-code", "status": classic.Status, "content": classic.Content})
	code := "<!-- wp:code -->\n<pre class=\"wp-block-code\"><code>func f() {\n\tx := 1\n\n\treturn x &lt; 2 &amp;&amp; ok\n}</code></pre>\n<!-- /wp:code -->"
	bp := mustPost(t, s, "/wp/v2/posts", map[string]any{"title": "Block code", "slug": "block-code", "status": "publish",
		"content": code + "\n\n<!-- wp:paragraph -->\n<p>Last line.</p>\n<!-- /wp:paragraph -->"})

	dir := t.TempDir()
	r, _ := pullOn(t, s, dir)
	if r.code != 0 {
		t.Fatalf("pull: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	file := snapshot(t, dir)["posts/classic-code.md"]
	for _, want := range []string{"```\ndef area(w, h):\n    if w < 0:\n        raise ValueError\n\n    return w * h\n```", shell, span} {
		if !strings.Contains(file, want) {
			t.Errorf("posts/classic-code.md lacks %q:\n%s", want, file)
		}
	}
	mark := s.Mark()
	syncOn(t, s, nil, dir)
	if w := siteWrites(t, s, mark); len(w) > 0 {
		t.Errorf("sync right after pull wrote %v", w)
	}

	// An edit of the last line of each file; the code is sent as stored.
	edit := func(name, from, to string) {
		t.Helper()
		p := filepath.Join(dir, "posts", name)
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(b), from) {
			t.Fatalf("%s lacks %q:\n%s", name, from, b)
		}
		if err := os.WriteFile(p, []byte(strings.Replace(string(b), from, to, 1)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	edit("classic-code.md", "in the text.", "in the text, edited.")
	edit("block-code.md", "Last line.", "Last line, edited.")
	rep := syncOn(t, s, nil, dir)
	if rep.Summary.Updated != 2 {
		t.Errorf("sync of the two edits: %+v", rep.Summary)
	}
	raw := getPostOn(t, s, "posts", cp.ID).Content.Raw
	for _, want := range []string{python, shell, span, "edited."} {
		if !strings.Contains(raw, want) {
			t.Errorf("classic post after the edit lacks %q:\n%s", want, raw)
		}
	}
	if raw := getPostOn(t, s, "posts", bp.ID).Content.Raw; !strings.Contains(raw, code) || !strings.Contains(raw, "Last line, edited.") {
		t.Errorf("block post after the edit: want the code block as stored:\n%s", raw)
	}
	// And a pull after the sync leaves both files as they are.
	before := snapshot(t, dir)
	if r, _ := pullOn(t, s, dir); r.code != 0 {
		t.Fatalf("second pull: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	if c := changed(before, snapshot(t, dir)); len(c) > 0 {
		t.Errorf("pull after sync changed %v", c)
	}
}

// getPostOn is getPost on a site of the test's own (content.raw without
// the fingerprint).
func getPostOn(t *testing.T, s *wptest.Site, typ string, id int) wpPost {
	t.Helper()
	var p wpPost
	if err := s.GetJSON(context.Background(), fmt.Sprintf("/wp/v2/%s/%d", typ, id), map[string][]string{"context": {"edit"}}, &p); err != nil {
		t.Fatalf("get %s %d: %v", typ, id, err)
	}
	p.Content.Raw = withoutFingerprint(p.Content.Raw)
	return p
}

// D19: an Author pulls the posts it may edit (its own, draft included) and
// exits 0; pages and the administrator's post are left out, and the report
// says so, in JSON too. An administrator pulls all four.
func TestPull_AsAuthor(t *testing.T) {
	s := wptest.Start(t, "e2e_pull_author", wptest.Options{})
	env := authorOn(t, s, "author1")
	para := func(text string) string {
		return "<!-- wp:paragraph -->\n<p>" + text + "</p>\n<!-- /wp:paragraph -->"
	}
	mustPost(t, s, "/wp/v2/pages", map[string]any{"title": "About", "status": "publish", "content": para("About the club.")})
	mustPost(t, s, "/wp/v2/posts", map[string]any{"title": "Club news", "status": "publish", "content": para("By the admin.")})
	// The Author's posts (the administrator may write them in its name).
	var users []struct{ ID int }
	if err := s.GetJSON(context.Background(), "/wp/v2/users", map[string][]string{"search": {"author1"}, "context": {"edit"}}, &users); err != nil || len(users) != 1 {
		t.Fatalf("find author1: %v %v", users, err)
	}
	mustPost(t, s, "/wp/v2/posts", map[string]any{"title": "My first report", "status": "publish", "author": users[0].ID, "content": para("By author1.")})
	mustPost(t, s, "/wp/v2/posts", map[string]any{"title": "Report in progress", "status": "draft", "author": users[0].ID, "content": para("Draft by author1.")})

	dir := t.TempDir()
	r := wpsync(t, append(s.Env(), env...), "pull", dir, "--dry-run", "--output", "json")
	var doc struct {
		Items []struct {
			Path, Action string
		}
		Warnings []string
	}
	if err := json.Unmarshal([]byte(r.stdout), &doc); err != nil || r.code != 0 {
		t.Fatalf("pull --dry-run --output json as an Author: exit %d, %v\n%s%s", r.code, err, r.stdout, r.stderr)
	}
	if !strings.Contains(strings.Join(doc.Warnings, "\n"), "no pages pulled") {
		t.Errorf("JSON warnings do not say pages were left out: %q", doc.Warnings)
	}
	r = wpsync(t, append(s.Env(), env...), "pull", dir)
	if r.code != 0 {
		t.Fatalf("pull as an Author: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	if !strings.Contains(r.stdout+r.stderr, "no pages pulled") {
		t.Errorf("pull as an Author does not say pages were left out:\n%s%s", r.stdout, r.stderr)
	}
	files := keys(snapshotMarkdown(t, dir))
	sort.Strings(files)
	if strings.Join(files, ",") != "posts/my-first-report.md,posts/report-in-progress.md" {
		t.Errorf("pulled as an Author: %v", files)
	}

	admin := t.TempDir()
	if r := wpsync(t, s.Env(), "pull", admin); r.code != 0 {
		t.Fatalf("pull as admin: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	if n := len(snapshotMarkdown(t, admin)); n != 4 {
		t.Errorf("pulled as admin: %d files, want 4: %v", n, keys(snapshotMarkdown(t, admin)))
	}

	// A file of one's own where pull would write, which no state ties to
	// the post, is kept byte for byte and named; the others are pulled.
	mine := t.TempDir()
	own := "---\ntitle: My club news\n---\n\nWritten here, never synced.\n"
	writeFile(t, mine, "posts/club-news.md", own)
	r = wpsync(t, s.Env(), "pull", mine)
	if r.code != 1 || !strings.Contains(r.stdout+r.stderr, "posts/club-news.md") || !strings.Contains(r.stdout+r.stderr, "not overwritten") {
		t.Errorf("pull over an untracked file: exit %d, want 1 naming it\n%s%s", r.code, r.stdout, r.stderr)
	}
	kept := snapshotMarkdown(t, mine)
	if kept["posts/club-news.md"] != own || len(kept) != 4 {
		t.Errorf("untracked file not kept, or the others not pulled: %v\n%s", keys(kept), kept["posts/club-news.md"])
	}
}

// snapshotMarkdown is snapshot, Markdown files only.
func snapshotMarkdown(t *testing.T, dir string) map[string]string {
	t.Helper()
	md := map[string]string{}
	for p, v := range snapshot(t, dir) {
		if strings.HasSuffix(p, ".md") {
			md[p] = v
		}
	}
	return md
}
