package e2e

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"image/color"
	"io"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/wpsync/wpsync/internal/wptest"
)

// pullSite is a site seeded through the REST API, as an administrator, with
// what a site of some years holds.
type pullSite struct {
	s                              *wptest.Site
	red, blue                      wpMedia
	classic, blocks, draft, future int
	sticky, about, team            int
	classicLink                    string
}

// uploadMedia adds a file to the media library the way a browser does.
func uploadMedia(t *testing.T, s *wptest.Site, name, mime string, data []byte) wpMedia {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, s.RouteURL("/wp/v2/media", nil), bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	req.SetBasicAuth(s.User, s.Password)
	req.Header.Set("Content-Type", mime)
	req.Header.Set("Content-Disposition", `attachment; filename="`+name+`"`)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("upload %s: %s %s", name, resp.Status, body)
	}
	var m wpMedia
	if err := json.Unmarshal(body, &m); err != nil {
		t.Fatal(err)
	}
	return m
}

func mustPost(t *testing.T, s *wptest.Site, route string, body map[string]any) wpPost {
	t.Helper()
	var p wpPost
	if err := s.PostJSON(context.Background(), route, body, &p); err != nil {
		t.Fatalf("POST %s: %v", route, err)
	}
	return p
}

// blockPost is block markup as the editor of the site saves it (m: the
// site's block types, see siteMarkup).
func blockPost(img wpMedia, m siteMarkup) string {
	heading, list, table := "<h2>", "<ul>", "<!-- wp:table -->"
	if m.headingClass {
		heading = `<h2 class="wp-block-heading">`
	}
	if m.listClass {
		list = `<ul class="wp-block-list">`
	}
	if m.tableAttr {
		table = `<!-- wp:table {"hasFixedLayout":false} -->`
	}
	return strings.Join([]string{
		"<!-- wp:heading -->\n" + heading + "Section</h2>\n<!-- /wp:heading -->",
		"<!-- wp:paragraph -->\n<p>Some <em>emphasis</em> and <strong>strong</strong> text.</p>\n<!-- /wp:paragraph -->",
		"<!-- wp:list -->\n" + list + "<!-- wp:list-item -->\n<li>One</li>\n<!-- /wp:list-item -->\n\n<!-- wp:list-item -->\n<li>Two</li>\n<!-- /wp:list-item --></ul>\n<!-- /wp:list -->",
		fmt.Sprintf("<!-- wp:image {\"id\":%d,\"sizeSlug\":\"full\",\"linkDestination\":\"none\"} -->\n<figure class=\"wp-block-image size-full\"><img src=\"%s\" alt=\"A red square\" class=\"wp-image-%d\"/><figcaption class=\"wp-element-caption\">Red</figcaption></figure>\n<!-- /wp:image -->", img.ID, img.SourceURL, img.ID),
		"<!-- wp:quote -->\n<blockquote class=\"wp-block-quote\"><!-- wp:paragraph -->\n<p>Quoted words</p>\n<!-- /wp:paragraph --></blockquote>\n<!-- /wp:quote -->",
		"<!-- wp:code {\"className\":\"language-go\"} -->\n<pre class=\"wp-block-code language-go\"><code>x := 1 + 2</code></pre>\n<!-- /wp:code -->",
		table + "\n<figure class=\"wp-block-table\"><table><thead><tr><th>A</th><th>B</th></tr></thead><tbody><tr><td>1</td><td>2</td></tr></tbody></table></figure>\n<!-- /wp:table -->",
		pullButtons,
	}, "\n\n")
}

const pullButtons = "<!-- wp:buttons -->\n<div class=\"wp-block-buttons\"><!-- wp:button -->\n<div class=\"wp-block-button\"><a class=\"wp-block-button__link wp-element-button\" href=\"https://example.com/\">Go</a></div>\n<!-- /wp:button --></div>\n<!-- /wp:buttons -->"

