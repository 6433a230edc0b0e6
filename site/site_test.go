package site

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/wpsync/wpsync/markdown"
)

// tree writes files (slash paths) under a new folder.
func tree(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// judge runs the whole judgement on one file: Page, parse, Rendered.
func judge(t *testing.T, s Site, dir, rel string) (skip string, doc *markdown.Document) {
	t.Helper()
	pg := s.Page(rel)
	if pg.Skip != "" {
		return pg.Skip, nil
	}
	src, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(rel)))
	if err != nil {
		t.Fatal(err)
	}
	doc, err = markdown.ParseWith(rel, src, markdown.Options{Site: pg.Rules})
	if err != nil {
		t.Fatalf("%s: %v", rel, err)
	}
	return s.Rendered(rel, doc), doc
}

func TestDetect(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		want  string
	}{
		{"plain", map[string]string{"a.md": "x"}, "plain"},
		{"jekyll", map[string]string{"_config.yml": "title: x\n"}, "jekyll"},
		{"zola", map[string]string{"config.toml": "base_url = \"https://x\"\n"}, "zola"},
		{"hugo toml", map[string]string{"hugo.toml": "baseURL = \"https://x\"\n"}, "hugo"},
		{"hugo config.yaml", map[string]string{"config.yaml": "baseurl: https://x\n"}, "hugo"},
		{"hugo config dir", map[string]string{"config/_default/hugo.toml": "title = \"x\"\n"}, "hugo"},
		{"another tool's config.yaml", map[string]string{"config.yaml": "lint: true\n"}, "plain"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := Detect(tree(t, tt.files), nil)
			if err != nil {
				t.Fatal(err)
			}
			if s.Generator() != tt.want {
				t.Errorf("Generator() = %q, want %q", s.Generator(), tt.want)
			}
		})
	}
	t.Run("broken config is an error", func(t *testing.T) {
		if _, err := Detect(tree(t, map[string]string{"_config.yml": "a: [\n"}), nil); err == nil || !strings.Contains(err.Error(), "_config.yml") {
			t.Errorf("err = %v, want one naming _config.yml", err)
		}
	})
	t.Run("unknown time zone is an error", func(t *testing.T) {
		if _, err := Detect(tree(t, map[string]string{"_config.yml": "timezone: Mars/Olympus\n"}), nil); err == nil || !strings.Contains(err.Error(), "Mars/Olympus") {
			t.Errorf("err = %v", err)
		}
	})
}

