package markdown

import (
	"strings"
	"testing"
)

// A plain folder reads math as GitHub shows it: $…$ inline, $$…$$
// display, money left as text; a _posts file (kramdown) is not read so.
func TestMath_PlainFolder(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		site      *SiteRules
		want, not []string
	}{
		{"inline", "Area $x^2$ here.\n", plainRules(), []string{`<math data-latex="x^2"`}, []string{"$x^2$"}},
		{"display", "$$ E = mc^2 $$\n", plainRules(), []string{`<math display="block">`, `encoding="application/x-tex">E = mc^2<`}, []string{"$$"}},
		{"money", "It costs $5 and $10.\n", plainRules(), []string{"$5 and $10"}, []string{"<math"}},
		{"escaped", `A \$x$ dollar.` + "\n", plainRules(), []string{"$x$"}, []string{"<math"}},
		{"code", "`$x$`\n", plainRules(), []string{"<code>$x$</code>"}, []string{"<math"}},
		{"none outside", "Area $x^2$ here.\n", &SiteRules{}, []string{"$x^2$"}, []string{"<math"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			doc, err := ParseWith("x.md", []byte(tc.src), Options{Format: FormatClassic, Site: tc.site})
			if err != nil {
				t.Fatal(err)
			}
			for _, w := range tc.want {
				if !strings.Contains(doc.Content, w) {
					t.Errorf("Content = %q, want %q in it", doc.Content, w)
				}
			}
			for _, n := range tc.not {
				if strings.Contains(doc.Content, n) {
					t.Errorf("Content = %q, want no %q", doc.Content, n)
				}
			}
		})
	}
}
