package sync_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/wpsync/wpsync/internal/wpfake"
	"github.com/wpsync/wpsync/state"
	. "github.com/wpsync/wpsync/sync"
)

// uploadOf matches an upload of the named file.
func uploadOf(name string) func(r wpfake.Request) bool {
	return func(r wpfake.Request) bool {
		return r.Header != nil && strings.Contains(r.Header.Get("Content-Disposition"), `"`+name+`"`)
	}
}

// postWrite is the place in the log of the first write of a post of a
// type with that slug (a create alone or in a batch), -1 if none.
func postWrite(log []wpfake.Request, typ, slug string) int {
	return slices.IndexFunc(log, func(r wpfake.Request) bool {
		return r.Method == "POST" && strings.HasPrefix(r.Route, "/wp/v2/"+typ) && r.Param("slug") == slug
	})
}

func uploadIndex(log []wpfake.Request, name string) int {
	is := uploadOf(name)
	return slices.IndexFunc(log, func(r wpfake.Request) bool { return r.Method == "POST" && r.Route == "/wp/v2/media" && is(r) })
}

// pngBytes is a small valid PNG with a distinct content per n.
func pngBytes(n byte) string {
	return png(n) + strings.Repeat(string([]byte{n}), 64) // a PNG's start: a damaged one is not uploaded
}

// A post whose pictures are up is written while another post's pictures
// are still on their way: nothing waits for every upload of the run.
func TestSyncer_Run_PostWrittenOnceItsPicturesAreUp(t *testing.T) {
	for _, opts := range []wpfake.Options{{}, {NoBatch: true}} {
		dir := t.TempDir()
		writeFiles(t, dir, map[string]string{
			"a.md":  "---\ntitle: A\n---\n![a](a.png)\n",
			"b.md":  "---\ntitle: B\n---\n![b1](b1.png)\n![b2](b2.png)\n",
			"a.png": pngBytes(1), "b1.png": pngBytes(2), "b2.png": pngBytes(3),
		})
		wp := wpfake.New(t, opts)
		wp.Fail(wpfake.Fault{Method: "POST", Route: "/wp/v2/media", If: uploadOf("b2.png"), Delay: 500 * time.Millisecond})
		r := runSync(t, wp, dir, false)
		if r.Summary != (Summary{Created: 2}) {
			t.Fatalf("batch %v: summary %+v, want 2 created: %+v", !opts.NoBatch, r.Summary, r.Items)
		}
		log := wp.Requests()
		a, b, b2 := postWrite(log, "posts", "a"), postWrite(log, "posts", "b"), uploadIndex(log, "b2.png")
		if a < 0 || b < 0 || b2 < 0 {
			t.Fatalf("batch %v: writes of a %d, b %d, upload of b2.png %d: %v", !opts.NoBatch, a, b, b2, wp.Log())
		}
		if a > b2 {
			t.Errorf("batch %v: post a (its picture up) was written after b2.png's upload came back: %v", !opts.NoBatch, wp.Log())
		}
		if b < b2 {
			t.Errorf("batch %v: post b was written before its picture b2.png was up", !opts.NoBatch)
		}
		for _, p := range live(wp, "posts") {
			if want := map[string]string{"a": "a.png", "b": "b2.png"}[p.Slug]; !strings.Contains(p.Content, want) {
				t.Errorf("post %s does not show %s: %s", p.Slug, want, p.Content)
			}
		}
	}
}

// A picture two posts show, under one name or under two (a copy), is
// uploaded once, and both posts show it.
func TestSyncer_Run_SharedPictureUploadedOnce(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"a.md":       "---\ntitle: A\n---\n![s](shared.png)\n",
		"b.md":       "---\ntitle: B\n---\n![s](shared.png)\n![c](copy.png)\n",
		"shared.png": pngBytes(7), "copy.png": pngBytes(7),
	})
	wp := wpfake.New(t, wpfake.Options{})
	if r := runSync(t, wp, dir, false); r.Summary != (Summary{Created: 2}) {
		t.Fatalf("summary %+v", r.Summary)
	}
	var uploads int
	for _, r := range wp.Requests() {
		if r.Method == "POST" && r.Route == "/wp/v2/media" {
			uploads++
		}
	}
	if uploads != 1 {
		t.Errorf("%d uploads, want 1: %v", uploads, wp.Log())
	}
	for _, p := range live(wp, "posts") {
		if !strings.Contains(p.Content, "shared.png") {
			t.Errorf("post %s does not show the picture: %s", p.Slug, p.Content)
		}
	}
}