func TestHugo(t *testing.T) {
	dir := tree(t, map[string]string{
		"hugo.toml":                         "baseURL = \"https://example.org/\"\ntimeZone = \"America/New_York\"\nstaticDir = [\"static\", \"assets/img\"]\nignoreFiles = [\"\\\\.draft\\\\.md$\"]\n[[cascade]]\nauthor = \"site\"\n",
		"README.md":                         "# About this repository\n",
		"themes/t/exampleSite/content/a.md": "---\ntitle: A\n---\nx\n",
		"content/_index.md":                 "---\ntitle: Home\n---\n",
		"content/snippets/_index.md":        "---\ncascade:\n  build:\n    render: never\n    list: never\n---\n",
		"content/snippets/note.md":          "---\n---\nAlways switch the power off.\n",
		"content/docs/_index.md":            "---\ntitle: Docs\ncascade:\n  - _target:\n      path: /docs/api/**\n    type: api\n  - author: docs-team\n---\n",
		"content/docs/api/call.md":          "---\ntitle: Call\ndate: 2024-03-05 10:00:00\n---\nx\n",
		"content/docs/intro.md":             "---\ntitle: Intro\nauthor: me\n---\nx\n",
		"content/post/trip/index.md":        "---\ntitle: Trip\n---\nx\n",
		"content/post/trip/notes.md":        "just a resource\n",
		"content/post/old.draft.md":         "---\ntitle: Old\n---\nx\n",
		"content/post/hidden.md":            "---\ntitle: H\nheadless: true\n---\nx\n",
	})
	s, err := Detect(dir, []string{"shared"})
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(s.Static(), ","); got != "shared,static,assets/img,content," {
		t.Errorf("Static() = %q", got)
	}
	for rel, want := range map[string]bool{"themes": true, "themes/t": true, "content": false, "content/post": false, "layouts": true} {
		if s.Prune(rel) != want {
			t.Errorf("Prune(%q) = %v, want %v", rel, !want, want)
		}
	}
	skipped := map[string]string{
		"README.md":                  "outside Hugo's content folder",
		"content/snippets/_index.md": "no title and no body",
		"content/snippets/note.md":   "build: render: never",
		"content/post/trip/notes.md": "resource of the leaf bundle content/post/trip",
		"content/post/old.draft.md":  "ignoreFiles",
		"content/post/hidden.md":     "line 3: headless: true",
		"content/_index.md":          "Hugo's home page",
	}
	for rel, want := range skipped {
		if got, _ := judge(t, s, dir, rel); !strings.Contains(got, want) {
			t.Errorf("%s: skip %q, want it to say %q", rel, got, want)
		}
	}
	for _, rel := range []string{"content/docs/_index.md", "content/docs/api/call.md", "content/docs/intro.md", "content/post/trip/index.md"} {
		if got, _ := judge(t, s, dir, rel); got != "" {
			t.Errorf("%s skipped: %s", rel, got)
		}
	}
	_, call := judge(t, s, dir, "content/docs/api/call.md")
	if call.Type != "api" || call.Author != "docs-team" {
		t.Errorf("call.md: type %q author %q, want the cascade's api and docs-team", call.Type, call.Author)
	}
	if want := time.Date(2024, 3, 5, 15, 0, 0, 0, time.UTC); !call.Date.Time.Equal(want) {
		t.Errorf("call.md date %v, want %v (timeZone New York)", call.Date.Time.UTC(), want)
	}
	_, intro := judge(t, s, dir, "content/docs/intro.md")
	if intro.Type != "" || intro.Author != "me" {
		t.Errorf("intro.md: type %q (the target is /docs/api/**), author %q (its own wins)", intro.Type, intro.Author)
	}
	_, trip := judge(t, s, dir, "content/post/trip/index.md")
	if trip.Author != "site" {
		t.Errorf("trip: author %q, want the configuration's cascade", trip.Author)
	}
}

