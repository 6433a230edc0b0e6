package wordpress

import (
	"context"
	"errors"
	"html"
	"net/http"
	"strings"

	wpsync "github.com/wpsync/wpsync/sync"
)

// FindUser implements sync.Publisher. Users who may list users
// (administrators, editors) search in edit context, which shows login
// names; others can see only users with published posts, by slug or name.
// A login name wins over a slug, a slug over a display name.
func (c *Client) FindUser(ctx context.Context, name string) (*wpsync.User, error) {
	type user struct {
		ID       int    `json:"id"`
		Username string `json:"username"`
		Slug     string `json:"slug"`
		Name     string `json:"name"`
	}
	var got []user
	_, err := c.call(ctx, http.MethodGet, "/wp/v2/users", query("search", name, "context", "edit", "per_page", "100"), nil, &got)
	var ae *APIError
	if errors.As(err, &ae) && (ae.Status == http.StatusUnauthorized || ae.Status == http.StatusForbidden) {
		got = nil
		_, err = c.call(ctx, http.MethodGet, "/wp/v2/users", query("search", name, "per_page", "100"), nil, &got)
	}
	if err != nil {
		return nil, err
	}
	var bySlug, byName *user
	for i, u := range got {
		switch {
		case u.Username != "" && strings.EqualFold(u.Username, name):
			return &wpsync.User{ID: u.ID, Login: u.Username, Slug: u.Slug, Name: html.UnescapeString(u.Name)}, nil
		case strings.EqualFold(u.Slug, name) && bySlug == nil:
			bySlug = &got[i]
		case strings.EqualFold(html.UnescapeString(u.Name), name) && byName == nil:
			byName = &got[i]
		}
	}
	for _, u := range []*user{bySlug, byName} {
		if u != nil {
			return &wpsync.User{ID: u.ID, Login: u.Username, Slug: u.Slug, Name: html.UnescapeString(u.Name)}, nil
		}
	}
	return nil, nil
}
