package markdown

import (
	"math/rand/v2"
	"sort"
	"strings"
	"testing"
)

func TestConvert_Hugo(t *testing.T) {
	tests := []struct {
		name, src string
		blocks    []string // in the blocks format's output
		classic   []string // in the classic format's output
		warn      string
	}{
		{
			name:    "youtube alone on its line is an embed",
			src:     "Intro.\n{{< youtube w7Ft2ymGmfc >}}\nAfter.\n",
			blocks:  []string{`<!-- wp:embed {"url":"https://www.youtube.com/watch?v=w7Ft2ymGmfc","type":"video","providerNameSlug":"youtube"`, "<p>Intro.</p>", "<p>After.</p>"},
			classic: []string{"<p>https://www.youtube.com/watch?v=w7Ft2ymGmfc</p>"},
		},
		{
			name:    "youtube with a named id, vimeo",
			src:     "{{< youtube id=\"abc\" autoplay=\"true\" >}}\n\n{{< vimeo 146022717 >}}\n",
			blocks:  []string{`"url":"https://www.youtube.com/watch?v=abc"`, `"url":"https://vimeo.com/146022717"`, `"providerNameSlug":"vimeo"`},
			classic: []string{"<p>https://vimeo.com/146022717</p>"},
		},
		{
			name:    "youtube inside a sentence is a link",
			src:     "Watch {{< youtube abc >}} now.\n",
			classic: []string{`Watch <a href="https://www.youtube.com/watch?v=abc">https://www.youtube.com/watch?v=abc</a> now.`},
		},
		{
			name:    "tweet and gist",
			src:     "{{< tweet user=\"SanDiegoZoo\" id=\"1453110110599868418\" >}}\n\n{{< gist spf13 7896402 >}}\n",
			classic: []string{"<p>https://twitter.com/SanDiegoZoo/status/1453110110599868418</p>", `<a href="https://gist.github.com/spf13/7896402">`},
		},
		{
			name:    "figure is an image with its caption",
			src:     "{{< figure src=\"sunset.jpg\" alt=\"Sun\" caption=\"A \\\"red\\\" sunset\" link=\"https://example.com\" >}}\n",
			blocks:  []string{`<figure class="wp-block-image"><a href="https://example.com"><img src="sunset.jpg" alt="Sun"/></a><figcaption class="wp-element-caption">A "red" sunset</figcaption></figure>`},
			classic: []string{`<figure class="wp-caption"><a href="https://example.com"><img src="sunset.jpg" alt="Sun"></a><figcaption class="wp-caption-text">A "red" sunset</figcaption></figure>`},
		},
		{
			name:    "highlight is a code block, in both delimiter styles",
			src:     "{{< highlight go \"linenos=table\" >}}\nfunc main() {\n\tprintln(\"```\")\n}\n{{< /highlight >}}\n\n{{% highlight sh %}}\necho hi\n{{% /highlight %}}\n",
			blocks:  []string{`<pre class="wp-block-code language-go"><code>func main() {` + "\n\tprintln(\"```\")\n}</code></pre>", `language-sh"><code>echo hi</code>`},
			classic: []string{`<pre><code class="language-go">func main() {`},
		},
		{
			name:    "ref becomes a link to resolve",
			src:     "See [the guide]({{< ref \"guide.md#install\" >}}) and [docs]({{< relref path=\"/docs\" >}}).\n",
			classic: []string{`<a href="guide.md#install">the guide</a>`, `<a href="/docs">docs</a>`},
		},
		{
			name:    "unknown shortcode: its tags left out, what it encloses kept, with a warning",
			src:     "{{% notice tip %}}\n*Hi*\n{{% /notice %}}\n\n{{< notice >}}\n",
			classic: []string{"<p><em>Hi</em></p>"},
			warn:    `line 1: unknown Hugo shortcode "notice" ({{% notice tip %}}): its tags are left out, what it encloses is kept as written; map it`,
		},
		{
			name:    "an unknown shortcode's code is kept as written",
			src:     "Set:\n\n{{< code-toggle file=hugo >}}\n[a]\nb = 1\n{{< /code-toggle >}}\n",
			classic: []string{"<p>Set:</p>\n<pre><code>[a]\nb = 1\n</code></pre>"},
			warn:    `line 3: unknown Hugo shortcode "code-toggle"`,
		},
		{
			name:    "built-ins: param, details, instagram, qr, comment",
			src:     "---\ntitle: T\nversion: \"1.2\"\n---\nVersion {{< param version >}}.\n\n{{< details summary=\"More\" >}}\n**Inside**\n{{< /details >}}\n\n{{< instagram BWNjjyYFxVx >}}\n\n{{< qr text=\"https://example.org/q\" />}}\n\n{{% comment %}}gone{{% /comment %}}\n",
			classic: []string{"<p>Version 1.2.</p>", "<details>\n<summary>More</summary>\n<p><strong>Inside</strong></p>\n</details>", "https://www.instagram.com/p/BWNjjyYFxVx/", `<a href="https://example.org/q">`},
		},
		{
			name:    "escaped shortcodes show as written, code blocks included",
			src:     "Write {{</* youtube ID */>}}.\n\n```\n{{</* figure src=\"x\" */>}}\n{{< youtube kept >}}\n```\n",
			classic: []string{"Write {{&lt; youtube ID &gt;}}.", "{{&lt; figure src=&quot;x&quot; &gt;}}\n{{&lt; youtube kept &gt;}}"},
		},
		{
			name:    "in code spans nothing is converted",
			src:     "Use `{{< youtube ID >}}` in Hugo.\n",
			classic: []string{"<code>{{&lt; youtube ID &gt;}}</code>"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, format := range []string{FormatBlocks, FormatClassic} {
				doc, err := ParseWith("post/x.md", []byte(tt.src), Options{Format: format, Site: plainRules()})
				if err != nil {
					t.Fatal(err)
				}
				want := tt.classic
				if format == FormatBlocks {
					want = tt.blocks
				}
				for _, s := range want {
					if !strings.Contains(doc.Content, s) {
						t.Errorf("%s output lacks %q:\n%s", format, s, doc.Content)
					}
				}
				if tt.warn == "" && len(doc.Warnings) > 0 || tt.warn != "" && (len(doc.Warnings) != 1 || !strings.Contains(doc.Warnings[0], tt.warn)) {
					t.Errorf("%s warnings %q, want %q", format, doc.Warnings, tt.warn)
				}
			}
		})
	}
}

