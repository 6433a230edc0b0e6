package markdown

import (
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// blockGoldenFiles lists the inputs of the blocks-format golden tests: the
// classic golden inputs (testdata/NAME.md) and those for blocks only
// (testdata/blocks/NAME.md). Each one's output is testdata/blocks/NAME.html,
// which e2e/editor_test.go also checks with WordPress's block editor.
func blockGoldenFiles(tb testing.TB) []string {
	tb.Helper()
	only, err := filepath.Glob(filepath.Join("testdata", "blocks", "*.md"))
	if err != nil || len(only) == 0 {
		tb.Fatalf("no golden files in testdata/blocks: %v", err)
	}
	files := goldenFiles(tb)
	seen := map[string]bool{}
	for _, f := range files {
		seen[filepath.Base(f)] = true
	}
	for _, f := range only {
		if seen[filepath.Base(f)] {
			tb.Fatalf("%s: testdata/%s has the same name, and the same output file", f, filepath.Base(f))
		}
	}
	return append(files, only...)
}

// goldenMarkups are the block markups with golden files: today's in
// testdata/blocks, WordPress 6.1's in testdata/blocks-wp61 (the one
// directory holds the inputs of both). e2e/blocklib checks the first with
// today's block library from npm, e2e/editor_test.go the second with
// WordPress 6.1's own editor.
var goldenMarkups = []struct {
	dir    string
	markup Markup
}{
	{"blocks", Markup{}},
	{"blocks-wp61", MarkupWP61},
}

// TestParse_GoldenBlocks renders each golden input through Parse in the
// blocks format, in each golden markup, and compares the Content with
// testdata/DIR/NAME.html (rewritten with -update).
func TestParse_GoldenBlocks(t *testing.T) {
	for _, gm := range goldenMarkups {
		for _, md := range blockGoldenFiles(t) {
			name := strings.TrimSuffix(filepath.Base(md), ".md")
			t.Run(gm.dir+"/"+name, func(t *testing.T) {
				src, err := os.ReadFile(md)
				if err != nil {
					t.Fatal(err)
				}
				doc, err := ParseWith(filepath.Base(md), src, Options{Format: FormatBlocks, Markup: gm.markup, Site: goldenRules(strings.TrimSuffix(filepath.Base(md), ".md"))})
				if err != nil {
					t.Fatalf("Parse: %v", err)
				}
				if doc.Format != FormatBlocks {
					t.Errorf("Format = %q, want blocks", doc.Format)
				}
				compareGolden(t, filepath.Join("testdata", gm.dir, name+".html"), doc.Content)
				if *update {
					return
				}
				checkBlockMarkup(t, doc.Content)
				written := strings.Count(string(src), "  \n") + strings.Count(string(src), "\\\n") + strings.Count(string(src), "<br")
				if strings.Count(doc.Content, "<br") > written {
					t.Errorf("more <br> than the %d line breaks of the source:\n%s", written, doc.Content)
				}
			})
		}
	}
}

var delimiter = regexp.MustCompile(`<!-- (/?)wp:([a-z][a-z0-9_-]*(?:/[a-z][a-z0-9_-]*)?) ((?:\{.*?\} )?)(/?)-->`)

// checkBlockMarkup checks the frame the editor's parser reads: blocks
// separated by blank lines, nothing outside them, every opened block
// closed in order, a newline inside each delimiter.
func checkBlockMarkup(t *testing.T, s string) {
	t.Helper()
	var open []string
	pos := 0
	for _, m := range delimiter.FindAllStringSubmatchIndex(s, -1) {
		closing, name := s[m[2]:m[3]] == "/", s[m[4]:m[5]]
		between := s[pos:m[0]]
		if len(open) == 0 && !(pos == 0 && between == "" || between == "\n\n") {
			t.Errorf("%q outside blocks before %s at byte %d", between, s[m[0]:m[1]], m[0])
		}
		switch {
		case closing:
			if len(open) == 0 || open[len(open)-1] != name {
				t.Errorf("%s closes %v at byte %d", s[m[0]:m[1]], open, m[0])
				return
			}
			if !strings.HasSuffix(between, "\n") {
				t.Errorf("no newline before %s at byte %d", s[m[0]:m[1]], m[0])
			}
			open = open[:len(open)-1]
		case s[m[8]:m[9]] == "/":
		default:
			open = append(open, name)
			if !strings.HasPrefix(s[m[1]:], "\n") {
				t.Errorf("no newline after %s at byte %d", s[m[0]:m[1]], m[0])
			}
		}
		pos = m[1]
	}
	if len(open) > 0 || pos != len(s) {
		t.Errorf("blocks %v left open, or text after the last block: %q", open, s[pos:])
	}
}

func TestRenderBlocks(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"paragraph", "a\nb", "<!-- wp:paragraph -->\n<p>a b</p>\n<!-- /wp:paragraph -->"},
		{"two blocks", "a\n\nb", "<!-- wp:paragraph -->\n<p>a</p>\n<!-- /wp:paragraph -->\n\n<!-- wp:paragraph -->\n<p>b</p>\n<!-- /wp:paragraph -->"},
		{"quotes as innerHTML has them", `"a" & b`, "<!-- wp:paragraph -->\n<p>\"a\" &amp; b</p>\n<!-- /wp:paragraph -->"},
		{"no-break space", "a&nbsp;b", "<!-- wp:paragraph -->\n<p>a&nbsp;b</p>\n<!-- /wp:paragraph -->"},
		{"hard break", "a  \nb", "<!-- wp:paragraph -->\n<p>a<br>b</p>\n<!-- /wp:paragraph -->"},
		{"heading level 2 is the default", "## H", "<!-- wp:heading -->\n<h2 class=\"wp-block-heading\">H</h2>\n<!-- /wp:heading -->"},
		{"heading level", "### H", "<!-- wp:heading {\"level\":3} -->\n<h3 class=\"wp-block-heading\">H</h3>\n<!-- /wp:heading -->"},
		{"separator", "---", "<!-- wp:separator -->\n<hr class=\"wp-block-separator has-alpha-channel-opacity\"/>\n<!-- /wp:separator -->"},
		{"ordered list", "2. a\n3. b", "<!-- wp:list {\"ordered\":true,\"start\":2} -->\n<ol start=\"2\" class=\"wp-block-list\"><!-- wp:list-item -->\n<li>a</li>\n<!-- /wp:list-item -->\n\n<!-- wp:list-item -->\n<li>b</li>\n<!-- /wp:list-item --></ol>\n<!-- /wp:list -->"},
		{"quote", "> a", "<!-- wp:quote -->\n<blockquote class=\"wp-block-quote\"><!-- wp:paragraph -->\n<p>a</p>\n<!-- /wp:paragraph --></blockquote>\n<!-- /wp:quote -->"},
		{"code", "```js\na[0] < 1\n```", "<!-- wp:code {\"className\":\"language-js\"} -->\n<pre class=\"wp-block-code language-js\"><code>a&#91;0] &lt; 1</code></pre>\n<!-- /wp:code -->"},
		{"code with an isolated URL", "```\nhttps://a.com/x\n```", "<!-- wp:code -->\n<pre class=\"wp-block-code\"><code>https:&#47;&#47;a.com/x</code></pre>\n<!-- /wp:code -->"},
		{"image", `![a "b"](/x.png "Cap")`, "<!-- wp:image -->\n<figure class=\"wp-block-image\"><img src=\"/x.png\" alt=\"a &quot;b&quot;\"/><figcaption class=\"wp-element-caption\">Cap</figcaption></figure>\n<!-- /wp:image -->"},
		{"shortcode", `[gallery ids="1,2"]`, "<!-- wp:shortcode -->\n[gallery ids=\"1,2\"]\n<!-- /wp:shortcode -->"},
		{"shortcode pair", "[caption]a\n*b*[/caption]", "<!-- wp:shortcode -->\n[caption]a <em>b</em>[/caption]\n<!-- /wp:shortcode -->"},
		{"shortcode in text", `a [gallery ids="1"]`, "<!-- wp:paragraph -->\n<p>a [gallery ids=\"1\"]</p>\n<!-- /wp:paragraph -->"},
		{"more", "<!--more-->", "<!-- wp:more -->\n<!--more-->\n<!-- /wp:more -->"},
		{"youtube", "https://youtu.be/x?t=1&a=2", "<!-- wp:embed {\"url\":\"https://youtu.be/x?t=1\\u0026a=2\",\"type\":\"video\",\"providerNameSlug\":\"youtube\",\"responsive\":true,\"className\":\"wp-embed-aspect-16-9 wp-has-aspect-ratio\"} -->\n<figure class=\"wp-block-embed is-type-video is-provider-youtube wp-block-embed-youtube wp-embed-aspect-16-9 wp-has-aspect-ratio\"><div class=\"wp-block-embed__wrapper\">\nhttps://youtu.be/x?t=1&amp;a=2\n</div></figure>\n<!-- /wp:embed -->"},
		{"other URL", "https://example.com/", "<!-- wp:paragraph -->\n<p>https://example.com/</p>\n<!-- /wp:paragraph -->"},
		{"raw HTML", "<div>\na</div>", "<!-- wp:html -->\n<div>\na</div>\n<!-- /wp:html -->"},
		{"raw HTML as the browser reads it", "<table><tr><td>a</td></tr></table>", "<!-- wp:html -->\n<table><tbody><tr><td>a</td></tr></tbody></table>\n<!-- /wp:html -->"},
		{"a block element in a paragraph", "a <span>b", "<!-- wp:html -->\n<p>a <span>b</span></p>\n<!-- /wp:html -->"},
		{"link reference definitions show nothing", "[a]: /x\n\nb", "<!-- wp:paragraph -->\n<p>b</p>\n<!-- /wp:paragraph -->"},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := RenderBlocks([]byte(tt.src))
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("RenderBlocks(%q)\n got %q\nwant %q", tt.src, got, tt.want)
			}
			checkBlockMarkup(t, got)
		})
	}
}

