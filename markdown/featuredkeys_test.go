package markdown

import "testing"

// TestParse_FeaturedKeys: a generator's own key for the post's picture
// (Astro's heroImage) gives the featured image with the key's line, so
// that a picture not in the folder is said there; it wins over a theme's
// key, and is no field term.
func TestParse_FeaturedKeys(t *testing.T) {
	rules := plainFor("x.md")
	rules.FeaturedKeys = []string{"heroImage"}
	src := "---\ntitle: T\nimage: ./other.png\nheroImage: ./hero.jpg\n---\nbody\n"
	doc, err := ParseWith("x.md", []byte(src), Options{Site: rules})
	if err != nil {
		t.Fatal(err)
	}
	var got []Ref
	for _, r := range doc.Refs {
		if r.Kind == RefFeatured {
			got = append(got, r)
		}
	}
	if len(got) != 1 || got[0].Path != "hero.jpg" || got[0].Line != 4 {
		t.Errorf("featured %+v, want hero.jpg at line 4", got)
	}
	if _, ok := doc.PostFields.FieldTerms["heroimage"]; ok {
		t.Errorf("heroImage taken for terms: %v", doc.PostFields.FieldTerms)
	}
	// Without the rule, heroImage is no picture of the post.
	doc, err = ParseWith("x.md", []byte(src), Options{Site: plainFor("x.md")})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range doc.Refs {
		if r.Kind == RefFeatured && r.Path == "hero.jpg" {
			t.Errorf("heroImage read without the rule: %+v", r)
		}
	}
}
