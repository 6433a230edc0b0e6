package wordpress

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	gosync "sync"

	wpsync "github.com/wpsync/wpsync/sync"
)

// batchState remembers, per client, whether the site takes /batch/v1.
type batchState struct {
	once gosync.Once
	size int
}

// BatchSize implements sync.Publisher: the largest batch the site takes, read
// once from the route's own description (OPTIONS /batch/v1, whose
// requests.maxItems a site can change with the rest_get_max_batch_size
// filter), or 0 when the site has no batch route or refuses it.
func (c *Client) BatchSize(ctx context.Context) int {
	c.batch.once.Do(func() {
		var desc struct {
			Endpoints []struct {
				Args struct {
					Requests struct {
						MaxItems int `json:"maxItems"`
					} `json:"requests"`
				} `json:"args"`
			} `json:"endpoints"`
		}
		if _, err := c.call(ctx, http.MethodOptions, "/batch/v1", nil, nil, &desc); err != nil {
			return
		}
		for _, e := range desc.Endpoints {
			c.batch.size = max(c.batch.size, e.Args.Requests.MaxItems)
		}
	})
	return c.batch.size
}

// DisableBatch makes the client write one request at a time, as on a site
// without /batch/v1.
func (c *Client) DisableBatch() {
	c.batch.once.Do(func() {})
	c.batch.size = 0
}

type subRequest struct {
	Method string         `json:"method"`
	Path   string         `json:"path"`
	Body   map[string]any `json:"body"`
}

type subResponse struct {
	Status int             `json:"status"`
	Body   json.RawMessage `json:"body"`
}

// WriteBatch implements sync.Publisher. A sub-request that fails is reported
// for its post alone; the batch is not transactional.
func (c *Client) WriteBatch(ctx context.Context, posts []*wpsync.Post) ([]wpsync.WriteResult, error) {
	req := struct {
		Validation string       `json:"validation"`
		Requests   []subRequest `json:"requests"`
	}{Validation: "normal"} // let the valid writes through when one is refused
	for _, p := range posts {
		path := "/wp/v2/" + p.Type
		if p.ID > 0 {
			path += "/" + strconv.Itoa(p.ID)
		}
		req.Requests = append(req.Requests, subRequest{Method: http.MethodPost, Path: path, Body: p.Body()})
	}
	var resp struct {
		Responses []subResponse `json:"responses"`
	}
	if _, err := c.call(ctx, http.MethodPost, "/batch/v1", nil, req, &resp); err != nil {
		return nil, err
	}
	if len(resp.Responses) != len(posts) {
		return nil, fmt.Errorf("POST /batch/v1: %d answers for %d requests", len(resp.Responses), len(posts))
	}
	results := make([]wpsync.WriteResult, len(posts))
	for i, r := range resp.Responses {
		sub := req.Requests[i]
		if r.Status >= 200 && r.Status < 300 {
			var got post
			if err := json.Unmarshal(r.Body, &got); err != nil {
				results[i].Err = fmt.Errorf("%s %s in batch: %w", sub.Method, sub.Path, err)
				continue
			}
			results[i].Post = got.toSync(posts[i].Type)
			continue
		}
		// Sub-responses are WordPress's own JSON; the one decoder
		// reads them all the same.
		results[i].Err = decodeError(sub.Method, sub.Path, r.Status, "application/json", r.Body)
	}
	return results, nil
}
