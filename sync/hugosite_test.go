package sync_test

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/wpsync/wpsync/internal/wpfake"
	sitegen "github.com/wpsync/wpsync/site"
	wpsync "github.com/wpsync/wpsync/sync"
)

// A Hugo site's home page is no page's parent; a section under a section
// Hugo renders no page of is a page without a parent; the files of
// another language are left out of the run and named once.
func TestSync_HugoHomeSectionsLanguages(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"hugo.toml":                      "baseURL = 'https://example.org/'\n[languages.en]\nweight = 1\n[languages.fr]\nweight = 2\n",
		"content/_index.md":              "---\ntitle: Home\n---\n",
		"content/post/_index.md":         "---\ntitle: Posts\n---\nAll posts.\n",
		"content/post/sub/_index.md":     "---\ntitle: Sub\n---\nA sub-section.\n",
		"content/hidden/_index.md":       "---\ntitle: Hidden\nheadless: true\n---\n",
		"content/hidden/inner/_index.md": "---\ntitle: Inner\n---\nInner section.\n",
		"content/post/hello.md":          "---\ntitle: Hello\ndate: 2024-01-01\n---\nSee [sub](/post/sub/) and [home](/); [front]({{< ref \"/\" >}}).\n",
		"content/post/hello.fr.md":       "---\ntitle: Bonjour\ndate: 2024-01-01\n---\nSalut.\n",
		"content/post/sub/_index.fr.md":  "---\ntitle: Sous\n---\nx\n",
	})
	gen, err := sitegen.Detect(dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	wp := wpfake.New(t, wpfake.Options{})
	r := runWith(t, wp, dir, wpsync.Options{Generator: gen})
	if r.Summary.Failed != 0 || r.Summary.Created != 4 {
		t.Fatalf("summary %+v: %+v", r.Summary, r.Items)
	}
	for _, it := range r.Items {
		if strings.Contains(it.Path, ".fr.") {
			t.Errorf("%s is in the run: %+v", it.Path, it)
		}
	}
	if !slices.ContainsFunc(r.Warnings, func(w string) bool {
		return strings.Contains(w, "2 file(s) of other languages left out (fr: 2)") && strings.Contains(w, "content/post/hello.fr.md, content/post/sub/_index.fr.md")
	}) {
		t.Errorf("warnings %q", r.Warnings)
	}
	if it := itemFor(t, r, "content/_index.md"); it.Action != wpsync.ActionSkipped || !strings.Contains(strings.Join(it.Warnings, " "), "Hugo's home page") {
		t.Errorf("home: %+v", it)
	}
	postsIt := itemFor(t, r, "content/post/_index.md")
	if len(postsIt.Warnings) != 0 {
		t.Errorf("posts/_index.md: %q: the home page is no parent to miss", postsIt.Warnings)
	}
	posts := post(t, wp, postsIt.ID)
	sub := post(t, wp, itemFor(t, r, "content/post/sub/_index.md").ID)
	innerIt := itemFor(t, r, "content/hidden/inner/_index.md")
	inner := post(t, wp, innerIt.ID)
	if posts.Parent != 0 || sub.Parent != posts.ID || inner.Parent != 0 {
		t.Errorf("parents: posts %d (want none), sub %d (want %d), inner %d (want none)", posts.Parent, sub.Parent, posts.ID, inner.Parent)
	}
	if !slices.ContainsFunc(innerIt.Warnings, func(w string) bool { return strings.Contains(w, "parent content/hidden/_index.md is not published") }) {
		t.Errorf("inner's warnings %q", innerIt.Warnings)
	}
	helloIt := itemFor(t, r, "content/post/hello.md")
	if len(helloIt.Warnings) != 0 {
		t.Errorf("hello: %q: / is the front page", helloIt.Warnings)
	}
	hello := post(t, wp, helloIt.ID)
	if !strings.Contains(hello.Content, `<a href="`+wp.URL+`/">home</a>`) {
		t.Errorf("hello's link to / is not the site's front page:\n%s", hello.Content)
	}
	// ref "/" names the home page, which is no post: the front page too.
	if !strings.Contains(hello.Content, `<a href="`+wp.URL+`/">front</a>`) {
		t.Errorf("hello's ref \"/\" is not the site's front page:\n%s", hello.Content)
	}
	if link := itemFor(t, r, "content/post/sub/_index.md").Link; link == "" || !strings.Contains(hello.Content, `href="`+link+`"`) {
		t.Errorf("hello's link:\n%s", hello.Content)
	}

	wp.ResetLog()
	if r := runWith(t, wp, dir, wpsync.Options{Generator: gen}); r.Summary.Unchanged != 4 || len(wp.Requests()) != 0 {
		t.Fatalf("second run: summary %+v, requests %v", r.Summary, wp.Log())
	}
	if err := os.RemoveAll(filepath.Join(dir, ".wpsync")); err != nil {
		t.Fatal(err)
	}
	wp.ResetLog()
	r = runWith(t, wp, dir, wpsync.Options{Generator: gen})
	if r.Summary.Created+r.Summary.Updated+r.Summary.Failed != 0 {
		t.Errorf("without the state file: %+v %+v", r.Summary, r.Items)
	}
}