// TestParseWith_Markup checks each difference of Markup on its own, so
// that a site whose editor has some of them gets exactly those.
func TestParseWith_Markup(t *testing.T) {
	const src = "## H {#h}\n\n- a\n\n| x |\n|---|\n| 1 |\n"
	heading := func(m Markup) string {
		comment, html := `<!-- wp:heading {"anchor":"h"} -->`, `<h2 id="h" class="wp-block-heading">H</h2>`
		if m.AnchorsFromID {
			comment, html = `<!-- wp:heading -->`, `<h2 class="wp-block-heading" id="h">H</h2>`
		}
		if m.PlainHeadings {
			html = `<h2 id="h">H</h2>`
		}
		return comment + "\n" + html
	}
	list := map[bool]string{false: `<ul class="wp-block-list">`, true: `<ul>`}
	table := map[bool]string{false: `<!-- wp:table {"hasFixedLayout":false} -->`, true: `<!-- wp:table -->`}
	markups := []Markup{
		{}, {PlainHeadings: true}, {PlainLists: true}, {FlexibleTables: true}, {AnchorsFromID: true},
		{PlainLists: true, FlexibleTables: true, AnchorsFromID: true}, // 6.2 to 6.5
		MarkupWP61,
	}
	for _, m := range markups {
		t.Run(m.String(), func(t *testing.T) {
			opts := Options{Format: FormatBlocks, Markup: m, Site: hugoRules()}
			doc, err := ParseWith("x.md", []byte(src), opts)
			if err != nil {
				t.Fatal(err)
			}
			for _, want := range []string{heading(m), list[m.PlainLists], table[m.FlexibleTables]} {
				if !strings.Contains(doc.Content, want) {
					t.Errorf("no %s in\n%s", want, doc.Content)
				}
			}
			if got := ParseMarkup(m.String()); got != m {
				t.Errorf("ParseMarkup(%q) = %+v, want %+v", m.String(), got, m)
			}
			opts.Format = FormatClassic
			classic, err := ParseWith("x.md", []byte(src), opts)
			if err != nil {
				t.Fatal(err)
			}
			if strings.Contains(classic.Content, "wp-block") || strings.Contains(classic.Content, "anchor") {
				t.Errorf("classic format with %s has block markup:\n%s", m, classic.Content)
			}
		})
	}
}

