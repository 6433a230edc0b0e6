package sync_test

import (
	"strings"
	"testing"

	"github.com/wpsync/wpsync/internal/wpfake"
	sitegen "github.com/wpsync/wpsync/site"
	. "github.com/wpsync/wpsync/sync"
)

// A category name with "/" is one term in Hugo ("CI/CD"), and a
// Parent/Child path in a plain folder, wpsync's own rule; a second run
// writes nothing either way.
func TestSyncer_Run_SlashInCategory(t *testing.T) {
	const post = "---\ntitle: Pipelines\ncategories: [CI/CD]\n---\nBuilds.\n"
	for _, tt := range []struct {
		name  string
		files map[string]string
		want  map[string]int // name → parent's name's count of terms; "" parent: top
	}{
		{"hugo", map[string]string{"hugo.toml": "baseURL = 'https://example.org/'\n", "content/post/pipelines.md": post}, map[string]int{"CI/CD": 0}},
		{"plain", map[string]string{"pipelines.md": post}, map[string]int{"CI": 0, "CD": 1}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			writeFiles(t, dir, tt.files)
			gen, err := sitegen.Detect(dir, nil)
			if err != nil {
				t.Fatal(err)
			}
			wp := wpfake.New(t, wpfake.Options{})
			run := func() *Report { return runWith(t, wp, dir, Options{Generator: gen}) }
			if r := run(); r.Summary != (Summary{Created: 1}) {
				t.Fatalf("run 1: %+v %+v", r.Summary, r.Items)
			}
			terms := madeTerms(wp, "categories")
			if len(terms) != len(tt.want) {
				t.Fatalf("categories %+v, want %v", terms, tt.want)
			}
			byID := map[int]wpfake.Term{}
			for _, c := range terms {
				byID[c.ID] = c
			}
			for _, c := range terms {
				depth, ok := tt.want[c.Name]
				if !ok {
					t.Errorf("category %q made, want only %v", c.Name, tt.want)
				}
				d := 0
				for p := c.Parent; p != 0; p = byID[p].Parent {
					d++
				}
				if d != depth {
					t.Errorf("category %q is %d levels down, want %d", c.Name, d, depth)
				}
			}
			ps := live(wp, "posts")
			if len(ps) != 1 || len(ps[0].Categories) != 1 || byID[ps[0].Categories[0]].Parent != 0 && tt.name == "hugo" {
				t.Errorf("posts %+v", ps)
			}
			wp.ResetLog()
			if r := run(); r.Summary != (Summary{Unchanged: 1}) || len(wp.Writes()) != 0 {
				t.Errorf("run 2: %+v, writes %v", r.Summary, wp.Writes())
			}
		})
	}
}