func TestConvert_HugoRefsResolved(t *testing.T) {
	var asked []Ref
	src := "![x]({{< ref \"/images/a.png\" >}}) [g]({{< ref \"guide\" >}}) {{< figure src=\"pics/b.png\" caption=\"B\" >}}\n"
	doc, err := ParseWith("post/x/index.md", []byte(src), Options{Format: FormatBlocks, Site: plainRules(), Resolve: func(r Ref) (string, bool) {
		asked = append(asked, r)
		return "", false
	}})
	if err != nil {
		t.Fatal(err)
	}
	var paths []string
	for _, r := range asked {
		paths = append(paths, string(r.Kind)+":"+r.Path)
	}
	want := "image:/images/a.png link:post/x/guide image:post/x/pics/b.png"
	if strings.Join(paths, " ") != want {
		t.Errorf("asked %v, want %s", paths, want)
	}
	if strings.Contains(doc.Content, refScheme) {
		t.Errorf("the converter's scheme leaked:\n%s", doc.Content)
	}
}

func TestConvert_Jekyll(t *testing.T) {
	tests := []struct {
		name, src string
		classic   []string
		warn      string
	}{
		{
			name:    "highlight",
			src:     "{% highlight ruby linenos %}\nputs 1\n{% endhighlight %}\n",
			classic: []string{`<pre><code class="language-ruby">puts 1`},
		},
		{
			name:    "raw, also inside code blocks",
			src:     "{% raw %}{{ page.title }}{% endraw %}\n\n```liquid\n{% raw %}{% if x %}{% endraw %}\n```\n",
			classic: []string{"<p>{{ page.title }}</p>", "<code class=\"language-liquid\">{% if x %}\n</code>"},
		},
		{
			name:    "site.baseurl and relative_url are paths from the root",
			src:     "![a]({{ site.baseurl }}/assets/a.png) ![b]({{ \"/assets/b.png\" | relative_url }}) ![c]({{site.url}}{{ site.baseurl }}/c.png)\n",
			classic: []string{`src="/assets/a.png"`, `src="/assets/b.png"`, `src="/c.png"`},
		},
		{
			name:    "post_url and link",
			src:     "[a]({% post_url 2024-01-02-hello %}) [b]({% link _pages/about.md %})\n",
			classic: []string{`href="/_posts/2024-01-02-hello"`, `href="/_pages/about.md"`},
		},
		{
			name:    "comments vanish",
			src:     "a{% comment %} secret {% endcomment %}b\n",
			classic: []string{"<p>ab</p>"},
		},
		{
			name:    "a missing include and an undefined variable show nothing, with a warning",
			src:     "{% include note.html %}\n\nTitle: {{ page.subtitle }}\n",
			classic: []string{"<p>Title:</p>"},
			warn:    `Liquid {% include note.html %} could not be rendered (no such file in _includes/): left out`,
		},
		{
			name:    "double braces are Liquid in a Jekyll page",
			src:     "Vue writes {{ count }}.\n",
			classic: []string{"<p>Vue writes .</p>"},
		},
		{
			name:    "a plugin's tag and filter are left out, with a warning",
			src:     "{% seo %}\n\nA {{ \"b\" | emojify }} c.\n",
			classic: []string{"<p>A b c.</p>"},
			warn:    `Liquid tag "seo" is not Jekyll's`,
		},
		{
			name:    "the page's front matter is page, assign and filters work",
			src:     "{% assign n = page.tags | size %}{{ page.title | upcase }} has {{ n }} tags: {{ page.tags | join: \", \" }}.\n",
			classic: []string{"<p>X has 2 tags: a, b.</p>"},
		},
		{
			name:    "a value inside an attribute",
			src:     "<img src=\"{{ page.avatar_url }}\" alt=\"me\">\n",
			classic: []string{`<img src="" alt="me">`},
			warn:    "page.avatar_url is not defined",
		},
		{
			name:    "an inline link made with an undefined value, beside raw HTML",
			src:     "<img src=\"{{ page.avatar }}\" alt=\"a\"> [home]({{ site.home }}/index) and [kept](/kept)\n",
			classic: []string{`<p><img src="" alt="a"> home and <a href="/kept">kept</a></p>`},
			warn:    "line 5: Liquid output {{ page.avatar }}: page.avatar is not defined",
		},
		{
			name:    "a definition with an undefined value stays a definition",
			src:     "The [shelf][s] and the [wiki][w].\n\n[s]: {{ site.club_url }}/shelf\n[w]: https://wiki.example.org/kiln\n",
			classic: []string{`<p>The shelf and the <a href="https://wiki.example.org/kiln">wiki</a>.</p>`},
			warn:    "line 7: Liquid output {{ site.club_url }}: site.club_url is not defined by the site (_config.yml)",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := "---\ntitle: x\ntags: [a, b]\n---\n" + tt.src
			doc, err := ParseWith("_posts/2024-01-03-x.md", []byte(src), Options{Format: FormatClassic, Site: jekyllRules()})
			if err != nil {
				t.Fatal(err)
			}
			for _, s := range tt.classic {
				if !strings.Contains(doc.Content, s) {
					t.Errorf("output lacks %q:\n%s", s, doc.Content)
				}
			}
			if tt.warn == "" && len(doc.Warnings) > 0 || tt.warn != "" && (len(doc.Warnings) == 0 || !strings.Contains(doc.Warnings[0], tt.warn)) {
				t.Errorf("warnings %q, want %q", doc.Warnings, tt.warn)
			}
		})
	}
}