// A failed upload fails the posts that show it, and the pages under them
// (their parent was not written); the others are written.
func TestSyncer_Run_FailedUploadFailsOnlyItsPosts(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"bad.md":           "---\ntitle: Bad\n---\n![x](bad.png)\n",
		"good.md":          "---\ntitle: Good\n---\n![x](good.png)\n",
		"docs.md":          "---\ntitle: Docs\ntype: page\n---\n![x](bad.png)\n",
		"docs/child.md":    "---\ntitle: Child\ntype: page\n---\nText.\n",
		"other.md":         "---\ntitle: Other\ntype: page\n---\n![x](good.png)\n",
		"other/under.md":   "---\ntitle: Under\ntype: page\n---\nText.\n",
		"bad.png":          pngBytes(1),
		"good.png":         pngBytes(2),
		"plain.md":         "---\ntitle: Plain\n---\nNo picture.\n",
		"links-to-good.md": "---\ntitle: L\n---\nSee [good](good.md).\n",
	})
	wp := wpfake.New(t, wpfake.Options{})
	wp.Fail(wpfake.Fault{Method: "POST", Route: "/wp/v2/media", If: uploadOf("bad.png"), Status: 400})
	r := runSync(t, wp, dir, false)
	failed := map[string]bool{}
	for _, it := range r.Items {
		if it.Action == ActionError {
			failed[it.Path] = true
		}
	}
	if want := map[string]bool{"bad.md": true, "docs.md": true, "docs/child.md": true}; !equalSets(failed, want) {
		t.Errorf("failed %v, want %v", failed, want)
	}
	if r.Summary.Created != 5 {
		t.Errorf("summary %+v, want 5 created", r.Summary)
	}
}

func equalSets(a, b map[string]bool) bool {
	if len(a) != len(b) {
		return false
	}
	for k := range a {
		if !b[k] {
			return false
		}
	}
	return true
}

// A parent page whose picture is slow is still written before its child,
// which names its ID; a post linking a post whose picture is slow is
// written after it, with its permalink.
func TestSyncer_Run_WavesWaitForPictures(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"about.md":      "---\ntitle: About\ntype: page\n---\n![x](slow.png)\n",
		"about/team.md": "---\ntitle: Team\ntype: page\n---\nText.\n",
		"target.md":     "---\ntitle: Target\n---\n![x](slow2.png)\n",
		"source.md":     "---\ntitle: Source\n---\nSee [the target](target.md).\n",
		"slow.png":      pngBytes(1),
		"slow2.png":     pngBytes(2),
	})
	wp := wpfake.New(t, wpfake.Options{})
	wp.Fail(wpfake.Fault{Method: "POST", Route: "/wp/v2/media", If: func(r wpfake.Request) bool {
		return uploadOf("slow.png")(r) || uploadOf("slow2.png")(r)
	}, Delay: 300 * time.Millisecond})
	r := runSync(t, wp, dir, false)
	if r.Summary != (Summary{Created: 4}) {
		t.Fatalf("summary %+v: %+v", r.Summary, r.Items)
	}
	log := wp.Requests()
	if about, team := postWrite(log, "pages", "about"), postWrite(log, "pages", "team"); about < 0 || team < about {
		t.Errorf("page about written at %d, its child at %d: %v", about, team, wp.Log())
	}
	if target, source := postWrite(log, "posts", "target"), postWrite(log, "posts", "source"); target < 0 || source < target {
		t.Errorf("post target written at %d, the post linking it at %d: %v", target, source, wp.Log())
	}
	pages, posts := map[string]wpfake.Post{}, map[string]wpfake.Post{}
	for _, p := range live(wp, "pages") {
		pages[p.Slug] = p
	}
	for _, p := range live(wp, "posts") {
		posts[p.Slug] = p
	}
	if pages["team"].Parent == 0 || pages["team"].Parent != pages["about"].ID {
		t.Errorf("team's parent is %d, want about's %d", pages["team"].Parent, pages["about"].ID)
	}
	var targetLink string
	for _, it := range r.Items {
		if it.Path == "target.md" {
			targetLink = it.Link
		}
	}
	if targetLink == "" || !strings.Contains(posts["source"].Content, `href="`+targetLink+`"`) {
		t.Errorf("source does not link target's permalink %q: %s", targetLink, posts["source"].Content)
	}
	if r := runSync(t, wp, dir, false); r.Summary != (Summary{Unchanged: 4}) {
		t.Errorf("second run: %+v", r.Summary)
	}
}

