package wordpress

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"sort"

	wpsync "github.com/wpsync/wpsync/sync"
)

// postExtra is the part of a post's JSON beyond the basic fields: pages'
// place in the tree, the featured image, the author, and the rest.
type postExtra struct {
	Parent        int    `json:"parent"`
	MenuOrder     int    `json:"menu_order"`
	Template      string `json:"template"`
	FeaturedMedia int    `json:"featured_media"`
	Sticky        *bool  `json:"sticky"`
	CommentStatus string `json:"comment_status"`
	PingStatus    string `json:"ping_status"`
	Format        string `json:"format"`
	Author        int    `json:"author"`
	Password      string `json:"password"`
}

// Types implements sync.Publisher: GET /wp/v2/types, which lists
// the types shown in the REST API.
func (c *Client) Types(ctx context.Context) ([]wpsync.PostType, error) {
	var got map[string]struct {
		Slug         string   `json:"slug"`
		RESTBase     string   `json:"rest_base"`
		Hierarchical bool     `json:"hierarchical"`
		Taxonomies   []string `json:"taxonomies"`
	}
	if _, err := c.call(ctx, http.MethodGet, "/wp/v2/types", nil, nil, &got); err != nil {
		return nil, err
	}
	types := make([]wpsync.PostType, 0, len(got))
	for slug, t := range got {
		if t.Slug == "" {
			t.Slug = slug
		}
		if t.RESTBase == "" {
			t.RESTBase = t.Slug
		}
		types = append(types, wpsync.PostType{Slug: t.Slug, RESTBase: t.RESTBase, Hierarchical: t.Hierarchical, Taxonomies: t.Taxonomies})
	}
	sort.Slice(types, func(a, b int) bool { return types[a].Slug < types[b].Slug })
	return types, nil
}

// CreateChildTerm implements sync.Publisher. A term of that name
// under that parent that exists already is returned, not an error.
func (c *Client) CreateChildTerm(ctx context.Context, taxonomy, name string, parent int) (wpsync.Term, error) {
	var got term
	b := map[string]any{"name": name}
	if parent > 0 {
		b["parent"] = parent
	}
	// A replay after a lost answer meets term_exists, handled below.
	_, err := c.call(Idempotent(ctx), http.MethodPost, "/wp/v2/"+taxonomy, nil, b, &got)
	if err == nil {
		return got.toSync(), nil
	}
	if id := existingTermID(err); id > 0 {
		return wpsync.Term{ID: id, Name: name, Parent: parent}, nil
	}
	return wpsync.Term{}, err
}

// query is a helper for url.Values with one value per key.
func query(kv ...string) url.Values {
	q := url.Values{}
	for i := 0; i+1 < len(kv); i += 2 {
		q.Set(kv[i], kv[i+1])
	}
	return q
}

// PageTemplates implements sync.Publisher: the custom templates of a block
// theme (wp_template items with is_custom), which are what WordPress
// checks a post's template against (get_page_templates). The type's REST
// schema does not list them (WordPress 6.1: template is a plain string,
// checked by a callback). known is false when the site cannot tell: a
// classic theme, whose PHP templates the REST API does not list, or a user
// who may not read templates (edit_theme_options).
func (c *Client) PageTemplates(ctx context.Context) (slugs []string, known bool, err error) {
	var got []struct {
		Slug     string `json:"slug"`
		IsCustom bool   `json:"is_custom"`
	}
	if _, err := c.call(ctx, http.MethodGet, "/wp/v2/templates", url.Values{"context": {"edit"}, "per_page": {"100"}}, nil, &got); err != nil {
		var ae *APIError
		if errors.As(err, &ae) && ae.StatusCode() >= 400 && ae.StatusCode() < 500 {
			return nil, false, nil
		}
		return nil, false, err
	}
	if len(got) == 0 {
		return nil, false, nil // a classic theme
	}
	for _, t := range got {
		if t.IsCustom {
			slugs = append(slugs, t.Slug)
		}
	}
	return slugs, true, nil
}