// In a site translated by file name, the sections' own pages are
// _index.en.md: the home page's is no parent, a section's is the parent
// of the section under it (not the French one beside it).
func TestSync_HugoTranslatedSectionsAreParents(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"hugo.toml":                          "baseURL = 'https://example.org/'\ndefaultContentLanguage = 'en'\n[languages.en]\nweight = 1\n[languages.fr]\nweight = 2\n",
		"content/_index.en.md":               "---\ntitle: Home\n---\nWelcome.\n",
		"content/guides/_index.en.md":        "---\ntitle: Guides\n---\nAll guides.\n",
		"content/guides/_index.fr.md":        "---\ntitle: Guides FR\n---\nTous.\n",
		"content/guides/berths/_index.en.md": "---\ntitle: Berths\n---\nBerths.\n",
		"content/guides/berths/_index.fr.md": "---\ntitle: Postes\n---\nPostes.\n",
		"content/guides/berths/about.en.md":  "---\ntitle: About berths\ntype: page\n---\nAbout.\n",
	})
	gen, err := sitegen.Detect(dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	wp := wpfake.New(t, wpfake.Options{})
	r := runWith(t, wp, dir, wpsync.Options{Generator: gen})
	if r.Summary.Failed != 0 || r.Summary.Created != 3 {
		t.Fatalf("summary %+v: %+v", r.Summary, r.Items)
	}
	guidesIt := itemFor(t, r, "content/guides/_index.en.md")
	if len(guidesIt.Warnings) != 0 {
		t.Errorf("guides: %q: the home page is no parent to miss", guidesIt.Warnings)
	}
	guides := post(t, wp, guidesIt.ID)
	berths := post(t, wp, itemFor(t, r, "content/guides/berths/_index.en.md").ID)
	about := post(t, wp, itemFor(t, r, "content/guides/berths/about.en.md").ID)
	if guides.Parent != 0 || berths.Parent != guides.ID || about.Parent != berths.ID {
		t.Errorf("parents: guides %d (want none), berths %d (want %d), about %d (want %d)", guides.Parent, berths.Parent, guides.ID, about.Parent, berths.ID)
	}
	wp.ResetLog()
	if r := runWith(t, wp, dir, wpsync.Options{Generator: gen}); r.Summary.Unchanged != 3 || len(wp.Requests()) != 0 {
		t.Fatalf("second run: summary %+v, requests %v", r.Summary, wp.Log())
	}
	if err := os.RemoveAll(filepath.Join(dir, ".wpsync")); err != nil {
		t.Fatal(err)
	}
	wp.ResetLog()
	r = runWith(t, wp, dir, wpsync.Options{Generator: gen})
	if r.Summary.Created+r.Summary.Updated+r.Summary.Failed != 0 {
		t.Errorf("without the state file: %+v %+v", r.Summary, r.Items)
	}
}

// Synced from a Hugo site's content folder, the run says that the site is
// in the folder above, a dry run (status) too.
func TestSync_HugoContentFolderSaysWhereTheSiteIs(t *testing.T) {
	root := t.TempDir()
	writeFiles(t, root, map[string]string{
		"hugo.toml":         "baseURL = 'https://example.org/'\n",
		"content/post/a.md": "---\ntitle: A\n---\n{{< youtube abc >}}\n",
		"content/post/b.md": "---\ntitle: B\n---\nPlain.\n",
	})
	dir := filepath.Join(root, "content")
	gen, err := sitegen.Detect(dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	wp := wpfake.New(t, wpfake.Options{})
	for _, dry := range []bool{true, false} {
		r := runWith(t, wp, dir, wpsync.Options{Generator: gen, DryRun: dry})
		if !slices.ContainsFunc(r.Warnings, func(w string) bool {
			return strings.HasPrefix(w, "this looks like the content folder of a Hugo site (../hugo.toml) at ..: ") &&
				strings.Contains(w, "run wpsync there (in ..)")
		}) {
			t.Errorf("dry run %v: warnings %q do not say where the site is", dry, r.Warnings)
		}
	}
}

// A theme's shortcode that finds its picture among the page bundle's
// files (.Page.Resources.GetMatch) shows it: the picture is uploaded and
// the post shows it from the media library, with no warning.
func TestSync_HugoShortcodeFindsBundlePicture(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"hugo.toml":                   "baseURL = 'https://example.org/'\n",
		"layouts/shortcodes/img.html": `{{ with .Page.Resources.GetMatch (.Get "src") }}<img src="{{ .RelPermalink }}" alt="{{ $.Get "alt" }}">{{ end }}`,
		"content/post/b/index.md":     "---\ntitle: B\ndate: 2024-01-01\n---\n{{< img src=\"*.png\" alt=\"A bee\" >}}\n",
		"content/post/b/bee.png":      png(7),
	})
	gen, err := sitegen.Detect(dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	wp := wpfake.New(t, wpfake.Options{})
	r := runWith(t, wp, dir, wpsync.Options{Generator: gen})
	it := itemFor(t, r, "content/post/b/index.md")
	if it.Action != wpsync.ActionCreate || len(it.Warnings) != 0 {
		t.Fatalf("item %+v", it)
	}
	media := wp.MediaItems()
	if len(media) != 1 || !strings.HasSuffix(media[0].File, "/bee.png") {
		t.Fatalf("media %+v, want bee.png uploaded", media)
	}
	if c := live(wp, "posts")[0].Content; !strings.Contains(c, "/wp-content/uploads/") || !strings.Contains(c, `alt="A bee"`) {
		t.Errorf("content does not show the uploaded picture:\n%s", c)
	}
}
