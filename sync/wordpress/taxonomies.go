package wordpress

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/url"
	"sort"

	wpsync "github.com/wpsync/wpsync/sync"
)

// Taxonomies implements sync.Publisher: GET /wp/v2/taxonomies in edit
// context, which tells the capabilities of each and which WordPress gives
// a user who may assign terms of one (an Author too); in view context when
// it refuses, without them. A site that refuses both lists none.
func (c *Client) Taxonomies(ctx context.Context) ([]wpsync.Taxonomy, error) {
	type taxonomy struct {
		Slug         string            `json:"slug"`
		RESTBase     string            `json:"rest_base"`
		Types        []string          `json:"types"`
		Capabilities map[string]string `json:"capabilities"`
	}
	var got map[string]taxonomy
	_, err := c.call(ctx, http.MethodGet, "/wp/v2/taxonomies", url.Values{"context": {"edit"}}, nil, &got)
	var ae *APIError
	if errors.As(err, &ae) && ae.StatusCode() >= 400 && ae.StatusCode() < 500 {
		got = nil
		_, err = c.call(ctx, http.MethodGet, "/wp/v2/taxonomies", nil, nil, &got)
		if errors.As(err, &ae) && ae.StatusCode() >= 400 && ae.StatusCode() < 500 {
			return nil, nil // the route is hidden (a security plugin): the site tells of none
		}
	}
	if err != nil {
		return nil, err
	}
	out := make([]wpsync.Taxonomy, 0, len(got))
	for slug, t := range got {
		if t.Slug == "" {
			t.Slug = slug
		}
		if t.RESTBase == "" {
			t.RESTBase = t.Slug
		}
		out = append(out, wpsync.Taxonomy{Slug: t.Slug, RESTBase: t.RESTBase, Types: t.Types, EditTerms: t.Capabilities["edit_terms"]})
	}
	sort.Slice(out, func(a, b int) bool { return out[a].Slug < out[b].Slug })
	return out, nil
}

// UnmarshalJSON reads a post, and the term IDs of every other taxonomy
// it has (each a field named by the taxonomy's REST base, a list of
// numbers) into terms: sync compares those of the taxonomies it sends.
func (p *post) UnmarshalJSON(data []byte) error {
	type plain post
	if err := json.Unmarshal(data, (*plain)(p)); err != nil {
		return err
	}
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(data, &fields); err != nil {
		return nil
	}
	for k, v := range fields {
		if k == "categories" || k == "tags" || !bytes.HasPrefix(v, []byte("[")) {
			continue
		}
		var ids []int
		if json.Unmarshal(v, &ids) != nil {
			continue
		}
		if p.terms == nil {
			p.terms = map[string][]int{}
		}
		p.terms[k] = ids
	}
	return nil
}
