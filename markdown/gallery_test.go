package markdown

import (
	"strings"
	"testing"
)

// TestGallery_Paragraphs: which paragraphs of pictures are galleries, in
// the blocks format; the classic format keeps them a paragraph.
func TestGallery_Paragraphs(t *testing.T) {
	ids := map[string]int{"/a.png": 7, "/b.png": 8}
	opts := Options{Format: FormatBlocks, ImageID: func(u string) int { return ids[u] }}
	for _, tt := range []struct {
		src     string
		gallery bool
	}{
		{"![A](/a.png) ![B](/b.png)", true},
		{"![A](/a.png)\n![B](/b.png)", true},
		{"![A](/a.png)  \n![B](/b.png)", true}, // a hard break between them
		{"[![A](/a.png)](/x) [![B](/b.png)](/y)", true},
		{"![A](/a.png)", false},
		{"![A](/a.png) and ![B](/b.png)", false},
		{"![A](/a.png) ![B](/b.png) *c*", false},
		{"[![A](/a.png) text](/x) ![B](/b.png)", false},
	} {
		doc, err := ParseWith("x.md", []byte(tt.src), opts)
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.Contains(doc.Content, "<!-- wp:gallery "); got != tt.gallery {
			t.Errorf("%q: gallery %v, want %v:\n%s", tt.src, got, tt.gallery, doc.Content)
		}
	}
	doc, err := ParseWith("x.md", []byte("![A](/a.png \"Cap A\") ![B](/b.png)"), opts)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		`<!-- wp:image {"id":7,"linkDestination":"none"} -->` + "\n" + `<figure class="wp-block-image"><img src="/a.png" alt="A" class="wp-image-7"/><figcaption class="wp-element-caption">Cap A</figcaption></figure>`,
		`<!-- wp:image {"id":8,"linkDestination":"none"} -->`,
	} {
		if !strings.Contains(doc.Content, want) {
			t.Errorf("content lacks %s:\n%s", want, doc.Content)
		}
	}
	classic, err := ParseWith("x.md", []byte("![A](/a.png) ![B](/b.png)"), Options{Format: FormatClassic})
	if err != nil {
		t.Fatal(err)
	}
	if strings.TrimSpace(classic.Content) != `<p><img src="/a.png" alt="A"> <img src="/b.png" alt="B"></p>` {
		t.Errorf("classic: %s", classic.Content)
	}
	// Obsidian's embeds of pictures are pictures too.
	vault, err := ParseWith("Notes/Trip.md", []byte("![[status-bar.png]] ![[table.png|300]]\n"), Options{Format: FormatBlocks, Site: &SiteRules{Obsidian: testVault()}})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(vault.Content, `<!-- wp:gallery {"linkTo":"none"} -->`) || strings.Count(vault.Content, "<!-- wp:image ") != 2 {
		t.Errorf("vault:\n%s", vault.Content)
	}
}