// Ctrl-C while a picture is on its way: the post already written is
// recorded, the post waiting for its picture is not reached, and the next
// run writes it without uploading the first picture again.
func TestSyncer_Run_InterruptedWhileUploading(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"a.md":  "---\ntitle: A\n---\n![a](a.png)\n",
		"b.md":  "---\ntitle: B\n---\n![b](b.png)\n",
		"a.png": pngBytes(1), "b.png": pngBytes(2),
	})
	wp := wpfake.New(t, wpfake.Options{NoBatch: true})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	wp.Fail(wpfake.Fault{Method: "POST", Route: "/wp/v2/media", If: uploadOf("b.png"), Delay: 5 * time.Second})
	wp.Fail(wpfake.Fault{Method: "POST", Route: "/wp/v2/posts", Before: cancel})
	st, err := state.Load(state.DefaultPath(dir))
	if err != nil {
		t.Fatal(err)
	}
	r, err := New(clientAs(t, wp, wpfake.Admin), st, Options{Dir: dir, Site: wp.URL}).Run(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !r.Interrupted || r.Summary != (Summary{Created: 1, NotReached: 1}) {
		t.Fatalf("interrupted %v, summary %+v; want a created, b not reached", r.Interrupted, r.Summary)
	}
	saved, err := state.Load(state.DefaultPath(dir))
	if err != nil {
		t.Fatal(err)
	}
	if saved.Files["a.md"] == nil || saved.Media["a.png"] == nil || saved.Files["b.md"] != nil {
		t.Errorf("the state holds files %v, media %v; want a.md and a.png only", keys(saved.Files), keys(saved.Media))
	}
	wp.ClearFaults()
	wp.ResetLog()
	if r := runSync(t, wp, dir, false); r.Summary != (Summary{Created: 1, Unchanged: 1}) || len(live(wp, "posts")) != 2 {
		t.Errorf("next run: %+v, %d posts", r.Summary, len(live(wp, "posts")))
	}
	if uploadIndex(wp.Requests(), "a.png") >= 0 {
		t.Errorf("a.png was uploaded again: %v", wp.Log())
	}
}

func keys[V any](m map[string]V) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// The plan finds the new pictures already on the site a hundred slugs a
// request, not one request each: what a picture-heavy first sync asks
// before its first upload.
func TestSyncer_Run_MediaLookedUpInLists(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{}
	for i := range 150 {
		files[fmt.Sprintf("p%03d.md", i)] = fmt.Sprintf("# P %d\n\n![x](p%03d.png)\n", i, i)
		files[fmt.Sprintf("p%03d.png", i)] = pngBytes(byte(i))
	}
	writeFiles(t, dir, files)
	wp := wpfake.New(t, wpfake.Options{})
	if r := runSync(t, wp, dir, false); r.Summary != (Summary{Created: 150}) {
		t.Fatalf("summary %+v", r.Summary)
	}
	lookups := 0
	for _, r := range wp.Requests() {
		if r.Method == "GET" && r.Route == "/wp/v2/media" {
			lookups++
		}
	}
	if lookups != 2 {
		t.Errorf("%d look-ups of media, want 2 (a hundred slugs each)", lookups)
	}
	// Without the state, each picture is found in those lists, not
	// uploaded again.
	if err := os.RemoveAll(filepath.Join(dir, ".wpsync")); err != nil {
		t.Fatal(err)
	}
	wp.ResetLog()
	if r := runSync(t, wp, dir, false); r.Summary != (Summary{Unchanged: 150}) || len(wp.Writes()) != 0 {
		t.Errorf("run without the state: %+v, writes %v", r.Summary, wp.Writes())
	}
}
