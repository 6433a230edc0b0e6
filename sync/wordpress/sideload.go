package wordpress

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"path"
	"runtime"
	"strings"
	gosync "sync"
	"time"

	"github.com/wpsync/wpsync/internal/subsizes"
	wpsync "github.com/wpsync/wpsync/sync"
)

// Sub-sizes made by wpsync
//
// WordPress decodes every picture it is sent to make its sub-sizes (and a
// -scaled copy above 2,560 px): a big photo needs more PHP memory than a
// small host allows, and its upload dies with a 500. WordPress 7.1 lets a
// client do that work where client-side media processing is on (an HTTPS
// site, or one served as localhost): the REST index then lists the sizes
// (image_sizes, image_size_threshold) to whom may upload, and
// /wp/v2/media/ID/sideload and /finalize exist
// (class-wp-rest-attachments-controller.php). There wpsync uploads a JPEG or
// PNG with generate_sub_sizes false, makes each size as WordPress would
// (internal/subsizes), sends each through sideload, and finalizes the item
// with what the sideloads answered. Elsewhere uploads are as before.

// MediaPath says who makes a site's picture sizes, and why.
type MediaPath struct {
	// Client is true when wpsync makes them (sideload and finalize).
	Client bool
	// Why is one sentence for people: the routes found or not, and what
	// turns the site's client-side media processing on.
	Why       string
	Sizes     []subsizes.Size
	Threshold int // the big-image threshold in pixels; 0: none
}

// makers bounds the pictures whose sizes are being made at once: each
// takes a core, and for a photo of 24 megapixels some 500 MB (the decoded
// picture and the resampler's buffers), for a few seconds.
var makers = make(chan struct{}, min(2, max(1, runtime.NumCPU())))

// mediaState is the client's view of the site's media path, read once.
type mediaState struct {
	mu    gosync.Mutex
	path  *MediaPath
	notes []string // sideloads that failed and were uploaded the server's way
}

// MediaPath reads who makes the site's picture sizes: the signed-in REST
// index (its image_sizes) and the sideload and finalize routes. It is read
// once per client; an error leaves it to be read again.
func (c *Client) MediaPath(ctx context.Context) (*MediaPath, error) {
	c.media.mu.Lock()
	defer c.media.mu.Unlock()
	if c.media.path != nil {
		return c.media.path, nil
	}
	p, err := c.readMediaPath(ctx)
	if err != nil {
		return nil, err
	}
	c.media.path = p
	return p, nil
}

func (c *Client) readMediaPath(ctx context.Context) (*MediaPath, error) {
	var idx struct {
		Namespaces []string                 `json:"namespaces"`
		Sizes      map[string]subsizes.Size `json:"image_sizes"`
		Threshold  *int                     `json:"image_size_threshold"`
	}
	q := url.Values{"_fields": {"namespaces,image_sizes,image_size_threshold"}}
	if _, err := c.call(ctx, http.MethodGet, "/", q, nil, &idx); err != nil {
		return nil, err
	}
	// wp_is_client_side_media_processing_enabled: HTTPS, or a host named
	// localhost (or *.localhost), unless a filter says otherwise.
	on, secure := true, "the site is HTTPS"
	if h := strings.ToLower(c.site.Hostname()); c.site.Scheme != "https" {
		on, secure = h == "localhost" || strings.HasSuffix(h, ".localhost"), "the site is served as localhost"
		if !on {
			secure = "the site is neither HTTPS nor served as localhost"
		}
	}
	routes := c.hasRoute(ctx, "/wp/v2/media/0/sideload") && c.hasRoute(ctx, "/wp/v2/media/0/finalize")
	switch {
	case routes && idx.Sizes != nil:
		p := &MediaPath{Client: true, Threshold: 2560}
		if idx.Threshold != nil {
			p.Threshold = *idx.Threshold
		}
		for name, s := range idx.Sizes {
			s.Name = name
			p.Sizes = append(p.Sizes, s)
		}
		sortSizes(p.Sizes)
		p.Why = fmt.Sprintf("wpsync makes the picture sizes (%d sizes, -scaled above %d px) and sends them through /wp/v2/media/ID/sideload and /finalize: the routes are there and %s", len(p.Sizes), p.Threshold, secure)
		return p, nil
	case routes:
		return &MediaPath{Why: "WordPress makes the picture sizes: the sideload routes are there but the REST index lists no image_sizes to this user (who may not upload files?)"}, nil
	case !on:
		return &MediaPath{Why: "WordPress makes the picture sizes: no /wp/v2/media/ID/sideload route (WordPress before 7.1, or its client-side media processing is off: " + secure + ")"}, nil
	}
	return &MediaPath{Why: "WordPress makes the picture sizes: no /wp/v2/media/ID/sideload route (WordPress before 7.1, or a plugin turned client-side media processing off)"}, nil
}

