package sync_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/wpsync/wpsync/internal/wpfake"
	. "github.com/wpsync/wpsync/sync"
)

func TestSplitFingerprint(t *testing.T) {
	for _, tc := range []struct {
		name, stored, content string
		key, sum              string
	}{
		{"no attributes", `<!-- wp:paragraph {"wpsync":"1.0a1b.c2d3"} -->` + "\n<p>x</p>\n<!-- /wp:paragraph -->",
			"<!-- wp:paragraph -->\n<p>x</p>\n<!-- /wp:paragraph -->", "0a1b", "c2d3"},
		{"attributes", `<!-- wp:heading {"wpsync":"1.0a1b.c2d3","level":3} -->` + "\n<h3>x</h3>",
			`<!-- wp:heading {"level":3} -->` + "\n<h3>x</h3>", "0a1b", "c2d3"},
		{"void block", `<!-- wp:separator {"wpsync":"1.0a1b.c2d3"} /-->`, `<!-- wp:separator /-->`, "0a1b", "c2d3"},
		{"namespaced block", `<!-- wp:my/thing {"wpsync":"1.0a1b.c2d3","a":1} -->`, `<!-- wp:my/thing {"a":1} -->`, "0a1b", "c2d3"},
		{"none", `<!-- wp:paragraph {"level":3} -->`, `<!-- wp:paragraph {"level":3} -->`, "", ""},
		{"not first", "<p>x</p>\n" + `<!-- wp:paragraph {"wpsync":"1.0a1b.c2d3"} -->`, "<p>x</p>\n" + `<!-- wp:paragraph {"wpsync":"1.0a1b.c2d3"} -->`, "", ""},
		{"another version", `<!-- wp:paragraph {"wpsync":"9.0a1b.c2d3"} -->`, `<!-- wp:paragraph {"wpsync":"9.0a1b.c2d3"} -->`, "", ""},
		{"classic", "<p>x</p>", "<p>x</p>", "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			content, fp, ok := SplitFingerprint(tc.stored)
			if content != tc.content || fp.Key != tc.key || fp.Sum != tc.sum || ok != (tc.key != "") {
				t.Errorf("SplitFingerprint(%q) = %q, %+v, %v; want %q, key %q, sum %q", tc.stored, content, fp, ok, tc.content, tc.key, tc.sum)
			}
		})
	}
}

// Body puts the fingerprint into block content only, and it comes off as
// it went in.
func TestPost_BodyFingerprint(t *testing.T) {
	for _, content := range []string{
		"<!-- wp:paragraph -->\n<p>x</p>\n<!-- /wp:paragraph -->",
		`<!-- wp:heading {"level":3} -->` + "\n<h3>x</h3>\n<!-- /wp:heading -->",
		"<!-- wp:separator /-->",
		"<p>classic</p>",
		"",
	} {
		p := Post{Type: "posts", Slug: "a", Title: "A", Content: content, Status: "publish", Key: "0a1b2c3d4e5f"}
		sent := p.Body()["content"].(string)
		back, fp, ok := SplitFingerprint(sent)
		block := strings.HasPrefix(content, "<!-- wp:")
		if back != content || ok != block || block && fp.Key != p.Key {
			t.Errorf("%q: sent %q, read back %q, %+v", content, sent, back, fp)
		}
		other := p
		other.Title = "B"
		if block && other.Body()["content"] == sent {
			t.Errorf("%q: the fingerprint does not change with the title", content)
		}
		other = p
		other.Slug = "a-2"
		if other.Body()["content"] != sent {
			t.Errorf("%q: the fingerprint changes with the slug, by which the post is found", content)
		}
	}
}

// Without the state file, a post is compared by the fingerprint of what
// was sent, whatever WordPress made of it on save.
func TestSyncer_StateLossComparesFingerprints(t *testing.T) {
	pAttr := regexp.MustCompile(`<p\b`)
	filter := func(field, v string) string {
		if field == "excerpt" {
			return v + " (filtered)"
		}
		return pAttr.ReplaceAllString(v, `<p data-plugin="x"`)
	}
	files := map[string]string{
		"map.md":   "---\ntitle: Map\ndescription: Where we met.\n---\nBefore.\n\n<iframe src=\"https://www.openstreetmap.org/export/embed.html\"></iframe>\n\nAfter.\n",
		"plain.md": "---\ntitle: Plain\n---\nJust text & more.\n",
	}
	for _, tc := range []struct {
		name   string
		user   string
		opts   wpfake.Options
		change map[string]string // file edits after the first run
		writes int
	}{
		{name: "kses strips an Author's iframe", user: "pat"},
		{name: "a plugin filters content and excerpt", opts: wpfake.Options{SaveFilter: filter}},
		{name: "a plugin filters, as an Author", user: "pat", opts: wpfake.Options{SaveFilter: filter}},
		{name: "the file changed since", change: map[string]string{"plain.md": "---\ntitle: Plain\n---\nNew text.\n"}, writes: 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			writeFiles(t, dir, files)
			wp := wpfake.New(t, tc.opts)
			addUser(wp, "pat", "author")
			user := tc.user
			if user == "" {
				user = wpfake.Admin
			}
			r := runAs(t, wp, user, dir, Options{})
			if r.Failed() || r.Summary.Created != 2 {
				t.Fatalf("first run: %+v", r.Items)
			}
			writeFiles(t, dir, tc.change)
			for run := 1; run <= 2; run++ {
				if err := os.RemoveAll(filepath.Join(dir, ".wpsync")); err != nil {
					t.Fatal(err)
				}
				wp.ResetLog()
				r = runAs(t, wp, user, dir, Options{})
				want := tc.writes
				if run == 2 {
					want = 0 // the state is lost again, after that write
				}
				if w := wp.Writes(); len(w) != want || r.Failed() {
					t.Fatalf("run %d without state: writes %v, want %d; items %+v", run, w, want, r.Items)
				}
				if n := len(wp.Posts("posts")); n != 2 {
					t.Fatalf("run %d: %d posts, want 2", run, n)
				}
			}
		})
	}
}

