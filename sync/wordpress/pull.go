package wordpress

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"io"
	"net/http"
	"net/url"

	wpsync "github.com/wpsync/wpsync/sync"
)

// What `wpsync pull` reads: every object of a type, the users, the media
// library, and the files of the site's uploads.

// AllPosts returns every object of a type (REST base) the signed-in user
// may edit, in any status but trash, in edit context (raw title, content
// and excerpt, as stored), 100 a request. WordPress lists in edit context
// only what the user may edit (an Author sees their own posts).
//
// A draft that has no slug yet (WordPress gives one on publishing) comes
// with the one it would get, edit context's generated_slug.
func (c *Client) AllPosts(ctx context.Context, typ string) ([]*wpsync.Post, error) {
	var all []*wpsync.Post
	q := url.Values{"status": {allStatuses}, "context": {"edit"}, "orderby": {"id"}, "order": {"asc"}}
	err := pages(ctx, c, "/wp/v2/"+typ, q, func(got []withGenerated) {
		for _, p := range got {
			if p.Slug == "" {
				p.Slug = p.GeneratedSlug
			}
			all = append(all, c.editable(typ, &p.post))
		}
	})
	return all, err
}

// withGenerated is a post with edit context's generated_slug.
type withGenerated struct {
	post
	GeneratedSlug string
}

// UnmarshalJSON decodes the post with its own decoder (post's, which would
// otherwise be promoted and take the whole object) and generated_slug
// beside it.
func (w *withGenerated) UnmarshalJSON(data []byte) error {
	if err := json.Unmarshal(data, &w.post); err != nil {
		return err
	}
	var g struct {
		GeneratedSlug string `json:"generated_slug"`
	}
	if err := json.Unmarshal(data, &g); err != nil {
		return err
	}
	w.GeneratedSlug = g.GeneratedSlug
	return nil
}

// Users lists the site's users with their login names (edit context, for
// users who may list users: administrators); for others, view context,
// which has no login names (Login is then empty) and only users with
// published posts.
func (c *Client) Users(ctx context.Context) ([]wpsync.User, error) {
	type user struct {
		ID       int    `json:"id"`
		Username string `json:"username"`
		Slug     string `json:"slug"`
		Name     string `json:"name"`
	}
	var all []wpsync.User
	each := func(got []user) {
		for _, u := range got {
			all = append(all, wpsync.User{ID: u.ID, Login: u.Username, Slug: u.Slug, Name: html.UnescapeString(u.Name)})
		}
	}
	err := pages(ctx, c, "/wp/v2/users", url.Values{"context": {"edit"}}, each)
	var ae *APIError
	if errors.As(err, &ae) && (ae.Status == http.StatusUnauthorized || ae.Status == http.StatusForbidden) {
		all = nil
		err = pages(ctx, c, "/wp/v2/users", nil, each)
	}
	return all, err
}

// MediaItems lists the media library: each item's ID and source_url (the
// address of the uploaded file, not of a resized copy).
func (c *Client) MediaItems(ctx context.Context) ([]wpsync.Media, error) {
	var all []wpsync.Media
	q := url.Values{"_fields": {"id,source_url"}}
	err := pages(ctx, c, "/wp/v2/media", q, func(got []struct {
		ID        int    `json:"id"`
		SourceURL string `json:"source_url"`
	}) {
		for _, m := range got {
			all = append(all, wpsync.Media{ID: m.ID, URL: m.SourceURL})
		}
	})
	return all, err
}

// Download copies the file at rawURL, which must be on the site's own host
// (its uploads), to w. No credentials are sent: uploads are public files
// served by the web server, not the REST API. A status other than 200 is
// an error naming it.
func (c *Client) Download(ctx context.Context, rawURL string, w io.Writer) error {
	u, err := url.Parse(rawURL)
	if err != nil || u.Host != c.site.Host || (u.Scheme != "http" && u.Scheme != "https") {
		return fmt.Errorf("download %s: not a file of the site %s", rawURL, c.site.Host)
	}
	req, err := c.newRequest(transfer(ctx), http.MethodGet, u.String(), nil, nil)
	if err != nil {
		return err
	}
	resp, err := c.do(req, w)
	switch {
	case resp != nil && resp.StatusCode != http.StatusOK:
		return fmt.Errorf("download %s: %s", rawURL, resp.Status)
	case err != nil:
		return err // names the request
	}
	return nil
}
