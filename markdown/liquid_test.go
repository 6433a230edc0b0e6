package markdown

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestLiquid_Site renders a page of a Jekyll site: _config.yml as site,
// _data as site.data, _includes with parameters, Jekyll's filters.
func TestLiquid_Site(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) { writeSiteFile(t, dir, name, content) }
	write("_data/releases.yml", "- version: 3.2.0\n  url: {gz: https://example.org/r-3.2.0.tar.gz}\n- version: 3.3.0\n  url: {gz: https://example.org/r-3.3.0.tar.gz}\n")
	write("_data/team/leads.json", `[{"name": "Ada"}, {"name": "Grace"}]`)
	write("_posts/snippet.txt", "kiln at {{ include.temp }} degrees")
	write("_includes/note.html", `<p class="note">{{ include.text }} ({{ site.title }})</p>`)
	site, err := ReadLiquidSite(dir, map[string]any{"title": "Pottery", "url": "https://old.example.org", "repository": "https://git.example.org/club"})
	if err != nil {
		t.Fatal(err)
	}
	src := `---
title: Releases
---
{% assign release = site.data.releases | where: "version", "3.3.0" | first %}
Ruby {{ release.version }} is out: [download]({{ release.url.gz }}).
Leads: {{ site.data.team.leads | map: "name" | array_to_sentence_string }}.
See [issues]({{ site.repository }}/issues) and [home]({{ site.url }}/about).

{% include note.html text="Mind the kiln" %}

Firing: {% include_relative snippet.txt temp=1200 %}.
`
	doc, err := ParseWith("_posts/2024-01-02-r.md", []byte(src), Options{Format: FormatClassic, Site: siteOf("jekyll", SiteRules{Liquid: site})})
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		`Ruby 3.3.0 is out: <a href="https://example.org/r-3.3.0.tar.gz">download</a>.`,
		"Leads: Ada and Grace.",
		`See <a href="https://git.example.org/club/issues">issues</a> and <a href="/about">home</a>.`,
		`<p class="note">Mind the kiln (Pottery)</p>`,
		"Firing: kiln at 1200 degrees.",
	} {
		if !strings.Contains(doc.Content, want) {
			t.Errorf("lacks %q:\n%s", want, doc.Content)
		}
	}
	if len(doc.Warnings) != 0 {
		t.Errorf("warnings %q", doc.Warnings)
	}
}

// writeSiteFile writes content to name (slash-separated) under dir,
// making its folders.
func writeSiteFile(t *testing.T, dir, name, content string) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}