// The picture a Hugo theme shows for a page becomes its featured image:
// the bundle's feature* picture (else cover* or thumbnail*) when the front
// matter names none; front matter naming one wins; theme_images: false
// turns the bundle rule off. A relative picture in a page that is not a
// bundle is found from the page's address first (../x.png in post/a.md,
// served at /post/a/, is /post/x.png), and beside the file after.
func TestSyncer_Run_HugoThemeImages(t *testing.T) {
	files := map[string]string{
		"hugo.toml": "baseURL = 'https://example.org/'\n",
		// A leaf bundle: feature wins over cover, whatever their order.
		"content/post/one/index.md":        "---\ntitle: One\n---\nText.\n",
		"content/post/one/a-cover.png":     png(1),
		"content/post/one/featured.png":    png(2),
		"content/post/one/other.png":       png(3),
		"content/post/two/index.md":        "---\ntitle: Two\ncover:\n  image: mine.png\n---\nText.\n",
		"content/post/two/feature.png":     png(4),
		"content/post/two/mine.png":        png(5),
		"content/post/three/index.md":      "---\ntitle: Three\n---\nText.\n",
		"content/post/three/thumbnail.png": png(6),
		// Not a bundle: ../x.png is /post/x.png, content/post/x.png; a
		// file beside the page that the address does not reach is still
		// found.
		"content/post/four.md":  "---\ntitle: Four\nimages: [img/share.png]\n---\n![up](../x.png) ![here](here.png)\n",
		"content/post/x.png":    png(7),
		"content/x.png":         png(8),
		"content/post/here.png": png(9),
		"static/img/share.png":  png(10),
	}
	dir := t.TempDir()
	writeFiles(t, dir, files)
	gen, err := sitegen.Detect(dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	wp := wpfake.New(t, wpfake.Options{})
	run := func() *Report { return runWith(t, wp, dir, Options{Generator: gen}) }
	if r := run(); r.Summary != (Summary{Created: 4}) {
		t.Fatalf("run 1: %+v %+v", r.Summary, r.Items)
	}
	byte1 := map[int]byte{} // media ID → the png's last byte
	urls := map[byte]string{}
	for _, m := range wp.MediaItems() {
		data, _ := wp.File(m.File)
		byte1[m.ID] = data[len(data)-1]
		urls[data[len(data)-1]] = m.File
	}
	featured := func(slug string) byte {
		p, ok := wp.PostBySlug("posts", slug)
		if !ok {
			t.Fatalf("no post %s", slug)
		}
		return byte1[p.FeaturedMedia]
	}
	for slug, want := range map[string]byte{"one": 2, "two": 5, "three": 6, "four": 10} {
		if got := featured(slug); got != want {
			t.Errorf("%s: featured image is png(%d), want png(%d)", slug, got, want)
		}
	}
	four, _ := wp.PostBySlug("posts", "four")
	for _, n := range []byte{7, 9} {
		if urls[n] == "" || !strings.Contains(four.Content, urls[n]) {
			t.Errorf("four does not show png(%d) (%q): %s", n, urls[n], four.Content)
		}
	}
	if urls[8] != "" || urls[1] != "" || urls[4] != "" {
		t.Errorf("uploaded a picture no page shows: %v", urls)
	}
	wp.ResetLog()
	if r := run(); r.Summary != (Summary{Unchanged: 4}) || len(wp.Writes()) != 0 {
		t.Errorf("run 2: %+v, writes %v", r.Summary, wp.Writes())
	}

	// theme_images: false: no bundle picture is taken.
	off, err := sitegen.DetectWith(dir, sitegen.Settings{NoThemeImages: true})
	if err != nil {
		t.Fatal(err)
	}
	if r := runWith(t, wp, dir, Options{Generator: off}); r.Summary.Updated != 2 {
		t.Errorf("theme_images off: %+v", r.Summary)
	}
	for slug, want := range map[string]byte{"one": 0, "two": 5, "three": 0} {
		if got := featured(slug); got != want {
			t.Errorf("theme_images off: %s: featured image png(%d), want %d", slug, got, want)
		}
	}
}

// A taxonomy the Hugo site declares beyond tags and categories that the
// WordPress site does not have (the fake lists none) is said once per
// run, however many files name it, and fails no post.
func TestSyncer_Run_TaxonomyTheSiteLacks(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"hugo.toml":               "baseURL = 'https://example.org/'\n[taxonomies]\ntag = 'tags'\ncategory = 'categories'\nseries = 'series'\n",
		"content/post/a.md":       "---\ntitle: A\nseries: [Go]\n---\nA.\n",
		"content/post/b.md":       "---\ntitle: B\nseries: Go, Rust\n---\nB.\n",
		"content/post/c.md":       "---\ntitle: C\n---\nC.\n",
		"content/post/d/index.md": "---\ntitle: D\nseries: [Go]\n---\nD.\n",
	})
	gen, err := sitegen.Detect(dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	wp := wpfake.New(t, wpfake.Options{})
	r := runWith(t, wp, dir, Options{Generator: gen})
	if r.Summary != (Summary{Created: 4}) {
		t.Fatalf("run 1: %+v %+v", r.Summary, r.Items)
	}
	var said []string
	for _, w := range r.Warnings {
		if strings.Contains(w, "series") {
			said = append(said, w)
		}
	}
	if len(said) != 1 || !strings.Contains(said[0], "named in 3 file(s)") {
		t.Errorf("warnings %q: want one of series, named in 3 files", r.Warnings)
	}
	for _, it := range r.Items {
		for _, w := range it.Warnings {
			if strings.Contains(w, "series") {
				t.Errorf("%s warns of series itself: %q", it.Path, w)
			}
		}
	}
}

// A picture of a page that is no bundle found nowhere: the error says
// where it was looked for, its address first.
func TestSyncer_Run_HugoAddressPictureMissing(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"hugo.toml":            "baseURL = 'https://example.org/'\n",
		"content/post/four.md": "---\ntitle: Four\n---\n![up](../nope.png)\n",
	})
	gen, err := sitegen.Detect(dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	wp := wpfake.New(t, wpfake.Options{})
	r := runWith(t, wp, dir, Options{Generator: gen})
	if len(r.Items) != 1 || r.Items[0].Err == nil {
		t.Fatalf("items %+v", r.Items)
	}
	const want = "looked for where the page's address on the site leads (content/post/nope.png, static/post/nope.png, post/nope.png), then beside the file (content/nope.png)"
	if msg := r.Items[0].Err.Error(); !strings.Contains(msg, want) || !strings.Contains(msg, "content/post/four.md:4") {
		t.Errorf("error %q\nwant it to say %q", msg, want)
	}
}
