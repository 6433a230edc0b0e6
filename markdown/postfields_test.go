package markdown

import (
	"reflect"
	"strings"
	"testing"
)

func TestParse_PostFields(t *testing.T) {
	yes := true
	tests := []struct {
		name string
		src  string
		want PostFields
	}{
		{
			name: "yaml meta keeps its shapes and case",
			src:  "---\nmeta:\n  rating: 5\n  Mood: calm\n  sources: [a, b]\n  nested: {x: 1}\n---\n",
			want: PostFields{Meta: map[string]any{"rating": float64(5), "Mood": "calm", "sources": []any{"a", "b"}, "nested": map[string]any{"x": float64(1)}}, MetaLine: 2},
		},
		{
			name: "toml meta and a date",
			src:  "+++\n[meta]\nrating = 4.5\nseen = 2024-03-05T10:00:00Z\n+++\n",
			want: PostFields{Meta: map[string]any{"rating": 4.5, "seen": "2024-03-05T10:00:00Z"}},
		},
		{
			name: "seo fields",
			src:  "---\ndescription: D\nseo_title: S\ncanonicalURL: https://example.org/a\nnoindex: true\nimages: [https://example.org/i.png]\n---\n",
			want: PostFields{SEO: SEO{Description: "D", Title: "S", Canonical: "https://example.org/a", NoIndex: &yes, Image: "https://example.org/i.png"},
				SEOKeys: map[string]KeyAt{"description": {"description", 2}, "title": {"seo_title", 3}, "canonical": {"canonicalURL", 4}, "noindex": {"noindex", 5}, "image": {"images", 6}}},
		},
		{
			name: "a local og_image is not an address",
			src:  "---\nog_image: pics/x.png\nimages: [https://example.org/i.png]\n---\n",
			want: PostFields{SEO: SEO{LocalImage: "pics/x.png"}, SEOKeys: map[string]KeyAt{"image": {"og_image", 2}}},
		},
		{
			name: "keys no rule reads may name terms; read keys, numbers and dates do not",
			src:  "---\ngenre: [Fiction, Poetry]\nmood: calm, bright\nrating: 5\nlastmod: 2024-01-02\ntags: [a]\nkeywords: [k]\n---\n",
			want: PostFields{FieldTerms: map[string][]string{"genre": {"Fiction", "Poetry"}, "mood": {"calm", "bright"}}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := ParseWith("x.md", []byte(tt.src+"body\n"), Options{Site: plainFor("x.md")})
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(doc.PostFields, tt.want) {
				t.Errorf("got  %#v\nwant %#v", doc.PostFields, tt.want)
			}
		})
	}
}

func TestParse_MetaNotAMapping(t *testing.T) {
	// A theme's meta: false (a byline switch) is not post meta, silently;
	// another value is said, and never fails the post.
	doc, err := ParseWith("x.md", []byte("---\nmeta: false\n---\nbody\n"), Options{Site: plainFor("x.md")})
	if err != nil || doc.Meta != nil || len(doc.Warnings) != 0 {
		t.Errorf("meta: false: %v, meta %v, warnings %q", err, doc.Meta, doc.Warnings)
	}
	doc, err = ParseWith("x.md", []byte("---\nmeta: [a]\n---\nbody\n"), Options{Site: plainFor("x.md")})
	if err != nil || doc.Meta != nil || len(doc.Warnings) != 1 || !strings.HasPrefix(doc.Warnings[0], "line 2: meta:") {
		t.Errorf("meta: [a]: %v, meta %v, warnings %q", err, doc.Meta, doc.Warnings)
	}
}