func TestConvert_JekyllExcerptSeparator(t *testing.T) {
	src := "---\nexcerpt_separator: <!-- cut -->\n---\nTeaser.\n<!-- cut -->\nRest, and <!-- cut --> again.\n"
	doc, err := ParseWith("_posts/2024-01-03-x.md", []byte(src), Options{Format: FormatBlocks, Site: jekyllRules()})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(doc.Content, "<!-- wp:more -->\n<!--more-->\n<!-- /wp:more -->") || strings.Count(doc.Content, "<!-- cut -->") != 1 {
		t.Errorf("the first separator is not a More block:\n%s", doc.Content)
	}
}

func TestConvert_WarningLines(t *testing.T) {
	src := "---\ntitle: x\n---\nOne.\n\n{{< youtube a >}}\n\n{{< mystery >}}\n\n{% include y %}\n"
	doc, err := ParseWith("x.md", []byte(src), Options{Site: plainRules()})
	if err != nil {
		t.Fatal(err)
	}
	if len(doc.Warnings) != 2 || !strings.HasPrefix(doc.Warnings[0], "line 8: ") || !strings.HasPrefix(doc.Warnings[1], "line 10: ") {
		t.Errorf("warnings %q, want lines 8 and 10", doc.Warnings)
	}
}

// TestTemplater_InCode checks inCode, which parses the source only when a
// tag may be in code, against the parse done up front.
func TestTemplater_InCode(t *testing.T) {
	r := rand.New(rand.NewPCG(11, 12))
	pieces := []string{"{{< x >}}", "{% y %}", "{", "a", " ", "`", "``", "```", "~~~", "\n", "\n\n", "\n  \n", "    ", "\t", "> ", "- ",
		"1. ", "[l](", ")", "<a href='`'>", "\\`", "*", "|", "---", "\n    ", "\n\t"}
	for range 20000 {
		var b strings.Builder
		for n := r.IntN(30); n > 0; n-- {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		src := []byte(b.String())
		code := codeRanges(src)
		want := func(off int) bool {
			i := sort.Search(len(code), func(i int) bool { return code[i][1] > off })
			return i < len(code) && code[i][0] <= off
		}
		tp := newTemplater(nil, src, Options{})
		for off, c := range src {
			if c == '{' && tp.inCode(off) != want(off) {
				t.Fatalf("inCode(%d) = %v in %q", off, !want(off), src)
			}
		}
	}
}