func TestParseWith_Format(t *testing.T) {
	tests := []struct {
		name, src, opt, want string
	}{
		{"default", "a", "", DefaultFormat},
		{"option", "a", FormatClassic, FormatClassic},
		{"front matter wins", "---\nformat: classic\n---\na", FormatBlocks, FormatClassic},
		{"front matter blocks", "---\nformat: Blocks\n---\na", FormatClassic, FormatBlocks},
		{"empty field is no field", "---\nformat: \"\"\n---\na", FormatClassic, FormatClassic},
		{"a post format is not a content format", "---\nformat: aside\n---\na", FormatClassic, FormatClassic},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := ParseWith("x.md", []byte(tt.src), Options{Format: tt.opt})
			if err != nil {
				t.Fatal(err)
			}
			if doc.Format != tt.want {
				t.Errorf("Format = %q, want %q", doc.Format, tt.want)
			}
			isBlocks := strings.HasPrefix(doc.Content, "<!-- wp:paragraph -->")
			if isBlocks != (tt.want == FormatBlocks) {
				t.Errorf("Content %q is not in format %s", doc.Content, tt.want)
			}
		})
	}
	if doc, err := Parse("x.md", []byte("a")); err != nil || doc.Format != DefaultFormat {
		t.Errorf("Parse: format %q, %v; want the default", doc.Format, err)
	}

	_, err := ParseWith("x.md", []byte("---\nformat: gutenberg\n---\na"), Options{})
	var e *Error
	if !errors.As(err, &e) || e.Field != "format" || e.Line != 2 || !strings.Contains(e.Msg, `"gutenberg"`) || !strings.Contains(e.Hint, "blocks or classic") {
		t.Errorf("bad format field: %v, want an *Error naming the field, line and value", err)
	}
	if _, err := ParseWith("x.md", []byte("a"), Options{Format: "html"}); err == nil {
		t.Error("unknown Options.Format: no error")
	}
}

