package pull

import (
	"context"
	"fmt"
	"slices"
	"sort"

	"github.com/wpsync/wpsync/markdown"
	wpsync "github.com/wpsync/wpsync/sync"
)

// Fields plugins add, pulled back
//
// What sync sends of a file's meta:, SEO fields and keys naming a custom
// taxonomy (sync/postfields.go) comes back into the front matter, so that
// a sync after a pull sends what the post has:
//
//   - the post's meta registered for REST, but WordPress's own (footnotes,
//     which the Markdown's footnotes give) and empty values, under meta:;
//   - the SEO plugin's meta as description, seo_title, canonical, noindex
//     and og_image, by sync's own table (sync.FieldsOfPost);
//   - the terms of each taxonomy but categories, tags and the post format
//     under the taxonomy's slug (genre: [Fiction, Poetry]).

// ownKeys are the front matter keys pull writes itself: no taxonomy's
// terms go under one of them.
var ownKeys = []string{"title", "slug", "type", "date", "status", "format", "categories", "tags", "excerpt",
	"featured_image", "sticky", "comment_status", "author", "menu_order", "template", "post_format",
	"description", "seo_title", "canonical", "noindex", "og_image", "meta"}

// readFieldTerms lists the names of the terms of the custom taxonomies the
// posts have terms of, each taxonomy once.
func (p *puller) readFieldTerms(ctx context.Context, posts []*wpsync.Post) error {
	used := map[string]bool{}
	for _, post := range posts {
		for base, ids := range post.OtherTerms {
			if len(ids) > 0 {
				used[base] = true
			}
		}
	}
	p.fieldTerms, p.fieldKeys = map[string]map[int]string{}, map[string]string{}
	if len(used) == 0 {
		return nil
	}
	taxes, err := p.site.Taxonomies(ctx)
	if err != nil {
		return fmt.Errorf("list taxonomies: %w", err)
	}
	for _, t := range taxes {
		if !used[t.RESTBase] || t.RESTBase == "categories" || t.RESTBase == "tags" || t.Slug == "post_format" ||
			!markdown.FieldTermsKey(t.Slug) || slices.Contains(ownKeys, t.Slug) {
			continue
		}
		terms, err := p.site.Terms(ctx, t.RESTBase)
		if err != nil {
			return fmt.Errorf("list %s: %w", t.RESTBase, err)
		}
		names := map[int]string{}
		for _, term := range terms {
			names[term.ID] = term.Name
		}
		p.fieldTerms[t.RESTBase], p.fieldKeys[t.RESTBase] = names, t.Slug
	}
	return nil
}

// fields sets what fields plugins add to post in its front matter.
func (p *puller) fields(post *wpsync.Post, fm *frontMatter) {
	meta, seo := wpsync.FieldsOfPost(post.Meta, post.Excerpt)
	fm.Meta = meta
	fm.Description, fm.SEOTitle, fm.Canonical, fm.NoIndex, fm.OGImage = seo.Description, seo.Title, seo.Canonical, seo.NoIndex, seo.Image
	for base, ids := range post.OtherTerms {
		key, ok := p.fieldKeys[base]
		if !ok {
			continue
		}
		var names []string
		for _, id := range ids {
			if n, ok := p.fieldTerms[base][id]; ok {
				names = append(names, n)
			}
		}
		if len(names) == 0 {
			continue
		}
		sort.Strings(names)
		if fm.Terms == nil {
			fm.Terms = map[string][]string{}
		}
		fm.Terms[key] = names
	}
}
