package markdown

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestHugoSite_Shortcodes runs a site's own shortcode templates, a
// template mapped in wpsync.yaml, and one in a link target; include is the
// site's shortcode (hugoDocs'), not Hugo's: without a template wpsync can
// run it is named, and what it would inline is not shown.
func TestHugoSite_Shortcodes(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) { writeSiteFile(t, dir, name, content) }
	write("layouts/shortcodes/new-in.html", `<span class="new-in">New in v{{ .Get 0 }}</span>`)
	write("layouts/_shortcodes/note.html", `{{ $kind := .Get "kind" | default "info" }}<div class="note note-{{ $kind }}">{{ .Inner | markdownify }} ({{ .Page.Params.product }}, {{ site.Params.company }})</div>`)
	write("layouts/shortcodes/card.html", `{{ partial "card.html" . }}`)
	write("content/_common/safety.md", "---\nheadless: true\n---\nAlways switch the power off.\n")
	hs, err := NewHugoSite(map[string]any{"company": "Acme", "docsURL": "https://docs.example.org"},
		[]string{filepath.Join(dir, "layouts", "_shortcodes"), filepath.Join(dir, "layouts", "shortcodes")},
		map[string]string{"card": `<p class="card">{{ .Get "title" }}</p>`, "badge": `**{{ .Get 0 }}**`})
	if err != nil {
		t.Fatal(err)
	}
	src := `---
title: Kettles
product: Kettle 2
---
Boils faster {{< new-in 0.153 >}}.

{{< note kind="warn" >}}
Do *not* overfill.
{{< /note >}}

{{< card title="Spare parts" >}}

A {{% badge hot %}} kettle; see [the docs]({{< param docsURL >}}).

{{% include "/_common/safety" %}}
`
	for _, format := range []string{FormatClassic, FormatBlocks} {
		doc, err := ParseWith("content/kettles.md", []byte(src), Options{Format: format, Site: siteOf("hugo", SiteRules{Hugo: hs})})
		if err != nil {
			t.Fatal(err)
		}
		for _, want := range []string{
			`Boils faster <span class="new-in">New in v0.153</span>.`,
			`<div class="note note-warn">Do <em>not</em> overfill. (Kettle 2, Acme)</div>`,
			`<p class="card">Spare parts</p>`,
			`A <strong>hot</strong> kettle; see <a href="https://docs.example.org">the docs</a>.`,
		} {
			if !strings.Contains(doc.Content, want) {
				t.Errorf("%s: lacks %q:\n%s", format, want, doc.Content)
			}
		}
		if strings.Contains(doc.Content, "{{") || strings.Contains(doc.Content, "Always switch") ||
			len(doc.Warnings) != 1 || !strings.Contains(doc.Warnings[0], `line 15: unknown Hugo shortcode "include"`) {
			t.Errorf("%s: shortcode source shown or warnings %q:\n%s", format, doc.Warnings, doc.Content)
		}
	}

	// A site template that cannot run here, without a mapping: named.
	hs, err = NewHugoSite(nil, []string{filepath.Join(dir, "layouts", "shortcodes")}, nil)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := ParseWith("content/x.md", []byte("{{< card title=\"x\" >}}\n"), Options{Format: FormatClassic, Site: siteOf("hugo", SiteRules{Hugo: hs})})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(doc.Content, "{{") || len(doc.Warnings) != 1 || !strings.Contains(doc.Warnings[0], `card.html, line 1) uses what wpsync cannot run: function "partial" not defined`) ||
		!strings.Contains(doc.Warnings[0], "it shows nothing; map it to a template wpsync can run in wpsync.yaml (shortcodes: {card: …})") {
		t.Errorf("warnings %q, content %q", doc.Warnings, doc.Content)
	}

	// A mapping that does not parse is the user's error.
	if _, err := NewHugoSite(nil, nil, map[string]string{"bad": "{{ .Get "}); err == nil || !strings.Contains(err.Error(), "shortcodes: bad") {
		t.Errorf("bad mapping: %v", err)
	}
}
