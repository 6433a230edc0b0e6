package markdown

import (
	"strings"
	"testing"
)

// TestHexo_TagPlugins renders each of Hexo's tag plugins: no tag is left
// in the HTML, code stays code, and what each shows is there.
func TestHexo_TagPlugins(t *testing.T) {
	src := "---\ntitle: Tags\ncategories: [Tech, Go]\n---\n" + `Intro for {{ title }}.
second line

<!-- more -->

{% codeblock app.js lang:js %}
const a = "{{ not a var }}";
{% endcodeblock %}

` + "```python\nprint('{% raw %}')\n```" + `

Use ` + "`{{ x }}`" + ` inline.

{% blockquote David Levithan, Wide Awake %}
Do not just want, but be.
{% endblockquote %}

{% youtube dQw4w9WgXcQ %}

See {% post_link other-post %} and {% post_link other-post "the other one" %}.

{% asset_img shot.png "A shot" %}

{% img /images/cup.png 100 100 '"Cup title" "Cup alt"' %}

{% asset_img plate.png A plate on the table %}

{% link Hexo https://hexo.io true Hexo's site %}

{% pullquote %}
Pulled.
{% endpullquote %}

{% iframe https://example.com/frame 400 300 %}

{% note info %}
Inside a theme tag.
{% endnote %}

{% raw %}<span class="k">kept</span>{% endraw %}
`
	site := &HexoSite{File: "source/_posts/tags.md", AssetFolder: "tags", Breaks: true,
		Posts: map[string]HexoPost{"other-post": {Rel: "source/_posts/other-post.md", Title: "Other post"}}}
	doc, err := ParseWith("source/_posts/tags.md", []byte(src), Options{Format: FormatBlocks, Site: &SiteRules{Hexo: site, CategoryPaths: true}})
	if err != nil {
		t.Fatal(err)
	}
	c := doc.Content
	for _, want := range []string{
		"Intro for Tags.<br>",
		"<!-- wp:more -->",
		`const a = "{{ not a var }}";`,
		`print('{% raw %}')`,
		"<code>{{ x }}</code>",
		"Do not just want, but be.",
		"<strong>David Levithan</strong>, <cite>Wide Awake</cite>",
		"wp:embed",
		"https://www.youtube.com/watch?v=dQw4w9WgXcQ",
		`>Other post</a>`,
		`>the other one</a>`,
		`tags/shot.png`,
		"A shot",
		`src="/images/cup.png" alt="Cup alt"/><figcaption class="wp-element-caption">Cup title</figcaption>`,
		`src="tags/plate.png" alt="A plate on the table"/><figcaption class="wp-element-caption">A plate on the table</figcaption>`,
		`href="https://hexo.io"`,
		"Pulled.",
		`<iframe src="https://example.com/frame" width="400" height="300"`,
		"Inside a theme tag.",
		`<span class="k">kept</span>`,
	} {
		if !strings.Contains(c, want) {
			t.Errorf("content lacks %q:\n%s", want, c)
		}
	}
	if strings.Contains(c, "{% note") || strings.Contains(c, "{% endnote") || strings.Contains(c, "WPSYNCHEXO") {
		t.Errorf("a tag or a placeholder is left:\n%s", c)
	}
	if len(doc.Categories) != 1 || doc.Categories[0] != "Tech/Go" {
		t.Errorf("Categories = %q, want [Tech/Go]", doc.Categories)
	}
	var warned bool
	for _, w := range doc.Warnings {
		if strings.Contains(w, `"note"`) && strings.Contains(w, "line 42") {
			warned = true
		}
	}
	if !warned {
		t.Errorf("no warning names the theme's tag note on line 42: %q", doc.Warnings)
	}
	var refs []string
	for _, r := range doc.Refs {
		refs = append(refs, r.Path)
	}
	if !strings.Contains(strings.Join(refs, " "), "source/_posts/other-post.md") || !strings.Contains(strings.Join(refs, " "), "source/_posts/tags/shot.png") {
		t.Errorf("Refs = %q, want the other post and the asset picture", refs)
	}
}

// TestHexo_Categories reads Hexo's category lists: a list is one
// hierarchy, a list of lists several.
func TestHexo_Categories(t *testing.T) {
	for _, tt := range []struct{ fm, want string }{
		{"categories: [A, B]", "A/B"},
		{"categories: [[A], [B]]", "A B"},
		{"categories: [[A, B], [C]]", "A/B C"},
		{"categories: Diary", "Diary"},
	} {
		doc, err := ParseWith("source/_posts/a.md", []byte("---\ntitle: x\n"+tt.fm+"\n---\nx\n"), Options{Site: &SiteRules{CategoryPaths: true}})
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.Join(doc.Categories, " "); got != tt.want {
			t.Errorf("%s: Categories = %q, want %q", tt.fm, got, tt.want)
		}
	}
}

// TestHexo_DisableNunjucks: front matter disableNunjucks: true keeps the
// body's braces as written, as Hexo does; the site's marked setting is
// overridden by it.
func TestHexo_DisableNunjucks(t *testing.T) {
	src := "---\ntitle: T\ndisableNunjucks: true\n---\nWrite {% youtube x %} here.\n"
	doc, err := ParseWith("source/_posts/t.md", []byte(src), Options{Site: &SiteRules{Hexo: &HexoSite{File: "source/_posts/t.md"}}})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(doc.Content, "Write {% youtube x %} here.") {
		t.Errorf("content %q, want the tag as written", doc.Content)
	}
	src = strings.Replace(src, "disableNunjucks: true", "disableNunjucks: false", 1)
	doc, err = ParseWith("source/_posts/t.md", []byte(src), Options{Site: &SiteRules{Hexo: &HexoSite{File: "source/_posts/t.md", NoNunjucks: true}}})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(doc.Content, "{%") || !strings.Contains(doc.Content, "youtube.com/watch?v=x") {
		t.Errorf("content %q, want the video", doc.Content)
	}
}
