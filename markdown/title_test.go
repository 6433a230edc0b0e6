package markdown

import (
	"strings"
	"testing"
)

func TestParse_OneTitle(t *testing.T) {
	tests := []struct {
		name, body string
		dropped    bool
	}{
		{"same heading", "# Beekeeping basics\n\nText.\n", true},
		{"other case, markup, level", "## *Beekeeping*  `BASICS`\n\nText.\n", true},
		{"with a kramdown attribute list", "# Beekeeping basics\n{: .no_toc }\n\nText.\n", true},
		{"another heading", "# Beekeeping for beginners\n\nText.\n", false},
		{"not the first block", "Text.\n\n# Beekeeping basics\n", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := ParseWith("x.md", []byte("---\ntitle: Beekeeping basics\n---\n"+tt.body), Options{Format: FormatClassic})
			if err != nil {
				t.Fatal(err)
			}
			shown := strings.Contains(strings.ToLower(doc.Content), "beekeeping")
			if shown == tt.dropped {
				t.Errorf("heading dropped %v, want %v:\n%s", !shown, tt.dropped, doc.Content)
			}
			if doc.Title != "Beekeeping basics" || !strings.Contains(doc.Content, "Text.") {
				t.Errorf("title %q, content %q", doc.Title, doc.Content)
			}
		})
	}
}

func TestParse_Typographer(t *testing.T) {
	src := []byte("\"Quotes\" -- and --- it's... `\"code\"`\n")
	for gen, want := range map[string]string{
		"hugo":   "<p>\u201cQuotes\u201d \u2013 and \u2014 it\u2019s\u2026 <code>&quot;code&quot;</code></p>",
		"jekyll": "<p>\u201cQuotes\u201d \u2013 and \u2014 it\u2019s\u2026 <code>&quot;code&quot;</code></p>",
		"zola":   "<p>&quot;Quotes&quot; -- and --- it's... <code>&quot;code&quot;</code></p>",
	} {
		doc, err := ParseWith("x.md", src, Options{Format: FormatClassic, Site: rulesOf(gen)})
		if err != nil {
			t.Fatal(err)
		}
		if strings.TrimSpace(doc.Content) != want {
			t.Errorf("%s: %s, want %s", gen, doc.Content, want)
		}
	}
}

func TestParse_HeadingAttributes(t *testing.T) {
	src := []byte("## Setup {#set-up .wide}\n\nText.\n")
	for gen, want := range map[string]string{
		"hugo": `<h2 id="set-up" class="wide">Setup</h2>`,
		"":     `<h2>Setup {#set-up .wide}</h2>`,
	} {
		doc, err := ParseWith("x.md", src, Options{Format: FormatClassic, Site: rulesOf(gen)})
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(doc.Content, want) {
			t.Errorf("%q: %s, want %s", gen, doc.Content, want)
		}
	}
	doc, err := ParseWith("x.md", src, Options{Format: FormatBlocks, Site: hugoRules()})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(doc.Content, "<!-- wp:heading {\"className\":\"wide\",\"anchor\":\"set-up\"} -->\n<h2 id=\"set-up\" class=\"wp-block-heading wide\">Setup</h2>") {
		t.Errorf("blocks: %s", doc.Content)
	}
}
