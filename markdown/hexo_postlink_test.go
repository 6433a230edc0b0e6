package markdown

import (
	"strings"
	"testing"
)

// TestHexo_PostLinkNames finds the post post_link names by its slug, its
// file name with or without new_post_name's date, its title, with a
// #fragment; a name no post has is left out without a double space, and
// the warning names what to write.
func TestHexo_PostLinkNames(t *testing.T) {
	posts := map[string]HexoPost{
		"kettle": {Rel: "source/_posts/2024-03-01-kettle.md", Title: "The kettle"},
		"teapot": {Rel: "source/_posts/2024-02-01-teapot.md", Title: "A teapot"},
	}
	tests := []struct {
		name, src, want, warn string
	}{
		{"slug", `{% post_link kettle "the kettle" %}`, `<a href="2024-03-01-kettle.md">the kettle</a>`, ""},
		{"file name with date", `{% post_link 2024-03-01-kettle "the kettle" %}`, `<a href="2024-03-01-kettle.md">the kettle</a>`, ""},
		{"title", `{% post_link "A teapot" %}`, `<a href="2024-02-01-teapot.md">A teapot</a>`, ""},
		{"fragment", `{% post_link kettle#boil %}`, `<a href="2024-03-01-kettle.md#boil">The kettle</a>`, ""},
		{"near miss", `Back to {% post_link 2024-03-02-kettle %} and on.`, "Back to and on.", "did you mean {% post_link kettle %}?"},
		{"no post near", `Back to {% post_link mug %} and on.`, "Back to and on.", "such as {% post_link kettle %}"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			site := &HexoSite{File: "source/_posts/x.md", Posts: posts}
			doc, err := ParseWith("source/_posts/x.md", []byte(tt.src+"\n"), Options{Site: &SiteRules{Hexo: site}})
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(doc.Content, tt.want) {
				t.Errorf("content = %q, want %q in it", doc.Content, tt.want)
			}
			warns := strings.Join(doc.Warnings, "\n")
			if tt.warn == "" && strings.Contains(warns, "post_link") || tt.warn != "" && !strings.Contains(warns, tt.warn) {
				t.Errorf("warnings = %q, want %q", doc.Warnings, tt.warn)
			}
			if strings.Contains(warns, "write the post's file name without .md") {
				t.Errorf("warning gives the old advice: %q", doc.Warnings)
			}
		})
	}
}
