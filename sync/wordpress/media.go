package wordpress

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	wpsync "github.com/wpsync/wpsync/sync"
)

// Upload implements sync.Publisher: POST /wp/v2/media with the
// file's bytes as the body and its name in Content-Disposition, the alt
// text and caption as parameters. Media cannot go through /batch/v1. An upload is a
// create: it is not sent twice after a lost answer (only after a 429).
//
// On a site that lets a client make the sub-sizes (WordPress 7.1's
// sideload route; see sideload.go) a JPEG or PNG goes that way instead.
func (c *Client) Upload(ctx context.Context, f *wpsync.MediaFile) (*wpsync.Media, error) {
	if m, done, err := c.uploadWithSizes(ctx, f); done {
		return m, err
	}
	got, err := c.upload(ctx, f, nil)
	if err != nil {
		return nil, err
	}
	return &wpsync.Media{ID: got.ID, URL: got.SourceURL}, nil
}

// uploaded is what Upload reads of the new item.
type uploaded struct {
	ID           int    `json:"id"`
	SourceURL    string `json:"source_url"`
	MediaDetails struct {
		File string `json:"file"` // uploads/YYYY/MM/NAME as stored
	} `json:"media_details"`
}

// upload sends the file to /wp/v2/media, with these parameters besides.
func (c *Client) upload(ctx context.Context, f *wpsync.MediaFile, extra url.Values) (*uploaded, error) {
	q := query()
	for k, v := range extra {
		q[k] = v
	}
	if f.Alt != "" {
		q.Set("alt_text", f.Alt)
	}
	if f.Caption != "" {
		q.Set("caption", f.Caption)
	}
	if f.Slug != "" {
		q.Set("slug", f.Slug)
	}
	req, err := c.newRequest(transfer(ctx), http.MethodPost, "/wp/v2/media", q, &rawBody{open: f.Open, size: f.Size, contentType: f.MIME})
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Disposition", contentDisposition(f.Name))
	var got uploaded
	if _, err := c.do(req, &got); err != nil {
		var ae *APIError
		if errors.As(err, &ae) && (ae.Code == "rest_upload_sideload_error" || ae.Code == "rest_upload_file_type") {
			return nil, fmt.Errorf("WordPress refused %s: its type is not one the site allows (SVG, for one, needs a plugin); convert the file, e.g. to PNG: %w: %w", f.Name, wpsync.ErrTypeRefused, err)
		}
		return nil, err
	}
	return &got, nil
}

// contentDisposition names an upload the way WordPress reads it: only the
// filename= parameter (not RFC 6266's filename*=, which Go's
// mime.FormatMediaType writes for non-ASCII names), after splitting the
// header on ";", quotes stripped. So a name keeps its UTF-8 letters as
// they are, and loses what would end it early.
func contentDisposition(name string) string {
	clean := strings.Map(func(r rune) rune {
		switch {
		case r == '"' || r == ';' || r == '\\' || r < 0x20 || r == 0x7f:
			return '_'
		}
		return r
	}, name)
	if strings.Trim(clean, "._ ") == "" {
		clean = "file"
	}
	return `attachment; filename="` + clean + `"`
}

// FindMedia implements sync.Publisher.
func (c *Client) FindMedia(ctx context.Context, slug string) (*wpsync.Media, error) {
	var found []struct {
		ID        int    `json:"id"`
		SourceURL string `json:"source_url"`
	}
	q := query("slug", slug, "_fields", "id,source_url")
	if _, err := c.call(ctx, http.MethodGet, "/wp/v2/media", q, nil, &found); err != nil {
		return nil, err
	}
	if len(found) == 0 {
		return nil, nil
	}
	return &wpsync.Media{ID: found[0].ID, URL: found[0].SourceURL}, nil
}

// FindMediaSlugs implements the sync package's media look-up by many slugs
// (at most 100: one request; WordPress's slug filter takes a list). It
// returns the items found, by slug.
func (c *Client) FindMediaSlugs(ctx context.Context, slugs []string) (map[string]*wpsync.Media, error) {
	var found []struct {
		ID        int    `json:"id"`
		Slug      string `json:"slug"`
		SourceURL string `json:"source_url"`
	}
	q := url.Values{"slug": {strings.Join(slugs, ",")}, "per_page": {strconv.Itoa(min(max(len(slugs), 1), 100))}, "_fields": {"id,slug,source_url"}}
	if _, err := c.call(ctx, http.MethodGet, "/wp/v2/media", q, nil, &found); err != nil {
		return nil, err
	}
	out := map[string]*wpsync.Media{}
	for _, f := range found {
		if out[f.Slug] == nil {
			out[f.Slug] = &wpsync.Media{ID: f.ID, URL: f.SourceURL}
		}
	}
	return out, nil
}