// hasRoute asks whether a REST route exists: OPTIONS answers its
// description (its endpoints) without running it, and an empty answer, 200
// all the same, when there is none (rest_handle_options_request).
func (c *Client) hasRoute(ctx context.Context, route string) bool {
	var help struct {
		Endpoints []json.RawMessage `json:"endpoints"`
	}
	_, err := c.call(ctx, http.MethodOptions, route, nil, nil, &help)
	return err == nil && len(help.Endpoints) > 0
}

// sortSizes puts the sizes in WordPress's order of making them
// (_wp_make_subsizes: medium, large, thumbnail, medium_large, then the
// others as registered — here by name, the index being a JSON object).
func sortSizes(sizes []subsizes.Size) {
	rank := map[string]int{"medium": 0, "large": 1, "thumbnail": 2, "medium_large": 3}
	key := func(s subsizes.Size) (int, string) {
		if r, ok := rank[s.Name]; ok {
			return r, ""
		}
		return len(rank), s.Name
	}
	for i := 1; i < len(sizes); i++ {
		for j := i; j > 0; j-- {
			ra, na := key(sizes[j-1])
			rb, nb := key(sizes[j])
			if ra < rb || (ra == rb && na <= nb) {
				break
			}
			sizes[j-1], sizes[j] = sizes[j], sizes[j-1]
		}
	}
}

// uploadWithSizes uploads a picture with the sizes made by wpsync where
// the site takes them. done is false when the site, or the file's type,
// calls for the ordinary upload. When a sideload step fails the half-made
// item is deleted and the file uploaded the ordinary way, which the run's
// warnings say (Warnings).
func (c *Client) uploadWithSizes(ctx context.Context, f *wpsync.MediaFile) (m *wpsync.Media, done bool, err error) {
	if !subsizes.Supported(f.MIME) {
		return nil, false, nil
	}
	p, err := c.MediaPath(ctx)
	if err != nil || !p.Client {
		return nil, false, nil
	}
	data, err := subsizes.ReadAll(f.Open)
	if err != nil {
		return nil, true, err
	}
	// Making the sizes of a photo of many megapixels takes a core and a few
	// hundred MB for a few seconds: two at most at once (makers).
	select {
	case makers <- struct{}{}:
	case <-ctx.Done():
		return nil, true, ctx.Err()
	}
	made, err := subsizes.Make(data, f.MIME, p.Sizes, p.Threshold)
	<-makers
	if err != nil {
		c.note(fmt.Sprintf("%s: wpsync could not make its sizes (%v); WordPress made them", f.Name, err))
		return nil, false, nil
	}
	got, err := c.upload(ctx, f, url.Values{"generate_sub_sizes": {"false"}})
	if err != nil {
		// The site may have made the item without its answer coming
		// back: then it gets its sizes now, or sync would find it by
		// its slug and use it without them.
		var ae *APIError
		if errors.As(err, &ae) && ae.Status >= 400 && ae.Status < 500 {
			return nil, true, err
		}
		if got = c.findUploaded(ctx, f.Slug); got == nil {
			return nil, true, err
		}
	}
	url, err := c.sideloadAll(ctx, got, made)
	if err == nil {
		return &wpsync.Media{ID: got.ID, URL: url}, true, nil
	}
	// Never half an item: away with it, and the server makes the sizes.
	// Also when the run is being stopped (Ctrl-C), for a few seconds more.
	dctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 15*time.Second)
	defer cancel()
	if derr := c.deleteMedia(dctx, got.ID); derr != nil {
		return nil, true, fmt.Errorf("%s: sending its sizes failed (%w), and deleting the item it left (media %d, without sizes) failed too: %w", f.Name, err, got.ID, derr)
	}
	if ctx.Err() != nil {
		return nil, true, err
	}
	c.note(fmt.Sprintf("%s: sending the sizes wpsync made failed (%v); uploaded again with WordPress making them", f.Name, err))
	return nil, false, nil
}

