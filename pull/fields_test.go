package pull

import (
	"reflect"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/wpsync/wpsync/markdown"
	wpsync "github.com/wpsync/wpsync/sync"
)

// TestFields_ReadBack: the meta, SEO fields and custom taxonomy terms pull
// writes are what sync's reader of front matter (markdown.Parse) takes
// from the file: the same meta, SEO fields and field terms.
func TestFields_ReadBack(t *testing.T) {
	p := &puller{
		fieldTerms: map[string]map[int]string{"genres": {7: "Poetry", 8: "Fiction"}},
		fieldKeys:  map[string]string{"genres": "genre"},
	}
	post := &wpsync.Post{
		Title: "A novel", Excerpt: "About it.",
		Meta: map[string]any{
			"footnotes": "", "rating": float64(4), "mood": "3", "tags_extra": []any{"a", "b"},
			"rank_math_description": "About it.", "rank_math_title": "Novel | Books", "rank_math_robots": []any{"noindex"},
			"rank_math_canonical_url": "https://example.org/novel/", "rank_math_facebook_image": "https://example.org/c.png",
		},
		OtherTerms: map[string][]int{"genres": {7, 8}, "unknown": {3}},
	}
	fm := frontMatter{Title: post.Title, Excerpt: post.Excerpt}
	p.fields(post, &fm)
	head, err := yaml.Marshal(&fm)
	if err != nil {
		t.Fatal(err)
	}
	src := "---\n" + string(head) + "---\n\nText.\n"
	doc, err := markdown.Parse("posts/novel.md", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	yes := true
	want := markdown.PostFields{
		Meta: map[string]any{"rating": float64(4), "mood": "3", "tags_extra": []any{"a", "b"}},
		SEO: markdown.SEO{Description: "About it.", Title: "Novel | Books", Canonical: "https://example.org/novel/",
			NoIndex: &yes, Image: "https://example.org/c.png"},
		FieldTerms: map[string][]string{"genre": {"Fiction", "Poetry"}},
	}
	got := doc.PostFields
	got.MetaLine, got.SEOKeys = 0, nil // where the keys are, not what they say
	if !reflect.DeepEqual(got, want) {
		t.Errorf("read back %+v\nwant %+v\nfrom:\n%s", got, want, src)
	}
	if doc.Excerpt != "About it." || strings.Contains(src, "footnotes") || strings.Contains(src, "unknown") {
		t.Errorf("excerpt %q; footnotes or an unknown taxonomy written:\n%s", doc.Excerpt, src)
	}
}
