package e2e

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestAlerts_PlainAndHugo (issue 28): GitHub's alerts (> [!NOTE]) in a
// plain folder, and Hugo's in a Hugo site, become the callout block of
// Obsidian's callouts, titled by their type; the editor of the site
// accepts them as they are; a form the site does not read is named; a
// second run and a run without the state file write nothing.
func TestAlerts_PlainAndHugo(t *testing.T) {
	for _, tt := range []struct {
		name, src, file string
		check           func(t *testing.T, p wpPost)
		leftovers       int
	}{
		{"plain", "alerts-plain", "alerts-in-a-plain-folder.md", func(t *testing.T, p wpPost) {
			wantShown(t, "plain", p,
				`wp-block-group callout callout-note`, `<strong>Note</strong>`, "Useful information that users should know.",
				`wp-block-group callout callout-warning`, `<strong>Warning</strong>`, "Back up <em>first</em>.", "<li>the uploads</li>",
				"[!tip] A title after the marker")
			for _, source := range []string{"[!NOTE]", "[!WARNING]", "wp-block-quote callout"} {
				if strings.Contains(p.Content.Rendered, source) {
					t.Errorf("plain shows %q:\n%s", source, p.Content.Rendered)
				}
			}
		}, 1},
		{"hugo", "alerts-hugo", "content/alerts-in-a-hugo-site.md", func(t *testing.T, p wpPost) {
			wantShown(t, "hugo", p,
				`wp-block-group callout callout-caution`, `<strong>Caution</strong>`, "Advises about risks.",
				`callout callout-important`, `<strong>Important</strong>`, "Nested alerts are read too.")
			shownFolded(t, "hugo", p, "warning", "Radiation hazard", true)
			if strings.Contains(p.Content.Rendered, "[!") {
				t.Errorf("hugo shows a marker:\n%s", p.Content.Rendered)
			}
		}, 0},
	} {
		t.Run(tt.name, func(t *testing.T) {
			dir := copyTree(t, filepath.Join("testdata", "sites", tt.src))
			rep := syncReport(t, dir, 0)
			var it reportItem
			if tt.leftovers > 0 {
				it = rep.want(t, tt.file, "create", "[!tip] is shown to readers as text")
			} else {
				it = rep.want(t, tt.file, "create")
			}
			if rep.Summary.Leftovers != tt.leftovers {
				t.Errorf("leftovers %d, want %d: %+v", rep.Summary.Leftovers, tt.leftovers, rep.Items)
			}
			p := getPost(t, "posts", it.ID)
			tt.check(t, p)
			editorAccepts(t, map[string]wpPost{tt.file: p})
			secondRunWritesNothing(t, dir, 0)
			if err := os.Remove(filepath.Join(dir, ".wpsync", "state.json")); err != nil {
				t.Fatal(err)
			}
			secondRunWritesNothing(t, dir, 0)
		})
	}
}