func seedPullSite(t *testing.T, s *wptest.Site) *pullSite {
	t.Helper()
	ps := &pullSite{s: s}
	ps.red = uploadMedia(t, s, "red.png", "image/png", pngBytes(t, color.RGBA{255, 0, 0, 255}))
	ps.blue = uploadMedia(t, s, "blue.jpg", "image/jpeg", jpegBytes(t, color.RGBA{0, 0, 255, 255}))
	var travel, asia, qa wpTerm
	if err := s.PostJSON(context.Background(), "/wp/v2/categories", map[string]any{"name": "Travel"}, &travel); err != nil {
		t.Fatal(err)
	}
	if err := s.PostJSON(context.Background(), "/wp/v2/categories", map[string]any{"name": "Asia", "parent": travel.ID}, &asia); err != nil {
		t.Fatal(err)
	}
	if err := s.PostJSON(context.Background(), "/wp/v2/tags", map[string]any{"name": "Q&A"}, &qa); err != nil {
		t.Fatal(err)
	}
	caption := fmt.Sprintf(`[caption id="attachment_%d" align="alignnone" width="8"]<img class="size-full wp-image-%d" src="%s" alt="red" width="8" height="8" /> A red square[/caption]`, ps.red.ID, ps.red.ID, ps.red.SourceURL)
	classic := mustPost(t, s, "/wp/v2/posts", map[string]any{
		"title": "Classic days", "slug": "classic", "status": "publish",
		"content":    "An <strong>old</strong> post, written in the classic editor.\nIt has a line break.\n\n" + caption + "\n\n<!--more-->\n\nAfter the fold.\n\n" + fmt.Sprintf(`[gallery ids="%d,%d"]`, ps.red.ID, ps.blue.ID),
		"categories": []int{asia.ID}, "tags": []int{qa.ID}, "featured_media": ps.blue.ID,
		"excerpt": "Old times",
	})
	ps.classic, ps.classicLink = classic.ID, classic.Link
	ps.blocks = mustPost(t, s, "/wp/v2/posts", map[string]any{"title": "Block party", "slug": "blocks", "status": "publish", "content": blockPost(ps.red, readSiteMarkup(t, s)), "categories": []int{travel.ID}}).ID
	ps.draft = mustPost(t, s, "/wp/v2/posts", map[string]any{"title": "An idea", "slug": "idea", "status": "draft", "content": "<!-- wp:paragraph -->\n<p>Not yet.</p>\n<!-- /wp:paragraph -->"}).ID
	mustPost(t, s, "/wp/v2/posts", map[string]any{"title": "Untitled thoughts", "status": "draft", "content": "<!-- wp:paragraph -->\n<p>Someday.</p>\n<!-- /wp:paragraph -->"})
	ps.future = mustPost(t, s, "/wp/v2/posts", map[string]any{"title": "Coming soon", "slug": "soon", "status": "future",
		"date_gmt": time.Now().UTC().Add(30 * 24 * time.Hour).Format("2006-01-02T15:04:05"), "content": "<!-- wp:paragraph -->\n<p>Later.</p>\n<!-- /wp:paragraph -->"}).ID
	ps.sticky = mustPost(t, s, "/wp/v2/posts", map[string]any{"title": "서울 여행", "slug": "서울-여행", "status": "publish", "sticky": true,
		"content": "<!-- wp:paragraph -->\n<p>Seoul.</p>\n<!-- /wp:paragraph -->"}).ID
	ps.about = mustPost(t, s, "/wp/v2/pages", map[string]any{"title": "About", "slug": "about", "status": "publish", "content": "<!-- wp:paragraph -->\n<p>About us.</p>\n<!-- /wp:paragraph -->"}).ID
	ps.team = mustPost(t, s, "/wp/v2/pages", map[string]any{"title": "Team", "slug": "team", "status": "publish", "parent": ps.about, "menu_order": 2,
		"content": fmt.Sprintf("<!-- wp:paragraph -->\n<p>Read <a href=\"%s\">the classic post</a>.</p>\n<!-- /wp:paragraph -->", classic.Link)}).ID
	return ps
}

// pullOn runs wpsync pull --output json against s.
func pullOn(t *testing.T, s *wptest.Site, dir string, args ...string) (result, report) {
	t.Helper()
	r := wpsync(t, s.Env(), append([]string{"pull", dir, "--output", "json"}, args...)...)
	return r, r.json(t)
}

