package e2e

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// Eleventy sites (issue 26): the case of shared/cases/dialects
// (testdata/cases/eleventy-nunjucks) and a site of our own
// (testdata/sites/eleventy).

// eleventySource is template syntax a reader must not see.
var eleventySource = []string{"{%", "%}", "{{", "}}", "[[toc]]"}

// noEleventySource fails when a post shows template syntax or curly
// quotes inside its code.
func noEleventySource(t *testing.T, name string, p wpPost) {
	t.Helper()
	for _, s := range eleventySource {
		if strings.Contains(p.Content.Rendered, s) {
			t.Errorf("%s shows %q:\n%s", name, s, p.Content.Rendered)
		}
	}
}

// TestEleventy_Case: what EXPECTED.md expects of the case: the code
// examples as code blocks (straight quotes, <? ?> shown), the list of the
// include, a video (youtubeEmbed mapped in wpsync.yaml), no template
// tags; _includes/, _data/ and the file the configuration ignores
// (admin.md) are not published, nor the permalink: false stub.
func TestEleventy_Case(t *testing.T) {
	root := copyTree(t, filepath.Join("testdata", "cases", "eleventy-nunjucks"))
	dir := filepath.Join(root, "src")
	// The site's shortcode is JavaScript: mapped here, as docs/eleventy.md says.
	writeFile(t, dir, "wpsync.yaml", "shortcodes:\n  youtubeEmbed: \"https://www.youtube.com/watch?v={{ .Get 0 }}\"\n")
	rep := syncReport(t, dir, 0)
	ejs := rep.want(t, "docs/languages/ejs.md", "create",
		`line 9: Nunjucks shortcode "tableofcontents" is the site's own`, `Nunjucks shortcode "codetitle" is the site's own`)
	cascade := rep.want(t, "docs/data-cascade.md", "create")
	mit := rep.want(t, "blog/2020-08-11-mit.md", "create")
	rep.want(t, "docs/sidebar-docs.md", "skipped", "permalink: false")
	for _, p := range []string{"_includes/datasources.md", "admin.md"} {
		if it, ok := rep.byPath[p]; ok && it.Action != "skipped" {
			t.Errorf("%s: %s, want it not published", p, it.Action)
		}
	}
	if rep.Summary.Leftovers != 0 {
		t.Errorf("leftovers: %+v", rep.Items)
	}
	if !slices.ContainsFunc(rep.Warnings, func(w string) bool {
		return strings.Contains(w, "Eleventy: input folder src/ (dir.input in ../eleventy.config.js), templates run before Markdown: Nunjucks")
	}) {
		t.Errorf("run warnings %q: want the input folder named", rep.Warnings)
	}
	posts := map[string]wpPost{"ejs": getPost(t, "posts", ejs.ID), "cascade": getPost(t, "posts", cascade.ID), "mit": getPost(t, "posts", mit.ID)}
	wantShown(t, "ejs", posts["ejs"],
		`<pre class="wp-block-code language-bash"><code>npm install @11ty/eleventy-plugin-ejs</code></pre>`,
		`<pre class="wp-block-code language-js"><code>import ejsPlugin from "@11ty/eleventy-plugin-ejs";`,
		"// use &lt;? ?&gt; instead of &lt;% %&gt;")
	if r := posts["ejs"].Content.Rendered; strings.Contains(r, "“") || strings.Contains(r, "&#8220;") || strings.Count(r, "<pre") != 2 {
		t.Errorf("ejs: want the two examples as code blocks with straight quotes:\n%s", r)
	}
	wantShown(t, "cascade", posts["cascade"], "<li>Computed data</li>", "<li>Global data files</li>")
	wantShown(t, "mit", posts["mit"], "youtube.com/watch?v=7U-1WnXpAnc",
		`<a href="`+cascade.Link+`">data cascade</a>`)
	if got := termNames(t, "tags", posts["mit"].Tags); !slices.Equal(got, []string{"blog"}) {
		t.Errorf("mit tags %q, want [blog] from blog/blog.json", got)
	}
	for name, p := range posts {
		noEleventySource(t, name, p)
	}
	editorAccepts(t, map[string]wpPost{"ejs.md": posts["ejs"], "cascade.md": posts["cascade"], "mit.md": posts["mit"]})
	secondRunWritesNothing(t, dir, 0)
	if err := os.Remove(filepath.Join(dir, ".wpsync", "state.json")); err != nil {
		t.Fatal(err)
	}
	secondRunWritesNothing(t, dir, 0)
}
