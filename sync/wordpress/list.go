package wordpress

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/wpsync/wpsync/markdown"
	wpsync "github.com/wpsync/wpsync/sync"
)

// allStatuses is every status but trash (those a file may ask for):
// `status=any` is the same, but spelling them out also works for custom
// types that register none.
var allStatuses = strings.Join(markdown.Statuses, ",")

// pages reads every page of a collection, 100 at a time (WordPress's
// largest page), calling each with one page's decoded items.
func pages[T any](ctx context.Context, c *Client, route string, q url.Values, each func([]T)) error {
	for page := 1; ; page++ {
		pq := url.Values{}
		for k, v := range q {
			pq[k] = v
		}
		pq.Set("per_page", "100")
		pq.Set("page", strconv.Itoa(page))
		var got []T
		resp, err := c.call(ctx, http.MethodGet, route, pq, nil, &got)
		if err != nil {
			return err
		}
		each(got)
		total, _ := strconv.Atoi(resp.Header.Get("X-WP-TotalPages"))
		if page >= total || len(got) == 0 {
			return nil
		}
	}
}

// Slugs implements sync.Publisher.
func (c *Client) Slugs(ctx context.Context, typ string) ([]wpsync.Post, error) {
	var all []wpsync.Post
	q := url.Values{"status": {allStatuses}, "context": {"edit"}, "_fields": {"id,slug,status,author"}}
	editable := map[int]bool{}
	err := pages(ctx, c, "/wp/v2/"+typ, q, func(got []post) {
		for _, p := range got {
			if !c.mayEdit(typ, &p) {
				continue // listed below, read-only
			}
			editable[p.ID] = true
			all = append(all, wpsync.Post{ID: p.ID, Type: typ, Slug: p.Slug, Status: p.Status})
		}
	})
	if err != nil {
		return nil, err
	}
	// Other users' published posts, which edit context hides from an
	// Author (see FindBySlug).
	q = url.Values{"_fields": {readOnlyFields}}
	err = pages(ctx, c, "/wp/v2/"+typ, q, func(got []post) {
		for _, p := range got {
			if !editable[p.ID] {
				all = append(all, *p.readOnly(typ))
			}
		}
	})
	return all, err
}

// Posts implements sync.Publisher, 100 IDs a request.
func (c *Client) Posts(ctx context.Context, typ string, ids []int) (map[int]*wpsync.Post, error) {
	found := make(map[int]*wpsync.Post, len(ids))
	for len(ids) > 0 {
		n := min(len(ids), 100)
		chunk := make([]string, n)
		for i, id := range ids[:n] {
			chunk[i] = strconv.Itoa(id)
		}
		ids = ids[n:]
		q := url.Values{"include": {strings.Join(chunk, ",")}, "status": {allStatuses}, "context": {"edit"}}
		err := pages(ctx, c, "/wp/v2/"+typ, q, func(got []post) {
			for _, p := range got {
				if c.mayEdit(typ, &p) { // else as if not listed (see findSlugs)
					found[p.ID] = p.toSync(typ)
				}
			}
		})
		if err != nil {
			return nil, err
		}
	}
	return found, nil
}

// Trash implements sync.Publisher. Without force=true WordPress moves the
// post to the trash, from which it can be restored.
func (c *Client) Trash(ctx context.Context, typ string, id int) error {
	_, err := c.call(ctx, http.MethodDelete, "/wp/v2/"+typ+"/"+strconv.Itoa(id), nil, nil, nil)
	return err
}

// Delete implements sync.Publisher: a permanent delete (force=true).
func (c *Client) Delete(ctx context.Context, typ string, id int) error {
	_, err := c.call(ctx, http.MethodDelete, "/wp/v2/"+typ+"/"+strconv.Itoa(id), url.Values{"force": {"true"}}, nil, nil)
	return err
}
