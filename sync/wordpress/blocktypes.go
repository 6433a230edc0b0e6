package wordpress

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"

	wpsync "github.com/wpsync/wpsync/sync"
)

// blockType is one item of /wp/v2/block-types. PHP writes an empty
// associative array as [], so supports and attributes are read raw and
// taken only when they are objects.
type blockType struct {
	Name       string          `json:"name"`
	Supports   json.RawMessage `json:"supports"`
	Attributes json.RawMessage `json:"attributes"`
}

// BlockTypes implements sync.Publisher: the block types the site's
// editor registers, core's and plugins' (WordPress 5.5+; it needs the
// edit_posts capability), with only the named fields ("supports.className",
// "attributes.hasFixedLayout") in one small answer rather than the whole
// description of every block.
func (c *Client) BlockTypes(ctx context.Context, fields ...string) ([]wpsync.BlockType, error) {
	q := url.Values{"_fields": {"name," + strings.Join(fields, ",")}}
	var got []blockType
	if _, err := c.call(ctx, http.MethodGet, "/wp/v2/block-types", q, nil, &got); err != nil {
		return nil, err
	}
	out := make([]wpsync.BlockType, 0, len(got))
	for _, b := range got {
		t := wpsync.BlockType{Name: b.Name}
		if isObject(b.Supports) {
			_ = json.Unmarshal(b.Supports, &t.Supports)
		}
		if isObject(b.Attributes) {
			_ = json.Unmarshal(b.Attributes, &t.Attributes)
		}
		out = append(out, t)
	}
	return out, nil
}

func isObject(raw json.RawMessage) bool {
	return bytes.HasPrefix(bytes.TrimSpace(raw), []byte("{"))
}
