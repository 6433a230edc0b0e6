package site

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestEleventy reads the configuration's literal forms and says, per file,
// what Eleventy does with it: the folders that hold no pages, ignores,
// directory data, addresses; synced from the project or its input folder.
func TestEleventy(t *testing.T) {
	files := map[string]string{
		"eleventy.config.js":          "module.exports = function (c) {\n\tc.ignores.add(\"src/admin.md\");\n\treturn { dir: { input: \"src\", includes: \"parts\", data: \"globals\" }, markdownTemplateEngine: \"njk\" };\n};\n",
		"src/parts/x.md":              "x",
		"src/globals/site.json":       `{"name": "N"}`,
		"src/admin.md":                "x",
		"src/blog/blog.json":          `{"tags": ["post"], "permalink": "/b/{{ page.fileSlug }}/"}`,
		"src/blog/blog.11tydata.json": `{"layout": "post.njk"}`,
		"src/blog/2020-01-02-hi.md":   "x",
		"src/blog/hi.11tydata.json":   `{"tags": ["own"]}`,
		"src/blog/hi.md":              "x",
		"src/about/index.md":          "x",
	}
	root := tree(t, files)
	for _, sync := range []string{"", "src"} {
		t.Run("sync "+sync, func(t *testing.T) {
			s, err := DetectWith(filepath.Join(root, sync), Settings{})
			if err != nil {
				t.Fatal(err)
			}
			if s.Generator() != "eleventy" {
				t.Fatalf("Generator() = %q", s.Generator())
			}
			p := func(rel string) string {
				if sync == "" {
					return "src/" + rel
				}
				return rel
			}
			for rel, skip := range map[string]string{"parts/x.md": "parts/ is the includes folder", "globals/a.md": "globals/ is the data folder", "admin.md": "ignored by the site's configuration (src/admin.md)", "blog/hi.md": ""} {
				if got := s.Page(p(rel)).Skip; !strings.Contains(got, skip) || (skip == "") != (got == "") {
					t.Errorf("Page(%s).Skip = %q, want %q", rel, got, skip)
				}
			}
			pg := s.Page(p("blog/hi.md"))
			if d := pg.Rules.Defaults; d["layout"] != "post.njk" || !slices.Equal(d["tags"].([]any), []any{"post", "own"}) {
				t.Errorf("defaults of blog/hi.md = %v", d)
			}
			if e := pg.Rules.Eleventy; e == nil || e.Engine != "njk" || e.Data["site"] == nil || e.Page["fileSlug"] != "hi" {
				t.Errorf("Eleventy of blog/hi.md = %+v", e)
			}
			for rel, want := range map[string]string{"blog/2020-01-02-hi.md": "/b/hi/", "about/index.md": "/about/"} {
				if got := s.Address(p(rel), s.Page(p(rel)).Rules.Defaults); got != want {
					t.Errorf("Address(%s) = %q, want %q", rel, got, want)
				}
			}
			wantConfig := "eleventy.config.js"
			if sync != "" {
				wantConfig = "../eleventy.config.js"
			}
			if n := Info(s); len(n) != 1 || n[0] != "Eleventy: input folder src/ (dir.input in "+wantConfig+"), templates run before Markdown: Nunjucks" {
				t.Errorf("Info() = %q", n)
			}
			if n := s.Notes(); len(n) != 0 {
				t.Errorf("Notes() = %q, want no warning", n)
			}
			if sync == "" && !s.Prune("node_modules") || sync == "" && !s.Prune("other") || s.Prune(p("blog")) {
				t.Errorf("Prune")
			}
		})
	}
}