// An edit made in WordPress drops the fingerprint (the block editor keeps
// only the attributes blocks declare): the post is then compared as
// stored, and with the state file, a change of the file is a conflict.
func TestSyncer_EditorSaveDropsFingerprint(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"a.md": "---\ntitle: A\n---\nBody.\n"})
	wp := wpfake.New(t, wpfake.Options{})
	id := runWith(t, wp, dir, Options{}).Items[0].ID
	p, _ := wp.GetPost(id)
	if _, _, ok := SplitFingerprint(p.Content); !ok {
		t.Fatalf("no fingerprint in %q", p.Content)
	}
	wp.EditPost(id, func(p *wpfake.Post) {
		p.Content, _, _ = SplitFingerprint(p.Content)
		p.Content = strings.Replace(p.Content, "Body.", "Body, edited in WordPress.", 1)
	})
	writeFiles(t, dir, map[string]string{"a.md": "---\ntitle: A\n---\nBody, edited in the file.\n"})
	wp.ResetLog()
	r := runWith(t, wp, dir, Options{})
	if it := itemFor(t, r, "a.md"); it.Action != ActionConflict || len(wp.Writes()) != 0 {
		t.Fatalf("item %+v, writes %v: want a conflict, nothing written", it, wp.Writes())
	}
}

// WordPress never gives out some slugs (embed, feed names): the post of
// embed.md is embed-2. Runs without the state file find it among the
// slug's numbered forms by its fingerprint (or, without one, its text),
// and create nothing.
func TestSyncer_ReservedSlugs(t *testing.T) {
	files := map[string]string{
		"embed.md": "---\ntitle: Embed\n---\nAbout embeds.\n",
		"feed.md":  "---\ntitle: Feed\n---\nAbout feeds.\n",
		"atom.md":  "---\ntitle: Atom\n---\nAbout Atom.\n",
		"rss.md":   "---\ntitle: RSS\ntype: page\n---\nAbout RSS.\n",
		"hello.md": "---\ntitle: Hello\n---\nHello.\n",
	}
	more := map[string]string{"m1.md": "one\n", "m2.md": "two\n", "m3.md": "three\n"}
	for _, tc := range []struct {
		name   string
		more   bool   // more than slugListThreshold new posts: one listing
		format string // classic: no fingerprint, found by text
	}{
		{name: "looked up one by one"},
		{name: "listed", more: true},
		{name: "classic, by text", format: "classic"},
		{name: "classic, listed", format: "classic", more: true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			writeFiles(t, dir, files)
			n := len(files)
			if tc.more {
				writeFiles(t, dir, more)
				n += len(more)
			}
			wp := wpfake.New(t, wpfake.Options{})
			r := runWith(t, wp, dir, Options{Format: tc.format})
			if r.Failed() || r.Summary.Created != n {
				t.Fatalf("first run: %+v", r.Items)
			}
			it := itemFor(t, r, "embed.md")
			if !strings.Contains(strings.Join(it.Warnings, "\n"), `"embed-2" instead of "embed"`) {
				t.Errorf("embed.md: warnings %q, want one about embed-2", it.Warnings)
			}
			for _, w := range it.Warnings {
				if strings.Contains(w, "holds it") && !strings.Contains(w, "no post") {
					t.Errorf("embed.md: warning %q says a post holds the slug", w)
				}
			}
			for run := 1; run <= 3; run++ {
				if run > 1 {
					if err := os.RemoveAll(filepath.Join(dir, ".wpsync")); err != nil {
						t.Fatal(err)
					}
				}
				wp.ResetLog()
				r = runWith(t, wp, dir, Options{Format: tc.format})
				if w := wp.Writes(); len(w) != 0 || r.Failed() {
					t.Fatalf("run %d: writes %v; items %+v", run+1, w, r.Items)
				}
				if got := len(wp.Posts("posts")) + len(wp.Posts("pages")); got != n {
					t.Fatalf("run %d: %d posts and pages, want %d", run+1, got, n)
				}
			}
			if e := mustLoad(t, dir).Files["embed.md"]; e == nil || e.Slug != "embed-2" {
				t.Errorf("state entry of embed.md: %+v, want slug embed-2", e)
			}
			// With the state recorded by a run without one, the next run
			// reads no file as changed.
			wp.ResetLog()
			if r := runWith(t, wp, dir, Options{Format: tc.format}); r.Summary.Unchanged != n || len(wp.Requests()) != 0 {
				t.Errorf("run with the rebuilt state: %+v, requests %v", r.Summary, wp.Log())
			}
		})
	}
}