func TestJekyll(t *testing.T) {
	dir := tree(t, map[string]string{
		"_config.yml": `timezone: Europe/Berlin
exclude: [drafts-old, "*.txt.md"]
collections:
  recipes:
    output: true
  snippets:
    output: false
defaults:
  - scope: {path: ""}
    values: {author: everyone}
  - scope: {path: "", type: posts}
    values: {layout: post, author: poster, tags: [blog]}
  - scope: {path: about}
    values: {layout: page}
`,
		"_posts/2024-03-05-hello.md": "---\ntitle: Hello\n---\nx\n",
		"_posts/2023-1-9-lenient.md": "---\ntitle: L\ndate: 2023-01-29 18:30:22 2023 -0800\n---\nx\n",
		"_drafts/idea.md":            "---\ntitle: Idea\n---\nx\n",
		"_recipes/bread.md":          "---\ntitle: Bread\n---\nx\n",
		"_snippets/note.md":          "---\ntitle: Note\n---\nx\n",
		"_includes/footer.md":        "---\n---\nfooter\n",
		"about/index.md":             "---\ntitle: About\n---\nx\n",
		"README.md":                  "# Just a readme, no front matter\n",
		"drafts-old/x.md":            "---\ntitle: X\n---\nx\n",
		"notes.txt.md":               "---\ntitle: X\n---\nx\n",
		"redirects/old.md":           "---\nredirect_to: /new/\n---\n",
		"index.md":                   "---\nlayout: home\ntitle: Home\n---\nWelcome.\n",
	})
	s, err := Detect(dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	skipped := map[string]string{
		"_snippets/note.md":   "collection snippets",
		"_includes/footer.md": "_includes",
		"README.md":           "no front matter",
		"drafts-old/x.md":     "exclude: drafts-old",
		"notes.txt.md":        "exclude: *.txt.md",
		"redirects/old.md":    "redirect stub (redirect_to: /new/)",
		"index.md":            "Jekyll's home page (the site's front page)",
	}
	for rel, want := range skipped {
		if got, _ := judge(t, s, dir, rel); !strings.Contains(got, want) {
			t.Errorf("%s: skip %q, want it to say %q", rel, got, want)
		}
	}
	_, hello := judge(t, s, dir, "_posts/2024-03-05-hello.md")
	if hello.Author != "poster" || len(hello.Tags) != 1 || hello.Tags[0] != "blog" {
		t.Errorf("hello: author %q tags %q, want the posts defaults", hello.Author, hello.Tags)
	}
	if want := time.Date(2024, 3, 4, 23, 0, 0, 0, time.UTC); !hello.Date.Time.Equal(want) || !hello.Date.HasZone {
		t.Errorf("hello date %v, want midnight in Berlin (%v)", hello.Date.Time.UTC(), want)
	}
	_, lenient := judge(t, s, dir, "_posts/2023-1-9-lenient.md")
	if want := time.Date(2023, 1, 30, 2, 30, 22, 0, time.UTC); !lenient.Date.Time.Equal(want) {
		t.Errorf("lenient date %v, want %v", lenient.Date.Time.UTC(), want)
	}
	_, about := judge(t, s, dir, "about/index.md")
	if about.Type != "page" || about.Author != "everyone" {
		t.Errorf("about: type %q author %q, want page (layout: page by default) and everyone", about.Type, about.Author)
	}
	if got, bread := judge(t, s, dir, "_recipes/bread.md"); got != "" || bread.Author != "everyone" {
		t.Errorf("bread: skip %q", got)
	}
	if got, idea := judge(t, s, dir, "_drafts/idea.md"); got != "" || idea.Status != "draft" || idea.Author != "poster" {
		t.Errorf("idea: skip %q status %q author %q", got, idea.Status, idea.Author)
	}
	if !s.Prune("_site") || s.Prune("_posts") {
		t.Error("Prune: _site is the built site, _posts the posts")
	}
}

func TestZola(t *testing.T) {
	dir := tree(t, map[string]string{
		"config.toml":                       "base_url = \"https://example.org\"\nignored_content = [\"*.scratch.md\"]\n",
		"content/_index.md":                 "+++\ntitle = \"Home\"\nrender = false\n+++\n",
		"content/blog/_index.md":            "+++\ntitle = \"Blog\"\nsort_by = \"date\"\n+++\n",
		"content/blog/2021-05-06_launch.md": "+++\ntitle = \"Launch\"\n[taxonomies]\ntags = [\"news\"]\n+++\nx\n",
		"content/blog/Harbour.md":           "+++\ntitle = \"Harbour\"\npath = \"2020/02/03/Harbour\"\n+++\nx\n",
		"content/blog/a.scratch.md":         "+++\ntitle = \"S\"\n+++\nx\n",
		"templates/shortcodes/x.md":         "{{ x }}\n",
	})
	s, err := Detect(dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := judge(t, s, dir, "content/_index.md"); !strings.Contains(got, "render = false") {
		t.Errorf("_index.md: skip %q", got)
	}
	if got, _ := judge(t, s, dir, "content/blog/a.scratch.md"); !strings.Contains(got, "ignored_content") {
		t.Errorf("scratch: skip %q", got)
	}
	if !s.Prune("templates") || s.Prune("content") {
		t.Error("Prune: only content/ holds pages")
	}
	_, launch := judge(t, s, dir, "content/blog/2021-05-06_launch.md")
	if !launch.Date.Time.Equal(time.Date(2021, 5, 6, 0, 0, 0, 0, time.UTC)) || len(launch.Tags) != 1 {
		t.Errorf("launch: date %v tags %q", launch.Date.Time, launch.Tags)
	}
	// A date in path is one Zola blog's habit, not Zola's: no date.
	_, harbour := judge(t, s, dir, "content/blog/Harbour.md")
	if !harbour.Date.IsZero() || !harbour.NoDate {
		t.Errorf("harbour: date %v", harbour.Date.Time)
	}
}

func TestPlain_Cascade(t *testing.T) {
	dir := tree(t, map[string]string{
		"content/_snippets/_index.md":      "---\ncascade:\n  build:\n    list: never\n    render: never\n---\n",
		"content/_snippets/safety-note.md": "---\n---\n\nAlways switch the power off at the wall first.\n",
		"content/guide/wiring.md":          "---\ntitle: Wiring\n---\nx\n",
		"old-name.md":                      "---\nredirect: /blog/new-name\n---\n",
	})
	s, err := Detect(dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	for rel, want := range map[string]string{
		"content/_snippets/safety-note.md": "build: render: never",
		"content/_snippets/_index.md":      "no title and no body",
		"old-name.md":                      "line 2: a redirect stub (redirect: /blog/new-name)",
		"content/guide/wiring.md":          "",
	} {
		got, _ := judge(t, s, dir, rel)
		if want == "" && got != "" || !strings.Contains(got, want) {
			t.Errorf("%s: skip %q, want %q", rel, got, want)
		}
	}
	key := s.Key()
	writeTo := filepath.Join(dir, "content/_snippets/_index.md")
	if err := os.WriteFile(writeTo, []byte("---\ntitle: Snippets\n---\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	s2, _ := Detect(dir, nil)
	if s2.Key() == key {
		t.Error("Key() did not change with the cascade")
	}
}

func TestSite_Reads(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		reads []string // inputs: a change means Detect again
		not   []string // pages, pictures and the rest
	}{
		{"plain", map[string]string{"a.md": "x", "docs/_index.md": "---\ncascade: {type: doc}\n---\n"},
			[]string{"wpsync.yaml", "_config.yml", "hugo.toml", "config.toml", "config/_default/hugo.yaml", "docs/_index.md", "docs", "new/_index.md"},
			[]string{"a.md", "docs/x.md", "img/a.png", "config/x.md", "_index.html"}},
		{"jekyll", map[string]string{"_config.yml": "title: x\n", "_data/team.yml": "a: b\n"},
			[]string{"_config.yml", "_config.yaml", "wpsync.yaml", "_data/team.yml", "_data/sub/x.json", "_data", "_includes/note.html", "_includes"},
			[]string{"_posts/2024-01-01-a.md", "about.md", "assets/x.png", "_layouts/post.html", "docs/_index.md"}},
		{"hugo", map[string]string{"hugo.toml": "theme = \"t\"\n", "content/blog/_index.md": "---\ncascade: {draft: true}\n---\n"},
			[]string{"hugo.toml", "wpsync.yaml", "layouts/shortcodes/note.html", "layouts/_shortcodes/x.html", "layouts", "themes/t/layouts/shortcodes/y.html", "themes",
				"content/blog/_index.md", "content/new/_index.md", "content/blog", "content"},
			[]string{"content/blog/a.md", "content/blog/a/index.md", "static/img/x.png", "layouts/_default/single.html", "_index.md"}},
		{"hugo config dir", map[string]string{"config/_default/hugo.toml": "title = \"x\"\n"},
			[]string{"config/_default/hugo.toml", "config/_default/config.yaml", "config"},
			[]string{"config/_default/menus.toml", "content/a.md"}},
		{"zola", map[string]string{"config.toml": "base_url = \"https://x\"\n"},
			[]string{"config.toml", "wpsync.yaml", "_config.yml"},
			[]string{"content/a.md", "content/_index.md", "templates/page.html", "static/a.png"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := tree(t, tt.files)
			s, err := Detect(dir, nil)
			if err != nil {
				t.Fatal(err)
			}
			for _, p := range tt.reads {
				if !s.Reads(p) {
					t.Errorf("Reads(%q) = false, want true", p)
				}
			}
			for _, p := range tt.not {
				if s.Reads(p) {
					t.Errorf("Reads(%q) = true, want false", p)
				}
			}
		})
	}
}

// A Hugo page with externalUrl that the site lists is published (as a link
// post) though its _build says render: "false", as Congo's archetype
// writes it; one kept out of the lists too, or headless, is not.
func TestHugo_RenderedLinkOut(t *testing.T) {
	tests := []struct {
		fm   string
		page bool
	}{
		{"externalUrl: https://medium.com/x\n_build:\n  render: \"false\"\n  list: \"local\"\n", true},
		{"externalUrl: https://medium.com/x\n", true},
		{"externalUrl: https://medium.com/x\n_build:\n  render: never\n  list: never\n", false},
		{"externalUrl: https://medium.com/x\nheadless: true\n", false},
		{"externalUrl: /local/\n_build:\n  render: \"false\"\n", false},
		{"_build:\n  render: \"false\"\n", false},
	}
	dir := tree(t, map[string]string{"hugo.toml": "baseURL = \"https://example.org/\"\n"})
	s, err := Detect(dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range tests {
		rel := "content/post/x.md"
		doc, err := markdown.ParseWith(rel, []byte("---\ntitle: X\n"+tt.fm+"---\n"), markdown.Options{Site: s.Page(rel).Rules})
		if err != nil {
			t.Fatal(err)
		}
		if why := s.Rendered(rel, doc); (why == "") != tt.page {
			t.Errorf("%q: Rendered = %q, want a page: %v", tt.fm, why, tt.page)
		}
	}
}

// A Hugo bundle's picture that themes show: feature before cover or
// thumb, whatever the name order; only pictures at the bundle's top; a
// page that is no bundle has none, and its relative pictures follow its
// address; theme_images: false takes none.
func TestHugo_BundleImage(t *testing.T) {
	dir := tree(t, map[string]string{
		"hugo.toml":                      "baseURL = \"https://example.org/\"\n",
		"content/post/a/index.md":        "---\ntitle: A\n---\n",
		"content/post/a/a-cover.png":     "x",
		"content/post/a/Featured.JPG":    "x",
		"content/post/b/index.md":        "---\ntitle: B\n---\n",
		"content/post/b/my-thumb.webp":   "x",
		"content/post/b/notes.txt":       "feature",
		"content/post/c/index.md":        "---\ntitle: C\n---\n",
		"content/post/c/img/feature.png": "x",
		"content/post/_index.md":         "---\ntitle: Posts\n---\n",
		"content/post/cover.png":         "x",
		"content/post/d.md":              "---\ntitle: D\n---\n",
	})
	s, err := Detect(dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	for rel, want := range map[string]string{
		"content/post/a/index.md": "Featured.JPG",
		"content/post/b/index.md": "my-thumb.webp",
		"content/post/c/index.md": "",
		"content/post/_index.md":  "cover.png",
		"content/post/d.md":       "",
	} {
		r := s.Page(rel).Rules
		if r.BundleImage != want {
			t.Errorf("%s: BundleImage %q, want %q", rel, r.BundleImage, want)
		}
		if r.AddressRelative != (rel == "content/post/d.md") {
			t.Errorf("%s: AddressRelative %v", rel, r.AddressRelative)
		}
	}
	off, err := DetectWith(dir, Settings{NoThemeImages: true})
	if err != nil {
		t.Fatal(err)
	}
	if got := off.Page("content/post/a/index.md").Rules.BundleImage; got != "" || off.Key() == s.Key() {
		t.Errorf("theme_images: false: BundleImage %q, key %s (on: %s)", got, off.Key(), s.Key())
	}
}

// Hugo's [taxonomies] beyond tags and categories, in the configuration or
// in config/_default/taxonomies.toml, are the pages' other taxonomies.
func TestHugo_OtherTaxonomies(t *testing.T) {
	for name, files := range map[string]map[string]string{
		"hugo.toml": {"hugo.toml": "baseURL = \"https://example.org/\"\n[taxonomies]\ntag = \"tags\"\ncategory = \"categories\"\nseries = \"series\"\nauthor = \"Authors\"\n"},
		"config dir": {"config/_default/hugo.toml": "baseURL = \"https://example.org/\"\n",
			"config/_default/taxonomies.toml": "tag = \"tags\"\nseries = \"series\"\nauthor = \"authors\"\n"},
	} {
		t.Run(name, func(t *testing.T) {
			s, err := Detect(tree(t, files), nil)
			if err != nil {
				t.Fatal(err)
			}
			if got := s.Page("content/x.md").Rules.OtherTaxonomies; strings.Join(got, ",") != "authors,series" {
				t.Errorf("OtherTaxonomies %q, want [authors series]", got)
			}
			if name == "config dir" && !s.Reads("config/_default/taxonomies.toml") {
				t.Error("taxonomies.toml is not an input of the adapter")
			}
		})
	}
}
