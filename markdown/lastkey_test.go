package markdown

import (
	"errors"
	"strings"
	"testing"
)

// TestParse_LastKeyWins: with the Jekyll rule a key given twice takes its
// last value, and one warning names both lines; without it (Hugo since
// 0.152, Zola, Eleventy) the file fails, naming them.
func TestParse_LastKeyWins(t *testing.T) {
	src := "---\nlayout: post\npublished: false\ncategory: \"Old\"\ndate: 2024-02-13 10:00:00\npublished: true\ntitle: Summer\ncategory: \"Community\"\n---\n\nWhat our students built.\n"
	doc, err := ParseWith("_posts/2024-02-13-summer.md", []byte(src), Options{Site: &SiteRules{LastKeyWins: true}})
	if err != nil {
		t.Fatal(err)
	}
	if doc.Status == "draft" || strings.Join(doc.Categories, "|") != "Community" || doc.Title != "Summer" {
		t.Errorf("status %q categories %q title %q: want the last values (published: true, not a draft)", doc.Status, doc.Categories, doc.Title)
	}
	want := []string{
		`line 6: front matter field "published" is given twice (first on line 3): the last value counts, as Jekyll reads it: remove one of them`,
		`line 8: front matter field "category" is given twice (first on line 4): the last value counts, as Jekyll reads it: remove one of them`,
	}
	if strings.Join(doc.Warnings, "\n") != strings.Join(want, "\n") {
		t.Errorf("warnings\n%s\nwant\n%s", strings.Join(doc.Warnings, "\n"), strings.Join(want, "\n"))
	}

	_, err = ParseWith("a.md", []byte(src), Options{Site: &SiteRules{}})
	var e *Error
	if !errors.As(err, &e) || e.Line != 6 || e.Field != "published" || !strings.Contains(e.Msg, "given twice (first on line 3)") {
		t.Errorf("without the rule: %v, want the file to fail on line 6", err)
	}
}