// sideloadAll sends the sizes of an item uploaded without them, then the
// scaled or turned copy (its name must still be derived from the item's
// own file, so last), then finalizes the item; it returns the item's
// address after it (the -scaled file's, for a big picture).
func (c *Client) sideloadAll(ctx context.Context, got *uploaded, made *subsizes.Result) (string, error) {
	name := path.Base(got.MediaDetails.File)
	if got.MediaDetails.File == "" {
		u, err := url.Parse(got.SourceURL)
		if err != nil || path.Base(u.Path) == "" {
			return "", fmt.Errorf("WordPress named no file for media %d", got.ID)
		}
		name = path.Base(u.Path)
	}
	var subs []json.RawMessage
	send := func(f *subsizes.File, sizes []string) error {
		q := url.Values{}
		if len(sizes) == 1 {
			q.Set("image_size", sizes[0])
		} else {
			q["image_size[]"] = sizes
		}
		q.Set("convert_format", "false")
		fileName := subsizes.FileName(name, f.Suffix)
		req, err := c.newRequest(transfer(ctx), http.MethodPost, fmt.Sprintf("/wp/v2/media/%d/sideload", got.ID), q, bytesBody(f.Data, f.MIME))
		if err != nil {
			return err
		}
		req.Header.Set("Content-Disposition", contentDisposition(fileName))
		var sub json.RawMessage
		if _, err := c.do(req, &sub); err != nil {
			return fmt.Errorf("%s: %w", fileName, err)
		}
		subs = append(subs, sub)
		return nil
	}
	for _, f := range made.Sizes {
		if err := send(f, f.Sizes); err != nil {
			return "", err
		}
	}
	if made.Main != nil {
		kind := "scaled"
		if made.Main.Suffix == "-rotated" {
			kind = "original"
		}
		if err := send(made.Main, []string{kind}); err != nil {
			return "", err
		}
	}
	var fin struct {
		ID        int    `json:"id"`
		SourceURL string `json:"source_url"`
	}
	q := url.Values{"_fields": {"id,source_url"}}
	if _, err := c.call(ctx, http.MethodPost, fmt.Sprintf("/wp/v2/media/%d/finalize", got.ID), q, map[string]any{"sub_sizes": subs}, &fin); err != nil {
		return "", fmt.Errorf("finalize: %w", err)
	}
	if fin.SourceURL == "" {
		return "", errors.New("finalize answered without the item's address")
	}
	return fin.SourceURL, nil
}

// findUploaded is the media item with this slug, nil when there is none
// or the site does not say.
func (c *Client) findUploaded(ctx context.Context, slug string) *uploaded {
	if slug == "" {
		return nil
	}
	var found []uploaded
	q := query("slug", slug, "_fields", "id,source_url,media_details")
	if _, err := c.call(ctx, http.MethodGet, "/wp/v2/media", q, nil, &found); err != nil || len(found) == 0 || found[0].ID <= 0 {
		return nil
	}
	return &found[0]
}

// deleteMedia deletes a media item and its files for good.
func (c *Client) deleteMedia(ctx context.Context, id int) error {
	_, err := c.call(ctx, http.MethodDelete, fmt.Sprintf("/wp/v2/media/%d", id), query("force", "true"), nil, nil)
	return err
}

// note keeps a warning for the run's report.
func (c *Client) note(msg string) {
	c.media.mu.Lock()
	defer c.media.mu.Unlock()
	c.media.notes = append(c.media.notes, msg)
}

// mediaNotes returns the notes not returned before.
func (c *Client) mediaNotes() []string {
	c.media.mu.Lock()
	defer c.media.mu.Unlock()
	n := c.media.notes
	c.media.notes = nil
	return n
}
