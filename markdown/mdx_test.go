package markdown

import (
	"strings"
	"testing"
)

// TestMDXOnly reads an Astro .mdx file (SiteRules.MDX): MDX's imports,
// exports, comments and components as Docusaurus's are read, Starlight's
// <Aside>, Astro's <Image> of an imported picture; none of Docusaurus's
// own Markdown, whose syntax then stays as written.
func TestMDXOnly(t *testing.T) {
	tests := []struct {
		name    string
		src     string
		want    []string // in the blocks, in order
		not     []string // nowhere in them
		warning string   // in a warning; "" for none
	}{
		{"imports, exports and comments", "import { Aside } from '@astrojs/starlight/components';\nexport const x = 1;\n\n{/* hidden */}\n\nText.",
			[]string{`<p>Text.</p>`}, []string{"import", "export", "hidden", "{/*"}, ""},
		{"aside", "<Aside type=\"caution\" title=\"Careful\">\nHot **water**.\n</Aside>",
			[]string{`callout callout-caution`, `<strong>Careful</strong>`, `<strong>water</strong>`}, []string{"Aside"}, ""},
		{"tabs", "## Pick\n\n<Tabs>\n<TabItem label=\"One\">\n\nFirst.\n\n</TabItem>\n</Tabs>",
			[]string{`>One</h3>`, `<p>First.</p>`}, []string{"Tabs", "TabItem"}, ""},
		{"image of an import", "import hero from '../../assets/hero.png';\nimport { Image } from 'astro:assets';\n\n<Image src={hero} alt=\"The [dome]\" />",
			[]string{`wp:image`, `src="../../assets/hero.png"`, `alt="The [dome]"`}, []string{"<Image", "hero}"}, ""},
		{"img of an import", "import sky from './sky.jpg';\n\n<img src={sky} alt=\"Sky\" />",
			[]string{`src="./sky.jpg"`, `alt="Sky"`}, []string{"{sky}"}, ""},
		{"admonitions and heading ids are Docusaurus's", ":::note\nx\n:::\n\n## A {#b}",
			[]string{`:::note`, `{#b}`}, []string{"callout"}, ""},
		{"docusaurus's components are others", "<Admonition type=\"tip\">\nx\n</Admonition>",
			[]string{`x`}, []string{"Admonition", "callout"}, "MDX component <Admonition> is not run"},
		{"unknown component keeps its content", "Intro.\n\n<Card title=\"Hi\">\nInside **bold**.\n</Card>",
			[]string{`Inside <strong>bold</strong>.`}, []string{"<Card", "</Card"}, "line 6: MDX component <Card> is not run"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := ParseWith("src/content/blog/a.mdx", []byte("---\ntitle: T\n---\n"+tt.src+"\n"), Options{Site: &SiteRules{MDX: true}, Format: FormatBlocks})
			if err != nil {
				t.Fatal(err)
			}
			rest := doc.Content
			for _, w := range tt.want {
				i := strings.Index(rest, w)
				if i < 0 {
					t.Fatalf("missing %q (in order) in\n%s", w, doc.Content)
				}
				rest = rest[i+len(w):]
			}
			for _, n := range tt.not {
				if strings.Contains(doc.Content, n) {
					t.Errorf("%q shown in\n%s", n, doc.Content)
				}
			}
			warns := strings.Join(doc.Warnings, "\n")
			if tt.warning == "" && strings.Contains(warns, "MDX") || tt.warning != "" && !strings.Contains(warns, tt.warning) {
				t.Errorf("warnings = %q, want %q", warns, tt.warning)
			}
		})
	}
}
