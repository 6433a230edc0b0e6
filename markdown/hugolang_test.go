package markdown

import "testing"

func TestParse_LangOfFileName(t *testing.T) {
	tests := []struct {
		path, lang, slug, title string
	}{
		{"content/about.fr.md", "fr", "about", "About"},
		{"content/post/trip/index.de.md", "de", "trip", "Trip"},
		{"content/post/2024-01-02-day.en.md", "en", "day", "Day"},
		{"content/v1.2.md", "", "v1-2", "V1.2"},
		{"content/about.fr.md", "", "about-fr", "About.fr"},
		{"content/about.md", "fr", "about", "About"}, // no suffix to take off
	}
	for _, tc := range tests {
		t.Run(tc.path+"/"+tc.lang, func(t *testing.T) {
			doc, err := ParseWith(tc.path, []byte("---\ndraft: false\n---\nText.\n"), Options{Site: &SiteRules{Lang: tc.lang}})
			if err != nil {
				t.Fatal(err)
			}
			if doc.Slug != tc.slug || doc.Title != tc.title {
				t.Errorf("slug %q title %q, want %q %q", doc.Slug, doc.Title, tc.slug, tc.title)
			}
		})
	}
}
