package markdown

import (
	"strings"
	"testing"
)

// TestEleventyPaired: a mapped paired shortcode shows its template with
// the content (its templates run) as .Inner and the arguments as .Get,
// in Nunjucks and Liquid, nested too; an unmapped one keeps its content,
// with a warning naming it; a mapped unpaired one works in Liquid.
func TestEleventyPaired(t *testing.T) {
	mapped := map[string]string{
		"callout": "<aside class=\"{{ .Get 0 }}\">\n\n{{ .Inner }}\n\n</aside>",
		"kbd":     "<kbd>{{ .Get 0 }}</kbd>",
	}
	for _, engine := range []string{"njk", "liquid"} {
		t.Run(engine, func(t *testing.T) {
			src := "---\ntitle: P\nwho: Ann\n---\n\nBefore.\n\n{% callout \"tip\" %}\nSay **hi** to {{ who }}, press {% kbd \"Enter\" %}.\n\n{% callout \"inner\" %}\nNested.\n{% endcallout %}\n{% endcallout %}\n\n{% aside %}\nKept *inner* text.\n{% endaside %}\n\nAfter.\n"
			doc := eleventyParse(t, engine, src, nil, mapped)
			for _, want := range []string{
				"<aside class=\"tip\">",
				"<p>Say <strong>hi</strong> to Ann, press <kbd>Enter</kbd>.</p>",
				"<aside class=\"inner\">",
				"<p>Nested.</p>",
				"<p>Kept <em>inner</em> text.</p>",
				"<p>After.</p>",
			} {
				if !strings.Contains(doc.Content, want) {
					t.Errorf("content lacks %q:\n%s", want, doc.Content)
				}
			}
			for _, bad := range []string{"{%", "{{", "endcallout", "aside %"} {
				if strings.Contains(doc.Content, bad) {
					t.Errorf("content shows %q:\n%s", bad, doc.Content)
				}
			}
			w := strings.Join(doc.Warnings, "\n")
			if !strings.Contains(w, `line 16: `) || !strings.Contains(w, `shortcode "aside" is the site's own (JavaScript): its tags are left out, its content stays`) || strings.Contains(w, `"callout"`) || strings.Contains(w, "endaside") {
				t.Errorf("warnings %q: want aside named once, with its line, callout not", w)
			}
		})
	}
}

// TestEleventyTagsMerge: the tags of directory data are added to the
// file's own, collections left out of the post's tags.
func TestEleventyTagsMerge(t *testing.T) {
	for _, c := range []struct {
		own  string
		want string
	}{
		{"tags: [tea, blog]", "blog,tea"},
		{"tags: tea", "blog,tea"},
		{"title: none", "blog"},
	} {
		site := &EleventySite{Engine: "njk"}
		doc, err := ParseWith("blog/a.md", []byte("---\n"+c.own+"\n---\nx\n"), Options{Format: FormatClassic, Site: &SiteRules{Eleventy: site, CollectionTags: []string{"post", "posts"}, Defaults: map[string]any{"tags": []any{"posts", "blog"}}}})
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.Join(doc.Tags, ","); got != c.want {
			t.Errorf("%s: tags %q, want %q", c.own, got, c.want)
		}
	}
}
