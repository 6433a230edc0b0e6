package wordpress

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"net/http"
	"net/url"
	"strconv"

	wpsync "github.com/wpsync/wpsync/sync"
)

// post is the JSON WordPress sends for a post, page or custom-type object
// in edit context.
type post struct {
	ID          int      `json:"id"`
	Slug        string   `json:"slug"`
	Status      string   `json:"status"`
	Link        string   `json:"link"`
	Date        string   `json:"date"`
	DateGMT     string   `json:"date_gmt"`
	ModifiedGMT string   `json:"modified_gmt"`
	Title       rendered `json:"title"`
	Content     rendered `json:"content"`
	Excerpt     rendered `json:"excerpt"`
	Categories  []int    `json:"categories"`
	Tags        []int    `json:"tags"`
	postExtra            // pages, pictures, authors (types.go)
}

type rendered struct {
	Raw      string `json:"raw"`
	Rendered string `json:"rendered"`
}

func (p *post) toSync(typ string) *wpsync.Post {
	return &wpsync.Post{
		ID: p.ID, Type: typ, Slug: p.Slug, Status: p.Status, Link: p.Link,
		Date: p.Date, DateGMT: p.DateGMT, ModifiedGMT: p.ModifiedGMT,
		Title: p.Title.Raw, Content: p.Content.Raw, Excerpt: p.Excerpt.Raw,
		Categories: p.Categories, Tags: p.Tags,
		Parent: p.Parent, MenuOrder: p.MenuOrder, Template: p.Template, FeaturedMedia: p.FeaturedMedia,
		Sticky: p.Sticky, CommentStatus: p.CommentStatus, PingStatus: p.PingStatus, Format: p.Format,
		Author: p.Author, Password: p.Password,
	}
}

// FindBySlug implements sync.Publisher.
func (c *Client) FindBySlug(ctx context.Context, typ, slug string) (*wpsync.Post, error) {
	var found []post
	q := url.Values{"slug": {slug}, "status": {"any"}, "context": {"edit"}, "per_page": {"1"}}
	if _, err := c.call(ctx, http.MethodGet, "/wp/v2/"+typ, q, nil, &found); err != nil {
		return nil, err
	}
	if len(found) > 0 {
		return c.editable(typ, &found[0]), nil
	}
	// Edit context lists only what the user may edit: an Author does not
	// see another user's post there, though it holds its slug. View
	// context shows the published ones.
	q = url.Values{"slug": {slug}, "per_page": {"1"}, "_fields": {readOnlyFields}}
	if _, err := c.call(ctx, http.MethodGet, "/wp/v2/"+typ, q, nil, &found); err != nil {
		return nil, err
	}
	if len(found) == 0 {
		return nil, nil
	}
	// Made since the first look-up (by a run whose writes are still
	// landing), or really another user's: edit context by ID tells.
	var got post
	route := "/wp/v2/" + typ + "/" + strconv.Itoa(found[0].ID)
	_, err := c.call(ctx, http.MethodGet, route, url.Values{"context": {"edit"}}, nil, &got)
	var ae *APIError
	switch {
	case err == nil:
		return got.toSync(typ), nil
	case errors.As(err, &ae) && (ae.Status == http.StatusForbidden || ae.Status == http.StatusUnauthorized):
		return found[0].readOnly(typ), nil
	}
	return nil, err
}

// readOnlyFields are what view context tells of a post the user may not edit.
const readOnlyFields = "id,slug,status,link,author"

func (p *post) readOnly(typ string) *wpsync.Post {
	return &wpsync.Post{ID: p.ID, Type: typ, Slug: p.Slug, Status: p.Status, Link: p.Link, Author: p.Author, ReadOnly: true}
}

// Create implements sync.Publisher.
func (c *Client) Create(ctx context.Context, p *wpsync.Post) (*wpsync.Post, error) {
	var got post
	if _, err := c.call(ctx, http.MethodPost, "/wp/v2/"+p.Type, nil, p.Body(), &got); err != nil {
		return nil, err
	}
	return got.toSync(p.Type), nil
}

// Update implements sync.Publisher.
func (c *Client) Update(ctx context.Context, p *wpsync.Post) (*wpsync.Post, error) {
	var got post
	route := "/wp/v2/" + p.Type + "/" + strconv.Itoa(p.ID)
	// Sending the same fields twice leaves the same post: safe to retry.
	if _, err := c.call(Idempotent(ctx), http.MethodPost, route, nil, p.Body(), &got); err != nil {
		return nil, err
	}
	return got.toSync(p.Type), nil
}

type term struct {
	ID     int    `json:"id"`
	Name   string `json:"name"`
	Parent int    `json:"parent"`
}

func (t term) toSync() wpsync.Term {
	// WordPress sends names HTML-escaped ("A &amp; B").
	return wpsync.Term{ID: t.ID, Name: html.UnescapeString(t.Name), Parent: t.Parent}
}

// Terms implements sync.Publisher, reading every page.
func (c *Client) Terms(ctx context.Context, taxonomy string) ([]wpsync.Term, error) {
	var all []wpsync.Term
	q := url.Values{"_fields": {"id,name,parent"}}
	err := pages(ctx, c, "/wp/v2/"+taxonomy, q, func(got []term) {
		for _, t := range got {
			all = append(all, t.toSync())
		}
	})
	return all, err
}

// CreateTerm implements sync.Publisher. A term that exists already (made
// since the list was read) is returned, not an error.
func (c *Client) CreateTerm(ctx context.Context, taxonomy, name string) (wpsync.Term, error) {
	var got term
	// A replay after a lost answer meets term_exists, handled below.
	_, err := c.call(Idempotent(ctx), http.MethodPost, "/wp/v2/"+taxonomy, nil, map[string]any{"name": name}, &got)
	if err == nil {
		return got.toSync(), nil
	}
	if id := existingTermID(err); id > 0 {
		return wpsync.Term{ID: id, Name: name}, nil
	}
	return wpsync.Term{}, err
}

// existingTermID reads data.term_id from a term_exists error.
func existingTermID(err error) int {
	var ae *APIError
	if !errors.As(err, &ae) || ae.Code != "term_exists" {
		return 0
	}
	var d struct {
		TermID int `json:"term_id"`
	}
	if json.Unmarshal(ae.Data, &d) != nil {
		return 0
	}
	return d.TermID
}

// DefaultCategory implements sync.Publisher: default_category of
// /wp/v2/settings, which needs manage_options; 0 when the site refuses
// (401 or 403 rest_forbidden: the user lacks it; 404: a site without the
// route).
func (c *Client) DefaultCategory(ctx context.Context) (int, error) {
	var got struct {
		DefaultCategory int `json:"default_category"`
	}
	_, err := c.call(ctx, http.MethodGet, "/wp/v2/settings", url.Values{"_fields": {"default_category"}}, nil, &got)
	var ae *APIError
	if errors.As(err, &ae) && ae.Status >= 400 && ae.Status < 500 {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("read the default category: %w", err)
	}
	return got.DefaultCategory, nil
}
