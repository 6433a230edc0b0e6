package markdown

import (
	"strings"
	"sync"
	"testing"
)

func TestRender(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"soft break is a space", "a\nb\nc", "<p>a b c</p>\n"},
		{"soft break before emphasis", "a\n*b*", "<p>a <em>b</em></p>\n"},
		{"hard break with spaces", "a  \nb", "<p>a<br>\nb</p>\n"},
		{"hard break with backslash", "a\\\nb", "<p>a<br>\nb</p>\n"},
		{"CJK soft break disappears", "中文\n中文", "<p>中文中文</p>\n"},
		{"CJK to Latin keeps a space", "中文\nabc", "<p>中文 abc</p>\n"},
		{"shortcode", `[gallery ids="1,2"]`, "<p>[gallery ids=\"1,2\"]</p>\n"},
		{"shortcode without attributes", "[gallery]", "<p>[gallery]</p>\n"},
		{"self-closing shortcode", `[audio src="x.mp3" /]`, "<p>[audio src=\"x.mp3\" /]</p>\n"},
		{"self-closing without space", `[audio/]`, "<p>[audio/]</p>\n"},
		{"closing tag", `a [/caption] b`, "<p>a [/caption] b</p>\n"},
		{"closing tag with attributes is text", `[/caption x="1"]`, "<p>[/caption x=&quot;1&quot;]</p>\n"},
		{"underscores and stars stay", `[x a="_b_ *c* __d__"]`, "<p>[x a=\"_b_ *c* __d__\"]</p>\n"},
		{"html entities stay", `[x a="&amp; &lt;"]`, "<p>[x a=\"&amp; &lt;\"]</p>\n"},
		{"URL attribute is not linked", `[embed src="https://example.com/a_b_"]`, "<p>[embed src=\"https://example.com/a_b_\"]</p>\n"},
		{"autolink attribute is not linked", `[x src=<https://example.com>]`, "<p>[x src=<https://example.com>]</p>\n"},
		{"URL content kept", "[embed]https://x.com/?a=1&b=*2*[/embed]", "<p>[embed]https://x.com/?a=1&b=*2*[/embed]</p>\n"},
		{"content with spaces is Markdown", "[caption]a *b* c[/caption]", "<p>[caption]a <em>b</em> c[/caption]</p>\n"},
		{"mismatched closing tag", "[embed]https://x.com/*a*[/video]", "<p>[embed]https://x.com/<em>a</em>[/video]</p>\n"},
		{"pair with empty content", `[video mp4="a.mp4"][/video]`, "<p>[video mp4=\"a.mp4\"][/video]</p>\n"},
		{"name must start with a letter", `[1x a="b"]`, "<p>[1x a=&quot;b&quot;]</p>\n"},
		{"name must be followed by space or ]", `[x!a="b"]`, "<p>[x!a=&quot;b&quot;]</p>\n"},
		{"must close on the same line", "[gallery ids=\"1\"\n]", "<p>[gallery ids=&quot;1&quot; ]</p>\n"},
		{"backslash-escaped bracket", `\[gallery ids="1"]`, "<p>[gallery ids=&quot;1&quot;]</p>\n"},
		{"code span wins", "`[gallery ids=\"1\"]`", "<p><code>[gallery ids=&quot;1&quot;]</code></p>\n"},
		{"code span inside brackets wins", "[x a=`b`]", "<p>[x a=<code>b</code>]</p>\n"},
		{"inline link", "[gallery](/g)", "<p><a href=\"/g\">gallery</a></p>\n"},
		{"full reference link", "[see this][g]\n\n[g]: /g", "<p><a href=\"/g\">see this</a></p>\n"},
		{"shortcut reference link", "[g]\n\n[g]: /g", "<p><a href=\"/g\">g</a></p>\n"},
		{"collapsed reference link", "[g][]\n\n[g]: /g", "<p><a href=\"/g\">g</a></p>\n"},
		{"followed by colon", `a [x a="1"]: b`, "<p>a [x a=&quot;1&quot;]: b</p>\n"},
		{"definition-like line is a definition", `[x a="1"]: b`, ""},
		{"URL after a tag and a space is linked", "[x] https://a.com", "<p>[x] <a href=\"https://a.com\">https://a.com</a></p>\n"},
		{"URL glued to a tag is not linked", "[caption]https://a.com/x.jpg A cat[/caption]", "<p>[caption]https://a.com/x.jpg A cat[/caption]</p>\n"},
		{"footnote reference", "a[^1]\n\n[^1]: n", "<p>a<sup id=\"fnref:1\">"},
		{"task list marker", "- [x] done\n- [ ] todo", "<ul>\n<li><input checked=\"\" disabled=\"\" type=\"checkbox\"> done</li>\n<li><input disabled=\"\" type=\"checkbox\"> todo</li>\n</ul>\n"},
		{"[x] elsewhere is text", "a [x] b", "<p>a [x] b</p>\n"},
		{"more tag on its own line", "a\n\n<!--more-->\n\nb", "<p>a</p>\n<!--more-->\n<p>b</p>\n"},
		{"more tag inline", "a <!--more--> b", "<p>a <!--more--> b</p>\n"},
		{"heading has no id", "## Hello World", "<h2>Hello World</h2>\n"},
		{"bare URL paragraph is not linked", "https://youtu.be/x", "<p>https://youtu.be/x</p>\n"},
		{"bare www paragraph stays linked", "www.example.com", "<p><a href=\"http://www.example.com\">www.example.com</a></p>\n"},
		{"URL in list stays linked", "- https://a.com", "<ul>\n<li><a href=\"https://a.com\">https://a.com</a></li>\n</ul>\n"},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Render([]byte(tt.src))
			if err != nil {
				t.Fatal(err)
			}
			if !strings.HasPrefix(got, tt.want) || (!strings.HasSuffix(tt.want, "\">") && got != tt.want) {
				t.Errorf("Render(%q)\n got %q\nwant %q", tt.src, got, tt.want)
			}
		})
	}
}

// TestRender_Concurrent checks that the shared goldmark instance can be used
// from several goroutines (run with -race).
func TestRender_Concurrent(t *testing.T) {
	src := []byte("# T\n\na [gallery ids=\"1\"] b\nc[^1]\n\n[^1]: n\n")
	want, err := Render(src)
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for range 50 {
				if got, err := Render(src); err != nil || got != want {
					t.Errorf("Render = %q, %v; want %q", got, err, want)
					return
				}
			}
		})
	}
	wg.Wait()
}
