package sync

import (
	"reflect"
	"testing"

	"github.com/wpsync/wpsync/markdown"
)

// TestFieldsOfPost: a post's meta comes back as front matter gives it: the
// SEO plugin's keys as SEO fields by sync's own table, what no SEO field
// gives back as sync sends it under meta as it is, WordPress's footnotes
// and empty values not at all.
func TestFieldsOfPost(t *testing.T) {
	yes, no := true, false
	for _, tc := range []struct {
		name     string
		meta     map[string]any
		excerpt  string
		wantMeta map[string]any
		wantSEO  markdown.SEO
	}{
		{"yoast", map[string]any{
			"footnotes": `[{"id":"1","content":"x"}]`, "rating": float64(4), "mood": "3", "empty": "", "zero": float64(0),
			"_yoast_wpseo_metadesc": "About.", "_yoast_wpseo_title": "Title | Site", "_yoast_wpseo_meta-robots-noindex": "1",
		}, "About.", map[string]any{"rating": float64(4), "mood": "3"},
			markdown.SEO{Description: "About.", Title: "Title | Site", NoIndex: &yes}},
		{"rank math", map[string]any{
			"rank_math_description": "About.", "rank_math_canonical_url": "https://example.org/a/",
			"rank_math_facebook_image": "https://example.org/a.png", "rank_math_robots": []any{"index"},
		}, "Other excerpt.", nil,
			markdown.SEO{Description: "About.", Canonical: "https://example.org/a/", Image: "https://example.org/a.png", NoIndex: &no}},
		// A robots list no noindex gives, a local picture, a description
		// without an excerpt (it would become the excerpt): kept as meta.
		{"kept as meta", map[string]any{
			"rank_math_description": "About.", "rank_math_facebook_image": "cover.png", "rank_math_robots": []any{"noindex", "nofollow"},
		}, "", map[string]any{"rank_math_description": "About.", "rank_math_facebook_image": "cover.png", "rank_math_robots": []any{"noindex", "nofollow"}},
			markdown.SEO{}},
		{"no SEO plugin", map[string]any{"subtitle": "More"}, "", map[string]any{"subtitle": "More"}, markdown.SEO{}},
		{"nothing", map[string]any{"footnotes": "", "rating": float64(0)}, "", nil, markdown.SEO{}},
	} {
		meta, seo := FieldsOfPost(tc.meta, tc.excerpt)
		if !reflect.DeepEqual(meta, tc.wantMeta) {
			t.Errorf("%s: meta %#v, want %#v", tc.name, meta, tc.wantMeta)
		}
		if !reflect.DeepEqual(seo, tc.wantSEO) {
			t.Errorf("%s: SEO %+v, want %+v", tc.name, seo, tc.wantSEO)
		}
	}
}
