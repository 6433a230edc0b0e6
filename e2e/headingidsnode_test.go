package e2e

import (
	"regexp"
	"strings"
	"testing"
)

// landsOnHeading checks that the post from links to the heading id of the
// published page at target (a link "other#heading" between files keeps
// its fragment), and that the page's heading has that id, as the site's
// generator gives it (Hexo's, Astro's, Docusaurus's: headingids.go).
func landsOnHeading(t *testing.T, name string, from wpPost, text, target, id string) {
	t.Helper()
	if want := `<a href="` + target + `#` + id + `">` + text + `</a>`; !strings.Contains(from.Content.Rendered, want) {
		t.Errorf("%s: no %s in:\n%s", name, want, from.Content.Rendered)
	}
	page := string(fetch(t, target))
	if !regexp.MustCompile(`<h[1-6][^>]*\sid="` + regexp.QuoteMeta(id) + `"`).MatchString(page) {
		t.Errorf("%s: %s has no heading with id %q:\n%s", name, target, id, headingsOf(page))
	}
}
