package markdown

import (
	"strings"
	"testing"
)

func TestZola_Shortcodes(t *testing.T) {
	hs, err := NewHugoSite(nil, nil, map[string]string{"note": `<div class="note note-{{ .Get "kind" }}">{{ .Inner | markdownify }}</div>`})
	if err != nil {
		t.Fatal(err)
	}
	src := "Watch:\n\n{{ youtube(id=\"dQw4w9WgXcQ\", autoplay=true) }}\n\n{% note(kind=\"tip\") %}\n*Mind* the gap.\n{% end %}\n\n{% aside(side='left') %}\nKept **as Markdown**.\n{% end %}\n\nShown: {{/* youtube(id=\"x\") */}}\n\n```\n{{ youtube(id=\"in-code\") }}\n```\n"
	doc, err := ParseWith("content/x.md", []byte(src), Options{Format: FormatClassic, Site: siteOf("zola", SiteRules{Hugo: hs})})
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"<p>https://www.youtube.com/watch?v=dQw4w9WgXcQ</p>",
		`<div class="note note-tip"><em>Mind</em> the gap.</div>`,
		"<p>Kept <strong>as Markdown</strong>.</p>",
		`Shown: {{ youtube(id=&quot;x&quot;) }}`,
		"<code>{{ youtube(id=&quot;in-code&quot;) }}\n</code>",
	} {
		if !strings.Contains(doc.Content, want) {
			t.Errorf("lacks %q:\n%s", want, doc.Content)
		}
	}
	if strings.Contains(doc.Content, "{%") || len(doc.Warnings) != 1 || !strings.Contains(doc.Warnings[0], `line 9: Zola shortcode "aside"`) {
		t.Errorf("warnings %q:\n%s", doc.Warnings, doc.Content)
	}
}
