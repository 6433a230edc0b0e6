package wordpress

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/wpsync/wpsync/internal/wpslug"
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
	// Meta is the post's meta registered for REST.
	Meta      metaValues `json:"meta"`
	postExtra            // pages, pictures, authors (types.go)
	// terms are the IDs of the post's terms in other taxonomies, by REST
	// base (taxonomies.go).
	terms map[string][]int
}

type rendered struct {
	Raw      string `json:"raw"`
	Rendered string `json:"rendered"`
}

// toSync converts a post read in edit context. The fingerprint wpsync put
// into its content is taken off into Fingerprint.
func (p *post) toSync(typ string) *wpsync.Post {
	content, fp, _ := wpsync.SplitFingerprint(p.Content.Raw)
	return &wpsync.Post{
		ID: p.ID, Type: typ, Slug: p.Slug, Status: p.Status, Link: p.Link,
		Date: p.Date, DateGMT: p.DateGMT, ModifiedGMT: p.ModifiedGMT,
		Title: p.Title.Raw, Content: content, Excerpt: p.Excerpt.Raw, Fingerprint: fp,
		Categories: p.Categories, Tags: p.Tags,
		Parent: p.Parent, MenuOrder: p.MenuOrder, Template: p.Template, FeaturedMedia: p.FeaturedMedia,
		Sticky: p.Sticky, CommentStatus: p.CommentStatus, PingStatus: p.PingStatus, Format: p.Format,
		Author: p.Author, Password: p.Password, OtherTerms: p.terms, Meta: p.Meta,
	}
}

// metaValues is a post's meta, each value as JSON has it. WordPress sends
// meta as an object, or as [] when none is registered (an empty PHP array).
type metaValues map[string]any

func (m *metaValues) UnmarshalJSON(data []byte) error {
	var all map[string]any
	if json.Unmarshal(data, &all) != nil {
		*m = nil // [] or anything else: no meta wpsync reads
		return nil
	}
	*m = all
	return nil
}

// FindBySlug implements sync.Publisher.
func (c *Client) FindBySlug(ctx context.Context, typ, slug string) (*wpsync.Post, error) {
	holder, _, err := c.find(ctx, typ, []string{slug})
	return holder, err
}

// FindFamily implements sync.Publisher: the slug and its numbered forms are
// asked for in one request (WordPress's slug filter takes a list).
func (c *Client) FindFamily(ctx context.Context, typ, slug string, n int) (*wpsync.Post, []*wpsync.Post, error) {
	slugs := []string{slug}
	for i := 2; i <= n; i++ {
		slugs = append(slugs, wpslug.Numbered(slug, i))
	}
	return c.find(ctx, typ, slugs)
}

// find looks slugs[0] up, and the other slugs in the same request: holder
// is the object holding slugs[0] (see FindBySlug), others those holding
// the rest that the user may edit.
func (c *Client) find(ctx context.Context, typ string, slugs []string) (holder *wpsync.Post, others []*wpsync.Post, err error) {
	var found []post
	q := url.Values{"slug": {strings.Join(slugs, ",")}, "status": {"any"}, "context": {"edit"}, "per_page": {strconv.Itoa(min(len(slugs), 100))}}
	if _, err := c.call(ctx, http.MethodGet, "/wp/v2/"+typ, q, nil, &found); err != nil {
		return nil, nil, err
	}
	for i := range found {
		switch {
		case found[i].Slug == slugs[0] && holder == nil:
			holder = c.editable(typ, &found[i])
		case found[i].Slug != slugs[0] && c.mayEdit(typ, &found[i]):
			others = append(others, found[i].toSync(typ))
		}
	}
	if holder != nil {
		if holder.ReadOnly {
			holder.AuthorName = c.userName(ctx, holder.Author)
		}
		return holder, others, nil
	}
	// Edit context lists only what the user may edit: an Author does not
	// see another user's post there, though it holds its slug. View
	// context shows the published ones.
	found = nil
	q = url.Values{"slug": {slugs[0]}, "per_page": {"1"}, "_fields": {readOnlyFields}}
	if _, err := c.call(ctx, http.MethodGet, "/wp/v2/"+typ, q, nil, &found); err != nil {
		return nil, nil, err
	}
	if len(found) == 0 {
		return nil, others, nil
	}
	// Made since the first look-up (by a run whose writes are still
	// landing), or really another user's: edit context by ID tells.
	p, err := c.Post(ctx, typ, found[0].ID)
	if err != nil {
		return nil, nil, err
	}
	return p, others, nil
}

// readOnlyFields are what view context tells of a post the user may not edit.
const readOnlyFields = "id,slug,status,link,author"

func (p *post) readOnly(typ string) *wpsync.Post {
	return &wpsync.Post{ID: p.ID, Type: typ, Slug: p.Slug, Status: p.Status, Link: p.Link, Author: p.Author, ReadOnly: true}
}

// Post implements sync.Publisher. Edit context by ID answers 404
// (rest_post_invalid_id) for an object that is gone, the object (trash
// included) when the user may edit it, and 401 or 403
// (rest_forbidden_context) when it exists but the user may not edit it:
// then view context tells what it can (a published post; another user's
// draft stays unseen) and the author's name is read.
func (c *Client) Post(ctx context.Context, typ string, id int) (*wpsync.Post, error) {
	var got post
	route := "/wp/v2/" + typ + "/" + strconv.Itoa(id)
	_, err := c.call(ctx, http.MethodGet, route, url.Values{"context": {"edit"}}, nil, &got)
	switch {
	case err == nil && c.mayEdit(typ, &got):
		return got.toSync(typ), nil
	case err == nil:
		ro := got.readOnly(typ)
		ro.AuthorName = c.userName(ctx, got.Author)
		return ro, nil
	case isStatus(err, http.StatusNotFound, http.StatusGone):
		return nil, nil
	case !isStatus(err, http.StatusUnauthorized, http.StatusForbidden):
		return nil, err
	}
	var seen post
	_, err = c.call(ctx, http.MethodGet, route, url.Values{"_fields": {readOnlyFields}}, nil, &seen)
	switch {
	case err == nil:
		ro := seen.readOnly(typ)
		ro.AuthorName = c.userName(ctx, seen.Author)
		return ro, nil
	case isStatus(err, http.StatusUnauthorized, http.StatusForbidden, http.StatusNotFound):
		// Not even visible (another user's draft): it exists all the same.
		return &wpsync.Post{ID: id, Type: typ, ReadOnly: true}, nil
	}
	return nil, err
}

// userName is a user's display name as view context shows it, or "" when
// it cannot be read (it only makes messages clearer).
func (c *Client) userName(ctx context.Context, id int) string {
	if id == 0 {
		return ""
	}
	var u struct {
		Name string `json:"name"`
	}
	if _, err := c.call(ctx, http.MethodGet, "/wp/v2/users/"+strconv.Itoa(id), url.Values{"_fields": {"name"}}, nil, &u); err != nil {
		return ""
	}
	return html.UnescapeString(u.Name)
}

// isStatus reports whether err is an answer of WordPress with one of these
// statuses.
func isStatus(err error, statuses ...int) bool {
	var ae *APIError
	return errors.As(err, &ae) && slices.Contains(statuses, ae.Status)
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
