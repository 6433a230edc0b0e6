package e2e

import (
	"image/color"
	"os"
	"path/filepath"
	"regexp"
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
	if !slices.ContainsFunc(rep.Notes, func(w string) bool {
		return strings.Contains(w, "Eleventy: input folder src/ (dir.input in ../eleventy.config.js), templates run before Markdown: Nunjucks")
	}) {
		t.Errorf("run notes %q: want the input folder named", rep.Notes)
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

// TestEleventy_Site: a site of our own (testdata/sites/eleventy), synced
// from the project's folder: dir.input, includes and data folders of the
// configuration, global data, directory data files (posts.json with a
// permalink template, notes.11tydata.json), a Nunjucks page and a Liquid
// one (templateEngineOverride), a mapped shortcode, a site filter,
// permalink: false, eleventyExcludeFromCollections, an ignored folder,
// [[toc]], tags with post. No template syntax in prose, code stays code,
// links by address and by file resolve, the picture is uploaded once, and
// a second run and a run without the state file write nothing.
func TestEleventy_Site(t *testing.T) {
	dir := copyTree(t, filepath.Join("testdata", "sites", "eleventy"))
	writeBytes(t, dir, "content/img/el-kettle.png", pngBytes(t, color.RGBA{120, 60, 20, 255}))
	mark := site.Mark()
	rep := syncReport(t, dir, 0)
	brew := rep.want(t, "content/posts/2024-03-01-el-brew.md", "create",
		"line 8: [[toc]]", `Nunjucks filter "shout" is the site's own`)
	liquid := rep.want(t, "content/posts/2024-03-05-el-liquid.md", "create")
	page := rep.want(t, "content/notes/el-page.md", "create")
	rep.want(t, "content/notes/el-stub.md", "skipped", "permalink: false")
	rep.want(t, "content/notes/el-hidden.md", "skipped", "eleventyExcludeFromCollections: true")
	for _, p := range []string{"content/_partials/stray.md", "content/_globals/readme.md", "content/notes/private/el-private.md"} {
		if it, ok := rep.byPath[p]; ok && it.Action != "skipped" {
			t.Errorf("%s: %s, want it not published", p, it.Action)
		}
	}
	if n := len(uploads(t, mark)); n != 1 {
		t.Errorf("%d uploads, want the picture once", n)
	}
	if rep.Summary.Leftovers != 0 {
		t.Errorf("leftovers: %+v", rep.Items)
	}
	posts := map[string]wpPost{"brew": getPost(t, "posts", brew.ID), "liquid": getPost(t, "posts", liquid.ID), "page": getPost(t, "posts", page.ID)}
	wantShown(t, "brew", posts["brew"],
		"The Kettle Club, brewing since 1999, does it so:",
		"<li>Boil the water</li>", "<li>Steep four minutes</li>",
		`We own <span class="kettle">3 kettles</span>.`, "Our motto: less is more.",
		`<pre class="wp-block-code language-js"><code>const pot = {"tea": "Assam", "water": 500};`,
		`// keep &lt;% %&gt; and "quotes" as written</code></pre>`,
		"{{ club.name }} stays as written in this code.",
		`<a href="`+liquid.Link+`">the Liquid note</a>`)
	wantShown(t, "liquid", posts["liquid"], "Written in Liquid by KETTLE CLUB about el-liquid.",
		"Included only, from the partials folder.", `<a href="`+brew.Link+`">how we brew</a>`)
	wantShown(t, "page", posts["page"], "The KETTLE CLUB meets on Mondays", `<a href="`+brew.Link+`">how we brew</a>`)
	for name, p := range posts {
		prose := codeBlock.ReplaceAllString(p.Content.Rendered, "")
		for _, s := range eleventySource {
			if strings.Contains(prose, s) {
				t.Errorf("%s shows %q outside code:\n%s", name, s, p.Content.Rendered)
			}
		}
	}
	for name, want := range map[string][]string{"brew": {"tea"}, "liquid": {"liquid", "tea"}, "page": {"notes"}} {
		got := termNames(t, "tags", posts[name].Tags)
		slices.Sort(got)
		if !slices.Equal(got, want) {
			t.Errorf("%s tags %q, want %q (post is a collection)", name, got, want)
		}
	}
	srcs := map[string]string{}
	for _, name := range []string{"brew", "page"} {
		if m := uploadedSrc.FindStringSubmatch(posts[name].Content.Rendered); m != nil {
			srcs[name] = m[1]
		}
	}
	if srcs["brew"] == "" || srcs["brew"] != srcs["page"] {
		t.Errorf("the picture: %q, want one upload shown in both posts", srcs)
	}
	editorAccepts(t, map[string]wpPost{"brew.md": posts["brew"], "liquid.md": posts["liquid"], "page.md": posts["page"]})
	secondRunWritesNothing(t, dir, 0)
	if err := os.Remove(filepath.Join(dir, ".wpsync", "state.json")); err != nil {
		t.Fatal(err)
	}
	secondRunWritesNothing(t, dir, 0)
}

// codeBlock is a code block of a post's HTML.
var codeBlock = regexp.MustCompile(`(?s)<pre[^>]*>.*?</pre>`)
