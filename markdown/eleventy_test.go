package markdown

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// eleventyParse parses src as a page of an Eleventy site whose
// _includes holds includes.
func eleventyParse(t *testing.T, engine, src string, includes map[string]string, mapped map[string]string) *Document {
	t.Helper()
	dir := t.TempDir()
	for name, body := range includes {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	site := &EleventySite{Engine: engine, Includes: dir, Shortcodes: mapped,
		Data: map[string]any{"site": map[string]any{"name": "Eleventy"}},
		Page: map[string]any{"fileSlug": "ejs", "url": "/docs/ejs/"}}
	doc, err := ParseWith("docs/ejs.md", []byte(src), Options{Format: FormatClassic, Site: &SiteRules{Eleventy: site, CollectionTags: []string{"post", "posts"}}})
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

func TestEleventyNunjucksCode(t *testing.T) {
	src := "---\ntitle: EJS\ntags: [post, templates]\n---\n\n[[toc]]\n\nInstall:\n\n{%- set codeBlock %}\nnpm install @11ty/eleventy-plugin-ejs\n{%- endset %}\n{{ codeBlock | highlight(\"bash\") | safe }}\n\n{% set codeContent %}\nimport ejsPlugin from \"@11ty/eleventy-plugin-ejs\";\n// use <? ?> instead of <% %>\n{% endset %}\n{% include \"snippets/def.njk\" %}\n\n{% include \"list.md\" %}\n\n{% youtubeEmbed \"7U-1WnXpAnc\" %}\n\n{% unmapped \"x\" %}\n\nSite {{ site.name | upper }} on {{ page.url }}; {{ \"A B\" | slugify }}.\n"
	doc := eleventyParse(t, "njk", src, map[string]string{
		"snippets/def.njk": "{% codetitle \"eleventy.config.js\" %}\n{{ codeContent | highlight(\"js\") | safe }}\n",
		"list.md":          "1. Computed data\n2. Front matter data\n",
	}, map[string]string{"youtubeEmbed": `<iframe src="https://www.youtube-nocookie.com/embed/{{ .Get 0 }}"></iframe>`})
	for _, want := range []string{
		`<code class="language-bash">npm install @11ty/eleventy-plugin-ejs`,
		`import ejsPlugin from &quot;@11ty/eleventy-plugin-ejs&quot;;`,
		`// use &lt;? ?&gt; instead of &lt;% %&gt;`,
		"<li>Computed data</li>",
		`https://www.youtube-nocookie.com/embed/7U-1WnXpAnc`,
		"Site ELEVENTY on /docs/ejs/; a-b.",
	} {
		if !strings.Contains(doc.Content, want) {
			t.Errorf("content lacks %q:\n%s", want, doc.Content)
		}
	}
	for _, bad := range []string{"{%", "{{", "[[toc]]", "“"} {
		if strings.Contains(doc.Content, bad) {
			t.Errorf("content shows %q:\n%s", bad, doc.Content)
		}
	}
	warned := strings.Join(doc.Warnings, "\n")
	for _, want := range []string{`shortcode "codetitle"`, `line 25: Nunjucks shortcode "unmapped"`, "[[toc]]"} {
		if !strings.Contains(warned, want) {
			t.Errorf("warnings lack %q:\n%s", want, warned)
		}
	}
	if strings.Join(doc.Tags, ",") != "templates" {
		t.Errorf("tags = %q, want [templates] (post is a collection)", doc.Tags)
	}
}

func TestEleventyLiquid(t *testing.T) {
	src := "---\ntitle: L\n---\n\n{% assign n = site.name | upcase %}Name: {{ n }} at {{ page.fileSlug }}.\n\n{% include \"list.md\" %}\n"
	doc := eleventyParse(t, "liquid", src, map[string]string{"list.md": "- one\n- two\n"}, nil)
	for _, want := range []string{"Name: ELEVENTY at ejs.", "<li>one</li>"} {
		if !strings.Contains(doc.Content, want) {
			t.Errorf("content lacks %q:\n%s", want, doc.Content)
		}
	}
}

func TestRewriteFilters(t *testing.T) {
	ours := func(n string) bool { return n == "hl" || n == "url" }
	for in, want := range map[string]string{
		`{{ a.b | hl("js") | safe }}`:          `{{ __wpsync_f_hl(a.b, "js") | safe }}`,
		`{{ "/x/" | url }}`:                    `{{ __wpsync_f_url("/x/") }}`,
		`{{ f(x) | url | hl }}`:                `{{ __wpsync_f_hl(__wpsync_f_url(f(x))) }}`,
		`{% if a | length %}x{% endif %}`:      `{% if a | length %}x{% endif %}`,
		`{{ "a|b" | upper }} and {{ y | hl }}`: `{{ "a|b" | upper }} and {{ __wpsync_f_hl(y) }}`,
	} {
		if got := rewriteFilters(in, ours); got != want {
			t.Errorf("rewriteFilters(%s) = %s, want %s", in, got, want)
		}
	}
}

func TestEleventyBlockNewlines(t *testing.T) {
	src := "---\ntitle: L\nsteps: [a, b]\n---\n\n{% for s in steps %}\n1. {{ s }}\n{%- endfor %}\n\n{% if true %}\nkept\n{% endif %}\n\n{% raw %}\n{% x %}\n{% endraw %}\n"
	doc := eleventyParse(t, "njk", src, nil, nil)
	for _, want := range []string{"<li>a</li>\n<li>b</li>", "<p>kept</p>", "{% x %}"} {
		if !strings.Contains(doc.Content, want) {
			t.Errorf("content lacks %q:\n%s", want, doc.Content)
		}
	}
}
