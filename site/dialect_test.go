package site

import (
	"strings"
	"testing"
)

// TestSite_Dialect: each adapter turns on the rules its generator
// documents, and only those: the same file reads differently in each
// site, and what a site does not run is named as a leftover.
func TestSite_Dialect(t *testing.T) {
	const body = "---\ntitle: T\nlayout: page\ncategories: release news\ntemplate: true\n---\n" +
		"\"Quoted\" text.\n{: .lead}\n\n{% highlight go %}\nx := 1\n{% endhighlight %}\n\n{{< youtube abc >}}\n\n{{ youtube(id=\"xyz\") }}\n\n{{image \"a.png\"}}\n"
	sites := map[string]map[string]string{
		"hugo":   {"hugo.toml": "baseURL = \"https://example.org/\"\n", "content/x.md": body},
		"jekyll": {"_config.yml": "title: x\n", "x.md": body},
		"zola":   {"config.toml": "base_url = \"https://example.org\"\n", "content/x.md": body},
		"plain":  {"x.md": body},
	}
	tests := []struct {
		gen        string
		typ        string   // layout: page makes a page only in Jekyll (and a plain folder)
		categories string   // joined with |
		shows      []string // in the content
		leftovers  []string // constructs
	}{
		{"hugo", "", "release news", []string{"“Quoted”", "youtube.com/watch?v=abc"},
			[]string{"kramdown attribute list", "template tag", "Zola shortcode", "template output"}},
		// Liquid runs, kramdown reads the attribute list. Zola's call
		// and the Go template's output are Liquid it cannot read: each
		// is left out alone, named in a warning (warnedJekyll); the Hugo
		// shortcode is no Liquid, kept and named as what it is.
		{"jekyll", "page", "release|news", []string{"“Quoted”", `<p class="lead">`, `language-go`},
			[]string{"Hugo shortcode"}},
		{"zola", "", "release news", []string{`"Quoted"`, "youtube.com/watch?v=xyz"},
			[]string{"kramdown attribute list", "template tag", "Hugo shortcode", "template output"}},
		{"plain", "page", "release news", []string{`"Quoted"`, "youtube.com/watch?v=abc"},
			[]string{"kramdown attribute list", "template tag", "Zola shortcode", "template output"}},
	}
	for _, tt := range tests {
		t.Run(tt.gen, func(t *testing.T) {
			dir := tree(t, sites[tt.gen])
			s, err := DetectWith(dir, Settings{})
			if err != nil {
				t.Fatal(err)
			}
			if s.Generator() != tt.gen {
				t.Fatalf("Generator() = %q", s.Generator())
			}
			rel := "x.md"
			if s.Content() != "" {
				rel = s.Content() + "/x.md"
			}
			skip, doc := judge(t, s, dir, rel)
			if skip != "" {
				t.Fatalf("skipped: %s", skip)
			}
			if doc.Type != tt.typ || strings.Join(doc.Categories, "|") != tt.categories {
				t.Errorf("type %q categories %q, want %q %q", doc.Type, doc.Categories, tt.typ, tt.categories)
			}
			for _, w := range tt.shows {
				if !strings.Contains(doc.Content, w) {
					t.Errorf("content lacks %s:\n%s", w, doc.Content)
				}
			}
			var got []string
			for _, l := range doc.Leftovers {
				got = append(got, l.Construct)
			}
			if strings.Join(got, "|") != strings.Join(tt.leftovers, "|") {
				t.Errorf("leftovers %q, want %q\n%s", got, tt.leftovers, doc.Content)
			}
			if tt.gen != "jekyll" {
				return
			}
			for _, w := range warnedJekyll {
				if !containsPart(doc.Warnings, w) {
					t.Errorf("no warning says %q: %q", w, doc.Warnings)
				}
			}
			for _, gone := range []string{"youtube(", "image"} {
				if strings.Contains(doc.Content, gone) {
					t.Errorf("%q is shown:\n%s", gone, doc.Content)
				}
			}
		})
	}
}

// warnedJekyll are the warnings of TestSite_Dialect's Jekyll page about
// the Liquid left out of it.
var warnedJekyll = []string{
	`line 16: Liquid {{ youtube(id="xyz") }} could not be read`,
	`line 18: Liquid {{image "a.png"}} could not be read`,
}

// containsPart reports whether one of list holds part.
func containsPart(list []string, part string) bool {
	for _, s := range list {
		if strings.Contains(s, part) {
			return true
		}
	}
	return false
}

// TestGoBlog: the Go blog's template: true bodies run only when
// wpsync.yaml names its adapter (generator: goblog); in a plain folder
// the template is shown, and named.
func TestGoBlog(t *testing.T) {
	dir := tree(t, map[string]string{"x.md": "---\ntitle: GC\ntemplate: true\n---\n{{image \"a.png\" 850}}\n"})
	for _, gen := range []string{"goblog", ""} {
		s, err := DetectWith(dir, Settings{Generator: gen})
		if err != nil {
			t.Fatal(err)
		}
		_, doc := judge(t, s, dir, "x.md")
		ran := strings.Contains(doc.Content, `<img src="a.png" width="850"`)
		if ran != (gen == "goblog") || ran != (len(doc.Leftovers) == 0) {
			t.Errorf("generator %q (%s): leftovers %+v\n%s", gen, s.Generator(), doc.Leftovers, doc.Content)
		}
		if gen == "goblog" && (s.Generator() != "goblog" || s.Key() == "") {
			t.Errorf("Generator %q Key %q", s.Generator(), s.Key())
		}
	}
}

// TestSite_PullPath: each adapter says where pull writes a post, as its
// generator reads it.
func TestSite_PullPath(t *testing.T) {
	configs := map[string]map[string]string{
		"hugo":   {"hugo.toml": "baseURL = \"https://example.org/\"\n"},
		"jekyll": {"_config.yml": "title: x\n"},
		"zola":   {"config.toml": "base_url = \"https://example.org\"\n"},
		"plain":  {},
	}
	post := PullPost{Type: "posts", Name: "hello", Date: "2025-04-03T10:00:00"}
	draft := PullPost{Type: "posts", Name: "later", Unpublished: true}
	page := PullPost{Type: "pages", Name: "about", Date: "2025-04-03T10:00:00"}
	book := PullPost{Type: "books", Name: "dune", Date: "2025-04-03T10:00:00"}
	for gen, want := range map[string][]string{
		"hugo":   {"content/posts/hello", "content/posts/later", "content/about", "content/books/dune"},
		"jekyll": {"_posts/2025-04-03-hello", "_drafts/later", "about", "books/dune"},
		"zola":   {"content/posts/hello", "content/posts/later", "content/about", "content/books/dune"},
		"plain":  {"posts/hello", "posts/later", "about", "books/dune"},
	} {
		s, err := DetectWith(tree(t, configs[gen]), Settings{})
		if err != nil {
			t.Fatal(err)
		}
		for i, p := range []PullPost{post, draft, page, book} {
			dir, name := s.PullPath(p)
			if got := strings.TrimPrefix(dir+"/"+name, "/"); got != want[i] {
				t.Errorf("%s: PullPath(%+v) = %s, want %s", gen, p, got, want[i])
			}
		}
	}
}