// snapshot reads every file under dir but this machine's cache.
func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	files := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || d.Name() == "cache.json" || d.Name() == "lock" {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)] = string(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func changed(a, b map[string]string) []string {
	var out []string
	for p, v := range b {
		if a[p] != v {
			out = append(out, p)
		}
	}
	for p := range a {
		if _, ok := b[p]; !ok {
			out = append(out, p+" (gone)")
		}
	}
	return out
}

func TestPull_RoundTrip(t *testing.T) {
	s := wptest.Start(t, "e2e_pull", wptest.Options{})
	ps := seedPullSite(t, s)
	dir := t.TempDir()

	r, rep := pullOn(t, s, dir)
	if r.code != 0 {
		t.Fatalf("pull: exit %d\n%s\n%s", r.code, r.stdout, r.stderr)
	}
	if rep.Summary.Created != 8 {
		t.Errorf("created %d files, want 8:\n%s", rep.Summary.Created, r.stdout)
	}
	files := snapshot(t, dir)
	want := map[string][]string{
		"posts/classic.md": {"title: Classic days", "status: publish", "format: classic", "- Travel/Asia", "- Q&A", "excerpt: Old times",
			"featured_image: ../media/", "author: admin", "An **old** post", "<!--more-->", fmt.Sprintf(`[gallery ids="%d,%d"]`, ps.red.ID, ps.blue.ID),
			// The caption as its picture, which renders back to it.
			`"A red square"){align=none width=8 height=8 sizeSlug=full}`},
		"posts/blocks.md": {"title: Block party", "- Travel\n", "## Section", "Some _emphasis_ and **strong** text.", "- One\n- Two", "> Quoted words",
			"```go\nx := 1 + 2\n```", "| A | B |", pullButtons,
			// The image block as the editor saves it, its size and link
			// choices in the attribute list.
			`"Red"){sizeSlug=full linkDestination=none}`},
		"posts/idea.md":      {"status: draft", "Not yet."},
		"posts/soon.md":      {"status: future", "date: "},
		"posts/서울-여행.md":     {"title: 서울 여행", "slug: 서울-여행", "sticky: true", "Seoul."},
		"about.md":           {"type: page", "About us."},
		"about/team.md":      {"type: page", "menu_order: 2", "[the classic post](../posts/classic.md)"},
		".wpsync/state.json": {`"posts/classic.md"`, `"media/`},
	}
	for p, subs := range want {
		got, ok := files[p]
		if !ok {
			t.Errorf("no file %s; have %v", p, keys(files))
			continue
		}
		for _, sub := range subs {
			if !strings.Contains(got, sub) {
				t.Errorf("%s lacks %q:\n%s", p, sub, got)
			}
		}
	}
	if strings.Contains(files["posts/blocks.md"], "<!-- wp:paragraph") || strings.Contains(files["posts/blocks.md"], "<!-- wp:heading") ||
		strings.Contains(files["posts/blocks.md"], "<!-- wp:image") || strings.Contains(files["posts/classic.md"], "[caption") {
		t.Errorf("blocks with a Markdown form left as markup:\n%s", files["posts/blocks.md"])
	}
	blue := false
	for p, data := range files {
		if strings.HasPrefix(p, "media/") && strings.HasSuffix(p, "blue.jpg") {
			blue = data == string(fetch(t, ps.blue.SourceURL))
		}
	}
	if !blue {
		t.Errorf("the featured image was not downloaded as it is on the site; files: %v", keys(files))
	}

	// sync right after: nothing written, nothing created, nothing
	// uploaded, and the state file as pull recorded it.
	mark := s.Mark()
	srep := syncOn(t, s, nil, dir)
	if w := siteWrites(t, s, mark); len(w) > 0 || srep.Summary.Created+srep.Summary.Updated > 0 {
		t.Fatalf("sync after pull wrote %v (summary %+v)", w, srep.Summary)
	}
	if c := changed(files, snapshot(t, dir)); len(c) > 0 {
		t.Errorf("sync after pull changed %v", c)
	}

	// A second pull changes no byte.
	before := snapshot(t, dir)
	if r, _ := pullOn(t, s, dir); r.code != 0 {
		t.Fatalf("second pull: exit %d\n%s", r.code, r.stdout)
	}
	if c := changed(before, snapshot(t, dir)); len(c) > 0 {
		t.Errorf("second pull changed %v", c)
	}

	// An edit made in WordPress, pulled, changes that one file (and the
	// state that records it).
	time.Sleep(1100 * time.Millisecond) // modified_gmt has one-second steps
	mustPost(t, s, fmt.Sprintf("/wp/v2/posts/%d", ps.blocks), map[string]any{"title": "Block party, edited"})
	before = snapshot(t, dir)
	if r, _ := pullOn(t, s, dir); r.code != 0 {
		t.Fatalf("pull after an edit: exit %d\n%s", r.code, r.stdout)
	}
	after := snapshot(t, dir)
	if c := changed(before, after); len(c) != 2 || !contains(c, "posts/blocks.md") || !contains(c, ".wpsync/state.json") {
		t.Errorf("pull after an edit of one post changed %v", c)
	}
	if !strings.Contains(after["posts/blocks.md"], "title: Block party, edited") {
		t.Errorf("edit not pulled:\n%s", after["posts/blocks.md"])
	}
	mark = s.Mark()
	syncOn(t, s, nil, dir)
	if w := siteWrites(t, s, mark); len(w) > 0 {
		t.Errorf("sync after pulling an edit wrote %v", w)
	}

	// An edit of a pulled file and a sync: one write.
	writeFile(t, dir, "posts/idea.md", strings.Replace(after["posts/idea.md"], "Not yet.", "Not yet, but soon.", 1))
	mark = s.Mark()
	syncOn(t, s, nil, dir)
	if w := siteWrites(t, s, mark); len(w) != 1 {
		t.Errorf("sync of one edited file sent %d writes: %v", len(w), w)
	}
	var draft wpPost
	if err := s.GetJSON(context.Background(), fmt.Sprintf("/wp/v2/posts/%d", ps.draft), map[string][]string{"context": {"edit"}}, &draft); err != nil {
		t.Fatal(err)
	}
	if got := draft.Content.Raw; !strings.Contains(got, "Not yet, but soon.") {
		t.Errorf("edit not synced: %q", got)
	}

	// Changed here and in WordPress: a conflict, not overwritten; --force
	// takes WordPress's version.
	local := strings.Replace(after["posts/soon.md"], "Later.", "Later, says the file.", 1)
	writeFile(t, dir, "posts/soon.md", local)
	time.Sleep(1100 * time.Millisecond)
	mustPost(t, s, fmt.Sprintf("/wp/v2/posts/%d", ps.future), map[string]any{"content": "<!-- wp:paragraph -->\n<p>Later, says WordPress.</p>\n<!-- /wp:paragraph -->"})
	r, rep = pullOn(t, s, dir)
	if r.code != 1 || !hasAction(rep, "posts/soon.md", "conflict") {
		t.Errorf("pull of a post changed on both sides: exit %d\n%s", r.code, r.stdout)
	}
	if got := snapshot(t, dir)["posts/soon.md"]; got != local {
		t.Errorf("conflicting file overwritten:\n%s", got)
	}
	if r, _ := pullOn(t, s, dir, "--force"); r.code != 0 {
		t.Fatalf("pull --force: exit %d\n%s", r.code, r.stdout)
	}
	if got := snapshot(t, dir)["posts/soon.md"]; !strings.Contains(got, "Later, says WordPress.") {
		t.Errorf("pull --force did not take WordPress's version:\n%s", got)
	}
	mark = s.Mark()
	syncOn(t, s, nil, dir)
	if w := siteWrites(t, s, mark); len(w) > 0 {
		t.Errorf("sync after pull --force wrote %v", w)
	}

	// The state file lost: a pull ties every file to its post again
	// without rewriting one, and the sync after writes nothing.
	before = snapshot(t, dir)
	if err := os.Remove(filepath.Join(dir, ".wpsync", "state.json")); err != nil {
		t.Fatal(err)
	}
	r, rep = pullOn(t, s, dir)
	if r.code != 0 || rep.Summary.Unchanged != 8 {
		t.Errorf("pull without a state file: exit %d\n%s", r.code, r.stdout)
	}
	after = snapshot(t, dir)
	if c := changed(before, after); len(c) > 1 || len(c) == 1 && c[0] != ".wpsync/state.json" {
		t.Errorf("pull without a state file changed %v", c)
	}
	mark = s.Mark()
	syncOn(t, s, nil, dir)
	if w := siteWrites(t, s, mark); len(w) > 0 {
		t.Errorf("sync after pull without a state file wrote %v", w)
	}
}

// The dry run lists what pull would write and writes nothing.
func TestPull_DryRun(t *testing.T) {
	s := wptest.Start(t, "e2e_pull_dry", wptest.Options{})
	mustPost(t, s, "/wp/v2/posts", map[string]any{"title": "Hello there", "slug": "hello-there", "status": "publish", "content": "<!-- wp:paragraph -->\n<p>Hi.</p>\n<!-- /wp:paragraph -->"})
	dir := t.TempDir()
	r, rep := pullOn(t, s, dir, "--dry-run")
	if r.code != 0 || !hasAction(rep, "posts/hello-there.md", "create") {
		t.Fatalf("dry run: exit %d\n%s", r.code, r.stdout)
	}
	if files := snapshot(t, dir); len(files) > 0 {
		t.Errorf("dry run wrote %v", keys(files))
	}
}

func hasAction(rep report, path, action string) bool {
	for _, it := range rep.Items {
		if it.Path == path && it.Action == action {
			return true
		}
	}
	return false
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func keys(m map[string]string) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

// A custom type on request: reusable blocks (wp_block, REST base blocks)
// are a post type every WordPress has.
func TestPull_CustomType(t *testing.T) {
	s := wptest.Start(t, "e2e_pull_type", wptest.Options{})
	mustPost(t, s, "/wp/v2/blocks", map[string]any{"title": "Signature", "slug": "signature", "status": "publish",
		"content": "<!-- wp:paragraph -->\n<p>Thanks for reading.</p>\n<!-- /wp:paragraph -->"})
	dir := t.TempDir()
	r, rep := pullOn(t, s, dir, "--type", "blocks")
	if r.code != 0 || !hasAction(rep, "blocks/signature.md", "create") {
		t.Fatalf("pull --type blocks: exit %d\n%s\n%s", r.code, r.stdout, r.stderr)
	}
	got := snapshot(t, dir)["blocks/signature.md"]
	for _, want := range []string{"type: blocks", "title: Signature", "\nThanks for reading.\n"} {
		if !strings.Contains(got, want) {
			t.Errorf("blocks/signature.md lacks %q:\n%s", want, got)
		}
	}
	mark := s.Mark()
	syncOn(t, s, nil, dir)
	if w := siteWrites(t, s, mark); len(w) > 0 {
		t.Errorf("sync after pull --type wrote %v", w)
	}
}

// In a Hugo or Jekyll site, pull lays the files out as its generator
// expects, and sync (reading them the way that generator does) writes
// nothing after.
func TestPull_GeneratorLayout(t *testing.T) {
	s := wptest.Start(t, "e2e_pull_gen", wptest.Options{})
	mustPost(t, s, "/wp/v2/posts", map[string]any{"title": "Hello", "slug": "hello", "status": "publish", "date": "2025-04-03T10:00:00",
		"content": "<!-- wp:paragraph -->\n<p>Hi.</p>\n<!-- /wp:paragraph -->"})
	mustPost(t, s, "/wp/v2/posts", map[string]any{"title": "Later", "slug": "later", "status": "draft",
		"content": "<!-- wp:paragraph -->\n<p>Not yet.</p>\n<!-- /wp:paragraph -->"})
	mustPost(t, s, "/wp/v2/pages", map[string]any{"title": "About", "slug": "about", "status": "publish",
		"content": "<!-- wp:paragraph -->\n<p>Us.</p>\n<!-- /wp:paragraph -->"})
	for _, c := range []struct {
		name, config, text string
		want               []string
	}{
		{"hugo", "hugo.toml", "baseURL = \"https://example.org/\"\ntitle = \"Pulled\"\n",
			[]string{"content/posts/hello.md", "content/posts/later.md", "content/about.md"}},
		{"jekyll", "_config.yml", "title: Pulled\n",
			[]string{"_posts/2025-04-03-hello.md", "_drafts/later.md", "about.md"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			writeFile(t, dir, c.config, c.text)
			r, rep := pullOn(t, s, dir)
			if r.code != 0 {
				t.Fatalf("pull: exit %d\n%s\n%s", r.code, r.stdout, r.stderr)
			}
			for _, p := range c.want {
				if !hasAction(rep, p, "create") {
					t.Errorf("no %s created:\n%s", p, r.stdout)
				}
			}
			mark := s.Mark()
			srep := syncOn(t, s, nil, dir)
			if w := siteWrites(t, s, mark); len(w) > 0 || srep.Summary.Unchanged != 3 {
				t.Errorf("sync after pull: writes %v, summary %+v", w, srep.Summary)
			}
		})
	}
}
