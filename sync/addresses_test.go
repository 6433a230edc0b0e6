package sync

import (
	"slices"
	"strings"
	"testing"

	sitegen "github.com/wpsync/wpsync/site"
)

func TestSiteAddresses_Find(t *testing.T) {
	a := &siteAddresses{byKey: map[string]string{}}
	for addr, file := range map[string]string{
		"/blog/go1.14/":                 "content/blog/go1.14.md",
		"/about.html":                   "about.md",
		"/docs/":                        "docs/index.md",
		"/news/2008/08/08/multiple-vu/": "_posts/2008-08-08-multiple-vu.md",
	} {
		a.byKey[addressKey(addr)] = file
	}
	bases := []string{"/en", "https://www.example.org/en", "https://www.example.org"}
	tests := map[string]string{
		"/blog/go1.14":                     "content/blog/go1.14.md",
		"/blog/go1.14/":                    "content/blog/go1.14.md",
		"/Blog/Go1.14/?x=1":                "content/blog/go1.14.md",
		"/about":                           "about.md",
		"/about/":                          "about.md",
		"/docs/index.html":                 "docs/index.md",
		"/en/news/2008/08/08/multiple-vu/": "_posts/2008-08-08-multiple-vu.md", // with baseurl
		"/news/2008/08/08/multiple-vu":     "_posts/2008-08-08-multiple-vu.md",
		"/entry/":                          "", // /en is a base path only as a whole segment
		"/blog/go1.15/":                    "",
	}
	for p, want := range tests {
		if got := a.find(p, bases); got != want {
			t.Errorf("find(%q) = %q, want %q", p, got, want)
		}
	}
}

// Links by site address in a Hugo site, against the fake: resolved to
// permalinks between new files, updated in the same run when the target's
// slug changes, a root link to no page named, link_base used when set.
func TestContent_LinksBySiteAddress(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"hugo.toml":              "baseURL = 'https://example.org/'\n",
		"content/blog/a.md":      "---\ntitle: A\n---\nSee [B](/blog/b/#part), [B again](https://example.org/blog/b/) and <a href=\"../b/\">B in HTML</a>; [gone](/old/page/).\n",
		"content/blog/b.md":      "---\ntitle: B\n---\nBack to [A](../a/).\n",
		"content/blog/_index.md": "---\ntitle: Blog\n---\nThe blog.\n",
	})
	gen, err := sitegen.Detect(dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	fake := newContentFake()
	r := runWith(t, fake, dir, Options{Generator: gen})
	if r.Summary.Created != 3 || r.Summary.Failed != 0 {
		t.Fatalf("summary %+v: %+v", r.Summary, r.Items)
	}
	a := fake.post(t, itemFor(t, r, "content/blog/a.md").ID)
	b := fake.post(t, itemFor(t, r, "content/blog/b.md").ID)
	for _, want := range []string{`href="http://wp.test/b/#part"`, `<a href="http://wp.test/b/">B again</a>`, `<a href="http://wp.test/b/">B in HTML</a>`, `<a href="/old/page/">gone</a>`} {
		if !strings.Contains(a.Content, want) {
			t.Errorf("a lacks %s:\n%s", want, a.Content)
		}
	}
	if !strings.Contains(b.Content, `href="http://wp.test/a/"`) {
		t.Errorf("b's link:\n%s", b.Content)
	}
	if ai := itemFor(t, r, "content/blog/a.md"); !slices.ContainsFunc(ai.Warnings, func(w string) bool {
		return strings.Contains(w, "line 4: link to /old/page/: no page of the folder has that address")
	}) {
		t.Errorf("a's warnings %q lack the root link to no page", ai.Warnings)
	}

	fake.reset()
	if r := runWith(t, fake, dir, Options{Generator: gen}); r.Summary.Unchanged != 3 || len(fake.calls) != 0 {
		t.Fatalf("second run: summary %+v, calls %v", r.Summary, fake.calls)
	}

	// A new slug moves B's address and its permalink: A links to it by
	// the new address once it says so, in the same run.
	writeFiles(t, dir, map[string]string{
		"content/blog/b.md": "---\ntitle: B\nslug: bee\n---\nBack to [A](../a/).\n",
		"content/blog/a.md": "---\ntitle: A\n---\nSee [B](/blog/bee/#part).\n",
	})
	fake.reset()
	r = runWith(t, fake, dir, Options{Generator: gen})
	if a := fake.post(t, itemFor(t, r, "content/blog/a.md").ID); !strings.Contains(a.Content, `href="http://wp.test/bee/#part"`) {
		t.Errorf("a after the new slug:\n%s", a.Content)
	}

	// link_base sends a root link to a page not in the folder there.
	gen, err = sitegen.DetectWith(dir, sitegen.Settings{LinkBase: "https://old.example.org/"})
	if err != nil {
		t.Fatal(err)
	}
	writeFiles(t, dir, map[string]string{"content/blog/a.md": "---\ntitle: A\n---\nSee [gone](/old/page/#x).\n"})
	fake.reset()
	r = runWith(t, fake, dir, Options{Generator: gen})
	if a := fake.post(t, itemFor(t, r, "content/blog/a.md").ID); !strings.Contains(a.Content, `href="https://old.example.org/old/page/#x"`) {
		t.Errorf("a with link_base:\n%s", a.Content)
	}
}
