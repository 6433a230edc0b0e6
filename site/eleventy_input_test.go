package site

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestEleventyInput: the input folder comes from wpsync.yaml's input:
// over package.json's --input over the configuration's dir.input, and
// the run's note says which; a computed dir.input is said.
func TestEleventyInput(t *testing.T) {
	config := "const dirs = { input: process.env.SRC || \"src\" };\nmodule.exports = function () { return { dir: { input: dirs.input } }; };\n"
	for _, c := range []struct {
		name    string
		files   map[string]string
		set     string
		want    string // the Skip of site/b/a.md: "" when it is a page
		note    string
		dirData string
	}{
		{"computed", map[string]string{"eleventy.config.js": config}, "", "", "input folder ./ (Eleventy's default, the project's folder: dir.input in eleventy.config.js is computed in JavaScript, not read; set input: in wpsync.yaml)", ""},
		{"wpsync.yaml", map[string]string{"eleventy.config.js": config}, "site", "", "input folder site/ (input: in wpsync.yaml)", "site"},
		{"package.json", map[string]string{"eleventy.config.js": config, "package.json": `{"scripts": {"start": "npx @11ty/eleventy --serve", "build": "npx @11ty/eleventy --input=site --output=dist"}}`}, "", "", "input folder site/ (--input in package.json's build script)", "site"},
		{"wpsync.yaml over package.json", map[string]string{"eleventy.config.js": config, "package.json": `{"scripts": {"build": "eleventy --input other"}}`}, "site", "", "input folder site/ (input: in wpsync.yaml)", "site"},
		{"package.json outside", map[string]string{"eleventy.config.js": config, "package.json": `{"scripts": {"build": "eleventy --input other"}}`}, "", "outside Eleventy's input folder other/", "input folder other/ (--input in package.json's build script)", ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			files := map[string]string{"site/b/a.md": "x", "site/b/b.json": `{"tags": ["s"]}`}
			for k, v := range c.files {
				files[k] = v
			}
			root := tree(t, files)
			s, err := DetectWith(root, Settings{Input: c.set})
			if err != nil {
				t.Fatal(err)
			}
			if got := s.Page("site/b/a.md").Skip; !strings.Contains(got, c.want) || (c.want == "") != (got == "") {
				t.Errorf("Page(site/b/a.md).Skip = %q, want %q", got, c.want)
			}
			if n := append(Info(s), s.Notes()...); !slices.ContainsFunc(n, func(s string) bool { return strings.Contains(s, c.note) }) {
				t.Errorf("Info() and Notes() = %q, want %q", n, c.note)
			}
			if c.dirData == "site" && s.Page("site/b/a.md").Rules.Defaults["tags"] == nil {
				t.Errorf("site/b/b.json not read as b/'s directory data with input %s", c.dirData)
			}
		})
	}
	root := tree(t, map[string]string{"a.md": "x"})
	if _, err := DetectWith(root, Settings{Input: "src"}); err == nil || !strings.Contains(err.Error(), "not an Eleventy site") {
		t.Errorf("input: on a plain folder: err %v", err)
	}
	_ = filepath.Join
}

// TestEleventyJSData: JavaScript directory and template data files are
// run when they use no module; a function's key is named, not read; one
// that requires a module is said; .11tydata.js wins over .11tydata.json
// over the folder's .json.
func TestEleventyJSData(t *testing.T) {
	root := tree(t, map[string]string{
		".eleventy.js":            "module.exports = function () {};\n",
		"blog/blog.json":          `{"layout": "json", "tags": ["j"]}`,
		"blog/blog.11tydata.js":   "const tags = [\"posts\", \"blog\"];\nmodule.exports = {\n  layout: \"post.njk\",\n  tags,\n  permalink: (data) => `/b/${data.page.fileSlug}/`,\n  eleventyExcludeFromCollections: false,\n};\n",
		"blog/hi.md":              "x",
		"blog/hi.11tydata.mjs":    "export default function () { return { author: \"Ann\", nested: { n: 1 } }; }\n",
		"notes/notes.11tydata.js": "const x = require(\"../lib/x\");\nmodule.exports = { tags: x.tags };\n",
		"notes/n.md":              "x",
		"loop/loop.11tydata.js":   "while (true) {}\n",
	})
	s, err := DetectWith(root, Settings{})
	if err != nil {
		t.Fatal(err)
	}
	d := s.Page("blog/hi.md").Rules.Defaults
	if d["layout"] != "post.njk" || !slices.Equal(d["tags"].([]any), []any{"posts", "blog"}) || d["author"] != "Ann" || d["permalink"] != nil || d["eleventyExcludeFromCollections"] != false {
		t.Errorf("defaults of blog/hi.md = %v", d)
	}
	if nested, _ := d["nested"].(map[string]any); nested["n"] != float64(1) {
		t.Errorf("nested = %v", d["nested"])
	}
	if d := s.Page("notes/n.md").Rules.Defaults; d["tags"] != nil {
		t.Errorf("defaults of notes/n.md = %v, want none", d)
	}
	notes := strings.Join(s.Notes(), "\n")
	for _, want := range []string{
		"directory data blog/blog.11tydata.js: permalink computed by a function, not read",
		"directory data notes/notes.11tydata.js is not read (line 1 requires or imports a module, which wpsync does not run)",
		"directory data loop/loop.11tydata.js is not read (it ran longer than a second)",
	} {
		if !strings.Contains(notes, want) {
			t.Errorf("notes %q, want %q", notes, want)
		}
	}
}

// TestEleventyInput_Missing: an input: naming no folder is an error (a
// misspelt one would publish nothing and succeed).
func TestEleventyInput_Missing(t *testing.T) {
	root := tree(t, map[string]string{"eleventy.config.js": "", "src/a.md": "x"})
	_, err := DetectWith(root, Settings{Input: "nope"})
	if err == nil || !strings.HasPrefix(err.Error(), "wpsync.yaml: input: nope: no such folder in ., the Eleventy project's folder (of eleventy.config.js)") {
		t.Errorf("err = %v", err)
	}
	if _, err := DetectWith(root, Settings{Input: "src"}); err != nil {
		t.Errorf("input: src: err %v", err)
	}
	if _, err := DetectWith(root, Settings{Input: "src/a.md"}); err == nil || !strings.Contains(err.Error(), "no such folder") {
		t.Errorf("input: of a file: err %v", err)
	}
}