func TestParseWith_ImageID(t *testing.T) {
	ids := map[string]int{"/a.png": 12}
	doc, err := ParseWith("x.md", []byte("![A](/a.png)\n\n![B](/b.png)"), Options{ImageID: func(url string) int { return ids[url] }})
	if err != nil {
		t.Fatal(err)
	}
	want := "<!-- wp:image {\"id\":12} -->\n<figure class=\"wp-block-image\"><img src=\"/a.png\" alt=\"A\" class=\"wp-image-12\"/></figure>\n<!-- /wp:image -->\n\n" +
		"<!-- wp:image -->\n<figure class=\"wp-block-image\"><img src=\"/b.png\" alt=\"B\"/></figure>\n<!-- /wp:image -->"
	if doc.Content != want {
		t.Errorf("Content\n got %q\nwant %q", doc.Content, want)
	}
}

func TestJSONString(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain", `"plain"`},
		{`a"b\c`, `"a\u0022b\\c"`},
		{"<a&b>", `"\u003ca\u0026b\u003e"`},
		{"a--b---c", `"a\u002d\u002db\u002d\u002d-c"`},
		{"tab\tnew\nline\x01", `"tab\tnew\nline\u0001"`},
		{"ünïcode \u2028", "\"ünïcode \u2028\""},
	}
	for _, tt := range tests {
		if got := jsonString(tt.in); got != tt.want {
			t.Errorf("jsonString(%q) = %s, want %s", tt.in, got, tt.want)
		}
	}
}

func TestRichSafe(t *testing.T) {
	tests := []struct {
		html string
		want bool
	}{
		{"text &amp; <em>em</em>", true},
		{`<a href="x">a <img src="y" alt=">"></a><br>`, true},
		{"a <!-- c --> b", true},
		{"<span>open", false},
		{"</span>", false},
		{"<em><b>x</em></b>", false},
		{"<div>block</div>", false},
		{"<span/>", false},
		{`<a href="x"><a href="y">y</a></a>`, false},
		{"<?php x ?>", false},
		{"a <!-- unclosed", false},
		{"<SPAN>x</span>", true},
	}
	for _, tt := range tests {
		if got := richSafe([]byte(tt.html)); got != tt.want {
			t.Errorf("richSafe(%q) = %v, want %v", tt.html, got, tt.want)
		}
	}
}

func TestHTMLContent(t *testing.T) {
	tests := []struct{ in, want string }{
		{"<div class=a>x</div>", "<div class=a>x</div>"}, // the editor reads it the same
		{"<p>[x a=\"b&c\"]</p>", "<p>[x a=\"b&c\"]</p>"},
		{"<br/>", "<br/>"},
		{"<table><tr><td>a</td></tr></table>", "<table><tbody><tr><td>a</td></tr></tbody></table>"},
		{"<div>open", "<div>open</div>"},
		{"<p>a<div>b</div></p>", "<p>a</p><div>b</div><p></p>"},
		{"a < b", "a &lt; b"},
		{"<span/>x", "<span>x</span>"},
		{"<script>a < b</script>", "<script>a < b</script>"},
	}
	for _, tt := range tests {
		if got := htmlContent(tt.in); got != tt.want {
			t.Errorf("htmlContent(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// BenchmarkRenderBlocks measures the blocks format on the same input as
// BenchmarkRender.
func BenchmarkRenderBlocks(b *testing.B) {
	src := benchInput(b)
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := RenderBlocks(src); err != nil {
			b.Fatal(err)
		}
	}
}

func TestRenderBlocks_HTMLGroups(t *testing.T) {
	tests := []struct {
		name, src string
		want      []string // the blocks' names
	}{
		{"closed later", "<div>\n\na\n\n</div>\n\nb", []string{"html", "paragraph"}},
		{"nested", "<div>\n\n<section>\n\na\n\n</section>\n\n</div>", []string{"html"}},
		{"never closed", "<div>\n\n<span>\n\na\n\n</span>\n\nb", []string{"html", "html", "paragraph"}},
		{"closed in one block", "<div>a</div>\n\nb", []string{"html", "paragraph"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := RenderBlocks([]byte(tt.src))
			if err != nil {
				t.Fatal(err)
			}
			var names []string
			for _, m := range regexp.MustCompile(`(?m)^<!-- wp:([a-z-]+)`).FindAllStringSubmatch(got, -1) {
				names = append(names, m[1])
			}
			if strings.Join(names, " ") != strings.Join(tt.want, " ") {
				t.Errorf("blocks %v, want %v:\n%s", names, tt.want, got)
			}
		})
	}

	// Thousands of elements left open: each is matched once, not against
	// every block after it.
	src := []byte(strings.Repeat("<div>\n\n", 3000))
	start := time.Now()
	if _, err := RenderBlocks(src); err != nil {
		t.Fatal(err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("3000 open <div> blocks took %v", d)
	}
}
