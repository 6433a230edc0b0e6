package markdown

import (
	"strings"
	"testing"
)

// TestAlerts: GitHub's alerts in a plain folder and Hugo's in a Hugo site
// become the callout Obsidian's become, titled by their type; what the
// site's syntax does not read stays a quote, named as a leftover.
func TestAlerts(t *testing.T) {
	const five = "> [!NOTE]\n> Useful.\n\n> [!tip]\n> Helpful.\n\n> [!IMPORTANT]\n> Key.\n\n> [!WARNING]\n> Urgent.\n\n> [!CAUTION]\n> Risky.\n"
	tests := []struct {
		name     string
		syntax   AlertSyntax
		body     string
		want     []string
		not      []string
		leftover int // how many leftovers
	}{
		{"github five", GitHubAlerts, five, []string{
			`<div class="wp-block-group callout callout-note"><!-- wp:paragraph {"className":"callout-title"} -->` + "\n" + `<p class="callout-title"><strong>Note</strong></p>` + "\n<!-- /wp:paragraph -->\n\n<!-- wp:paragraph -->\n<p>Useful.</p>",
			`callout callout-tip`, `<strong>Tip</strong>`, `<p>Helpful.</p>`,
			`callout callout-important`, `<strong>Important</strong>`,
			`callout callout-warning`, `<strong>Warning</strong>`,
			`callout callout-caution`, `<strong>Caution</strong>`,
		}, []string{"[!", "wp:quote"}, 0},
		{"github blank line after marker", GitHubAlerts, "> [!NOTE]\n>\n> - a list\n", []string{`<strong>Note</strong>`, `wp:list`}, []string{"[!"}, 0},
		{"github title is no alert", GitHubAlerts, "> [!NOTE] My title\n> Body.\n", []string{"wp:quote", "[!NOTE] My title"}, []string{"callout"}, 1},
		{"github other type is no alert", GitHubAlerts, "> [!info]\n> Body.\n", []string{"wp:quote"}, []string{"callout"}, 1},
		{"github fold sign is no alert", GitHubAlerts, "> [!NOTE]-\n> Body.\n", []string{"wp:quote"}, []string{"callout"}, 1},
		{"github nested is no alert", GitHubAlerts, "- item\n\n  > [!NOTE]\n  > Body.\n", []string{"<blockquote>\n<p>[!NOTE] Body."}, []string{"callout"}, 1},
		{"hugo five", HugoAlerts, five, []string{`callout callout-note`, `<strong>Note</strong>`, `callout callout-caution`, `<strong>Caution</strong>`}, []string{"[!", "wp:quote"}, 0},
		{"hugo title and sign", HugoAlerts, "> [!WARNING]+ Radiation hazard\n> Do not approach.\n\n> [!custom] Mine\n> Body.\n",
			[]string{`<!-- wp:details {"showContent":true,"className":"callout callout-warning"} -->`, `<summary>Radiation hazard</summary>`, `callout callout-custom`, `<strong>Mine</strong>`}, []string{"[!"}, 0},
		{"hugo nested", HugoAlerts, "- item\n\n  > [!NOTE]\n  > Body.\n", []string{`callout callout-note`}, []string{"[!", "wp:quote"}, 0},
		{"hugo type of letters only", HugoAlerts, "> [!my-type]\n> Body.\n", []string{"wp:quote"}, []string{"callout"}, 1},
		{"none", NoAlerts, "> [!NOTE]\n> Body.\n", []string{"wp:quote", "[!NOTE]"}, []string{"callout"}, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := ParseWith("a.md", []byte(tt.body), Options{Format: FormatBlocks, Site: &SiteRules{Alerts: tt.syntax}})
			if err != nil {
				t.Fatal(err)
			}
			for _, w := range tt.want {
				if !strings.Contains(doc.Content, w) {
					t.Errorf("content lacks %s:\n%s", w, doc.Content)
				}
			}
			for _, w := range tt.not {
				if strings.Contains(doc.Content, w) {
					t.Errorf("content has %s:\n%s", w, doc.Content)
				}
			}
			if len(doc.Leftovers) != tt.leftover {
				t.Errorf("leftovers %v, want %d", doc.Leftovers, tt.leftover)
			}
		})
	}
}

// TestAlerts_SameAsObsidian: an alert is the block an Obsidian callout of
// the same type is, in both formats and on a WordPress before 6.3.
func TestAlerts_SameAsObsidian(t *testing.T) {
	const src = "> [!WARNING]\n> Back up *first*.\n"
	for _, format := range []string{FormatBlocks, FormatClassic} {
		for _, markup := range []Markup{{}, MarkupWP61} {
			note, err := ParseWith("a.md", []byte(src), Options{Format: format, Markup: markup, Site: &SiteRules{Obsidian: testVault()}})
			if err != nil {
				t.Fatal(err)
			}
			for _, syntax := range []AlertSyntax{GitHubAlerts, HugoAlerts} {
				doc, err := ParseWith("a.md", []byte(src), Options{Format: format, Markup: markup, Site: &SiteRules{Alerts: syntax}})
				if err != nil {
					t.Fatal(err)
				}
				if doc.Content != note.Content || !strings.Contains(doc.Content, "callout callout-warning") {
					t.Errorf("%s %v %d:\n%s\nObsidian's:\n%s", format, markup, syntax, doc.Content, note.Content)
				}
			}
		}
	}
}
